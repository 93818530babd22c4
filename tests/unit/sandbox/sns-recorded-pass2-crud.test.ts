// Second pass over LocalStack's real-AWS SNS recordings (tests/aws/services/sns/test_sns.snapshot.json,
// validated tests not replayed elsewhere): topic and subscription CRUD, listing pages and publish errors.
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
	const sb = createSandbox({ seed: 7 });
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
			MessageAttributeNames: ['All']
		}).Messages ?? [];
	return { sb, sns: sb.sns, sqs: sb.sqs, queue, receive };
}

const NOT_FOUND = 'NotFoundException';
const INVALID = 'InvalidParameterException';

describe('SNS-API-1 topic CRUD', () => {
	it('SNS-API-1: a new topic has the recorded default attributes; once deleted it is NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_test_arn
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic-test-create' });
		const parts = TopicArn.split(':');
		expect(parts.length).toBe(6);
		expect(parts[0]).toBe('arn');
		expect(parts[2]).toBe('sns');
		expect(parts[5]).toBe('topic-test-create');
		const attrs = sns.getTopicAttributes({ TopicArn }).Attributes;
		expect(attrs).toMatchObject({
			DisplayName: '',
			Owner: parts[4],
			SubscriptionsConfirmed: '0',
			SubscriptionsDeleted: '0',
			SubscriptionsPending: '0',
			TopicArn
		});
		expect(JSON.parse(attrs.EffectiveDeliveryPolicy ?? '')).toEqual({
			http: {
				defaultHealthyRetryPolicy: {
					minDelayTarget: 20,
					maxDelayTarget: 20,
					numRetries: 3,
					numMaxDelayRetries: 0,
					numNoDelayRetries: 0,
					numMinDelayRetries: 0,
					backoffFunction: 'linear'
				},
				disableSubscriptionOverrides: false,
				defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' }
			}
		});
		const policy = JSON.parse(attrs.Policy ?? '') as {
			Version: string;
			Id: string;
			Statement: { Sid: string; Effect: string; Action: string[]; Resource: string; Condition: unknown }[];
		};
		expect(policy.Version).toBe('2008-10-17');
		expect(policy.Id).toBe('__default_policy_ID');
		expect(policy.Statement[0]).toMatchObject({
			Sid: '__default_statement_ID',
			Effect: 'Allow',
			Principal: { AWS: '*' },
			Action: [
				'SNS:GetTopicAttributes',
				'SNS:SetTopicAttributes',
				'SNS:AddPermission',
				'SNS:RemovePermission',
				'SNS:DeleteTopic',
				'SNS:Subscribe',
				'SNS:ListSubscriptionsByTopic',
				'SNS:Publish'
			],
			Resource: TopicArn,
			Condition: { StringEquals: { 'AWS:SourceOwner': parts[4] } }
		});
		expect(sns.deleteTopic({ TopicArn })).toBeDefined();
		expect(errorOf(() => sns.getTopicAttributes({ TopicArn }))).toMatchObject({
			name: NOT_FOUND,
			message: 'Topic does not exist'
		});
	});

	it('SNS-API-1: ListTopics pages by 100 with a NextToken, and the second page holds the rest', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_list_topic_paging
		const { sns } = world();
		const arns: string[] = [];
		for (let i = 0; i < 120; i++) arns.push(sns.createTopic({ Name: `paging-${i}` }).TopicArn);
		const page1 = sns.listTopics();
		expect(page1.Topics).toHaveLength(100);
		expect(page1.NextToken).toBeTruthy();
		const page2 = sns.listTopics({ NextToken: page1.NextToken });
		const all = [...page1.Topics, ...page2.Topics].map((t) => t.TopicArn);
		expect(new Set(all)).toEqual(new Set(arns));
		expect(all).toHaveLength(120);
		expect(page2.NextToken).toBeUndefined();
	});
});

describe('SNS-API-1 publish', () => {
	it('SNS-API-1: publishing to a topic without subscribers succeeds; to an unknown topic is NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_unknown_topic_publish
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(sns.publish({ TopicArn, Message: 'This is a test message' }).MessageId).toBeTruthy();
		expect(
			errorOf(() => sns.publish({ TopicArn: `${TopicArn}-fake`, Message: 'This is a test message' }))
		).toMatchObject({ name: NOT_FOUND, message: 'Topic does not exist' });
	});

	it('SNS-TOP-4: MessageStructure=json needs a string "default" entry and parsable JSON; duplicate keys pass', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_message_structure_json_exc
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const pub = (Message: string) => () => sns.publish({ TopicArn, Message, MessageStructure: 'json' });
		expect(errorOf(pub(JSON.stringify({ sqs: 'Test message' })))).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Message Structure - No default entry in JSON message body'
		});
		expect(errorOf(pub('{"default": "This is a default message"} }'))).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Message Structure - JSON message body failed to parse'
		});
		expect(pub('{"default": "This is a default message", "default": "Duplicate"}')().MessageId).toBeTruthy();
		expect(errorOf(pub(JSON.stringify({ default: { object: 'test' } })))).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Message Structure - No default entry in JSON message body'
		});
	});

	it('SNS-TOP-1: a message published before the queue subscribed is lost; the later one arrives with its Subject', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_message_before_subscribe_topic
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		expect(
			sns.publish({ TopicArn, Subject: 'test-subject-before-sub', Message: 'test_message_before' }).MessageId
		).toBeTruthy();
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const { MessageId } = sns.publish({
			TopicArn,
			Subject: 'test-subject-after-sub',
			Message: 'test_message_after'
		});
		const got = receive(q.url);
		expect(got).toHaveLength(1);
		const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(Object.keys(env)).toEqual([
			'Type',
			'MessageId',
			'TopicArn',
			'Subject',
			'Message',
			'Timestamp',
			'SignatureVersion',
			'Signature',
			'SigningCertURL',
			'UnsubscribeURL'
		]);
		expect(env).toMatchObject({
			Type: 'Notification',
			MessageId,
			TopicArn,
			Subject: 'test-subject-after-sub',
			Message: 'test_message_after',
			SignatureVersion: '1'
		});
		expect(String(env.UnsubscribeURL)).toMatch(
			new RegExp(
				`/\\?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`
			)
		);
	});

	it('SNS-TOP-1: TargetArn naming a topic publishes to it like TopicArn', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_message_by_target_arn
		const { sns, sqs, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.publish({ TopicArn, Message: 'test-msg-1' });
		const first = receive(q.url);
		expect(first).toHaveLength(1);
		expect(JSON.parse(first[0]?.Body ?? '{}')).toMatchObject({
			Type: 'Notification',
			TopicArn,
			Message: 'test-msg-1'
		});
		sqs.deleteMessage({ QueueUrl: q.url, ReceiptHandle: first[0]?.ReceiptHandle ?? '' });
		sns.publish({ TargetArn: TopicArn, Message: 'test-msg-2' });
		const second = receive(q.url);
		expect(second).toHaveLength(1);
		const env = JSON.parse(second[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(env).toMatchObject({ Type: 'Notification', TopicArn, Message: 'test-msg-2' });
		expect(env.Subject).toBeUndefined();
	});
});

describe('SNS-API-1 subscriptions', () => {
	it('SNS-API-1: Subscribe to an unknown topic is NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_unknown_topic
		const { sns } = world();
		const topic = sns.createTopic({ Name: 'known' }).TopicArn;
		const unknown = topic.replace(/known$/, 'unknown-1234');
		expect(
			errorOf(() => sns.subscribe({ TopicArn: unknown, Protocol: 'sms', Endpoint: '+1234567890' }))
		).toMatchObject({ name: NOT_FOUND, message: 'Topic does not exist' });
	});

	it('SNS-TOP-2: an http subscription answers "pending confirmation"', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_creating_subscription
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'create-sub' });
		expect(sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: 'http://example.com/' })).toMatchObject({
			SubscriptionArn: 'pending confirmation'
		});
	});

	it('SNS-TOP-2: subscribing the same http endpoint again with ReturnSubscriptionArn returns the pending ARN', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_http_subscription_response
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(
			sns.subscribe({
				TopicArn,
				Protocol: 'http',
				Endpoint: 'http://example.com',
				ReturnSubscriptionArn: false
			}).SubscriptionArn
		).toBe('pending confirmation');
		const again = sns.subscribe({
			TopicArn,
			Protocol: 'http',
			Endpoint: 'http://example.com',
			ReturnSubscriptionArn: true
		}).SubscriptionArn;
		expect(again).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
		expect(sns.listSubscriptionsByTopic({ TopicArn }).Subscriptions).toHaveLength(1);
	});

	it('SNS-API-1: ListSubscriptionsByTopic lists an sqs subscription with Owner, Protocol, Endpoint and ARNs', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_getting_subscriptions_by_topic
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'get-subs' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const owner = TopicArn.split(':')[4];
		const resp = sns.listSubscriptionsByTopic({ TopicArn });
		expect(resp.Subscriptions).toEqual([
			{ Endpoint: q.arn, Owner: owner, Protocol: 'sqs', SubscriptionArn, TopicArn }
		]);
		expect(SubscriptionArn.startsWith(`${TopicArn}:`)).toBe(true);
		expect(resp.NextToken).toBeUndefined();
	});

	it('SNS-API-1: ListSubscriptionsByTopic pages by 100; page 2 holds the 101st; ListSubscriptions pages too', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_list_subscriptions_by_topic_pagination
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		for (let i = 0; i < 101; i++) {
			sns.subscribe({ TopicArn, Protocol: 'sms', Endpoint: `+12312312${i}` });
		}
		const page1 = sns.listSubscriptionsByTopic({ TopicArn });
		expect(page1.Subscriptions).toHaveLength(100);
		expect(page1.NextToken).toBeTruthy();
		const page2 = sns.listSubscriptionsByTopic({ TopicArn, NextToken: page1.NextToken });
		expect(page2.NextToken).toBeUndefined();
		expect(page2.Subscriptions).toHaveLength(1);
		expect(page2.Subscriptions[0]).toMatchObject({ Protocol: 'sms', TopicArn });
		expect(page1.Subscriptions.map((s) => s.SubscriptionArn)).not.toContain(
			page2.Subscriptions[0]?.SubscriptionArn
		);
		const all = sns.listSubscriptions();
		expect(all.NextToken).toBeTruthy();
		expect(all.Subscriptions.length).toBeLessThanOrEqual(100);
	});

	it('SNS-API-1: 120 email subscriptions page ListSubscriptionsByTopic', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscription_paging
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'paging-sub' });
		for (let i = 0; i < 120; i++) {
			expect(
				sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: `user${i}@example.com` }).SubscriptionArn
			).toBe('pending confirmation');
		}
		const resp = sns.listSubscriptionsByTopic({ TopicArn });
		expect(resp.NextToken).toBeTruthy();
		expect(resp.Subscriptions).toHaveLength(100);
	});

	for (const how of ['default', 'subscribe', 'set'] as const) {
		it(`SNS-API-1: GetSubscriptionAttributes of an sqs subscription (${how}) lists the recorded attributes`, () => {
			// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_attributes,
			// test_creating_subscription_with_attributes, test_set_subscription_attributes
			const { sns, queue } = world();
			const { TopicArn } = sns.createTopic({ Name: 'get-subs' });
			const q = queue('queue');
			const { SubscriptionArn } = sns.subscribe({
				TopicArn,
				Protocol: 'sqs',
				Endpoint: q.arn,
				...(how === 'subscribe' ? { Attributes: { RawMessageDelivery: 'true' } } : {})
			});
			if (how === 'set') {
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'RawMessageDelivery',
					AttributeValue: 'true'
				});
			}
			const owner = TopicArn.split(':')[4] ?? '';
			const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
			expect(Object.keys(attrs).sort()).toEqual([
				'ConfirmationWasAuthenticated',
				'Endpoint',
				'Owner',
				'PendingConfirmation',
				'Protocol',
				'RawMessageDelivery',
				'SubscriptionArn',
				'SubscriptionPrincipal',
				'TopicArn'
			]);
			expect(attrs).toMatchObject({
				ConfirmationWasAuthenticated: 'true',
				Endpoint: q.arn,
				Owner: owner,
				PendingConfirmation: 'false',
				Protocol: 'sqs',
				RawMessageDelivery: how === 'default' ? 'false' : 'true',
				SubscriptionArn,
				TopicArn
			});
			expect(attrs.SubscriptionPrincipal).toMatch(new RegExp(`^arn:aws:iam::${owner}:user/.+`));
		});
	}

	it('SNS-API-1: GetSubscriptionAttributes of an unknown subscription is NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_get_subscription_attributes_error_not_exists
		const { sns } = world();
		const owner = sns.createTopic({ Name: 't' }).TopicArn.split(':').slice(0, 5).join(':');
		expect(
			errorOf(() =>
				sns.getSubscriptionAttributes({
					SubscriptionArn: `${owner}:nonexistent:6b0e7a3c-1f1a-4f8e-9d2a-0c5a6f0d9b11`
				})
			)
		).toMatchObject({ name: NOT_FOUND, message: 'Subscription does not exist' });
	});
});

describe('SNS-TOP-2 SMS', () => {
	it('SNS-TOP-2: an SMS subscription is confirmed at once and lists the recorded attributes', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_sms_endpoint
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sms', Endpoint: '+123123123' });
		expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(Object.keys(attrs).sort()).toEqual([
			'ConfirmationWasAuthenticated',
			'Endpoint',
			'Owner',
			'PendingConfirmation',
			'Protocol',
			'RawMessageDelivery',
			'SubscriptionArn',
			'SubscriptionPrincipal',
			'TopicArn'
		]);
		expect(attrs).toMatchObject({
			ConfirmationWasAuthenticated: 'true',
			Endpoint: '+123123123',
			PendingConfirmation: 'false',
			Protocol: 'sms',
			RawMessageDelivery: 'false',
			SubscriptionArn,
			TopicArn
		});
		expect(sns.getTopicAttributes({ TopicArn }).Attributes.SubscriptionsConfirmed).toBe('1');
	});

	it('SNS-API-1: publishing to a malformed PhoneNumber, or subscribing it, is refused with the recorded texts', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_wrong_phone_format
		const { sns } = world();
		const message = 'Good news everyone!';
		for (const n of ['+1a234', 'NAA+15551234567']) {
			expect(errorOf(() => sns.publish({ Message: message, PhoneNumber: n }))).toMatchObject({
				name: INVALID,
				message: `Invalid parameter: PhoneNumber Reason: ${n} is not valid to publish to`
			});
		}
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(
			errorOf(() => sns.subscribe({ TopicArn, Protocol: 'sms', Endpoint: 'NAA+15551234567' }))
		).toMatchObject({ name: INVALID, message: 'Invalid SMS endpoint: NAA+15551234567' });
		expect(sns.publish({ Message: message, PhoneNumber: '+15551234567' }).MessageId).toMatch(
			/^[0-9a-f-]{36}$/
		);
	});
});
