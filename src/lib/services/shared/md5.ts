// MD5 (RFC 1321) of text as UTF-8 or of bytes, as 32 hex digits: SQS's MD5OfMessageBody and
// MD5OfMessageAttributes, Kinesis's partition-key hash (KIN-1). A library's MD5 sets up a hasher object,
// buffers and views per call, which for the short inputs of a simulation costs more than the digest itself
// (a message's body digest was ~8% of a fan-out run); this one encodes into a reused buffer and keeps its
// state in locals. Integer arithmetic only, with the round constants written out (no Math.sin: DET-1), so
// every engine gives the same digest. tests/unit/services/md5.test.ts checks it against @noble/hashes.

/** The 64 additive constants, floor(abs(sin(i + 1)) * 2^32), as RFC 1321 lists them. */
const K = new Int32Array([
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
	0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
	0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
	0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
	0xeb86d391
]);

/** Per-step left rotations, four per round. */
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The message bytes plus padding; grows to fit the longest input so far (bounded by the message size limit). */
let bytes = new Uint8Array(1024);
let words = new Int32Array(bytes.buffer);

function ensure(capacity: number): void {
	if (capacity <= bytes.length) return;
	let n = bytes.length;
	while (n < capacity) n *= 2;
	const next = new Uint8Array(n);
	next.set(bytes);
	bytes = next;
	words = new Int32Array(bytes.buffer);
}

/** UTF-8 of `text` into `bytes` from 0, as TextEncoder writes it (a lone surrogate becomes U+FFFD). */
function encodeUtf8(text: string): number {
	ensure(text.length * 3 + 72);
	const out = bytes;
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		let c = text.charCodeAt(i);
		if (c < 0x80) {
			out[n++] = c;
			continue;
		}
		if (c < 0x800) {
			out[n++] = 0xc0 | (c >> 6);
			out[n++] = 0x80 | (c & 0x3f);
			continue;
		}
		if (c >= 0xd800 && c <= 0xdfff) {
			const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
				i++;
				out[n++] = 0xf0 | (c >> 18);
				out[n++] = 0x80 | ((c >> 12) & 0x3f);
				out[n++] = 0x80 | ((c >> 6) & 0x3f);
				out[n++] = 0x80 | (c & 0x3f);
				continue;
			}
			c = 0xfffd;
		}
		out[n++] = 0xe0 | (c >> 12);
		out[n++] = 0x80 | ((c >> 6) & 0x3f);
		out[n++] = 0x80 | (c & 0x3f);
	}
	return n;
}

/** Pads the `length` bytes in `bytes` and digests them. */
function digest(length: number): string {
	const padded = (((length + 8) >>> 6) + 1) << 6;
	ensure(padded);
	bytes[length] = 0x80;
	bytes.fill(0, length + 1, padded);
	// The length in bits, little-endian 64-bit (lengths stay far below 2^29 bytes, so the high word is 0).
	const bitsLow = (length << 3) | 0;
	const bitsHigh = length >>> 29;
	// The buffer is read as little-endian words: on a big-endian machine swap (no such browser ships today).
	words[(padded >> 2) - 2] = LITTLE_ENDIAN ? bitsLow : swap(bitsLow);
	words[(padded >> 2) - 1] = LITTLE_ENDIAN ? bitsHigh : swap(bitsHigh);
	let a0 = 0x67452301;
	let b0 = 0xefcdab89 | 0;
	let c0 = 0x98badcfe | 0;
	let d0 = 0x10325476;
	const x = words;
	for (let base = 0; base < padded >> 2; base += 16) {
		let a = a0;
		let b = b0;
		let c = c0;
		let d = d0;
		for (let i = 0; i < 64; i++) {
			let f: number;
			let g: number;
			if (i < 16) {
				f = (b & c) | (~b & d);
				g = i;
			} else if (i < 32) {
				f = (d & b) | (~d & c);
				g = (5 * i + 1) & 15;
			} else if (i < 48) {
				f = b ^ c ^ d;
				g = (3 * i + 5) & 15;
			} else {
				f = c ^ (b | ~d);
				g = (7 * i) & 15;
			}
			const w = LITTLE_ENDIAN ? (x[base + g] as number) : swap(x[base + g] as number);
			const sum = (a + f + (K[i] as number) + w) | 0;
			const r = S[((i >> 4) << 2) | (i & 3)] as number;
			a = d;
			d = c;
			c = b;
			b = (b + ((sum << r) | (sum >>> (32 - r)))) | 0;
		}
		a0 = (a0 + a) | 0;
		b0 = (b0 + b) | 0;
		c0 = (c0 + c) | 0;
		d0 = (d0 + d) | 0;
	}
	return hexLE(a0) + hexLE(b0) + hexLE(c0) + hexLE(d0);
}

function hexLE(w: number): string {
	return HEX[w & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 24) & 0xff]!;
}

function swap(w: number): number {
	return ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** MD5 of the UTF-8 bytes of `text`, as 32 lowercase hex digits. */
export function md5HexOfText(text: string): string {
	return digest(encodeUtf8(text));
}

/** MD5 of `input`, as 32 lowercase hex digits. */
export function md5HexOfBytes(input: Uint8Array): string {
	ensure(input.length + 72);
	bytes.set(input, 0);
	return digest(input.length);
}
