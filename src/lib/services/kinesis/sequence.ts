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

/** KIN-3: the first number of the layout (every issued number is 56 digits, starting 49…). */
const LAYOUT_BASE = 49n * 10n ** 54n;
const LAYOUT_END = 50n * 10n ** 54n;

/**
 * KIN-3/-16 [sim]: which shard issued a sequence number, as AWS's numbers encode their shard: here the
 * digits at 10^20·index within the millisecond (sequenceBase). Undefined when the number is not of the
 * layout at all (AWS: "StartingSequenceNumber … is invalid."). [sim] The simulator keeps its 56-digit
 * decimal layout rather than AWS's hexadecimal one so that recorded scenario traces stay as they are.
 */
export function encodedShardIndex(n: bigint): number | undefined {
	if (n >= LAYOUT_BASE && n < LAYOUT_END) return Number((n / 10n ** 20n) % 10_000n);
	// AWS's oldest layout (version 0, below 2^128): the shard index in the low 16 bits, the shard's creation
	// second in bits 88–123 (read as above 2^124 when smaller), and no date from 2477 on (kinesalite
	// test/getShardIterator.js: "shard mismatches simple sequence", '5' encodes shardId-000000000005; "sequence
	// number with large date" is invalid).
	if (n >= 0n && n < 1n << 128n) {
		const v = n < 1n << 124n ? n + (1n << 124n) : n;
		const createSecs = (v >> 88n) & 0xf_ffff_ffffn;
		if (createSecs >= 16_025_175_000n) return undefined;
		return Number(v & 0xffffn);
	}
	return undefined;
}

/**
 * KIN-3/-16: whether a SequenceNumberForOrdering is one Kinesis reads: any number shorter than the layout
 * (below every issued one, e.g. 0) or one of the layout; other 56-digit or longer numbers are rejected
 * ("ExclusiveMinimumSequenceNumber … used in PutRecord on stream … is invalid.", kinesalite
 * test/putRecord.js, "should return InvalidArgumentException if using sequence number with large date").
 */
export function readableOrdering(n: bigint): boolean {
	return n < 10n ** 55n || (n >= LAYOUT_BASE && n < LAYOUT_END);
}
