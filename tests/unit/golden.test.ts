// Golden traces: the normalised trace of a few sample scenarios is committed under tests/golden, so a
// change in behaviour shows up as a readable diff. This test only compares; regenerate deliberately with
// `npm run golden:update` and review the diff.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN, goldenFile, goldenTrace } from '../golden/cases';

describe('golden traces', () => {
	for (const g of GOLDEN) {
		it(`${g.scenario}: the first ${g.untilMs / 1000} s match tests/golden/${g.scenario}.jsonl`, () => {
			const actual = goldenTrace(g.scenario, g.untilMs);
			const file = goldenFile(g.scenario);
			expect(existsSync(file), `${file} is missing; run npm run golden:update`).toBe(true);
			const expected = readFileSync(file, 'utf8');
			// Compare line by line so a failure shows the first differing event.
			const a = actual.split('\n');
			const e = expected.split('\n');
			const first = a.findIndex((line, i) => line !== e[i]);
			expect(
				first === -1 && a.length === e.length ? 'same' : `line ${first + 1}: ${a[first]} ≠ ${e[first]}`
			).toBe('same');
		});
	}
});
