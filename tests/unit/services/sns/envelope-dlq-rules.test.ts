// SNS-ENV-1 (the JSON envelope a non-raw subscription receives) and SNS-DLQ-1 (a subscription's
// RedrivePolicy), through the sandbox and the scenario parser.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '$lib/sandbox';
import { parseScenario } from '$lib/services';
import { isoTimestamp } from '$lib/services/shared';

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	return undefined;
}

function world(opts: { fifoTopic?: boolean; topicAttributes?: Record<string, string> } = {}) {
	const sb = createSandbox({ seed: 4 });
	const fifo = opts.fifoTopic === true;
	const topicArn = sb.sns.createTopic({
		Name: fifo ? 'events.fifo' : 'events',
		Attributes: {
			...(fifo ? { FifoTopic: 'true', ContentBasedDeduplication: 'true' } : {}),
			...opts.topicAttributes
		}
	}).TopicArn;
	const queue = (name: string) => {
		const url = sb.sqs.createQueue({
			QueueName: name,
			...(name.endsWith('.fifo') ? { Attributes: { FifoQueue: 'true' } } : {})
		}).QueueUrl;
		const arn =
			sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
		return { url, arn };
	};
	const receive = (url: string) =>
		sb.sqs.receiveMessage({
			QueueUrl: url,
			MaxNumberOfMessages: 10,
			MessageAttributeNames: ['All'],
			AttributeNames: ['All']
		}).Messages ?? [];
	const envelopes = (url: string) =>
		receive(url).map((m) => JSON.parse(m.Body ?? '{}') as Record<string, unknown>);
	return { sb, sns: sb.sns, sqs: sb.sqs, topicArn, queue, receive, envelopes };
}

describe('SNS-ENV-1: the JSON envelope', () => {
	it('SNS-ENV-1: a standard topic sends the fields in the recorded order, Subject and MessageAttributes only when given', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_message_attributes_not_missing (json-delivery-msg-attrs)
		// and test_publish_message_before_subscribe_topic (Subject between TopicArn and Message).
		const { sb, sns, topicArn, queue, envelopes } = world();
		const q = queue('plain');
		const { SubscriptionArn } = sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: q.arn });
		sb.advanceTime(1234);
		const publishedAt = sb.now();
		const bare = sns.publish({ TopicArn: topicArn, Message: 'text' });
		const [env] = envelopes(q.url);
		expect(Object.keys(env ?? {})).toEqual([
			'Type',
			'MessageId',
			'TopicArn',
			'Message',
			'Timestamp',
			'SignatureVersion',
			'Signature',
			'SigningCertURL',
			'UnsubscribeURL'
		]);
		expect(env).toMatchObject({
			Type: 'Notification',
			MessageId: bare.MessageId,
			TopicArn: topicArn,
			Message: 'text',
			SignatureVersion: '1'
		});
		// ISO-8601 UTC with milliseconds, the publish time.
		expect(env?.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(env?.Timestamp).toBe(isoTimestamp(publishedAt));
		expect(String(env?.UnsubscribeURL)).toContain(`Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);
		expect(String(env?.SigningCertURL)).toMatch(/^https:\/\//);

		sns.publish({
			TopicArn: topicArn,
			Message: 'text',
			Subject: 'greeting',
			MessageAttributes: {
				'an-attribute-key': { DataType: 'String', StringValue: 'an-attribute-value' },
				'binary-attribute': { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) },
				n: { DataType: 'Number', StringValue: '111' }
			}
		});
		const [full] = envelopes(q.url);
		expect(Object.keys(full ?? {})).toEqual([
			'Type',
			'MessageId',
			'TopicArn',
			'Subject',
			'Message',
			'Timestamp',
			'SignatureVersion',
			'Signature',
			'SigningCertURL',
			'UnsubscribeURL',
			'MessageAttributes'
		]);
		expect(full?.Subject).toBe('greeting');
		// {name: {Type, Value}}, Binary in base64 (b'\x02\x03\x04' → "AgME").
		expect(full?.MessageAttributes).toEqual({
			'an-attribute-key': { Type: 'String', Value: 'an-attribute-value' },
			'binary-attribute': { Type: 'Binary', Value: 'AgME' },
			n: { Type: 'Number', Value: '111' }
		});
	});

	it('SNS-ENV-1: a JSON message arrives as the published string, escaped inside the envelope', () => {
		const { sns, topicArn, queue, receive } = world();
		const q = queue('json');
		sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: q.arn });
		const message = JSON.stringify({ order: { id: 7, note: 'a "quoted" word' } });
		sns.publish({ TopicArn: topicArn, Message: message });
		const [m] = receive(q.url);
		const env = JSON.parse(m?.Body ?? '{}') as { Message: unknown };
		expect(env.Message).toBe(message);
		expect(m?.Body).toContain(JSON.stringify(message));
		// Without raw delivery the SQS message carries no message attributes of its own (SNS-ENV-2).
		expect(m?.MessageAttributes).toBeUndefined();
	});

	it('SNS-ENV-1: the topic attribute SignatureVersion=2 shows in the envelope', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_sqs_verify_signature[2]
		const { sns, topicArn, queue, envelopes } = world({ topicAttributes: { SignatureVersion: '2' } });
		const q = queue('signed');
		sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.publish({
			TopicArn: topicArn,
			Message: 'test signature value with attributes',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '1' } }
		});
		const [env] = envelopes(q.url);
		expect(env?.SignatureVersion).toBe('2');
		expect(env?.MessageAttributes).toEqual({ attr1: { Type: 'Number', Value: '1' } });
	});

	it('SNS-ENV-1: a FIFO topic adds SequenceNumber after MessageId and sends no signature fields', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_fifo_messages_to_dlq[False]
		const { sns, topicArn, queue, envelopes } = world({ fifoTopic: true });
		const q = queue('ordered.fifo');
		sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: q.arn });
		const out = sns.publish({ TopicArn: topicArn, Message: 'm', Subject: 'Subject', MessageGroupId: 'g' });
		const [env] = envelopes(q.url);
		expect(Object.keys(env ?? {})).toEqual([
			'Type',
			'MessageId',
			'SequenceNumber',
			'TopicArn',
			'Subject',
			'Message',
			'Timestamp',
			'UnsubscribeURL'
		]);
		expect(env?.SequenceNumber).toBe(out.SequenceNumber);
		expect(env?.MessageId).toBe(out.MessageId);
	});

	it('SNS-ENV-1: retries keep the MessageId and the publish Timestamp (the envelope reaching the DLQ after them)', () => {
		const { sb, sns, topicArn, queue, envelopes } = world();
		const dlq = queue('dlq');
		sns.simulateEndpoint('https://down.example.com', { ErrorRate: 1, LatencyMs: 0, AutoConfirm: true });
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'https',
			Endpoint: 'https://down.example.com',
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }
		});
		sb.advanceTime(5000);
		const publishedAt = sb.now();
		const { MessageId } = sns.publish({ TopicArn: topicArn, Message: 'x' });
		sb.advanceTime(300_000);
		const attempts = sb.trace().filter((e) => e.type === 'delivery-attempted');
		expect(attempts.length).toBeGreaterThan(1);
		const dead = sb.trace().find((e) => e.type === 'delivery-dead-lettered');
		expect(dead?.t).toBeGreaterThan(publishedAt);
		const [env] = envelopes(dlq.url);
		expect(env).toMatchObject({ Type: 'Notification', MessageId, Message: 'x' });
		expect(env?.Timestamp).toBe(isoTimestamp(publishedAt));
	});
});

describe('SNS-DLQ-1: RedrivePolicy configuration', () => {
	it('SNS-DLQ-1: set on Subscribe or with SetSubscriptionAttributes, read back verbatim, removed by an empty value', () => {
		const { sb, sns, topicArn, queue, receive } = world();
		const first = queue('dlq-a');
		const second = queue('dlq-b');
		sns.simulateEndpoint('https://bad.example.com', { ClientErrorRate: 1, LatencyMs: 0, AutoConfirm: true });
		const policyA = JSON.stringify({ deadLetterTargetArn: first.arn });
		const { SubscriptionArn } = sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'https',
			Endpoint: 'https://bad.example.com',
			Attributes: { RedrivePolicy: policyA }
		});
		const attrs = () => sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(attrs().RedrivePolicy).toBe(policyA);
		sns.publish({ TopicArn: topicArn, Message: 'one' });
		sb.advanceTime(1000);
		expect(receive(first.url).map((m) => (JSON.parse(m.Body) as { Message: string }).Message)).toEqual([
			'one'
		]);

		const policyB = JSON.stringify({ deadLetterTargetArn: second.arn });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RedrivePolicy',
			AttributeValue: policyB
		});
		expect(attrs().RedrivePolicy).toBe(policyB);
		sns.publish({ TopicArn: topicArn, Message: 'two' });
		sb.advanceTime(1000);
		expect(receive(second.url).map((m) => (JSON.parse(m.Body) as { Message: string }).Message)).toEqual([
			'two'
		]);
		expect(receive(first.url)).toEqual([]);

		sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: 'RedrivePolicy', AttributeValue: '' });
		expect(attrs().RedrivePolicy).toBeUndefined();
		sns.publish({ TopicArn: topicArn, Message: 'three' });
		sb.advanceTime(1000);
		expect(receive(first.url)).toEqual([]);
		expect(receive(second.url)).toEqual([]);
		expect(sb.trace().filter((e) => e.type === 'delivery-dropped')).toHaveLength(1);
	});

	it("SNS-DLQ-1: the DLQ is a queue in the subscription's account and region, not a same-named queue elsewhere", () => {
		const { sb, sns, sqs, topicArn, queue, receive } = world();
		const gone = [queue('gone-a'), queue('gone-b')];
		const local = queue('dlq');
		const [, , , region = '', account = ''] = local.arn.split(':');
		const otherRegion = local.arn.replace(
			`:${region}:`,
			`:${region === 'eu-west-1' ? 'us-west-2' : 'eu-west-1'}:`
		);
		const otherAccount = local.arn.replace(`:${account}:`, ':123456789012:');
		[otherRegion, otherAccount].forEach((arn, k) => {
			sns.subscribe({
				TopicArn: topicArn,
				Protocol: 'sqs',
				Endpoint: gone[k]?.arn ?? '',
				Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn }) }
			});
		});
		// SNS-DLQ-2: a deleted endpoint queue is a client error, so the DLQ is offered at once.
		for (const g of gone) sqs.deleteQueue({ QueueUrl: g.url });
		sns.publish({ TopicArn: topicArn, Message: 'orphan' });
		sb.advanceTime(1000);
		expect(receive(local.url)).toEqual([]);
		const dropped = sb.trace().filter((e) => e.type === 'delivery-dropped');
		expect(dropped.map((e) => e.cause)).toEqual(['dlq-unreachable', 'dlq-unreachable']);
	});

	it("SNS-DLQ-1: the DLQ has the topic's type: a standard topic refuses a FIFO DLQ and keeps the policy it had", () => {
		const { sns, topicArn, queue } = world();
		const q = queue('plain');
		const standardDlq = queue('dlq');
		const fifoDlq = queue('dlq.fifo');
		// Wording not recorded: only the error code is asserted.
		const onSubscribe = errorOf(() =>
			sns.subscribe({
				TopicArn: topicArn,
				Protocol: 'sqs',
				Endpoint: q.arn,
				Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: fifoDlq.arn }) }
			})
		);
		expect(onSubscribe?.name).toBe('InvalidParameterException');
		expect(sns.listSubscriptionsByTopic({ TopicArn: topicArn }).Subscriptions).toHaveLength(0);

		const good = JSON.stringify({ deadLetterTargetArn: standardDlq.arn });
		const { SubscriptionArn } = sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: q.arn,
			Attributes: { RedrivePolicy: good }
		});
		const onSet = errorOf(() =>
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'RedrivePolicy',
				AttributeValue: JSON.stringify({ deadLetterTargetArn: fifoDlq.arn })
			})
		);
		expect(onSet?.name).toBe('InvalidParameterException');
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.RedrivePolicy).toBe(good);
	});

	it('SNS-DLQ-1: on a FIFO topic a FIFO queue needs a FIFO DLQ; a standard queue may use a standard one', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_validations_for_fifo
		const { sns, topicArn, queue } = world({ fifoTopic: true });
		const fifoQueue = queue('orders.fifo');
		const standardQueue = queue('plain');
		const standardDlq = queue('dlq');
		const fifoDlq = queue('dlq.fifo');
		const policy = (arn: string) => JSON.stringify({ deadLetterTargetArn: arn });

		const plain = sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: standardQueue.arn });
		sns.setSubscriptionAttributes({
			SubscriptionArn: plain.SubscriptionArn,
			AttributeName: 'RedrivePolicy',
			AttributeValue: policy(standardDlq.arn)
		});
		expect(
			sns.getSubscriptionAttributes({ SubscriptionArn: plain.SubscriptionArn }).Attributes.RedrivePolicy
		).toBe(policy(standardDlq.arn));

		const ordered = sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: fifoQueue.arn });
		const err = errorOf(() =>
			sns.setSubscriptionAttributes({
				SubscriptionArn: ordered.SubscriptionArn,
				AttributeName: 'RedrivePolicy',
				AttributeValue: policy(standardDlq.arn)
			})
		);
		expect(err).toMatchObject({
			name: 'InvalidParameterException',
			message:
				'Invalid parameter: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.'
		});
		expect(
			sns.getSubscriptionAttributes({ SubscriptionArn: ordered.SubscriptionArn }).Attributes.RedrivePolicy
		).toBeUndefined();
		sns.setSubscriptionAttributes({
			SubscriptionArn: ordered.SubscriptionArn,
			AttributeName: 'RedrivePolicy',
			AttributeValue: policy(fifoDlq.arn)
		});
		expect(
			sns.getSubscriptionAttributes({ SubscriptionArn: ordered.SubscriptionArn }).Attributes.RedrivePolicy
		).toBe(policy(fifoDlq.arn));
	});

	it('SNS-DLQ-1: a scenario whose subscription DLQ does not match the topic type is rejected at the DLQ reference', () => {
		const doc = (topicFifo: boolean, endpointFifo: boolean, dlqFifo: boolean) => ({
			version: 1,
			name: 'dlq types',
			seed: 1,
			durationMs: 1000,
			nodes: [
				{
					id: 't',
					type: 'sns-topic',
					...(topicFifo ? { TopicName: 't.fifo', FifoTopic: true } : {}),
					Subscriptions: [{ Protocol: 'sqs', Endpoint: 'q', RedrivePolicy: { deadLetterTargetArn: 'dlq' } }]
				},
				{ id: 'q', type: 'sqs-queue', ...(endpointFifo ? { QueueName: 'q.fifo', FifoQueue: true } : {}) },
				{ id: 'dlq', type: 'sqs-queue', ...(dlqFifo ? { QueueName: 'dlq.fifo', FifoQueue: true } : {}) }
			]
		});
		const dlqErrors = (d: unknown) => {
			const r = parseScenario(d);
			return r.ok ? [] : r.errors.filter((e) => e.path.endsWith('RedrivePolicy.deadLetterTargetArn'));
		};
		expect(dlqErrors(doc(false, false, false))).toEqual([]);
		expect(dlqErrors(doc(false, false, true))).toHaveLength(1);
		expect(dlqErrors(doc(true, true, true))).toEqual([]);
		expect(dlqErrors(doc(true, true, false))).toHaveLength(1);
		expect(dlqErrors(doc(true, false, false))).toEqual([]);
	});
});
