// The trace hash's MurmurHash3 x86 128-bit over UTF-16LE text, checked against vectors from the reference
// implementation (Python's mmh3, hash_bytes of the UTF-16LE encoding, seed 0), whole and fed in pieces.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Murmur128 } from '$lib/engine/murmur128';

const vectors = JSON.parse(readFileSync('tests/unit/engine/murmur128-vectors.json', 'utf8')) as {
	s: string;
	hex: string;
}[];

describe('Murmur128 (the trace hash)', () => {
	it.each(vectors.map((v) => [v.s.length, v] as const))(
		'matches the reference for %i code units',
		(_n, v) => {
			expect(new Murmur128().update(v.s).hexDigest()).toBe(v.hex);
		}
	);

	it('gives the same digest however the text is split, and copies are independent', () => {
		for (const v of vectors) {
			for (const cut of [1, 3, 7, 8, 9]) {
				const h = new Murmur128();
				for (let i = 0; i < v.s.length; i += cut) h.update(v.s.slice(i, i + cut));
				expect(h.hexDigest()).toBe(v.hex);
			}
		}
		const a = new Murmur128().update('abc');
		const b = a.copy();
		b.update('def');
		expect(a.hexDigest()).toBe(new Murmur128().update('abc').hexDigest());
		expect(b.hexDigest()).toBe(new Murmur128().update('abcdef').hexDigest());
	});
});
