// Kinesis routing as a pure module (KIN-1, KIN-2, KIN-11): the MD5 of a partition key read as an unsigned
// 128-bit integer, the ExplicitHashKey that overrides it, the even split of the hash key space that a new
// stream gets, and which range of a sorted, contiguous list of open shards holds a hash key. Everything is
// BigInt: hash keys never fit a double, and decimal strings never compare correctly as strings.

import { md5HexOfText } from '../shared/md5';
import { AwsError } from '../shared/errors';

/** The size of the hash key space, 2^128. */
const HASH_SPACE = 1n << 128n;

/** KIN-1: the largest hash key, 2^128 − 1 = 340282366920938463463374607431768211455. */
export const MAX_HASH_KEY = HASH_SPACE - 1n;

/** AWS's pattern for ExplicitHashKey (API reference): a decimal without leading zeros, at most 39 digits. */
const EXPLICIT_HASH_KEY_PATTERN = '0|([1-9]\\d{0,38})';
const EXPLICIT_HASH_KEY_RE = /^(?:0|[1-9]\d{0,38})$/;

export interface HashKeyRange {
	StartingHashKey: string;
	EndingHashKey: string;
}

export interface ShardRange {
	ShardId: string;
	HashKeyRange: HashKeyRange;
}

/** KIN-1: MD5 of the UTF-8 bytes of the key, read as an unsigned big-endian 128-bit integer. */
export function hashKeyForPartitionKey(partitionKey: string): bigint {
	return BigInt(`0x${md5HexOfText(partitionKey)}`);
}

/** KIN-2: `shardId-` and 12 zero-padded decimal digits; IDs increase with each new shard. */
export function shardIdFor(index: number): string {
	if (!Number.isSafeInteger(index) || index < 0) {
		throw new RangeError(`shard index must be a non-negative integer (got ${index})`);
	}
	return `shardId-${String(index).padStart(12, '0')}`;
}

/**
 * KIN-2: the even split a stream gets at creation. Shard i starts at i·floor(2^128/N) and ends one below the
 * next start; the last shard ends at 2^128−1, so it alone absorbs the remainder 2^128 mod N (at most N−1
 * keys more than the others). This reproduces AWS output, e.g. the 5-shard DescribeStream in the API Gateway
 * Kinesis tutorial (shard 0 ends at …642290, shard 4 starts at …569164), but AWS does not document it.
 */
export function shardLayout(shardCount: number): ShardRange[] {
	if (!Number.isSafeInteger(shardCount) || shardCount < 1) {
		throw new RangeError(`shardCount must be a positive integer (got ${shardCount})`);
	}
	const width = HASH_SPACE / BigInt(shardCount); // BigInt division truncates: floor for positive values
	return Array.from({ length: shardCount }, (_, i) => {
		const start = BigInt(i) * width;
		const end = i === shardCount - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n;
		return {
			ShardId: shardIdFor(i),
			HashKeyRange: { StartingHashKey: start.toString(), EndingHashKey: end.toString() }
		};
	});
}

/**
 * KIN-1, KIN-11: the index of the range holding `hashKey`, by binary search. `layout` is taken as given: any
 * list of the open shards' ranges sorted by StartingHashKey (after splits and merges they are still
 * contiguous and cover the whole space). Bounds are compared as BigInt, never as strings or numbers.
 * Throws RangeError for a key outside 0…2^128−1, or one that falls in a gap of a non-covering layout.
 */
export function shardIndexForHashKey(
	layout: readonly { readonly HashKeyRange: Readonly<HashKeyRange> }[],
	hashKey: bigint
): number {
	if (hashKey < 0n || hashKey > MAX_HASH_KEY) {
		throw new RangeError(`hash key ${hashKey} is outside 0…2^128−1`);
	}
	let lo = 0;
	let hi = layout.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const range = layout[mid]?.HashKeyRange;
		if (range === undefined) break;
		if (hashKey < BigInt(range.StartingHashKey)) hi = mid - 1;
		else if (hashKey > BigInt(range.EndingHashKey)) lo = mid + 1;
		else return mid;
	}
	throw new RangeError(`no shard holds hash key ${hashKey}`);
}

/**
 * KIN-1: validate an ExplicitHashKey as AWS does. A value that breaks the API pattern fails request
 * validation (`ValidationException`, AWS's "1 validation error detected" wording); a well-formed value
 * above 2^128−1 is an `InvalidArgumentException` (wording as kinesalite and kinesis-mock reproduce it).
 */
export function explicitHashKey(value: string): bigint {
	if (typeof value !== 'string' || !EXPLICIT_HASH_KEY_RE.test(value)) {
		throw new AwsError(
			'ValidationException',
			`1 validation error detected: Value '${String(value)}' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: ${EXPLICIT_HASH_KEY_PATTERN}`
		);
	}
	const key = BigInt(value);
	if (key > MAX_HASH_KEY) {
		throw new AwsError(
			'InvalidArgumentException',
			`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${value}`
		);
	}
	return key;
}

/** KIN-1: the routing hash key. ExplicitHashKey, when given, replaces the MD5 of the partition key. */
export function hashKeyFor(partitionKey: string, explicit?: string): bigint {
	return explicit !== undefined ? explicitHashKey(explicit) : hashKeyForPartitionKey(partitionKey);
}
