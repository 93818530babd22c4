// npm run golden:update — rewrite the committed golden traces from the current code, deliberately, after a
// change in behaviour that is meant. The golden test itself never writes, so it always compares.
import { writeFileSync } from 'node:fs';
import { GOLDEN, goldenFile, goldenTrace } from '../tests/golden/cases';

for (const g of GOLDEN) {
	writeFileSync(goldenFile(g.scenario), goldenTrace(g.scenario, g.untilMs));
	console.log(`wrote ${goldenFile(g.scenario)}`);
}
