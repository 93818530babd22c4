// Kinesis Data Streams through the sandbox facade (KIN-* rules of SEMANTICS.md).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import { hashKeyForPartitionKey } from '../../../src/lib/services/kinesis/hash';

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	return undefined;
}

function setup(shards = 2) {
	const sb = createSandbox({ seed: 4 });
	sb.kinesis.streamCreationMs = 0; // KIN-15: these streams are ACTIVE at once (the CREATING delay is tested on its own)
	sb.kinesis.createStream({ StreamName: 'clicks', ShardCount: shards });
	return { sb, k: sb.kinesis };
}

function readAll(sb: ReturnType<typeof setup>['sb'], shardId: string, type = 'TRIM_HORIZON') {
	const k = sb.kinesis;
	let it: string | undefined = k.getShardIterator({
		StreamName: 'clicks',
		ShardId: shardId,
		ShardIteratorType: type
	}).ShardIterator;
	const out: { SequenceNumber: string; PartitionKey: string; Data: Uint8Array }[] = [];
	for (let i = 0; i < 50 && it; i++) {
		sb.advanceTime(250); // stay under 5 reads a second (KIN-7)
		const r = k.getRecords({ ShardIterator: it });
		out.push(...r.Records);
		if (r.Records.length === 0) break;
		it = r.NextShardIterator;
	}
	return out;
}

describe('KIN-1/-3 routing and sequence numbers', () => {
	it('KIN-1: a record goes to the open shard whose range holds MD5(partition key)', () => {
		const { k } = setup(2);
		for (const key of ['a', 'b', 'c', 'user-17', 'é']) {
			const { ShardId } = k.putRecord({ StreamName: 'clicks', PartitionKey: key, Data: 'x' });
			const expected =
				hashKeyForPartitionKey(key) < 1n << 127n ? 'shardId-000000000000' : 'shardId-000000000001';
			expect(ShardId).toBe(expected);
		}
		// ExplicitHashKey overrides the key.
		expect(
			k.putRecord({ StreamName: 'clicks', PartitionKey: 'a', ExplicitHashKey: '0', Data: 'x' }).ShardId
		).toBe('shardId-000000000000');
	});

	it('KIN-3: sequence numbers increase within a shard, are not consecutive, and are compared as integers', () => {
		const { sb, k } = setup(1);
		const seqs: bigint[] = [];
		for (let i = 0; i < 20; i++) {
			seqs.push(
				BigInt(k.putRecord({ StreamName: 'clicks', PartitionKey: `k${i}`, Data: 'x' }).SequenceNumber)
			);
			sb.advanceTime(7);
		}
		for (let i = 1; i < seqs.length; i++) {
			expect((seqs[i] as bigint) > (seqs[i - 1] as bigint)).toBe(true);
		}
		expect(seqs.some((s, i) => i > 0 && s - (seqs[i - 1] as bigint) > 1n)).toBe(true);
		expect(String(seqs[0]).length).toBeGreaterThan(40);
	});

	it('KIN-1: partition keys must be 1–256 characters', () => {
		const { k } = setup();
		expect(errorOf(() => k.putRecord({ StreamName: 'clicks', PartitionKey: '', Data: 'x' }))?.name).toBe(
			'ValidationException'
		);
		expect(
			errorOf(() => k.putRecord({ StreamName: 'clicks', PartitionKey: 'x'.repeat(257), Data: 'x' }))?.name
		).toBe('ValidationException');
		expect(errorOf(() => k.putRecord({ StreamName: 'nope', PartitionKey: 'a', Data: 'x' }))?.name).toBe(
			'ResourceNotFoundException'
		);
	});
});

describe('KIN-4/-5 write limits', () => {
	it('KIN-4: a shard takes 1,000 records per second; then ProvisionedThroughputExceededException', () => {
		const { sb, k } = setup(1);
		for (let i = 0; i < 1000; i++) k.putRecord({ StreamName: 'clicks', PartitionKey: 'hot', Data: 'x' });
		expect(errorOf(() => k.putRecord({ StreamName: 'clicks', PartitionKey: 'hot', Data: 'x' }))?.name).toBe(
			'ProvisionedThroughputExceededException'
		);
		sb.advanceTime(1000);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'hot', Data: 'x' });
	});

	it('KIN-4: 1 MiB per second per shard, counting the partition key', () => {
		const { k } = setup(1);
		const big = new Uint8Array(512 * 1024 - 3);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'abc', Data: big });
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'abc', Data: big });
		expect(errorOf(() => k.putRecord({ StreamName: 'clicks', PartitionKey: 'abc', Data: 'x' }))?.name).toBe(
			'ProvisionedThroughputExceededException'
		);
	});

	it('KIN-5: PutRecords fails per record, in request order, when one shard is hot', () => {
		const { k } = setup(2);
		const hotKey = 'hot';
		for (let i = 0; i < 995; i++) k.putRecord({ StreamName: 'clicks', PartitionKey: hotKey, Data: 'x' });
		const cold = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].find(
			(x) => hashKeyForPartitionKey(x) < 1n << 127n !== hashKeyForPartitionKey(hotKey) < 1n << 127n
		) as string;
		const records = Array.from({ length: 10 }, (_, i) => ({
			PartitionKey: i % 2 ? hotKey : cold,
			Data: `r${i}`
		}));
		const out = k.putRecords({ StreamName: 'clicks', Records: records });
		// The hot shard had room for exactly 5 more records this second: all 5 hot entries fit, none fail…
		const hotResults = out.Records.filter((_, i) => i % 2 === 1);
		expect(hotResults.filter((r) => 'SequenceNumber' in r)).toHaveLength(5);
		expect(out.FailedRecordCount).toBe(0);
		// …but a second batch in the same second fails exactly its hot entries.
		const again = k.putRecords({ StreamName: 'clicks', Records: records });
		expect(again.FailedRecordCount).toBe(5);
		again.Records.forEach((r, i) =>
			expect('ErrorCode' in r ? r.ErrorCode : 'ok').toBe(
				i % 2 ? 'ProvisionedThroughputExceededException' : 'ok'
			)
		);
		expect(out.Records.filter((_, i) => i % 2 === 0).every((r) => 'SequenceNumber' in r)).toBe(true);
		expect(
			errorOf(() =>
				k.putRecords({
					StreamName: 'clicks',
					Records: Array.from({ length: 501 }, () => ({ PartitionKey: 'a', Data: 'x' }))
				})
			)?.name
		).toBe('ValidationException');
	});
});

describe('KIN-7..9 reads and iterators', () => {
	it('KIN-9: TRIM_HORIZON, LATEST, AT_/AFTER_SEQUENCE_NUMBER and AT_TIMESTAMP', () => {
		const { sb, k } = setup(1);
		const seqs = [0, 1, 2, 3].map((i) => {
			sb.advanceTime(1000);
			return k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: `r${i}` }).SequenceNumber;
		});
		const shard = 'shardId-000000000000';
		const dec = (d: Uint8Array) => new TextDecoder().decode(d);
		expect(readAll(sb, shard).map((r) => dec(r.Data))).toEqual(['r0', 'r1', 'r2', 'r3']);
		const at = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: shard,
			ShardIteratorType: 'AT_SEQUENCE_NUMBER',
			StartingSequenceNumber: seqs[1]
		}).ShardIterator;
		sb.advanceTime(1000);
		expect(k.getRecords({ ShardIterator: at }).Records.map((r) => dec(r.Data))).toEqual(['r1', 'r2', 'r3']);
		const after = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: shard,
			ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
			StartingSequenceNumber: seqs[1]
		}).ShardIterator;
		expect(k.getRecords({ ShardIterator: after }).Records.map((r) => dec(r.Data))).toEqual(['r2', 'r3']);
		const latest = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: shard,
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		expect(k.getRecords({ ShardIterator: latest }).Records).toEqual([]);
		const ts = k.getRecords({ ShardIterator: at }).Records[1]?.ApproximateArrivalTimestamp as Date;
		sb.advanceTime(1000);
		const byTime = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: shard,
			ShardIteratorType: 'AT_TIMESTAMP',
			Timestamp: ts
		}).ShardIterator;
		expect(k.getRecords({ ShardIterator: byTime }).Records.map((r) => dec(r.Data))).toEqual(['r2', 'r3']);
	});

	it('KIN-9: an iterator expires 5 minutes after it is issued', () => {
		const { sb, k } = setup(1);
		const it = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		sb.advanceTime(300_001);
		expect(errorOf(() => k.getRecords({ ShardIterator: it }))?.name).toBe('ExpiredIteratorException');
	});

	it('KIN-7: 5 GetRecords calls per second per shard; Limit at most 10,000', () => {
		const { sb, k } = setup(1);
		const it = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		for (let i = 0; i < 5; i++) k.getRecords({ ShardIterator: it });
		expect(errorOf(() => k.getRecords({ ShardIterator: it }))?.name).toBe(
			'ProvisionedThroughputExceededException'
		);
		sb.advanceTime(1000);
		// Recorded: kinesalite test/getRecords.js, "should return ValidationException for long ShardIterator"
		// (a Limit above 10,000 is a constraint failure, not an invalid argument).
		expect(errorOf(() => k.getRecords({ ShardIterator: it, Limit: 10_001 }))?.name).toBe(
			'ValidationException'
		);
	});

	it('KIN-8: MillisBehindLatest reports how far behind the tip a read is', () => {
		const { sb, k } = setup(1);
		for (let i = 0; i < 3; i++) {
			k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'x' });
			sb.advanceTime(1000);
		}
		const it = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const first = k.getRecords({ ShardIterator: it, Limit: 1 });
		expect(first.MillisBehindLatest).toBe(2000);
		const rest = k.getRecords({ ShardIterator: first.NextShardIterator as string });
		expect(rest.MillisBehindLatest).toBe(0);
	});
});

describe('KIN-10 retention', () => {
	it('KIN-10: records older than the retention period are trimmed; TRIM_HORIZON moves forward', () => {
		const { sb, k } = setup(1);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'old' });
		sb.advanceTime(12 * 3_600_000);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'new' });
		sb.advanceTime(12 * 3_600_000);
		const dec = (d: Uint8Array) => new TextDecoder().decode(d);
		expect(readAll(sb, 'shardId-000000000000').map((r) => dec(r.Data))).toEqual(['new']);
		expect(sb.trace().filter((e) => e.type === 'record-expired')).toHaveLength(1);
	});
});

describe('KIN-11 resharding', () => {
	it('KIN-11: a split closes the parent and opens two children; parents are read before children', () => {
		const { sb, k } = setup(1);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'before' });
		k.splitShard({
			StreamName: 'clicks',
			ShardToSplit: 'shardId-000000000000',
			NewStartingHashKey: (1n << 127n).toString()
		});
		expect(k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.StreamStatus).toBe(
			'UPDATING'
		);
		expect(
			errorOf(() =>
				k.updateShardCount({ StreamName: 'clicks', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' })
			)?.name
		).toBe('ResourceInUseException');
		sb.advanceTime(2_000);
		const shards = k.listShards({ StreamName: 'clicks' }).Shards;
		expect(shards.map((s) => s.ShardId)).toEqual([
			'shardId-000000000000',
			'shardId-000000000001',
			'shardId-000000000002'
		]);
		expect(shards[0]?.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
		expect(shards[1]?.ParentShardId).toBe('shardId-000000000000');
		// Reading the closed parent to its end gives no next iterator and lists the children.
		const it = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const r = k.getRecords({ ShardIterator: it });
		expect(r.NextShardIterator).toBeUndefined();
		expect(r.ChildShards?.map((c) => c.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
		expect(k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'after' }).ShardId).not.toBe(
			'shardId-000000000000'
		);
	});

	it('KIN-11: only adjacent shards merge; UpdateShardCount at most doubles or halves', () => {
		const { sb, k } = setup(3);
		expect(
			errorOf(() =>
				k.mergeShards({
					StreamName: 'clicks',
					ShardToMerge: 'shardId-000000000000',
					AdjacentShardToMerge: 'shardId-000000000002'
				})
			)?.name
		).toBe('InvalidArgumentException');
		k.mergeShards({
			StreamName: 'clicks',
			ShardToMerge: 'shardId-000000000000',
			AdjacentShardToMerge: 'shardId-000000000001'
		});
		sb.advanceTime(2_000);
		const merged = k
			.listShards({ StreamName: 'clicks' })
			.Shards.find((s) => s.ShardId === 'shardId-000000000003');
		expect(merged).toMatchObject({
			ParentShardId: 'shardId-000000000000',
			AdjacentParentShardId: 'shardId-000000000001'
		});
		expect(
			errorOf(() =>
				k.updateShardCount({ StreamName: 'clicks', TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' })
			)?.name
		).toBe('LimitExceededException');
		const out = k.updateShardCount({
			StreamName: 'clicks',
			TargetShardCount: 4,
			ScalingType: 'UNIFORM_SCALING'
		});
		expect(out).toMatchObject({ CurrentShardCount: 2, TargetShardCount: 4 });
		sb.advanceTime(2_000);
		expect(k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.OpenShardCount).toBe(4);
	});
});

describe('KIN properties', () => {
	it('KIN-3/KIN-11: per-shard sequence numbers increase, and reading every shard in lineage order returns each record once', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 400 })), {
					minLength: 1,
					maxLength: 80
				}),
				fc.integer({ min: 1, max: 4 }),
				fc.boolean(),
				(puts, shards, split) => {
					const sb = createSandbox({ seed: 1 });
					sb.kinesis.streamCreationMs = 0; // KIN-15: these streams are ACTIVE at once (the CREATING delay is tested on its own)
					const k = sb.kinesis;
					k.createStream({ StreamName: 's', ShardCount: shards });
					const sent: string[] = [];
					puts.forEach(([key, gap], i) => {
						if (split && i === Math.floor(puts.length / 2)) {
							k.splitShard({
								StreamName: 's',
								ShardToSplit: 'shardId-000000000000',
								NewStartingHashKey: '12345678901234567890'
							});
							sb.advanceTime(2_000);
						}
						sent.push(k.putRecord({ StreamName: 's', PartitionKey: key, Data: `${i}` }).SequenceNumber);
						sb.advanceTime(gap);
					});
					const all = k.listShards({ StreamName: 's' }).Shards;
					const got: string[] = [];
					for (const sh of all) {
						let it: string | undefined = k.getShardIterator({
							StreamName: 's',
							ShardId: sh.ShardId,
							ShardIteratorType: 'TRIM_HORIZON'
						}).ShardIterator;
						let prev = -1n;
						while (it) {
							sb.advanceTime(250);
							const r = k.getRecords({ ShardIterator: it });
							for (const rec of r.Records) {
								expect(BigInt(rec.SequenceNumber) > prev).toBe(true);
								prev = BigInt(rec.SequenceNumber);
								got.push(rec.SequenceNumber);
							}
							if (r.Records.length === 0) break;
							it = r.NextShardIterator;
						}
					}
					expect([...got].sort()).toEqual([...sent].sort());
				}
			),
			{ numRuns: 40 }
		);
	});
});

describe('KIN-13 enhanced fan-out', () => {
	it('KIN-13: a registered consumer gets records pushed as time advances, independent of the shared read limit', async () => {
		const { sb, k } = setup(1);
		const arn = k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.StreamARN;
		const { Consumer } = k.registerStreamConsumer({ StreamARN: arn, ConsumerName: 'dashboard' });
		expect(Consumer.ConsumerStatus).toBe('ACTIVE');
		expect(k.listStreamConsumers({ StreamARN: arn }).Consumers.map((c) => c.ConsumerName)).toEqual([
			'dashboard'
		]);
		const { EventStream } = k.subscribeToShard({
			ConsumerARN: Consumer.ConsumerARN,
			ShardId: 'shardId-000000000000',
			StartingPosition: { Type: 'TRIM_HORIZON' }
		});
		const it = EventStream[Symbol.asyncIterator]();
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'a', Data: 'first' });
		const e1 = await it.next();
		expect(
			e1.value?.SubscribeToShardEvent.Records.map((r: { Data: Uint8Array }) =>
				new TextDecoder().decode(r.Data)
			)
		).toEqual(['first']);
		// Exhaust the shared read limit: pushes still arrive.
		const shared = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		for (let i = 0; i < 5; i++) k.getRecords({ ShardIterator: shared });
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'a', Data: 'second' });
		const pending = it.next();
		sb.advanceTime(1000);
		const e2 = await pending;
		expect(
			e2.value?.SubscribeToShardEvent.Records.map((r: { Data: Uint8Array }) =>
				new TextDecoder().decode(r.Data)
			)
		).toEqual(['second']);
		expect(e2.value?.SubscribeToShardEvent.ContinuationSequenceNumber).toBe(
			e2.value?.SubscribeToShardEvent.Records[0]?.SequenceNumber
		);
		expect(errorOf(() => k.registerStreamConsumer({ StreamARN: arn, ConsumerName: 'dashboard' }))?.name).toBe(
			'ResourceInUseException'
		);
	});
});

// More of the contract: routing by explicit hash key, validation, read limits, iterators, retention,
// resharding lineage, capacity modes, addressing and enhanced fan-out subscriptions.

const SHARD0 = 'shardId-000000000000';
const text = (d: Uint8Array) => new TextDecoder().decode(d);
const third = (1n << 128n) / 3n;

describe('KIN-1/-2/-3 more routing and sequence numbers', () => {
	it('KIN-2: three shards split the hash space evenly; ExplicitHashKey routes by its own value at the edges', () => {
		const { k } = setup(3);
		const ranges = k.listShards({ StreamName: 'clicks' }).Shards.map((s) => s.HashKeyRange);
		expect(ranges.map((r) => r.StartingHashKey)).toEqual([
			'0',
			'113427455640312821154458202477256070485',
			'226854911280625642308916404954512140970'
		]);
		expect(ranges[2]?.EndingHashKey).toBe(((1n << 128n) - 1n).toString());
		const put = (h: bigint) =>
			k.putRecord({
				StreamName: 'clicks',
				PartitionKey: 'same-key',
				ExplicitHashKey: h.toString(),
				Data: 'x'
			}).ShardId;
		expect(put(third - 1n)).toBe('shardId-000000000000');
		expect(put(third)).toBe('shardId-000000000001');
		expect(put(2n * third - 1n)).toBe('shardId-000000000001');
		expect(put(2n * third)).toBe('shardId-000000000002');
		expect(put((1n << 128n) - 1n)).toBe('shardId-000000000002');
	});

	it('KIN-1: a malformed ExplicitHashKey fails validation; one above 2^128−1 is an invalid argument', () => {
		const { k } = setup(1);
		const put = (h: string) => () =>
			k.putRecord({ StreamName: 'clicks', PartitionKey: 'a', ExplicitHashKey: h, Data: 'x' });
		expect(errorOf(put('abc'))?.name).toBe('ValidationException');
		expect(errorOf(put('-1'))?.name).toBe('ValidationException');
		expect(errorOf(put((1n << 128n).toString()))?.name).toBe('InvalidArgumentException');
	});

	it('KIN-1: partition keys are counted in Unicode characters, not UTF-16 units', () => {
		const { k } = setup(1);
		// 256 emoji are 512 UTF-16 units but 256 characters.
		expect(k.putRecord({ StreamName: 'clicks', PartitionKey: '🐦'.repeat(256), Data: 'x' }).ShardId).toBe(
			SHARD0
		);
		expect(
			errorOf(() => k.putRecord({ StreamName: 'clicks', PartitionKey: '🐦'.repeat(257), Data: 'x' }))?.name
		).toBe('ValidationException');
	});

	it('KIN-3: SequenceNumberForOrdering makes the next number greater, even on another shard', () => {
		const { k } = setup(2);
		const high = k.putRecord({
			StreamName: 'clicks',
			PartitionKey: 'k',
			ExplicitHashKey: ((1n << 128n) - 1n).toString(),
			Data: 'x'
		});
		expect(high.ShardId).toBe('shardId-000000000001');
		const plain = k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', ExplicitHashKey: '0', Data: 'x' });
		// Same millisecond, lower shard: without the hint the number is smaller…
		expect(BigInt(plain.SequenceNumber) < BigInt(high.SequenceNumber)).toBe(true);
		const ordered = k.putRecord({
			StreamName: 'clicks',
			PartitionKey: 'k',
			ExplicitHashKey: '0',
			Data: 'x',
			SequenceNumberForOrdering: high.SequenceNumber
		});
		// …with it, greater.
		expect(BigInt(ordered.SequenceNumber) > BigInt(high.SequenceNumber)).toBe(true);
		expect(
			errorOf(() =>
				k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'x', SequenceNumberForOrdering: 'x1' })
			)?.name
		).toBe('ValidationException');
	});

	it('KIN-3: records and events carry the stream id, the sequence number and the origin', () => {
		const { sb, k } = setup(1);
		const { SequenceNumber } = k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'x' });
		const put = sb.trace().find((e) => e.type === 'record-put');
		expect(put).toMatchObject({
			node: 'kinesis-clicks',
			msg: SequenceNumber,
			shard: SHARD0,
			partitionKey: 'k'
		});
		expect(put?.origin).toBeDefined();
	});
});

describe('KIN-5/-6 PutRecords and record size', () => {
	it('KIN-5: a malformed entry fails the whole request and writes nothing', () => {
		const { sb, k } = setup(1);
		const err = errorOf(() =>
			k.putRecords({
				StreamName: 'clicks',
				Records: [
					{ PartitionKey: 'a', Data: 'ok' },
					{ PartitionKey: '', Data: 'bad key' }
				]
			})
		);
		expect(err?.name).toBe('ValidationException');
		expect(sb.trace().filter((e) => e.type === 'record-put')).toHaveLength(0);
		expect(errorOf(() => k.putRecords({ StreamName: 'clicks', Records: [] }))?.name).toBe(
			'ValidationException'
		);
	});

	it('KIN-5: more than 5 MiB in one request is an invalid argument', () => {
		const { k } = setup(4);
		const records = Array.from({ length: 6 }, (_, i) => ({
			PartitionKey: `k${i}`,
			Data: new Uint8Array(1_000_000)
		}));
		expect(errorOf(() => k.putRecords({ StreamName: 'clicks', Records: records }))?.name).toBe(
			'InvalidArgumentException'
		);
	});

	it('KIN-5: the response lists every entry in request order with FailedRecordCount', () => {
		const { k } = setup(1);
		for (let i = 0; i < 998; i++) k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'x' });
		const out = k.putRecords({
			StreamName: 'clicks',
			Records: ['a', 'b', 'c', 'd'].map((d) => ({ PartitionKey: 'k', Data: d }))
		});
		expect(out.FailedRecordCount).toBe(2);
		expect(out.Records.map((r) => ('ErrorCode' in r ? r.ErrorCode : r.ShardId))).toEqual([
			SHARD0,
			SHARD0,
			'ProvisionedThroughputExceededException',
			'ProvisionedThroughputExceededException'
		]);
		const failed = out.Records[2];
		expect(failed && 'ErrorMessage' in failed ? failed.ErrorMessage : '').toMatch(/Rate exceeded for shard/);
	});

	it('KIN-6: data plus partition key above 1 MiB is rejected; exactly 1 MiB is accepted', () => {
		const { k } = setup(1);
		expect(
			k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: new Uint8Array(1024 * 1024 - 1) }).ShardId
		).toBe(SHARD0);
		expect(
			errorOf(() =>
				k.putRecord({ StreamName: 'clicks', PartitionKey: 'kk', Data: new Uint8Array(1024 * 1024 - 1) })
			)?.name
		).toBe('ValidationException');
	});

	it('KIN-6: Data is stored as a copy and comes back as a Uint8Array', () => {
		const { sb, k } = setup(1);
		const buf = new TextEncoder().encode('hello');
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: buf });
		buf[0] = 0x4a; // the caller reuses its buffer
		const [rec] = readAll(sb, SHARD0);
		expect(rec?.Data).toBeInstanceOf(Uint8Array);
		expect(text(rec?.Data ?? new Uint8Array())).toBe('hello');
	});
});

describe('KIN-7..9 more reads and iterators', () => {
	it('KIN-7: one call returns at most 10 MiB; then the 2 MiB/s allowance throttles the next four seconds', () => {
		const { sb, k } = setup(1);
		for (let i = 0; i < 12; i++) {
			k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: new Uint8Array(1024 * 1024 - 1) });
			sb.advanceTime(1000);
		}
		const it0 = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: SHARD0,
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const big = k.getRecords({ ShardIterator: it0 });
		expect(big.Records).toHaveLength(10);
		const next = big.NextShardIterator as string;
		for (let s = 1; s <= 4; s++) {
			sb.advanceTime(1000);
			expect(errorOf(() => k.getRecords({ ShardIterator: next }))?.name).toBe(
				'ProvisionedThroughputExceededException'
			);
		}
		sb.advanceTime(1000);
		expect(k.getRecords({ ShardIterator: next }).Records).toHaveLength(2);
		expect(sb.trace().filter((e) => e.type === 'read-throttled')).toHaveLength(4);
	});

	it('KIN-7: Limit caps the records per call', () => {
		const { k } = setup(1);
		for (let i = 0; i < 5; i++) k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: `r${i}` });
		const it0 = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: SHARD0,
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const first = k.getRecords({ ShardIterator: it0, Limit: 2 });
		expect(first.Records.map((r) => text(r.Data))).toEqual(['r0', 'r1']);
		const rest = k.getRecords({ ShardIterator: first.NextShardIterator as string, Limit: 10 });
		expect(rest.Records.map((r) => text(r.Data))).toEqual(['r2', 'r3', 'r4']);
		// Recorded: kinesalite test/getRecords.js, "should return ValidationException for empty ShardIterator".
		expect(errorOf(() => k.getRecords({ ShardIterator: it0, Limit: 0 }))?.name).toBe('ValidationException');
	});

	it('KIN-8: at the tip of an open shard a read is empty but still gives a next iterator', () => {
		const { k } = setup(1);
		const it0 = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: SHARD0,
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		const r = k.getRecords({ ShardIterator: it0 });
		expect(r.Records).toEqual([]);
		expect(r.MillisBehindLatest).toBe(0);
		expect(r.NextShardIterator).toBeDefined();
		expect(r.ChildShards).toBeUndefined();
		// A record put after LATEST was taken is read through the next iterator.
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'later' });
		expect(
			k.getRecords({ ShardIterator: r.NextShardIterator as string }).Records.map((x) => text(x.Data))
		).toEqual(['later']);
	});

	it('KIN-9: an iterator is still good at exactly 5 minutes; a fresh one from the last record resumes', () => {
		const { sb, k } = setup(1);
		const { SequenceNumber } = k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'a' });
		const it0 = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: SHARD0,
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		sb.advanceTime(300_000);
		expect(k.getRecords({ ShardIterator: it0 }).Records).toHaveLength(1);
		sb.advanceTime(1);
		expect(errorOf(() => k.getRecords({ ShardIterator: it0 }))?.name).toBe('ExpiredIteratorException');
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'b' });
		const resumed = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: SHARD0,
			ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
			StartingSequenceNumber: SequenceNumber
		}).ShardIterator;
		expect(k.getRecords({ ShardIterator: resumed }).Records.map((r) => text(r.Data))).toEqual(['b']);
	});

	it('KIN-9: bad iterator requests fail with AWS error names', () => {
		const { k } = setup(2);
		const base = { StreamName: 'clicks', ShardId: SHARD0 };
		expect(errorOf(() => k.getRecords({ ShardIterator: 'not-an-iterator' }))?.name).toBe(
			'InvalidArgumentException'
		);
		expect(errorOf(() => k.getShardIterator({ ...base, ShardIteratorType: 'OLDEST' }))?.name).toBe(
			'ValidationException'
		);
		expect(
			errorOf(() => k.getShardIterator({ ...base, ShardIteratorType: 'AT_SEQUENCE_NUMBER' }))?.name
		).toBe('InvalidArgumentException');
		expect(errorOf(() => k.getShardIterator({ ...base, ShardIteratorType: 'AT_TIMESTAMP' }))?.name).toBe(
			'InvalidArgumentException'
		);
		expect(
			errorOf(() =>
				k.getShardIterator({ ...base, ShardId: 'shardId-000000000009', ShardIteratorType: 'LATEST' })
			)?.name
		).toBe('ResourceNotFoundException');
		// A sequence number from another shard is not one this shard issued.
		const other = k.putRecord({
			StreamName: 'clicks',
			PartitionKey: 'k',
			ExplicitHashKey: ((1n << 128n) - 1n).toString(),
			Data: 'x'
		});
		expect(other.ShardId).toBe('shardId-000000000001');
		expect(
			errorOf(() =>
				k.getShardIterator({
					...base,
					ShardIteratorType: 'AT_SEQUENCE_NUMBER',
					StartingSequenceNumber: other.SequenceNumber
				})
			)?.name
		).toBe('InvalidArgumentException');
		// An iterator of a stream deleted since names its shard as missing.
		// Recorded: kinesalite test/getRecords.js, "should return ResourceNotFoundException if shard or stream does not exist"
		const it0 = k.getShardIterator({ ...base, ShardIteratorType: 'LATEST' }).ShardIterator;
		k.deleteStream({ StreamName: 'clicks' });
		expect(errorOf(() => k.getRecords({ ShardIterator: it0 }))?.name).toBe('ResourceNotFoundException');
	});

	it('KIN-9: AT_TIMESTAMP after every record starts at the tip', () => {
		const { sb, k } = setup(1);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'a' });
		sb.advanceTime(1000);
		const it0 = k.getShardIterator({
			StreamName: 'clicks',
			ShardId: SHARD0,
			ShardIteratorType: 'AT_TIMESTAMP',
			// Now (a timestamp in the future is refused, kinesalite test/getShardIterator.js).
			Timestamp: 1767225600000 + sb.now()
		}).ShardIterator;
		expect(k.getRecords({ ShardIterator: it0 }).Records).toEqual([]);
	});
});

describe('KIN-10 more retention', () => {
	it('KIN-10: a longer retention keeps records past 24 h; below 24 h or while UPDATING is refused', () => {
		const { sb, k } = setup(1);
		k.increaseStreamRetentionPeriod({ StreamName: 'clicks', RetentionPeriodHours: 48 });
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'kept' });
		sb.advanceTime(30 * 3_600_000);
		expect(readAll(sb, SHARD0).map((r) => text(r.Data))).toEqual(['kept']);
		sb.advanceTime(18 * 3_600_000);
		expect(readAll(sb, SHARD0)).toEqual([]);
		expect(
			errorOf(() => k.decreaseStreamRetentionPeriod({ StreamName: 'clicks', RetentionPeriodHours: 12 }))?.name
		).toBe('InvalidArgumentException');
		k.splitShard({ StreamName: 'clicks', ShardToSplit: SHARD0, NewStartingHashKey: (1n << 127n).toString() });
		expect(
			errorOf(() => k.decreaseStreamRetentionPeriod({ StreamName: 'clicks', RetentionPeriodHours: 24 }))?.name
		).toBe('ResourceInUseException');
		expect(
			k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.RetentionPeriodHours
		).toBe(48);
	});

	it('KIN-10/KIN-11: a closed shard stays readable for the retention period, then expires', () => {
		const { sb, k } = setup(1);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'old' });
		sb.advanceTime(10 * 3_600_000);
		k.splitShard({ StreamName: 'clicks', ShardToSplit: SHARD0, NewStartingHashKey: (1n << 127n).toString() });
		sb.advanceTime(2_000);
		// The record goes at 24 h after it arrived; the closed, empty shard at 24 h after it closed.
		sb.advanceTime(20 * 3_600_000);
		expect(readAll(sb, SHARD0)).toEqual([]);
		expect(k.listShards({ StreamName: 'clicks' }).Shards.map((s) => s.ShardId)).toContain(SHARD0);
		sb.advanceTime(5 * 3_600_000);
		const ids = k.listShards({ StreamName: 'clicks' }).Shards.map((s) => s.ShardId);
		expect(ids).toEqual(['shardId-000000000001', 'shardId-000000000002']);
		expect(
			errorOf(() =>
				k.getShardIterator({ StreamName: 'clicks', ShardId: SHARD0, ShardIteratorType: 'LATEST' })
			)?.name
		).toBe('ResourceNotFoundException');
	});
});

describe('KIN-11 more resharding', () => {
	it('KIN-11: the stream stays writable while UPDATING, into the old shard until the split completes', () => {
		const { sb, k } = setup(1);
		k.splitShard({ StreamName: 'clicks', ShardToSplit: SHARD0, NewStartingHashKey: (1n << 127n).toString() });
		expect(k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'during' }).ShardId).toBe(SHARD0);
		expect(
			errorOf(() => k.splitShard({ StreamName: 'clicks', ShardToSplit: SHARD0, NewStartingHashKey: '12345' }))
				?.name
		).toBe('ResourceInUseException');
		sb.advanceTime(1_999);
		expect(k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.StreamStatus).toBe(
			'UPDATING'
		);
		sb.advanceTime(1);
		expect(k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.StreamStatus).toBe(
			'ACTIVE'
		);
		expect(sb.trace().find((e) => e.type === 'shard-split')).toMatchObject({
			node: 'kinesis-clicks',
			shard: SHARD0,
			children: ['shardId-000000000001', 'shardId-000000000002']
		});
	});

	it('KIN-11: SplitShard checks its hash key and refuses a closed shard', () => {
		const { sb, k } = setup(2);
		const split =
			(key: string, shard = SHARD0) =>
			() =>
				k.splitShard({ StreamName: 'clicks', ShardToSplit: shard, NewStartingHashKey: key });
		const end = (1n << 127n) - 1n;
		expect(errorOf(split('1'))?.name).toBe('InvalidArgumentException'); // not above StartingHashKey + 1
		expect(errorOf(split(end.toString()))?.name).toBe('InvalidArgumentException'); // not below EndingHashKey
		expect(errorOf(split('12x'))?.name).toBe('ValidationException');
		expect(errorOf(split('5', 'shardId-000000000007'))?.name).toBe('ResourceNotFoundException');
		split('2')();
		sb.advanceTime(2_000);
		expect(errorOf(split('100'))?.name).toBe('InvalidArgumentException');
		expect(
			errorOf(() =>
				k.mergeShards({
					StreamName: 'clicks',
					ShardToMerge: SHARD0,
					AdjacentShardToMerge: 'shardId-000000000001'
				})
			)?.name
		).toBe('InvalidArgumentException');
	});

	it('KIN-11: both parents of a merge list the merged child; it is read after both', () => {
		const { sb, k } = setup(2);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', ExplicitHashKey: '0', Data: 'left' });
		k.putRecord({
			StreamName: 'clicks',
			PartitionKey: 'k',
			ExplicitHashKey: (1n << 127n).toString(),
			Data: 'right'
		});
		k.mergeShards({
			StreamName: 'clicks',
			ShardToMerge: SHARD0,
			AdjacentShardToMerge: 'shardId-000000000001'
		});
		sb.advanceTime(2_000);
		k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: 'merged' });
		for (const parent of [SHARD0, 'shardId-000000000001']) {
			const it0 = k.getShardIterator({
				StreamName: 'clicks',
				ShardId: parent,
				ShardIteratorType: 'TRIM_HORIZON'
			}).ShardIterator;
			sb.advanceTime(250);
			const r = k.getRecords({ ShardIterator: it0 });
			expect(r.Records).toHaveLength(1);
			expect(r.NextShardIterator).toBeUndefined();
			expect(r.ChildShards).toEqual([
				{
					ShardId: 'shardId-000000000002',
					ParentShards: [SHARD0, 'shardId-000000000001'],
					HashKeyRange: { StartingHashKey: '0', EndingHashKey: ((1n << 128n) - 1n).toString() }
				}
			]);
		}
		expect(readAll(sb, 'shardId-000000000002').map((r) => text(r.Data))).toEqual(['merged']);
	});

	it('KIN-11/KIN-15: UpdateShardCount from an uneven layout merges adjacent pairs; every shard has at most two parents', () => {
		const { sb, k } = setup(1);
		// [0, 1/8) [1/8, 1/4) [1/4, 1): the new first half overlaps all three.
		k.splitShard({ StreamName: 'clicks', ShardToSplit: SHARD0, NewStartingHashKey: (1n << 125n).toString() });
		sb.advanceTime(2_000);
		k.splitShard({
			StreamName: 'clicks',
			ShardToSplit: 'shardId-000000000002',
			NewStartingHashKey: (1n << 126n).toString()
		});
		sb.advanceTime(2_000);
		k.updateShardCount({ StreamName: 'clicks', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' });
		sb.advanceTime(2_000);
		const shards = k.listShards({ StreamName: 'clicks' }).Shards;
		const open = shards
			.filter((s) => s.SequenceNumberRange.EndingSequenceNumber === undefined)
			.sort((a, b) =>
				BigInt(a.HashKeyRange.StartingHashKey) < BigInt(b.HashKeyRange.StartingHashKey) ? -1 : 1
			);
		// KIN-15: uniform scaling works through merges: [0, 1/8) and [1/8, 1/4) merge; [1/4, 1) stays.
		expect(open.map((s) => s.HashKeyRange.StartingHashKey)).toEqual(['0', (1n << 126n).toString()]);
		expect(open[1]?.ShardId).toBe('shardId-000000000004');
		// The old shards reach the merged shard through parent links.
		const byId = new Map(shards.map((s) => [s.ShardId, s]));
		const ancestors = (id: string): string[] => {
			const s = byId.get(id);
			const ps = [s?.ParentShardId, s?.AdjacentParentShardId].filter((p): p is string => p !== undefined);
			return ps.flatMap((p) => [p, ...ancestors(p)]);
		};
		expect(ancestors(open[0]?.ShardId as string)).toEqual(
			expect.arrayContaining(['shardId-000000000001', 'shardId-000000000003'])
		);
		expect(
			k.listShards({ StreamName: 'clicks', ShardFilter: { Type: 'AT_LATEST' } }).Shards.map((s) => s.ShardId)
		).toEqual(open.map((s) => s.ShardId).sort());
	});
});

describe('KIN-12 capacity modes, addressing and errors', () => {
	it('KIN-12: ON_DEMAND starts with 4 shards and takes no ShardCount; without ShardCount a stream has 4', () => {
		const sb = createSandbox({ seed: 2 });
		sb.kinesis.streamCreationMs = 0; // KIN-15: these streams are ACTIVE at once (the CREATING delay is tested on its own)
		const k = sb.kinesis;
		k.createStream({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		const summary = k.describeStreamSummary({ StreamName: 'od' }).StreamDescriptionSummary;
		expect(summary).toMatchObject({ OpenShardCount: 4, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		expect(
			errorOf(() =>
				k.createStream({ StreamName: 'od2', ShardCount: 2, StreamModeDetails: { StreamMode: 'ON_DEMAND' } })
			)?.name
		).toBe('InvalidArgumentException');
		// Recorded: LocalStack test_kinesis.snapshot.json, test_create_stream_without_shard_count (4 shards).
		k.createStream({ StreamName: 'p' });
		expect(k.describeStreamSummary({ StreamName: 'p' }).StreamDescriptionSummary.OpenShardCount).toBe(4);
		expect(errorOf(() => k.createStream({ StreamName: 'od', ShardCount: 1 }))?.name).toBe(
			'ResourceInUseException'
		);
		expect(errorOf(() => k.createStream({ StreamName: 'bad name!', ShardCount: 1 }))?.name).toBe(
			'ValidationException'
		);
	});

	it('streams are addressed by name or ARN; outputs and errors carry $metadata', () => {
		const { k } = setup(1);
		const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks';
		const out = k.putRecord({ StreamARN: arn, PartitionKey: 'k', Data: 'x' });
		expect(out.$metadata.httpStatusCode).toBe(200);
		expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(k.describeStream({ StreamARN: arn }).StreamDescription.StreamName).toBe('clicks');
		const err = errorOf(() =>
			k.putRecord({
				StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/nope',
				PartitionKey: 'k',
				Data: 'x'
			})
		) as Error & { $metadata?: { httpStatusCode: number }; $fault?: string };
		expect(err.name).toBe('ResourceNotFoundException');
		expect(err.$metadata?.httpStatusCode).toBe(400);
		expect(err.$fault).toBe('client');
		expect(errorOf(() => k.describeStream({}))?.name).toBe('InvalidArgumentException');
	});
});

describe('KIN-13 more enhanced fan-out', () => {
	function efo(shards = 1) {
		const s = setup(shards);
		const arn = s.k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.StreamARN;
		const { Consumer } = s.k.registerStreamConsumer({ StreamARN: arn, ConsumerName: 'app' });
		return { ...s, arn, consumer: Consumer.ConsumerARN };
	}

	it('KIN-13: each push carries up to 2 MiB, one per simulated second', async () => {
		const { sb, k, consumer } = efo();
		for (let i = 0; i < 3; i++) {
			k.putRecord({ StreamName: 'clicks', PartitionKey: 'k', Data: new Uint8Array(1024 * 1024 - 1) });
			sb.advanceTime(1000);
		}
		const it = k
			.subscribeToShard({
				ConsumerARN: consumer,
				ShardId: SHARD0,
				StartingPosition: { Type: 'TRIM_HORIZON' }
			})
			.EventStream[Symbol.asyncIterator]();
		expect((await it.next()).value?.SubscribeToShardEvent.Records).toHaveLength(2);
		const pending = it.next();
		sb.advanceTime(1000);
		expect((await pending).value?.SubscribeToShardEvent.Records).toHaveLength(1);
		const reads = sb.trace().filter((e) => e.type === 'records-read');
		expect(reads.map((e) => e.cause)).toEqual(['enhanced-fan-out', 'enhanced-fan-out']);
	});

	it('KIN-13: resubscribing within 5 s is refused; a later subscription replaces the old one', async () => {
		const { sb, k, consumer } = efo();
		const sub = () =>
			k.subscribeToShard({ ConsumerARN: consumer, ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } });
		const old = sub().EventStream[Symbol.asyncIterator]();
		await old.next();
		sb.advanceTime(4_000);
		expect(errorOf(sub)?.name).toBe('ResourceInUseException');
		sb.advanceTime(1_000);
		sub();
		const ended = old.next();
		sb.advanceTime(1_000);
		expect((await ended).done).toBe(true);
	});

	it('KIN-13: a subscription ends after 5 minutes, or with ChildShards once its closed shard is read', async () => {
		const { sb, k, consumer } = efo();
		const it = k
			.subscribeToShard({ ConsumerARN: consumer, ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } })
			.EventStream[Symbol.asyncIterator]();
		expect((await it.next()).done).toBe(false); // at once, at t = 0
		let events = 1;
		for (;;) {
			const p = it.next();
			sb.advanceTime(1000);
			if ((await p).done) break;
			events++;
		}
		expect(sb.now()).toBe(301_000);
		expect(events).toBe(301);
		k.splitShard({ StreamName: 'clicks', ShardToSplit: SHARD0, NewStartingHashKey: (1n << 127n).toString() });
		sb.advanceTime(2_000);
		const again = k
			.subscribeToShard({
				ConsumerARN: consumer,
				ShardId: SHARD0,
				StartingPosition: { Type: 'TRIM_HORIZON' }
			})
			.EventStream[Symbol.asyncIterator]();
		const last = await again.next();
		const children = last.done ? undefined : last.value.SubscribeToShardEvent.ChildShards;
		expect(children?.map((c) => c.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
		expect(children?.[0]?.ParentShards).toEqual([SHARD0]);
		expect((await again.next()).done).toBe(true);
	});

	it('KIN-13: consumers are counted, looked up by ARN, and a stream with consumers needs EnforceConsumerDeletion', () => {
		const { k, arn, consumer } = efo();
		expect(k.describeStreamSummary({ StreamName: 'clicks' }).StreamDescriptionSummary.ConsumerCount).toBe(1);
		expect(k.describeStreamConsumer({ ConsumerARN: consumer }).ConsumerDescription).toMatchObject({
			ConsumerName: 'app',
			StreamARN: arn,
			ConsumerStatus: 'ACTIVE'
		});
		expect(errorOf(() => k.describeStreamConsumer({ ConsumerARN: `${consumer}x` }))?.name).toBe(
			'ResourceNotFoundException'
		);
		expect(errorOf(() => k.deleteStream({ StreamName: 'clicks' }))?.name).toBe('ResourceInUseException');
		k.deleteStream({ StreamName: 'clicks', EnforceConsumerDeletion: true });
		expect(errorOf(() => k.describeStreamConsumer({ ConsumerARN: consumer }))?.name).toBe(
			'ResourceNotFoundException'
		);
		expect(k.listStreams().StreamNames).toEqual([]);
	});
});
