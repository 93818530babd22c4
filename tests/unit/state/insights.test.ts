// "What went wrong and why" findings explain the phenomena the sample scenarios were built to show.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import { findInsights } from '$lib/state/insights';

function insights(file: string, until?: number) {
	const scenario = loadScenario(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')));
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { sinks: [mem] });
	sim.runUntil(until ?? scenario.durationMs);
	return findInsights(sim, mem.events as TraceEvent[]);
}

describe('insights', () => {
	it('explains a duplicate delivery with its cause (SQS-STD-1)', () => {
		const f = insights('sqs-standard-duplicates.json').filter((x) => x.kind === 'duplicate');
		expect(f.length).toBeGreaterThan(0);
		expect(f.some((x) => /missed the delete|visibility timeout/.test(x.detail))).toBe(true);
		expect(f.every((x) => x.fix !== undefined)).toBe(true);
	});

	it('SQS-STD-5: a message released with ChangeMessageVisibility(0) is explained as released, not as a timeout', () => {
		const f = insights('sqs-fifo-release-reorders.json').filter((x) => x.kind === 'duplicate');
		expect(f.length).toBeGreaterThan(0);
		for (const x of f) {
			expect(x.detail).toContain('released it with ChangeMessageVisibility(0)');
			expect(x.detail).not.toContain('visibility timeout ran out');
		}
		// SQS-FIFO-5: the reordering is the consumer's, inside one group.
		const o = insights('sqs-fifo-release-reorders.json').find((x) => x.kind === 'out-of-order');
		expect(o?.detail).toContain('of its own FIFO group');
		expect(o?.fix).toContain('ESM-SQS-4');
		// A message that really timed out is still explained by the timeout.
		const t = insights('sqs-visibility-too-short.json').filter((x) => x.kind === 'duplicate');
		expect(t.some((x) => /VisibilityTimeout is|visibility timeout ran out/.test(x.detail))).toBe(true);
	});

	it('explains a DLQ move with the receive count (SQS-DLQ-1)', () => {
		const f = insights('sqs-poison-dlq.json').filter((x) => x.kind === 'dead-lettered');
		expect(f[0]?.detail).toMatch(/received 3 times \(maxReceiveCount 3\)/);
	});

	it('explains a FIFO stall by the slow message in flight (SQS-FIFO-5)', () => {
		const f = insights('sqs-fifo-groups.json').filter((x) => x.kind === 'fifo-blocked');
		expect(f.length).toBeGreaterThan(0);
		expect(f[0]?.title).toMatch(/FIFO group acme blocked/);
	});

	it('reports throttled puts on the hot shard (KIN-4) and no violations', () => {
		const all = insights('kinesis-hot-key.json');
		expect(all.some((x) => x.kind === 'throttled')).toBe(true);
		expect(all.filter((x) => x.kind === 'violation')).toEqual([]);
	});
});

describe('insights: order', () => {
	it('SQS-STD-1: reports messages processed out of order by a standard-queue consumer with two workers', () => {
		const f = insights('sqs-standard-duplicates.json').filter((x) => x.kind === 'out-of-order');
		expect(f).toHaveLength(1);
		expect(f[0]?.detail).toMatch(/best-effort order/);
	});

	it('reports nothing out of order for a single FIFO group processed by one worker at a time', () => {
		const f = insights('sns-fifo-topic.json').filter(
			(x) => x.kind === 'out-of-order' && x.node === 'storefront'
		);
		expect(f).toEqual([]);
	});
});

describe('insights: dead-letter cycles (SQS-DLQ-1)', () => {
	/** a's DLQ is b and b's is a; every processing attempt fails, so messages go round and round. */
	function cycleRun(consumers: boolean, durationMs = 30_000) {
		const scenario = loadScenario({
			version: 1,
			name: 'dlq cycle',
			seed: 1,
			durationMs,
			nodes: [
				{
					id: 'a',
					type: 'sqs-queue',
					VisibilityTimeout: 1,
					RedrivePolicy: { deadLetterTargetArn: 'b', maxReceiveCount: 2 }
				},
				{
					id: 'b',
					type: 'sqs-queue',
					VisibilityTimeout: 1,
					RedrivePolicy: { deadLetterTargetArn: 'a', maxReceiveCount: 2 }
				},
				{ id: 'p', type: 'producer', target: 'a', Rate: { type: 'fixed', perSecond: 1 }, Count: 3 },
				...(consumers
					? [
							{ id: 'ca', type: 'consumer' as const, source: 'a', Failure: { probability: 1 } },
							{ id: 'cb', type: 'consumer' as const, source: 'b', Failure: { probability: 1 } }
						]
					: [])
			]
		});
		const mem = new MemorySink();
		const sim = createSimulation(scenario, { sinks: [mem] });
		sim.runUntil(durationMs);
		const events = mem.events as TraceEvent[];
		return { findings: findInsights(sim, events), events };
	}

	it('reports the cycle with its queues, the moves along it, a fix and the time of the first move', () => {
		const { findings, events } = cycleRun(true);
		const moves = events.filter((e) => e.type === 'dead-lettered');
		expect(moves.length).toBeGreaterThan(10);
		const f = findings.filter((x) => x.kind === 'dlq-cycle');
		expect(f).toHaveLength(1);
		expect(f[0]).toMatchObject({
			title: 'Dead-letter cycle a → b → a',
			queues: ['a', 'b'],
			moves: moves.length,
			t: moves[0]?.t,
			msg: moves[0]?.msg,
			node: 'a'
		});
		expect(f[0]?.detail).toContain("a's dead-letter queue is b, b's dead-letter queue is a");
		expect(f[0]?.detail).toContain(`moved along it ${moves.length} times (3 messages)`);
		expect(f[0]?.fix).toMatch(/remove b's RedrivePolicy/);
	});

	it('reports a configured cycle before any message has moved, at t = 0', () => {
		const f = cycleRun(false).findings.filter((x) => x.kind === 'dlq-cycle');
		expect(f).toHaveLength(1);
		expect(f[0]).toMatchObject({ t: 0, moves: 0 });
		expect(f[0]?.detail).toContain('No message has moved around it yet.');
	});

	it('reports no cycle for an ordinary DLQ', () => {
		expect(insights('sqs-poison-dlq.json').filter((x) => x.kind === 'dlq-cycle')).toEqual([]);
	});
});
