// Shards of a Kinesis stream (KIN-1, KIN-2, KIN-8): the even layout of the 128-bit hash space, opening a
// shard with its sequence base, finding a shard by id or by hash key, and the children a closed shard
// reports once it has been read to its end.

import { MAX_HASH_KEY, shardIdFor } from './hash';
import { sequenceBase } from './sequence';
import { shardNotFound } from './stream-errors';
import type { ChildShard, Shard, StreamState } from './stream-types';

/** An inclusive range of hash keys. */
export interface HashRange {
	start: bigint;
	end: bigint;
}

/**
 * KIN-2: `count` shards over the hash space: shard i starts at i·floor(2^128/count); the last one ends at
 * 2^128−1. Used by CreateStream and by UpdateShardCount's uniform scaling (KIN-11).
 */
export function evenLayout(count: number): HashRange[] {
	const width = (1n << 128n) / BigInt(count);
	const out: HashRange[] = [];
	for (let i = 0; i < count; i++) {
		const start = BigInt(i) * width;
		out.push({ start, end: i === count - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n });
	}
	return out;
}

/** Open a new shard over [start, end] at simulated time `now`, after every shard opened before it. */
export function openShard(
	s: StreamState,
	now: number,
	start: bigint,
	end: bigint,
	parent?: string,
	adjacent?: string
): Shard {
	const index = s.nextShard++;
	const base = sequenceBase(now, index);
	const shard: Shard = {
		ShardId: shardIdFor(index),
		start,
		end,
		...(parent !== undefined ? { ParentShardId: parent } : {}),
		...(adjacent !== undefined ? { AdjacentParentShardId: adjacent } : {}),
		StartingSequenceNumber: base.toString(),
		open: true,
		records: [],
		lastSeq: base,
		write: { second: -1, bytes: 0, records: 0 },
		read: { second: -1, bytes: 0, calls: 0 }
	};
	s.shards.push(shard);
	return shard;
}

export function findShard(s: StreamState, shardId: string): Shard | undefined {
	return s.shards.find((sh) => sh.ShardId === shardId);
}

export function shardOrThrow(s: StreamState, shardId: string): Shard {
	const shard = findShard(s, shardId);
	if (!shard) throw shardNotFound(s, shardId);
	return shard;
}

/** The open shards, lowest hash range first. */
export function openShardsByStart(s: StreamState): Shard[] {
	return s.shards.filter((sh) => sh.open).sort((a, b) => (a.start < b.start ? -1 : 1));
}

/** KIN-1: the one open shard whose inclusive range holds the hash key (open ranges never overlap). */
export function openShardFor(s: StreamState, hash: bigint): Shard | undefined {
	return s.shards.find((sh) => sh.open && hash >= sh.start && hash <= sh.end);
}

/** KIN-8: the children of a closed shard, each with its parents and hash range. */
export function childShards(s: StreamState, shard: Shard): ChildShard[] {
	return s.shards
		.filter((c) => c.ParentShardId === shard.ShardId || c.AdjacentParentShardId === shard.ShardId)
		.map((c) => ({
			ShardId: c.ShardId,
			ParentShards: [c.ParentShardId, c.AdjacentParentShardId].filter((x): x is string => x !== undefined),
			HashKeyRange: { StartingHashKey: c.start.toString(), EndingHashKey: c.end.toString() }
		}));
}
