// KIN-15 (stream lifecycle), KIN-12 (capacity modes) and KIN-6 (large records) through the sandbox, checked
// against kinesalite's tests (run against real Kinesis), LocalStack's recorded snapshots and moto's
// AWS-verified resharding, and against the [sim] rules the simulator documents.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import { DEFAULT_STREAM_CREATION_MS } from '../../../src/lib/sandbox/kinesis-client';
import { RESHARD_MS } from '../../../src/lib/services/kinesis';

const A = '000000000000';
const MiB = 1024 * 1024;

function errorOf(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected the call to fail');
}

function status(k: ReturnType<typeof createSandbox>['kinesis'], StreamName: string): string {
	return k.describeStream({ StreamName }).StreamDescription.StreamStatus;
}

describe('KIN-15: CREATING, ACTIVE, UPDATING, DELETING', () => {
	it('KIN-15: a new stream is CREATING with no shards; puts are not found, resharding is in use', () => {
		// Recorded: kinesalite test/createStream.js, "should create a basic 3-shard stream"
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		expect(k.streamCreationMs).toBe(DEFAULT_STREAM_CREATION_MS);
		expect(DEFAULT_STREAM_CREATION_MS).toBe(500);
		k.createStream({ StreamName: 'new', ShardCount: 3 });
		const d = k.describeStream({ StreamName: 'new' }).StreamDescription;
		expect(d).toMatchObject({ StreamStatus: 'CREATING', Shards: [], HasMoreShards: false });
		expect(
			errorOf(() =>
				k.getShardIterator({ StreamName: 'new', ShardId: 'shardId-0', ShardIteratorType: 'LATEST' })
			)
		).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Shard shardId-000000000000 in stream new under account ${A} does not exist`
		});
		const notActive = `Stream new under account ${A} not ACTIVE, instead in state CREATING`;
		expect(
			errorOf(() =>
				k.mergeShards({ StreamName: 'new', ShardToMerge: 'shardId-0', AdjacentShardToMerge: 'shardId-1' })
			)
		).toMatchObject({ name: 'ResourceInUseException', message: notActive });
		expect(
			errorOf(() => k.splitShard({ StreamName: 'new', ShardToSplit: 'shardId-0', NewStartingHashKey: '2' }))
		).toMatchObject({ name: 'ResourceInUseException', message: notActive });
		expect(
			errorOf(() =>
				k.updateShardCount({ StreamName: 'new', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' })
			)
		).toMatchObject({ name: 'ResourceInUseException', message: notActive });
		const notFound = `Stream new under account ${A} not found.`;
		expect(errorOf(() => k.putRecord({ StreamName: 'new', PartitionKey: 'a', Data: '' }))).toMatchObject({
			name: 'ResourceNotFoundException',
			message: notFound
		});
		expect(
			errorOf(() => k.putRecords({ StreamName: 'new', Records: [{ PartitionKey: 'a', Data: '' }] })).message
		).toBe(notFound);
		// A second CreateStream of the name is in use already.
		expect(errorOf(() => k.createStream({ StreamName: 'new', ShardCount: 1 }))).toMatchObject({
			name: 'ResourceInUseException',
			message: `Stream new under account ${A} already exists.`
		});
		sb.advanceTime(499);
		expect(status(k, 'new')).toBe('CREATING');
		sb.advanceTime(1);
		const active = k.describeStream({ StreamName: 'new' }).StreamDescription;
		expect(active.StreamStatus).toBe('ACTIVE');
		expect(active.Shards.map((s) => s.HashKeyRange)).toEqual([
			{ StartingHashKey: '0', EndingHashKey: '113427455640312821154458202477256070484' },
			{
				StartingHashKey: '113427455640312821154458202477256070485',
				EndingHashKey: '226854911280625642308916404954512140969'
			},
			{
				StartingHashKey: '226854911280625642308916404954512140970',
				EndingHashKey: '340282366920938463463374607431768211455'
			}
		]);
		for (const s of active.Shards) expect(s.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d{56}$/);
		expect(k.putRecord({ StreamName: 'new', PartitionKey: 'a', Data: 'x' }).ShardId).toMatch(/^shardId-/);
	});

	it('KIN-15 [sim]: the creation delay is a sandbox option; 0 makes a stream ACTIVE at once', () => {
		const sb = createSandbox({ seed: 1 });
		sb.kinesis.streamCreationMs = 0;
		sb.kinesis.createStream({ StreamName: 'now', ShardCount: 1 });
		expect(status(sb.kinesis, 'now')).toBe('ACTIVE');
		sb.kinesis.streamCreationMs = 2000;
		sb.kinesis.createStream({ StreamName: 'later', ShardCount: 1 });
		sb.advanceTime(1999);
		expect(status(sb.kinesis, 'later')).toBe('CREATING');
		sb.advanceTime(1);
		expect(status(sb.kinesis, 'later')).toBe('ACTIVE');
	});

	it('KIN-15: a stream may be deleted while it is CREATING; it is DELETING, then gone', () => {
		// Recorded: kinesalite test/deleteStream.js, "should allow stream to be deleted while it is being created"
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.createStream({ StreamName: 'd', ShardCount: 1 });
		k.deleteStream({ StreamName: 'd' });
		expect(status(k, 'd')).toBe('DELETING');
		expect(errorOf(() => k.putRecord({ StreamName: 'd', PartitionKey: 'a', Data: '' })).name).toBe(
			'ResourceNotFoundException'
		);
		sb.advanceTime(500);
		expect(errorOf(() => k.describeStream({ StreamName: 'd' }))).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Stream d under account ${A} not found.`
		});
		expect(k.listStreams().StreamNames).toEqual([]);
		// The name is free again.
		k.createStream({ StreamName: 'd', ShardCount: 1 });
		expect(status(k, 'd')).toBe('CREATING');
	});

	it('KIN-15: a stream created again under a deleted name is not reached by the old stream timers', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.createStream({ StreamName: 'd', ShardCount: 1 });
		sb.advanceTime(500);
		k.splitShard({ StreamName: 'd', ShardToSplit: 'shardId-0', NewStartingHashKey: '1000' }); // done at 2,500
		k.deleteStream({ StreamName: 'd' });
		sb.advanceTime(500);
		k.createStream({ StreamName: 'd', ShardCount: 1 });
		sb.advanceTime(500);
		k.splitShard({ StreamName: 'd', ShardToSplit: 'shardId-0', NewStartingHashKey: '2000' }); // done at 3,500
		sb.advanceTime(1000); // t = 2,500: the old stream's reshard falls due
		expect(status(k, 'd')).toBe('UPDATING');
		sb.advanceTime(1000);
		expect(status(k, 'd')).toBe('ACTIVE');
		expect(k.listShards({ StreamName: 'd' }).Shards.map((s) => s.HashKeyRange.StartingHashKey)).toEqual([
			'0',
			'0',
			'2000'
		]);
	});

	it('KIN-15: an ACTIVE stream being deleted refuses reads and writes, and a second DeleteStream', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.createStream({ StreamName: 'd', ShardCount: 1 });
		sb.advanceTime(500);
		const it0 = k.getShardIterator({
			StreamName: 'd',
			ShardId: 'shardId-0',
			ShardIteratorType: 'TRIM_HORIZON'
		});
		k.deleteStream({ StreamName: 'd' });
		expect(k.describeStreamSummary({ StreamName: 'd' }).StreamDescriptionSummary.StreamStatus).toBe(
			'DELETING'
		);
		expect(errorOf(() => k.getRecords({ ShardIterator: it0.ShardIterator })).name).toBe(
			'ResourceNotFoundException'
		);
		expect(errorOf(() => k.deleteStream({ StreamName: 'd' })).name).toBe('ResourceNotFoundException');
		sb.advanceTime(500);
		expect(errorOf(() => k.describeStreamSummary({ StreamName: 'd' })).name).toBe(
			'ResourceNotFoundException'
		);
	});

	it('KIN-15: a stream deleted while UPDATING goes DELETING; its pending reshard never applies', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		k.createStream({ StreamName: 'x', ShardCount: 2 });
		k.splitShard({ StreamName: 'x', ShardToSplit: 'shardId-0', NewStartingHashKey: '1000' });
		expect(status(k, 'x')).toBe('UPDATING');
		k.deleteStream({ StreamName: 'x' });
		expect(errorOf(() => k.describeStream({ StreamName: 'x' })).name).toBe('ResourceNotFoundException');
		sb.advanceTime(RESHARD_MS);
		expect(sb.trace().some((e) => e.type === 'shard-split')).toBe(false);
		k.createStream({ StreamName: 'x', ShardCount: 1 });
		expect(k.listShards({ StreamName: 'x' }).Shards).toHaveLength(1);
	});

	it('KIN-11/KIN-15: resharding makes the stream UPDATING; it stays writable and refuses another reshard', () => {
		// Recorded: kinesalite test/mergeShards.js, "should work with standard merge"
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.createStream({ StreamName: 'm', ShardCount: 3 });
		sb.advanceTime(500);
		k.mergeShards({ StreamName: 'm', ShardToMerge: 'x-0', AdjacentShardToMerge: 'y-1' });
		expect(status(k, 'm')).toBe('UPDATING');
		expect(
			errorOf(() =>
				k.mergeShards({ StreamName: 'm', ShardToMerge: 'shard-1', AdjacentShardToMerge: 'shard-2' })
			)
		).toMatchObject({
			name: 'ResourceInUseException',
			message: `Stream m under account ${A} not ACTIVE, instead in state UPDATING`
		});
		expect(
			k.putRecord({
				StreamName: 'm',
				PartitionKey: 'a',
				Data: '',
				ExplicitHashKey: '113427455640312821154458202477256070485'
			}).ShardId
		).toBe('shardId-000000000001');
		sb.advanceTime(RESHARD_MS);
		expect(status(k, 'm')).toBe('ACTIVE');
		expect(
			k.putRecord({
				StreamName: 'm',
				PartitionKey: 'a',
				Data: '',
				ExplicitHashKey: '113427455640312821154458202477256070485'
			}).ShardId
		).toBe('shardId-000000000003');
	});

	it('KIN-15: UpdateShardCount 4 → 5 works through splits and merges: 15 shards in all, 5 open', () => {
		// Recorded: moto's update_shard_count ("verified against AWS"), SEMANTICS KIN-15.
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.createStream({ StreamName: 'u', ShardCount: 4 });
		sb.advanceTime(500);
		const r = k.updateShardCount({ StreamName: 'u', TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' });
		expect(r).toMatchObject({ CurrentShardCount: 4, TargetShardCount: 5, StreamName: 'u' });
		sb.advanceTime(RESHARD_MS);
		const shards = k.listShards({ StreamName: 'u' }).Shards;
		expect(shards).toHaveLength(15);
		const open = shards.filter((s) => s.SequenceNumberRange.EndingSequenceNumber === undefined);
		expect(open).toHaveLength(5);
		// Every key still has exactly one open shard, and no shard has more than two parents.
		const starts = open.map((s) => BigInt(s.HashKeyRange.StartingHashKey)).sort((a, b) => (a < b ? -1 : 1));
		expect(starts[0]).toBe(0n);
		for (const s of shards) {
			const parents = [s.ParentShardId, s.AdjacentParentShardId].filter((p) => p !== undefined);
			expect(parents.length).toBeLessThanOrEqual(2);
		}
		expect(k.describeStreamSummary({ StreamName: 'u' }).StreamDescriptionSummary.OpenShardCount).toBe(5);
	});
});

describe('KIN-12: capacity modes', () => {
	it('KIN-12: a stream created without ShardCount has 4 shards', () => {
		// Recorded: LocalStack test_kinesis.snapshot.json, test_create_stream_without_shard_count
		const sb = createSandbox({ seed: 1 });
		sb.kinesis.createStream({ StreamName: 'four' });
		sb.advanceTime(500);
		expect(sb.kinesis.describeStream({ StreamName: 'four' }).StreamDescription.Shards).toHaveLength(4);
	});

	it('KIN-12: resharding an on-demand stream is a ValidationException', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		k.createStream({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		const e = errorOf(() =>
			k.updateShardCount({ StreamName: 'od', TargetShardCount: 8, ScalingType: 'UNIFORM_SCALING' })
		);
		expect(e.name).toBe('ValidationException');
		expect(e.message).toMatch(/^UpdateShardCount is not supported for stream od .*On-Demand/);
		expect(
			errorOf(() => k.splitShard({ StreamName: 'od', ShardToSplit: 'shardId-0', NewStartingHashKey: '100' }))
				.name
		).toBe('ValidationException');
		expect(status(k, 'od')).toBe('ACTIVE');
	});

	it('KIN-12: UpdateStreamMode switches the mode through UPDATING, at most twice in 24 h', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		k.createStream({ StreamName: 'p', ShardCount: 2 });
		const arn = k.describeStream({ StreamName: 'p' }).StreamDescription.StreamARN;
		k.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		expect(status(k, 'p')).toBe('UPDATING');
		sb.advanceTime(RESHARD_MS);
		const d = k.describeStreamSummary({ StreamName: 'p' }).StreamDescriptionSummary;
		expect(d).toMatchObject({
			StreamStatus: 'ACTIVE',
			StreamModeDetails: { StreamMode: 'ON_DEMAND' },
			OpenShardCount: 2
		});
		expect(
			errorOf(() =>
				k.updateShardCount({ StreamName: 'p', TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' })
			).name
		).toBe('ValidationException');
		k.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: 'PROVISIONED' } });
		sb.advanceTime(RESHARD_MS);
		expect(
			errorOf(() => k.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }))
				.name
		).toBe('LimitExceededException');
		sb.advanceTime(24 * 3_600_000);
		k.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		expect(
			errorOf(() =>
				k.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: 'SOMETIMES' as never } })
			).message
		).toBe(
			"1 validation error detected: Value 'SOMETIMES' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"
		);
	});

	it('KIN-12 [sim]: an on-demand stream scales up to twice its peak, at most doubling per step', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		k.createStream({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		const open = () => k.describeStreamSummary({ StreamName: 'od' }).StreamDescriptionSummary.OpenShardCount;
		const data = new Uint8Array(100 * 1024);
		// 6 MiB/s offered across many keys, for 8 seconds.
		const counts: number[] = [];
		for (let sec = 0; sec < 8; sec++) {
			for (let i = 0; i < 60; i++) {
				k.putRecords({ StreamName: 'od', Records: [{ PartitionKey: `key-${sec}-${i}`, Data: data }] });
			}
			counts.push(open());
			sb.advanceTime(1000);
		}
		counts.push(open());
		expect(counts[0]).toBe(4);
		// Twice the 6 MiB peak is 12 shards: 4 → 8 (at most doubling) → 12.
		expect(counts[counts.length - 1]).toBe(12);
		for (let i = 1; i < counts.length; i++) {
			expect(counts[i] as number).toBeGreaterThanOrEqual(counts[i - 1] as number);
			expect(counts[i] as number).toBeLessThanOrEqual((counts[i - 1] as number) * 2);
		}
	});

	it('KIN-12/KIN-4: one hot key on an on-demand stream is still held to about 1 MiB/s', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		k.createStream({ StreamName: 'hot', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
		const data = new Uint8Array(100 * 1024);
		let accepted = 0;
		let throttled = 0;
		for (let sec = 0; sec < 10; sec++) {
			for (let i = 0; i < 30; i++) {
				const r = k.putRecords({ StreamName: 'hot', Records: [{ PartitionKey: 'the-hot-key', Data: data }] });
				if (r.FailedRecordCount === 0) accepted++;
				else throttled++;
			}
			sb.advanceTime(1000);
		}
		// 3 MiB/s offered to one key: 10 records (~1 MiB) a second get in, the rest are throttled.
		expect(accepted).toBe(100);
		expect(throttled).toBe(200);
	});
});

describe('KIN-6: large records', () => {
	it('KIN-6: UpdateMaxRecordSize raises the limit through UPDATING; data plus partition key is counted', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		k.createStream({ StreamName: 'big', ShardCount: 1 });
		expect(k.describeStreamSummary({ StreamName: 'big' }).StreamDescriptionSummary.MaxRecordSizeInKiB).toBe(
			1024
		);
		// 1 MiB of data plus a 2-byte key is over the default 1 MiB.
		expect(
			errorOf(() => k.putRecord({ StreamName: 'big', PartitionKey: 'pk', Data: new Uint8Array(MiB - 1) }))
				.name
		).toBe('ValidationException');
		expect(
			k.putRecord({ StreamName: 'big', PartitionKey: 'pk', Data: new Uint8Array(MiB - 2) }).ShardId
		).toBe('shardId-000000000000');
		k.updateMaxRecordSize({ StreamName: 'big', MaxRecordSizeInKiB: 2048 });
		expect(status(k, 'big')).toBe('UPDATING');
		sb.advanceTime(RESHARD_MS);
		expect(k.describeStreamSummary({ StreamName: 'big' }).StreamDescriptionSummary.MaxRecordSizeInKiB).toBe(
			2048
		);
		sb.advanceTime(1000);
		expect(
			k.putRecord({ StreamName: 'big', PartitionKey: 'pk', Data: new Uint8Array(MiB + MiB / 2) }).ShardId
		).toBe('shardId-000000000000');
	});

	it('KIN-6: MaxRecordSizeInKiB is 1,024–10,240, at CreateStream and UpdateMaxRecordSize', () => {
		const sb = createSandbox({ seed: 1 });
		const k = sb.kinesis;
		k.streamCreationMs = 0;
		expect(errorOf(() => k.updateMaxRecordSize({ StreamName: 'x', MaxRecordSizeInKiB: 1023 })).message).toBe(
			"1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"
		);
		expect(
			errorOf(() => k.createStream({ StreamName: 'x', ShardCount: 1, MaxRecordSizeInKiB: 10_241 })).name
		).toBe('ValidationException');
		k.createStream({ StreamName: 'x', ShardCount: 1, MaxRecordSizeInKiB: 10_240 });
		expect(k.describeStreamSummary({ StreamName: 'x' }).StreamDescriptionSummary.MaxRecordSizeInKiB).toBe(
			10_240
		);
		expect(k.putRecord({ StreamName: 'x', PartitionKey: 'k', Data: new Uint8Array(5 * MiB) }).ShardId).toBe(
			'shardId-000000000000'
		);
	});
});
