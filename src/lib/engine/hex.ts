// Lowercase hex digits written as UTF-16 code units into a reused array, which the caller makes a string once
// (String.fromCharCode.apply): no intermediate strings on hot paths (ids, check digits).

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** Nibbles `from` to `to` (exclusive; 0 is the highest) of the 32-bit word w, as hex code units at out[at…]. */
export function putHexNibbles(out: number[], at: number, w: number, from = 0, to = 8): void {
	for (let k = from; k < to; k++) out[at + k - from] = HEX_CODES[(w >>> (28 - 4 * k)) & 15] as number;
}
