// The sample SQS scenarios run clean under every checker and show the behaviour they were written to teach.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { duplicateDeliveries } from '$lib/engine/checks';
import { checkSimulation, createSimulation } from '$lib/services';

function run(file: string) {
	const scenario = loadScenario(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')));
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { sinks: [mem] });
	sim.run();
	return { sim, events: mem.events as TraceEvent[] };
}

describe('sample scenarios', () => {
	it('SQS-STD-1: standard-duplicates delivers some messages twice, each with its cause', () => {
		const { sim, events } = run('sqs-standard-duplicates.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const dups = duplicateDeliveries(events);
		expect(dups.length).toBeGreaterThan(0);
		expect(dups.every((d) => d.cause === 'copy-missed-delete' || d.cause === 'visibility-timeout')).toBe(
			true
		);
		expect(events.some((e) => e.type === 'receive-empty')).toBe(true);
	});

	it('SQS-FIFO-5: fifo-groups keeps order per group while a slow message holds its group', () => {
		const { sim, events } = run('sqs-fifo-groups.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		// While acme's slow message is processed, other groups are still received.
		const slow = events.find((e) => e.type === 'processing-started' && e.until - e.t >= 5000);
		expect(slow).toBeDefined();
		const during = events.filter(
			(e) => e.type === 'received' && e.t > (slow?.t ?? 0) && e.t < (slow?.t ?? 0) + 5000
		);
		expect(during.some((e) => e.type === 'received' && e.groupId !== 'acme')).toBe(true);
		expect(during.some((e) => e.type === 'received' && e.groupId === 'acme')).toBe(false);
	});

	it('SQS-DLQ-1/ESM-SQS-3: poison-dlq moves every poison message to the DLQ after 3 receives', () => {
		const { sim, events } = run('sqs-poison-dlq.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const dead = events.filter((e) => e.type === 'dead-lettered');
		expect(dead.length).toBeGreaterThan(5);
		// Every poison message sent early enough to fail three times ends in the DLQ.
		const poison = events.filter(
			(e) => e.type === 'produced' && e.body.includes('MALFORMED') && e.t < 120_000
		);
		const deadOrigins = new Set(dead.map((d) => d.origin));
		expect(poison.length).toBeGreaterThan(5);
		for (const p of poison) expect(deadOrigins.has(p.origin)).toBe(true);
		// Good messages that shared a batch with a poison one were processed again (ESM-SQS-3).
		expect(events.some((e) => e.type === 'processed' && e.ok && e.again)).toBe(true);
	});
});
