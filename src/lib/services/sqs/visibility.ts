// ChangeMessageVisibility (SQS-STD-5): a new timeout counted from now, within the 12-hour in-flight cap; any
// handle of a message that still exists works, whichever receive it came from and whether or not it ran out.

import { awsError } from '../shared/errors';
import { retime, transition } from './bookkeeping';
import { VISIBILITY_TIMEOUT_S } from './limits';
import { decodeHandle } from './receipt-handle';
import type { QueueCore } from './state';
import { checkVisibility } from './validation';

export function changeMessageVisibility(
	q: QueueCore,
	receiptHandle: string,
	visibilityTimeout: number,
	by: string
): void {
	if (receiptHandle === undefined) {
		throw awsError('MissingParameter', 'The request must contain the parameter ReceiptHandle.');
	}
	changeVisibility(q, receiptHandle, visibilityTimeout, by);
}

export function changeVisibility(
	q: QueueCore,
	receiptHandle: string,
	visibilityTimeout: number,
	by: string
): void {
	const s = q.s;
	if (visibilityTimeout === undefined) {
		throw awsError('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
	}
	checkVisibility(visibilityTimeout, 'VisibilityTimeout');
	const { key } = decodeHandle(q, receiptHandle);
	const m = s.messages.get(key);
	const now = q.ctx.now();
	// SQS-STD-5 (recorded): a handle from an earlier receive, or one whose visibility already ran out, still
	// works as long as the message exists (test_terminate_visibility_timeout_after_receive,
	// test_change_message_visibility_after_visibility_timeout_expiration); a deleted message fails
	// (test_change_visibility_on_deleted_message_raises_invalid_parameter_value). In a batch, each such entry
	// fails on its own with the same code and text.
	if (!m || (m.status !== 'inFlight' && m.status !== 'available')) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`
		);
	}
	const inFlightFor = m.status === 'inFlight' ? now - (m.inFlightSince ?? now) : 0;
	if (inFlightFor + visibilityTimeout * 1000 > VISIBILITY_TIMEOUT_S.max * 1000) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${visibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${VISIBILITY_TIMEOUT_S.max} seconds]`
		);
	}
	if (m.status === 'available') {
		if (visibilityTimeout === 0) return; // Visible already: nothing changes.
		// Its visibility ran out: the change hides it again from now, as if still in flight (no new receive).
		m.visibilityChangedAt = now;
		m.inFlightSince = now;
		transition(q, m, 'HIDE');
		retime(q, m, now + visibilityTimeout * 1000, 'VIS');
		q.ctx.trace({
			type: 'visibility-changed',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			visibleAt: m.visibleAt,
			by,
			cause: 'hidden-again'
		});
		return;
	}
	m.visibilityChangedAt = now;
	if (visibilityTimeout === 0) {
		if (m.timer !== undefined) q.ctx.cancel(m.timer);
		m.timer = undefined;
		m.visibleAt = now;
		q.ctx.trace({
			type: 'visibility-changed',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			visibleAt: now,
			by
		});
		transition(q, m, 'RELEASE');
		return;
	}
	// A new timeout counted from now; it does not add to the time left.
	m.visibleAt = now + visibilityTimeout * 1000;
	retime(q, m, m.visibleAt, 'VIS');
	q.ctx.trace({
		type: 'visibility-changed',
		node: q.id,
		msg: m.MessageId,
		origin: m.origin,
		visibleAt: m.visibleAt,
		by
	});
}
