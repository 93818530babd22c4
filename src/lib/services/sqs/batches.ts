// The batch actions (SQS-STD-3): 1–10 entries with distinct ids, each entry succeeding or failing alone.

import { awsError } from '../shared/errors';
import type { BatchError, SendContext, SendMessageInput, SendMessageOutput } from './api-types';
import { throttle } from './bookkeeping';
import { deleteByHandle } from './delete';
import { BATCH_ENTRY_ID_MAX_LENGTH, MAX_BATCH_BYTES, MAX_BATCH_ENTRIES } from './limits';
import { messageSize } from './message';
import { send } from './send';
import type { QueueCore } from './state';
import { changeVisibility } from './visibility';

export function sendMessageBatch(
	q: QueueCore,
	entries: (SendMessageInput & { Id: string })[],
	from: SendContext
): { Successful: (SendMessageOutput & { Id: string })[]; Failed: BatchError[] } {
	checkBatch(entries, 'SendMessageBatchRequestEntry');
	// SQS-STD-10: the batch's total is capped at 1 MiB whatever the queue's MaximumMessageSize; an entry over
	// the queue's limit fails on its own (recorded: LocalStack test_sqs.snapshot.json,
	// test_send_message_batch_with_oversized_contents, ..._with_updated_maximum_message_size and
	// test_send_batch_message_size).
	let total = 0;
	for (const e of entries) total += messageSize(e.MessageBody ?? '', e.MessageAttributes);
	if (total > MAX_BATCH_BYTES) {
		throw awsError(
			'BatchRequestTooLong',
			`Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${total} bytes.`
		);
	}
	if (q.s.config.FifoQueue) checkFifoBatch(q, entries);
	throttle(q, 'SendMessage', entries[0]?.MessageGroupId);
	const Successful: (SendMessageOutput & { Id: string })[] = [];
	const Failed: BatchError[] = [];
	for (const e of entries) {
		try {
			Successful.push({ Id: e.Id, ...send(q, e, from, true) });
		} catch (err) {
			Failed.push(batchError(e.Id, err));
		}
	}
	return { Successful, Failed };
}

export function deleteMessageBatch(
	q: QueueCore,
	entries: { Id: string; ReceiptHandle: string }[],
	by: string
): { Successful: { Id: string }[]; Failed: BatchError[] } {
	checkBatch(entries, 'DeleteMessageBatchRequestEntry');
	throttle(q, 'DeleteMessage');
	const Successful: { Id: string }[] = [];
	const Failed: BatchError[] = [];
	for (const e of entries) {
		try {
			deleteByHandle(q, e.ReceiptHandle, by);
			Successful.push({ Id: e.Id });
		} catch (err) {
			Failed.push(batchError(e.Id, err));
		}
	}
	return { Successful, Failed };
}

export function changeMessageVisibilityBatch(
	q: QueueCore,
	entries: { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[],
	by: string
): { Successful: { Id: string }[]; Failed: BatchError[] } {
	checkBatch(entries, 'ChangeMessageVisibilityBatchRequestEntry');
	const Successful: { Id: string }[] = [];
	const Failed: BatchError[] = [];
	for (const e of entries) {
		try {
			changeVisibility(q, e.ReceiptHandle, e.VisibilityTimeout, by);
			Successful.push({ Id: e.Id });
		} catch (err) {
			Failed.push(batchError(e.Id, err));
		}
	}
	return { Successful, Failed };
}

/**
 * SQS-FIFO-2/-3: on a FIFO queue an entry without a MessageGroupId, or without a deduplication id when the
 * queue has no content-based deduplication, fails the whole request, not just that entry (recorded: LocalStack
 * test_sqs.snapshot.json, test_send_batch_missing_message_group_id_for_fifo_queue and
 * test_send_batch_missing_deduplication_id_for_fifo_queue).
 */
function checkFifoBatch(q: QueueCore, entries: SendMessageInput[]): void {
	for (const e of entries) {
		if (e.MessageGroupId === undefined) {
			throw awsError('InvalidParameterValue', 'The request must contain the parameter MessageGroupId.');
		}
	}
	if (q.s.config.ContentBasedDeduplication) return;
	for (const e of entries) {
		if (e.MessageDeduplicationId === undefined) {
			throw awsError(
				'InvalidParameterValue',
				'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
			);
		}
	}
}

function batchError(id: string, err: unknown): BatchError {
	const e = err as { name?: string; message?: string; $fault?: string };
	return {
		Id: id,
		SenderFault: e.$fault !== 'server',
		Code: e.name ?? 'InternalError',
		Message: e.message ?? ''
	};
}

/** SQS-STD-3: a batch entry id: alphanumerics, hyphens and underscores. */
const BATCH_ENTRY_ID = new RegExp(`^[A-Za-z0-9_-]{1,${BATCH_ENTRY_ID_MAX_LENGTH}}$`);

/** SQS-STD-3: 1–10 entries with distinct, well-formed ids. */
function checkBatch(entries: { Id: string }[], entryKind: string): void {
	if (!Array.isArray(entries) || entries.length === 0) {
		throw awsError('EmptyBatchRequest', `There should be at least one ${entryKind} in the request.`);
	}
	if (entries.length > MAX_BATCH_ENTRIES) {
		throw awsError(
			'TooManyEntriesInBatchRequest',
			`Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`
		);
	}
	const ids = new Set<string>();
	for (const e of entries) {
		if (typeof e.Id !== 'string' || !BATCH_ENTRY_ID.test(e.Id)) {
			throw awsError(
				'InvalidBatchEntryId',
				`A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most ${BATCH_ENTRY_ID_MAX_LENGTH} letters long.`
			);
		}
		if (ids.has(e.Id)) throw awsError('BatchEntryIdsNotDistinct', `Id ${e.Id} repeated.`);
		ids.add(e.Id);
	}
}
