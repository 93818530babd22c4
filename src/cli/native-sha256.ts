// Node's native SHA-256 for HashSink: the same digests as the portable one, several times faster. Used by
// the CLI and the benchmarks; the browser keeps the portable implementation.
import { createHash, type Hash } from 'node:crypto';
import type { Sha256Hasher } from '../lib/engine';

export function nativeSha256(): Sha256Hasher {
	const wrap = (h: Hash): Sha256Hasher => ({
		update: (text) => h.update(text, 'utf8'),
		hexDigest: () => h.copy().digest('hex'),
		copy: () => wrap(h.copy())
	});
	return wrap(createHash('sha256'));
}
