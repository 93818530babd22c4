// Golden traces: the normalised trace of a few sample scenarios is committed under tests/golden, so a
// change in behaviour shows up as a readable diff. Regenerate deliberately with UPDATE_GOLDEN=1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, MemorySink, toJsonl } from '$lib/engine';
import { createSimulation } from '$lib/models';

const GOLDEN: { scenario: string; untilMs: number }[] = [
	{ scenario: 'sqs-standard-duplicates', untilMs: 12_000 },
	{ scenario: 'sqs-fifo-groups', untilMs: 12_000 },
	{ scenario: 'sqs-poison-dlq', untilMs: 70_000 },
	{ scenario: 'sns-flaky-http', untilMs: 40_000 },
	{ scenario: 'kinesis-lambda-bisect', untilMs: 4_000 }
];

describe('golden traces', () => {
	for (const g of GOLDEN) {
		it(`${g.scenario}: the first ${g.untilMs / 1000} s match tests/golden/${g.scenario}.jsonl`, () => {
			const scenario = loadScenario(JSON.parse(readFileSync(`scenarios/${g.scenario}.json`, 'utf8')));
			const mem = new MemorySink();
			createSimulation(scenario, { sinks: [mem] }).runUntil(g.untilMs);
			const actual = toJsonl(mem.events);
			const file = `tests/golden/${g.scenario}.jsonl`;
			if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
			expect(existsSync(file), `${file} is missing; run UPDATE_GOLDEN=1 npx vitest run golden`).toBe(true);
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
