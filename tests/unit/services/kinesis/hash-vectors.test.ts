// Kinesis routing (KIN-1, KIN-2): MD5 hash keys, the initial even split, and shard lookup, all in BigInt.
import fc from 'fast-check';
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
	explicitHashKey,
	hashKeyFor,
	hashKeyForPartitionKey,
	MAX_HASH_KEY,
	shardIndexForHashKey,
	shardLayout
} from '$lib/services/kinesis/hash';

describe('KIN-1 hash keys', () => {
	it('KIN-1: MD5 of the UTF-8 key as an unsigned big-endian 128-bit integer', () => {
		expect(hashKeyForPartitionKey('')).toBe(BigInt('0xd41d8cd98f00b204e9800998ecf8427e'));
		expect(hashKeyForPartitionKey('a')).toBe(BigInt('0x0cc175b9c0f1b6a831c399e269772661'));
		expect(hashKeyForPartitionKey('hello')).toBe(BigInt('0x5d41402abc4b2a76b9719d911017c592'));
		// UTF-8, not UTF-16: 'é' is c3 a9.
		const utf8 = bytesToHex(md5(new Uint8Array([0xc3, 0xa9])));
		const latin1 = bytesToHex(md5(new Uint8Array([0xe9])));
		expect(hashKeyForPartitionKey('é')).toBe(BigInt(`0x${utf8}`));
		expect(utf8).not.toBe(latin1);
		expect(hashKeyForPartitionKey('日本')).toBe(BigInt(`0x${md5Hex('日本')}`));
	});

	it('KIN-1: ExplicitHashKey replaces the MD5 and is validated', () => {
		expect(hashKeyFor('anything', '42')).toBe(42n);
		expect(hashKeyFor('a')).toBe(hashKeyForPartitionKey('a'));
		expect(() => explicitHashKey('-1')).toThrow();
		expect(() => explicitHashKey((MAX_HASH_KEY + 1n).toString())).toThrow(/range/);
		expect(explicitHashKey(MAX_HASH_KEY.toString())).toBe(MAX_HASH_KEY);
	});
});

describe('KIN-2 initial layout', () => {
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

	it('KIN-2: three shards start at i·floor(2^128/3)', () => {
		expect(shardLayout(3).map((s) => s.HashKeyRange.StartingHashKey)).toEqual([
			'0',
			'113427455640312821154458202477256070485',
			'226854911280625642308916404954512140970'
		]);
	});

	it('KIN-2: any count covers the whole space, contiguously', () => {
		for (const n of [1, 4, 5, 7, 64]) {
			const l = shardLayout(n);
			expect(l).toHaveLength(n);
			expect(l[0]?.HashKeyRange.StartingHashKey).toBe('0');
			expect(l[n - 1]?.HashKeyRange.EndingHashKey).toBe(MAX_HASH_KEY.toString());
			for (let i = 1; i < n; i++) {
				expect(BigInt(l[i]?.HashKeyRange.StartingHashKey ?? '')).toBe(
					BigInt(l[i - 1]?.HashKeyRange.EndingHashKey ?? '') + 1n
				);
			}
		}
		expect(() => shardLayout(0)).toThrow(RangeError);
	});

	it('KIN-1: shardIndexForHashKey finds the range, boundaries included', () => {
		const l = shardLayout(3);
		expect(shardIndexForHashKey(l, 0n)).toBe(0);
		expect(shardIndexForHashKey(l, 113427455640312821154458202477256070484n)).toBe(0);
		expect(shardIndexForHashKey(l, 113427455640312821154458202477256070485n)).toBe(1);
		expect(shardIndexForHashKey(l, MAX_HASH_KEY)).toBe(2);
		expect(() => shardIndexForHashKey(l, MAX_HASH_KEY + 1n)).toThrow(RangeError);
	});

	it('KIN-1: every key maps to the shard whose range contains its hash (property)', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 256 }), fc.integer({ min: 1, max: 50 }), (key, n) => {
				const l = shardLayout(n);
				const h = hashKeyForPartitionKey(key);
				const r = l[shardIndexForHashKey(l, h)]?.HashKeyRange;
				expect(h >= BigInt(r?.StartingHashKey ?? '-1') && h <= BigInt(r?.EndingHashKey ?? '-1')).toBe(true);
			})
		);
	});
});

function md5Hex(s: string): string {
	return bytesToHex(md5(utf8ToBytes(s)));
}
