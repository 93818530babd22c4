// The golden cases: sample scenarios whose normalised trace (their first seconds) is committed beside this
// file. Shared by the golden test (which only compares) and scripts/update-golden.ts (which only writes).
import { readFileSync } from 'node:fs';
import { MemorySink, toJsonl } from '../../src/lib/engine';
import { loadScenario } from '../../src/lib/services';
import { createSimulation } from '../../src/lib/services';

export const GOLDEN: { scenario: string; untilMs: number }[] = [
	{ scenario: 'sqs-standard-duplicates', untilMs: 12_000 },
	{ scenario: 'sqs-fifo-groups', untilMs: 12_000 },
	{ scenario: 'sqs-poison-dlq', untilMs: 70_000 },
	{ scenario: 'sns-flaky-http', untilMs: 40_000 },
	{ scenario: 'kinesis-lambda-bisect', untilMs: 4_000 }
];

export const goldenFile = (scenario: string) => `tests/golden/${scenario}.jsonl`;

/** The scenario's trace up to `untilMs`, as JSONL. */
export function goldenTrace(name: string, untilMs: number): string {
	const scenario = loadScenario(JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')));
	const mem = new MemorySink();
	createSimulation(scenario, { sinks: [mem] }).runUntil(untilMs);
	return toJsonl(mem.events);
}
