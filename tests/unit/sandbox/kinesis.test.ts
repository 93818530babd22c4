// Kinesis Data Streams through the sandbox facade (KIN-* rules of SEMANTICS.md).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import { hashKeyForPartitionKey } from '../../../src/lib/models/kinesis/hash';

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
		// The hot shard had room for 5 more records this second: the other 0 of 5 hot entries fit, none fail…
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
		expect(errorOf(() => k.getRecords({ ShardIterator: it, Limit: 10_001 }))?.name).toBe(
			'InvalidArgumentException'
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
