// ChangeMessageVisibility (SQS-STD-5): a new timeout counted from now, within the 12-hour in-flight cap.

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
	const { key, n } = decodeHandle(q, receiptHandle);
	const m = s.messages.get(key);
	const now = q.ctx.now();
	if (!m || m.status !== 'inFlight' || n !== m.receiveCount) {
		throw awsError(
			'MessageNotInflight',
			`Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`
		);
	}
	const inFlightFor = now - (m.inFlightSince ?? now);
	if (inFlightFor + visibilityTimeout * 1000 > VISIBILITY_TIMEOUT_S.max * 1000) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${visibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${VISIBILITY_TIMEOUT_S.max} seconds]`
		);
	}
	m.visibilityChangedAt = now;
	if (visibilityTimeout === 0) {
		if (m.timer !== undefined) q.ctx.cancel(m.timer);
		delete m.timer;
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
