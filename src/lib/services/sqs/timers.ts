// The queue's timers: a delay elapses (SQS-STD-8), a visibility timeout runs out (SQS-STD-4), retention ends
// (SQS-STD-9).

import { scheduleExpiry, transition } from './bookkeeping';
import { isLive } from './message-lifecycle';
import { serviceWaiters } from './receive';
import type { QueueCore } from './state';

export function onDelayElapsed(q: QueueCore, key: string): void {
	const m = q.s.messages.get(key);
	if (!m || m.status !== 'delayed' || m.visibleAt > q.ctx.now()) return;
	m.timer = undefined;
	q.ctx.trace({ type: 'delay-elapsed', node: q.id, msg: m.MessageId, origin: m.origin });
	transition(q, m, 'DELAY_ELAPSED');
}

export function onVisibilityExpired(q: QueueCore, key: string, n: number): void {
	const m = q.s.messages.get(key);
	if (!m || m.status !== 'inFlight' || m.receiveCount !== n || m.visibleAt > q.ctx.now()) return;
	m.timer = undefined;
	q.ctx.trace({
		type: 'visibility-expired',
		node: q.id,
		msg: m.MessageId,
		origin: m.origin,
		receiveCount: m.receiveCount,
		cause: m.copyOf !== undefined ? 'copy-missed-delete' : 'visibility-timeout'
	});
	transition(q, m, 'VISIBILITY_EXPIRED');
}

export function onExpire(q: QueueCore, key: string): void {
	const s = q.s;
	const m = s.messages.get(key);
	if (!m || !isLive(m.status)) return;
	const ageMs = q.ctx.now() - m.enqueuedAt;
	// Compare against the very due time scheduled, so float rounding cannot re-arm it forever.
	if (q.ctx.now() < m.enqueuedAt + s.config.MessageRetentionPeriod * 1000) {
		scheduleExpiry(q, m);
		return;
	}
	m.expiryTimer = undefined;
	transition(q, m, 'EXPIRE');
	q.ctx.trace({
		type: 'expired',
		node: q.id,
		msg: m.MessageId,
		origin: m.origin,
		ageMs,
		cause: 'retention-period'
	});
	serviceWaiters(q);
}
