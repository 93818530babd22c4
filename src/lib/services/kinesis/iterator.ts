// Kinesis shard iterators as opaque tokens (KIN-9): a position in one shard of one stream and the simulated
// time it was issued, so GetRecords can tell which stream it belongs to and whether it has expired. The
// token is base64 JSON behind a fixed prefix, the way AWS's iterators look opaque but are self-describing.

import { base64Latin1 } from '../shared/base64';

/** KIN-9: an iterator expires 5 minutes after it is issued (the number lives in limits.ts). */
export { ITERATOR_TTL_MS } from './limits';

const PREFIX = 'AAAAAAAAAA';

export interface IteratorToken {
	stream: string;
	shard: string;
	/** Records with a sequence number above this are next ("-1": from the oldest kept). */
	after: string;
	/** Simulated time (ms) at which it was issued. */
	issuedAt: number;
	/** A per-stream counter, so two iterators for the same position still differ. */
	n: number;
}

export function encodeIterator(token: IteratorToken): string {
	return `${PREFIX}${base64Latin1(JSON.stringify(token))}`;
}

/** The token inside an iterator string, or undefined when it is not one of ours. */
export function decodeIterator(iterator: unknown): IteratorToken | undefined {
	if (typeof iterator !== 'string' || !iterator.startsWith(PREFIX)) return undefined;
	try {
		const t = JSON.parse(atob(iterator.slice(PREFIX.length))) as Partial<IteratorToken>;
		if (
			typeof t.stream !== 'string' ||
			typeof t.shard !== 'string' ||
			typeof t.after !== 'string' ||
			!/^-1$|^\d{1,128}$/.test(t.after) ||
			typeof t.issuedAt !== 'number' ||
			typeof t.n !== 'number'
		) {
			return undefined;
		}
		return t as IteratorToken;
	} catch {
		return undefined;
	}
}
