// The pure pieces of the Kinesis stream node, tested on their own: the even layout (KIN-2), routing by hash
// key (KIN-1), sequence numbers and SequenceNumberForOrdering (KIN-3), the write and read windows (KIN-4,
// KIN-7), the record walk shared by GetRecords and enhanced fan-out (KIN-7/-8/-13), retention timing
// (KIN-10) and UpdateShardCount's bounds (KIN-11).
import { describe, expect, it } from 'vitest';
import { Random } from '$lib/engine/random';
import { MAX_HASH_KEY, shardLayout } from '$lib/services/kinesis/hash';
import {
	MAX_SHARDS,
	MiB,
	READ_BYTES_PER_S,
	READ_CALLS_PER_S,
	WRITE_BYTES_PER_S,
	WRITE_RECORDS_PER_S
} from '$lib/services/kinesis/limits';
import { nextSequence, orderingFloor, sequenceBase } from '$lib/services/kinesis/sequence';
import {
	evenLayout,
	openShard,
	openShardFor,
	openShardsByStart,
	shardOrThrow
} from '$lib/services/kinesis/shard';
import { admitRead, admitWrite } from '$lib/services/kinesis/throughput';
import { expiredCount, trimDueAt } from '$lib/services/kinesis/retention';
import { firstAfter, takeRecords } from '$lib/services/kinesis/read';
import { midpoint, shardCountError } from '$lib/services/kinesis/reshard';
import type { KinesisRecord, Shard, StreamState } from '$lib/services/kinesis/stream-types';

function state(): StreamState {
	return {
		config: {
			StreamName: 's',
			RetentionPeriodHours: 24,
			StreamMode: 'PROVISIONED',
			MaxRecordSizeInKiB: 1024
		},
		status: 'ACTIVE',
		shards: [],
		nextShard: 0,
		createdAt: 0,
		iterators: 0,
		deleted: false,
		initialShards: 0
	};
}

function withShards(count: number, now = 0): StreamState {
	const s = state();
	for (const { start, end } of evenLayout(count)) openShard(s, now, start, end);
	return s;
}

function record(seq: bigint, arrivedAt: number, bytes: number): KinesisRecord {
	return {
		SequenceNumber: seq.toString(),
		PartitionKey: 'k',
		Data: new Uint8Array(0),
		arrivedAt,
		bytes,
		origin: seq.toString()
	};
}

describe('shard layout and lookup', () => {
	it('KIN-2: evenLayout is the creation split of hash.ts, contiguous and covering 0…2^128−1', () => {
		for (const n of [1, 2, 3, 5, 7, 64]) {
			const layout = evenLayout(n);
			expect(
				layout.map((r) => ({ StartingHashKey: r.start.toString(), EndingHashKey: r.end.toString() }))
			).toEqual(shardLayout(n).map((r) => r.HashKeyRange));
			expect(layout[0]?.start).toBe(0n);
			expect(layout[n - 1]?.end).toBe(MAX_HASH_KEY);
			for (let i = 1; i < n; i++) expect(layout[i]?.start).toBe((layout[i - 1]?.end ?? 0n) + 1n);
		}
	});

	it('KIN-2/-3: openShard numbers shards in order, each starting at its own sequence base', () => {
		const s = withShards(3, 1234);
		expect(s.shards.map((sh) => sh.ShardId)).toEqual([
			'shardId-000000000000',
			'shardId-000000000001',
			'shardId-000000000002'
		]);
		expect(s.nextShard).toBe(3);
		s.shards.forEach((sh, i) => {
			expect(sh.StartingSequenceNumber).toBe(sequenceBase(1234, i).toString());
			expect(sh.lastSeq).toBe(sequenceBase(1234, i));
			expect(sh.open).toBe(true);
		});
	});

	it('KIN-1: a hash key routes to the one open shard whose inclusive range holds it', () => {
		const s = withShards(4);
		const [a, b] = s.shards as [Shard, Shard];
		expect(openShardFor(s, 0n)).toBe(a);
		expect(openShardFor(s, a.end)).toBe(a);
		expect(openShardFor(s, a.end + 1n)).toBe(b);
		expect(openShardFor(s, MAX_HASH_KEY)?.ShardId).toBe('shardId-000000000003');
		a.open = false;
		expect(openShardFor(s, 0n)).toBeUndefined();
		expect(openShardsByStart(s).map((sh) => sh.ShardId)).not.toContain(a.ShardId);
	});

	it('an unknown shard is a ResourceNotFoundException naming the stream', () => {
		expect(() => shardOrThrow(withShards(1), 'shardId-000000000009')).toThrow(
			expect.objectContaining({ name: 'ResourceNotFoundException' })
		);
	});
});

describe('sequence numbers (KIN-3)', () => {
	it('56 digits, growing with time, apart by shard index within one millisecond', () => {
		expect(sequenceBase(0, 0).toString()).toHaveLength(56);
		expect(sequenceBase(1, 0) - sequenceBase(0, 0)).toBe(10n ** 24n);
		expect(sequenceBase(0, 1) - sequenceBase(0, 0)).toBe(10n ** 20n);
		expect(sequenceBase(1.9, 0)).toBe(sequenceBase(1, 0));
	});

	it('increasing, not consecutive, and above a SequenceNumberForOrdering floor', () => {
		const shard = withShards(1).shards[0] as Shard;
		const rng = Random.from(7, 'kin-3');
		let prev = shard.lastSeq;
		for (let i = 0; i < 50; i++) {
			const next = nextSequence(shard, 0, rng);
			expect(next > prev).toBe(true);
			expect((next - prev - 1n) % 10n).toBe(0n);
			expect(shard.lastSeq).toBe(next);
			prev = next;
		}
		const floor = prev + 10n ** 6n;
		expect(nextSequence(shard, 0, rng, floor) > floor).toBe(true);
		// Time moving on lifts the next number to the new millisecond's base.
		expect(nextSequence(shard, 5, rng) > sequenceBase(5, 0)).toBe(true);
	});

	it('[sim] a SequenceNumberForOrdering above anything issued is clamped to the highest issued number', () => {
		const s = withShards(2);
		const top = (s.shards[1] as Shard).lastSeq;
		expect(orderingFloor(s, '5')).toBe(5n);
		expect(orderingFloor(s, (top + 10n ** 40n).toString())).toBe(top);
	});
});

describe('throughput windows', () => {
	it('KIN-4: 1,000 records or 1 MiB per shard per second, refilled each second', () => {
		const shard = withShards(1).shards[0] as Shard;
		for (let i = 0; i < WRITE_RECORDS_PER_S; i++) expect(admitWrite(shard, 100, 1)).toBe(true);
		expect(admitWrite(shard, 999, 1)).toBe(false);
		expect(admitWrite(shard, 1000, WRITE_BYTES_PER_S)).toBe(true);
		expect(admitWrite(shard, 1500, 1)).toBe(false);
		expect(shard.write).toEqual({ second: 1, bytes: WRITE_BYTES_PER_S, records: 1 });
	});

	it('KIN-6 [sim]: a record above 1 MiB uses burst capacity: taken on a fresh second, its excess owed after', () => {
		const shard = withShards(1).shards[0] as Shard;
		expect(admitWrite(shard, 2000, WRITE_BYTES_PER_S + 1)).toBe(true);
		expect(admitWrite(shard, 2500, 1)).toBe(false);
		// Second 3 owes 1 byte of second 2's record.
		expect(admitWrite(shard, 3000, WRITE_BYTES_PER_S)).toBe(false);
		expect(admitWrite(shard, 3000, WRITE_BYTES_PER_S - 1)).toBe(true);
		// A 3 MiB record owes two more seconds; the next large record waits until the debt is gone.
		expect(admitWrite(shard, 4000, 3 * WRITE_BYTES_PER_S)).toBe(true);
		expect(admitWrite(shard, 5000, 2 * WRITE_BYTES_PER_S)).toBe(false);
		expect(admitWrite(shard, 6000, 2 * WRITE_BYTES_PER_S)).toBe(false);
		expect(admitWrite(shard, 7000, 2 * WRITE_BYTES_PER_S)).toBe(true);
	});

	it('KIN-7: 5 calls per second, and bytes owed carry over at 2 MiB forgiven per second', () => {
		const shard = withShards(1).shards[0] as Shard;
		for (let i = 0; i < READ_CALLS_PER_S; i++) {
			expect(admitRead(shard, 0)).toBe(true);
			shard.read.calls++;
		}
		expect(admitRead(shard, 500)).toBe(false);
		// A 10 MiB read at t = 1 s throttles the next four seconds.
		expect(admitRead(shard, 1000)).toBe(true);
		shard.read.calls++;
		shard.read.bytes += 10 * MiB;
		for (const t of [2000, 3000, 4000, 5000]) expect(admitRead(shard, t)).toBe(false);
		expect(admitRead(shard, 6000)).toBe(true);
		expect(shard.read.bytes).toBeLessThan(READ_BYTES_PER_S);
	});
});

describe('the record walk (KIN-7/-8/-13)', () => {
	const shard = withShards(1).shards[0] as Shard;
	shard.records.push(record(10n, 100, 3), record(20n, 200, 4), record(30n, 300, 5));

	it('firstAfter: the first record above a sequence number', () => {
		expect(firstAfter(shard, -1n)).toBe(0);
		expect(firstAfter(shard, 10n)).toBe(1);
		expect(firstAfter(shard, 25n)).toBe(2);
		expect(firstAfter(shard, 30n)).toBe(3);
	});

	it('takes at most maxRecords and maxBytes, at least one record, and reports MillisBehindLatest', () => {
		const byCount = takeRecords(shard, -1n, 2, Infinity, 1000);
		expect(byCount.records.map((r) => r.SequenceNumber)).toEqual(['10', '20']);
		expect(byCount).toMatchObject({ bytes: 7, next: 2, millisBehindLatest: 700 });
		const byBytes = takeRecords(shard, 10n, Infinity, 8, 1000);
		expect(byBytes.records.map((r) => r.SequenceNumber)).toEqual(['20']);
		expect(takeRecords(shard, -1n, 10, 1, 1000).records).toHaveLength(1);
		expect(takeRecords(shard, 30n, 10, 1, 1000)).toEqual({
			records: [],
			bytes: 0,
			next: 3,
			millisBehindLatest: 0
		});
	});
});

describe('retention timing (KIN-10/-11)', () => {
	it('a trim is due when the oldest record passes retention, or when a closed, empty shard expires', () => {
		const shard = withShards(1).shards[0] as Shard;
		expect(trimDueAt(shard, 1000)).toBeUndefined();
		shard.closedAt = 50;
		expect(trimDueAt(shard, 1000)).toBe(1050);
		shard.records.push(record(1n, 10, 1), record(2n, 20, 1), record(3n, 30, 1));
		expect(trimDueAt(shard, 1000)).toBe(1010);
		expect(expiredCount(shard, 9)).toBe(0);
		expect(expiredCount(shard, 20)).toBe(2);
		expect(expiredCount(shard, 99)).toBe(3);
	});
});

describe('resharding bounds (KIN-11)', () => {
	it('UpdateShardCount at most doubles or halves, within the shard quota', () => {
		expect(shardCountError(4, 8)).toBeUndefined();
		expect(shardCountError(4, 2)).toBeUndefined();
		expect(shardCountError(4, 9)?.name).toBe('LimitExceededException');
		expect(shardCountError(4, 1)?.name).toBe('LimitExceededException');
		expect(shardCountError(4, 0)?.name).toBe('InvalidArgumentException');
		expect(shardCountError(4, 2.5)?.name).toBe('InvalidArgumentException');
		expect(shardCountError(MAX_SHARDS, MAX_SHARDS + 1)?.message).toContain(
			`Current limit of shards is ${MAX_SHARDS}`
		);
	});

	it('a split without NewStartingHashKey cuts the range in the middle', () => {
		const s = withShards(1);
		expect(BigInt(midpoint(s.shards[0] as Shard))).toBe(1n << 127n);
	});
});
