// base64Latin1 is btoa in plain JavaScript (Chromium's btoa is slow in a worker): the same digits for every
// length and every byte, and the same refusal of a code unit above 0xFF.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Latin1, base64OfBytes } from '$lib/services/shared/base64';

describe('base64Latin1', () => {
	it('equals btoa on every length from 0 to 40 and every byte value', () => {
		const bytes = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b)).join('');
		for (let len = 0; len <= 40; len++)
			expect(base64Latin1(bytes.slice(0, len))).toBe(btoa(bytes.slice(0, len)));
		expect(base64Latin1(bytes)).toBe(btoa(bytes));
		expect(base64Latin1('["queue","1a4432c8-c859-4582-86be-f7401c36d324",1]')).toBe(
			btoa('["queue","1a4432c8-c859-4582-86be-f7401c36d324",1]')
		);
	});

	it('equals btoa on random Latin-1 strings, short and past its reused buffers and chunks', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({
						unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
						maxLength: 700
					}),
					fc.string({
						unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
						minLength: 6000,
						maxLength: 14000
					})
				),
				(s) => base64Latin1(s) === btoa(s)
			),
			{ seed: 20261206, numRuns: 300 }
		);
	});

	it('base64OfBytes equals btoa of the bytes as Latin-1, short and past a chunk', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 20000 }), (bytes) => {
				let latin1 = '';
				for (const b of bytes) latin1 += String.fromCharCode(b);
				return base64OfBytes(bytes) === btoa(latin1);
			}),
			{ seed: 20261206, numRuns: 60 }
		);
		expect(base64OfBytes(new Uint8Array([2, 3, 4]))).toBe('AgME');
	});

	it('refuses a code unit above 0xFF, as btoa does', () => {
		expect(() => btoa('a€')).toThrow();
		expect(() => base64Latin1('a€')).toThrow(/Latin1/);
	});
});
