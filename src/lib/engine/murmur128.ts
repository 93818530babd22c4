// MurmurHash3 x86 128-bit over text as UTF-16LE, incremental: the trace hash. Fast in plain JavaScript
// (identical in Node and every browser), and ample for telling runs apart; nothing relies on it being
// cryptographic. Each block is 8 UTF-16 code units (16 bytes, four little-endian 32-bit words).

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** A block word's scramble: times `ca`, rotated left by `r`, times `cb`. */
const mixK = (k: number, r: number, ca: number, cb: number) => Math.imul(rotl(Math.imul(k, ca), r), cb);

/** A scrambled word folded into a lane: xor, rotated left by `r`, plus the next lane, times 5 plus `n`. */
const mixH = (h: number, k: number, r: number, next: number, n: number) =>
	(Math.imul(rotl(h ^ k, r) + next, 5) + n) | 0;

function fmix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return h ^ (h >>> 16);
}

/** A Murmur128 hasher's state: the four lanes, the code units hashed and the pending tail. */
export interface Murmur128State {
	h: [number, number, number, number];
	units: number;
	tail: string;
}

export class Murmur128 {
	#h1: number;
	#h2: number;
	#h3: number;
	#h4: number;
	/** UTF-16 code units hashed so far, in whole blocks. */
	#units = 0;
	/** Code units waiting for a whole block (fewer than 8). */
	#tail = '';

	constructor(seed = 0) {
		this.#h1 = this.#h2 = this.#h3 = this.#h4 = seed >>> 0;
	}

	update(text: string): this {
		const s = this.#tail + text;
		const whole = s.length - (s.length % 8);
		let h1 = this.#h1;
		let h2 = this.#h2;
		let h3 = this.#h3;
		let h4 = this.#h4;
		for (let i = 0; i < whole; i += 8) {
			const k1 = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
			const k2 = s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16);
			const k3 = s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 16);
			const k4 = s.charCodeAt(i + 6) | (s.charCodeAt(i + 7) << 16);
			h1 = mixH(h1, mixK(k1, 15, C1, C2), 19, h2, 0x561ccd1b);
			h2 = mixH(h2, mixK(k2, 16, C2, C3), 17, h3, 0x0bcaa747);
			h3 = mixH(h3, mixK(k3, 17, C3, C4), 15, h4, 0x96cd1c35);
			h4 = mixH(h4, mixK(k4, 18, C4, C1), 13, h1, 0x32ac3b17);
		}
		this.#h1 = h1;
		this.#h2 = h2;
		this.#h3 = h3;
		this.#h4 = h4;
		this.#units += whole;
		this.#tail = s.slice(whole);
		return this;
	}

	/**
	 * Hashes `count` 32-bit words of `words` (a multiple of 4: whole blocks), each word standing for two UTF-16
	 * code units (low half first), so words and text hash alike. Needs an empty text tail.
	 */
	updateWords(words: Uint32Array, count: number): this {
		if (this.#tail !== '' || count % 4 !== 0) throw new Error('Murmur128.updateWords: whole blocks only');
		let h1 = this.#h1;
		let h2 = this.#h2;
		let h3 = this.#h3;
		let h4 = this.#h4;
		for (let i = 0; i < count; i += 4) {
			h1 = mixH(h1, mixK(words[i] as number, 15, C1, C2), 19, h2, 0x561ccd1b);
			h2 = mixH(h2, mixK(words[i + 1] as number, 16, C2, C3), 17, h3, 0x0bcaa747);
			h3 = mixH(h3, mixK(words[i + 2] as number, 17, C3, C4), 15, h4, 0x96cd1c35);
			h4 = mixH(h4, mixK(words[i + 3] as number, 18, C4, C1), 13, h1, 0x32ac3b17);
		}
		this.#h1 = h1;
		this.#h2 = h2;
		this.#h3 = h3;
		this.#h4 = h4;
		this.#units += count * 2;
		return this;
	}

	/** 32 hex digits for everything so far (the hasher stays usable). */
	hexDigest(): string {
		let h1 = this.#h1;
		let h2 = this.#h2;
		let h3 = this.#h3;
		let h4 = this.#h4;
		const t = this.#tail;
		const word = (j: number) => (t.charCodeAt(j) || 0) | ((t.charCodeAt(j + 1) || 0) << 16);
		if (t.length > 6) h4 ^= mixK(word(6), 18, C4, C1);
		if (t.length > 4) h3 ^= mixK(word(4), 17, C3, C4);
		if (t.length > 2) h2 ^= mixK(word(2), 16, C2, C3);
		if (t.length > 0) h1 ^= mixK(word(0), 15, C1, C2);
		const bytes = (this.#units + t.length) * 2;
		h1 ^= bytes;
		h2 ^= bytes;
		h3 ^= bytes;
		h4 ^= bytes;
		h1 = (h1 + h2 + h3 + h4) | 0;
		h2 = (h2 + h1) | 0;
		h3 = (h3 + h1) | 0;
		h4 = (h4 + h1) | 0;
		h1 = fmix(h1);
		h2 = fmix(h2);
		h3 = fmix(h3);
		h4 = fmix(h4);
		h1 = (h1 + h2 + h3 + h4) | 0;
		h2 = (h2 + h1) | 0;
		h3 = (h3 + h1) | 0;
		h4 = (h4 + h1) | 0;
		return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
	}

	/** The whole hasher state as plain data (structured-clonable: checkpoints cross to and from a worker). */
	state(): Murmur128State {
		return { h: [this.#h1, this.#h2, this.#h3, this.#h4], units: this.#units, tail: this.#tail };
	}

	static fromState(state: Murmur128State): Murmur128 {
		const m = new Murmur128();
		[m.#h1, m.#h2, m.#h3, m.#h4] = state.h;
		m.#units = state.units;
		m.#tail = state.tail;
		return m;
	}

	copy(): Murmur128 {
		const c = new Murmur128();
		c.#h1 = this.#h1;
		c.#h2 = this.#h2;
		c.#h3 = this.#h3;
		c.#h4 = this.#h4;
		c.#units = this.#units;
		c.#tail = this.#tail;
		return c;
	}
}
