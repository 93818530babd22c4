// Base64 of a string of Latin-1 code units (each one byte), exactly what `btoa` returns (the standard alphabet,
// `=` padding), in plain JavaScript. Chromium's `btoa` in a worker cost 6% of an hour's run computed ahead (a
// receipt handle per receive) against ~1% in Node: the string crosses into the browser's own code and back.
// Here the digits go into a reused array made a string once (String.fromCharCode.apply). Like `btoa`, it
// refuses a code unit above 0xFF.

const ALPHABET = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (ch) =>
	ch.charCodeAt(0)
);
const PAD = 61; // '='
/** Outputs up to this long are written into a reused array of their exact length. */
const REUSED_MAX = 512;
/** Longer ones are made a string this many code units at a time (apply takes its arguments on the stack). */
const CHUNK = 8192;
const BY_LENGTH: number[][] = [];

function byteAt(text: string, i: number): number {
	const c = text.charCodeAt(i);
	if (c > 0xff) {
		throw new Error(
			`InvalidCharacterError: the string to be encoded contains characters outside of the Latin1 range (at ${i})`
		);
	}
	return c;
}

/** The base64 digits of text[from, to) (whole groups of three, the last one possibly short) into out[0…]. */
function put(text: string, from: number, to: number, out: number[]): void {
	let n = 0;
	let i = from;
	for (; i + 2 < to; i += 3) {
		const w = (byteAt(text, i) << 16) | (byteAt(text, i + 1) << 8) | byteAt(text, i + 2);
		out[n++] = ALPHABET[w >>> 18] as number;
		out[n++] = ALPHABET[(w >>> 12) & 63] as number;
		out[n++] = ALPHABET[(w >>> 6) & 63] as number;
		out[n++] = ALPHABET[w & 63] as number;
	}
	if (i < to) {
		const two = i + 1 < to;
		const w = (byteAt(text, i) << 16) | (two ? byteAt(text, i + 1) << 8 : 0);
		out[n++] = ALPHABET[w >>> 18] as number;
		out[n++] = ALPHABET[(w >>> 12) & 63] as number;
		out[n++] = two ? (ALPHABET[(w >>> 6) & 63] as number) : PAD;
		out[n++] = PAD;
	}
}

export function base64Latin1(text: string): string {
	const len = text.length;
	const size = 4 * Math.ceil(len / 3);
	if (size <= REUSED_MAX) {
		const out = (BY_LENGTH[size] ??= new Array<number>(size).fill(0));
		put(text, 0, len, out);
		return String.fromCharCode.apply(null, out);
	}
	let s = '';
	const step = (CHUNK / 4) * 3; // input code units per chunk: whole groups, so only the last one pads
	for (let from = 0; from < len; from += step) {
		const to = Math.min(len, from + step);
		const out = new Array<number>(4 * Math.ceil((to - from) / 3)).fill(0);
		put(text, from, to, out);
		s += String.fromCharCode.apply(null, out);
	}
	return s;
}

/** Base64 of bytes (what btoa returns for their Latin-1 string), the text made a chunk at a time. */
export function base64OfBytes(bytes: Uint8Array): string {
	let text = '';
	for (let from = 0; from < bytes.length; from += CHUNK)
		text += String.fromCharCode.apply(null, Array.from(bytes.subarray(from, from + CHUNK)));
	return base64Latin1(text);
}
