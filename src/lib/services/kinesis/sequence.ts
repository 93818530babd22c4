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
/**
 * KIN-3 [sim]: the numbers the simulator issues: 49·10^54 plus the millisecond times 10^24 (so below
 * 49·10^54 + 10^40 for any simulated time); AWS's own layout starts far above, at 2^185 (≈ 4.9040·10^55).
 */
const SIM_LAYOUT_END = LAYOUT_BASE + 10n ** 40n;

/** KIN-3: AWS's own layout (versions 1 and 2) lies strictly between 2^185 and 1.5·2^185. */
const AWS_LAYOUT_LOW = 1n << 185n;
const AWS_LAYOUT_HIGH = 3n << 184n;
/** Dates from 2477 on are beyond what Kinesis reads (kinesalite test/getShardIterator.js, "large date"). */
const MAX_SECONDS = 16_025_175_000;

/**
 * KIN-3/-16: a number of AWS's hexadecimal layout (47 hex digits: `2`, the shard's creation second in 9,
 * the shard index's last digit, a 16-digit sequence index, 2 more, the record's second in 9, the shard index
 * in 8, then the version), as Kinesis reads it: its shard index (a signed 32-bit int), or undefined when it
 * is not a number Kinesis reads: versions other than 1 and 2, a version-2 sequence index with its top bit set,
 * or dates beyond 2477. Recorded: kinesalite test/putRecord.js, "version 0 / 3 / 4 in
 * SequenceNumberForOrdering", "8 in index in SequenceNumberForOrdering", "SequenceNumberForOrdering all f",
 * "should work with SequenceNumberForOrdering all 0 (with version 1)", "… if 8 near end"; and
 * test/getShardIterator.js, "8 near end of StartingSequenceNumber" (it encodes shardId--02147483648).
 */
function awsLayoutShard(n: bigint): number | undefined {
	if (n < AWS_LAYOUT_LOW || n >= AWS_LAYOUT_HIGH) return undefined;
	const hex = n.toString(16);
	const version = hex.slice(46);
	if (version !== '1' && version !== '2') return undefined;
	if (Number.parseInt(hex.slice(1, 10), 16) >= MAX_SECONDS) return undefined;
	if (version === '2') {
		if (Number.parseInt(hex.slice(11, 12), 16) > 7) return undefined;
		if (Number.parseInt(hex.slice(29, 38), 16) >= MAX_SECONDS) return undefined;
	} else if (Number.parseInt(hex.slice(13, 22), 16) >= MAX_SECONDS) return undefined;
	return Number.parseInt(hex.slice(38, 46), 16) | 0;
}

/**
 * KIN-3/-16 [sim]: which shard issued a sequence number, as AWS's numbers encode their shard: here the
 * digits at 10^20·index within the millisecond (sequenceBase). Undefined when the number is not of the
 * layout at all (AWS: "StartingSequenceNumber … is invalid."). [sim] The simulator keeps its 56-digit
 * decimal layout rather than AWS's hexadecimal one so that recorded scenario traces stay as they are; every
 * number it issues lies below 2^185, so AWS's own layout (above 2^185) is read as AWS reads it.
 */
export function encodedShardIndex(n: bigint): number | undefined {
	if (n >= AWS_LAYOUT_LOW) return awsLayoutShard(n);
	if (n >= LAYOUT_BASE && n < SIM_LAYOUT_END) return Number((n / 10n ** 20n) % 10_000n);
	// AWS's oldest layout (version 0, below 2^128): the shard index in the low 16 bits, the shard's creation
	// second in bits 88–123 (read as above 2^124 when smaller), and no date from 2477 on (kinesalite
	// test/getShardIterator.js: "shard mismatches simple sequence", '5' encodes shardId-000000000005; "sequence
	// number with large date" is invalid).
	if (n >= 0n && n < 1n << 128n) {
		const v = n < 1n << 124n ? n + (1n << 124n) : n;
		const createSecs = (v >> 88n) & 0xf_ffff_ffffn;
		if (createSecs >= MAX_SECONDS) return undefined;
		return Number(v & 0xffffn);
	}
	return undefined;
}

/**
 * KIN-3/-16: whether a SequenceNumberForOrdering is one Kinesis reads: one of the oldest layout (below 2^128,
 * e.g. 0, without a date from 2477 on), one of the simulator's layout, or one of AWS's (encodedShardIndex);
 * other numbers are rejected ("ExclusiveMinimumSequenceNumber … used in PutRecord on stream … is invalid.",
 * kinesalite test/putRecord.js, "should return InvalidArgumentException if using sequence number with large
 * date", "initial 1 / initial 3 in SequenceNumberForOrdering"). PutRecord does not check the shard it names.
 */
export function readableOrdering(n: bigint): boolean {
	if (n >= AWS_LAYOUT_LOW) return awsLayoutShard(n) !== undefined;
	if (n >= LAYOUT_BASE && n < SIM_LAYOUT_END) return true;
	return n >= 0n && n < 1n << 128n && encodedShardIndex(n) !== undefined;
}
