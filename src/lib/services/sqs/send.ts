// SendMessage: validation (SQS-STD-8/-10/-12, SQS-FIFO-2/-3/-7), FIFO deduplication (SQS-FIFO-3/-4) and the
// enqueue every message goes through, including those a redrive policy or a move task brings in.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { SimContext } from '../../engine/simulation';
import { SENDER_ID } from '../shared/aws';
import { awsError } from '../shared/errors';
import type { SendContext, SendMessageInput, SendMessageOutput } from './api-types';
import {
	groupAppend,
	nextSequence,
	placeCopies,
	pruneDedup,
	pushAvailable,
	schedule,
	scheduleExpiry,
	throttle
} from './bookkeeping';
import { DEDUP_WINDOW_MS, DELAY_SECONDS } from './limits';
import {
	invalidBodyCharacter,
	md5Hex,
	md5OfMessageAttributes,
	messageSize,
	normaliseAttributes
} from './message';
import { serviceWaiters } from './receive';
import { nextTie, type QueueCore, type StoredMessage } from './state';
import { checkFifoId, checkMessageAttributes, checkMessageSystemAttributes } from './validation';

export function sendMessage(q: QueueCore, input: SendMessageInput, from: SendContext): SendMessageOutput {
	throttle(q, 'SendMessage', input.MessageGroupId);
	return send(q, input, from);
}

/**
 * The validation and enqueue of one message, shared by SendMessage and SendMessageBatch (`inBatch`: a batch
 * entry, whose size error AWS words differently).
 */
export function send(
	q: QueueCore,
	input: SendMessageInput,
	from: SendContext,
	inBatch = false
): SendMessageOutput {
	const s = q.s;
	const cfg = s.config;
	const body = input.MessageBody;
	// SQS-STD-13: an empty body is a missing one (recorded: LocalStack test_sqs.snapshot.json,
	// test_send_empty_message).
	if (body === undefined || body === null || body === '') {
		throw awsError('MissingParameter', 'The request must contain the parameter MessageBody.');
	}
	if (typeof body !== 'string') {
		throw awsError('InvalidParameterValue', 'The request must contain a non-empty message body.');
	}
	// SQS-STD-10: allowed characters only ([sim] reject, rather than replace).
	const bad = invalidBodyCharacter(body);
	if (bad !== undefined) {
		throw awsError(
			'InvalidMessageContents',
			`Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF (found #x${bad.toString(16).toUpperCase()}).`
		);
	}
	checkMessageAttributes(input.MessageAttributes);
	checkMessageSystemAttributes(input.MessageSystemAttributes);
	// SQS-STD-10: body plus attribute names, types and values (system attributes do not count). Recorded:
	// LocalStack test_sqs.snapshot.json, test_send_oversized_message (single send) and
	// test_send_batch_message_size (a batch entry: "cannot be validated").
	const size = messageSize(body, input.MessageAttributes);
	if (size > cfg.MaximumMessageSize) {
		throw awsError(
			'InvalidParameterValue',
			`One or more parameters ${inBatch ? 'cannot be validated' : 'are invalid'}. Reason: Message must be shorter than ${cfg.MaximumMessageSize} bytes.`
		);
	}
	let delayS = cfg.DelaySeconds;
	if (input.DelaySeconds !== undefined && !(cfg.FifoQueue && input.DelaySeconds === 0)) {
		if (cfg.FifoQueue) {
			// SQS-FIFO-7: no per-message timers on FIFO queues (DelaySeconds=0 is accepted and changes nothing).
			throw awsError(
				'InvalidParameterValue',
				`Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`
			);
		}
		if (
			!Number.isInteger(input.DelaySeconds) ||
			input.DelaySeconds < DELAY_SECONDS.min ||
			input.DelaySeconds > DELAY_SECONDS.max
		) {
			throw awsError(
				'InvalidParameterValue',
				`Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= ${DELAY_SECONDS.min} and <= ${DELAY_SECONDS.max}.`
			);
		}
		delayS = input.DelaySeconds; // SQS-STD-8: overrides the queue's delay on standard queues.
	}
	let groupId: string | undefined;
	let dedupId: string | undefined;
	if (cfg.FifoQueue) {
		// SQS-FIFO-2
		if (input.MessageGroupId === undefined) {
			throw awsError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
		}
		checkFifoId('MessageGroupId', input.MessageGroupId);
		groupId = input.MessageGroupId;
		// SQS-FIFO-3: explicit id wins; else SHA-256 of the body with ContentBasedDeduplication.
		if (input.MessageDeduplicationId !== undefined) {
			checkFifoId('MessageDeduplicationId', input.MessageDeduplicationId);
			dedupId = input.MessageDeduplicationId;
		} else if (cfg.ContentBasedDeduplication) {
			dedupId = bytesToHex(sha256(utf8ToBytes(body)));
		} else {
			throw awsError(
				'InvalidParameterValue',
				'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
			);
		}
	} else if (input.MessageDeduplicationId !== undefined) {
		throw awsError(
			'InvalidParameterValue',
			'The request include parameter that is not valid for this queue type. Reason: MessageDeduplicationId is valid only for FIFO queues'
		);
	} else if (input.MessageGroupId !== undefined) {
		// SQS-STD-12: fair queues accept MessageGroupId on standard queues.
		checkFifoId('MessageGroupId', input.MessageGroupId);
		groupId = input.MessageGroupId;
	}

	const now = q.ctx.now();
	if (cfg.FifoQueue && dedupId !== undefined) {
		// SQS-FIFO-3/-4: a repeat within 5 minutes is accepted but not enqueued.
		pruneDedup(q, now);
		const scopeKey = cfg.DeduplicationScope === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
		const seen = s.dedup.get(scopeKey);
		if (seen) {
			q.ctx.trace({
				type: 'deduplicated',
				node: q.id,
				msg: seen.messageId,
				origin: from.origin,
				from: from.from,
				dedupId,
				original: seen.messageId,
				cause: 'deduplication-window'
			});
			const out: SendMessageOutput = { MessageId: seen.messageId, MD5OfMessageBody: md5Hex(body) };
			const md5a = md5OfMessageAttributes(input.MessageAttributes);
			if (md5a) out.MD5OfMessageAttributes = md5a;
			const md5s = md5OfMessageAttributes(input.MessageSystemAttributes);
			if (md5s) out.MD5OfMessageSystemAttributes = md5s;
			if (seen.sequenceNumber) out.SequenceNumber = seen.sequenceNumber;
			return out;
		}
		const messageId = q.rng.uuid();
		const sequenceNumber = nextSequence(q, now);
		s.dedup.set(scopeKey, { messageId, sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS });
		return enqueue(q, { body, input, from, delayS, groupId, dedupId, messageId, sequenceNumber });
	}
	return enqueue(q, { body, input, from, delayS, groupId, dedupId, messageId: q.rng.uuid() });
}

function enqueue(
	q: QueueCore,
	p: {
		body: string;
		input: SendMessageInput;
		from: SendContext;
		delayS: number;
		groupId?: string;
		dedupId?: string;
		messageId: string;
		sequenceNumber?: string;
		enqueuedAt?: number;
		receiveCount?: number;
		deadLetterSourceArn?: string;
		cause?: string;
	}
): SendMessageOutput {
	const s = q.s;
	const now = q.ctx.now();
	const attrs = normaliseAttributes(p.input.MessageAttributes);
	const systemAttrs = normaliseAttributes(p.input.MessageSystemAttributes);
	const servers = placeCopies(q);
	const m: StoredMessage = {
		key: p.messageId,
		MessageId: p.messageId,
		origin: p.from.origin ?? p.messageId,
		Body: p.body,
		MD5OfBody: md5Hex(p.body),
		status: p.delayS > 0 ? 'delayed' : 'available',
		sentAt: now,
		enqueuedAt: p.enqueuedAt ?? now,
		visibleAt: now + p.delayS * 1000,
		availableSince: now,
		tie: nextTie(q),
		receiveCount: p.receiveCount ?? 0,
		senderId: p.from.senderId ?? SENDER_ID,
		servers,
		copies: 0
	};
	if (attrs) {
		m.MessageAttributes = attrs;
		m.MD5OfMessageAttributes = md5OfMessageAttributes(attrs);
	}
	if (systemAttrs) m.MessageSystemAttributes = systemAttrs; // SQS-STD-13
	if (p.groupId !== undefined) m.groupId = p.groupId;
	if (p.dedupId !== undefined) m.dedupId = p.dedupId;
	if (p.sequenceNumber !== undefined) m.sequenceNumber = p.sequenceNumber;
	if (p.deadLetterSourceArn !== undefined) m.deadLetterSourceArn = p.deadLetterSourceArn;
	s.messages.set(m.key, m);
	s.counts[m.status === 'delayed' ? 'delayed' : 'available']++;
	if (s.config.FifoQueue) groupAppend(q, m);
	scheduleExpiry(q, m);
	const enq: Extract<Parameters<SimContext['trace']>[0], { type: 'enqueued' }> = {
		type: 'enqueued',
		node: q.id,
		msg: m.MessageId,
		origin: m.origin,
		from: p.from.from,
		visibleAt: m.visibleAt
	};
	// The optional fields in this order, assigned rather than spread (once per message).
	if (p.groupId !== undefined) enq.groupId = p.groupId;
	if (p.dedupId !== undefined) enq.dedupId = p.dedupId;
	if (p.sequenceNumber !== undefined) enq.sequenceNumber = p.sequenceNumber;
	if (!s.config.FifoQueue) enq.servers = servers;
	if (p.cause) enq.cause = p.cause;
	else if (p.delayS > 0) enq.cause = 'delay';
	q.ctx.trace(enq);
	if (m.status === 'delayed') m.timer = schedule(q, m.visibleAt, { type: 'DELAY', key: m.key });
	else {
		pushAvailable(q, m);
		serviceWaiters(q);
	}
	const out: SendMessageOutput = { MessageId: m.MessageId, MD5OfMessageBody: m.MD5OfBody };
	if (m.MD5OfMessageAttributes) out.MD5OfMessageAttributes = m.MD5OfMessageAttributes;
	// SQS-STD-13: the digest of the system attributes, computed as for message attributes (recorded: LocalStack
	// test_sqs.py test_system_attributes_have_no_effect_on_attr_md5).
	const md5s = md5OfMessageAttributes(systemAttrs);
	if (md5s) out.MD5OfMessageSystemAttributes = md5s;
	if (m.sequenceNumber) out.SequenceNumber = m.sequenceNumber;
	return out;
}

/** What a message brings to the queue it moves to (a DLQ, a move task's destination): body, attributes, group, sender. */
function carried(m: StoredMessage, sourceNode: string) {
	return {
		body: m.Body,
		input: {
			MessageBody: m.Body,
			...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
			// SQS-STD-13: AWSTraceHeader is kept on a move (recorded: LocalStack test_sqs.snapshot.json,
			// test_dead_letter_queue_message_attributes).
			...(m.MessageSystemAttributes ? { MessageSystemAttributes: m.MessageSystemAttributes } : {})
		},
		from: { from: sourceNode, origin: m.origin, senderId: m.senderId },
		delayS: 0,
		...(m.groupId !== undefined ? { groupId: m.groupId } : {})
	};
}

/** SQS-DLQ-1/-3: accept a message moved here by a source queue's redrive policy. */
export function acceptDeadLetter(
	q: QueueCore,
	m: StoredMessage,
	sourceArn: string,
	sourceNode: string
): void {
	const fifo = q.s.config.FifoQueue;
	// SQS-DLQ-1: the moved message keeps its MessageId, on FIFO queues too (recorded: LocalStack
	// test_sqs.py test_dead_letter_queue_with_fifo_and_content_based_deduplication).
	const messageId = m.MessageId;
	enqueue(q, {
		...carried(m, sourceNode),
		// SQS-DLQ-3: on FIFO→FIFO the copy's deduplication id becomes the original MessageId.
		...(fifo ? { dedupId: m.MessageId, sequenceNumber: nextSequence(q, q.ctx.now()) } : {}),
		messageId,
		// SQS-DLQ-3: standard keeps the original enqueue time; FIFO resets it.
		...(fifo ? {} : { enqueuedAt: m.enqueuedAt }),
		receiveCount: m.receiveCount,
		deadLetterSourceArn: sourceArn,
		cause: 'redrive'
	});
}

/**
 * SQS-DLQ-4: accept a message a move task brings here. Moved messages are new messages: new MessageId, new
 * enqueue time, receive count 0 (unverified). On a FIFO destination the deduplication id is the original's
 * (or its MessageId) and the sequence number is drawn before the new MessageId.
 */
export function acceptMovedMessage(q: QueueCore, m: StoredMessage, sourceNode: string): SendMessageOutput {
	return enqueue(q, {
		...carried(m, sourceNode),
		...(q.s.config.FifoQueue
			? { dedupId: m.dedupId ?? m.MessageId, sequenceNumber: nextSequence(q, q.ctx.now()) }
			: {}),
		messageId: q.rng.uuid(),
		cause: 'move-task'
	});
}
