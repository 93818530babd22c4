// [sim] Check digits for identifiers the simulator issues (receipt handles): 24 hex digits, three
// MurmurHash3 x86 32-bit digests of the text's UTF-16 code units under seeds 1, 2 and 3. Integer arithmetic
// only (DET-1), no allocation but the result. They guard against mistakes (a garbled, foreign or older
// identifier), not attackers.

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function murmur32(text: string, seed: number): number {
	let h = seed;
	const len = text.length;
	const whole = len - (len % 2);
	for (let i = 0; i < whole; i += 2) {
		let k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
		k = Math.imul(k, 0xcc9e2d51);
		k = (k << 15) | (k >>> 17);
		k = Math.imul(k, 0x1b873593);
		h ^= k;
		h = (h << 13) | (h >>> 19);
		h = (Math.imul(h, 5) + 0xe6546b64) | 0;
	}
	if (whole < len) {
		let k = text.charCodeAt(whole);
		k = Math.imul(k, 0xcc9e2d51);
		k = (k << 15) | (k >>> 17);
		k = Math.imul(k, 0x1b873593);
		h ^= k;
	}
	h ^= len * 2;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

function hex32(w: number): string {
	return HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
}

/** 24 hex digits that change when any code unit of `text` changes. */
export function checkDigits(text: string): string {
	return hex32(murmur32(text, 1)) + hex32(murmur32(text, 2)) + hex32(murmur32(text, 3));
}
