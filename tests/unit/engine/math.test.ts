// DET-1: the engine's portable ln / exp give exactly the bits of the stdlib-js ports of FreeBSD msun (which
// are built from exactly rounded operations only), and stay within one ulp of the built-in functions.
import stdExp from '@stdlib/math-base-special-exp';
import stdLn from '@stdlib/math-base-special-ln';
import { describe, expect, it } from 'vitest';
import { exp, ldexp, ln, powPositive } from '$lib/engine/math';
import { Random } from '$lib/engine/random';

const SEED = 20261202;
const N = 200_000;

function bits(x: number): string {
	const v = new DataView(new ArrayBuffer(8));
	v.setFloat64(0, x);
	return `${v.getUint32(0).toString(16)}:${v.getUint32(4).toString(16)}`;
}

/** Inputs across the ranges the engine uses and the awkward ones (subnormals, near 1, huge). */
function inputs(random: Random, kind: 'ln' | 'exp'): number[] {
	const out: number[] = [];
	for (let k = 0; k < N; k++) {
		const u = random.next();
		const r = k % 6;
		if (kind === 'ln') {
			if (r === 0) out.push(u);
			else if (r === 1) out.push(1 - u * 1e-6);
			else if (r === 2)
				out.push(u * 1e-310); // subnormal
			else if (r === 3) out.push(1 + u * 1e-7);
			else if (r === 4) out.push(ldexp(1 + u, random.int(2000) - 1000));
			else out.push(u * 1e6);
		} else {
			if (r === 0) out.push(u * 1420 - 745);
			else if (r === 1) out.push((u - 0.5) * 1e-8);
			else if (r === 2) out.push(u * 40 - 20);
			else if (r === 3)
				out.push(-745 + u * 5); // subnormal results
			else if (r === 4) out.push(705 + u * 4.78);
			else out.push((u - 0.5) * 2);
		}
	}
	return out;
}

describe('portable math (DET-1)', () => {
	it(`ln matches @stdlib/math-base-special-ln bit for bit on ${N} inputs (seed ${SEED})`, () => {
		const random = Random.from(SEED, 'ln');
		const xs = inputs(random, 'ln');
		let diff = 0;
		let first = '';
		for (const x of xs) {
			if (bits(ln(x)) !== bits(stdLn(x))) {
				diff++;
				if (!first) first = `ln(${x}) = ${ln(x)}, stdlib ${stdLn(x)}`;
			}
		}
		expect(first).toBe('');
		expect(diff).toBe(0);
	});

	it(`exp matches @stdlib/math-base-special-exp bit for bit on ${N} inputs (seed ${SEED})`, () => {
		const random = Random.from(SEED, 'exp');
		const xs = inputs(random, 'exp');
		let first = '';
		for (const x of xs) {
			if (bits(exp(x)) !== bits(stdExp(x)) && !first) first = `exp(${x}) = ${exp(x)}, stdlib ${stdExp(x)}`;
		}
		expect(first).toBe('');
	});

	it('special values follow IEEE-754 / C99', () => {
		expect(ln(0)).toBe(-Infinity);
		expect(ln(-1)).toBeNaN();
		expect(ln(NaN)).toBeNaN();
		expect(ln(Infinity)).toBe(Infinity);
		expect(ln(1)).toBe(0);
		expect(exp(0)).toBe(1);
		expect(exp(-Infinity)).toBe(0);
		expect(exp(Infinity)).toBe(Infinity);
		expect(exp(800)).toBe(Infinity);
		expect(exp(-800)).toBe(0);
		expect(exp(NaN)).toBeNaN();
		expect(ldexp(1, -1074)).toBe(5e-324);
		expect(ldexp(1, 1024)).toBe(Infinity);
		expect(ldexp(-3, 2)).toBe(-12);
	});

	it('stays within one ulp of the built-in functions', () => {
		const random = Random.from(SEED, 'ulp');
		for (let k = 0; k < 20_000; k++) {
			const x = random.next() * 100 + 1e-9;
			const a = ln(x);
			expect(Math.abs(a - Math.log(x))).toBeLessThanOrEqual(Math.abs(a) * 2.3e-16 + 1e-300);
			const y = random.next() * 60 - 30;
			const b = exp(y);
			expect(Math.abs(b - Math.exp(y))).toBeLessThanOrEqual(b * 2.3e-16);
		}
	});

	it('powPositive(x, y) = e^(y·ln x) and refuses x <= 0', () => {
		expect(powPositive(2, 10)).toBeCloseTo(1024, 9);
		expect(powPositive(20, 0)).toBe(1);
		expect(powPositive(9, 0.5)).toBeCloseTo(3, 12);
		expect(() => powPositive(0, 2)).toThrow(RangeError);
	});
});
