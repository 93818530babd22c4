// Kinesis routing as a pure module (KIN-1, KIN-2): the MD5 of a partition key read as an unsigned 128-bit
// integer, the even split of the hash key space that a new stream gets, and which shard holds a hash key.
// Everything is BigInt: hash keys never fit a double.

import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const MAX_HASH_KEY = (1n << 128n) - 1n;

export interface ShardRange {
	ShardId: string;
	HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
}

/** KIN-1: MD5 of the UTF-8 bytes of the key, big-endian, unsigned. */
export function hashKeyForPartitionKey(partitionKey: string): bigint {
	return BigInt(`0x${bytesToHex(md5(utf8ToBytes(partitionKey)))}`);
}

/** KIN-2: `shardId-` and 12 zero-padded digits. */
export function shardIdFor(index: number): string {
	return `shardId-${String(index).padStart(12, '0')}`;
}

/** KIN-2: shard i starts at i·floor(2^128/N) and ends one below the next start; the last ends at 2^128−1. */
export function shardLayout(shardCount: number): ShardRange[] {
	if (!Number.isInteger(shardCount) || shardCount < 1) {
		throw new RangeError(`shardCount must be a positive integer (got ${shardCount})`);
	}
	const n = BigInt(shardCount);
	const width = (1n << 128n) / n;
	return Array.from({ length: shardCount }, (_, i) => {
		const start = BigInt(i) * width;
		const end = i === shardCount - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n;
		return {
			ShardId: shardIdFor(i),
			HashKeyRange: { StartingHashKey: start.toString(), EndingHashKey: end.toString() }
		};
	});
}

/** KIN-1: the index of the range containing `hashKey` (ranges sorted and contiguous, as open shards are). */
export function shardIndexForHashKey(
	layout: readonly { HashKeyRange: { StartingHashKey: string; EndingHashKey: string } }[],
	hashKey: bigint
): number {
	if (hashKey < 0n || hashKey > MAX_HASH_KEY)
		throw new RangeError(`hash key ${hashKey} is outside 0…2^128−1`);
	let lo = 0;
	let hi = layout.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = (layout[mid] as (typeof layout)[number]).HashKeyRange;
		if (hashKey < BigInt(r.StartingHashKey)) hi = mid - 1;
		else if (hashKey > BigInt(r.EndingHashKey)) lo = mid + 1;
		else return mid;
	}
	throw new RangeError(`no shard holds hash key ${hashKey}`);
}

/** KIN-1: validate an ExplicitHashKey (a decimal string within 0…2^128−1). */
export function explicitHashKey(value: string): bigint {
	if (typeof value !== 'string' || !/^\d{1,39}$/.test(value)) {
		throw new Error(
			`1 validation error detected: Value '${value}' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})`
		);
	}
	const key = BigInt(value);
	if (key > MAX_HASH_KEY) {
		throw new Error(
			`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${value}`
		);
	}
	return key;
}

/** KIN-1: ExplicitHashKey, when given, replaces the MD5 of the partition key. */
export function hashKeyFor(partitionKey: string, explicit?: string): bigint {
	return explicit !== undefined ? explicitHashKey(explicit) : hashKeyForPartitionKey(partitionKey);
}
