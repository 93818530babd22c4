// Reading Kinesis shards along their iterators, as the KCL-style consumer and the Lambda Kinesis event source
// mapping both do: which shards to start now (parents read to their end first, KIN-11), the iterator for a
// checkpoint or starting position (KIN-9), and one read whose refusals are told apart — an expired iterator
// (KIN-9), a throttle (KIN-7), a shard that is gone (KIN-10/-11). What a node does with the records (process
// and checkpoint them, or spread them over invocation slots) and when it reads again stay in the node.

import type { KinesisStream } from '../kinesis/stream';

/** Where a shard without a checkpoint starts (KIN-9). */
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** A shard to start reading, and where. */
export interface ShardStart {
	shard: string;
	position: StartingPosition;
}

/** Why a read gave no records: KIN-9 expired iterator, KIN-7 throttle, KIN-10/-11 shard gone, or else. */
export type ReadRefusal = 'expired-iterator' | 'throttled' | 'shard-gone' | 'error';

export type ShardRead<T> = { ok: true; result: T } | { ok: false; refusal: ReadRefusal };

/** The refusal an AWS error name stands for. */
export function refusalOf(name: string): ReadRefusal {
	switch (name) {
		case 'ExpiredIteratorException':
			return 'expired-iterator';
		case 'ProvisionedThroughputExceededException':
			return 'throttled';
		case 'ResourceNotFoundException':
			return 'shard-gone';
		default:
			return 'error';
	}
}

/**
 * KIN-11: the shards of `stream` to start now, in the stream's order — not leased yet, and every parent
 * finished (or gone). A child starts at TRIM_HORIZON, so nothing after its parents is skipped; any other
 * shard at `position`.
 */
export function shardsToStart<L extends { shard: string }>(
	stream: KinesisStream,
	leases: readonly L[],
	finished: (lease: L) => boolean,
	position: StartingPosition
): ShardStart[] {
	const shards = stream.shards();
	const known = new Set(shards.map((s) => s.ShardId));
	const done = (id: string) => !known.has(id) || leases.some((l) => l.shard === id && finished(l));
	const starts: ShardStart[] = [];
	for (const sh of shards) {
		if (leases.some((l) => l.shard === sh.ShardId)) continue;
		const parents = [sh.ParentShardId, sh.AdjacentParentShardId].filter((p): p is string => p !== undefined);
		if (!parents.every(done)) continue;
		starts.push({ shard: sh.ShardId, position: parents.length > 0 ? 'TRIM_HORIZON' : position });
	}
	return starts;
}

/** KIN-9: an iterator at a starting position, or just after a checkpointed sequence number. */
export function shardIterator(stream: KinesisStream, shard: string, from: string): string {
	const it =
		from === 'TRIM_HORIZON' || from === 'LATEST'
			? stream.getShardIterator({ ShardId: shard, ShardIteratorType: from })
			: stream.getShardIterator({
					ShardId: shard,
					ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
					StartingSequenceNumber: from
				});
	return it.ShardIterator;
}

/** Run one read (GetRecords, or an enhanced fan-out push): its result, or why it was refused. */
export function readShard<T>(read: () => T): ShardRead<T> {
	try {
		return { ok: true, result: read() };
	} catch (err) {
		return { ok: false, refusal: refusalOf((err as Error).name) };
	}
}
