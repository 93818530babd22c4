// Second pass over recorded Kinesis behaviour: LocalStack's validated snapshots (test_kinesis.py) and
// kinesalite's functionality tests (run against real Kinesis) replayed through the sandbox: stream and shard
// shapes, PutRecords responses, GetRecords iterators and NextShardIterator, resharding results, retention,
// consumers, tags and ListStreams paging.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import { RESHARD_MS } from '../../../src/lib/services/kinesis';
import { epochMs } from '../../../src/lib/services/shared';

const A = '000000000000';
const ARN = (name: string) => `arn:aws:kinesis:us-east-1:${A}:stream/${name}`;
const MAX = ((1n << 128n) - 1n).toString();
const THIRD = (1n << 128n) / 3n;
const BELOW_2_3 = (THIRD * 2n - 1n).toString();
const AT_2_3 = (THIRD * 2n).toString();
const text = (d: Uint8Array) => new TextDecoder().decode(d);

/** PutRecords' entries, read with both of their forms' members (a success or an error). */
type Entry = { ShardId?: string; SequenceNumber?: string; ErrorCode?: string };
const entries = (r: { Records: readonly object[] }): Entry[] => r.Records as Entry[];

function errorOf(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected the call to fail');
}

/** A sandbox with ACTIVE stream `s` of `shards` shards. */
function setup(shards = 3, name = 's') {
	const sb = createSandbox({ seed: 7 });
	const k = sb.kinesis;
	k.createStream({ StreamName: name, ShardCount: shards });
	sb.advanceTime(1000);
	return { sb, k };
}

const MIXED = [
	{ PartitionKey: 'a', Data: 'r0' },
	{ PartitionKey: 'b', Data: 'r1' },
	{ PartitionKey: 'e', Data: 'r2' },
	{ PartitionKey: 'f', Data: 'r3' },
	{ PartitionKey: 'a', Data: 'r4', ExplicitHashKey: MAX },
	{ PartitionKey: 'a', Data: 'r5', ExplicitHashKey: BELOW_2_3 },
	{ PartitionKey: 'a', Data: 'r6', ExplicitHashKey: AT_2_3 }
];

describe('KIN-2: DescribeStream, DescribeStreamSummary and ListShards shapes', () => {
	it('KIN-2: DescribeStream of a 3-shard stream: status, ARN, retention, shards with even hash ranges', () => {
		const { k } = setup(3);
		const d = k.describeStream({ StreamName: 's' }).StreamDescription;
		// Recorded: kinesalite test/describeStream.js, "should return stream description"
		expect(d).toMatchObject({
			StreamStatus: 'ACTIVE',
			StreamName: 's',
			StreamARN: ARN('s'),
			RetentionPeriodHours: 24,
			EncryptionType: 'NONE',
			EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
			HasMoreShards: false
		});
		expect(d.StreamCreationTimestamp).toBeInstanceOf(Date);
		for (const sh of d.Shards) expect(sh.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d{56}$/);
		expect(
			d.Shards.map((sh) => ({ ShardId: sh.ShardId, HashKeyRange: sh.HashKeyRange, keys: Object.keys(sh) }))
		).toEqual([
			{
				ShardId: 'shardId-000000000000',
				HashKeyRange: { StartingHashKey: '0', EndingHashKey: '113427455640312821154458202477256070484' },
				keys: ['ShardId', 'HashKeyRange', 'SequenceNumberRange']
			},
			{
				ShardId: 'shardId-000000000001',
				HashKeyRange: {
					StartingHashKey: '113427455640312821154458202477256070485',
					EndingHashKey: '226854911280625642308916404954512140969'
				},
				keys: ['ShardId', 'HashKeyRange', 'SequenceNumberRange']
			},
			{
				ShardId: 'shardId-000000000002',
				HashKeyRange: {
					StartingHashKey: '226854911280625642308916404954512140970',
					EndingHashKey: '340282366920938463463374607431768211455'
				},
				keys: ['ShardId', 'HashKeyRange', 'SequenceNumberRange']
			}
		]);
		// Open shards have no EndingSequenceNumber.
		expect(d.Shards.every((sh) => sh.SequenceNumberRange.EndingSequenceNumber === undefined)).toBe(true);
	});

	it('KIN-2: DescribeStreamSummary counts open shards and consumers', () => {
		const { k } = setup(3);
		// Recorded: kinesalite test/describeStreamSummary.js, "should return stream description summary"
		expect(k.describeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary).toMatchObject({
			StreamStatus: 'ACTIVE',
			StreamName: 's',
			StreamARN: ARN('s'),
			RetentionPeriodHours: 24,
			EncryptionType: 'NONE',
			EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
			OpenShardCount: 3,
			ConsumerCount: 0
		});
	});

	it('KIN-2: ListShards lists the shards as DescribeStream does, and after ExclusiveStartShardId', () => {
		const { k } = setup(3);
		// Recorded: kinesalite test/listShards.js, "should return stream shards"
		expect(k.listShards({ StreamName: 's' }).Shards).toEqual(
			k.describeStream({ StreamName: 's' }).StreamDescription.Shards
		);
		// Recorded: kinesalite test/listShards.js, "should return stream shards starting with shard which follows ExclusiveStartShardId"
		const after = k.listShards({ StreamName: 's', ExclusiveStartShardId: 'shardId-000000000001' }).Shards;
		expect(after.map((sh) => [sh.ShardId, sh.HashKeyRange])).toEqual([
			[
				'shardId-000000000002',
				{
					StartingHashKey: '226854911280625642308916404954512140970',
					EndingHashKey: '340282366920938463463374607431768211455'
				}
			]
		]);
	});
});

describe('KIN-1/KIN-5: PutRecord and PutRecords responses', () => {
	it('KIN-1: ExplicitHashKey routes to the shard whose inclusive range holds it', () => {
		const { k } = setup(3);
		const put = (ExplicitHashKey?: string) =>
			k.putRecord({
				StreamName: 's',
				PartitionKey: 'a',
				Data: '',
				...(ExplicitHashKey ? { ExplicitHashKey } : {})
			});
		// Recorded: kinesalite test/putRecord.js, "should work with empty Data"
		expect(put().ShardId).toBe('shardId-000000000000');
		// Recorded: kinesalite test/putRecord.js, "should work with final ExplicitHashKey"
		expect(put(MAX).ShardId).toBe('shardId-000000000002');
		// Recorded: kinesalite test/putRecord.js, "should work with ExplicitHashKey just below range"
		expect(put(BELOW_2_3).ShardId).toBe('shardId-000000000001');
		// Recorded: kinesalite test/putRecord.js, "should work with ExplicitHashKey just above range"
		expect(put(AT_2_3).ShardId).toBe('shardId-000000000002');
		// Recorded: kinesalite test/putRecord.js, "should work with large Data"
		expect(k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: new Uint8Array(51200) }).ShardId).toBe(
			'shardId-000000000000'
		);
		expect(put().SequenceNumber).toMatch(/^\d+$/);
	});

	it('KIN-5: PutRecords answers in request order, each record with its shard and sequence number', () => {
		const { k } = setup(3);
		const r = k.putRecords({ StreamName: 's', Records: MIXED });
		const rs = entries(r);
		// Recorded: kinesalite test/putRecords.js, "should work with mixed values"
		expect(r.FailedRecordCount).toBe(0);
		expect(rs.map((x) => x.ShardId)).toEqual([
			'shardId-000000000000',
			'shardId-000000000001',
			'shardId-000000000002',
			'shardId-000000000001',
			'shardId-000000000002',
			'shardId-000000000001',
			'shardId-000000000002'
		]);
		// KIN-3: within a shard the numbers increase in request order (compared as integers).
		for (const ix of [
			[2, 4, 6],
			[1, 3, 5]
		]) {
			const seqs = ix.map((i) => BigInt(rs[i]?.SequenceNumber as string));
			expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
		}
		expect(rs.every((x) => x.ErrorCode === undefined)).toBe(true);
	});

	it('KIN-3: sequential puts to one key get increasing, never equal, sequence numbers', () => {
		const { k } = setup(2);
		// Recorded: kinesalite test/putRecord.js, "should safely put concurrent, sequential records"
		const a: bigint[] = [];
		for (let i = 0; i < 20; i++) {
			const r = k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '' });
			expect(r.ShardId).toBe('shardId-000000000000');
			a.push(BigInt(r.SequenceNumber));
			expect(k.putRecord({ StreamName: 's', PartitionKey: 'b', Data: '' }).ShardId).toBe(
				'shardId-000000000001'
			);
		}
		for (let i = 1; i < a.length; i++) expect(a[i]! > a[i - 1]!).toBe(true);
	});
});

describe('KIN-8/KIN-9: GetRecords, iterators and NextShardIterator', () => {
	it('KIN-9: AT_SEQUENCE_NUMBER includes the named record, AFTER_SEQUENCE_NUMBER starts after it', () => {
		const { sb, k } = setup(3);
		const put = entries(k.putRecords({ StreamName: 's', Records: MIXED }));
		const read = (type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER') => {
			const it = k.getShardIterator({
				StreamName: 's',
				ShardId: 'shardId-1',
				ShardIteratorType: type,
				StartingSequenceNumber: put[1]?.SequenceNumber
			}).ShardIterator;
			sb.advanceTime(250);
			return k.getRecords({ ShardIterator: it });
		};
		// Recorded: kinesalite test/getRecords.js, "should return correct AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER records"
		const at = read('AT_SEQUENCE_NUMBER');
		expect(at.Records.map((r) => [r.PartitionKey, text(r.Data), r.SequenceNumber])).toEqual(
			[1, 3, 5].map((i) => [MIXED[i]?.PartitionKey, MIXED[i]?.Data, put[i]?.SequenceNumber])
		);
		expect(at.MillisBehindLatest).toBeGreaterThanOrEqual(0);
		expect(at.MillisBehindLatest).toBeLessThanOrEqual(5000);
		expect(typeof at.NextShardIterator).toBe('string');
		for (const r of at.Records) expect(r.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
		const after = read('AFTER_SEQUENCE_NUMBER');
		expect(after.Records.map((r) => r.SequenceNumber)).toEqual([
			put[3]?.SequenceNumber,
			put[5]?.SequenceNumber
		]);
	});

	it('KIN-9: AT_TIMESTAMP starts at the first record that arrived at or after the time', () => {
		const { sb, k } = setup(3);
		k.putRecords({ StreamName: 's', Records: MIXED });
		sb.advanceTime(5);
		const t = new Date(epochMs(sb.now()));
		const put2 = entries(k.putRecords({ StreamName: 's', Records: MIXED }));
		sb.advanceTime(250);
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-1',
			ShardIteratorType: 'AT_TIMESTAMP',
			Timestamp: t
		}).ShardIterator;
		// Recorded: kinesalite test/getRecords.js, "should return correct AT_TIMESTAMP records"
		expect(k.getRecords({ ShardIterator: it }).Records.map((r) => r.SequenceNumber)).toEqual(
			[1, 3, 5].map((i) => put2[i]?.SequenceNumber)
		);
	});

	it('KIN-8/KIN-9: a LATEST iterator is a position: read again after puts, it and its successor return them', () => {
		const { sb, k } = setup(3);
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-2',
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		const empty = k.getRecords({ ShardIterator: it });
		// Recorded: kinesalite test/getRecords.js, "should return LATEST records"
		expect(empty.Records).toEqual([]);
		expect(empty.MillisBehindLatest).toBe(0);
		const next = empty.NextShardIterator as string;
		const put = entries(k.putRecords({ StreamName: 's', Records: MIXED }));
		const expected = [2, 4, 6].map((i) => [MIXED[i]?.PartitionKey, MIXED[i]?.Data, put[i]?.SequenceNumber]);
		sb.advanceTime(250);
		const again = k.getRecords({ ShardIterator: it });
		expect(again.Records.map((r) => [r.PartitionKey, text(r.Data), r.SequenceNumber])).toEqual(expected);
		sb.advanceTime(250);
		const fromNext = k.getRecords({ ShardIterator: next });
		expect(fromNext.Records.map((r) => [r.PartitionKey, text(r.Data), r.SequenceNumber])).toEqual(expected);
	});

	it('KIN-8/KIN-9: TRIM_HORIZON on an empty shard; the record put later is read, then nothing after it', () => {
		const { sb, k } = setup(1);
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-0',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const first = k.getRecords({ ShardIterator: it });
		// Recorded: kinesalite test/getRecords.js, "should return TRIM_HORIZON records"
		expect(first.Records).toEqual([]);
		const seq = k.putRecord({
			StreamName: 's',
			PartitionKey: 'a',
			Data: 'rec',
			ExplicitHashKey: '0'
		}).SequenceNumber;
		sb.advanceTime(250);
		expect(k.getRecords({ ShardIterator: it }).Records.map((r) => r.SequenceNumber)).toEqual([seq]);
		sb.advanceTime(250);
		expect(
			k
				.getRecords({ ShardIterator: first.NextShardIterator as string })
				.Records.map((r) => [r.PartitionKey, text(r.Data)])
		).toEqual([['a', 'rec']]);
		sb.advanceTime(250);
		const again = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-0',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const one = k.getRecords({ ShardIterator: again });
		expect(one.Records.map((r) => r.SequenceNumber)).toEqual([seq]);
		sb.advanceTime(250);
		expect(k.getRecords({ ShardIterator: one.NextShardIterator as string }).Records).toEqual([]);
	});

	it('KIN-8: Limit caps the records of one call; the next iterator carries on', () => {
		const { sb, k } = setup(3);
		const recs = ['a', 'b', 'c', 'd', 'e'].map((p) => ({ PartitionKey: p, Data: p, ExplicitHashKey: '0' }));
		const put = entries(k.putRecords({ StreamName: 's', Records: recs }));
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-0',
			ShardIteratorType: 'AT_SEQUENCE_NUMBER',
			StartingSequenceNumber: put[0]?.SequenceNumber
		}).ShardIterator;
		// Recorded: kinesalite test/getRecords.js, "should return correct records with Limit"
		const two = k.getRecords({ ShardIterator: it, Limit: 2 });
		expect(two.Records.map((r) => r.PartitionKey)).toEqual(['a', 'b']);
		sb.advanceTime(250);
		const rest = k.getRecords({ ShardIterator: two.NextShardIterator as string });
		expect(rest.Records.map((r) => r.PartitionKey)).toEqual(['c', 'd', 'e']);
	});

	it('KIN-9: each GetRecords gives a new NextShardIterator, even when nothing was read', () => {
		const { sb, k } = setup(4);
		const shardId = k.describeStream({ StreamName: 's' }).StreamDescription.Shards[0]?.ShardId as string;
		const it = k.getShardIterator({
			StreamName: 's',
			ShardIteratorType: 'LATEST',
			ShardId: shardId
		}).ShardIterator;
		// Recorded: LocalStack test_kinesis.snapshot.json, test_get_records_next_shard_iterator
		const n1 = k.getRecords({ ShardIterator: it }).NextShardIterator;
		expect(n1).not.toBe(it);
		sb.advanceTime(250);
		const n2 = k.getRecords({ ShardIterator: n1 as string }).NextShardIterator;
		expect(n2).not.toBe(it);
		expect(n2).not.toBe(n1);
	});

	it('KIN-8: GetRecords on an empty stream returns no records', () => {
		const { k } = setup(1);
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		// Recorded: LocalStack test_kinesis.snapshot.json, test_get_records_empty_stream
		expect(k.getRecords({ ShardIterator: it }).Records).toHaveLength(0);
	});

	it('KIN-8: GetRecords returns the record as put, with its data', () => {
		const { k } = setup(1);
		k.putRecords({ StreamName: 's', Records: [{ Data: 'Hello world', PartitionKey: '1' }] });
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		// Recorded: LocalStack test_kinesis.snapshot.json, test_get_records
		const recs = k.getRecords({ ShardIterator: it }).Records;
		expect(recs).toHaveLength(1);
		expect(text(recs[0]!.Data)).toBe('Hello world');
		expect(recs[0]).toMatchObject({ PartitionKey: '1' });
	});

	it('KIN-8: records keep their bytes: empty, 1,000 bytes, ASCII and multi-byte Unicode', () => {
		const { k } = setup(1);
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-000000000000',
			ShardIteratorType: 'TRIM_HORIZON'
		}).ShardIterator;
		const data = ['test', 'ünicödé 统一码 💣💻🔥', 'a'.repeat(1000), ''];
		for (const d of data) k.putRecord({ StreamName: 's', Data: d, PartitionKey: '1' });
		// Recorded: LocalStack test_kinesis.snapshot.json, test_record_lifecycle_data_integrity
		const recs = k.getRecords({ ShardIterator: it }).Records;
		expect(recs.map((r) => text(r.Data)).sort()).toEqual([...data].sort());
		expect(recs.every((r) => r.PartitionKey === '1')).toBe(true);
		const bytes = recs.find((r) => r.Data.length > 0 && text(r.Data).startsWith('ü'))!.Data;
		expect(Array.from(bytes.slice(0, 2))).toEqual([0xc3, 0xbc]);
		expect(bytes.length).toBe(new TextEncoder().encode('ünicödé 统一码 💣💻🔥').length);
	});

	it('KIN-9: an iterator wrapped in double quotes is read as the iterator itself', () => {
		const { k } = setup(1);
		k.putRecords({ StreamName: 's', Records: [{ Data: 'Hello world', PartitionKey: '1' }] });
		const shardId = k.describeStream({ StreamName: 's' }).StreamDescription.Shards[0]?.ShardId as string;
		const it = k.getShardIterator({
			StreamName: 's',
			ShardIteratorType: 'TRIM_HORIZON',
			ShardId: shardId
		}).ShardIterator;
		// Recorded: LocalStack test_kinesis.snapshot.json, test_get_records_shard_iterator_with_surrounding_quotes
		expect(k.getRecords({ ShardIterator: `"${it}"` }).Records).toHaveLength(1);
	});

	it('KIN-9/KIN-15: an iterator of a deleted stream names its shard as missing, also once the name is reused', () => {
		const { sb, k } = setup(2, 'gone');
		const it0 = k.getShardIterator({
			StreamName: 'gone',
			ShardId: 'shardId-0',
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		const it1 = k.getShardIterator({
			StreamName: 'gone',
			ShardId: 'shardId-1',
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		k.deleteStream({ StreamName: 'gone' });
		sb.advanceTime(1000);
		// Recorded: kinesalite test/getRecords.js, "should return ResourceNotFoundException if shard or stream does not exist"
		expect(errorOf(() => k.getRecords({ ShardIterator: it0 }))).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Shard shardId-000000000000 in stream gone under account ${A} does not exist`
		});
		expect(errorOf(() => k.getRecords({ ShardIterator: it1 }))).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Shard shardId-000000000001 in stream gone under account ${A} does not exist`
		});
		k.createStream({ StreamName: 'gone', ShardCount: 1 });
		sb.advanceTime(1000);
		expect(errorOf(() => k.getRecords({ ShardIterator: it1 }))).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Shard shardId-000000000001 in stream gone under account ${A} does not exist`
		});
	});
});

describe('KIN-11: SplitShard results', () => {
	it('KIN-11: a split at hash 2 keeps the parent open while UPDATING, then closes it with two children', () => {
		const { sb, k } = setup(1);
		k.splitShard({ StreamName: 's', NewStartingHashKey: '2', ShardToSplit: 'anything-0' });
		// Recorded: kinesalite test/splitShard.js, "should work with minimum hash"
		const during = k.describeStream({ StreamName: 's' }).StreamDescription;
		expect(during.StreamStatus).toBe('UPDATING');
		expect(during.Shards.map((sh) => [sh.ShardId, sh.HashKeyRange])).toEqual([
			['shardId-000000000000', { StartingHashKey: '0', EndingHashKey: MAX }]
		]);
		expect(
			errorOf(() => k.splitShard({ StreamName: 's', NewStartingHashKey: '2', ShardToSplit: 'shard-0' }))
		).toMatchObject({
			name: 'ResourceInUseException',
			message: `Stream s under account ${A} not ACTIVE, instead in state UPDATING`
		});
		expect(k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '', ExplicitHashKey: '1' }).ShardId).toBe(
			'shardId-000000000000'
		);
		sb.advanceTime(RESHARD_MS);
		const after = k.describeStream({ StreamName: 's' }).StreamDescription;
		expect(after.StreamStatus).toBe('ACTIVE');
		expect(after.Shards.map((sh) => ({ id: sh.ShardId, p: sh.ParentShardId, r: sh.HashKeyRange }))).toEqual([
			{ id: 'shardId-000000000000', p: undefined, r: { StartingHashKey: '0', EndingHashKey: MAX } },
			{
				id: 'shardId-000000000001',
				p: 'shardId-000000000000',
				r: { StartingHashKey: '0', EndingHashKey: '1' }
			},
			{
				id: 'shardId-000000000002',
				p: 'shardId-000000000000',
				r: { StartingHashKey: '2', EndingHashKey: MAX }
			}
		]);
		const [p, c1, c2] = after.Shards;
		// KIN-3: the parent's range ends below its children's starts.
		expect(
			BigInt(p!.SequenceNumberRange.EndingSequenceNumber as string) <
				BigInt(c1!.SequenceNumberRange.StartingSequenceNumber)
		).toBe(true);
		expect(c2!.SequenceNumberRange.EndingSequenceNumber).toBeUndefined();
		expect(k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '', ExplicitHashKey: '1' }).ShardId).toBe(
			'shardId-000000000001'
		);
	});
});

describe('KIN-10: retention', () => {
	it('KIN-10: the retention period goes up to 25 h and back down to 24 h', () => {
		const { k } = setup(1);
		k.increaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 25 });
		// Recorded: kinesalite test/decreaseStreamRetentionPeriod.js, "should decrease stream retention period"
		expect(k.describeStream({ StreamName: 's' }).StreamDescription.RetentionPeriodHours).toBe(25);
		k.decreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 24 });
		expect(k.describeStream({ StreamName: 's' }).StreamDescription.RetentionPeriodHours).toBe(24);
	});
});

describe('KIN-13: stream consumers', () => {
	it('KIN-13: none at first; one registered consumer is listed and described, with its stream ARN', () => {
		const { k } = setup(1);
		const StreamARN = k.describeStream({ StreamName: 's' }).StreamDescription.StreamARN;
		expect(k.listStreamConsumers({ StreamARN }).Consumers).toHaveLength(0);
		const { Consumer } = k.registerStreamConsumer({ StreamARN, ConsumerName: 'consumer' });
		// Recorded: LocalStack test_kinesis.snapshot.json, test_stream_consumers
		const list = k.listStreamConsumers({ StreamARN }).Consumers;
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ ConsumerName: 'consumer', ConsumerStatus: 'ACTIVE' });
		expect(Object.keys(list[0]!).sort()).toEqual(
			['ConsumerARN', 'ConsumerCreationTimestamp', 'ConsumerName', 'ConsumerStatus'].sort()
		);
		expect(list[0]!.ConsumerARN).toMatch(new RegExp(`^${StreamARN}/consumer/consumer:\\d+$`));
		expect(list[0]!.ConsumerCreationTimestamp).toBeInstanceOf(Date);
		const d = k.describeStreamConsumer({ StreamARN, ConsumerARN: Consumer.ConsumerARN }).ConsumerDescription;
		expect(d).toMatchObject({
			ConsumerARN: Consumer.ConsumerARN,
			ConsumerName: 'consumer',
			ConsumerStatus: 'ACTIVE',
			StreamARN
		});
		expect(
			k.describeStreamConsumer({ StreamARN, ConsumerName: 'consumer' }).ConsumerDescription.ConsumerARN
		).toBe(Consumer.ConsumerARN);
		expect(k.describeStreamSummary({ StreamARN }).StreamDescriptionSummary.ConsumerCount).toBe(1);
	});

	it('KIN-13: SubscribeToShard from TRIM_HORIZON pushes the records put after subscribing', async () => {
		const { sb, k } = setup(1);
		const StreamARN = k.describeStream({ StreamName: 's' }).StreamDescription.StreamARN;
		const { Consumer } = k.registerStreamConsumer({ StreamARN, ConsumerName: 'c1' });
		const shardId = k.describeStream({ StreamName: 's' }).StreamDescription.Shards[0]?.ShardId as string;
		const events = k
			.subscribeToShard({
				ConsumerARN: Consumer.ConsumerARN,
				ShardId: shardId,
				StartingPosition: { Type: 'TRIM_HORIZON' }
			})
			.EventStream[Symbol.asyncIterator]();
		k.putRecords({
			StreamName: 's',
			Records: [0, 1, 2, 3, 4].map((i) => ({ Data: `Hello world_${i}`, PartitionKey: '1' }))
		});
		// Recorded: LocalStack test_kinesis.snapshot.json, test_subscribe_to_shard
		const got: string[] = [];
		let last;
		while (got.length < 5) {
			const pending = events.next();
			sb.advanceTime(1000);
			const e = (await pending).value!.SubscribeToShardEvent;
			got.push(...e.Records.map((r: { Data: Uint8Array }) => text(r.Data)));
			last = e;
		}
		expect(got).toEqual([0, 1, 2, 3, 4].map((i) => `Hello world_${i}`));
		expect(last!.MillisBehindLatest).toBe(0);
		expect(typeof last!.ContinuationSequenceNumber).toBe('string');
	});

	it('KIN-13: SubscribeToShard AT_SEQUENCE_NUMBER of the shard start, or AT_TIMESTAMP long ago, gets every record', async () => {
		for (const pos of ['seq', 'time'] as const) {
			const { sb, k } = setup(1);
			const d = k.describeStream({ StreamName: 's' }).StreamDescription;
			const { Consumer } = k.registerStreamConsumer({ StreamARN: d.StreamARN, ConsumerName: 'c1' });
			const shard = d.Shards[0]!;
			const StartingPosition =
				pos === 'seq'
					? {
							Type: 'AT_SEQUENCE_NUMBER' as const,
							SequenceNumber: shard.SequenceNumberRange.StartingSequenceNumber
						}
					: { Type: 'AT_TIMESTAMP' as const, Timestamp: new Date(Date.UTC(2015, 0, 1)) };
			const events = k
				.subscribeToShard({ ConsumerARN: Consumer.ConsumerARN, ShardId: shard.ShardId, StartingPosition })
				.EventStream[Symbol.asyncIterator]();
			for (let i = 0; i < 5; i++) {
				k.putRecords({ StreamName: 's', Records: [{ Data: `Hello world_${i}`, PartitionKey: '1' }] });
			}
			// Recorded: LocalStack test_kinesis.snapshot.json, test_subscribe_to_shard_with_sequence_number_as_iterator
			// Recorded: LocalStack test_kinesis.snapshot.json, test_subscribe_to_shard_with_at_timestamp
			const got: string[] = [];
			while (got.length < 5) {
				const pending = events.next();
				sb.advanceTime(1000);
				got.push(
					...(await pending).value!.SubscribeToShardEvent.Records.map((r: { Data: Uint8Array }) =>
						text(r.Data)
					)
				);
			}
			expect(got.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Hello world_${i}`));
		}
	});
});

describe('KIN-16: tags', () => {
	it('KIN-16: added tags are listed, with HasMoreTags false', () => {
		const { k } = setup(1);
		k.addTagsToStream({ StreamName: 's', Tags: { foo: 'bar' } });
		// Recorded: LocalStack test_kinesis.snapshot.json, test_add_tags_to_stream
		const r = k.listTagsForStream({ StreamName: 's' });
		expect(r.Tags[0]).toEqual({ Key: 'foo', Value: 'bar' });
		expect(r.HasMoreTags).toBe(false);
	});

	it('KIN-16: a stream has no tags by default, also with a limit and start key', () => {
		const { k } = setup(1);
		// Recorded: kinesalite test/listTagsForStream.js, "should return empty list by default"
		expect(k.listTagsForStream({ StreamName: 's' })).toMatchObject({ Tags: [], HasMoreTags: false });
		// Recorded: kinesalite test/listTagsForStream.js, "should return empty list with limit and start key"
		expect(k.listTagsForStream({ StreamName: 's', ExclusiveStartTagKey: 'a', Limit: 1 })).toMatchObject({
			Tags: [],
			HasMoreTags: false
		});
	});

	it('KIN-16: tags list in code-unit order, after ExclusiveStartTagKey, at most Limit', () => {
		const { k } = setup(1);
		k.addTagsToStream({
			StreamName: 's',
			Tags: { a: 'b', ' ': 'a', ÿ: 'a', _: 'a', '/': 'a', '=': 'a', '+': 'a', Zb: 'z', 0: 'a', '@': 'a' }
		});
		// Recorded: kinesalite test/listTagsForStream.js, "should list in alphabetical order"
		const keys = (r: { Tags: { Key: string }[] }) => r.Tags.map((t) => t.Key);
		const all = k.listTagsForStream({ StreamName: 's' });
		expect(keys(all)).toEqual([' ', '+', '/', '0', '=', '@', 'Zb', '_', 'a', 'ÿ']);
		expect(all.HasMoreTags).toBe(false);
		expect(all.Tags[6]).toEqual({ Key: 'Zb', Value: 'z' });
		expect(k.listTagsForStream({ StreamName: 's', ExclusiveStartTagKey: '@', Limit: 2 })).toMatchObject({
			Tags: [
				{ Key: 'Zb', Value: 'z' },
				{ Key: '_', Value: 'a' }
			],
			HasMoreTags: true
		});
		expect(keys(k.listTagsForStream({ StreamName: 's', ExclusiveStartTagKey: '$Z%*(*&@,,.,,ZAC' }))).toEqual([
			'+',
			'/',
			'0',
			'=',
			'@',
			'Zb',
			'_',
			'a',
			'ÿ'
		]);
		expect(keys(k.listTagsForStream({ StreamName: 's', ExclusiveStartTagKey: 'Za$Z%*(*&@,,.,,' }))).toEqual([
			'Zb',
			'_',
			'a',
			'ÿ'
		]);
	});

	it('KIN-16: tags are added and overwritten up to 50 in all, and removed by key', () => {
		const { k } = setup(1);
		k.addTagsToStream({
			StreamName: 's',
			Tags: { a: 'a', 'ü0 _.': 'a', '/=+-@': 'a', b: 'ü0 _./=+-@', c: '' }
		});
		for (let i = 0; i < 40; i += 10) {
			const tags: Record<string, string> = {};
			for (let j = 0; j < 10; j++) tags[String(i + j)] = 'a';
			k.addTagsToStream({ StreamName: 's', Tags: tags });
		}
		const tags: Record<string, string> = {};
		for (let j = 0; j < 10; j++) tags[String(40 + j)] = 'a';
		// Recorded: kinesalite test/addTagsToStream.js, "should add and remove tags keys"
		expect(errorOf(() => k.addTagsToStream({ StreamName: 's', Tags: tags }))).toMatchObject({
			name: 'InvalidArgumentException',
			message: `Failed to add tags to stream s under account ${A} because a given stream cannot have more than 10 tags associated with it.`
		});
		let list = k.listTagsForStream({ StreamName: 's' }).Tags;
		expect(list).toHaveLength(45);
		for (const t of [
			{ Key: 'a', Value: 'a' },
			{ Key: 'ü0 _.', Value: 'a' },
			{ Key: '/=+-@', Value: 'a' },
			{ Key: 'b', Value: 'ü0 _./=+-@' },
			{ Key: 'c', Value: '' }
		])
			expect(list).toContainEqual(t);
		k.addTagsToStream({ StreamName: 's', Tags: { a: 'b' } });
		expect(k.listTagsForStream({ StreamName: 's' }).Tags).toContainEqual({ Key: 'a', Value: 'b' });
		// Recorded: kinesalite test/removeTagsFromStream.js, "should add and remove tags keys"
		k.removeTagsFromStream({ StreamName: 's', TagKeys: ['ü0 _.', '/=+-@', 'b', 'nope'] });
		list = k.listTagsForStream({ StreamName: 's' }).Tags;
		expect(list).toContainEqual({ Key: 'a', Value: 'b' });
		expect(list.map((t) => t.Key)).not.toContain('ü0 _.');
		expect(list.map((t) => t.Key)).not.toContain('/=+-@');
		// Recorded: kinesalite test/removeTagsFromStream.js, "should succeed if valid characters in tag keys"
		expect(
			k.removeTagsFromStream({ StreamName: 's', TagKeys: ['ü0 _.', '/=+-@'] }).$metadata.httpStatusCode
		).toBe(200);
	});

	it('KIN-16: tag characters: `;`, tab, newline and `,` are invalid; `%` is illegal, each with its text', () => {
		const { k } = setup(1, 'ts');
		const invalid =
			'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.';
		const illegal = (verb: string) =>
			`Failed to ${verb} stream ts under account ${A} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`;
		// Recorded: kinesalite test/addTagsToStream.js, "; in tag key", "tab in tag key", "newline in tag key",
		// "comma in tag key", "; in tag value", "tab in tag value", "newline in tag value", "comma in tag value"
		for (const bad of ['abc;def', 'abc\tdef', 'abc\ndef', 'abc,def']) {
			for (const Tags of [{ [bad]: '1' }, { a: bad }]) {
				expect(errorOf(() => k.addTagsToStream({ StreamName: 'ts', Tags }))).toMatchObject({
					name: 'InvalidArgumentException',
					message: invalid
				});
			}
			// Recorded: kinesalite test/removeTagsFromStream.js, "; in TagKeys", "tab in TagKeys", "newline in TagKeys", "comma in TagKeys"
			expect(errorOf(() => k.removeTagsFromStream({ StreamName: 'ts', TagKeys: [bad] }))).toMatchObject({
				name: 'InvalidArgumentException',
				message: invalid
			});
		}
		// Recorded: kinesalite test/addTagsToStream.js, "% in tag key", "% in tag value"
		for (const Tags of [{ 'abc%def': '1' }, { a: 'abc%def' }] as Record<string, string>[]) {
			expect(errorOf(() => k.addTagsToStream({ StreamName: 'ts', Tags }))).toMatchObject({
				name: 'InvalidArgumentException',
				message: illegal('add tags to')
			});
		}
		// Recorded: kinesalite test/removeTagsFromStream.js, "% in TagKeys"
		expect(errorOf(() => k.removeTagsFromStream({ StreamName: 'ts', TagKeys: ['abc%def'] }))).toMatchObject({
			name: 'InvalidArgumentException',
			message: illegal('remove tags from')
		});
		expect(k.listTagsForStream({ StreamName: 'ts' }).Tags).toEqual([]);
	});

	it('KIN-16: an unknown stream is looked up before the tag characters are checked', () => {
		const { k } = setup(1);
		const notFound = {
			name: 'ResourceNotFoundException',
			message: `Stream nope under account ${A} not found.`
		};
		// Recorded: kinesalite test/addTagsToStream.js, test/listTagsForStream.js and test/removeTagsFromStream.js,
		// "should return ResourceNotFoundException if stream does not exist"
		expect(errorOf(() => k.addTagsToStream({ StreamName: 'nope', Tags: { a: 'b' } }))).toMatchObject(
			notFound
		);
		expect(
			errorOf(() => k.listTagsForStream({ StreamName: 'nope', ExclusiveStartTagKey: 'a', Limit: 1 }))
		).toMatchObject(notFound);
		expect(errorOf(() => k.removeTagsFromStream({ StreamName: 'nope', TagKeys: [';'] }))).toMatchObject(
			notFound
		);
	});

	it('KIN-16: tag requests are validated before the stream is looked up, all failures together', () => {
		const { k } = setup(1);
		const name = 'a'.repeat(129);
		const v = (fn: () => unknown) => errorOf(fn).message;
		// Recorded: kinesalite test/addTagsToStream.js, "should return ValidationException for empty StreamName"
		expect(v(() => k.addTagsToStream({ StreamName: '', Tags: {} }))).toBe(
			"3 validation errors detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"
		);
		// Recorded: kinesalite test/addTagsToStream.js, "should return ValidationException for long StreamName"
		expect(v(() => k.addTagsToStream({ StreamName: name, Tags: { 'a;b': 'b' } }))).toBe(
			`1 validation error detected: Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`
		);
		// Recorded: kinesalite test/addTagsToStream.js, "should return ValidationException for long tag key"
		expect(v(() => k.addTagsToStream({ StreamName: 'x', Tags: { a: '1', b: '2', [name]: '3' } }))).toMatch(
			new RegExp(
				`^1 validation error detected: Value '\\{[ab12, =]*${name}=3[ab12, =]*\\}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: \\[Member must have length less than or equal to 128, Member must have length greater than or equal to 1\\]$`
			)
		);
		// Recorded: kinesalite test/addTagsToStream.js, "should return ValidationException for long tag value"
		const long = 'a'.repeat(257);
		expect(v(() => k.addTagsToStream({ StreamName: 'x', Tags: { a: '1', b: '2', c: long } }))).toMatch(
			new RegExp(
				`^1 validation error detected: Value '\\{[ab12, =]*c=${long}[ab12, =]*\\}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: \\[Member must have length less than or equal to 256, Member must have length greater than or equal to 0\\]$`
			)
		);
		// Recorded: kinesalite test/addTagsToStream.js, "should return ValidationException for too many tags"
		const eleven = Object.fromEntries('abcdefghijk'.split('').map((c, i) => [c, String(i + 1)]));
		expect(v(() => k.addTagsToStream({ StreamName: 'x', Tags: eleven }))).toMatch(
			/^1 validation error detected: Value '\{[a-k0-9, =]+\}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 10$/
		);
		// Recorded: kinesalite test/addTagsToStream.js, "should return ValidationException for no StreamName"
		expect(v(() => k.addTagsToStream({} as never))).toContain(
			"Value null at 'tags' failed to satisfy constraint: Member must not be null"
		);
		// Recorded: kinesalite test/listTagsForStream.js, "should return ValidationException for empty StreamName"
		expect(v(() => k.listTagsForStream({ StreamName: '', ExclusiveStartTagKey: '', Limit: 0 }))).toBe(
			"4 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"
		);
		// Recorded: kinesalite test/listTagsForStream.js, "should return ValidationException for long StreamName"
		expect(v(() => k.listTagsForStream({ StreamName: name, ExclusiveStartTagKey: name, Limit: 100 }))).toBe(
			`3 validation errors detected: Value '100' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10; Value '${name}' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length less than or equal to 128; Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`
		);
		// Recorded: kinesalite test/removeTagsFromStream.js, "should return ValidationException for empty StreamName"
		expect(v(() => k.removeTagsFromStream({ StreamName: '', TagKeys: [] }))).toBe(
			"3 validation errors detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"
		);
		// Recorded: kinesalite test/removeTagsFromStream.js, "should return ValidationException for long TagKey"
		expect(v(() => k.removeTagsFromStream({ StreamName: 'x', TagKeys: ['a', name, 'b'] }))).toBe(
			`1 validation error detected: Value '[a, ${name}, b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`
		);
		// Recorded: kinesalite test/removeTagsFromStream.js, "should return ValidationException for too many TagKeys"
		expect(
			v(() =>
				k.removeTagsFromStream({
					StreamName: 'x',
					TagKeys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']
				})
			)
		).toBe(
			"1 validation error detected: Value '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 10"
		);
	});

	it('KIN-16: tags given at creation are listed', () => {
		const sb = createSandbox({ seed: 1 });
		sb.kinesis.createStream({ StreamName: 't', ShardCount: 1, Tags: { team: 'data' } });
		sb.advanceTime(1000);
		expect(sb.kinesis.listTagsForStream({ StreamName: 't' }).Tags).toEqual([{ Key: 'team', Value: 'data' }]);
	});
});

describe('KIN-15: ListStreams paging and CreateStream without a name', () => {
	it('KIN-15: ListStreams lists every stream; ExclusiveStartStreamName and Limit page through them', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		for (const n of ['beta', 'alpha', 'gamma']) k.createStream({ StreamName: n, ShardCount: 1 });
		sb.advanceTime(1000);
		// Recorded: kinesalite test/listStreams.js, "should return all streams"
		const all = k.listStreams();
		expect(all.HasMoreStreams).toBe(false);
		expect(all.StreamNames).toEqual(['alpha', 'beta', 'gamma']);
		// Recorded: kinesalite test/listStreams.js, "should return single stream"
		const one = k.listStreams({ ExclusiveStartStreamName: 'alph', Limit: 1 });
		expect(one.StreamNames).toEqual(['alpha']);
		expect(one.HasMoreStreams).toBe(true);
		expect(one.StreamSummaries.map((s) => s.StreamName)).toEqual(['alpha']);
		const next = k.listStreams({ NextToken: one.NextToken as string, Limit: 5 });
		expect(next.StreamNames).toEqual(['beta', 'gamma']);
		expect(next.HasMoreStreams).toBe(false);
		expect(next.NextToken).toBeUndefined();
	});

	it('KIN-16: CreateStream without a StreamName is a 400 ValidationException', () => {
		const sb = createSandbox({ seed: 1 });
		// Recorded: LocalStack test_kinesis.snapshot.json, test_create_stream_without_stream_name_raises
		const e = errorOf(() => sb.kinesis.createStream({} as never)) as Error & {
			$metadata?: { httpStatusCode?: number };
		};
		expect(e.name).toBe('ValidationException');
		expect(e.$metadata?.httpStatusCode).toBe(400);
		expect(e.message).toContain(
			"Value null at 'streamName' failed to satisfy constraint: Member must not be null"
		);
	});
});
