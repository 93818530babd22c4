// The Lambda SQS event source mapping (ESM-SQS-*), driven through small scenarios on the simulated clock.
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { loadScenario, parseScenario } from '$lib/services';
import { checkSimulation, createSimulation } from '$lib/services';

function scenario(
	lambda: Record<string, unknown>,
	queue: Record<string, unknown> = {},
	producer: Record<string, unknown> = {}
) {
	return {
		version: 1,
		name: 'esm',
		seed: 1,
		durationMs: 60_000,
		nodes: [
			{
				id: 'p',
				type: 'producer',
				target: 'q',
				Rate: { type: 'burst', size: 25, everySeconds: 3600 },
				Body: 'm {n}',
				LatencyMs: 0,
				...producer
			},
			{ id: 'q', type: 'sqs-queue', VisibilityTimeout: 30, Nondeterminism: 'off', ...queue },
			{ id: 'dlq', type: 'sqs-queue', Nondeterminism: 'off' },
			{ id: 'fn', type: 'lambda', source: 'q', ...lambda }
		]
	};
}

function run(input: unknown, untilMs?: number) {
	const mem = new MemorySink();
	const sim = createSimulation(loadScenario(input), { sinks: [mem] });
	sim.runUntil(untilMs ?? sim.durationMs);
	return { sim, events: mem.events as TraceEvent[] };
}

describe('ESM-SQS', () => {
	it('ESM-SQS-1: batches are at most BatchSize; a window gathers more than one receive', () => {
		const { sim, events } = run(
			scenario({ BatchSize: 20, MaximumBatchingWindowInSeconds: 2, MaximumConcurrency: 2 })
		);
		const sizes = events
			.filter((e) => e.type === 'batch-invoked')
			.map((e) => (e.type === 'batch-invoked' ? e.size : 0));
		expect(Math.max(...sizes)).toBeGreaterThan(10);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(20);
		expect(checkSimulation(sim, events)).toEqual([]);
	});

	it('ESM-SQS-1: BatchSize over 10 needs a window; FIFO sources take at most 10 and no window', () => {
		const r = parseScenario(scenario({ BatchSize: 20 }));
		expect(r.ok ? [] : r.errors.map((e) => e.path)).toContain('nodes[3].MaximumBatchingWindowInSeconds');
		const fifo = scenario(
			{ BatchSize: 11, MaximumBatchingWindowInSeconds: 1 },
			{ id: 'q', QueueName: 'q.fifo', FifoQueue: true },
			{ MessageGroupId: 'g', MessageDeduplicationId: 'd{n}' }
		);
		const f = parseScenario(fifo);
		expect(f.ok ? [] : f.errors.map((e) => e.path)).toEqual(
			expect.arrayContaining(['nodes[3].BatchSize', 'nodes[3].MaximumBatchingWindowInSeconds'])
		);
	});

	it('ESM-SQS-3: one failing message fails the whole batch; nothing is deleted until visibility runs out', () => {
		const { events } = run(
			scenario(
				{ BatchSize: 10, Failure: { bodyContains: 'm 3' } },
				{ VisibilityTimeout: 10 },
				{ Body: 'm {n}', Count: 5 }
			),
			9_000
		);
		const results = events.filter((e) => e.type === 'batch-result');
		expect(results.some((e) => e.type === 'batch-result' && !e.ok && e.failed === 5)).toBe(true);
		expect(events.filter((e) => e.type === 'deleted')).toHaveLength(0);
	});

	it('ESM-SQS-4: with ReportBatchItemFailures only the failed message returns', () => {
		const { events } = run(
			scenario(
				{
					BatchSize: 10,
					Failure: { bodyContains: 'm 3' },
					FunctionResponseTypes: ['ReportBatchItemFailures']
				},
				{ VisibilityTimeout: 10 },
				{ Count: 5 }
			),
			9_000
		);
		expect(events.filter((e) => e.type === 'deleted')).toHaveLength(4);
	});

	it('ESM-SQS-3/SQS-DLQ-1: a poison message reaches the DLQ after maxReceiveCount receives', () => {
		const { sim, events } = run(
			scenario(
				{ BatchSize: 1, Failure: { bodyContains: 'poison' } },
				{ VisibilityTimeout: 2, RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 3 } },
				{ Body: '{cycle:ok|poison}', Count: 4 }
			)
		);
		expect(events.filter((e) => e.type === 'dead-lettered')).toHaveLength(2);
		expect(checkSimulation(sim, events)).toEqual([]);
	});

	it('ESM-SQS-1: a function timeout fails the whole batch', () => {
		const { events } = run(
			scenario({ Timeout: 1, ProcessingTime: { type: 'fixed', ms: 2000 } }, {}, { Count: 1 }),
			5_000
		);
		expect(events.find((e) => e.type === 'batch-result')).toMatchObject({
			ok: false,
			error: 'Task timed out'
		});
	});

	it('ESM-SQS-5: starts with 5 pollers and adds up to 300 a minute while a backlog waits, up to MaximumConcurrency', () => {
		const { events } = run({
			...scenario(
				{ BatchSize: 10, ProcessingTime: { type: 'fixed', ms: 20_000 }, Timeout: 30, MaximumConcurrency: 50 },
				{ VisibilityTimeout: 120 },
				{ Rate: { type: 'fixed', perSecond: 50 } }
			),
			durationMs: 130_000
		});
		const scaled = events
			.filter((e) => e.type === 'esm-scaled')
			.map((e) => (e.type === 'esm-scaled' ? e.pollers : 0));
		expect(scaled[0]).toBe(5);
		expect(scaled).toContain(50);
		expect(Math.max(...scaled)).toBe(50);
	});

	it('ESM-SQS-5: a reserved-concurrency cap throttles batches back to the queue', () => {
		const { events } = run(
			scenario(
				{ BatchSize: 1, ProcessingTime: { type: 'fixed', ms: 5000 }, Timeout: 10, ReservedConcurrency: 1 },
				{ VisibilityTimeout: 10 },
				{ Count: 10 }
			),
			8_000
		);
		expect(events.some((e) => e.type === 'batch-result' && e.error === 'TooManyRequestsException')).toBe(
			true
		);
	});
});

describe('ESM-SQS-7 filtering', () => {
	it('ESM-SQS-7: messages that match no FilterCriteria pattern are deleted without invoking the function', () => {
		const { sim, events } = run(
			scenario(
				{ BatchSize: 10, FilterCriteria: { Filters: [{ Pattern: { body: { kind: ['order'] } } }] } },
				{},
				{ Body: '{"kind": "{cycle:order|ping}", "n": {n}}', Count: 10 }
			)
		);
		expect(checkSimulation(sim, events)).toEqual([]);
		expect(events.filter((e) => e.type === 'esm-filtered')).toHaveLength(5);
		const invoked = events.filter((e) => e.type === 'processing-started');
		expect(invoked).toHaveLength(5);
		expect(events.filter((e) => e.type === 'deleted')).toHaveLength(10);
	});
});
