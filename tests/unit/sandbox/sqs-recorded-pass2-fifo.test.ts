// Second pass over LocalStack's validated SQS recordings (test_sqs.py, test_sqs.snapshot.json): FIFO counts,
// delays, deduplication, sequence numbers and expired receipt handles. Each test names the rule(s) it checks
// and the recording it follows; codes and the first line of each message are compared as recorded.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function setup(attributes: Record<string, string> = {}, name = 'orders.fifo') {
	const sb = createSandbox({ seed: 13, nondeterminism: 'off' });
	const { QueueUrl } = sb.sqs.createQueue({
		QueueName: name,
		Attributes: { FifoQueue: 'true', ...attributes }
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

const item = '{"foo": "bar"}';

describe('SQS-FIFO counts and visibility', () => {
	it('SQS-FIFO-5: only received messages count as NotVisible, not the rest of their blocked groups', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_approximate_number_of_messages_not_visible
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'True', VisibilityTimeout: '60' });
		for (let i = 1; i <= 6; i++) {
			sqs.sendMessage({
				QueueUrl: url,
				MessageBody: `message-${i}`,
				MessageGroupId: String(Math.ceil(i / 2))
			});
		}
		const groupOf = () =>
			sqs.receiveMessage({
				QueueUrl: url,
				MaxNumberOfMessages: 1,
				MessageSystemAttributeNames: ['MessageGroupId']
			}).Messages?.[0]?.Attributes?.MessageGroupId;
		expect(groupOf()).toBe('1');
		expect(groupOf()).toBe('2');
		expect(counts(sqs, url)).toEqual({
			ApproximateNumberOfMessages: '4',
			ApproximateNumberOfMessagesNotVisible: '2',
			ApproximateNumberOfMessagesDelayed: '0'
		});
		sb.advanceTime(60_000);
		expect(counts(sqs, url)).toEqual({
			ApproximateNumberOfMessages: '6',
			ApproximateNumberOfMessagesNotVisible: '0',
			ApproximateNumberOfMessagesDelayed: '0'
		});
	});

	it('SQS-FIFO-6: ApproximateNumberOfMessages counts what is left after a four-message receive and its deletes', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_approx_number_of_messages
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		const qsize = () => counts(sqs, url)?.ApproximateNumberOfMessages;
		expect(qsize()).toBe('0');
		for (const [b, g] of [
			['g1-m1', '1'],
			['g1-m2', '1'],
			['g1-m3', '1'],
			['g2-m1', '2'],
			['g3-m1', '3']
		] as const) {
			sqs.sendMessage({ QueueUrl: url, MessageBody: b, MessageGroupId: g });
		}
		expect(qsize()).toBe('5');
		const pending = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 4, WaitTimeSeconds: 1 });
		sb.advanceTime(0);
		const got = (await pending).Messages ?? [];
		expect(got).toHaveLength(4);
		expect(qsize()).toBe('1');
		for (const m of got) sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle ?? '' });
		expect(qsize()).toBe('1');
	});

	it('SQS-STD-6: a FIFO delete after the visibility timeout ended fails: the receipt handle has expired', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_delete_after_visibility_timeout
		const { sb, sqs, url } = setup({ VisibilityTimeout: '1', ContentBasedDeduplication: 'True' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar', MessageGroupId: '1' });
		const got = (await sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 5 })).Messages ?? [];
		expect(got).toHaveLength(1);
		expect(got[0]?.Body).toBe('foobar');
		expect(got[0]?.MD5OfBody).toBe('3858f62230ac3c915f300c664312c63f');
		const handle = got[0]?.ReceiptHandle ?? '';
		sb.advanceTime(1_000);
		expect(awsErr(() => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle }))).toEqual({
			code: 'InvalidParameterValue',
			message: `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`
		});
	});
});

describe('SQS-FIFO-7: delays', () => {
	it('SQS-FIFO-7: the queue DelaySeconds delays every message; after it they come out in order', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_queue_send_message_with_delay_on_queue_works
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true', DelaySeconds: '2' });
		for (const b of ['message-1', 'message-2', 'message-3']) {
			sqs.sendMessage({ QueueUrl: url, MessageBody: b, MessageGroupId: '1' });
		}
		const early = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 });
		sb.advanceTime(1_000);
		expect((await early).Messages ?? []).toEqual([]);
		sb.advanceTime(2_000);
		const bodies = (sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3 }).Messages ?? []).map(
			(m) => m.Body
		);
		expect(bodies).toEqual(['message-1', 'message-2', 'message-3']);
	});

	it('SQS-FIFO-7: DelaySeconds=0 on a send falls back to the queue delay', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true', DelaySeconds: '2' });
		const sent = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'message-1',
			MessageGroupId: '1',
			DelaySeconds: 0
		});
		expect(sent.MD5OfMessageBody).toBe('3d6b824fd8c1520e9a047d21fee6fb1f');
		expect(sent.SequenceNumber).toBeTruthy();
		const early = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 });
		sb.advanceTime(1_000);
		expect('Messages' in (await early)).toBe(false);
		sb.advanceTime(2_000);
		const got = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 }).Messages ?? [];
		expect(got.map((m) => m.Body)).toEqual(['message-1']);
		expect(got[0]?.MessageId).toBe(sent.MessageId);
		expect('Attributes' in (got[0] ?? {})).toBe(false);
	});
});

describe('SQS-FIFO deduplication and order', () => {
	it('SQS-FIFO-2: one group comes out in send order, one message per receive', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_queue_send_multiple_messages_multiple_single_receives
		const { sqs, url } = setup();
		const sent = [0, 1, 2, 3].map((i) =>
			sqs.sendMessage({
				QueueUrl: url,
				MessageBody: `message${i}`,
				MessageDeduplicationId: `deduplication${i}`,
				MessageGroupId: 'fifo_group-1'
			})
		);
		for (let i = 0; i < 4; i++) {
			const m = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
			expect(m?.Body).toBe(`message${i}`);
			expect(m?.MD5OfBody).toBe(sent[i]?.MD5OfMessageBody);
			expect(m?.MessageId).toBe(sent[i]?.MessageId);
			sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle ?? '' });
		}
	});

	it('SQS-FIFO-3: with content-based deduplication the same body sent twice arrives once', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_content_based_message_deduplication_arrives_once
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: item, MessageGroupId: 'group-1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: item, MessageGroupId: 'group-1' });
		const first = await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 2 });
		expect((first.Messages ?? []).map((m) => m.Body)).toEqual([item]);
		const second = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 });
		sb.advanceTime(1_000);
		expect((await second).Messages ?? []).toEqual([]);
	});

	for (const contentBased of [true, false]) {
		it(`SQS-FIFO-3: a duplicate sent after the first was deleted is still dropped (content-based ${contentBased})`, async () => {
			// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_deduplication_arrives_once_after_delete
			const { sb, sqs, url } = setup(contentBased ? { ContentBasedDeduplication: 'true' } : {});
			const extra = contentBased ? {} : { MessageDeduplicationId: 'dedup1' };
			sqs.sendMessage({ QueueUrl: url, MessageBody: item, MessageGroupId: 'group-1', ...extra });
			const got = (await sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 3 })).Messages ?? [];
			expect(got.map((m) => m.Body)).toEqual([item]);
			expect(got[0]?.MD5OfBody).toBe('94232c5b8fc9272f6f73a1e36eb68fcf');
			sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
			sqs.sendMessage({ QueueUrl: url, MessageBody: item, MessageGroupId: 'group-1', ...extra });
			const again = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 });
			sb.advanceTime(1_000);
			expect('Messages' in (await again)).toBe(false);
		});

		it(`SQS-FIFO-4: deduplication is queue-wide by default, across message groups (content-based ${contentBased})`, async () => {
			// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_deduplication_not_on_message_group_id
			const { sb, sqs, url } = setup(contentBased ? { ContentBasedDeduplication: 'true' } : {});
			const extra = contentBased ? {} : { MessageDeduplicationId: 'dedup1' };
			sqs.sendMessage({ QueueUrl: url, MessageBody: item, MessageGroupId: 'group-1', ...extra });
			sqs.sendMessage({ QueueUrl: url, MessageBody: item, MessageGroupId: 'group-2', ...extra });
			const got = (await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 2 }))
				.Messages;
			expect((got ?? []).map((m) => m.Body)).toEqual([item]);
			expect(got?.[0]?.MD5OfBody).toBe('94232c5b8fc9272f6f73a1e36eb68fcf');
			const again = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 });
			sb.advanceTime(1_000);
			expect('Messages' in (await again)).toBe(false);
		});
	}

	it('SQS-FIFO-4: the same deduplication id in another group after a delete is still a duplicate', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_sqs_fifo_same_dedup_id_different_message_groups
		const { sqs, url } = setup({ ContentBasedDeduplication: 'False' });
		sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'Test',
			MessageGroupId: 'group1',
			MessageDeduplicationId: 'same-dedup'
		});
		const got = sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect(got.map((m) => m.Body)).toEqual(['Test']);
		expect(got[0]?.MD5OfBody).toBe('0cbc6611f5540bd0809a388dc95a615b');
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
		sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'Test',
			MessageGroupId: 'group2',
			MessageDeduplicationId: 'same-dedup'
		});
		expect('Messages' in sqs.receiveMessage({ QueueUrl: url })).toBe(false);
	});

	it('SQS-FIFO-10: FIFO sends return increasing sequence numbers; standard sends return none', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_sequence_number_increases
		const { sqs, url } = setup();
		const seq = [1, 2, 3].map((i) =>
			BigInt(
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: `message-${i}`,
					MessageGroupId: 'group',
					MessageDeduplicationId: `m${i}`
				}).SequenceNumber ?? '0'
			)
		);
		expect(seq[0]! < seq[1]! && seq[1]! < seq[2]!).toBe(true);
		// Recorded: LocalStack test_sqs.snapshot.json, test_sequence_number
		const std = sqs.createQueue({ QueueName: 'plain' }).QueueUrl;
		expect('SequenceNumber' in sqs.sendMessage({ QueueUrl: std, MessageBody: 'x' })).toBe(false);
	});

	it('SQS-FIFO-1: a FIFO queue URL keeps the .fifo name and a sent message is received by its id', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_and_send_to_fifo_queue
		const { sqs, url } = setup({}, 'queue-1.fifo');
		expect(url).toContain('queue-1.fifo');
		const id = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'test',
			MessageDeduplicationId: 'dedup-1',
			MessageGroupId: 'test_group'
		}).MessageId;
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.MessageId).toBe(id);
		// Recorded: LocalStack test_sqs.snapshot.json, test_get_queue_attributes_of_fifo_queue (query API)
		expect(sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes?.FifoQueue).toBe(
			'true'
		);
	});

	it('SQS-STD-9: FIFO messages older than MessageRetentionPeriod are gone', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_message_retention_fifo
		const { sb, sqs, url } = setup({ MessageRetentionPeriod: '60', ContentBasedDeduplication: 'true' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar1', MessageGroupId: '1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar2', MessageGroupId: '2' });
		sb.advanceTime(65_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).toEqual([]);
	});
});
