// Second pass over LocalStack's validated SQS recordings (test_sqs.py, test_sqs.snapshot.json): queue
// lifecycle, tags, idempotent creation, send/receive and visibility. Each test names the rule(s) it checks and
// the recording it follows; codes and the first line of each message are compared as recorded.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function sandbox() {
	return createSandbox({ seed: 11, nondeterminism: 'off' });
}

function setup(attributes?: Record<string, string>, name = 'orders') {
	const sb = sandbox();
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

function counts(sqs: ReturnType<typeof setup>['sqs'], url: string) {
	return sqs.getQueueAttributes({
		QueueUrl: url,
		AttributeNames: [
			'ApproximateNumberOfMessages',
			'ApproximateNumberOfMessagesNotVisible',
			'ApproximateNumberOfMessagesDelayed'
		]
	}).Attributes;
}

describe('SQS-STD-13: queue names, listing and creation', () => {
	it('SQS-STD-13: ListQueues filters by prefix and omits QueueUrls when nothing matches', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_list_queues
		const sb = sandbox();
		const names = ['a-test-queue-1', 'a-test-queue-2', 'b-test-queue-1'];
		const urls = names.map((QueueName) => {
			sb.sqs.createQueue({ QueueName });
			const url = sb.sqs.getQueueUrl({ QueueName }).QueueUrl;
			expect(url.endsWith(QueueName)).toBe(true);
			return url;
		});
		const a = sb.sqs.listQueues({ QueueNamePrefix: 'a-test-queue-' }).QueueUrls ?? [];
		expect(a).toHaveLength(2);
		expect(a).toEqual(expect.arrayContaining([urls[0], urls[1]]));
		expect(sb.sqs.listQueues({ QueueNamePrefix: 'b-test-queue-' }).QueueUrls).toEqual([urls[2]]);
		expect(sb.sqs.listQueues().QueueUrls).toEqual(expect.arrayContaining(urls));
		expect('QueueUrls' in sb.sqs.listQueues({ QueueNamePrefix: 'nonexisting-queue-' })).toBe(false);
	});

	it('SQS-STD-13: re-creating a queue within 60 s of deleting it fails with QueueDeletedRecently', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_recently_deleted
		const { sqs, url } = setup();
		sqs.deleteQueue({ QueueUrl: url });
		expect(awsErr(() => sqs.createQueue({ QueueName: 'orders' }))).toEqual({
			code: 'QueueDeletedRecently',
			message:
				'You must wait 60 seconds after deleting a queue before you can create another with the same name.'
		});
	});

	it('SQS-STD-13: CreateQueue is idempotent without attributes, with equal ones and with none after defaults', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_without_attributes_is_idempotent
		const { sqs, url } = setup();
		expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(url);
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_with_same_attributes_is_idempotent
		sqs.createQueue({ QueueName: 'q2', Attributes: { VisibilityTimeout: '69' } });
		const q2 = sqs.createQueue({ QueueName: 'q2', Attributes: { VisibilityTimeout: '69' } }).QueueUrl;
		expect(q2.endsWith('/q2')).toBe(true);
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_with_default_attributes_is_idempotent
		const q3 = sqs.createQueue({
			QueueName: 'q3',
			Attributes: { VisibilityTimeout: '69', ReceiveMessageWaitTimeSeconds: '1' }
		}).QueueUrl;
		expect(sqs.createQueue({ QueueName: 'q3' }).QueueUrl).toBe(q3);
	});

	it('SQS-STD-13: after SetQueueAttributes the old values conflict and the new ones are idempotent', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_after_modified_attributes
		const { sqs, url } = setup({ VisibilityTimeout: '1', ReceiveMessageWaitTimeSeconds: '1' });
		sqs.setQueueAttributes({
			QueueUrl: url,
			Attributes: { VisibilityTimeout: '2', ReceiveMessageWaitTimeSeconds: '2' }
		});
		expect(
			awsErr(() =>
				sqs.createQueue({
					QueueName: 'orders',
					Attributes: { VisibilityTimeout: '1', ReceiveMessageWaitTimeSeconds: '1' }
				})
			).code
		).toBe('QueueNameExists');
		expect(
			sqs.createQueue({
				QueueName: 'orders',
				Attributes: { VisibilityTimeout: '2', ReceiveMessageWaitTimeSeconds: '2' }
			}).QueueUrl
		).toBe(url);
		expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(url);
	});

	it('SQS-STD-13: message counts do not hinder re-creating a queue', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_after_send
		const { sqs, url } = setup();
		for (const MessageBody of ['foobar', 'bared', 'baz']) sqs.sendMessage({ QueueUrl: url, MessageBody });
		expect(counts(sqs, url)?.ApproximateNumberOfMessages).toBe('3');
		expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(url);
	});

	it('SQS-FIFO-1: FifoQueue=true needs a .fifo name and a standard queue may not have one', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_queue_requires_suffix
		const sb = sandbox();
		expect(
			awsErr(() => sb.sqs.createQueue({ QueueName: 'invalid-1', Attributes: { FifoQueue: 'true' } })).code
		).toBe('InvalidParameterValue');
		// Recorded: LocalStack test_sqs.snapshot.json, test_standard_queue_cannot_have_fifo_suffix
		expect(awsErr(() => sb.sqs.createQueue({ QueueName: 'queue-1.fifo' })).code).toBe(
			'InvalidParameterValue'
		);
	});
});

describe('SQS-STD-13: tags', () => {
	it('SQS-STD-13: tag keys are case-sensitive', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_tags_case_sensitive
		const { sqs, url } = setup();
		const Tags = { MyTag: 'value1', mytag: 'value2' };
		sqs.tagQueue({ QueueUrl: url, Tags });
		expect(sqs.listQueueTags({ QueueUrl: url }).Tags).toEqual(Tags);
	});

	it('SQS-STD-13: UntagQueue ignores keys that are not set', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_untag_queue_ignores_non_existing_tag
		const { sqs, url } = setup();
		sqs.tagQueue({ QueueUrl: url, Tags: { tag1: 'value1', tag2: 'value2' } });
		sqs.untagQueue({ QueueUrl: url, TagKeys: ['tag1', 'tag3'] });
		expect(sqs.listQueueTags({ QueueUrl: url }).Tags).toEqual({ tag2: 'value2' });
	});

	it('SQS-STD-13: TagQueue overwrites existing keys and keeps the others', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_tag_queue_overwrites_existing_tag
		const { sqs, url } = setup();
		sqs.tagQueue({ QueueUrl: url, Tags: { tag1: 'value1', tag2: 'value2' } });
		sqs.tagQueue({ QueueUrl: url, Tags: { tag1: 'VALUE1', tag3: 'value3' } });
		expect(sqs.listQueueTags({ QueueUrl: url }).Tags).toEqual({
			tag1: 'VALUE1',
			tag2: 'value2',
			tag3: 'value3'
		});
		// Recorded: LocalStack test_sqs.snapshot.json, test_list_queue_tags
		const other = sqs.createQueue({ QueueName: 'other' }).QueueUrl;
		sqs.tagQueue({ QueueUrl: other, Tags: { testTag1: 'test1', testTag2: 'test2' } });
		expect(sqs.listQueueTags({ QueueUrl: other }).Tags).toEqual({ testTag1: 'test1', testTag2: 'test2' });
	});

	it('SQS-STD-13: tags given to CreateQueue are listed; a queue without tags has no Tags key', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_with_tags
		const sb = sandbox();
		const tags = { tag1: 'value1', tag2: 'value2' };
		const url = sb.sqs.createQueue({ QueueName: 'tagged', tags }).QueueUrl;
		expect(sb.sqs.listQueueTags({ QueueUrl: url }).Tags).toEqual(tags);
		// Recorded: LocalStack test_sqs.snapshot.json, test_queue_list_nonexistent_tags
		const bare = sb.sqs.createQueue({ QueueName: 'bare' }).QueueUrl;
		expect('Tags' in sb.sqs.listQueueTags({ QueueUrl: bare })).toBe(false);
	});
});

describe('SQS-STD-1/2/3/4/8/9: send, receive and visibility', () => {
	it('SQS-STD-1: a sent message is received with its id, body and body MD5', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_receive_message
		const { sqs, url } = setup();
		const sent = sqs.sendMessage({ QueueUrl: url, MessageBody: 'message' });
		expect(sent.MD5OfMessageBody).toBe('78e731027d8fd50ed642340b7c9a63b3');
		const got = sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect(got).toHaveLength(1);
		expect(got[0]?.ReceiptHandle).toBeTruthy();
		expect(got[0]?.Body).toBe('message');
		expect(got[0]?.MessageId).toBe(sent.MessageId);
		expect(got[0]?.MD5OfBody).toBe(sent.MD5OfMessageBody);
	});

	it('SQS-STD-2: an empty receive, short or long, has no Messages key', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_empty_queue
		const { sb, sqs, url } = setup();
		expect('Messages' in sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 })).toBe(false);
		const pending = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 });
		sb.advanceTime(1_000);
		expect('Messages' in (await pending)).toBe(false);
	});

	it('SQS-STD-3: a batch of two arrives one per receive, then the queue is empty', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_batch
		const { sqs, url } = setup();
		sqs.sendMessageBatch({
			QueueUrl: url,
			Entries: [
				{ Id: '1', MessageBody: 'message-0' },
				{ Id: '2', MessageBody: 'message-1' }
			]
		});
		const bodies = [0, 1, 2].map((): string[] =>
			(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).map((m) => m.Body ?? '')
		);
		expect(bodies[0]).toHaveLength(1);
		expect(bodies[1]).toHaveLength(1);
		expect(bodies[2]).toHaveLength(0);
		expect(new Set([...(bodies[0] ?? []), ...(bodies[1] ?? [])])).toEqual(
			new Set(['message-0', 'message-1'])
		);
	});

	it('SQS-STD-3: a batch and a single send are all received with MaxNumberOfMessages', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_batch_receive_multiple
		const { sqs, url } = setup();
		sqs.sendMessageBatch({
			QueueUrl: url,
			Entries: [
				{ Id: '1', MessageBody: 'message-0' },
				{ Id: '2', MessageBody: 'message-1' }
			]
		});
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'message-2' });
		const bodies: string[] = [];
		for (let i = 0; i < 3 && bodies.length < 3; i++) {
			bodies.push(
				...(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3 }).Messages ?? []).map(
					(m) => m.Body ?? ''
				)
			);
		}
		expect(new Set(bodies)).toEqual(new Set(['message-0', 'message-1', 'message-2']));
	});

	it('SQS-STD-2: a long poll returns at once when messages are waiting', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_message_wait_time_seconds_and_max_number_of_messages_does_not_block
		const { sb, sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar2' });
		const before = sb.now();
		const res = await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3, WaitTimeSeconds: 5 });
		expect(sb.now() - before).toBeLessThan(2_000);
		expect((res.Messages ?? []).length).toBeGreaterThanOrEqual(1);
	});

	it('SQS-STD-8: a delayed message is not received at once; a long poll gets it when the delay ends', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_delay_and_wait_time
		const { sb, sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar', DelaySeconds: 1 });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
		const pending = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 2 });
		sb.advanceTime(2_000);
		expect((await pending).Messages).toHaveLength(1);
	});

	it('SQS-STD-4: in-flight messages count as NotVisible until their visibility timeout ends', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_approximate_number_of_messages_not_visible
		const { sb, sqs, url } = setup({ VisibilityTimeout: '60' });
		for (let i = 1; i <= 6; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `message-${i}` });
		sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 });
		expect(counts(sqs, url)).toEqual({
			ApproximateNumberOfMessages: '5',
			ApproximateNumberOfMessagesNotVisible: '1',
			ApproximateNumberOfMessagesDelayed: '0'
		});
		sb.advanceTime(60_000);
		expect(counts(sqs, url)).toEqual({
			ApproximateNumberOfMessages: '6',
			ApproximateNumberOfMessagesNotVisible: '0',
			ApproximateNumberOfMessagesDelayed: '0'
		});
	});

	it('SQS-STD-4, SQS-STD-6: a message is hidden during its visibility timeout and comes back with a new receipt handle', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_after_visibility_timeout
		const { sb, sqs, url } = setup({ VisibilityTimeout: '1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar' });
		const first = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(first).toBeDefined();
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
		const pending = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 5 });
		sb.advanceTime(5_000);
		const second = (await pending).Messages?.[0];
		expect(second).toBeDefined();
		expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
	});

	it('SQS-STD-6: deleting with a receipt handle whose visibility timeout ended still deletes the message', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_delete_after_visibility_timeout
		const { sb, sqs, url } = setup({ VisibilityTimeout: '1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar' });
		const got = await sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 5 });
		const handle = got.Messages?.[0]?.ReceiptHandle ?? '';
		sb.advanceTime(1_000);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle });
		expect('Messages' in sqs.receiveMessage({ QueueUrl: url })).toBe(false);
	});

	it('SQS-STD-4: a receive with VisibilityTimeout 0 leaves the message visible for the next receive', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_terminate_visibility_timeout
		const { sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar' });
		const first = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 }).Messages?.[0];
		const second = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(first).toBeDefined();
		expect(second).toBeDefined();
		expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-4: the VisibilityTimeout of a receive replaces the queue default for that receive', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_message_with_visibility_timeout_updates_timeout
		const { sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'test' });
		expect(
			(await sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 2, VisibilityTimeout: 0 })).Messages
		).toHaveLength(1);
		expect(sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 3 }).Messages).toHaveLength(1);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-9: messages older than MessageRetentionPeriod are gone, in flight or not', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_message_retention
		const { sb, sqs, url } = setup({ MessageRetentionPeriod: '60' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar2' });
		sb.advanceTime(65_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
	});

	it('SQS-STD-9: an in-flight message expires with the retention period and its handle still deletes', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_message_retention_with_inflight
		const { sb, sqs, url } = setup({ MessageRetentionPeriod: '60', VisibilityTimeout: '60' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar2' });
		sb.advanceTime(5_000);
		const got = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 }).Messages?.[0];
		expect(got?.Body).toBe('foobar1');
		sb.advanceTime(61_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
		sb.advanceTime(7_500);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
		expect(() => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got?.ReceiptHandle ?? '' })).not.toThrow();
	});

	it('SQS-STD-6: ChangeMessageVisibility with a malformed receipt handle fails with ReceiptHandleIsInvalid', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_invalid_receipt_handle_should_return_error_message
		const { sqs, url } = setup();
		expect(
			awsErr(() =>
				sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: 'INVALID', VisibilityTimeout: 60 })
			).code
		).toBe('ReceiptHandleIsInvalid');
	});
});
