// The simulator's own MD5 (services/shared/md5.ts) against RFC 1321's vectors, Node's crypto and
// @noble/hashes: SQS-STD-10's MD5OfMessageBody, MD5OfMessageAttributes and KIN-1's partition-key hash use it.
import { createHash } from 'node:crypto';
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5HexOfBytes, md5HexOfText } from '../../../../src/lib/services/shared/md5';

describe('MD5 (RFC 1321)', () => {
	it('gives the RFC 1321 test-suite digests', () => {
		expect(md5HexOfText('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
		expect(md5HexOfText('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
		expect(md5HexOfText('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
		expect(md5HexOfText('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
		expect(md5HexOfText('abcdefghijklmnopqrstuvwxyz')).toBe('c3fcd3d76192e4007dfb496cca67e13b');
		expect(md5HexOfText('1234567890'.repeat(8))).toBe('57edf4a22be3c955ac49da2e2107b67a');
	});

	it('agrees with Node at every length around the block and padding boundaries', () => {
		for (let n = 0; n <= 200; n++) {
			const text = 'x'.repeat(n);
			expect(md5HexOfText(text), `length ${n}`).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
		}
	});

	it('encodes text as UTF-8 the way TextEncoder does, lone surrogates included (property)', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 300, unit: 'binary' }),
				fc.string({ maxLength: 4, unit: 'grapheme' }),
				(a, b) => {
					const text = a + b + (a.length % 3 === 0 ? '\ud800' : '') + a;
					expect(md5HexOfText(text)).toBe(bytesToHex(md5(utf8ToBytes(text))));
				}
			)
		);
	});

	it('digests bytes, and a long input after a short one (the reused buffer grows and is cleared)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
				expect(md5HexOfBytes(bytes)).toBe(bytesToHex(md5(bytes)));
			})
		);
		const long = '日本'.repeat(5000);
		expect(md5HexOfText(long)).toBe(createHash('md5').update(long, 'utf8').digest('hex'));
		expect(md5HexOfText('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
	});
});
