// Receipt handles (SQS-STD-6): a handle names the queue, the message and the receive it came from, with check
// digits, so a garbled handle, one from another queue or an older receive is told apart.

import { checkDigits } from '../../engine/check-digits';

// [sim] The check digits of a receipt handle: 24 hex digits (engine/check-digits.ts). A handle must only be
// rejected when it is garbled, from another queue or from another receive; it guards against mistakes, not
// attackers, so a fast non-cryptographic hash serves (SHA-256 here cost a tenth of a fan-out run, the 128-bit
// trace hasher per handle 4%).

import { awsError } from '../shared/errors';
import type { HandleCache, QueueCore, StoredMessage } from './state';
import { base64Latin1 } from '../shared/base64';

const CACHE_SLOTS = 1024;

export function newHandleCache(): HandleCache {
	return {
		handles: new Array<string | undefined>(CACHE_SLOTS).fill(undefined),
		values: new Array<{ key: string; n: number } | undefined>(CACHE_SLOTS).fill(undefined)
	};
}

/** A handle's cache slot, from its last three characters (check digits, for the handles a queue issues). */
function slotOf(handle: string): number {
	const len = handle.length;
	return (
		(handle.charCodeAt(len - 1) ^ (handle.charCodeAt(len - 2) << 4) ^ (handle.charCodeAt(len - 3) << 7)) &
		(CACHE_SLOTS - 1)
	);
}

export function handleFor(q: QueueCore, m: StoredMessage): string {
	// Plain base64, as real receipt handles are (they carry + / =); decoding also accepts the URL-safe form.
	// The text of JSON.stringify([q.id, m.key, m.receiveCount]), without building the array.
	const payload = base64Latin1(`[${JSON.stringify(q.id)},${JSON.stringify(m.key)},${m.receiveCount}]`);
	const handle = `AQEB${payload}~${checkDigits(`${q.ctx.seed}:${q.id}:${m.key}:${m.receiveCount}`)}`;
	remember(q, handle, { key: m.key, n: m.receiveCount });
	return handle;
}

function remember(q: QueueCore, handle: string, decoded: { key: string; n: number }): void {
	const slot = slotOf(handle);
	q.decoded.handles[slot] = handle;
	q.decoded.values[slot] = decoded;
}

/** Decode a receipt handle into the message key and the receive it came from; throws when malformed. */
export function decodeHandle(q: QueueCore, handle: string): { key: string; n: number } {
	// A pure function of the handle: handles this queue decoded recently are looked up, not re-parsed.
	if (typeof handle === 'string' && handle.length >= 3) {
		const slot = slotOf(handle);
		if (q.decoded.handles[slot] === handle) return q.decoded.values[slot] as { key: string; n: number };
	}
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
