// SNS through the sandbox facade: fan-out, filter policies on subscriptions, envelopes and raw delivery,
// retries, subscription DLQs and FIFO topics (SNS-* rules of SEMANTICS.md).
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

function world(fifo = false) {
	const sb = createSandbox({ seed: 9 });
	const sfx = fifo ? '.fifo' : '';
	const qAttrs = fifo ? { FifoQueue: 'true' } : undefined;
	const topicArn = sb.sns.createTopic({
		Name: `events${sfx}`,
		...(fifo ? { Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } } : {})
	}).TopicArn;
	const queue = (name: string) => {
		const url = sb.sqs.createQueue({
			QueueName: `${name}${sfx}`,
			...(qAttrs ? { Attributes: qAttrs } : {})
		}).QueueUrl;
		const arn =
			sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
		return { url, arn };
	};
	const bodies = (url: string) =>
		sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] })
			.Messages ?? [];
	return { sb, sns: sb.sns, sqs: sb.sqs, topicArn, queue, bodies };
}

describe('SNS-TOP-1 fan-out', () => {
	it('SNS-TOP-1: a publish reaches every confirmed subscription, each independently', () => {
		const { sns, topicArn, queue, bodies } = world();
		const a = queue('a');
		const b = queue('b');
		sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: a.arn });
		sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: b.arn });
		const { MessageId } = sns.publish({ TopicArn: topicArn, Message: 'hello', Subject: 'greeting' });
		for (const q of [a, b]) {
			const got = bodies(q.url);
			expect(got).toHaveLength(1);
			const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
			// SNS-ENV-1: the envelope.
			expect(env).toMatchObject({
				Type: 'Notification',
				MessageId,
				TopicArn: topicArn,
				Subject: 'greeting',
				Message: 'hello'
			});
			expect(env.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		}
	});

	it('SNS-TOP-2: HTTP subscriptions wait for confirmation and get nothing until then', () => {
		const { sb, sns, topicArn } = world();
		sns.simulateEndpoint('https://example.com/hook', { LatencyMs: 10 });
		const out = sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'https',
			Endpoint: 'https://example.com/hook'
		});
		expect(out.SubscriptionArn).toBe('pending confirmation');
		sns.publish({ TopicArn: topicArn, Message: 'early' });
		sb.advanceTime(1000);
		expect(sb.trace().filter((e) => e.type === 'delivery-attempted')).toHaveLength(0);
		const token = sns.confirmationToken('https://example.com/hook') ?? '';
		sns.confirmSubscription({ TopicArn: topicArn, Token: token });
		sns.publish({ TopicArn: topicArn, Message: 'late' });
		sb.advanceTime(1000);
		expect(sb.trace().filter((e) => e.type === 'delivered')).toHaveLength(1);
	});
});

describe('SNS-FP filter policies on subscriptions', () => {
	it('SNS-FP-1: a non-matching message is filtered out for that subscription only', () => {
		const { sb, sns, topicArn, queue, bodies } = world();
		const eu = queue('eu');
		const all = queue('all');
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: eu.arn,
			Attributes: { FilterPolicy: JSON.stringify({ region: ['eu-west-1'] }), RawMessageDelivery: 'true' }
		});
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: all.arn,
			Attributes: { RawMessageDelivery: 'true' }
		});
		sns.publish({
			TopicArn: topicArn,
			Message: 'us',
			MessageAttributes: { region: { DataType: 'String', StringValue: 'us-east-1' } }
		});
		sns.publish({
			TopicArn: topicArn,
			Message: 'eu',
			MessageAttributes: { region: { DataType: 'String', StringValue: 'eu-west-1' } }
		});
		expect(bodies(eu.url).map((m) => m.Body)).toEqual(['eu']);
		expect(
			bodies(all.url)
				.map((m) => m.Body)
				.sort()
		).toEqual(['eu', 'us']);
		expect(sb.trace().filter((e) => e.type === 'filtered-out')).toHaveLength(1);
	});

	it('SNS-FP-15: MessageBody scope matches on the JSON body', () => {
		const { sns, topicArn, queue, bodies } = world();
		const paid = queue('paid');
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: paid.arn,
			Attributes: {
				FilterPolicyScope: 'MessageBody',
				FilterPolicy: JSON.stringify({ order: { status: ['paid'] } }),
				RawMessageDelivery: 'true'
			}
		});
		sns.publish({ TopicArn: topicArn, Message: JSON.stringify({ order: { status: 'paid', id: 1 } }) });
		sns.publish({ TopicArn: topicArn, Message: JSON.stringify({ order: { status: 'open', id: 2 } }) });
		sns.publish({ TopicArn: topicArn, Message: 'not json' });
		expect(bodies(paid.url).map((m) => (JSON.parse(m.Body) as { order: { id: number } }).order.id)).toEqual([
			1
		]);
	});

	it('SNS-FP-17: an invalid policy makes Subscribe fail with InvalidParameter and stores nothing', () => {
		const { sns, topicArn, queue } = world();
		const q = queue('q');
		const err = errorOf(() =>
			sns.subscribe({
				TopicArn: topicArn,
				Protocol: 'sqs',
				Endpoint: q.arn,
				Attributes: { FilterPolicy: '{"a": "not-an-array"}' }
			})
		);
		expect(err?.name).toBe('InvalidParameterException');
		expect(sns.listSubscriptionsByTopic({ TopicArn: topicArn }).Subscriptions).toHaveLength(0);
	});
});

describe('SNS-ENV-2 raw delivery', () => {
	it('SNS-ENV-2: raw delivery sends the bare message with SNS attributes as SQS attributes', () => {
		const { sns, topicArn, queue, bodies } = world();
		const q = queue('raw');
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: q.arn,
			Attributes: { RawMessageDelivery: 'true' }
		});
		sns.publish({
			TopicArn: topicArn,
			Message: 'bare',
			MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } }
		});
		const m = bodies(q.url)[0];
		expect(m?.Body).toBe('bare');
		expect(m?.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'x' } });
	});

	it('SNS-ENV-2, SNS-DLQ-3: more than 10 attributes make a raw SQS delivery a client error; the DLQ refuses it too', () => {
		const { sb, sns, topicArn, queue, bodies } = world();
		const q = queue('raw');
		const dlq = queue('dlq');
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: q.arn,
			Attributes: {
				RawMessageDelivery: 'true',
				RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn })
			}
		});
		const attrs = Object.fromEntries(
			Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }])
		);
		sns.publish({ TopicArn: topicArn, Message: 'too many', MessageAttributes: attrs });
		expect(bodies(q.url)).toHaveLength(0);
		// SNS-DLQ-3: the DLQ would get exactly the same 11-attribute message, which SQS refuses: dropped.
		expect(bodies(dlq.url)).toHaveLength(0);
		expect(sb.trace().find((e) => e.type === 'delivery-attempted')?.cause).toBe('client-error');
		expect(sb.trace().find((e) => e.type === 'delivery-dropped')?.cause).toBe('dlq-unreachable');
	});
});

describe('SNS-RETRY and SNS-DLQ', () => {
	it('SNS-RETRY-4/-5: a failing HTTP endpoint is retried 3 times 20 s apart by default, then dropped', () => {
		const { sb, sns, topicArn } = world();
		sns.simulateEndpoint('https://down.example.com', { ErrorRate: 1, LatencyMs: 100, AutoConfirm: true });
		sns.subscribe({ TopicArn: topicArn, Protocol: 'https', Endpoint: 'https://down.example.com' });
		sns.publish({ TopicArn: topicArn, Message: 'x' });
		sb.advanceTime(120_000);
		const attempts = sb.trace().filter((e) => e.type === 'delivery-attempted');
		expect(attempts).toHaveLength(4);
		const gaps = attempts.slice(1).map((a, i) => a.t - (attempts[i]?.t ?? 0));
		expect(gaps).toEqual([20_100, 20_100, 20_100]);
		expect(sb.trace().find((e) => e.type === 'delivery-dropped')?.cause).toBe('retries-exhausted');
	});

	it('SNS-RETRY-5, SNS-DLQ-3: a 4xx is permanent: no retry, straight to the DLQ as the envelope', () => {
		const { sb, sns, topicArn, queue, bodies } = world();
		const dlq = queue('dlq');
		sns.simulateEndpoint('https://bad.example.com', { ClientErrorRate: 1, AutoConfirm: true });
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'https',
			Endpoint: 'https://bad.example.com',
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }
		});
		sns.publish({ TopicArn: topicArn, Message: 'x' });
		sb.advanceTime(60_000);
		expect(sb.trace().filter((e) => e.type === 'delivery-attempted')).toHaveLength(1);
		const dead = bodies(dlq.url)[0];
		// SNS-DLQ-3: what the endpoint would have received (the JSON envelope), no error attributes.
		expect(JSON.parse(dead?.Body ?? '{}')).toMatchObject({ Type: 'Notification', Message: 'x' });
		expect(dead?.MessageAttributes).toBeUndefined();
	});

	it('SNS-RETRY-4: a custom policy with maxDelayTarget 40 retries at 20, 30 and 40 s (linear)', () => {
		const { sb, sns, topicArn } = world();
		sns.simulateEndpoint('https://flaky.example.com', { ErrorRate: 1, LatencyMs: 0, AutoConfirm: true });
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'https',
			Endpoint: 'https://flaky.example.com',
			Attributes: {
				DeliveryPolicy: JSON.stringify({
					healthyRetryPolicy: { numRetries: 3, minDelayTarget: 20, maxDelayTarget: 40 }
				})
			}
		});
		sns.publish({ TopicArn: topicArn, Message: 'x' });
		sb.advanceTime(200_000);
		const t = sb
			.trace()
			.filter((e) => e.type === 'delivery-attempted')
			.map((e) => e.t);
		expect(t.slice(1).map((x, i) => x - (t[i] ?? 0))).toEqual([20_000, 30_000, 40_000]);
	});

	it('SNS-RETRY-4: an invalid delivery policy is rejected', () => {
		const { sns, topicArn } = world();
		sns.simulateEndpoint('https://e.example.com', { AutoConfirm: true });
		const err = errorOf(() =>
			sns.subscribe({
				TopicArn: topicArn,
				Protocol: 'https',
				Endpoint: 'https://e.example.com',
				Attributes: { DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 101 } }) }
			})
		);
		expect(err?.name).toBe('InvalidParameterException');
	});

	it('SNS-DLQ-2: a deleted queue endpoint is a client error: to the DLQ at once', () => {
		const { sb, sns, sqs, topicArn, queue, bodies } = world();
		const gone = queue('gone');
		const dlq = queue('dlq');
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: gone.arn,
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }
		});
		sqs.deleteQueue({ QueueUrl: gone.url });
		sns.publish({ TopicArn: topicArn, Message: 'orphan' });
		// SNS-DLQ-3: the envelope the queue would have received.
		expect(bodies(dlq.url).map((m) => (JSON.parse(m.Body ?? '{}') as { Message: string }).Message)).toEqual([
			'orphan'
		]);
		expect(sb.trace().filter((e) => e.type === 'delivery-attempted')).toHaveLength(1);
	});
});

describe('SNS-TOP-2 slow endpoints', () => {
	it('SNS-RETRY-3 [sim]: an email endpoint takes 10 deliveries a second; the rest are retried later', () => {
		const { sb, sns, topicArn } = world();
		sns.simulateEndpoint('ops@example.com', { AutoConfirm: true, LatencyMs: 0 });
		sns.subscribe({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'ops@example.com' });
		for (let i = 0; i < 15; i++) sns.publish({ TopicArn: topicArn, Message: `alert ${i}` });
		const first = sb.trace().filter((e) => e.type === 'delivery-attempted');
		expect(first.filter((e) => e.type === 'delivery-attempted' && e.outcome === 'success')).toHaveLength(10);
		sb.advanceTime(60_000);
		expect(sb.trace().filter((e) => e.type === 'delivered')).toHaveLength(15);
	});
});

describe('SNS-FIFO', () => {
	it('SNS-FIFO-1: only SQS subscribes to a FIFO topic; order per group holds into each FIFO queue', () => {
		const { sns, topicArn, queue, bodies } = world(true);
		expect(
			errorOf(() =>
				sns.subscribe({ TopicArn: topicArn, Protocol: 'https', Endpoint: 'https://x.example.com' })
			)?.name
		).toBe('InvalidParameterException');
		const a = queue('a');
		const b = queue('b');
		for (const q of [a, b]) {
			sns.subscribe({
				TopicArn: topicArn,
				Protocol: 'sqs',
				Endpoint: q.arn,
				Attributes: { RawMessageDelivery: 'true' }
			});
		}
		for (let i = 0; i < 5; i++) sns.publish({ TopicArn: topicArn, Message: `m${i}`, MessageGroupId: 'g' });
		for (const q of [a, b]) expect(bodies(q.url).map((m) => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
	});

	it('SNS-FIFO-2: MessageGroupId is required; a duplicate within 5 minutes is accepted and not delivered', () => {
		const { sb, sns, topicArn, queue, bodies } = world(true);
		const q = queue('q');
		sns.subscribe({
			TopicArn: topicArn,
			Protocol: 'sqs',
			Endpoint: q.arn,
			Attributes: { RawMessageDelivery: 'true' }
		});
		expect(errorOf(() => sns.publish({ TopicArn: topicArn, Message: 'x' }))?.name).toBe(
			'InvalidParameterException'
		);
		const first = sns.publish({ TopicArn: topicArn, Message: 'same', MessageGroupId: 'g' });
		const again = sns.publish({ TopicArn: topicArn, Message: 'same', MessageGroupId: 'g' });
		expect(again.MessageId).toBe(first.MessageId);
		expect(first.SequenceNumber).toMatch(/^\d+$/);
		const got = bodies(q.url);
		expect(got).toHaveLength(1);
		sb.sqs.deleteMessage({ QueueUrl: q.url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
		sb.advanceTime(300_000);
		sns.publish({ TopicArn: topicArn, Message: 'same', MessageGroupId: 'g' });
		sb.advanceTime(40_000);
		expect(bodies(q.url).map((m) => m.Body)).toEqual(['same']);
	});
});

describe('SNS API shapes', () => {
	it('SNS-API-1: an invalid publishBatch entry fails the whole request; listSubscriptionsByTopic, unsubscribe and attributes work', () => {
		const { sns, topicArn, queue, bodies } = world();
		const q = queue('q');
		const { SubscriptionArn } = sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: q.arn });
		expect(
			errorOf(() =>
				sns.publishBatch({
					TopicArn: topicArn,
					PublishBatchRequestEntries: [
						{ Id: 'a', Message: 'ok' },
						{ Id: 'b', Message: '' }
					]
				})
			)
		).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Empty message' });
		expect(bodies(q.url)).toHaveLength(0);
		const out = sns.publishBatch({
			TopicArn: topicArn,
			PublishBatchRequestEntries: [{ Id: 'a', Message: 'ok' }]
		});
		expect(out).toMatchObject({ Successful: [{ Id: 'a' }], Failed: [] });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'RawMessageDelivery',
			AttributeValue: 'true'
		});
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.RawMessageDelivery).toBe('true');
		expect(sns.listSubscriptionsByTopic({ TopicArn: topicArn }).Subscriptions).toHaveLength(1);
		sns.unsubscribe({ SubscriptionArn });
		expect(sns.listSubscriptionsByTopic({ TopicArn: topicArn }).Subscriptions).toHaveLength(0);
		expect(errorOf(() => sns.publish({ TopicArn: topicArn + 'x', Message: 'x' }))?.name).toBe(
			'NotFoundException'
		);
	});
});

describe('SNS-RETRY-4 topic delivery policies are validated when set', () => {
	const broken = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 3 } } });

	it('SNS-RETRY-4: CreateTopic refuses a topic DeliveryPolicy missing minDelayTarget, naming it', () => {
		const sb = createSandbox({ seed: 1 });
		const e = errorOf(() => sb.sns.createTopic({ Name: 't', Attributes: { DeliveryPolicy: broken } }));
		expect(e?.name).toBe('InvalidParameterException');
		expect(e?.message).toBe(
			'Invalid parameter: Attributes Reason: DeliveryPolicy: http.defaultHealthyRetryPolicy.minDelayTarget must be specified'
		);
		expect(sb.sns.listTopics().Topics).toEqual([]);
	});

	it('SNS-RETRY-4: SetTopicAttributes refuses it and keeps the policy the topic had', () => {
		const sb = createSandbox({ seed: 1 });
		const good = JSON.stringify({
			http: { defaultHealthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 5, numRetries: 2 } }
		});
		const { TopicArn } = sb.sns.createTopic({ Name: 't', Attributes: { DeliveryPolicy: good } });
		const e = errorOf(() =>
			sb.sns.setTopicAttributes({ TopicArn, AttributeName: 'DeliveryPolicy', AttributeValue: broken })
		);
		expect(e?.message).toBe(
			'Invalid parameter: DeliveryPolicy: http.defaultHealthyRetryPolicy.minDelayTarget must be specified'
		);
		// SNS-API-1: reported with disableSubscriptionOverrides filled in (test_topic_delivery_policy_crud).
		expect(JSON.parse(sb.sns.getTopicAttributes({ TopicArn }).Attributes?.DeliveryPolicy ?? '')).toEqual({
			http: {
				defaultHealthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 5, numRetries: 2 },
				disableSubscriptionOverrides: false
			}
		});
	});
});
