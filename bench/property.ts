// Property benchmark: many random scenarios over every model, each run to the end with every checker on and
// checked for determinism (tests/property/run.ts). Returns how many ran, what failed and how long it took;
// failures are printed with fast-check's seed and path and the shrunk scenario JSON.

import { checkRandomScenarios, formatFailure, type RandomScenarioFailure } from '../tests/property/run';

export interface PropertyBenchResult {
	runs: number;
	failures: RandomScenarioFailure[];
	ms: number;
}

export async function propertyBench(runs = 1000, seed = 42): Promise<PropertyBenchResult> {
	const report = checkRandomScenarios({ runs, seed });
	for (const f of report.failures) console.log(`random scenario failed:\n${formatFailure(f)}\n`);
	return report;
}
