// What a receive returns for one message: its handle, body, and the system and message attributes asked for
// (SQS-STD-7).

import { epochMs } from '../shared/aws';
import type { ReceiveMessageInput, ReceivedMessage } from './api-types';
import { md5OfMessageAttributes, type MessageAttributes } from './message';
import { handleFor } from './receipt-handle';
import type { QueueCore, StoredMessage } from './state';

/** The system attribute names a receive asks for (worked out again only when the lists change). */
function wantedAttributes(q: QueueCore, input: ReceiveMessageInput): Set<string> {
	const attributes = input.AttributeNames ?? NONE;
	const system = input.MessageSystemAttributeNames ?? NONE;
	const w = q.wanted;
	if (!w || !sameList(w.attributes, attributes) || !sameList(w.system, system)) {
		q.wanted = {
			attributes: [...attributes],
			system: [...system],
			names: new Set([...attributes, ...system])
		};
	}
	return (q.wanted as { names: Set<string> }).names;
}

const NONE: readonly string[] = [];

function sameList(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
	return true;
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
		// Each asked-for attribute in this order (plain tests, no closure per message).
		if (m.senderId !== undefined && (all || wanted.has('SenderId'))) attrs['SenderId'] = m.senderId;
		if (all || wanted.has('SentTimestamp')) attrs['SentTimestamp'] = String(epochMs(m.sentAt));
		if (all || wanted.has('ApproximateReceiveCount'))
			attrs['ApproximateReceiveCount'] = String(m.receiveCount);
		if (m.firstReceiveAt !== undefined && (all || wanted.has('ApproximateFirstReceiveTimestamp')))
			attrs['ApproximateFirstReceiveTimestamp'] = String(epochMs(m.firstReceiveAt));
		if (m.groupId !== undefined && (all || wanted.has('MessageGroupId'))) attrs['MessageGroupId'] = m.groupId;
		if (q.s.config.FifoQueue) {
			if (m.dedupId !== undefined && (all || wanted.has('MessageDeduplicationId')))
				attrs['MessageDeduplicationId'] = m.dedupId;
			if (m.sequenceNumber !== undefined && (all || wanted.has('SequenceNumber')))
				attrs['SequenceNumber'] = m.sequenceNumber;
		}
		if (m.deadLetterSourceArn !== undefined && (all || wanted.has('DeadLetterQueueSourceArn')))
			attrs['DeadLetterQueueSourceArn'] = m.deadLetterSourceArn;
		// SQS-STD-13: the sender's AWSTraceHeader (recorded: LocalStack test_sqs.snapshot.json,
		// test_dead_letter_queue_message_attributes, test_aws_trace_header_propagation).
		const trace = m.MessageSystemAttributes?.AWSTraceHeader?.StringValue;
		if (trace !== undefined && (all || wanted.has('AWSTraceHeader'))) attrs['AWSTraceHeader'] = trace;
		for (const _ in attrs) {
			out.Attributes = attrs; // only when one was set
			break;
		}
	}
	// SQS-STD-13: MessageAttributeNames takes All, * and .* (everything), exact names and prefixes such as
	// Hel.*; MD5OfMessageAttributes covers only the attributes returned (recorded: LocalStack
	// test_sqs.snapshot.json, test_receive_message_message_attribute_names_filters).
	const names = input.MessageAttributeNames ?? NONE;
	if (m.MessageAttributes && names.length > 0) {
		const all = Object.keys(m.MessageAttributes);
		const pick: MessageAttributes = {};
		for (const name of all) {
			if (names.some((n) => attributeNameMatches(n, name))) pick[name] = m.MessageAttributes[name]!;
		}
		const picked = Object.keys(pick).length;
		if (picked > 0) {
			out.MessageAttributes = pick;
			out.MD5OfMessageAttributes =
				picked === all.length ? m.MD5OfMessageAttributes : md5OfMessageAttributes(pick);
		}
	}
	return out;
}

/** SQS-STD-13: whether a MessageAttributeNames entry asks for the attribute `name`. */
function attributeNameMatches(filter: string, name: string): boolean {
	if (filter === 'All' || filter === '.*' || filter === '*') return true;
	if (filter === name) return true;
	return filter.endsWith('.*') && filter.length > 2 && name.startsWith(filter.slice(0, -2));
}
