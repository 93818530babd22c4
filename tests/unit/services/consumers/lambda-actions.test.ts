// Operator actions on a Lambda function, behind an SQS and a Kinesis event source mapping: fail-all and
// slow-down (docs/ARCHITECTURE.md "Operator actions"); ESM-SQS-3/-4 and ESM-KIN-3 decide what a failure does.
import { describe, expect, it } from 'vitest';
import { run, type Json } from '../shared/action-helpers';

const sqsQueue = (extra: Json = {}): Json => ({
	id: 'q',
	type: 'sqs-queue',
	VisibilityTimeout: 2,
	Nondeterminism: 'off',
	...extra
});

describe('Lambda on SQS', () => {
	it('ESM-SQS-3: fail-all on fails every invocation from atMs; nothing is deleted; off lets them succeed', () => {
		const r = run(
			[
				{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 }, Count: 6 },
				sqsQueue(),
				{
					id: 'fn',
					type: 'lambda',
					source: 'q',
					BatchSize: 1,
					ProcessingTime: { type: 'fixed', ms: 10 },
					Actions: [
						{ action: 'fail-all', atMs: 1500, on: true },
						{ action: 'fail-all', atMs: 4500, on: false }
					]
				}
			],
			{ durationMs: 15_000 }
		);
		const processed = r.of('processed');
		const during = processed.filter((e) => e.t >= 1500 && e.t < 4500);
		expect(during.length).toBeGreaterThanOrEqual(3);
		expect(during.every((e) => !e.ok && e.cause === 'operator-fail-all')).toBe(true);
		expect(processed.filter((e) => e.t < 1500 || e.t >= 4500).every((e) => e.ok)).toBe(true);
		expect(r.of('batch-result', (e) => e.t >= 1500 && e.t < 4500).every((e) => !e.ok)).toBe(true);
		// Failed messages were not deleted: they came back after their visibility timeout and succeeded later.
		const failed = new Set(during.map((e) => e.msg));
		expect(r.of('deleted', (e) => failed.has(e.msg as string)).every((e) => e.t >= 4500)).toBe(true);
		expect(new Set(processed.filter((e) => e.ok).map((e) => e.origin)).size).toBe(6);
		expect(r.of('operator-action').map((e) => [e.t, e.node, e.action, e.params])).toEqual([
			[1500, 'fn', 'fail-all', { on: true }],
			[4500, 'fn', 'fail-all', { on: false }]
		]);
	});

	/** Five messages waiting when the function starts, so its first poll takes them as one batch. */
	const batchOfFive = (lambda: Json, queue: Json = {}): Json[] => [
		{
			id: 'p',
			type: 'producer',
			target: 'q',
			Rate: { type: 'burst', size: 5, everySeconds: 3600 },
			Count: 5,
			LatencyMs: 0
		},
		sqsQueue({ RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 2 }, ...queue }),
		{ id: 'dlq', type: 'sqs-queue', Nondeterminism: 'off' },
		{
			id: 'fn',
			type: 'lambda',
			source: 'q',
			BatchSize: 5,
			StartAtMs: 100,
			ProcessingTime: { type: 'fixed', ms: 10 },
			...lambda
		}
	];
	const poison = { Actions: [{ action: 'make-poison', atMs: 50, origin: 'p-3' }] };

	it('ESM-SQS-4: with ReportBatchItemFailures only the poison message fails, and it alone reaches the DLQ', () => {
		const r = run(batchOfFive({ FunctionResponseTypes: ['ReportBatchItemFailures'] }, poison), {
			durationMs: 10_000
		});
		// The first poll (at 100, plus Lambda's 10 ms round trip) takes all five as one batch.
		expect(r.of('batch-invoked')[0]).toMatchObject({ t: 110, size: 5 });
		expect(r.of('processed', (e) => !e.ok).map((e) => [e.origin, e.cause])).toEqual([
			['p-3', 'operator-poison'],
			['p-3', 'operator-poison']
		]);
		// (A burst's order within the queue is a seeded shuffle, SQS-STD-1.)
		expect(
			r
				.of('deleted')
				.map((e) => e.origin)
				.sort()
		).toEqual(['p-1', 'p-2', 'p-4', 'p-5']);
		expect(r.of('dead-lettered').map((e) => e.origin)).toEqual(['p-3']);
	});

	it('ESM-SQS-3: without partial responses the poison message fails its whole batch: all five come back', () => {
		const r = run(batchOfFive({}, poison), { durationMs: 10_000 });
		expect(r.of('batch-result')[0]).toMatchObject({ t: 160, ok: false, failed: 5, cause: 'function-error' });
		expect(
			r
				.of('processed', (e) => e.t === 160)
				.map((e) => [e.origin, e.ok])
				.sort()
		).toEqual([
			['p-1', true],
			['p-2', true],
			['p-3', false],
			['p-4', true],
			['p-5', true]
		]);
		// Nothing was deleted: every message of the batch (received at 100) was received again when its
		// visibility timeout ended, 2 s later.
		expect(r.of('deleted', (e) => e.t < 2100)).toEqual([]);
		expect(
			r
				.of('received', (e) => e.receiveCount === 2)
				.map((e) => [e.t, e.origin])
				.sort()
		).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5'].map((o) => [2100, o]));
		// Redelivered one to a poller, p-3 failed alone and moved on (maxReceiveCount 2); the others succeeded.
		expect(r.of('processed', (e) => e.origin === 'p-3').map((e) => e.cause)).toEqual([
			'operator-poison',
			'operator-poison'
		]);
		expect(r.of('dead-lettered').map((e) => e.origin)).toEqual(['p-3']);
		expect(
			r
				.of('deleted')
				.map((e) => e.origin)
				.sort()
		).toEqual(['p-1', 'p-2', 'p-4', 'p-5']);
	});

	it('slow-down multiplies the batch time; slowed past its Timeout the function times out (ESM-SQS-3)', () => {
		const r = run(
			[
				{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 }, Count: 8 },
				sqsQueue(),
				{
					id: 'fn',
					type: 'lambda',
					source: 'q',
					BatchSize: 1,
					Timeout: 3,
					ProcessingTime: { type: 'fixed', ms: 100 },
					Actions: [
						{ action: 'slow-down', atMs: 2500, factor: 4 },
						{ action: 'slow-down', atMs: 4500, factor: 100 },
						{ action: 'slow-down', atMs: 6500, factor: 1 }
					]
				}
			],
			{ durationMs: 15_000 }
		);
		const expected = (t: number) => (t < 2500 ? 100 : t < 4500 ? 400 : t < 6500 ? 3000 : 100);
		const invoked = r.of('batch-invoked');
		expect(invoked.length).toBeGreaterThanOrEqual(8);
		for (const e of invoked) expect([e.t, e.until - e.t]).toEqual([e.t, expected(e.t)]);
		// 100 ms × 100 = 10 s, over the 3 s Timeout: those invocations time out and their messages return.
		const slowest = invoked.filter((e) => e.t >= 4500 && e.t < 6500);
		expect(slowest.length).toBeGreaterThan(0);
		const results = r.of('batch-result', (e) =>
			slowest.some((s) => s.worker === e.worker && s.until === e.t)
		);
		expect(results.length).toBe(slowest.length);
		expect(results.every((e) => !e.ok && e.cause === 'function-timeout')).toBe(true);
		expect(new Set(r.of('processed', (e) => e.ok).map((e) => e.origin)).size).toBe(8);
		expect(r.of('operator-action').map((e) => e.params)).toEqual([
			{ factor: 4 },
			{ factor: 100 },
			{ factor: 1 }
		]);
	});
});

describe('Lambda on Kinesis', () => {
	const nodes = (actions: Json[]): Json[] => [
		{
			id: 'p',
			type: 'producer',
			target: 's',
			Rate: { type: 'fixed', perSecond: 1 },
			Count: 5,
			PartitionKey: 'k'
		},
		{ id: 's', type: 'kinesis-stream', ShardCount: 1 },
		{ id: 'fn', type: 'lambda', source: 's', ProcessingTime: { type: 'fixed', ms: 5 }, Actions: actions }
	];

	it('ESM-KIN-3: fail-all on blocks the shard (the batch is retried, nothing is processed) until it is off', () => {
		const r = run(
			nodes([
				{ action: 'fail-all', atMs: 1500, on: true },
				{ action: 'fail-all', atMs: 6500, on: false }
			]),
			{ durationMs: 10_000 }
		);
		const processed = r.of('record-processed');
		expect(processed.filter((e) => e.t >= 1500 && e.t < 6500)).toEqual([]);
		const failing = r.of('batch-result', (e) => e.t >= 1500 && e.t < 6500);
		expect(failing.length).toBeGreaterThan(0);
		expect(failing.every((e) => !e.ok && e.cause === 'operator-fail-all')).toBe(true);
		// Every record is processed once, in order, the blocked ones right after the rule is off.
		const puts = r.of('record-put').map((e) => e.msg);
		expect(processed.map((e) => e.msg)).toEqual(puts);
		expect(processed.filter((e) => e.t >= 6500).length).toBeGreaterThanOrEqual(3);
		// The retried batch grew with the records put meanwhile (attempts count up, the batch is the same).
		expect(r.of('batch-invoked', (e) => (e.attempt ?? 1) > 1).length).toBeGreaterThan(0);
	});

	it('slow-down multiplies the batch time of invocations from atMs', () => {
		const r = run(nodes([{ action: 'slow-down', atMs: 2500, factor: 10 }]), { durationMs: 8000 });
		const invoked = r.of('batch-invoked').map((e) => [e.t < 2500, (e.until - e.t) / e.size]);
		expect(invoked.length).toBeGreaterThanOrEqual(5);
		for (const [before, perRecord] of invoked) expect(perRecord).toBe(before ? 5 : 50);
		expect(invoked.some(([before]) => before)).toBe(true);
		expect(invoked.some(([before]) => !before)).toBe(true);
	});
});
