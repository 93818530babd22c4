// [sim] Check digits for identifiers the simulator issues (receipt handles): 24 hex digits, three
// MurmurHash3 x86 32-bit digests of the text's UTF-16 code units under seeds 1, 2 and 3. Integer arithmetic
// only (DET-1), no allocation but the result. They guard against mistakes (a garbled, foreign or older
// identifier), not attackers.

import { putHexNibbles } from './hex';

/** MurmurHash3 x86 32-bit's mix of a block (the same for every seed, so done once for the three). */
function mixK(k: number): number {
	k = Math.imul(k, 0xcc9e2d51);
	k = (k << 15) | (k >>> 17);
	return Math.imul(k, 0x1b873593);
}

/** A mixed block into the state h. */
function step(h: number, k: number): number {
	h ^= k;
	h = (h << 13) | (h >>> 19);
	return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, len: number): number {
	h ^= len * 2;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** The digits' code units, written in place and made a string once. */
const DIGITS = new Array<number>(24).fill(0);

/** 24 hex digits that change when any code unit of `text` changes (the three digests in one pass). */
export function checkDigits(text: string): string {
	let h1 = 1;
	let h2 = 2;
	let h3 = 3;
	const len = text.length;
	const whole = len - (len % 2);
	for (let i = 0; i < whole; i += 2) {
		const k = mixK(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
		h1 = step(h1, k);
		h2 = step(h2, k);
		h3 = step(h3, k);
	}
	if (whole < len) {
		const k = mixK(text.charCodeAt(whole));
		h1 ^= k;
		h2 ^= k;
		h3 ^= k;
	}
	putHexNibbles(DIGITS, 0, finish(h1, len));
	putHexNibbles(DIGITS, 8, finish(h2, len));
	putHexNibbles(DIGITS, 16, finish(h3, len));
	return String.fromCharCode.apply(null, DIGITS);
}
