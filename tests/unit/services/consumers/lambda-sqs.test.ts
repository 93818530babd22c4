// A Lambda function behind an SQS event source mapping (ESM-SQS-1..6, SQS-DLQ-1, SQS-STD-4), driven through
// small scenarios built in code and run on the simulated clock. Every run must also pass every checker.
import { describe, expect, it } from 'vitest';
import { formatIssue, MemorySink, type TraceEvent, type TraceOf, type TraceType } from '$lib/engine';
import { loadScenario, parseScenario } from '$lib/services';
import { checkSimulation, createSimulation, LambdaSqsEventSource, SqsQueue } from '$lib/services';

type Node = Record<string, unknown>;

interface Setup {
	lambda?: Node;
	queue?: Node;
	producer?: Node;
	/** More nodes, after the four standard ones (so the lambda stays at nodes[3]). */
	extra?: Node[];
	fifo?: boolean;
	durationMs?: number;
	seed?: number;
}

/** producer p → queue q (with a DLQ) → lambda fn; fn is nodes[3]. */
function scenario(o: Setup = {}) {
	const fifo = o.fifo ?? false;
	return {
		version: 1,
		name: 'esm',
		seed: o.seed ?? 1,
		durationMs: o.durationMs ?? 60_000,
		nodes: [
			{
				id: 'p',
				type: 'producer',
				target: 'q',
				Rate: { type: 'burst', size: 5, everySeconds: 3600 },
				Count: 5,
				Body: 'm{n};',
				LatencyMs: 0,
				...(fifo ? { MessageGroupId: 'g', MessageDeduplicationId: 'd{n}' } : {}),
				...o.producer
			},
			{
				id: 'q',
				type: 'sqs-queue',
				QueueName: fifo ? 'q.fifo' : 'q',
				FifoQueue: fifo,
				VisibilityTimeout: 30,
				Nondeterminism: 'off',
				...o.queue
			},
			{
				id: 'dlq',
				type: 'sqs-queue',
				QueueName: fifo ? 'dlq.fifo' : 'dlq',
				FifoQueue: fifo,
				MessageRetentionPeriod: 1_209_600,
				Nondeterminism: 'off'
			},
			{ id: 'fn', type: 'lambda', source: 'q', ProcessingTime: { type: 'fixed', ms: 10 }, ...o.lambda },
			...(o.extra ?? [])
		]
	};
}

function start(input: unknown) {
	const mem = new MemorySink();
	const sim = createSimulation(loadScenario(input), { sinks: [mem] });
	const fn = () => sim.nodes.get('fn') as LambdaSqsEventSource;
	const q = () => sim.nodes.get('q') as SqsQueue;
	return { sim, mem, fn, q };
}

/** Runs the whole scenario and checks every invariant. */
function run(input: unknown) {
	const r = start(input);
	r.sim.run();
	const events = r.mem.events as TraceEvent[];
	expect(checkSimulation(r.sim, events)).toEqual([]);
	return { ...r, events };
}

function only<K extends TraceType>(events: readonly TraceEvent[], type: K): TraceOf<K>[] {
	return events.filter((e): e is TraceOf<K> => e.type === type);
}

/** `path: message` of every scenario issue (empty when valid). */
function issues(input: unknown): string[] {
	const r = parseScenario(input);
	return r.ok ? [] : r.errors.map(formatIssue);
}

describe('ESM-SQS-1 polling and batching', () => {
	it('ESM-SQS-1: BatchSize defaults to 10 and, with no window, each receive is invoked at once', () => {
		const { events } = run(
			scenario({ producer: { Rate: { type: 'burst', size: 25, everySeconds: 3600 }, Count: 25 } })
		);
		const sizes = only(events, 'batch-invoked').map((e) => e.size);
		expect(Math.max(...sizes)).toBe(10);
		expect(sizes.reduce((a, b) => a + b, 0)).toBe(25);
		// No window: every batch starts within one poll round trip of the burst.
		expect(only(events, 'batch-invoked').every((e) => e.t <= 20)).toBe(true);
		expect(only(events, 'deleted')).toHaveLength(25);
	});

	it('ESM-SQS-1: a batch smaller than 10 never takes more than BatchSize messages', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 3 },
				producer: { Rate: { type: 'burst', size: 20, everySeconds: 3600 }, Count: 20 }
			})
		);
		const sizes = only(events, 'batch-invoked').map((e) => e.size);
		expect(Math.max(...sizes)).toBe(3);
		expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
	});

	it('ESM-SQS-1: a full batch is invoked at once, before the window ends, gathering several receives', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 20, MaximumBatchingWindowInSeconds: 5, MaximumConcurrency: 2 },
				producer: { Rate: { type: 'burst', size: 40, everySeconds: 3600 }, Count: 40 }
			})
		);
		const invoked = only(events, 'batch-invoked');
		expect(invoked.map((e) => e.size)).toEqual([20, 20]);
		// A receive returns at most 10, so a batch of 20 needed two; it did not wait for the 5 s window.
		for (const e of invoked) expect(e.t).toBeLessThan(1000);
	});

	it('ESM-SQS-1: a batch that does not fill up is invoked when the window ends', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 20, MaximumBatchingWindowInSeconds: 2, MaximumConcurrency: 2 },
				producer: { Rate: { type: 'fixed', perSecond: 5 }, Count: 4, StartAtMs: 500 }
			})
		);
		const invoked = only(events, 'batch-invoked');
		expect(invoked.map((e) => e.size).reduce((a, b) => a + b, 0)).toBe(4);
		const receivedAt = new Map(only(events, 'received').map((e) => [e.msg, e.t]));
		for (const b of invoked) {
			// The window opens with the batch's first message and the batch is invoked when it ends.
			const members = only(events, 'processing-started').filter((e) => e.worker === b.worker && e.t === b.t);
			expect(members).toHaveLength(b.size);
			const opened = Math.min(...members.map((e) => receivedAt.get(e.msg) ?? Number.NaN));
			expect(b.t).toBeGreaterThanOrEqual(opened + 2000);
			expect(b.t).toBeLessThanOrEqual(opened + 2000 + 10);
		}
		// Messages arriving within a window join it rather than starting a batch of their own.
		expect(invoked.some((b) => b.size > 1)).toBe(true);
	});

	it('ESM-SQS-1: each batch gets its own window; the timer of an earlier full batch does not cut it short', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 20, MaximumBatchingWindowInSeconds: 2, MaximumConcurrency: 2 },
				producer: { Rate: { type: 'burst', size: 40, everySeconds: 3600 }, Count: 40 },
				extra: [
					{
						id: 'late',
						type: 'producer',
						target: 'q',
						Rate: { type: 'fixed', perSecond: 1 },
						Count: 1,
						StartAtMs: 1500,
						LatencyMs: 0
					}
				]
			})
		);
		const invoked = only(events, 'batch-invoked');
		expect(invoked.map((e) => e.size)).toEqual([20, 20, 1]);
		// The late message arrives at 1.5 s; its window ends 2 s later, not when the first window (≈2 s) did.
		expect(invoked[2]?.t).toBeGreaterThanOrEqual(3500);
		expect(invoked[2]?.t).toBeLessThanOrEqual(3520);
	});

	it('ESM-SQS-1: the messages of a batch stay in flight in SQS while the function runs', () => {
		const { sim, mem, fn, q } = start(
			scenario({ lambda: { BatchSize: 5, ProcessingTime: { type: 'fixed', ms: 1000 }, Timeout: 10 } })
		);
		sim.runUntil(2500);
		expect(q().counts.inFlight).toBe(5);
		expect(q().counts.available).toBe(0);
		expect(fn().active).toBe(1);
		expect(only(mem.events, 'deleted')).toHaveLength(0);
		sim.runUntil(6000);
		expect(q().counts.inFlight).toBe(0);
		expect(fn().active).toBe(0);
		expect(only(mem.events, 'deleted')).toHaveLength(5);
		sim.run();
		expect(checkSimulation(sim, mem.events)).toEqual([]);
	});

	it('ESM-SQS-1: a BatchSize over 10 needs a window of at least 1 s, with the exact error path', () => {
		expect(issues(scenario({ lambda: { BatchSize: 11 } }))).toEqual([
			'nodes[3].MaximumBatchingWindowInSeconds: must be at least 1 when BatchSize is over 10 (ESM-SQS-1)'
		]);
		expect(issues(scenario({ lambda: { BatchSize: 11, MaximumBatchingWindowInSeconds: 1 } }))).toEqual([]);
		expect(issues(scenario({ lambda: { BatchSize: 10 } }))).toEqual([]);
		expect(issues(scenario({ lambda: { BatchSize: 10_000, MaximumBatchingWindowInSeconds: 300 } }))).toEqual(
			[]
		);
		expect(issues(scenario({ lambda: { BatchSize: 10_001, MaximumBatchingWindowInSeconds: 1 } }))).toEqual([
			expect.stringMatching(/^nodes\[3\]\.BatchSize: /)
		]);
		expect(issues(scenario({ lambda: { MaximumBatchingWindowInSeconds: 301 } }))).toEqual([
			expect.stringMatching(/^nodes\[3\]\.MaximumBatchingWindowInSeconds: /)
		]);
	});

	it('ESM-SQS-1: a FIFO source takes batches of at most 10 and no batching window', () => {
		expect(issues(scenario({ fifo: true, lambda: { BatchSize: 10 } }))).toEqual([]);
		expect(
			issues(scenario({ fifo: true, lambda: { BatchSize: 10, MaximumBatchingWindowInSeconds: 1 } }))
		).toEqual(['nodes[3].MaximumBatchingWindowInSeconds: is not supported for FIFO queues (ESM-SQS-1)']);
		expect(issues(scenario({ fifo: true, lambda: { BatchSize: 11 } }))).toContain(
			'nodes[3].BatchSize: must be 1–10 for a FIFO queue (ESM-SQS-1)'
		);
		// The source may be named by its queue name or ARN; the rule still applies.
		expect(
			issues(
				scenario({
					fifo: true,
					lambda: { source: 'arn:aws:sqs:us-east-1:000000000000:q.fifo', MaximumBatchingWindowInSeconds: 2 }
				})
			)
		).toEqual(['nodes[3].MaximumBatchingWindowInSeconds: is not supported for FIFO queues (ESM-SQS-1)']);
	});

	it('ESM-SQS-1: the source must be an existing queue or stream', () => {
		expect(issues(scenario({ lambda: { source: 'nowhere' } }))).toEqual([
			"nodes[3].source: no node with id 'nowhere'"
		]);
		expect(issues(scenario({ lambda: { source: 'p' } }))).toEqual([
			"nodes[3].source: 'p' is a producer; expected sqs-queue or kinesis-stream"
		]);
	});
});

describe('ESM-SQS-2 visibility advice', () => {
	it('ESM-SQS-2: with a visibility timeout shorter than the function, messages reappear while still processed', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 1, ProcessingTime: { type: 'fixed', ms: 3000 }, Timeout: 10 },
				queue: { VisibilityTimeout: 1 },
				producer: { Count: 1, Rate: { type: 'burst', size: 1, everySeconds: 3600 } },
				durationMs: 20_000
			})
		);
		const starts = only(events, 'processing-started');
		// Received again 1 s after the first receive, while the first invocation still runs.
		expect(starts.length).toBeGreaterThan(1);
		expect((starts[1]?.t ?? 0) - (starts[0]?.t ?? 0)).toBeLessThan(3000);
		expect(starts[1]?.receiveCount).toBe(2);
		// The first invocation's delete uses an outdated receipt handle and removes nothing (SQS-STD-6).
		expect(only(events, 'stale-handle-delete').length).toBeGreaterThan(0);
		expect(only(events, 'processed').filter((e) => e.ok && e.again).length).toBeGreaterThan(0);
	});
});

describe('ESM-SQS-3 batch outcome', () => {
	it('ESM-SQS-3: a successful batch is deleted as a whole by the function', () => {
		const { events, q } = run(scenario());
		expect(only(events, 'batch-result')).toEqual([expect.objectContaining({ ok: true, failed: 0 })]);
		expect(only(events, 'deleted').map((e) => e.by)).toEqual(['fn', 'fn', 'fn', 'fn', 'fn']);
		expect(q().counts).toMatchObject({ available: 0, inFlight: 0, delayed: 0 });
	});

	it('ESM-SQS-3: a failed batch is not deleted and returns after the visibility timeout (SQS-STD-4)', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 10, Failure: { bodyContains: 'm3;' } },
				queue: { VisibilityTimeout: 10 },
				durationMs: 15_000
			})
		);
		const results = only(events, 'batch-result');
		expect(results[0]).toMatchObject({ ok: false, failed: 5, error: 'Unhandled', cause: 'function-error' });
		const firstReceive = only(events, 'received').filter((e) => e.receiveCount === 1);
		expect(firstReceive).toHaveLength(5);
		// Nothing deleted; each message becomes visible exactly VisibilityTimeout after its receive.
		const expired = only(events, 'visibility-expired');
		expect(expired).toHaveLength(5);
		for (const r of firstReceive) {
			const e = expired.find((x) => x.msg === r.msg);
			expect(e?.t).toBe(r.t + 10_000);
			expect(only(events, 'deleted').some((d) => d.msg === r.msg && d.t < (e?.t ?? 0))).toBe(false);
		}
		// ...and is then received again with its receive count raised.
		const second = only(events, 'processing-started').filter((e) => e.receiveCount === 2);
		expect(second).toHaveLength(5);
		expect(second.every((e) => e.t >= (firstReceive[0]?.t ?? 0) + 10_000)).toBe(true);
		// The poison message fails the batch and the good ones were processed twice.
		expect(only(events, 'processed').filter((e) => !e.ok && e.cause === 'poison-message')).toHaveLength(2);
		expect(only(events, 'processed').filter((e) => e.ok && e.again)).toHaveLength(4);
	});

	it('ESM-SQS-3: a function timeout fails the whole batch at the timeout', () => {
		const { events } = run(
			scenario({
				lambda: { BatchSize: 5, Timeout: 1, ProcessingTime: { type: 'fixed', ms: 300 } },
				queue: { VisibilityTimeout: 10 },
				durationMs: 5_000
			})
		);
		const invoked = only(events, 'batch-invoked')[0];
		// 5 × 300 ms > 1 s: the invocation is cut at the 1 s timeout.
		expect(invoked?.until).toBe((invoked?.t ?? 0) + 1000);
		const result = only(events, 'batch-result')[0];
		expect(result).toMatchObject({
			t: invoked?.until,
			ok: false,
			failed: 5,
			error: 'Task timed out',
			cause: 'function-timeout'
		});
		const processed = only(events, 'processed');
		expect(processed).toHaveLength(5);
		expect(processed.every((e) => !e.ok && e.cause === 'function-timeout')).toBe(true);
		expect(only(events, 'deleted')).toHaveLength(0);
	});

	it('ESM-SQS-3: a timeout fails the whole batch even with ReportBatchItemFailures', () => {
		const { events } = run(
			scenario({
				lambda: {
					BatchSize: 5,
					Timeout: 1,
					ProcessingTime: { type: 'fixed', ms: 300 },
					FunctionResponseTypes: ['ReportBatchItemFailures']
				},
				queue: { VisibilityTimeout: 10 },
				durationMs: 5_000
			})
		);
		expect(only(events, 'batch-result')[0]).toMatchObject({
			ok: false,
			failed: 5,
			cause: 'function-timeout'
		});
		expect(only(events, 'deleted')).toHaveLength(0);
	});

	it('SQS-DLQ-1: a poison message is received maxReceiveCount times, then moved on the next receive', () => {
		const { events, sim } = run(
			scenario({
				lambda: { BatchSize: 1, Failure: { bodyContains: 'poison' } },
				queue: { VisibilityTimeout: 2, RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 3 } },
				producer: { Body: '{cycle:ok|poison}', Count: 4 }
			})
		);
		const dead = only(events, 'dead-lettered');
		expect(dead).toHaveLength(2);
		expect(dead.every((e) => e.receiveCount === 3 && e.maxReceiveCount === 3 && e.dlq === 'dlq')).toBe(true);
		// The function saw each poison message exactly 3 times; the good ones once.
		for (const d of dead) {
			expect(only(events, 'processing-started').filter((e) => e.origin === d.origin)).toHaveLength(3);
		}
		expect(only(events, 'processed').filter((e) => e.ok)).toHaveLength(2);
		expect((sim.nodes.get('dlq') as SqsQueue).counts.available).toBe(2);
	});
});

describe('ESM-SQS-4 partial batch response', () => {
	it('ESM-SQS-4: with ReportBatchItemFailures only the failed message returns; the rest are deleted', () => {
		const { events } = run(
			scenario({
				lambda: {
					BatchSize: 10,
					Failure: { bodyContains: 'm3;' },
					FunctionResponseTypes: ['ReportBatchItemFailures']
				},
				queue: { VisibilityTimeout: 10 },
				durationMs: 15_000
			})
		);
		const first = only(events, 'batch-result')[0];
		expect(first).toMatchObject({ ok: false, failed: 1, error: 'batchItemFailures', cause: 'partial-batch' });
		const deletedAt = only(events, 'deleted').filter((e) => e.t === first?.t);
		expect(deletedAt.map((e) => e.origin).sort()).toEqual(['p-1', 'p-2', 'p-4', 'p-5']);
		// Only p-3 comes back, after its visibility timeout.
		const again = only(events, 'processing-started').filter((e) => e.receiveCount > 1);
		expect(again.length).toBeGreaterThan(0);
		expect(again.every((e) => e.origin === 'p-3')).toBe(true);
		expect(only(events, 'processed').some((e) => e.again)).toBe(false);
	});

	it('ESM-SQS-4: an empty failure list means the whole batch succeeded', () => {
		const { events } = run(scenario({ lambda: { FunctionResponseTypes: ['ReportBatchItemFailures'] } }));
		expect(only(events, 'batch-result')).toEqual([expect.objectContaining({ ok: true, failed: 0 })]);
		expect(only(events, 'deleted')).toHaveLength(5);
	});

	it('ESM-SQS-4: for FIFO the first failure and every later message return, in order', () => {
		const { events } = run(
			scenario({
				fifo: true,
				lambda: {
					BatchSize: 10,
					Failure: { bodyContains: 'm3;' },
					FunctionResponseTypes: ['ReportBatchItemFailures']
				},
				queue: { VisibilityTimeout: 10 },
				durationMs: 15_000
			})
		);
		const first = only(events, 'batch-result')[0];
		expect(first).toMatchObject({ ok: false, failed: 3, cause: 'partial-batch' });
		expect(
			only(events, 'deleted')
				.filter((e) => e.t === first?.t)
				.map((e) => e.origin)
		).toEqual(['p-1', 'p-2']);
		// The group stays locked until the returned messages' visibility runs out; then they come back in order.
		const again = only(events, 'received').filter((e) => e.receiveCount === 2);
		expect(again.map((e) => e.origin)).toEqual(['p-3', 'p-4', 'p-5']);
		expect(again.every((e) => e.t >= (first?.t ?? 0) + 9_000)).toBe(true);
	});
});

describe('ESM-SQS-5 scaling and reserved concurrency', () => {
	it('ESM-SQS-5: a mapping starts with 5 pollers (or MaximumConcurrency, if lower)', () => {
		const { events, fn } = run(scenario({ durationMs: 10_000 }));
		expect(only(events, 'esm-scaled')).toEqual([expect.objectContaining({ t: 0, pollers: 5 })]);
		expect(fn().pollers).toHaveLength(5);
		expect(fn().target).toBe(5);

		const capped = run(scenario({ lambda: { MaximumConcurrency: 2 }, durationMs: 10_000 }));
		expect(only(capped.events, 'esm-scaled').map((e) => e.pollers)).toEqual([2]);
		expect(capped.fn().pollers).toHaveLength(2);
	});

	it('ESM-SQS-5: adds up to 300 pollers a minute while a backlog waits, capped by MaximumConcurrency', () => {
		const { events, fn } = run(
			scenario({
				lambda: {
					BatchSize: 1,
					ProcessingTime: { type: 'fixed', ms: 50_000 },
					Timeout: 60,
					MaximumConcurrency: 700
				},
				queue: { VisibilityTimeout: 600 },
				producer: { Rate: { type: 'burst', size: 5000, everySeconds: 3600 }, Count: 5000 },
				durationMs: 200_000
			})
		);
		const scaled = only(events, 'esm-scaled');
		expect(scaled.map((e) => [e.t, e.pollers])).toEqual([
			[0, 5],
			[60_000, 305],
			[120_000, 605],
			[180_000, 700]
		]);
		expect(scaled.slice(1).every((e) => e.backlog > 0)).toBe(true);
		expect(fn().target).toBe(700);
		// Concurrency follows the pollers: 700 batches of 1 run at once.
		expect(fn().active).toBe(700);
	});

	it('ESM-SQS-5: without a backlog the mapping stays at 5 pollers', () => {
		const { events } = run(
			scenario({
				producer: { Rate: { type: 'fixed', perSecond: 2 }, Count: undefined },
				durationMs: 300_000
			})
		);
		expect(only(events, 'esm-scaled').map((e) => e.pollers)).toEqual([5]);
		expect(only(events, 'processed').length).toBeGreaterThan(500);
	});

	it('ESM-SQS-5: when the backlog is gone it drops back to 5 pollers and the others retire', () => {
		const { events, fn, sim, mem } = run(
			scenario({
				lambda: { BatchSize: 10, ProcessingTime: { type: 'fixed', ms: 1_000 }, Timeout: 60 },
				queue: { VisibilityTimeout: 600 },
				producer: { Rate: { type: 'burst', size: 4000, everySeconds: 3600 }, Count: 4000 },
				durationMs: 200_000
			})
		);
		expect(only(events, 'esm-scaled').map((e) => [e.t, e.pollers])).toEqual([
			[0, 5],
			[60_000, 305],
			[120_000, 5]
		]);
		// All 4000 messages were processed once, and the extra pollers retired.
		expect(only(events, 'processed').filter((e) => e.ok)).toHaveLength(4000);
		expect(fn().pollers).toHaveLength(305);
		expect(fn().pollers.filter((p) => p.status !== 'retired')).toHaveLength(5);
		expect(
			fn()
				.pollers.slice(0, 5)
				.every((p) => p.status !== 'retired')
		).toBe(true);
		expect(checkSimulation(sim, mem.events)).toEqual([]);
	});

	it('ESM-SQS-5: a reserved-concurrency cap throttles batches, which return after the visibility timeout', () => {
		const { events } = run(
			scenario({
				lambda: {
					BatchSize: 1,
					ProcessingTime: { type: 'fixed', ms: 5000 },
					Timeout: 10,
					ReservedConcurrency: 1
				},
				queue: { VisibilityTimeout: 10 },
				durationMs: 120_000
			})
		);
		const throttled = only(events, 'batch-result').filter((e) => e.error === 'TooManyRequestsException');
		expect(throttled.length).toBeGreaterThan(0);
		expect(throttled.every((e) => !e.ok && e.cause === 'throttled' && e.failed === 1)).toBe(true);
		// Never more than one invocation at a time.
		const spans = only(events, 'batch-invoked').map((e) => [e.t, e.until] as const);
		for (const [a, b] of spans) expect(spans.filter(([c, d]) => c < b && a < d)).toHaveLength(1);
		// Throttled messages are not deleted: they come back with a higher receive count.
		expect(only(events, 'visibility-expired').length).toBeGreaterThan(0);
		expect(only(events, 'processed').filter((e) => e.ok)).toHaveLength(5);
	});

	it('ESM-SQS-5: throttles drive messages to the DLQ even though the function never fails', () => {
		const { events, sim } = run(
			scenario({
				lambda: {
					BatchSize: 1,
					ProcessingTime: { type: 'fixed', ms: 2000 },
					Timeout: 10,
					ReservedConcurrency: 1
				},
				queue: { VisibilityTimeout: 3, RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 2 } },
				durationMs: 120_000
			})
		);
		expect(only(events, 'processed').every((e) => e.ok)).toBe(true);
		const dead = only(events, 'dead-lettered');
		expect(dead.length).toBeGreaterThan(0);
		expect(dead.every((e) => e.receiveCount === 2)).toBe(true);
		const dlq = sim.nodes.get('dlq') as SqsQueue;
		expect(dlq.counts.available).toBe(dead.length);
		expect(dead.length + only(events, 'processed').length).toBe(5);
	});

	it('ESM-SQS-5: with reserved concurrency 0 every batch is throttled and every message is dead-lettered', () => {
		const { events, fn } = run(
			scenario({
				lambda: { ReservedConcurrency: 0 },
				queue: { VisibilityTimeout: 2, RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 3 } },
				durationMs: 60_000
			})
		);
		expect(only(events, 'batch-invoked')).toHaveLength(0);
		expect(only(events, 'processing-started')).toHaveLength(0);
		expect(
			only(events, 'dead-lettered')
				.map((e) => e.origin)
				.sort()
		).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5']);
		expect(fn().active).toBe(0);
	});
});

describe('ESM-SQS-6 FIFO sources', () => {
	const groups = (extra: Node = {}) =>
		scenario({
			fifo: true,
			lambda: {
				BatchSize: 10,
				ProcessingTime: { type: 'uniform', minMs: 50, maxMs: 400 },
				Failure: { probability: 0.2 },
				FunctionResponseTypes: ['ReportBatchItemFailures'],
				...extra
			},
			queue: { VisibilityTimeout: 5 },
			producer: {
				Rate: { type: 'poisson', perSecond: 20 },
				Count: 300,
				MessageGroupId: 'g{n%4}'
			},
			durationMs: 300_000,
			seed: 7
		});

	/** Successful processing per group, as producer counters. */
	function okOrder(events: readonly TraceEvent[], group: (origin: string) => string) {
		const per = new Map<string, number[]>();
		for (const e of only(events, 'processed')) {
			if (!e.ok || e.origin === undefined) continue;
			const n = Number(e.origin.split('-')[1]);
			const g = group(e.origin);
			per.set(g, [...(per.get(g) ?? []), n]);
		}
		return per;
	}

	it('ESM-SQS-6: each group is processed in order, exactly once, despite partial failures', () => {
		const { events } = run(groups());
		expect(only(events, 'processed').some((e) => !e.ok)).toBe(true);
		const per = okOrder(events, (o) => `g${Number(o.split('-')[1]) % 4}`);
		expect([...per.keys()].sort()).toEqual(['g0', 'g1', 'g2', 'g3']);
		for (const [g, ns] of per) {
			const r = Number(g.slice(1));
			const expected = Array.from({ length: 300 }, (_, k) => k + 1).filter((n) => n % 4 === r);
			expect(ns, g).toEqual(expected);
		}
	});

	it('ESM-SQS-6: without a partial response, messages are first processed in group order', () => {
		const { events } = run(groups({ FunctionResponseTypes: [] }));
		// A failed batch returns whole (ESM-SQS-3), so earlier messages of it run again; but no message is
		// processed for the first time before an earlier message of its group.
		expect(only(events, 'processed').some((e) => e.ok && e.again)).toBe(true);
		const per = okOrder(events, (o) => `g${Number(o.split('-')[1]) % 4}`);
		for (const [g, ns] of per) {
			const firsts = [...new Set(ns)];
			const r = Number(g.slice(1));
			const all = Array.from({ length: 300 }, (_, k) => k + 1).filter((n) => n % 4 === r);
			// Whole-batch failures are slow going, so a group may not finish: but it never skips ahead.
			expect(firsts.length, g).toBeGreaterThan(20);
			expect(firsts, g).toEqual(all.slice(0, firsts.length));
		}
	});

	it('ESM-SQS-6: batches keep order within each group, and concurrency is at most the number of groups', () => {
		const { events } = run(groups());
		for (const b of only(events, 'batch-invoked')) {
			const members = only(events, 'processing-started').filter((e) => e.t === b.t && e.worker === b.worker);
			const byGroup = new Map<number, number[]>();
			for (const m of members) {
				const n = Number(m.origin?.split('-')[1]);
				byGroup.set(n % 4, [...(byGroup.get(n % 4) ?? []), n]);
			}
			for (const ns of byGroup.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
		}
		const spans = only(events, 'batch-invoked').map((e) => [e.t, e.until] as const);
		for (const [a] of spans) expect(spans.filter(([c, d]) => c <= a && a < d).length).toBeLessThanOrEqual(4);
	});

	it('ESM-SQS-6: a failing group blocks its later messages while other groups keep going', () => {
		const { events } = run(
			scenario({
				fifo: true,
				lambda: { BatchSize: 1, Failure: { bodyContains: 'bad' } },
				queue: { VisibilityTimeout: 5, RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 2 } },
				producer: {
					Rate: { type: 'burst', size: 6, everySeconds: 3600 },
					Count: 6,
					Body: '{cycle:x|bad|ok|ok|ok|ok}',
					MessageGroupId: '{cycle:a|a|b|a|b|a}'
				},
				durationMs: 60_000
			})
		);
		// n=1 bad (group a), n=3 group a; n=2, n=4 group b; n=5 group a (ok).
		const okAt = new Map(
			only(events, 'processed')
				.filter((e) => e.ok)
				.map((e) => [e.origin, e.t])
		);
		const dead = only(events, 'dead-lettered');
		expect(dead.map((e) => e.origin)).toEqual(['p-1']);
		// Group b is done long before the poison message of group a is dead-lettered.
		expect(okAt.get('p-2')).toBeLessThan(dead[0]?.t ?? 0);
		expect(okAt.get('p-4')).toBeLessThan(dead[0]?.t ?? 0);
		// Group a's later messages wait for it.
		expect(okAt.get('p-3')).toBeGreaterThan(dead[0]?.t ?? 0);
		expect(okAt.get('p-5')).toBeGreaterThan(okAt.get('p-3') ?? Infinity);
	});
});
