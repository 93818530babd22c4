// Second pass over LocalStack's real-AWS SNS recordings (tests/aws/services/sns/test_sns.snapshot.json,
// validated tests not replayed elsewhere): SNS → SQS deliveries, raw and enveloped, single and batched.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	return undefined;
}

function world() {
	const sb = createSandbox({ seed: 11 });
	const queue = (name: string) => {
		const fifo = name.endsWith('.fifo');
		const url = sb.sqs.createQueue({
			QueueName: name,
			...(fifo ? { Attributes: { FifoQueue: 'true' } } : {})
		}).QueueUrl;
		const arn =
			sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
		return { url, arn };
	};
	const receive = (url: string) =>
		sb.sqs.receiveMessage({
			QueueUrl: url,
			MaxNumberOfMessages: 10,
			AttributeNames: ['All'],
			MessageAttributeNames: ['All']
		}).Messages ?? [];
	return { sb, sns: sb.sns, sqs: sb.sqs, queue, receive };
}

const ENVELOPE_KEYS = [
	'Type',
	'MessageId',
	'TopicArn',
	'Message',
	'Timestamp',
	'SignatureVersion',
	'Signature',
	'SigningCertURL',
	'UnsubscribeURL'
];

describe('SNS → SQS deliveries', () => {
	it('SNS-FP-7: a numeric-range FilterPolicy is listed with its scope, and a matching Number arrives enveloped', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_sqs_queue
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const policy = { attr1: [{ numeric: ['>', 0, '<=', 100] }] };
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'FilterPolicy',
			AttributeValue: JSON.stringify(policy)
		});
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(JSON.parse(attrs.FilterPolicy ?? '')).toEqual(policy);
		expect(attrs).toMatchObject({
			FilterPolicyScope: 'MessageAttributes',
			PendingConfirmation: 'false',
			ConfirmationWasAuthenticated: 'true',
			RawMessageDelivery: 'false',
			Protocol: 'sqs'
		});
		sns.publish({
			TopicArn,
			Message: 'This is a test message',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' } }
		});
		const got = receive(q.url);
		expect(got).toHaveLength(1);
		const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(Object.keys(env)).toEqual([...ENVELOPE_KEYS, 'MessageAttributes']);
		expect(env).toMatchObject({
			Message: 'This is a test message',
			MessageAttributes: { attr1: { Type: 'Number', Value: '99.12' } }
		});
		expect(got[0]?.MessageAttributes).toBeUndefined();
	});

	it('SNS-ENV-1: unicode and quotes in a message arrive unchanged in the envelope', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_unicode_chars
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const message = 'ö§a1"_!?,. £$-';
		sns.publish({ TopicArn, Message: message });
		const got = receive(q.url);
		expect(got).toHaveLength(1);
		const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(Object.keys(env)).toEqual(ENVELOPE_KEYS);
		expect(env.Message).toBe(message);
	});

	it('SNS-ENV-2: a raw subscription made with the attribute delivers the body and a Binary attribute as bytes', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_attribute_raw_subscribe
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({
			TopicArn,
			Protocol: 'sqs',
			Endpoint: q.arn,
			Attributes: { RawMessageDelivery: 'true' }
		});
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.RawMessageDelivery).toBe('true');
		sns.publish({
			TopicArn,
			Message: 'This is a test message',
			MessageAttributes: { store: { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) } }
		});
		const got = receive(q.url);
		expect(got).toHaveLength(1);
		expect(got[0]?.Body).toBe('This is a test message');
		expect(got[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
		const store = got[0]?.MessageAttributes?.store;
		expect(store?.DataType).toBe('Binary');
		expect([...(store?.BinaryValue ?? [])]).toEqual([2, 3, 4]);
	});

	it('SNS-TOP-2: a same-account sqs subscription is confirmed at once', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_sqs_topic_subscription_confirmation
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		expect(SubscriptionArn.startsWith(`${TopicArn}:`)).toBe(true);
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes).toMatchObject({
			ConfirmationWasAuthenticated: 'true',
			PendingConfirmation: 'false',
			RawMessageDelivery: 'false',
			Endpoint: q.arn
		});
		expect(sns.getTopicAttributes({ TopicArn }).Attributes).toMatchObject({
			SubscriptionsConfirmed: '1',
			SubscriptionsPending: '0'
		});
	});

	it('SNS-ENV-2: raw delivery turns SNS attributes into SQS ones; turning it off brings back the envelope', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_sqs_from_sns
		const { sns, sqs, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RawMessageDelivery',
			AttributeValue: 'true'
		});
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.RawMessageDelivery).toBe('true');
		sns.publish({
			TopicArn,
			Message: 'Test msg',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' } }
		});
		const raw = receive(q.url);
		expect(raw).toHaveLength(1);
		expect(raw[0]?.Body).toBe('Test msg');
		expect(raw[0]?.MessageAttributes).toEqual({ attr1: { DataType: 'Number', StringValue: '99.12' } });
		expect(raw[0]?.MD5OfMessageAttributes).toBe('d302007e9aa062660afc85fd0a482472');
		sqs.deleteMessage({ QueueUrl: q.url, ReceiptHandle: raw[0]?.ReceiptHandle ?? '' });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RawMessageDelivery',
			AttributeValue: 'false'
		});
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.RawMessageDelivery).toBe('false');
		sns.publish({
			TargetArn: TopicArn,
			Message: 'Test msg',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '100.12' } }
		});
		const env = receive(q.url);
		expect(env).toHaveLength(1);
		expect(env[0]?.MessageAttributes).toBeUndefined();
		expect(env[0]?.MD5OfMessageAttributes).toBeUndefined();
		expect((JSON.parse(env[0]?.Body ?? '{}') as Record<string, unknown>).MessageAttributes).toEqual({
			attr1: { Type: 'Number', Value: '100.12' }
		});
	});

	it('SNS-ENV-2: PublishBatch to a raw subscription delivers each body, its attributes, and the "sqs" key of json structures', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_batch_messages_from_sns_to_sqs
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RawMessageDelivery',
			AttributeValue: 'true'
		});
		const resp = sns.publishBatch({
			TopicArn,
			PublishBatchRequestEntries: [
				{
					Id: '1',
					Message: 'Test Message with two attributes',
					Subject: 'Subject',
					MessageAttributes: {
						attr1: { DataType: 'Number', StringValue: '99.12' },
						attr2: { DataType: 'Number', StringValue: '109.12' }
					}
				},
				{
					Id: '2',
					Message: 'Test Message with one attribute',
					Subject: 'Subject',
					MessageAttributes: { attr1: { DataType: 'Number', StringValue: '19.12' } }
				},
				{ Id: '3', Message: 'Test Message without attribute', Subject: 'Subject' },
				{ Id: '4', Message: 'Test Message without subject' },
				{
					Id: '5',
					Message: JSON.stringify({ default: 'test default', sqs: 'test sqs' }),
					MessageStructure: 'json'
				}
			]
		});
		expect(resp.Failed).toEqual([]);
		expect(resp.Successful?.map((s) => s.Id)).toEqual(['1', '2', '3', '4', '5']);
		for (const s of resp.Successful ?? []) expect(s.MessageId).toMatch(/^[0-9a-f-]{36}$/);
		const got = receive(q.url).sort((a, b) => ((a.Body ?? '') < (b.Body ?? '') ? -1 : 1));
		expect(got.map((m) => m.Body)).toEqual([
			'Test Message with one attribute',
			'Test Message with two attributes',
			'Test Message without attribute',
			'Test Message without subject',
			'test sqs'
		]);
		expect(got[0]?.MessageAttributes).toEqual({ attr1: { DataType: 'Number', StringValue: '19.12' } });
		expect(got[0]?.MD5OfMessageAttributes).toBe('1f07082409022a373fa2a2601f82b3cb');
		expect(got[1]?.MessageAttributes).toEqual({
			attr1: { DataType: 'Number', StringValue: '99.12' },
			attr2: { DataType: 'Number', StringValue: '109.12' }
		});
		expect(got[1]?.MD5OfMessageAttributes).toBe('9b720b3af309c1c4b0d395c53b08c502');
		for (const m of got.slice(2)) {
			expect(m.MessageAttributes).toBeUndefined();
			expect(m.MD5OfMessageAttributes).toBeUndefined();
		}
		for (const m of got) expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
	});

	it('SNS-API-1: an sqs subscription to a queue URL is refused: "Invalid parameter: SQS endpoint ARN"', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_to_sqs_with_queue_url
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		expect(errorOf(() => sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.url }))).toMatchObject({
			name: 'InvalidParameterException',
			message: 'Invalid parameter: SQS endpoint ARN'
		});
	});

	it('SNS-ENV-2: String and Binary attributes survive raw delivery; enveloped, Binary is base64', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_message_attributes_not_missing
		const { sns, sqs, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RawMessageDelivery',
			AttributeValue: 'true'
		});
		const attributes = {
			'an-attribute-key': { DataType: 'String', StringValue: 'an-attribute-value' },
			'binary-attribute': { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) }
		};
		expect(sns.publish({ TopicArn, Message: 'text', MessageAttributes: attributes }).MessageId).toBeTruthy();
		const raw = receive(q.url);
		expect(raw).toHaveLength(1);
		expect(raw[0]?.Body).toBe('text');
		expect(raw[0]?.MessageAttributes?.['an-attribute-key']).toEqual({
			DataType: 'String',
			StringValue: 'an-attribute-value'
		});
		expect([...(raw[0]?.MessageAttributes?.['binary-attribute']?.BinaryValue ?? [])]).toEqual([2, 3, 4]);
		sqs.deleteMessage({ QueueUrl: q.url, ReceiptHandle: raw[0]?.ReceiptHandle ?? '' });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RawMessageDelivery',
			AttributeValue: 'false'
		});
		const { MessageId } = sns.publish({ TopicArn, Message: 'text', MessageAttributes: attributes });
		const env = receive(q.url);
		expect(env).toHaveLength(1);
		expect(env[0]?.MessageAttributes).toBeUndefined();
		const body = JSON.parse(env[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(Object.keys(body)).toEqual([...ENVELOPE_KEYS, 'MessageAttributes']);
		expect(body).toMatchObject({
			MessageId,
			Message: 'text',
			MessageAttributes: {
				'an-attribute-key': { Type: 'String', Value: 'an-attribute-value' },
				'binary-attribute': { Type: 'Binary', Value: 'AgME' }
			}
		});
	});

	it('SNS-DLQ-2: a subscription whose queue was deleted stays listed; with a DLQ set later its messages go there', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscription_after_failure_to_deliver
		const { sns, sqs, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('test-queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const dlq = queue('dlq');
		sns.publish({ TopicArn, Message: 'test_dlq_before_sqs_endpoint_deleted' });
		const before = receive(q.url);
		expect(before).toHaveLength(1);
		expect(JSON.parse(before[0]?.Body ?? '{}')).toMatchObject({
			Message: 'test_dlq_before_sqs_endpoint_deleted'
		});
		sqs.deleteMessage({ QueueUrl: q.url, ReceiptHandle: before[0]?.ReceiptHandle ?? '' });
		sqs.deleteQueue({ QueueUrl: q.url });
		const probe = queue('probe');
		const probeSub = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: probe.arn }).SubscriptionArn;
		sns.publish({ TopicArn, Message: 'test_dlq_after_sqs_endpoint_deleted' });
		expect(receive(probe.url)).toHaveLength(1);
		sns.unsubscribe({ SubscriptionArn: probeSub });
		expect(sns.listSubscriptionsByTopic({ TopicArn }).Subscriptions).toEqual([
			{ Endpoint: q.arn, Owner: TopicArn.split(':')[4], Protocol: 'sqs', SubscriptionArn, TopicArn }
		]);
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RedrivePolicy',
			AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn })
		});
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(JSON.parse(attrs.RedrivePolicy ?? '')).toEqual({ deadLetterTargetArn: dlq.arn });
		// The message published while there was no DLQ is gone.
		expect(receive(dlq.url)).toHaveLength(0);
		for (const i of [0, 1]) {
			const { MessageId } = sns.publish({ TopicArn, Message: `test_dlq_after_sqs_endpoint_deleted_${i}` });
			const got = receive(dlq.url);
			expect(got).toHaveLength(1);
			const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
			expect(Object.keys(env)).toEqual(ENVELOPE_KEYS);
			expect(env).toMatchObject({
				Type: 'Notification',
				MessageId,
				TopicArn,
				Message: `test_dlq_after_sqs_endpoint_deleted_${i}`
			});
			expect(String(env.UnsubscribeURL)).toContain(`SubscriptionArn=${SubscriptionArn}`);
			sqs.deleteMessage({ QueueUrl: dlq.url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
		}
	});
});

describe('SNS endpoints simulated by the sandbox', () => {
	it('SNS-DLQ-2: a lambda subscription whose function was deleted sends the envelope with attributes to its DLQ', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_redrive_policy_lambda_subscription
		const { sb, sns, queue, receive } = world();
		const dlq = queue('dlq');
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const fn = 'arn:aws:lambda:us-east-1:000000000000:function:test-fn';
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'lambda', Endpoint: fn });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RedrivePolicy',
			AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn })
		});
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(attrs).toMatchObject({
			ConfirmationWasAuthenticated: 'true',
			Endpoint: fn,
			PendingConfirmation: 'false',
			Protocol: 'lambda',
			RawMessageDelivery: 'false'
		});
		expect(JSON.parse(attrs.RedrivePolicy ?? '')).toEqual({ deadLetterTargetArn: dlq.arn });
		sns.simulateEndpoint(fn, { Deleted: true });
		const { MessageId } = sns.publish({
			TopicArn,
			Message: 'test_redrive_policy',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '1' } }
		});
		sb.advanceTime(1_000);
		const got = receive(dlq.url);
		expect(got).toHaveLength(1);
		expect(got[0]?.MessageAttributes).toBeUndefined();
		const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(Object.keys(env)).toEqual([...ENVELOPE_KEYS, 'MessageAttributes']);
		expect(env).toMatchObject({
			Type: 'Notification',
			MessageId,
			TopicArn,
			Message: 'test_redrive_policy',
			MessageAttributes: { attr1: { Type: 'Number', Value: '1' } }
		});
		expect(String(env.UnsubscribeURL)).toContain(`SubscriptionArn=${SubscriptionArn}`);
	});

	it('SNS-TOP-2: ConfirmSubscription of an https endpoint with AuthenticateOnUnsubscribe returns its ARN', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_confirm_subscription
		const { sb, sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'confirm-sub' });
		const url = 'https://abc.lambda-url.us-east-1.on.aws/';
		expect(sns.subscribe({ TopicArn, Protocol: 'https', Endpoint: url }).SubscriptionArn).toBe(
			'pending confirmation'
		);
		sb.advanceTime(1_000);
		const token = sns.confirmationToken(url) ?? '';
		expect(token).not.toBe('');
		const { SubscriptionArn } = sns.confirmSubscription({
			TopicArn,
			Token: token,
			AuthenticateOnUnsubscribe: 'true'
		});
		expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes).toMatchObject({
			PendingConfirmation: 'false',
			Protocol: 'https',
			Endpoint: url
		});
	});
});
