// The batch actions (SQS-STD-3): 1–10 entries with distinct ids, each entry succeeding or failing alone.

import { awsError } from '../shared/errors';
import type { BatchError, SendContext, SendMessageInput, SendMessageOutput } from './api-types';
import { throttle } from './bookkeeping';
import { deleteByHandle } from './delete';
import { BATCH_ENTRY_ID_MAX_LENGTH, MAX_BATCH_ENTRIES } from './limits';
import { messageSize } from './message';
import { send } from './send';
import type { QueueCore } from './state';
import { changeVisibility } from './visibility';

export function sendMessageBatch(
	q: QueueCore,
	entries: (SendMessageInput & { Id: string })[],
	from: SendContext
): { Successful: (SendMessageOutput & { Id: string })[]; Failed: BatchError[] } {
	checkBatch(entries);
	let total = 0;
	for (const e of entries) total += messageSize(e.MessageBody ?? '', e.MessageAttributes);
	if (total > q.s.config.MaximumMessageSize) {
		throw awsError(
			'BatchRequestTooLong',
			`Batch requests cannot be longer than ${q.s.config.MaximumMessageSize} bytes. You have sent ${total} bytes.`
		);
	}
	throttle(q, 'SendMessage', entries[0]?.MessageGroupId);
	const Successful: (SendMessageOutput & { Id: string })[] = [];
	const Failed: BatchError[] = [];
	for (const e of entries) {
		try {
			Successful.push({ Id: e.Id, ...send(q, e, from) });
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
	checkBatch(entries);
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
	checkBatch(entries);
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
function checkBatch(entries: { Id: string }[]): void {
	if (!Array.isArray(entries) || entries.length === 0) {
		throw awsError(
			'EmptyBatchRequest',
			'There should be at least one SendMessageBatchRequestEntry in the request.'
		);
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
