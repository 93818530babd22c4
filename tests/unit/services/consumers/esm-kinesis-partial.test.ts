// ESM-KIN-7: the IteratorAge a Lambda-Kinesis mapping reports with every invocation (batch-invoked's
// iteratorAgeMs) is the age of the batch's *last* record when Lambda handed the batch over. ESM-KIN-6: with
// ReportBatchItemFailures, Lambda checkpoints before the lowest failed sequence number and retries from it.
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import type { LambdaKinesisEventSource } from '$lib/services/consumers/lambda-kinesis';
import type { SqsQueue } from '$lib/services/sqs/queue';

function run(lambda: Record<string, unknown>, durationMs = 120_000): TraceEvent[] {
	const mem = new MemorySink();
	createSimulation(
		loadScenario({
			version: 1,
			name: 'iterator age',
			seed: 3,
			durationMs,
			nodes: [
				{
					id: 'p',
					type: 'producer',
					target: 's',
					Rate: { type: 'fixed', perSecond: 1 },
					Count: 9,
					Body: 'r {n}',
					PartitionKey: 'one-key',
					LatencyMs: 0
				},
				{ id: 's', type: 'kinesis-stream', ShardCount: 1 },
				{ id: 'fn', type: 'lambda', source: 's', Timeout: 900, ...lambda }
			]
		}),
		{ sinks: [mem] }
	).run();
	return mem.events as TraceEvent[];
}

type Invoked = Extract<TraceEvent, { type: 'batch-invoked' }>;

describe('ESM-KIN-7: IteratorAge', () => {
	it('ESM-KIN-7: each invocation reports the age of its last record, not its first', () => {
		// 3 records × 4 s per batch while one record a second arrives: a backlog builds, batches hold 3 records
		// that arrived a second apart, and every batch after the first waits.
		const events = run({ BatchSize: 3, ProcessingTime: { type: 'fixed', ms: 4000 } });
		const putAt = new Map<string, number>();
		for (const e of events) if (e.type === 'record-put' && e.msg !== undefined) putAt.set(e.msg, e.t);
		const invoked = events.filter((e): e is Invoked => e.type === 'batch-invoked' && e.node === 'fn');
		const processed = events.filter((e) => e.type === 'record-processed' && e.node === 'fn');
		expect(processed).toHaveLength(9);
		expect(invoked.map((e) => e.attempt)).toEqual(invoked.map(() => 1));
		// No failures: batch k holds the next `size` records processed.
		let next = 0;
		const checked: number[] = [];
		for (const e of invoked) {
			const batch = processed.slice(next, next + e.size);
			next += e.size;
			const last = batch[batch.length - 1]?.msg ?? '';
			const first = batch[0]?.msg ?? '';
			const expected = e.t - (putAt.get(last) ?? Number.NaN);
			expect(e.iteratorAgeMs).toBe(expected);
			if (e.size > 1) expect(e.iteratorAgeMs).toBeLessThan(e.t - (putAt.get(first) ?? Number.NaN));
			checked.push(expected);
		}
		expect(next).toBe(9);
		expect(invoked.some((e) => e.size > 1)).toBe(true);
		// The lag signal: the backlog makes later batches older than the first.
		expect(Math.max(...checked)).toBeGreaterThan(checked[0] ?? 0);
	});

	it('ESM-KIN-7: while a failing batch is retried, each retry reports a larger IteratorAge for the same batch', () => {
		const events = run(
			{
				BatchSize: 10,
				MaximumRetryAttempts: 3,
				ProcessingTime: { type: 'fixed', ms: 1000 },
				Failure: { probability: 0, bodyContains: 'r 1' }
			},
			300_000
		);
		const putAt = new Map<string, number>();
		for (const e of events) if (e.type === 'record-put' && e.msg !== undefined) putAt.set(e.msg, e.t);
		const invoked = events.filter((e): e is Invoked => e.type === 'batch-invoked' && e.node === 'fn');
		const first = invoked[0];
		expect(first?.attempt).toBe(1);
		// The first batch is retried MaximumRetryAttempts times; its last record never changes, so the age
		// grows by exactly the time between attempts.
		const sameBatch = invoked.slice(0, 4);
		expect(sameBatch.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
		expect(new Set(sameBatch.map((e) => e.size)).size).toBe(1);
		const lastPut = (first?.t ?? 0) - (first?.iteratorAgeMs ?? 0);
		expect([...putAt.values()]).toContain(lastPut);
		for (const e of sameBatch) expect(e.iteratorAgeMs).toBe(e.t - lastPut);
		const ages = sameBatch.map((e) => e.iteratorAgeMs ?? 0);
		expect(ages.every((a, k) => k === 0 || a > (ages[k - 1] ?? 0))).toBe(true);
		expect(events.filter((e) => e.type === 'batch-discarded')).toHaveLength(1);
	});
});

type Result = Extract<TraceEvent, { type: 'batch-result' }>;
type Discarded = Extract<TraceEvent, { type: 'batch-discarded' }>;

function partialRun(lambda: Record<string, unknown>) {
	const mem = new MemorySink();
	const sim = createSimulation(
		loadScenario({
			version: 1,
			name: 'partial batch',
			seed: 3,
			durationMs: 60_000,
			nodes: [
				{
					id: 'p',
					type: 'producer',
					target: 's',
					Rate: { type: 'fixed', perSecond: 100 },
					Count: 6,
					Body: 'r {n}',
					PartitionKey: 'one-key',
					LatencyMs: 0
				},
				{ id: 's', type: 'kinesis-stream', ShardCount: 1 },
				{ id: 'dlq', type: 'sqs-queue' },
				{
					id: 'fn',
					type: 'lambda',
					source: 's',
					BatchSize: 6,
					StartAtMs: 1000,
					OnFailure: 'dlq',
					Failure: { probability: 0, bodyContains: 'r 4' },
					...lambda
				}
			]
		}),
		{ sinks: [mem] }
	);
	sim.run();
	const events = mem.events as TraceEvent[];
	const seqOf = new Map<string, string>();
	for (const e of events)
		if (e.type === 'record-put' && e.msg !== undefined) seqOf.set(`r ${seqOf.size + 1}`, e.msg);
	const fn = sim.nodes.get('fn') as LambdaKinesisEventSource;
	const dlq = sim.nodes.get('dlq') as SqsQueue;
	return {
		events,
		seqOf,
		fn,
		dlq,
		invoked: events.filter((e): e is Invoked => e.type === 'batch-invoked' && e.node === 'fn'),
		results: events.filter((e): e is Result => e.type === 'batch-result' && e.node === 'fn'),
		processed: events.filter((e) => e.type === 'record-processed' && e.node === 'fn').map((e) => e.msg),
		discarded: events.filter((e): e is Discarded => e.type === 'batch-discarded')
	};
}

describe('ESM-KIN-6: partial batch response', () => {
	it('ESM-KIN-6: Lambda checkpoints before the lowest failed sequence number and retries from it, later records included', () => {
		const r = partialRun({ FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 2 });
		const seq = (n: number) => r.seqOf.get(`r ${n}`) as string;
		// One batch of six; r 4 fails: r 1..3 are done, r 4..6 are retried (r 5 and r 6 had succeeded).
		expect(r.invoked.map((e) => e.size)).toEqual([6, 3, 3]);
		expect(r.processed).toEqual([seq(1), seq(2), seq(3)]);
		expect(r.results[0]).toMatchObject({ ok: false, failed: 3, cause: 'partial-batch' });
		// ESM-KIN-8: the retried invocation's event starts at the failed record.
		const event = r.fn.lastEvent() as { Records: { kinesis: { sequenceNumber: string } }[] };
		expect(event.Records.map((x) => x.kinesis.sequenceNumber)).toEqual([seq(4), seq(5), seq(6)]);
	});

	it('ESM-KIN-6/-5: partial retries count as attempts; when they run out, the metadata names the remaining records', () => {
		const r = partialRun({ FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 2 });
		const seq = (n: number) => r.seqOf.get(`r ${n}`) as string;
		// MaximumRetryAttempts 2: the first invocation and two retries.
		expect(r.invoked.map((e) => e.attempt)).toEqual([1, 2, 3]);
		expect(r.discarded).toHaveLength(1);
		expect(r.discarded[0]).toMatchObject({
			size: 3,
			firstSeq: seq(4),
			lastSeq: seq(6),
			cause: 'retries-exhausted'
		});
		const body = r.dlq.messages()[0]?.Body ?? '';
		const info = (JSON.parse(body) as { KinesisBatchInfo: Record<string, unknown> }).KinesisBatchInfo;
		expect(info).toMatchObject({ startSequenceNumber: seq(4), endSequenceNumber: seq(6), batchSize: 3 });
	});

	it('ESM-KIN-6: without ReportBatchItemFailures the whole batch is retried and nothing is checkpointed', () => {
		const r = partialRun({ MaximumRetryAttempts: 2 });
		expect(r.invoked.map((e) => e.size)).toEqual([6, 6, 6]);
		expect(r.processed).toEqual([]);
		expect(r.results.every((e) => e.cause === 'function-error')).toBe(true);
		expect(r.discarded[0]?.size).toBe(6);
	});

	it('ESM-KIN-6/-4: with bisect on too, a partial response retries from the failed record instead of halving', () => {
		const r = partialRun({
			FunctionResponseTypes: ['ReportBatchItemFailures'],
			BisectBatchOnFunctionError: true,
			MaximumRetryAttempts: 1
		});
		expect(r.invoked.map((e) => e.size)).toEqual([6, 3]);
		expect(r.discarded.map((e) => e.size)).toEqual([3]);
	});

	it('ESM-KIN-6: a batch with no failure reported succeeds whole', () => {
		const r = partialRun({ FunctionResponseTypes: ['ReportBatchItemFailures'], Failure: { probability: 0 } });
		expect(r.invoked.map((e) => e.size)).toEqual([6]);
		expect(r.processed).toHaveLength(6);
		expect(r.results).toEqual([expect.objectContaining({ ok: true, failed: 0 })]);
	});
});
