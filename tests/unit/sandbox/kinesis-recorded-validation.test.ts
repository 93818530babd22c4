// KIN-16 (and KIN-9/-10/-11 argument errors): Kinesis request validation through the sandbox, checked
// against the texts kinesalite's test suite asserts (mhart/kinesalite, run against real Kinesis; extracted
// under /work/ref/kinesalite/test). Constraint failures come first, all together in one ValidationException;
// existence checks only after. Shard ids are normalised.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

const A = '000000000000'; // the sandbox's account id

function errorOf(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected the call to fail');
}

function setup(shards = 3) {
	const sb = createSandbox({ seed: 5 });
	sb.kinesis.streamCreationMs = 0; // KIN-15: ACTIVE at once (CREATING is tested in kinesis-recorded-lifecycle)
	sb.kinesis.createStream({ StreamName: 's', ShardCount: shards });
	return { sb, k: sb.kinesis };
}

const NAME_PATTERN = 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+';
const LEN_GE_1 = 'Member must have length greater than or equal to 1';

describe('KIN-16: constraint failures are reported together, before existence', () => {
	it('KIN-16: PutRecord with every member empty lists each failure, member by member', () => {
		// Recorded: kinesalite test/putRecord.js, "should return ValidationException for empty StreamName"
		const { k } = setup();
		const e = errorOf(() =>
			k.putRecord({
				StreamName: '',
				PartitionKey: '',
				Data: '',
				ExplicitHashKey: '',
				SequenceNumberForOrdering: ''
			})
		);
		expect(e.name).toBe('ValidationException');
		expect(e.message).toBe(
			'5 validation errors detected: ' +
				[
					"Value '' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
					`Value '' at 'partitionKey' failed to satisfy constraint: ${LEN_GE_1}`,
					"Value '' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
					`Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
				].join('; ')
		);
	});

	it('KIN-16: PutRecord without its required members says which are null', () => {
		// Recorded: kinesalite test/putRecord.js, "should return ValidationException for no StreamName"
		// (StreamName itself may now be left out for StreamARN; an unnamed stream is an invalid argument).
		const { k } = setup();
		const e = errorOf(() => k.putRecord({ StreamName: 's' } as never));
		expect(e.message).toBe(
			"2 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; Value null at 'data' failed to satisfy constraint: Member must not be null"
		);
	});

	it('KIN-16: a long stream name and partition key are both reported, the stream is not looked up', () => {
		// Recorded: kinesalite test/putRecord.js, "should return ValidationException for long StreamName"
		const { k } = setup();
		const name = 'a'.repeat(129);
		const key = 'a'.repeat(257);
		const e = errorOf(() =>
			k.putRecord({ StreamName: name, PartitionKey: key, Data: '', ExplicitHashKey: '' })
		);
		expect(e.message).toBe(
			'3 validation errors detected: ' +
				[
					`Value '${key}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256`,
					"Value '' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
					`Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`
				].join('; ')
		);
	});

	it('KIN-16/KIN-6: Data is printed as a Java ByteBuffer when it exceeds the largest record (10 MiB)', () => {
		// Recorded form: kinesalite test/putRecord.js, "long StreamName" ('java.nio.HeapByteBuffer[pos=0 lim=…]');
		// the bound is the large-record era's 10 MiB (KIN-6), the stream's own limit is checked after the lookup.
		const { k } = setup();
		const n = 10 * 1024 * 1024 + 1;
		const e = errorOf(() => k.putRecord({ StreamName: 's', PartitionKey: 'k', Data: new Uint8Array(n) }));
		expect(e.message).toBe(
			`1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 10485760`
		);
	});

	it('KIN-16: PutRecords names entries by member path, records.1.member.partitionKey', () => {
		// Recorded: kinesalite test/putRecords.js, "should return ValidationException for empty PartitionKey"
		const { k } = setup();
		const e = errorOf(() =>
			k.putRecords({ StreamName: '', Records: [{ PartitionKey: '', Data: '', ExplicitHashKey: '' }] })
		);
		expect(e.message).toBe(
			'4 validation errors detected: ' +
				[
					`Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: ${LEN_GE_1}`,
					"Value '' at 'records.1.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
					`Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
				].join('; ')
		);
	});

	it('KIN-16/KIN-5: an empty Records list, and more than 500 entries, at most 10 failures shown', () => {
		// Recorded: kinesalite test/putRecords.js, "empty StreamName" and "too many records"
		const { k } = setup();
		expect(errorOf(() => k.putRecords({ StreamName: 's', Records: [] })).message).toBe(
			"1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"
		);
		const many = Array.from({ length: 501 }, () => ({ PartitionKey: '', Data: '' }));
		const e = errorOf(() => k.putRecords({ StreamName: '', Records: many }));
		expect(
			e.message.startsWith(
				"10 validation errors detected: Value '[com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@"
			)
		).toBe(true);
		expect(e.message).toContain(
			"at 'records' failed to satisfy constraint: Member must have length less than or equal to 500; Value '' at 'records.1.member.partitionKey'"
		);
		expect(e.message).toContain('records.9.member.partitionKey');
		expect(e.message).not.toContain('records.10.member');
	});

	it('KIN-16: GetShardIterator with every member empty', () => {
		// Recorded: kinesalite test/getShardIterator.js, "should return ValidationException for empty StreamName"
		const { k } = setup();
		const e = errorOf(() =>
			k.getShardIterator({ StreamName: '', ShardIteratorType: '', ShardId: '', StartingSequenceNumber: '' })
		);
		expect(e.message).toBe(
			'6 validation errors detected: ' +
				[
					`Value '' at 'shardId' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'shardId' failed to satisfy constraint: ${LEN_GE_1}`,
					"Value '' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]",
					"Value '' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
					`Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
				].join('; ')
		);
	});

	it('KIN-16: GetRecords Limit and ShardIterator bounds', () => {
		// Recorded: kinesalite test/getRecords.js, "empty ShardIterator" and "long ShardIterator"
		const { k } = setup();
		expect(errorOf(() => k.getRecords({ ShardIterator: '', Limit: 0 })).message).toBe(
			`2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '' at 'shardIterator' failed to satisfy constraint: ${LEN_GE_1}`
		);
		const long = 'a'.repeat(513);
		expect(errorOf(() => k.getRecords({ ShardIterator: long, Limit: 100000 })).message).toBe(
			`2 validation errors detected: Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; Value '${long}' at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to 512`
		);
		expect(errorOf(() => k.getRecords({ ShardIterator: 'abc' }))).toMatchObject({
			name: 'InvalidArgumentException',
			message: 'Invalid ShardIterator.'
		});
	});

	it('KIN-16: SplitShard and MergeShards constraints', () => {
		// Recorded: kinesalite test/splitShard.js and test/mergeShards.js, "empty StreamName"
		const { k } = setup();
		expect(
			errorOf(() => k.splitShard({ StreamName: '', ShardToSplit: '', NewStartingHashKey: '' })).message
		).toBe(
			'5 validation errors detected: ' +
				[
					"Value '' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
					`Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`,
					`Value '' at 'shardToSplit' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'shardToSplit' failed to satisfy constraint: ${LEN_GE_1}`
				].join('; ')
		);
		const name = 'a'.repeat(129);
		expect(
			errorOf(() => k.mergeShards({ StreamName: name, ShardToMerge: name, AdjacentShardToMerge: name }))
				.message
		).toBe(
			'3 validation errors detected: ' +
				['shardToMerge', 'adjacentShardToMerge', 'streamName']
					.map(
						(m) =>
							`Value '${name}' at '${m}' failed to satisfy constraint: Member must have length less than or equal to 128`
					)
					.join('; ')
		);
	});

	it('KIN-16: CreateStream ShardCount is printed as a Java int', () => {
		// Recorded: kinesalite test/createStream.js, "empty StreamName" and "long StreamName"
		const { k } = setup();
		expect(errorOf(() => k.createStream({ StreamName: '', ShardCount: 0 })).message).toBe(
			`3 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}; Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
		);
		const name = 'a'.repeat(129);
		expect(errorOf(() => k.createStream({ StreamName: name, ShardCount: 100000000000 })).message).toBe(
			`2 validation errors detected: Value '2147483647' at 'shardCount' failed to satisfy constraint: Member must have value less than or equal to 100000; Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`
		);
	});

	it('KIN-16: DescribeStream and DeleteStream constraints', () => {
		// Recorded: kinesalite test/describeStream.js and test/deleteStream.js, "empty StreamName"
		const { k } = setup();
		expect(
			errorOf(() => k.describeStream({ StreamName: '', Limit: 0, ExclusiveStartShardId: '' } as never))
				.message
		).toBe(
			'5 validation errors detected: ' +
				[
					"Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
					`Value '' at 'exclusiveStartShardId' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'exclusiveStartShardId' failed to satisfy constraint: ${LEN_GE_1}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
				].join('; ')
		);
		expect(errorOf(() => k.deleteStream({ StreamName: '' })).message).toBe(
			`2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}; Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
		);
	});

	it('KIN-16: a member of the wrong type is a SerializationException before any constraint', () => {
		// Recorded: kinesalite test/putRecord.js, "should return SerializationException when StreamName is not a String"
		const { k } = setup();
		const e = errorOf(() => k.putRecord({ StreamName: true, PartitionKey: '', Data: '' } as never));
		expect(e.name).toBe('SerializationException');
		expect(e.message.split('\n')[0]).toBe('class java.lang.Boolean can not be converted to an String');
	});

	it('KIN-16: only after the constraints does an unknown stream answer ResourceNotFoundException', () => {
		// Recorded: kinesalite test/putRecord.js, "should return ResourceNotFoundException if stream does not exist"
		const { k } = setup();
		expect(errorOf(() => k.putRecord({ StreamName: 'nope', PartitionKey: 'a', Data: '' }))).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Stream nope under account ${A} not found.`
		});
		expect(
			errorOf(() => k.putRecords({ StreamName: 'nope', Records: [{ PartitionKey: 'a', Data: '' }] })).message
		).toBe(`Stream nope under account ${A} not found.`);
	});
});

describe('KIN-16: shard ids are normalised', () => {
	const cases: [string, string][] = [
		['2147483647', 'shardId-002147483647'],
		['x_y.z-2147483647', 'shardId-002147483647'],
		['a-00002147483647', 'shardId-002147483647'],
		['-00002147483647', 'shardId-002147483647'],
		['shardId-5', 'shardId-000000000005'],
		['7', 'shardId-000000000007']
	];
	for (const [given, normalised] of cases) {
		it(`KIN-16: GetShardIterator reads ${given} as ${normalised}`, () => {
			// Recorded: kinesalite test/getShardIterator.js, "unknown stream and shard ID just small enough",
			// "random shard name", "short prefix", "no prefix", "known stream and raw shard ID does not exist"
			const { k } = setup();
			for (const StreamName of ['nope', 's']) {
				expect(
					errorOf(() => k.getShardIterator({ StreamName, ShardId: given, ShardIteratorType: 'LATEST' }))
				).toMatchObject({
					name: 'ResourceNotFoundException',
					message: `Shard ${normalised} in stream ${StreamName} under account ${A} does not exist`
				});
			}
		});
	}

	it('KIN-16: an id that names no shard index is repeated as given', () => {
		// Recorded: kinesalite test/getShardIterator.js, "shard ID too big", "raw shard ID too big",
		// "string shard ID", "exponent shard ID"
		const { k } = setup();
		for (const id of ['2147483648', 'shardId-002147483648', 'ABKLFD8', '2.14E4']) {
			expect(
				errorOf(() => k.getShardIterator({ StreamName: 'nope', ShardId: id, ShardIteratorType: 'LATEST' }))
					.message
			).toBe(`Could not find shard ${id} in stream nope under account ${A}.`);
		}
	});

	it('KIN-16: any prefix before the hyphen works, and the iterator reads the normalised shard', () => {
		// Recorded: kinesalite test/getShardIterator.js, "should work with random shard ID with hyphen"
		const { k } = setup();
		const put = k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: 'x', ExplicitHashKey: '0' });
		expect(put.ShardId).toBe('shardId-000000000000');
		const it0 = k.getShardIterator({
			StreamName: 's',
			ShardId: 'whatever-0',
			ShardIteratorType: 'TRIM_HORIZON'
		});
		expect(k.getRecords({ ShardIterator: it0.ShardIterator }).Records.map((r) => r.SequenceNumber)).toEqual([
			put.SequenceNumber
		]);
	});

	it('KIN-16: SplitShard and MergeShards name a shard they cannot find by its normalised id', () => {
		// Recorded: kinesalite test/splitShard.js and test/mergeShards.js, "known stream and raw shard ID does
		// not exist", "unknown stream and shard ID too big", "unknown stream and shard ID just small enough"
		const { k } = setup();
		expect(
			errorOf(() => k.splitShard({ StreamName: 's', ShardToSplit: 'shardId-5', NewStartingHashKey: '0' }))
				.message
		).toBe(`Could not find shard shardId-000000000005 in stream s under account ${A}.`);
		expect(
			errorOf(() =>
				k.mergeShards({ StreamName: 's', ShardToMerge: 'shardId-5', AdjacentShardToMerge: 'x-0' })
			).message
		).toBe(`Could not find shard shardId-000000000005 in stream s under account ${A}.`);
		expect(
			errorOf(() =>
				k.mergeShards({ StreamName: 'nope', ShardToMerge: '2147483648', AdjacentShardToMerge: 'x-0' })
			).message
		).toBe(`Could not find shard 2147483648 in stream nope under account ${A}.`);
		expect(
			errorOf(() =>
				k.mergeShards({ StreamName: 'nope', ShardToMerge: '2147483647', AdjacentShardToMerge: 'x-0' })
			).message
		).toBe(`Stream nope under account ${A} not found.`);
	});

	it('KIN-16/KIN-11: SplitShard hash key errors print the normalised shard id', () => {
		// Recorded: kinesalite test/splitShard.js, "should return InvalidArgumentException for hash too small"
		const { k } = setup();
		expect(
			errorOf(() => k.splitShard({ StreamName: 's', ShardToSplit: 'shard-0', NewStartingHashKey: '1' }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: `NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account ${A} is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 113427455640312821154458202477256070484.`
		});
	});

	it('KIN-16/KIN-11: MergeShards names the lower shard first; the other way round is not an adjacent pair', () => {
		// Recorded: kinesalite test/mergeShards.js, "should return InvalidArgumentException if shards are not adjacent"
		const { sb, k } = setup();
		expect(
			errorOf(() => k.mergeShards({ StreamName: 's', ShardToMerge: 'a-1', AdjacentShardToMerge: 'b-0' }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: `Shards shardId-000000000001 and shardId-000000000000 in stream s under account ${A} are not an adjacent pair of shards eligible for merging`
		});
		k.mergeShards({ StreamName: 's', ShardToMerge: 'a-0', AdjacentShardToMerge: 'b-1' });
		sb.advanceTime(2_000);
		const merged = k.listShards({ StreamName: 's' }).Shards.find((x) => x.ShardId === 'shardId-000000000003');
		expect(merged).toMatchObject({
			ParentShardId: 'shardId-000000000000',
			AdjacentParentShardId: 'shardId-000000000001',
			HashKeyRange: { StartingHashKey: '0', EndingHashKey: '226854911280625642308916404954512140969' }
		});
	});
});

describe('KIN-9/KIN-16: iterator argument errors', () => {
	const both =
		'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ';

	it('KIN-9: the iterator type and StartingSequenceNumber must go together', () => {
		// Recorded: kinesalite test/getShardIterator.js, "AT_SEQUENCE_NUMBER and no StartingSequenceNumber",
		// "AFTER_SEQUENCE_NUMBER and no …", "LATEST and StartingSequenceNumber", "TRIM_HORIZON and …"
		const { k } = setup();
		const g = (ShardIteratorType: string, StartingSequenceNumber?: string) =>
			errorOf(() =>
				k.getShardIterator({
					StreamName: 's',
					ShardId: 'shardId-0',
					ShardIteratorType,
					...(StartingSequenceNumber !== undefined ? { StartingSequenceNumber } : {})
				})
			);
		expect(g('AT_SEQUENCE_NUMBER')).toMatchObject({
			name: 'InvalidArgumentException',
			message: `${both}AT_SEQUENCE_NUMBER and no StartingSequenceNumber.`
		});
		expect(g('AFTER_SEQUENCE_NUMBER').message).toBe(
			`${both}AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber.`
		);
		expect(g('LATEST', '5').message).toBe(`${both}LATEST and also a StartingSequenceNumber.`);
		expect(g('TRIM_HORIZON', '5').message).toBe(`${both}TRIM_HORIZON and also a StartingSequenceNumber.`);
	});

	it('KIN-9: AT_TIMESTAMP needs a Timestamp, and not one in the future', () => {
		// Recorded: kinesalite test/getShardIterator.js, "AT_TIMESTAMP and no Timestamp", "Timestamp in the future"
		const { sb, k } = setup();
		expect(
			errorOf(() =>
				k.getShardIterator({ StreamName: 's', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP' })
			).message
		).toBe(
			'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.'
		);
		const now = 1767225600000 + sb.now();
		const e = errorOf(() =>
			k.getShardIterator({
				StreamName: 's',
				ShardId: 'shardId-0',
				ShardIteratorType: 'AT_TIMESTAMP',
				Timestamp: now + 2000
			})
		);
		expect(e.name).toBe('InvalidArgumentException');
		expect(e.message).toBe(
			`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${now + 2000}, currentTimestampInMillis: ${now}`
		);
	});

	it('KIN-3/KIN-16: a StartingSequenceNumber says which shard issued it; another shard refuses it', () => {
		// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException if shard
		// mismatches simple sequence" and "sequence number with large date"
		const { k } = setup();
		const p = k.putRecord({
			StreamName: 's',
			PartitionKey: 'a',
			Data: 'x',
			ExplicitHashKey: '113427455640312821154458202477256070485'
		});
		expect(p.ShardId).toBe('shardId-000000000001');
		const e = errorOf(() =>
			k.getShardIterator({
				StreamName: 's',
				ShardId: 'shardId-0',
				ShardIteratorType: 'AT_SEQUENCE_NUMBER',
				StartingSequenceNumber: p.SequenceNumber
			})
		);
		expect(e).toMatchObject({
			name: 'InvalidArgumentException',
			message:
				'Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000'
		});
		const big = '26227199374822427428162556223570313216';
		expect(
			errorOf(() =>
				k.getShardIterator({
					StreamName: 's',
					ShardId: 'shard-0',
					ShardIteratorType: 'AT_SEQUENCE_NUMBER',
					StartingSequenceNumber: big
				})
			).message
		).toBe(
			`StartingSequenceNumber ${big} used in GetShardIterator on shard shardId-000000000000 in stream s under account ${A} is invalid.`
		);
		// The shard's own number is good.
		const ok = k.getShardIterator({
			StreamName: 's',
			ShardId: 'shardId-1',
			ShardIteratorType: 'AT_SEQUENCE_NUMBER',
			StartingSequenceNumber: p.SequenceNumber
		});
		expect(k.getRecords({ ShardIterator: ok.ShardIterator }).Records).toHaveLength(1);
	});

	it('KIN-3/KIN-16: a SequenceNumberForOrdering that encodes nothing Kinesis issues is refused', () => {
		// Recorded: kinesalite test/putRecord.js, "should return InvalidArgumentException if using sequence
		// number with large date"; "should work with SequenceNumberForOrdering all 0"
		const { k } = setup();
		const seq = '26227199374822427428162556223570313216'.padEnd(60, '0');
		expect(
			errorOf(() =>
				k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '', SequenceNumberForOrdering: seq })
			)
		).toMatchObject({
			name: 'InvalidArgumentException',
			message: `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream s under account ${A} is invalid.`
		});
		expect(
			k.putRecord({ StreamName: 's', PartitionKey: 'a', Data: '', SequenceNumberForOrdering: '0' }).ShardId
		).toMatch(/^shardId-/);
	});
});

describe('KIN-10/KIN-16: retention changes', () => {
	it('KIN-10: a change the wrong way names the API to use', () => {
		// Recorded: kinesalite test/increaseStreamRetentionPeriod.js, "should increase stream retention period";
		// test/decreaseStreamRetentionPeriod.js, "retention period greater than current"
		const { k } = setup();
		expect(
			errorOf(() => k.decreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 25 }))
		).toMatchObject({
			name: 'InvalidArgumentException',
			message:
				'Requested retention period (25 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.'
		});
		k.increaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 25 });
		expect(
			errorOf(() => k.increaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 24 })).message
		).toBe(
			'Requested retention period (24 hours) for stream s can not be shorter than existing retention period (25 hours). Use DecreaseRetentionPeriod API.'
		);
		k.decreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 24 });
		expect(k.describeStream({ StreamName: 's' }).StreamDescription.RetentionPeriodHours).toBe(24);
	});

	it('KIN-10: below 24 hours is too short; outside 1–8,760 is a constraint failure', () => {
		// Recorded: kinesalite test/increaseStreamRetentionPeriod.js, "retention period less than 24",
		// "empty StreamName" (-1); the upper bound is today's 8,760 hours (KIN-10), not 2015's 168.
		const { k } = setup();
		expect(
			errorOf(() => k.increaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 23 })).message
		).toBe(
			'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.'
		);
		expect(
			errorOf(() => k.decreaseStreamRetentionPeriod({ StreamName: '', RetentionPeriodHours: -1 })).message
		).toBe(
			`3 validation errors detected: Value '-1' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}; Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`
		);
		expect(
			errorOf(() => k.increaseStreamRetentionPeriod({ StreamName: 'a', RetentionPeriodHours: 8761 })).message
		).toBe(
			"1 validation error detected: Value '8761' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value less than or equal to 8760"
		);
		expect(
			errorOf(() => k.increaseStreamRetentionPeriod({ StreamName: 'nope', RetentionPeriodHours: 25 })).message
		).toBe(`Stream nope under account ${A} not found.`);
	});
});

describe('KIN-16: ListShards arguments', () => {
	it('KIN-16: ListShards needs a stream or a NextToken, not both', () => {
		// Recorded: kinesalite test/listShards.js, "no StreamName or NextToken", "both StreamName and NextToken",
		// "empty StreamName"
		const { k } = setup();
		expect(errorOf(() => k.listShards({} as never))).toMatchObject({
			name: 'InvalidArgumentException',
			message: 'Either NextToken or StreamName should be provided.'
		});
		expect(errorOf(() => k.listShards({ StreamName: 's', NextToken: 's' } as never)).message).toBe(
			'NextToken and StreamName cannot be provided together.'
		);
		expect(
			errorOf(() =>
				k.listShards({ StreamName: '', NextToken: '', MaxResults: 0, ExclusiveStartShardId: '' } as never)
			).message
		).toBe(
			'6 validation errors detected: ' +
				[
					"Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
					`Value '' at 'exclusiveStartShardId' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'exclusiveStartShardId' failed to satisfy constraint: ${LEN_GE_1}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
					`Value '' at 'streamName' failed to satisfy constraint: ${LEN_GE_1}`,
					`Value '' at 'nextToken' failed to satisfy constraint: ${LEN_GE_1}`
				].join('; ')
		);
		expect(k.listShards({ StreamName: 's' }).Shards).toHaveLength(3);
	});
});

describe('KIN-3/KIN-16: what a short StartingSequenceNumber encodes', () => {
	it('KIN-16: a small number encodes a shard in its low bits and is refused by another shard', () => {
		// Recorded: kinesalite test/getShardIterator.js, "should return InvalidArgumentException if shard
		// mismatches simple sequence"
		const { k } = setup();
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
		// On the shard it encodes, Kinesis fails with a bare 500.
		// Recorded: kinesalite test/getShardIterator.js, "should return InternalFailure if using small (old?) sequence number"
		expect(
			errorOf(() =>
				k.getShardIterator({
					StreamName: 's',
					ShardId: 'shardId-0',
					ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
					StartingSequenceNumber: '65536'
				})
			).name
		).toBe('InternalFailure');
	});
});
