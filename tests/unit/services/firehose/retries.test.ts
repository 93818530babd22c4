// FH-4: Firehose keeps no data of its own to read; a delivery to a failing destination is retried, Direct
// PUT data undeliverable for 24 h is lost (for a Kinesis source, the stream's retention from the record's
// arrival in the stream decides), and delivery is at-least-once.
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario, parseScenario } from '$lib/services';
import { FirehoseDeliveryStream, type FirehoseEvent } from '$lib/services/firehose/delivery-stream';
import type { SimContext } from '$lib/engine/simulation';
import { RandomStreams } from '$lib/engine/random';
import { EPOCH_BASE_MS } from '$lib/services/shared/aws';
import { createSandbox } from '$lib/sandbox';

const HOUR = 3_600_000;

function producer(id: string, count: number, startAtMs = 0) {
	return {
		id,
		type: 'producer',
		target: 'f',
		Rate: { type: 'fixed', perSecond: 1 },
		Count: count,
		Body: `${id} {n}\n`,
		LatencyMs: 0,
		StartAtMs: startAtMs
	};
}

function run(
	nodes: Record<string, unknown>[],
	outages: { fromMs: number; toMs: number }[],
	durationMs: number
) {
	const mem = new MemorySink();
	const sim = createSimulation(
		loadScenario({
			version: 1,
			name: 'firehose retries',
			seed: 5,
			durationMs,
			nodes: [
				...nodes,
				{
					id: 'f',
					type: 'firehose',
					BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
					Outages: outages
				}
			]
		}),
		{ sinks: [mem] }
	);
	sim.run();
	const stream = sim.nodes.get('f') as FirehoseDeliveryStream;
	return { events: mem.events as TraceEvent[], objects: stream.objects() };
}

describe('FH-4: retries to the destination', () => {
	it('FH-4: a flush into an outage is retried until the destination is back, then every record is delivered', () => {
		const { events, objects } = run([producer('p', 5)], [{ fromMs: 0, toMs: 95_000 }], 200_000);
		const failed = events.filter((e) => e.type === 'firehose-delivery-failed');
		// The interval flush at 60 s fails, and so does every retry inside the window.
		expect(failed.length).toBeGreaterThan(1);
		expect(failed[0]?.t).toBe(60_000);
		expect(failed.every((e) => e.t < 95_000)).toBe(true);
		expect(
			failed.every((e) => e.type === 'firehose-delivery-failed' && e.records === 5 && e.lost === 0)
		).toBe(true);
		// The retries are spaced out, not immediate.
		const gaps = failed.slice(1).map((e, k) => e.t - (failed[k]?.t ?? 0));
		expect(gaps.every((g) => g > 0)).toBe(true);
		// Nothing reached the destination during the outage; afterwards, every record did.
		const delivered = events.filter((e) => e.type === 'firehose-delivered');
		expect(delivered.length).toBeGreaterThan(0);
		expect(delivered.every((e) => e.t >= 95_000)).toBe(true);
		expect(objects.every((o) => o.LastModified >= 95_000)).toBe(true);
		const body = objects.map((o) => o.Body).join('');
		for (let n = 1; n <= 5; n++) expect(body).toContain(`p ${n}\n`);
		// At-least-once: every buffered record was delivered (at least) once.
		const buffered = new Set(events.filter((e) => e.type === 'firehose-buffered').map((e) => e.msg));
		const deliveredIds = new Set(delivered.map((e) => e.msg));
		expect(buffered.size).toBe(5);
		for (const id of buffered) expect(deliveredIds.has(id)).toBe(true);
	});

	it('FH-4: Direct PUT data still undeliverable after 24 h is lost; younger data in the same outage is not', () => {
		const { events, objects } = run(
			[producer('early', 2), producer('late', 2, 2 * HOUR)],
			[{ fromMs: 0, toMs: 25 * HOUR }],
			26 * HOUR
		);
		const lost = events.filter(
			(e): e is Extract<TraceEvent, { type: 'firehose-delivery-failed' }> =>
				e.type === 'firehose-delivery-failed' && e.lost > 0
		);
		// Each record is lost at the first retry once it is 24 h old, not before (the two early records
		// arrived a second apart).
		expect(lost.reduce((n, e) => n + e.lost, 0)).toBe(2);
		for (const e of lost) {
			expect(e.t).toBeGreaterThanOrEqual(24 * HOUR);
			expect(e.t).toBeLessThan(24 * HOUR + 2 * 60_000);
		}
		const loss = lost[lost.length - 1];
		// No retry continues for the lost batch: after the loss, only the late batch is still failing.
		const after = events.filter(
			(e) => e.type === 'firehose-delivery-failed' && e.t > (loss?.t ?? 0) && e.t < 25 * HOUR
		);
		expect(after.length).toBeGreaterThan(0);
		expect(after.every((e) => e.type === 'firehose-delivery-failed' && e.records === 2 && e.lost === 0)).toBe(
			true
		);
		// The late records, 23 h old when the destination came back, were delivered.
		const body = objects.map((o) => o.Body).join('');
		expect(body).toContain('late 1\n');
		expect(body).toContain('late 2\n');
		expect(body).not.toContain('early');
		expect(objects.every((o) => o.LastModified >= 25 * HOUR)).toBe(true);
	});
});

describe('FH-4: no retention of its own', () => {
	it('FH-4: Firehose cannot be read from: no read call in the sandbox, no consumer may use it as a source', () => {
		const sb = createSandbox({ seed: 1 });
		const client = sb.firehose as unknown as Record<string, unknown>;
		for (const read of ['getRecords', 'getShardIterator', 'receiveMessage', 'readRecords']) {
			expect(client[read]).toBeUndefined();
		}
		const doc = (consumer: Record<string, unknown>) => ({
			version: 1,
			name: 'read firehose',
			seed: 1,
			durationMs: 1000,
			nodes: [
				{ id: 'f', type: 'firehose' },
				{ id: 'c', source: 'f', ...consumer }
			]
		});
		for (const consumer of [{ type: 'lambda' }, { type: 'consumer' }, { type: 'kinesis-consumer' }]) {
			const r = parseScenario(doc(consumer));
			expect(r.ok).toBe(false);
			expect(r.ok ? [] : r.errors.map((e) => e.path)).toContain('nodes[1].source');
		}
	});
});

describe('FH-4: a Kinesis source keeps undeliverable data for the stream retention', () => {
	function fromStream(retentionHours: number, outageToMs: number, durationMs: number) {
		const mem = new MemorySink();
		const sim = createSimulation(
			loadScenario({
				version: 1,
				name: 'firehose from kinesis',
				seed: 5,
				durationMs,
				nodes: [
					{ ...producer('early', 2), target: 's', PartitionKey: 'k' },
					{ ...producer('late', 2, 2 * HOUR), target: 's', PartitionKey: 'k' },
					{ id: 's', type: 'kinesis-stream', ShardCount: 1, RetentionPeriodHours: retentionHours },
					{
						id: 'f',
						type: 'firehose',
						source: 's',
						BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
						Outages: [{ fromMs: 0, toMs: outageToMs }]
					}
				]
			}),
			{ sinks: [mem] }
		);
		sim.run();
		const f = sim.nodes.get('f') as FirehoseDeliveryStream;
		return {
			events: mem.events as TraceEvent[],
			body: f
				.objects()
				.map((o) => o.Body)
				.join('')
		};
	}
	type Failed = Extract<TraceEvent, { type: 'firehose-delivery-failed' }>;

	it('FH-4: with a 48 h stream retention, data undeliverable for 25 h is not lost (Direct PUT would lose it at 24 h)', () => {
		const { events, body } = fromStream(48, 25 * HOUR, 26 * HOUR);
		const failed = events.filter((e): e is Failed => e.type === 'firehose-delivery-failed');
		expect(failed.some((e) => e.t > 24 * HOUR + 60_000)).toBe(true);
		expect(failed.every((e) => e.lost === 0)).toBe(true);
		for (const text of ['early 1\n', 'early 2\n', 'late 1\n', 'late 2\n']) expect(body).toContain(text);
	});

	it('FH-4: with a Kinesis source, the stream retention (not 24 h) decides when waiting data is lost', () => {
		const { events, body } = fromStream(26, 27 * HOUR, 28 * HOUR);
		const lost = events.filter((e): e is Failed => e.type === 'firehose-delivery-failed' && e.lost > 0);
		expect(lost.reduce((n, e) => n + e.lost, 0)).toBe(2);
		// Lost once 26 h old (they arrived in the first seconds), at the next retry; not at 24 h.
		for (const e of lost) {
			expect(e.t).toBeGreaterThanOrEqual(26 * HOUR);
			expect(e.t).toBeLessThan(26 * HOUR + 2 * 60_000);
		}
		expect(body).not.toContain('early');
		expect(body).toContain('late 1\n');
		expect(body).toContain('late 2\n');
	});

	it('FH-4: the retention counts from the record arrival in the stream, not from when Firehose read it', () => {
		// A Firehose that reads a record two hours after it arrived in the stream (here a stand-in stream node
		// whose only record is that old) loses it when the stream's retention has passed since its arrival.
		const scheduled: { at: number; event: FirehoseEvent }[] = [];
		let reads = 0;
		let now = 2 * HOUR;
		const traced: TraceEvent[] = [];
		const stream = {
			id: 's',
			type: 'kinesis-stream',
			config: { RetentionPeriodHours: 24 },
			shards: () => [{ ShardId: 'shardId-000000000000' }],
			getShardIterator: () => ({ ShardIterator: 'it' }),
			getRecords: () => ({
				Records:
					reads++ === 0
						? [
								{
									SequenceNumber: '1',
									PartitionKey: 'k',
									Data: new TextEncoder().encode('old\n'),
									ApproximateArrivalTimestamp: new Date(EPOCH_BASE_MS)
								}
							]
						: [],
				NextShardIterator: 'it'
			})
		};
		const streams = new RandomStreams(5);
		const ctx = {
			seed: 5,
			now: () => now,
			at: (t: number, _: string, event: FirehoseEvent) => scheduled.push({ at: t, event }),
			after: (ms: number, _: string, event: FirehoseEvent) => scheduled.push({ at: now + ms, event }),
			cancel: () => undefined,
			random: (id: string) => streams.stream(id),
			trace: (e: TraceEvent) => (traced.push({ ...e, t: now } as TraceEvent), e),
			appendLog: () => {
				throw new Error('unused');
			},
			node: () => stream,
			hasNode: (id: string) => id === 's'
		} as unknown as SimContext;
		const f = new FirehoseDeliveryStream(
			'f',
			{
				DeliveryStreamName: 'f',
				SizeInMBs: 1,
				IntervalInSeconds: 60,
				Prefix: '',
				sourceStream: 's',
				outages: [{ fromMs: 0, toMs: 30 * HOUR }]
			},
			ctx
		);
		f.handle({ type: 'READ' }); // read at 2 h, two hours after the record arrived
		const until = 25 * HOUR;
		while (now < until) {
			scheduled.sort((a, b) => a.at - b.at);
			const next = scheduled.shift();
			if (!next) break;
			now = next.at;
			// Keep only the buffer's and the retries' timers (reading every second for a day is not the point).
			if (next.event.type === 'READ') continue;
			f.handle(next.event);
		}
		const failed = traced.filter((e): e is Failed => e.type === 'firehose-delivery-failed');
		const lost = failed.filter((e) => e.lost > 0);
		expect(lost).toHaveLength(1);
		// 24 h after it arrived (t = 0), not 24 h after Firehose read it (t = 2 h, which would be 26 h).
		expect(lost[0]?.t).toBeGreaterThanOrEqual(24 * HOUR);
		expect(lost[0]?.t).toBeLessThan(24 * HOUR + 60_000);
		expect(failed.filter((e) => e.t < 24 * HOUR).length).toBeGreaterThan(1);
		expect(failed.filter((e) => e.t < 24 * HOUR).every((e) => e.lost === 0)).toBe(true);
	});
});
