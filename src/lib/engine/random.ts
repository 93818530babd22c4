// Seeded random source. One independent sub-stream per component, derived from (seed, component id), so
// adding a node does not reshuffle every other node's luck. The generator is sfc32 (Chris Doty-Humphrey's
// "small fast counting" PRNG, public domain, passes PractRand), seeded through splitmix32 from a 32-bit
// FNV-1a hash of the component id mixed with the scenario seed. Its whole state is four uint32s, so it is
// trivially snapshotted and restored for checkpoints.

import { putHexNibbles } from './hex';
import { ln } from './math';

export type RandomState = [number, number, number, number];

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit id hash. */
export function hashString32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function splitmix32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x9e3779b9) >>> 0;
		let z = a;
		z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
		z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
		return (z ^ (z >>> 15)) >>> 0;
	};
}

/** Initial sfc32 state for (seed, stream id). */
export function seedState(seed: number, streamId: string): RandomState {
	const mix = splitmix32((seed >>> 0) ^ Math.imul(hashString32(streamId), 0x9e3779b1));
	// Also fold the high bits of large seeds in, so seeds above 2^32 still differ.
	const high = Math.floor(seed / 0x100000000) >>> 0;
	const state: RandomState = [mix() ^ high, mix(), mix(), mix() | 1];
	return state.map((v) => v >>> 0) as RandomState;
}

/** A deterministic random stream. All methods advance the state. */
export class Random {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(state: RandomState) {
		[this.#a, this.#b, this.#c, this.#d] = state;
		// Warm up so that nearby seeds decorrelate.
		for (let i = 0; i < 12; i++) this.uint32();
	}

	static from(seed: number, streamId: string): Random {
		return new Random(seedState(seed, streamId));
	}

	/** The next raw 32-bit value. */
	uint32(): number {
		const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
		this.#d = (this.#d + 1) >>> 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) >>> 0;
		this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
		this.#c = (this.#c + t) >>> 0;
		return t;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.uint32() / 0x100000000;
	}

	/** Uniform integer in [0, maxExclusive). */
	int(maxExclusive: number): number {
		return Math.floor(this.next() * maxExclusive);
	}

	/** Uniform in [min, max). */
	between(min: number, max: number): number {
		return min + (max - min) * this.next();
	}

	/** true with probability p (p <= 0 never, p >= 1 always, and no draw is taken then). */
	chance(p: number): boolean {
		if (p <= 0) return false;
		if (p >= 1) return true;
		return this.next() < p;
	}

	/** Exponentially distributed with the given mean (for Poisson arrivals). Portable ln (DET-1). */
	exponential(mean: number): number {
		return -ln(1 - this.next()) * mean;
	}

	/**
	 * Normal by Marsaglia's polar method: needs only ln and sqrt, both portable (DET-1), where Box–Muller
	 * would need cos too. Draws pairs until one falls inside the unit circle (bounded: the chance of 64
	 * misses in a row is (1 − π/4)^64 ≈ 1e-43; the 65th pair is then used whatever it is).
	 */
	normal(mean = 0, stdDev = 1): number {
		let u = 0;
		let v = 0;
		let s = 0;
		for (let tries = 0; tries < 65; tries++) {
			u = 2 * this.next() - 1;
			v = 2 * this.next() - 1;
			s = u * u + v * v;
			if (s > 0 && s < 1) break;
		}
		if (!(s > 0 && s < 1)) return mean;
		return mean + stdDev * u * Math.sqrt((-2 * ln(s)) / s);
	}

	/** In-place Fisher–Yates shuffle; returns the same array. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			const tmp = items[i] as T;
			items[i] = items[j] as T;
			items[j] = tmp;
		}
		return items;
	}

	/** A random lowercase hex string of `length` characters. */
	hex(length: number): string {
		let out = '';
		while (out.length < length) out += this.uint32().toString(16).padStart(8, '0');
		return out.slice(0, length);
	}

	/** A random RFC 4122 version-4-shaped UUID (deterministic, from this stream). */
	uuid(): string {
		// The same draws and the same text as hex(32) with '4' at 12 and a variant digit at 16, written as code
		// units into one reused array and made a string once (no intermediate strings).
		const a = this.uint32();
		const b = this.uint32();
		const c = this.uint32();
		const d = this.uint32();
		const variant = VARIANT_CODES[this.int(4)] as number;
		const u = UUID_CODES;
		putHexNibbles(u, 0, a);
		putHexNibbles(u, 9, b, 0, 4);
		putHexNibbles(u, 15, b, 5, 8);
		u[19] = variant;
		putHexNibbles(u, 20, c, 1, 4);
		putHexNibbles(u, 24, c, 4, 8);
		putHexNibbles(u, 28, d);
		return String.fromCharCode.apply(null, u);
	}

	getState(): RandomState {
		return [this.#a, this.#b, this.#c, this.#d];
	}

	setState(state: RandomState): void {
		[this.#a, this.#b, this.#c, this.#d] = state;
	}
}

/** Lazily created sub-streams keyed by component id, all derived from one scenario seed. */
export class RandomStreams {
	readonly seed: number;
	#streams = new Map<string, Random>();

	constructor(seed: number) {
		this.seed = seed;
	}

	stream(componentId: string): Random {
		let r = this.#streams.get(componentId);
		if (!r) {
			r = Random.from(this.seed, componentId);
			this.#streams.set(componentId, r);
		}
		return r;
	}

	snapshot(): Record<string, RandomState> {
		const out: Record<string, RandomState> = {};
		for (const [id, r] of this.#streams) out[id] = r.getState();
		return out;
	}

	/**
	 * Restore every stream's state in place: nodes keep references to their streams, so the objects must
	 * stay the same. A stream created after the snapshot goes back to its initial state.
	 */
	restore(states: Record<string, RandomState>): void {
		for (const [id, r] of this.#streams) {
			r.setState(states[id] ?? Random.from(this.seed, id).getState());
		}
		for (const [id, state] of Object.entries(states)) {
			if (!this.#streams.has(id)) this.stream(id).setState(state);
		}
	}
}

const VARIANT_CODES = Array.from('89ab', (ch) => ch.charCodeAt(0));
/** A UUID's code units: the dashes and the version digit stay, the rest is written by uuid(). */
const UUID_CODES = Array.from('00000000-0000-4000-0000-000000000000', (ch) => ch.charCodeAt(0));
