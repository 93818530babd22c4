// Shard ids as Kinesis reads them (KIN-16): `shardId-7`, `7` and `anything-7` all mean shardId-000000000007,
// and messages print the normalised id. The part after the first hyphen (or the whole id when it has none)
// must be a decimal index of at most 2^31−1; anything else names no shard, and the message then repeats the
// id as given. Evidence: kinesalite test/getShardIterator.js, test/splitShard.js and test/mergeShards.js
// ("shard ID just small enough" 2147483647 → shardId-002147483647; "random shard name" x-2147483647;
// "short prefix" a-00002147483647; "no prefix" -00002147483647; "shard ID too big" 2147483648, "string
// shard ID" ABKLFD8 and "exponent shard ID" 2.14E4 → "Could not find shard …").

import { shardIdFor } from './hash';

/** The largest shard index Kinesis reads from a shard id (a Java int). */
export const MAX_SHARD_INDEX = 2_147_483_647;

/** KIN-16: the normalised shard id (`shardId-` and 12 digits), or undefined when `raw` names no shard. */
export function normaliseShardId(raw: string): string | undefined {
	const parts = raw.split('-');
	const tail = parts[1] || raw;
	if (!/^\d+$/.test(tail)) return undefined;
	const index = Number(tail);
	if (!(index >= 0 && index <= MAX_SHARD_INDEX)) return undefined;
	return shardIdFor(index);
}
