// Second pass over recorded Kinesis errors: kinesalite's tests (run against real Kinesis) that name an error
// code and text not yet replayed elsewhere: iterator expiry and format, sequence numbers that do not fit,
// hash keys out of range, non-adjacent merges, split keys outside the shard, and name reuse.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import { ITERATOR_TTL_MS } from '../../../src/lib/services/kinesis';

const A = '000000000000';

function errorOf(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected the call to fail');
}

function setup(shards = 3, name = 's') {
	const sb = createSandbox({ seed: 3 });
	const k = sb.kinesis;
	k.createStream({ StreamName: name, ShardCount: shards });
	sb.advanceTime(1000);
	return { sb, k };
}

const hex = (h: string) => BigInt(`0x${h}`).toString();

describe('KIN-9: iterator errors', () => {
	it('KIN-9: an iterator older than 5 minutes is expired, with both times in Java date form', () => {
		const { sb, k } = setup(1);
		const it = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-0',
			ShardIteratorType: 'LATEST'
		}).ShardIterator;
		sb.advanceTime(ITERATOR_TTL_MS + 1000);
		// Recorded: kinesalite test/getRecords.js, "should return ExpiredIteratorException if ShardIterator has expired"
		const e = errorOf(() => k.getRecords({ ShardIterator: it }));
		expect(e.name).toBe('ExpiredIteratorException');
		expect(e.message).toMatch(
			/^Iterator expired\. The iterator was created at time \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} while right now it is \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} which is further in the future than the tolerated delay of 300000 milliseconds\.$/
		);
	});

	it('KIN-9: a string that is not an iterator is an invalid argument', () => {
		const { k } = setup(1);
		// Recorded: kinesalite test/getRecords.js, "should return InvalidArgumentException if ShardIterator is incorrect format"
		expect(errorOf(() => k.getRecords({ ShardIterator: 'abcdefghijklmnop' }))).toMatchObject({
			name: 'InvalidArgumentException',
			message: 'Invalid ShardIterator.'
		});
	});

	it('KIN-9: LATEST and TRIM_HORIZON take no StartingSequenceNumber', () => {
		const { k } = setup(1);
		for (const t of ['LATEST', 'TRIM_HORIZON']) {
			// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException if LATEST and StartingSequenceNumber"
			// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException if TRIM_HORIZON and StartingSequenceNumber"
			expect(
				errorOf(() =>
					k.getShardIterator({
						StreamName: 's',
						ShardId: 'shardId-0',
						ShardIteratorType: t,
						StartingSequenceNumber: '5'
					})
				)
			).toMatchObject({
				name: 'InvalidArgumentException',
				message: `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${t} and also a StartingSequenceNumber.`
			});
		}
	});

	it('KIN-3/KIN-9: a StartingSequenceNumber that encodes another shard is refused, naming both', () => {
		const { k } = setup(1);
		// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException if shard mismatches simple sequence"
		expect(
			errorOf(() =>
				k.getShardIterator({
					StreamName: 's',
					ShardId: 'shardId-0',
					ShardIteratorType: 'AT_SEQUENCE_NUMBER',
					StartingSequenceNumber: '5'
				})
			)
		).toMatchObject({
			name: 'InvalidArgumentException',
			message:
				'Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a shard with shardId-000000000000'
		});
	});

	it('KIN-3/KIN-9: StartingSequenceNumbers of AWS layout: a high sequence index is invalid, a high shard index is read as negative', () => {
		const { k } = setup(1);
		const get = (StartingSequenceNumber: string) => () =>
			k.getShardIterator({
				StreamName: 's',
				ShardId: 'shardId-0',
				ShardIteratorType: 'AT_SEQUENCE_NUMBER',
				StartingSequenceNumber
			});
		const index8 = hex('20000000000800000000000000000000000000000000002');
		// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException for 8 in index in StartingSequenceNumber"
		expect(errorOf(get(index8))).toMatchObject({
			name: 'InvalidArgumentException',
			message: `StartingSequenceNumber ${index8} used in GetShardIterator on shard shardId-000000000000 in stream s under account ${A} is invalid.`
		});
		// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException for 8 near end of StartingSequenceNumber"
		expect(errorOf(get(hex('20000000000000000000000000000000000000800000002')))).toMatchObject({
			name: 'InvalidArgumentException',
			message:
				'Invalid StartingSequenceNumber. It encodes shardId--02147483648, while it was used in a call to a shard with shardId-000000000000'
		});
		// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException if using sequence number with large date"
		const large = hex('13bb2cc3d80000000000000000000000');
		expect(large).toBe('26227199374822427428162556223570313216');
		expect(errorOf(get(large))).toMatchObject({
			name: 'InvalidArgumentException',
			message: `StartingSequenceNumber ${large} used in GetShardIterator on shard shardId-000000000000 in stream s under account ${A} is invalid.`
		});
	});

	it('KIN-3/KIN-9: a small number of the oldest layout that names the shard itself is a 500 InternalFailure', () => {
		const { k } = setup(1);
		// Recorded: kinesalite test/getShardIterator.js, "should return InternalFailure if using small (old?) sequence number"
		const e = errorOf(() =>
			k.getShardIterator({
				StreamName: 's',
				ShardId: 'shardId-0',
				ShardIteratorType: 'AT_SEQUENCE_NUMBER',
				StartingSequenceNumber: '0'
			})
		) as Error & { $metadata?: { httpStatusCode?: number } };
		expect(e.name).toBe('InternalFailure');
		expect(e.$metadata?.httpStatusCode).toBe(500);
	});

	it('KIN-9: iterators work for streams of any name length', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		const s1 = 'n'.repeat(29);
		const s2 = 'n'.repeat(30);
		for (const n of [s1, s2]) k.createStream({ StreamName: n, ShardCount: 1 });
		sb.advanceTime(1000);
		// Recorded: kinesalite test/getShardIterator.js, "should work with different length stream names"
		for (const n of [s1, s2]) {
			const it = k.getShardIterator({
				StreamName: n,
				ShardId: 'shardId-0',
				ShardIteratorType: 'LATEST'
			}).ShardIterator;
			expect(k.getRecords({ ShardIterator: it }).Records).toEqual([]);
		}
	});
});

describe('KIN-1/KIN-3: put errors', () => {
	it('KIN-1: an ExplicitHashKey of 2^128 is outside the range', () => {
		const { k } = setup(3);
		const big = (1n << 128n).toString();
		const message = `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${big}`;
		// Recorded: kinesalite test/putRecord.js, "should return InvalidArgumentException for out of bounds ExplicitHashKey"
		expect(
			errorOf(() => k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '', ExplicitHashKey: big }))
		).toMatchObject({ name: 'InvalidArgumentException', message });
		// Recorded: kinesalite test/putRecords.js, "should return InvalidArgumentException for out of bounds ExplicitHashKey"
		expect(
			errorOf(() =>
				k.putRecords({
					StreamName: 's',
					Records: [
						{ PartitionKey: 'a', Data: '', ExplicitHashKey: big },
						{ PartitionKey: 'a', Data: '' }
					]
				})
			)
		).toMatchObject({ name: 'InvalidArgumentException', message });
	});

	it('KIN-3: SequenceNumberForOrdering of all-zero fields is accepted; the record goes where its key routes', () => {
		const { k } = setup(3);
		// Recorded: kinesalite test/putRecord.js, "should work with SequenceNumberForOrdering all 0"
		// Recorded: kinesalite test/putRecord.js, "should work with SequenceNumberForOrdering all 0 with version 1"
		for (const h of [
			'20000000000000000000000000000000000000000000002',
			'20000000000000000000000000000000000000000000001'
		]) {
			const r = k.putRecord({
				StreamName: 's',
				PartitionKey: 'a',
				Data: '',
				SequenceNumberForOrdering: hex(h)
			});
			expect(r.ShardId).toBe('shardId-000000000000');
		}
	});

	it('KIN-3: a SequenceNumberForOrdering Kinesis cannot read is refused, quoting it', () => {
		const { k } = setup(3);
		// Recorded: kinesalite test/putRecord.js, "version 0 in SequenceNumberForOrdering", "version 4 …", "version 3 …",
		// "initial 3 …", "initial 1 …", "8 in index …", "should return InvalidArgumentException with SequenceNumberForOrdering all f"
		for (const h of [
			'20000000000000000000000000000000000000000000000',
			'20000000000000000000000000000000000000000000004',
			'20000000000000000000000000000000000000000000003',
			'30000000000000000000000000000000000000000000001',
			'1ffffffffff7fffffffffffffff000000000007fffffff2',
			'20000000000800000000000000000000000000000000002',
			'2ffffffffff7fffffffffffffff000000000007fffffff2',
			// Recorded: kinesalite test/putRecord.js, "should return InvalidArgumentException if using sequence number with large date"
			'13bb2cc3d80000000000000000000000'
		]) {
			const seq = hex(h);
			expect(
				errorOf(() =>
					k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '', SequenceNumberForOrdering: seq })
				)
			).toMatchObject({
				name: 'InvalidArgumentException',
				message: `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream s under account ${A} is invalid.`
			});
		}
	});
});

describe('KIN-11/KIN-15: reshard and create errors', () => {
	it('KIN-11: MergeShards of shards that are not an adjacent pair (or the pair inverted) is refused', () => {
		const { k } = setup(3);
		const msg = (a: string, b: string) =>
			`Shards shardId-00000000000${a} and shardId-00000000000${b} in stream s under account ${A} are not an adjacent pair of shards eligible for merging`;
		// Recorded: kinesalite test/mergeShards.js, "should return InvalidArgumentException if shards not adjacent"
		expect(
			errorOf(() => k.mergeShards({ StreamName: 's', ShardToMerge: 'x-0', AdjacentShardToMerge: 'y-2' }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: msg('0', '2')
		});
		// Recorded: kinesalite test/mergeShards.js, "should return InvalidArgumentException if adjacency is inverted"
		expect(
			errorOf(() => k.mergeShards({ StreamName: 's', ShardToMerge: 'x-1', AdjacentShardToMerge: 'y-0' }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: msg('1', '0')
		});
	});

	it('KIN-11: a NewStartingHashKey not inside the shard names the shard range', () => {
		const { k } = setup(3);
		// Recorded: kinesalite test/splitShard.js, "should return InvalidArgumentException for hash too big"
		expect(
			errorOf(() =>
				k.splitShard({
					StreamName: 's',
					NewStartingHashKey: '113427455640312821154458202477256070484',
					ShardToSplit: 'shard-0'
				})
			)
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: `NewStartingHashKey 113427455640312821154458202477256070484 used in SplitShard() on shard shardId-000000000000 in stream s under account ${A} is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 113427455640312821154458202477256070484.`
		});
		// Recorded: kinesalite test/splitShard.js, "should return InvalidArgumentException for hash much too big"
		expect(
			errorOf(() =>
				k.splitShard({
					StreamName: 's',
					NewStartingHashKey: '999999999999999999999999999999999999999',
					ShardToSplit: 'shard-2'
				})
			)
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: `NewStartingHashKey 999999999999999999999999999999999999999 used in SplitShard() on shard shardId-000000000002 in stream s under account ${A} is not both greater than one plus the shard's StartingHashKey 226854911280625642308916404954512140970 and less than the shard's EndingHashKey 340282366920938463463374607431768211455.`
		});
	});

	it('KIN-15: a stream name in use cannot be created again', () => {
		const { k } = setup(1);
		// Recorded: kinesalite test/createStream.js, "should return ResourceInUseException if stream already exists"
		expect(errorOf(() => k.createStream({ StreamName: 's', ShardCount: 1 }))).toMatchObject({
			name: 'ResourceInUseException',
			message: `Stream s under account ${A} already exists.`
		});
	});

	it('KIN-10: a decrease below 24 hours, or above the current period, names the limit or the API to use', () => {
		const { k } = setup(1);
		// Recorded: kinesalite test/decreaseStreamRetentionPeriod.js, "should return InvalidArgumentException for retention period less than 24"
		expect(
			errorOf(() => k.decreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 23 }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message:
				'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.'
		});
		// Recorded: kinesalite test/decreaseStreamRetentionPeriod.js, "should return InvalidArgumentException for retention period greater than current"
		expect(
			errorOf(() => k.decreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 25 }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message:
				'Requested retention period (25 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.'
		});
	});
});
