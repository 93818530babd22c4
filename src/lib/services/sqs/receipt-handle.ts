// Receipt handles (SQS-STD-6): a handle names the queue, the message and the receive it came from, with check
// digits, so a garbled handle, one from another queue or an older receive is told apart.

import { checkDigits } from '../../engine/check-digits';

// [sim] The check digits of a receipt handle: 24 hex digits (engine/check-digits.ts). A handle must only be
// rejected when it is garbled, from another queue or from another receive; it guards against mistakes, not
// attackers, so a fast non-cryptographic hash serves (SHA-256 here cost a tenth of a fan-out run, the 128-bit
// trace hasher per handle 4%).

import { awsError } from '../shared/errors';
import type { QueueCore, StoredMessage } from './state';

export function handleFor(q: QueueCore, m: StoredMessage): string {
	// Plain base64, as real receipt handles are (they carry + / =); decoding also accepts the URL-safe form.
	// The text of JSON.stringify([q.id, m.key, m.receiveCount]), without building the array.
	const payload = btoa(`[${JSON.stringify(q.id)},${JSON.stringify(m.key)},${m.receiveCount}]`);
	const handle = `AQEB${payload}~${checkDigits(`${q.ctx.seed}:${q.id}:${m.key}:${m.receiveCount}`)}`;
	remember(q, handle, { key: m.key, n: m.receiveCount });
	return handle;
}

function remember(q: QueueCore, handle: string, decoded: { key: string; n: number }): void {
	if (q.decoded.size >= 4096) q.decoded.clear();
	q.decoded.set(handle, decoded);
}

/** Decode a receipt handle into the message key and the receive it came from; throws when malformed. */
export function decodeHandle(q: QueueCore, handle: string): { key: string; n: number } {
	// A pure function of the handle: handles this queue decoded recently are looked up, not re-parsed.
	const known = q.decoded.get(handle);
	if (known) return known;
	const decoded = parseHandle(q, handle);
	remember(q, handle, decoded);
	return decoded;
}

function parseHandle(q: QueueCore, handle: string): { key: string; n: number } {
	const invalid = () =>
		awsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
	if (typeof handle !== 'string' || !handle.startsWith('AQEB')) throw invalid();
	const [payload, mac] = handle.slice(4).split('~');
	if (!payload || !mac) throw invalid();
	let parsed: unknown;
	try {
		parsed = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
	} catch {
		throw invalid();
	}
	if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
	const [queue, key, n] = parsed as [unknown, unknown, unknown];
	if (queue !== q.id || typeof key !== 'string' || typeof n !== 'number') throw invalid();
	if (mac !== checkDigits(`${q.ctx.seed}:${q.id}:${key}:${n}`)) throw invalid();
	return { key, n };
}
