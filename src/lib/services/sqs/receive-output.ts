// What a receive returns for one message: its handle, body, and the system and message attributes asked for
// (SQS-STD-7).

import { epochMs } from '../shared/aws';
import type { ReceiveMessageInput, ReceivedMessage } from './api-types';
import type { MessageAttributes } from './message';
import { handleFor } from './receipt-handle';
import type { QueueCore, StoredMessage } from './state';

/** The system attribute names a receive asks for (worked out once per request, not per message). */
function wantedAttributes(q: QueueCore, input: ReceiveMessageInput): Set<string> {
	if (q.wanted?.input !== input) {
		q.wanted = {
			input,
			names: new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])])
		};
	}
	return q.wanted.names;
}

export function toOutput(q: QueueCore, m: StoredMessage, input: ReceiveMessageInput): ReceivedMessage {
	const out: ReceivedMessage = {
		MessageId: m.MessageId,
		ReceiptHandle: handleFor(q, m),
		MD5OfBody: m.MD5OfBody,
		Body: m.Body
	};
	// SQS-STD-7: system attributes only when asked for.
	const wanted = wantedAttributes(q, input);
	if (wanted.size > 0) {
		const all = wanted.has('All');
		const attrs: Record<string, string> = {};
		const put = (name: string, value: string | undefined) => {
			if (value !== undefined && (all || wanted.has(name))) attrs[name] = value;
		};
		put('SenderId', m.senderId);
		put('SentTimestamp', String(epochMs(m.sentAt)));
		put('ApproximateReceiveCount', String(m.receiveCount));
		put(
			'ApproximateFirstReceiveTimestamp',
			m.firstReceiveAt === undefined ? undefined : String(epochMs(m.firstReceiveAt))
		);
		put('MessageGroupId', m.groupId);
		if (q.s.config.FifoQueue) {
			put('MessageDeduplicationId', m.dedupId);
			put('SequenceNumber', m.sequenceNumber);
		}
		put('DeadLetterQueueSourceArn', m.deadLetterSourceArn);
		if (Object.keys(attrs).length > 0) out.Attributes = attrs;
	}
	const names = input.MessageAttributeNames ?? [];
	if (m.MessageAttributes && names.length > 0) {
		const pick: MessageAttributes = {};
		for (const [name, v] of Object.entries(m.MessageAttributes)) {
			const match = names.some(
				(n) =>
					n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1)))
			);
			if (match) pick[name] = v;
		}
		if (Object.keys(pick).length > 0) {
			out.MessageAttributes = pick;
			out.MD5OfMessageAttributes = m.MD5OfMessageAttributes;
		}
	}
	return out;
}
