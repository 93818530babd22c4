// Portable math for everything that feeds the simulation (SEMANTICS DET-1). The built-in Math.log, exp and
// pow differ in the last bit between JavaScript engines, which moves arrival times and changes trace hashes
// between Node and browsers. These are ports of FreeBSD msun's e_log.c and e_exp.c as stdlib-js ships them
// (@stdlib/math-base-special-ln, -exp, -ldexp), built only from exactly rounded IEEE-754 operations and
// bit manipulation, so they give the same bits everywhere. tests/unit/engine/math.test.ts checks them bit
// for bit against those packages. The packages themselves are not imported: bundled, they cost 9.8 kB gzip
// (string formatting and polyfills around 2 kB of arithmetic). Math.sqrt, + − × ÷ are exact everywhere.

const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
	view.setFloat64(0, x);
	return view.getUint32(0) | 0;
}

function lowWord(x: number): number {
	view.setFloat64(0, x);
	return view.getUint32(4);
}

function fromWords(high: number, low: number): number {
	view.setUint32(0, high >>> 0);
	view.setUint32(4, low >>> 0);
	return view.getFloat64(0);
}

function withHighWord(x: number, high: number): number {
	return fromWords(high, lowWord(x));
}

const LN2_HI = 6.9314718036912381649e-1; // 3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 3DEA39EF 35793C76
const TWO54 = 1.8014398509481984e16;
const ONE_THIRD = 0.3333333333333333; // stdlib writes 0.33333333333333333: the same double
const BIAS = 1023;

function lnP(w: number): number {
	return w === 0
		? 0.3999999999940942
		: 0.3999999999940942 + w * (0.22222198432149784 + w * 0.15313837699209373);
}

function lnQ(w: number): number {
	return w === 0
		? 0.6666666666666735
		: 0.6666666666666735 + w * (0.2857142874366239 + w * (0.1818357216161805 + w * 0.14798198605116586));
}

/** Natural logarithm (msun e_log.c). */
export function ln(x: number): number {
	if (x === 0) return -Infinity;
	if (Number.isNaN(x) || x < 0) return NaN;
	let hx = highWord(x);
	let k = 0;
	if (hx < 0x00100000) {
		// Subnormal: scale up.
		k -= 54;
		x *= TWO54;
		hx = highWord(x);
	}
	if (hx >= 0x7ff00000) return x + x;
	k += (hx >> 20) - BIAS;
	hx &= 0x000fffff;
	let i = (hx + 0x95f64) & 0x100000;
	x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
	k += i >> 20;
	const f = x - 1;
	if ((0x000fffff & (2 + hx)) < 3) {
		// -2^-20 <= f < 2^-20
		if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
		const R = f * f * (0.5 - ONE_THIRD * f);
		return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
	}
	const s = f / (2 + f);
	const z = s * s;
	i = hx - 0x6147a;
	const w = z * z;
	const j = 0x6b851 - hx;
	const t1 = w * lnP(w);
	const t2 = z * lnQ(w);
	i |= j;
	const R = t2 + t1;
	if (i > 0) {
		const hfsq = 0.5 * f * f;
		if (k === 0) return f - (hfsq - s * (hfsq + R));
		return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
	}
	if (k === 0) return f - s * (f - R);
	return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

const LOG2_E = 1.442695040888963387;
const EXP_OVERFLOW = 7.09782712893383973096e2;
const EXP_UNDERFLOW = -7.4513321910194110842e2;
const NEAR_ZERO = 1 / (1 << 28);

function expP(t: number): number {
	return t === 0
		? 0.16666666666666602
		: 0.16666666666666602 +
				t *
					(-0.0027777777777015593 +
						t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8)));
}

/** e^x (msun e_exp.c). */
export function exp(x: number): number {
	if (Number.isNaN(x) || x === Infinity) return x;
	if (x === -Infinity) return 0;
	if (x > EXP_OVERFLOW) return Infinity;
	if (x < EXP_UNDERFLOW) return 0;
	if (x > -NEAR_ZERO && x < NEAR_ZERO) return 1 + x;
	const k = Math.trunc(x < 0 ? LOG2_E * x - 0.5 : LOG2_E * x + 0.5);
	const hi = x - k * LN2_HI;
	const lo = k * LN2_LO;
	const r = hi - lo;
	const t = r * r;
	const c = r - t * expP(t);
	const y = 1 - (lo - (r * c) / (2 - c) - hi);
	return ldexp(y, k);
}

const TWO52 = 4503599627370496;
const TWO52_INV = 2.220446049250313e-16;

/** frac × 2^e, exactly as stdlib's ldexp (one rounding, also for subnormal results). */
export function ldexp(frac: number, e: number): number {
	if (e === 0 || frac === 0 || !Number.isFinite(frac)) return frac;
	// Normalise a subnormal fraction.
	if (Math.abs(frac) < 2.2250738585072014e-308) {
		frac *= TWO52;
		e -= 52;
	}
	e += ((highWord(frac) & 0x7ff00000) >>> 20) - BIAS;
	if (e < -1074) return frac < 0 ? -0 : 0;
	if (e > 1023) return frac < 0 ? -Infinity : Infinity;
	let m = 1;
	if (e <= -1023) {
		e += 52;
		m = TWO52_INV;
	}
	const high = (highWord(frac) & 0x800fffff) | ((e + BIAS) << 20);
	return m * fromWords(high, lowWord(frac));
}

/** x^y for x > 0, as e^(y·ln x): deterministic everywhere (for backoff curves and rates). */
export function powPositive(x: number, y: number): number {
	if (!(x > 0)) throw new RangeError(`powPositive needs x > 0 (got ${x})`);
	return exp(y * ln(x));
}
