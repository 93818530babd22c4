// Kinesis routing (KIN-1, KIN-2, KIN-11): MD5 hash keys of UTF-8 partition keys, ExplicitHashKey validation,
// the initial even split of the 2^128 key space, and the binary search over any sorted, contiguous layout.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	explicitHashKey,
	hashKeyFor,
	hashKeyForPartitionKey,
	MAX_HASH_KEY,
	shardIdFor,
	shardIndexForHashKey,
	shardLayout,
	type ShardRange
} from '$lib/services/kinesis/hash';

const SPACE = 1n << 128n;

/** An independent MD5 (Node's OpenSSL), to check the module against. */
function nodeMd5(key: string): bigint {
	return BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`);
}

function bounds(range: ShardRange | undefined): [bigint, bigint] {
	if (!range) throw new Error('missing shard');
	return [BigInt(range.HashKeyRange.StartingHashKey), BigInt(range.HashKeyRange.EndingHashKey)];
}

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (err) {
		return err as Error;
	}
	return undefined;
}

/** A contiguous layout from sorted cut points: [0, c1−1], [c1, c2−1], …, [ck, 2^128−1]. */
function layoutFromCuts(cuts: readonly bigint[], firstId = 0): ShardRange[] {
	const starts = [0n, ...cuts];
	return starts.map((start, i) => ({
		ShardId: shardIdFor(firstId + i),
		HashKeyRange: {
			StartingHashKey: start.toString(),
			EndingHashKey: (i + 1 < starts.length ? (starts[i + 1] as bigint) - 1n : MAX_HASH_KEY).toString()
		}
	}));
}

describe('KIN-1 hash keys: MD5 of the UTF-8 bytes, unsigned big-endian', () => {
	it('KIN-1: known MD5 vectors become 128-bit unsigned integers', () => {
		expect(hashKeyForPartitionKey('')).toBe(0xd41d8cd98f00b204e9800998ecf8427en);
		expect(hashKeyForPartitionKey('a')).toBe(0x0cc175b9c0f1b6a831c399e269772661n);
		expect(hashKeyForPartitionKey('abc')).toBe(0x900150983cd24fb0d6963f7d28e17f72n);
		// A digest with the top bit set stays positive (unsigned), above 2^127.
		expect(hashKeyForPartitionKey('abc')).toBeGreaterThan(1n << 127n);
		expect(hashKeyForPartitionKey('abc').toString()).toBe('191415658344158766168031473277922803570');
	});

	it('KIN-1: non-ASCII keys are hashed as UTF-8, not Latin-1 or UTF-16', () => {
		// 'é' is c3 a9 in UTF-8; its Latin-1 byte e9 would give a different digest.
		expect(hashKeyForPartitionKey('é')).toBe(0x66ddcd97cfdeabb2f6fb8a999b4bc76fn);
		expect(hashKeyForPartitionKey('é')).not.toBe(0x3406877694691ddd1dfb0aca54681407n);
		expect(hashKeyForPartitionKey('日本')).toBe(0x4dbed2e657457884e67137d3514119b3n);
		// An astral character: four UTF-8 bytes, not two UTF-16 surrogates.
		expect(hashKeyForPartitionKey('🐦')).toBe(0xb458ad928867909707249787b158641cn);
	});

	it('KIN-1: agrees with an independent MD5 for any key (property)', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 256, unit: 'binary' }), (key) => {
				const h = hashKeyForPartitionKey(key);
				expect(h).toBe(nodeMd5(key));
				expect(h >= 0n && h <= MAX_HASH_KEY).toBe(true);
			})
		);
	});

	it('KIN-1: MAX_HASH_KEY is 2^128 − 1', () => {
		expect(MAX_HASH_KEY).toBe(340282366920938463463374607431768211455n);
		expect(MAX_HASH_KEY + 1n).toBe(SPACE);
	});
});

describe('KIN-1 ExplicitHashKey', () => {
	it('KIN-1: accepts decimals 0 … 2^128−1 and returns them as BigInt', () => {
		expect(explicitHashKey('0')).toBe(0n);
		expect(explicitHashKey('42')).toBe(42n);
		expect(explicitHashKey('170141183460469231731687303715884105728')).toBe(1n << 127n);
		expect(explicitHashKey(MAX_HASH_KEY.toString())).toBe(MAX_HASH_KEY);
	});

	it('KIN-1: 2^128 and above (well-formed) is an InvalidArgumentException in AWS wording', () => {
		const err = errorOf(() => explicitHashKey(SPACE.toString()));
		expect(err?.name).toBe('InvalidArgumentException');
		expect(err?.message).toBe(
			'Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. ' +
				'Specified value was 340282366920938463463374607431768211456'
		);
		expect(errorOf(() => explicitHashKey('999999999999999999999999999999999999999'))?.name).toBe(
			'InvalidArgumentException'
		);
	});

	it('KIN-1: anything off the API pattern 0|([1-9]\\d{0,38}) fails request validation', () => {
		for (const bad of [
			'',
			'-1',
			'abc',
			'1.5',
			' 1',
			'1 ',
			'+1',
			'0x10',
			'007',
			'00',
			'1e3',
			'9'.repeat(40)
		]) {
			const err = errorOf(() => explicitHashKey(bad));
			expect(err?.name, bad).toBe('ValidationException');
			expect(err?.message, bad).toBe(
				`1 validation error detected: Value '${bad}' at 'explicitHashKey' failed to satisfy constraint: ` +
					'Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})'
			);
		}
	});

	it('KIN-1: hashKeyFor — ExplicitHashKey overrides the partition key for routing', () => {
		expect(hashKeyFor('anything', '42')).toBe(42n);
		expect(hashKeyFor('anything', '0')).toBe(0n);
		expect(hashKeyFor('a')).toBe(hashKeyForPartitionKey('a'));
		expect(hashKeyFor('a', undefined)).toBe(0x0cc175b9c0f1b6a831c399e269772661n);
		expect(() => hashKeyFor('a', '-1')).toThrow(/explicitHashKey/);
	});
});

describe('KIN-2 initial layout', () => {
	it('KIN-2: one shard covers everything', () => {
		expect(shardLayout(1)).toEqual([
			{
				ShardId: 'shardId-000000000000',
				HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' }
			}
		]);
	});

	it('KIN-2: two shards split at 2^127', () => {
		expect(shardLayout(2)).toEqual([
			{
				ShardId: 'shardId-000000000000',
				HashKeyRange: { StartingHashKey: '0', EndingHashKey: '170141183460469231731687303715884105727' }
			},
			{
				ShardId: 'shardId-000000000001',
				HashKeyRange: {
					StartingHashKey: '170141183460469231731687303715884105728',
					EndingHashKey: '340282366920938463463374607431768211455'
				}
			}
		]);
	});

	it('KIN-2: three shards start at i·floor(2^128/3), as AWS returns them', () => {
		expect(shardLayout(3).map((s) => s.HashKeyRange)).toEqual([
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
	});

	it('KIN-2: four shards are exact quarters (2^126 each)', () => {
		const quarter = 1n << 126n;
		expect(shardLayout(4).map(bounds)).toEqual(
			[0n, 1n, 2n, 3n].map((i) => [i * quarter, (i + 1n) * quarter - 1n])
		);
	});

	it('KIN-2: five shards match the DescribeStream output in the AWS API Gateway tutorial', () => {
		const l = shardLayout(5);
		expect(l[0]?.HashKeyRange.EndingHashKey).toBe('68056473384187692692674921486353642290');
		expect(l[4]?.HashKeyRange).toEqual({
			StartingHashKey: '272225893536750770770699685945414569164',
			EndingHashKey: '340282366920938463463374607431768211455'
		});
		expect(l[4]?.ShardId).toBe('shardId-000000000004');
	});

	it('KIN-2: seven shards give the remainder (2^128 mod 7 = 4) to the last shard', () => {
		const sizes = shardLayout(7).map((s) => {
			const [a, b] = bounds(s);
			return b - a + 1n;
		});
		const width = 48611766702991209066196372490252601636n;
		expect(sizes).toEqual([width, width, width, width, width, width, width + 4n]);
	});

	for (const n of [1, 2, 3, 4, 5, 7, 64, 500]) {
		it(`KIN-2: ${n} shard(s) are contiguous, cover 0…2^128−1, and differ in size only by the remainder`, () => {
			const l = shardLayout(n);
			expect(l).toHaveLength(n);
			expect(l[0]?.HashKeyRange.StartingHashKey).toBe('0');
			expect(l[n - 1]?.HashKeyRange.EndingHashKey).toBe(MAX_HASH_KEY.toString());
			const width = SPACE / BigInt(n);
			let total = 0n;
			l.forEach((s, i) => {
				const [start, end] = bounds(s);
				expect(start).toBe(BigInt(i) * width);
				if (i > 0) expect(start).toBe(bounds(l[i - 1])[1] + 1n);
				const size = end - start + 1n;
				expect(size).toBe(i === n - 1 ? width + (SPACE % BigInt(n)) : width);
				total += size;
				// Decimal strings, no leading zeros, no exponent.
				expect(s.HashKeyRange.StartingHashKey).toMatch(/^(0|[1-9]\d*)$/);
				expect(s.HashKeyRange.EndingHashKey).toMatch(/^(0|[1-9]\d*)$/);
			});
			expect(total).toBe(SPACE);
		});
	}

	it('KIN-2: shard IDs are shardId- plus 12 zero-padded digits, increasing', () => {
		const ids = shardLayout(12).map((s) => s.ShardId);
		expect(ids[0]).toBe('shardId-000000000000');
		expect(ids[11]).toBe('shardId-000000000011');
		for (const id of ids) expect(id).toMatch(/^shardId-\d{12}$/);
		expect([...ids].sort()).toEqual(ids);
		expect(shardIdFor(123456)).toBe('shardId-000000123456');
		expect(() => shardIdFor(-1)).toThrow(RangeError);
	});

	it('KIN-2: shardCount must be a positive integer (RangeError otherwise)', () => {
		for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
			expect(() => shardLayout(bad), String(bad)).toThrow(RangeError);
		}
	});
});

describe('KIN-1 / KIN-11 shardIndexForHashKey', () => {
	it('KIN-1: start, end and end+1 of every shard land where they should', () => {
		for (const n of [1, 2, 3, 4, 5, 7]) {
			const l = shardLayout(n);
			l.forEach((s, i) => {
				const [start, end] = bounds(s);
				expect(shardIndexForHashKey(l, start)).toBe(i);
				expect(shardIndexForHashKey(l, end)).toBe(i);
				if (end < MAX_HASH_KEY) expect(shardIndexForHashKey(l, end + 1n)).toBe(i + 1);
				if (start > 0n) expect(shardIndexForHashKey(l, start - 1n)).toBe(i - 1);
			});
		}
		const three = shardLayout(3);
		expect(shardIndexForHashKey(three, 113427455640312821154458202477256070484n)).toBe(0);
		expect(shardIndexForHashKey(three, 113427455640312821154458202477256070485n)).toBe(1);
		expect(shardIndexForHashKey(three, 226854911280625642308916404954512140970n)).toBe(2);
	});

	it('KIN-1: keys outside 0…2^128−1 are a RangeError', () => {
		const l = shardLayout(3);
		expect(() => shardIndexForHashKey(l, -1n)).toThrow(RangeError);
		expect(() => shardIndexForHashKey(l, MAX_HASH_KEY + 1n)).toThrow(RangeError);
		expect(shardIndexForHashKey(l, 0n)).toBe(0);
		expect(shardIndexForHashKey(l, MAX_HASH_KEY)).toBe(2);
	});

	it('KIN-1: bounds are compared as integers, not as strings ("10" < "9" as text)', () => {
		const l = layoutFromCuts([10n, 100n]);
		expect(shardIndexForHashKey(l, 9n)).toBe(0);
		expect(shardIndexForHashKey(l, 10n)).toBe(1);
		expect(shardIndexForHashKey(l, 99n)).toBe(1);
		expect(shardIndexForHashKey(l, 100n)).toBe(2);
		expect(shardIndexForHashKey(l, 1000n)).toBe(2);
	});

	it('KIN-11: works on the open shards after a split and a merge (uneven ranges, later IDs)', () => {
		// Three shards; shard 1 split at 2^127 into 3 and 4; then 0 and 3 merged into 5. Open, by range: 5, 4, 2.
		const [s0, s1, s2] = shardLayout(3).map(bounds) as [[bigint, bigint], [bigint, bigint], [bigint, bigint]];
		const open: ShardRange[] = [
			{
				ShardId: 'shardId-000000000005',
				HashKeyRange: { StartingHashKey: String(s0[0]), EndingHashKey: String((1n << 127n) - 1n) }
			},
			{
				ShardId: 'shardId-000000000004',
				HashKeyRange: { StartingHashKey: String(1n << 127n), EndingHashKey: String(s1[1]) }
			},
			{
				ShardId: 'shardId-000000000002',
				HashKeyRange: { StartingHashKey: String(s2[0]), EndingHashKey: String(s2[1]) }
			}
		];
		expect(shardIndexForHashKey(open, 0n)).toBe(0);
		expect(shardIndexForHashKey(open, s1[0])).toBe(0); // was shard 1, now in the merged shard 5
		expect(shardIndexForHashKey(open, (1n << 127n) - 1n)).toBe(0);
		expect(shardIndexForHashKey(open, 1n << 127n)).toBe(1);
		expect(shardIndexForHashKey(open, s1[1])).toBe(1);
		expect(shardIndexForHashKey(open, s2[0])).toBe(2);
		expect(shardIndexForHashKey(open, MAX_HASH_KEY)).toBe(2);
	});

	it('KIN-1: an empty layout or a gap holds nothing (RangeError)', () => {
		expect(() => shardIndexForHashKey([], 0n)).toThrow(RangeError);
		const gap: ShardRange[] = [
			{ ShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: '0', EndingHashKey: '9' } },
			{
				ShardId: 'shardId-000000000001',
				HashKeyRange: { StartingHashKey: '20', EndingHashKey: String(MAX_HASH_KEY) }
			}
		];
		expect(shardIndexForHashKey(gap, 9n)).toBe(0);
		expect(() => shardIndexForHashKey(gap, 10n)).toThrow(RangeError);
		expect(shardIndexForHashKey(gap, 20n)).toBe(1);
	});

	it('KIN-1: every key maps to the shard whose range contains its hash (property)', () => {
		fc.assert(
			fc.property(
				fc.string({ minLength: 1, maxLength: 256, unit: 'binary' }),
				fc.integer({ min: 1, max: 64 }),
				(key, n) => {
					const l = shardLayout(n);
					const h = hashKeyForPartitionKey(key);
					const i = shardIndexForHashKey(l, h);
					const [start, end] = bounds(l[i]);
					expect(h >= start && h <= end).toBe(true);
					// ... and it is the only such shard.
					expect(l.filter((s) => h >= bounds(s)[0] && h <= bounds(s)[1])).toHaveLength(1);
				}
			)
		);
	});

	it('KIN-11: binary search agrees with a linear scan on arbitrary contiguous layouts (property)', () => {
		const cut = fc.bigInt({ min: 1n, max: MAX_HASH_KEY });
		fc.assert(
			fc.property(
				fc.uniqueArray(cut, { maxLength: 40, comparator: (a, b) => a === b }),
				fc.oneof(fc.bigInt({ min: 0n, max: MAX_HASH_KEY }), fc.constantFrom(0n, MAX_HASH_KEY, 1n << 127n)),
				(cuts, key) => {
					const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
					const l = layoutFromCuts(sorted, 7);
					const linear = l.findIndex((s) => key >= bounds(s)[0] && key <= bounds(s)[1]);
					expect(linear).toBeGreaterThanOrEqual(0);
					expect(shardIndexForHashKey(l, key)).toBe(linear);
				}
			)
		);
	});
});
