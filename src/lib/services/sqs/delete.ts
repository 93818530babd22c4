// DeleteMessage (SQS-STD-6), a standard queue's missed deletes (SQS-STD-1 [sim]) and PurgeQueue (with the
// FIFO deduplication history, SQS-FIFO-3).

import { awsError } from '../shared/errors';
import { schedule, scheduleExpiry, throttle, transition } from './bookkeeping';
import { PURGE_COOLDOWN_MS } from './limits';
import { isLive } from './message-lifecycle';
import { decodeHandle } from './receipt-handle';
import { serviceWaiters } from './receive';
import type { QueueCore, StoredMessage } from './state';

export function deleteMessage(q: QueueCore, receiptHandle: string, by: string): void {
	if (receiptHandle === undefined) {
		throw awsError('MissingParameter', 'The request must contain the parameter ReceiptHandle.');
	}
	throttle(q, 'DeleteMessage');
	deleteByHandle(q, receiptHandle, by);
}

export function deleteByHandle(q: QueueCore, receiptHandle: string, by: string): void {
	const s = q.s;
	const { key, n } = decodeHandle(q, receiptHandle);
	const m = s.messages.get(key);
	if (!m) return; // Already gone: deleting succeeds (SQS-STD-6, unverified).
	if (n !== m.receiveCount) {
		// SQS-STD-6 [sim]: an older handle "might not delete": success, nothing removed.
		q.ctx.trace({
			type: 'stale-handle-delete',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			by,
			cause: 'stale-receipt-handle'
		});
		return;
	}
	if (s.config.FifoQueue && m.status !== 'inFlight') {
		// FIFO: once the visibility timeout has expired, the receipt handle is no longer valid.
		throw awsError(
			'InvalidParameterValue',
			`Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`
		);
	}
	if (m.status !== 'inFlight' && m.status !== 'available') return;
	transition(q, m, 'DELETE');
	q.ctx.trace({ type: 'deleted', node: q.id, msg: m.MessageId, origin: m.origin, by });
	maybeMissDelete(q, m);
	serviceWaiters(q);
}

/** SQS-STD-1 [sim]: with a seeded chance, one copy on another server misses the delete and reappears. */
function maybeMissDelete(q: QueueCore, m: StoredMessage): void {
	const s = q.s;
	const nd = s.config.nondeterminism;
	if (s.config.FifoQueue || m.copyOf !== undefined || m.servers.length < 2) return;
	if (!q.rng.chance(nd.missedDeleteRate)) return;
	const server = m.servers[1 + q.rng.int(m.servers.length - 1)] as number;
	const now = q.ctx.now();
	// The stray copy still holds the visibility deadline it knew about; it reappears then.
	const reappearsAt = Math.max(m.visibleAt, now + 1);
	const copy: StoredMessage = {
		...m,
		key: `${m.MessageId}~copy${++s.copySeq}`,
		status: 'inFlight',
		servers: [server],
		copyOf: m.key,
		visibleAt: reappearsAt,
		copies: 0
	};
	copy.timer = undefined;
	copy.expiryTimer = undefined;
	s.messages.set(copy.key, copy);
	s.counts.inFlight++;
	copy.timer = schedule(q, reappearsAt, { type: 'VIS', key: copy.key, n: copy.receiveCount });
	scheduleExpiry(q, copy);
	q.ctx.trace({
		type: 'copy-missed-delete',
		node: q.id,
		msg: m.MessageId,
		origin: m.origin,
		server,
		reappearsAt,
		cause: 'server-unavailable-during-delete'
	});
}

export function purgeQueue(q: QueueCore, by: string): void {
	const s = q.s;
	const now = q.ctx.now();
	if (s.lastPurgeAt !== undefined && now - s.lastPurgeAt < PURGE_COOLDOWN_MS) {
		throw awsError(
			'PurgeQueueInProgress',
			`Only one PurgeQueue operation on ${s.config.QueueName} is allowed every 60 seconds.`
		);
	}
	s.lastPurgeAt = now;
	// SQS-FIFO-3 (recorded, test_purge_queue_clears_fifo_deduplication_cache): a purge clears the deduplication
	// history too, so the same deduplication id is accepted again right after it.
	s.dedup.clear();
	for (const m of [...s.messages.values()]) {
		if (!isLive(m.status)) continue;
		transition(q, m, 'PURGE');
		q.ctx.trace({
			type: 'purged',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			cause: `purge-by-${by}`
		});
	}
}
