// Kinesis sequence numbers (KIN-3): 56-digit decimals that grow with simulated time, unique per shard,
// increasing but not consecutive within a shard (a seeded gap between neighbours), and
// SequenceNumberForOrdering, which puts a record above a number the caller names.

import type { Random } from '../../engine/random';
import type { Shard, StreamState } from './stream-types';

/** AWS's pattern for sequence numbers (no leading zeros). */
export const SEQUENCE_NUMBER = /^(0|[1-9]\d{0,127})$/;

/**
 * KIN-3: 56-digit decimal numbers that grow with time (10^24 per millisecond); the shard's index keeps
 * shards apart within one millisecond. Shards opened later start above every earlier shard's numbers.
 */
export function sequenceBase(now: number, shardIndex: number): bigint {
	return (
		49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n +
		BigInt(Math.floor(now)) * 10n ** 24n +
		BigInt(shardIndex) * 10n ** 20n
	);
}

/**
 * KIN-3: above the shard's last number (and `floor`, for SequenceNumberForOrdering), with a seeded gap.
 * Draws one number from `rng` and records the result as the shard's last number.
 */
export function nextSequence(shard: Shard, now: number, rng: Random, floor?: bigint): bigint {
	const byTime = sequenceBase(now, Number(shard.ShardId.slice(8)));
	let base = shard.lastSeq >= byTime ? shard.lastSeq : byTime;
	if (floor !== undefined && floor > base) base = floor;
	const next = base + 1n + BigInt(rng.int(1000)) * 10n;
	shard.lastSeq = next;
	return next;
}

/**
 * KIN-3 [sim]: the floor a SequenceNumberForOrdering sets. A number above anything this stream has issued
 * is clamped to the highest issued one, so numbers stay 56 digits.
 */
export function orderingFloor(s: StreamState, ordering: string): bigint {
	const issued = s.shards.reduce((m, sh) => (sh.lastSeq > m ? sh.lastSeq : m), 0n);
	return BigInt(ordering) < issued ? BigInt(ordering) : issued;
}
