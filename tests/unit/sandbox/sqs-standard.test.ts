// SQS standard queues through the sandbox facade, one block per SEMANTICS.md rule.
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/lib/sandbox';

function setup(attributes?: Record<string, string>, seed = 1) {
	const sb = createSandbox({ seed });
	const { QueueUrl } = sb.sqs.createQueue({
		QueueName: 'orders',
		...(attributes ? { Attributes: attributes } : {})
	});
	return { sb, sqs: sb.sqs, url: QueueUrl };
}

function errorName(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		return (e as Error).name;
	}
	return 'no error';
}

function count(sb: Sandbox, url: string, name: string): number {
	return Number(sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: [name] }).Attributes?.[name]);
}

describe('queues', () => {
	it('createQueue returns an AWS-shaped URL and getQueueUrl finds it', () => {
		const { sqs, url } = setup();
		expect(url).toBe('https://sqs.us-east-1.amazonaws.com/000000000000/orders');
		expect(sqs.getQueueUrl({ QueueName: 'orders' }).QueueUrl).toBe(url);
		expect(errorName(() => sqs.getQueueUrl({ QueueName: 'nope' }))).toBe('QueueDoesNotExist');
	});

	it('createQueue is idempotent with equal attributes and fails with QueueNameExists otherwise', () => {
		const { sqs, url } = setup({ VisibilityTimeout: '45' });
		expect(sqs.createQueue({ QueueName: 'orders', Attributes: { VisibilityTimeout: '45' } }).QueueUrl).toBe(
			url
		);
		expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(url);
		expect(
			errorName(() => sqs.createQueue({ QueueName: 'orders', Attributes: { VisibilityTimeout: '46' } }))
		).toBe('QueueNameExists');
	});

	it('rejects bad names and attribute values with AWS error codes', () => {
		const sb = createSandbox();
		expect(errorName(() => sb.sqs.createQueue({ QueueName: 'bad name' }))).toBe('InvalidParameterValue');
		expect(errorName(() => sb.sqs.createQueue({ QueueName: 'x'.repeat(81) }))).toBe('InvalidParameterValue');
		expect(errorName(() => sb.sqs.createQueue({ QueueName: 'a.fifo' }))).toBe('InvalidParameterValue');
		expect(
			errorName(() => sb.sqs.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '43201' } }))
		).toBe('InvalidAttributeValue');
		expect(errorName(() => sb.sqs.createQueue({ QueueName: 'q', Attributes: { Colour: 'blue' } }))).toBe(
			'InvalidAttributeName'
		);
		expect(
			errorName(() =>
				sb.sqs.createQueue({ QueueName: 'q', Attributes: { ContentBasedDeduplication: 'true' } })
			)
		).toBe('InvalidAttributeName');
		expect(sb.sqs.listQueues().QueueUrls).toBeUndefined();
	});

	it('SQS-STD-10: getQueueAttributes returns every value as a string, defaults as AWS records them', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_set_queue_attributes_default_values (1 MiB default)
		const { sqs, url } = setup();
		const a = sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
		expect(a).toMatchObject({
			QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
			VisibilityTimeout: '30',
			DelaySeconds: '0',
			MessageRetentionPeriod: '345600',
			MaximumMessageSize: '1048576',
			ReceiveMessageWaitTimeSeconds: '0',
			ApproximateNumberOfMessages: '0',
			ApproximateNumberOfMessagesNotVisible: '0',
			ApproximateNumberOfMessagesDelayed: '0'
		});
		expect(a.FifoQueue).toBeUndefined();
		expect(Object.values(a).every((v) => typeof v === 'string')).toBe(true);
		expect(sqs.getQueueAttributes({ QueueUrl: url }).Attributes).toBeUndefined();
		expect(errorName(() => sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Nope'] }))).toBe(
			'InvalidAttributeName'
		);
	});

	it('deleteQueue makes the URL unknown; re-creating within 60 s fails with QueueDeletedRecently', () => {
		const { sb, sqs, url } = setup();
		sqs.deleteQueue({ QueueUrl: url });
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' }))).toBe('QueueDoesNotExist');
		expect(errorName(() => sqs.createQueue({ QueueName: 'orders' }))).toBe('QueueDeletedRecently');
		sb.advanceTime(60_000);
		expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(url);
	});
});

describe('SQS-STD-3 batches', () => {
	it('SQS-STD-3: MaxNumberOfMessages is 1–10, default 1', () => {
		const { sqs, url } = setup();
		for (let i = 0; i < 12; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}` });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
		expect(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages).toHaveLength(10);
		expect(errorName(() => sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 11 }))).toBe(
			'InvalidParameterValue'
		);
		expect(errorName(() => sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 0 }))).toBe(
			'InvalidParameterValue'
		);
	});

	it('SQS-STD-3: batches take 1–10 entries with distinct ids and can partly fail', () => {
		const { sqs, url } = setup();
		const entries = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
		expect(errorName(() => sqs.sendMessageBatch({ QueueUrl: url, Entries: entries }))).toBe(
			'TooManyEntriesInBatchRequest'
		);
		expect(errorName(() => sqs.sendMessageBatch({ QueueUrl: url, Entries: [] }))).toBe('EmptyBatchRequest');
		expect(
			errorName(() =>
				sqs.sendMessageBatch({
					QueueUrl: url,
					Entries: [
						{ Id: 'a', MessageBody: 'x' },
						{ Id: 'a', MessageBody: 'y' }
					]
				})
			)
		).toBe('BatchEntryIdsNotDistinct');
		const out = sqs.sendMessageBatch({
			QueueUrl: url,
			Entries: [
				{ Id: 'ok', MessageBody: 'fine' },
				{ Id: 'bad', MessageBody: 'x', DelaySeconds: 901 }
			]
		});
		expect(out.Successful.map((s) => s.Id)).toEqual(['ok']);
		expect(out.Failed).toEqual([
			expect.objectContaining({ Id: 'bad', Code: 'InvalidParameterValue', SenderFault: true })
		]);
		const got = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
		const del = sqs.deleteMessageBatch({
			QueueUrl: url,
			Entries: [
				{ Id: 'a', ReceiptHandle: got[0]?.ReceiptHandle ?? '' },
				{ Id: 'b', ReceiptHandle: 'garbage' }
			]
		});
		expect(del.Successful).toEqual([{ Id: 'a' }]);
		expect(del.Failed?.[0]?.Code).toBe('ReceiptHandleIsInvalid');
	});
});

describe('SQS-STD-4/-5 visibility', () => {
	it('SQS-STD-4: a received message is hidden for VisibilityTimeout, then visible again', () => {
		const { sb, sqs, url } = setup({ VisibilityTimeout: '10' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'hello' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		expect(count(sb, url, 'ApproximateNumberOfMessagesNotVisible')).toBe(1);
		sb.advanceTime(9_999);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sb.advanceTime(1);
		const again = sqs.receiveMessage({
			QueueUrl: url,
			MessageSystemAttributeNames: ['ApproximateReceiveCount']
		});
		expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
	});

	it('SQS-STD-4: the receive override wins; 0 means visible again at once', () => {
		const { sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'hello' });
		expect(sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 }).Messages).toHaveLength(1);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
	});

	it('SQS-STD-5: ChangeMessageVisibility sets a new timeout from now; 0 releases; >12 h total rejected', () => {
		const { sb, sqs, url } = setup({ VisibilityTimeout: '30' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'hello' });
		const h = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.ReceiptHandle ?? '';
		sb.advanceTime(20_000);
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 5 });
		sb.advanceTime(4_999);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sb.advanceTime(1);
		const h2 = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.ReceiptHandle ?? '';
		expect(h2).not.toBe(h);
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h2, VisibilityTimeout: 0 });
		const h3 =
			sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 7200 }).Messages?.[0]?.ReceiptHandle ?? '';
		sb.advanceTime(3_600_000);
		expect(
			errorName(() =>
				sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h3, VisibilityTimeout: 43_200 })
			)
		).toBe('InvalidParameterValue');
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h3, VisibilityTimeout: 39_600 });
	});

	it('SQS-STD-5: changing visibility with a handle whose visibility ran out succeeds', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_change_message_visibility_after_visibility_timeout_expiration
		const { sb, sqs, url } = setup({ VisibilityTimeout: '1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'hello' });
		const h = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.ReceiptHandle ?? '';
		sb.advanceTime(2_000);
		expect(
			errorName(() => sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 2 }))
		).toBe('no error');
	});
});

describe('SQS-STD-6 receipt handles', () => {
	it('SQS-STD-6: every receive gives a new handle; a stale handle deletes nothing', () => {
		const { sb, sqs, url } = setup({ VisibilityTimeout: '1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'hello' });
		const first = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		sb.advanceTime(1_000);
		const second = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 30 }).Messages?.[0];
		expect(second?.MessageId).toBe(first?.MessageId);
		expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
		expect(first?.ReceiptHandle).not.toBe(first?.MessageId);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first?.ReceiptHandle ?? '' });
		expect(count(sb, url, 'ApproximateNumberOfMessagesNotVisible')).toBe(1);
		expect(sb.trace().some((e) => e.type === 'stale-handle-delete')).toBe(true);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: second?.ReceiptHandle ?? '' });
		expect(count(sb, url, 'ApproximateNumberOfMessagesNotVisible')).toBe(0);
		// SQS-STD-6 (unverified): deleting again succeeds.
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: second?.ReceiptHandle ?? '' });
	});

	it('SQS-STD-6: a malformed receipt handle is ReceiptHandleIsInvalid', () => {
		const { sqs, url } = setup();
		expect(errorName(() => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: 'not-a-handle' }))).toBe(
			'ReceiptHandleIsInvalid'
		);
	});
});

describe('SQS-STD-7 system attributes', () => {
	it('SQS-STD-7: attributes only when asked; timestamps are epoch ms; counts rise per receive', () => {
		const { sb, sqs, url } = setup({ VisibilityTimeout: '0' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		sb.advanceTime(500);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.Attributes).toBeUndefined();
		sb.advanceTime(500);
		const m = sqs.receiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }).Messages?.[0];
		const a = m?.Attributes ?? {};
		expect(a.ApproximateReceiveCount).toBe('2');
		expect(Number(a.ApproximateFirstReceiveTimestamp) - Number(a.SentTimestamp)).toBe(500);
		expect(a.SenderId).toMatch(/^[A-Z0-9]+$/);
		expect(Number(a.SentTimestamp)).toBeGreaterThan(1.7e12);
	});
});

describe('SQS-STD-8 delay', () => {
	it('SQS-STD-8: queue delay hides new messages; a per-message DelaySeconds overrides it', () => {
		const { sb, sqs, url } = setup({ DelaySeconds: '10' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'queue-delay' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'no-delay', DelaySeconds: 0 });
		expect(count(sb, url, 'ApproximateNumberOfMessagesDelayed')).toBe(1);
		expect(
			sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages?.map((m) => m.Body)
		).toEqual(['no-delay']);
		sb.advanceTime(10_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.Body).toBe('queue-delay');
	});

	it('SQS-STD-8: changing the queue delay does not affect messages already in a standard queue', () => {
		const { sb, sqs, url } = setup({ DelaySeconds: '10' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { DelaySeconds: '0' } });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sb.advanceTime(10_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
	});

	it('SQS-STD-8: DelaySeconds must be 0–900', () => {
		const { sqs, url } = setup();
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 }))).toBe(
			'InvalidParameterValue'
		);
	});
});

describe('SQS-STD-9 retention', () => {
	it('SQS-STD-9: a message older than MessageRetentionPeriod is deleted, even in flight', () => {
		const { sb, sqs, url } = setup({ MessageRetentionPeriod: '60', VisibilityTimeout: '600' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		sqs.receiveMessage({ QueueUrl: url });
		sb.advanceTime(60_000);
		expect(count(sb, url, 'ApproximateNumberOfMessagesNotVisible')).toBe(0);
		expect(sb.trace().filter((e) => e.type === 'expired')).toHaveLength(1);
	});
});

describe('SQS-STD-10 size and content', () => {
	it('SQS-STD-10/-13: body at least 1 character, allowed characters only, size limit counts attributes', () => {
		const { sqs, url } = setup({ MaximumMessageSize: '1024' });
		// SQS-STD-13: an empty body is MissingParameter.
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_empty_message
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: '' }))).toBe('MissingParameter');
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'a\u0000b' }))).toBe(
			'InvalidMessageContents'
		);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x'.repeat(1024) });
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x'.repeat(1025) }))).toBe(
			'InvalidParameterValue'
		);
		expect(
			errorName(() =>
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: 'x'.repeat(1000),
					MessageAttributes: { colour: { DataType: 'String', StringValue: 'y'.repeat(40) } }
				})
			)
		).toBe('InvalidParameterValue');
	});

	it('SQS-STD-10: MD5 of the body as AWS computes it', () => {
		const { sqs, url } = setup();
		expect(sqs.sendMessage({ QueueUrl: url, MessageBody: 'hello' }).MD5OfMessageBody).toBe(
			'5d41402abc4b2a76b9719d911017c592'
		);
	});
});

describe('SQS-STD-2 polling', () => {
	it('SQS-STD-2: a long poll resolves when a message arrives, in simulated time', async () => {
		const { sb, sqs, url } = setup();
		const pending = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
		expect(pending).toBeInstanceOf(Promise);
		sb.advanceTime(3_000);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'late' });
		sb.advanceTime(0);
		const out = await pending;
		expect(out.Messages?.[0]?.Body).toBe('late');
	});

	it('SQS-STD-2: a long poll ends empty when the wait ends; WaitTimeSeconds must be 0–20', async () => {
		const { sb, sqs, url } = setup({ ReceiveMessageWaitTimeSeconds: '5' });
		const pending = sqs.receiveMessage({ QueueUrl: url });
		let settled = false;
		void Promise.resolve(pending).then(() => (settled = true));
		sb.advanceTime(4_999);
		await Promise.resolve();
		expect(settled).toBe(false);
		sb.advanceTime(1);
		expect((await pending).Messages).toBeUndefined();
		expect(errorName(() => sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 21 }))).toBe(
			'InvalidParameterValue'
		);
	});

	it('SQS-STD-2: short polls sample servers and can come back empty from a non-empty queue', () => {
		const sb = createSandbox({ seed: 3, nondeterminism: 'classroom' });
		const url = sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl;
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'only one' });
		let empty = 0;
		for (let i = 0; i < 50; i++) {
			const got = sb.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 }).Messages;
			if (!got) empty++;
		}
		expect(empty).toBeGreaterThan(0);
		expect(empty).toBeLessThan(50);
		// A long poll asks every server.
		expect(sb.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 1 })).toBeInstanceOf(Promise);
	});
});

describe('SQS-STD-1 duplicates', () => {
	it('SQS-STD-1: with a copy missing a delete, the message is delivered again with cause copy-missed-delete', () => {
		const sb = createSandbox({
			seed: 7,
			nondeterminism: { servers: 4, copies: 3, shortPollSampleRate: 1, missedDeleteRate: 1 }
		});
		const url = sb.sqs.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '5' } }).QueueUrl;
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'once' });
		const m = sb.sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle ?? '' });
		sb.advanceTime(5_000);
		const again = sb.sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(again?.MessageId).toBe(m?.MessageId);
		const dup = sb.trace().filter((e) => e.type === 'received' && e.duplicate);
		expect(dup).toHaveLength(1);
		expect(dup[0]?.cause).toBe('copy-missed-delete');
	});

	it("SQS-STD-1: nondeterminism 'off' never duplicates", () => {
		const { sb, sqs, url } = setup();
		for (let i = 0; i < 100; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}` });
		for (let i = 0; i < 20; i++) {
			for (const m of sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [])
				sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
			sb.advanceTime(30_000);
		}
		expect(sb.trace().filter((e) => e.type === 'received').length).toBe(100);
	});
});

describe('SQS-STD-11 in-flight limits and purge', () => {
	it('PurgeQueue removes every message and may run once per 60 s', () => {
		const { sb, sqs, url } = setup();
		for (let i = 0; i < 5; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}` });
		sqs.purgeQueue({ QueueUrl: url });
		expect(count(sb, url, 'ApproximateNumberOfMessages')).toBe(0);
		expect(errorName(() => sqs.purgeQueue({ QueueUrl: url }))).toBe('PurgeQueueInProgress');
		sb.advanceTime(60_000);
		sqs.purgeQueue({ QueueUrl: url });
	});
});

describe('sandbox', () => {
	it('outputs carry SDK-like $metadata and errors have $fault', () => {
		const { sqs, url } = setup();
		const out = sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		expect(out.$metadata.httpStatusCode).toBe(200);
		try {
			sqs.sendMessage({ QueueUrl: url + 'x', MessageBody: 'x' });
			expect.unreachable();
		} catch (e) {
			expect(e).toMatchObject({ name: 'QueueDoesNotExist', $fault: 'client' });
		}
	});

	it('same seed, same calls → same ids and handles', () => {
		const run = () => {
			const { sqs, url } = setup(undefined, 42);
			const id = sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' }).MessageId;
			return [id, sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.ReceiptHandle];
		};
		expect(run()).toEqual(run());
	});
});
