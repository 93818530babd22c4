// Enhanced fan-out's subscription (KIN-13) driven directly: EfoSubscription over a stream node, with the
// time passed in by the test. The sandbox only makes the stream and moves the clock.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '$lib/sandbox';
import {
	EFO_BYTES_PER_S,
	EFO_RESUBSCRIBE_MS,
	EFO_SUBSCRIPTION_MS,
	EfoSubscription,
	type EfoStartingPosition
} from '$lib/services/kinesis';

const SHARD0 = 'shardId-000000000000';
const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks/consumer/app:1';

function setup() {
	const sb = createSandbox({ seed: 7 });
	sb.kinesis.streamCreationMs = 0; // KIN-15: these streams are ACTIVE at once (the CREATING delay is tested on its own)
	sb.kinesis.createStream({ StreamName: 'clicks', ShardCount: 1 });
	const stream = sb.kinesis.streamNode('clicks');
	const put = (data: string | Uint8Array, key = 'k') =>
		sb.kinesis.putRecord({ StreamName: 'clicks', PartitionKey: key, Data: data }).SequenceNumber;
	const start = (position: EfoStartingPosition = { Type: 'TRIM_HORIZON' }, previous?: EfoSubscription) =>
		EfoSubscription.start(
			stream,
			{ consumerARN: ARN, consumerName: 'app', shardId: SHARD0, position },
			sb.now(),
			previous
		);
	return { sb, stream, put, start };
}

const text = (data: Uint8Array) => new TextDecoder().decode(data);

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	return undefined;
}

describe('EfoSubscription (KIN-13)', () => {
	it('KIN-13: each next() pushes the records after the position and moves past them', () => {
		const { sb, put, start } = setup();
		put('a');
		put('b');
		const sub = start();
		const first = sub.next(sb.now());
		const records = first?.event.SubscribeToShardEvent.Records ?? [];
		expect(records.map((r) => text(r.Data))).toEqual(['a', 'b']);
		expect(first?.event.SubscribeToShardEvent.ContinuationSequenceNumber).toBe(records[1]?.SequenceNumber);
		expect(sub.next(sb.now())?.event.SubscribeToShardEvent.Records).toEqual([]);
		sb.advanceTime(1000);
		const seq = put('c');
		const third = sub.next(sb.now())?.event.SubscribeToShardEvent;
		expect(third?.Records.map((r) => r.SequenceNumber)).toEqual([seq]);
		expect(sub.snapshot().pushes).toBe(3);
	});

	it('KIN-13: a push carries at most 2 MiB (EFO_BYTES_PER_S), at least one record', () => {
		const { sb, put, start } = setup();
		for (let i = 0; i < 3; i++) {
			put(new Uint8Array(1024 * 1024 - 1));
			sb.advanceTime(1000);
		}
		const sub = start();
		const sizes = [sub.next(sb.now()), sub.next(sb.now())].map(
			(p) => p?.event.SubscribeToShardEvent.Records.length
		);
		expect(sizes).toEqual([2, 1]);
		expect(EFO_BYTES_PER_S).toBe(2 * 1024 * 1024);
	});

	it('KIN-13: the trace event of a push is a records-read by the consumer, caused by enhanced fan-out', () => {
		const { sb, stream, put, start } = setup();
		put('a');
		sb.advanceTime(300);
		const push = start().next(sb.now());
		expect(push?.trace).toEqual({
			type: 'records-read',
			node: stream.id,
			shard: SHARD0,
			by: 'app',
			count: 1,
			millisBehindLatest: 0,
			cause: 'enhanced-fan-out'
		});
		expect(push?.event.SubscribeToShardEvent.MillisBehindLatest).toBe(0);
	});

	it('KIN-13: LATEST starts after the last record; ContinuationSequenceNumber never goes below the shard start', () => {
		const { sb, stream, put, start } = setup();
		const sub = start({ Type: 'LATEST' });
		const empty = sub.next(sb.now())?.event.SubscribeToShardEvent;
		expect(empty?.Records).toEqual([]);
		expect(empty?.ContinuationSequenceNumber).toBe(stream.shard(SHARD0)?.StartingSequenceNumber);
		put('x');
		expect(sub.next(sb.now())?.event.SubscribeToShardEvent.Records.map((r) => text(r.Data))).toEqual(['x']);
	});

	it('KIN-13: the StartingPosition follows the GetShardIterator rules (checked before the resubscribe rule)', () => {
		const { start } = setup();
		const first = start();
		expect(errorOf(() => start({ Type: 'SIDEWAYS' }, first))?.name).toBe('ValidationException');
		expect(errorOf(() => start({ Type: 'AT_SEQUENCE_NUMBER' }, first))?.name).toBe(
			'InvalidArgumentException'
		);
	});

	it('KIN-13: a consumer may resubscribe to a shard only EFO_RESUBSCRIBE_MS after its last subscription', () => {
		const { sb, start } = setup();
		const first = start();
		sb.advanceTime(EFO_RESUBSCRIBE_MS - 1);
		expect(first.allowsResubscribe(sb.now())).toBe(false);
		const err = errorOf(() => start({ Type: 'LATEST' }, first));
		expect(err?.name).toBe('ResourceInUseException');
		expect(err?.message).toContain(ARN);
		sb.advanceTime(1);
		expect(first.allowsResubscribe(sb.now())).toBe(true);
		expect(start({ Type: 'LATEST' }, first).startedAt).toBe(sb.now());
	});

	it('KIN-13: a subscription lasts EFO_SUBSCRIPTION_MS (5 minutes), then pushes nothing more', () => {
		const { sb, start } = setup();
		const sub = start();
		expect(sub.next(sub.startedAt + EFO_SUBSCRIPTION_MS)).toBeDefined();
		expect(sub.ended).toBe(false);
		expect(sub.next(sub.startedAt + EFO_SUBSCRIPTION_MS + 1)).toBeUndefined();
		expect(sub.ended).toBe(true);
		expect(sub.next(sb.now())).toBeUndefined();
	});

	it('KIN-13: close() ends a subscription (a newer one, or its consumer or stream gone)', () => {
		const { sb, put, start } = setup();
		put('a');
		const sub = start();
		sub.close();
		expect(sub.next(sb.now())).toBeUndefined();
		expect(sub.snapshot()).toMatchObject({ ended: true, pushes: 0 });
	});

	it('KIN-13/KIN-8: the push that reads a closed shard to its end carries its ChildShards and is the last', () => {
		const { sb, put, start } = setup();
		put('a');
		sb.kinesis.splitShard({
			StreamName: 'clicks',
			ShardToSplit: SHARD0,
			NewStartingHashKey: (1n << 127n).toString()
		});
		sb.advanceTime(2_000);
		const sub = start();
		const last = sub.next(sb.now())?.event.SubscribeToShardEvent;
		expect(last?.Records.map((r) => text(r.Data))).toEqual(['a']);
		expect(last?.ChildShards?.map((c) => c.ShardId)).toEqual([
			'shardId-000000000001',
			'shardId-000000000002'
		]);
		expect(sub.ended).toBe(true);
		expect(sub.next(sb.now())).toBeUndefined();
	});

	it('KIN-13: snapshot() is plain data, and restore() of it gives the same subsequent pushes', () => {
		const { sb, stream, put, start } = setup();
		for (const d of ['a', 'b', 'c']) put(d, d);
		const sub = start({ Type: 'TRIM_HORIZON' });
		sub.next(sb.now());
		const saved = sub.snapshot();
		expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
		sb.advanceTime(1000);
		put('d');
		put('e');
		const t1 = sb.now();
		for (let i = 0; i < 3; i++) {
			sb.advanceTime(1000);
			put(new Uint8Array(1024 * 1024 - 10));
		}
		const t2 = sb.now();
		const original = [sub.next(t1), sub.next(t2), sub.next(t2)];
		expect(original.map((p) => p?.event.SubscribeToShardEvent.Records.length)).toEqual([4, 1, 0]);

		const copy = new EfoSubscription(stream, saved);
		expect(copy.snapshot()).toEqual(saved);
		const replay = [copy.next(t1), copy.next(t2), copy.next(t2)];
		expect(replay).toEqual(original);
		expect(copy.snapshot()).toEqual(sub.snapshot());

		// restore() onto a subscription that has moved on rewinds it the same way.
		sub.restore(saved);
		expect([sub.next(t1), sub.next(t2), sub.next(t2)]).toEqual(original);
		// The snapshot is a copy: later pushes do not change it.
		expect(saved.pushes).toBe(1);
	});

	it('KIN-13: resubscribe() continues where the subscription ended, and not within 5 s of its start', () => {
		const { sb, put, start } = setup();
		put('one');
		const first = start();
		expect(first.next(sb.now())?.event.SubscribeToShardEvent.Records.map((r) => text(r.Data))).toEqual([
			'one'
		]);
		expect(errorOf(() => first.resubscribe(sb.now() + 4_999))?.name).toBe('ResourceInUseException');
		sb.advanceTime(300_001);
		expect(first.next(sb.now())).toBeUndefined(); // its 5 minutes are over
		put('two');
		const second = first.resubscribe(sb.now());
		expect(second.startedAt).toBe(sb.now());
		expect(second.next(sb.now())?.event.SubscribeToShardEvent.Records.map((r) => text(r.Data))).toEqual([
			'two'
		]);
	});
});
