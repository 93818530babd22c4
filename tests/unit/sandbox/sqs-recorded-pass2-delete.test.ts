// Second pass over LocalStack's validated SQS recordings (test_sqs.py, test_sqs.snapshot.json): deletes,
// receipt handles, purges and batches. Each test names the rule(s) it checks and the recording it follows;
// codes and the first line of each message are compared as recorded.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function setup(attributes?: Record<string, string>, name = 'orders') {
	const sb = createSandbox({ seed: 17, nondeterminism: 'off' });
	const { QueueUrl } = sb.sqs.createQueue({
		QueueName: name,
		...(attributes ? { Attributes: attributes } : {})
	});
	return { sb, sqs: sb.sqs, url: QueueUrl };
}

/** The AWS error a call throws: code and the first line of its message. */
function awsErr(fn: () => unknown): { code: string; message: string } {
	try {
		fn();
	} catch (e) {
		const err = e as Error;
		return { code: err.name, message: err.message.split('\n')[0] ?? '' };
	}
	return { code: 'no error', message: '' };
}

function qsize(sqs: ReturnType<typeof setup>['sqs'], url: string): number {
	return Number(
		sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
			?.ApproximateNumberOfMessages
	);
}

describe('SQS-STD-6: deletes and receipt handles', () => {
	it('SQS-STD-6: a received message deleted by its handle is not received again', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_publish_get_delete_message
		const { sqs, url } = setup();
		const sent = sqs.sendMessage({ QueueUrl: url, MessageBody: 'test message' });
		const got = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(got?.MessageId).toBe(sent.MessageId);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got?.ReceiptHandle ?? '' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-5: ChangeMessageVisibility to 0 makes the message receivable at once; its new handle deletes it', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_delete_message_deletes_with_change_visibility_timeout
		const { sqs, url } = setup();
		const id = sqs.sendMessage({ QueueUrl: url, MessageBody: 'test' }).MessageId;
		const first = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(first?.MessageId).toBe(id);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
		sqs.changeMessageVisibility({
			QueueUrl: url,
			ReceiptHandle: first?.ReceiptHandle ?? '',
			VisibilityTimeout: 0
		});
		const again = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(again?.MessageId).toBe(id);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: again?.ReceiptHandle ?? '' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-6: a standard queue accepts a delete with a handle whose visibility timeout ended', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_remove_message_with_old_receipt_handle
		const { sb, sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'test' });
		const got = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 1 }).Messages?.[0];
		sb.advanceTime(2_000);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got?.ReceiptHandle ?? '' });
		expect(qsize(sqs, url)).toBe(0);
	});

	it('SQS-STD-6: DeleteMessage with a malformed handle fails with ReceiptHandleIsInvalid', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_delete_message_with_illegal_receipt_handle
		const { sqs, url } = setup();
		expect(awsErr(() => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: 'garbage' }))).toEqual({
			code: 'ReceiptHandleIsInvalid',
			message: 'The input receipt handle "garbage" is not a valid receipt handle.'
		});
	});

	it('SQS-STD-6: deleting the same handle again succeeds each time', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_delete_message_with_deleted_receipt_handle
		const { sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foo' });
		const handle = (await sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 5 })).Messages?.[0]
			?.ReceiptHandle;
		for (let i = 0; i < 3; i++) {
			expect(awsErr(() => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle ?? '' })).code).toBe(
				'no error'
			);
		}
	});

	it('SQS-STD-1, SQS-STD-4: a message whose visibility timeout ends comes back before a later message', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_inflight_message_requeue
		const { sb, sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'test1' });
		const first = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 3 }).Messages?.[0];
		sb.advanceTime(1_500);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'test2' });
		sb.advanceTime(3_000);
		const second = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 3 }).Messages?.[0];
		expect(second?.Body).toBe(first?.Body);
	});
});

describe('SQS-STD-13: purge', () => {
	it('SQS-STD-13: PurgeQueue empties the queue and later sends are received', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_purge_queue
		const { sb, sqs, url } = setup();
		for (let i = 0; i < 3; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `test-0-${i}` });
		expect(qsize(sqs, url)).toBeGreaterThan(1);
		sqs.purgeQueue({ QueueUrl: url });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
		for (let i = 0; i < 3; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `test-1-${i}` });
		const bodies: string[] = [];
		for (let i = 0; i < 10 && bodies.length < 3; i++) {
			const pending = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 });
			sb.advanceTime(1_000);
			bodies.push(...((await pending).Messages ?? []).map((m) => m.Body ?? ''));
		}
		expect(new Set(bodies)).toEqual(new Set(['test-1-0', 'test-1-1', 'test-1-2']));
	});

	it('SQS-STD-13: a purge also removes in-flight messages; they do not come back', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_purge_queue_deletes_inflight_messages
		const { sb, sqs, url } = setup();
		for (let i = 0; i < 10; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `message-${i}` });
		const got = await sqs.receiveMessage({
			QueueUrl: url,
			VisibilityTimeout: 3,
			WaitTimeSeconds: 5,
			MaxNumberOfMessages: 5
		});
		expect((got.Messages ?? []).length).toBeGreaterThan(0);
		sqs.purgeQueue({ QueueUrl: url });
		sb.advanceTime(3_000);
		const after = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 });
		sb.advanceTime(1_000);
		expect((await after).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-13, SQS-STD-8: a purge also removes delayed messages', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_purge_queue_deletes_delayed_messages
		const { sb, sqs, url } = setup();
		for (let i = 0; i < 5; i++)
			sqs.sendMessage({ QueueUrl: url, MessageBody: `message-${i}`, DelaySeconds: 2 });
		sqs.purgeQueue({ QueueUrl: url });
		sb.advanceTime(2_000);
		const after = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 });
		sb.advanceTime(1_000);
		expect((await after).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-13: a second purge within 60 s fails with PurgeQueueInProgress', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_successive_purge_calls_fail
		const { sqs, url } = setup(undefined, 'test-queue-1');
		sqs.purgeQueue({ QueueUrl: url });
		expect(awsErr(() => sqs.purgeQueue({ QueueUrl: url }))).toEqual({
			code: 'PurgeQueueInProgress',
			message: 'Only one PurgeQueue operation on test-queue-1 is allowed every 60 seconds.'
		});
	});
});

describe('SQS-STD-3: batches', () => {
	it('SQS-STD-3: ten sent in a batch are all received and deleted in a batch', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_publish_get_delete_message_batch
		const { sqs, url } = setup();
		const Entries = Array.from({ length: 10 }, (_, i) => ({
			Id: `message-${i}`,
			MessageBody: `messageBody-${i}`
		}));
		const sent = sqs.sendMessageBatch({ QueueUrl: url, Entries });
		expect(sent.Successful).toHaveLength(10);
		const got: { MessageId?: string; ReceiptHandle?: string }[] = [];
		for (let i = 0; i < 10 && got.length < 10; i++) {
			got.push(...(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? []));
		}
		expect(new Set(got.map((m) => m.MessageId))).toEqual(new Set(sent.Successful.map((s) => s.MessageId)));
		sqs.deleteMessageBatch({
			QueueUrl: url,
			Entries: got.map((m) => ({ Id: m.MessageId ?? '', ReceiptHandle: m.ReceiptHandle ?? '' }))
		});
		expect(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-3: ChangeMessageVisibilityBatch with 20 entries fails with TooManyEntriesInBatchRequest', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_change_message_visibility_batch_with_too_large_batch
		const { sqs, url } = setup();
		const Entries = Array.from({ length: 10 }, (_, i) => ({
			Id: `message-${i}`,
			MessageBody: `messageBody-${i}`
		}));
		expect(sqs.sendMessageBatch({ QueueUrl: url, Entries }).Successful).toHaveLength(10);
		expect(sqs.sendMessageBatch({ QueueUrl: url, Entries }).Successful).toHaveLength(10);
		const got: { ReceiptHandle?: string }[] = [];
		for (let i = 0; i < 7 && got.length < 20; i++) {
			got.push(
				...(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: Math.min(10, 20 - got.length) })
					.Messages ?? [])
			);
		}
		expect(got).toHaveLength(20);
		expect(
			awsErr(() =>
				sqs.changeMessageVisibilityBatch({
					QueueUrl: url,
					Entries: got.map((m, i) => ({
						Id: String(i),
						ReceiptHandle: m.ReceiptHandle ?? '',
						VisibilityTimeout: 123
					}))
				})
			)
		).toEqual({
			code: 'TooManyEntriesInBatchRequest',
			message: 'Maximum number of entries per request are 10. You have sent 20.'
		});
	});
});
