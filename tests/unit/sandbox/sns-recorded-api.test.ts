// SNS-API-1 and SNS-FIFO-1/-2 request validation, checked against the real-AWS responses LocalStack recorded
// (tests/aws/services/sns/test_sns.snapshot.json, validated tests): error codes, first lines of messages and
// response fields of the topic, subscription and publish APIs.
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

function firstLine(e: Error | undefined): string | undefined {
	return e?.message.split('\n')[0];
}

function world() {
	const sb = createSandbox({ seed: 3 });
	const queue = (name: string, fifo = name.endsWith('.fifo')) => {
		const url = sb.sqs.createQueue({
			QueueName: name,
			...(fifo ? { Attributes: { FifoQueue: 'true' } } : {})
		}).QueueUrl;
		const arn =
			sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
		return { url, arn };
	};
	return { sb, sns: sb.sns, sqs: sb.sqs, queue };
}

const INVALID = 'InvalidParameterException';
const VALUE_INVALID = 'InvalidParameterValueException';

describe('SNS-API-1 ARN parameters', () => {
	it('SNS-API-1: a TopicArn with fewer than 6 elements is refused with the reason, naming the count', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_wrong_arn_format
		const { sns } = world();
		for (const [arn, n] of [
			['randomstring', 1],
			['randomstring:1', 2],
			['', 1]
		] as const) {
			expect(errorOf(() => sns.publish({ TopicArn: arn, Message: 'Good news everyone!' }))).toMatchObject({
				name: INVALID,
				message: `Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not ${n}`
			});
		}
	});

	it('SNS-API-1: GetTopicAttributes of a malformed ARN gives the reason, of a missing topic NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_with_attributes
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topictest' });
		expect(errorOf(() => sns.getTopicAttributes({ TopicArn: 'test-topic' }))).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1'
		});
		expect(errorOf(() => sns.getTopicAttributes({ TopicArn: `${TopicArn}x` }))).toMatchObject({
			name: 'NotFoundException',
			message: 'Topic does not exist'
		});
	});

	it('SNS-API-1: Subscribe to a malformed TopicArn gives the reason (1 and 5 elements)', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_with_invalid_topic
		const { sns } = world();
		const sub = (TopicArn: string) =>
			errorOf(() => sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'localstack@yopmail.com' }));
		expect(sub('randomstring')?.message).toBe(
			'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1'
		);
		expect(sub('arn:aws:sns:us-east-1:random')?.message).toBe(
			'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 5'
		);
		const { TopicArn } = sns.createTopic({ Name: 't' });
		expect(sub(`${TopicArn}aaa`)).toMatchObject({
			name: 'NotFoundException',
			message: 'Topic does not exist'
		});
	});

	it('SNS-API-1: Unsubscribe checks the SubscriptionArn shape; a topic ARN is "Invalid parameter: SubscriptionId"', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_unsubscribe_wrong_arn_format
		const { sns } = world();
		const un = (SubscriptionArn: string) => errorOf(() => sns.unsubscribe({ SubscriptionArn }));
		expect(un('randomstring')).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1'
		});
		expect(un('arn:aws:sns:us-east-1:random')?.message).toBe(
			'Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 5'
		);
		expect(un('arn:aws:sns:us-east-1:111111111111:random')?.message).toBe(
			'Invalid parameter: SubscriptionId'
		);
	});

	it("SNS-API-1: Unsubscribe of a deleted topic's pending subscription gives the ARN reason", () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_unsubscribe_from_deleted_topic
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'del-topic-sub' });
		const { SubscriptionArn } = sns.subscribe({
			TopicArn,
			Protocol: 'http',
			Endpoint: 'http://example.com/'
		});
		expect(SubscriptionArn).toBe('pending confirmation');
		sns.deleteTopic({ TopicArn });
		expect(errorOf(() => sns.unsubscribe({ SubscriptionArn }))?.message).toBe(
			'Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1'
		);
	});

	it('SNS-API-1: a second Unsubscribe succeeds; the subscription is then NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_unsubscribe_idempotency,
		// test_unsubscribe_from_non_existing_subscription, test_not_found_error_on_set_subscription_attributes
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		expect(sns.unsubscribe({ SubscriptionArn })).toMatchObject({ $metadata: { httpStatusCode: 200 } });
		expect(sns.unsubscribe({ SubscriptionArn })).toMatchObject({ $metadata: { httpStatusCode: 200 } });
		expect(
			errorOf(() =>
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'RawMessageDelivery',
					AttributeValue: 'true'
				})
			)
		).toMatchObject({ name: 'NotFoundException', message: 'Subscription does not exist' });
		expect(sns.listSubscriptionsByTopic({ TopicArn }).Subscriptions).toEqual([]);
	});

	it('SNS-API-1: publishing to a platform endpoint that does not exist names TargetArn', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_non_existent_target
		const { sns } = world();
		const err = errorOf(() =>
			sns.publish({
				TargetArn:
					'arn:aws:sns:us-east-1:000000000000:endpoint/APNS/abcdef/0f7d5971-aa8b-4bd5-b585-0826e9f93a66',
				Message: 'This is a push notification'
			})
		);
		expect(err).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified'
		});
	});

	it('SNS-API-1: a topic in another region is "Invalid parameter: TopicArn"', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_topic_publish_another_region
		const { sns } = world();
		expect(
			errorOf(() => sns.publish({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t', Message: 'm' }))
		).toMatchObject({ name: INVALID, message: 'Invalid parameter: TopicArn' });
	});
});

describe('SNS-API-1 CreateTopic and GetTopicAttributes', () => {
	it('SNS-API-1: GetTopicAttributes includes the default Policy and EffectiveDeliveryPolicy', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_topic_get_attributes_with_fifo_false
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'std' });
		const a = sns.getTopicAttributes({ TopicArn }).Attributes;
		expect(Object.keys(a).sort()).toEqual([
			'DisplayName',
			'EffectiveDeliveryPolicy',
			'Owner',
			'Policy',
			'SubscriptionsConfirmed',
			'SubscriptionsDeleted',
			'SubscriptionsPending',
			'TopicArn'
		]);
		expect(a.DisplayName).toBe('');
		expect(JSON.parse(a.Policy ?? '')).toEqual({
			Version: '2008-10-17',
			Id: '__default_policy_ID',
			Statement: [
				{
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
					Condition: { StringEquals: { 'AWS:SourceOwner': a.Owner } }
				}
			]
		});
		expect(JSON.parse(a.EffectiveDeliveryPolicy ?? '')).toEqual({
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
		// FifoTopic=false cannot be set after creation.
		// Recorded: LocalStack test_sns.snapshot.json, test_topic_get_attributes_with_fifo_false
		expect(
			errorOf(() => sns.setTopicAttributes({ TopicArn, AttributeName: 'FifoTopic', AttributeValue: 'false' }))
		).toMatchObject({ name: INVALID, message: 'Invalid parameter: AttributeName' });
	});

	it('SNS-API-1: a FIFO topic reports FifoTopic, ContentBasedDeduplication and SignatureVersion', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_with_attributes
		const { sns } = world();
		const { TopicArn } = sns.createTopic({
			Name: 'topictest.fifo',
			Attributes: { DisplayName: 'TestTopic', SignatureVersion: '2', FifoTopic: 'true' }
		});
		const a = sns.getTopicAttributes({ TopicArn }).Attributes;
		expect(a).toMatchObject({
			ContentBasedDeduplication: 'false',
			DisplayName: 'TestTopic',
			FifoTopic: 'true',
			SignatureVersion: '2',
			SubscriptionsConfirmed: '0',
			SubscriptionsDeleted: '0',
			SubscriptionsPending: '0',
			TopicArn
		});
		expect(a.FifoThroughputScope).toBeUndefined();
	});

	it('SNS-API-1: EffectiveDeliveryPolicy fills in the defaults around a topic DeliveryPolicy', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_topic_delivery_policy_crud
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'dp' });
		sns.setTopicAttributes({
			TopicArn,
			AttributeName: 'DeliveryPolicy',
			AttributeValue: JSON.stringify({
				http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 } }
			})
		});
		const a = sns.getTopicAttributes({ TopicArn }).Attributes;
		expect(JSON.parse(a.DeliveryPolicy ?? '')).toEqual({
			http: {
				defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 },
				disableSubscriptionOverrides: false
			}
		});
		expect(JSON.parse(a.EffectiveDeliveryPolicy ?? '')).toEqual({
			http: {
				defaultHealthyRetryPolicy: {
					minDelayTarget: 5,
					maxDelayTarget: 6,
					numRetries: 1,
					numMaxDelayRetries: 0,
					numNoDelayRetries: 0,
					numMinDelayRetries: 0,
					backoffFunction: 'linear'
				},
				disableSubscriptionOverrides: false,
				defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' }
			}
		});
		sns.setTopicAttributes({ TopicArn, AttributeName: 'DeliveryPolicy', AttributeValue: '' });
		const after = sns.getTopicAttributes({ TopicArn }).Attributes;
		expect(after.DeliveryPolicy).toBeUndefined();
		expect(
			JSON.parse(after.EffectiveDeliveryPolicy ?? '').http.defaultHealthyRetryPolicy.minDelayTarget
		).toBe(20);
	});

	it('SNS-API-1: CreateTopic again succeeds with the same or fewer attributes, fails when one differs', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_different_attrs
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'idem', Attributes: { DisplayName: 'Value1' } });
		expect(sns.createTopic({ Name: 'idem' }).TopicArn).toBe(TopicArn);
		expect(sns.createTopic({ Name: 'idem', Attributes: { DisplayName: 'Value1' } }).TopicArn).toBe(TopicArn);
		expect(sns.createTopic({ Name: 'idem', Attributes: { FifoTopic: 'false' } }).TopicArn).toBe(TopicArn);
		const differ = 'Invalid parameter: Attributes Reason: Topic already exists with different attributes';
		expect(
			errorOf(() => sns.createTopic({ Name: 'idem', Attributes: { DisplayName: 'Value2' } }))
		).toMatchObject({ name: INVALID, message: differ });
		expect(errorOf(() => sns.createTopic({ Name: 'idem', Attributes: { FifoTopic: 'true' } }))?.message).toBe(
			'Invalid parameter: Topic Name'
		);
		expect(
			errorOf(() => sns.createTopic({ Name: 'idem', Attributes: { SignatureVersion: '2' } }))?.message
		).toBe(differ);
		expect(
			errorOf(() =>
				sns.createTopic({ Name: 'idem', Attributes: { SignatureVersion: '2', DisplayName: 'Value1' } })
			)?.message
		).toBe(differ);
		// SetTopicAttributes then CreateTopic without attributes keeps the value.
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_should_be_idempotent
		sns.setTopicAttributes({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'AlreadySet' });
		sns.createTopic({ Name: 'idem' });
		expect(sns.getTopicAttributes({ TopicArn }).Attributes.DisplayName).toBe('AlreadySet');
	});

	it('SNS-API-1: CreateTopic again succeeds with the same tags or a subset, fails with a tag it lacks', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_duplicate_topic_check_idempotency,
		// test_create_duplicate_topic_with_more_tags
		const { sns } = world();
		const tags = [
			{ Key: 'a', Value: '1' },
			{ Key: 'b', Value: '2' }
		];
		const { TopicArn } = sns.createTopic({ Name: 'tagged', Tags: tags });
		for (const Tags of [tags, [tags[0] as { Key: string; Value: string }], []]) {
			expect(sns.createTopic({ Name: 'tagged', Tags }).TopicArn).toBe(TopicArn);
		}
		sns.createTopic({ Name: 'plain' });
		expect(
			errorOf(() => sns.createTopic({ Name: 'plain', Tags: [{ Key: 'key1', Value: 'value1' }] }))
		).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Tags Reason: Topic already exists with different tags'
		});
		// After DeleteTopic the name is free again, with new tags.
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_after_delete_with_new_tags
		sns.deleteTopic({ TopicArn });
		expect(sns.createTopic({ Name: 'tagged', Tags: [{ Key: 'Name', Value: 'abc' }] }).TopicArn).toBe(
			TopicArn
		);
	});

	it('SNS-API-1: bad names, a .fifo name without FifoTopic and a FIFO name without .fifo are "Topic Name"', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_topic_name_constraints
		const { sns } = world();
		expect(sns.createTopic({ Name: 'a'.repeat(256) }).TopicArn).toMatch(/:a{256}$/);
		const bad: [string, Record<string, string> | undefined][] = [
			['', undefined],
			['a'.repeat(257), undefined],
			['test.fifo', undefined],
			['test', { FifoTopic: 'true' }],
			...[':', ';', '!', '@', '|', '^', '%', ' '].map(
				(c) => [`bad${c}name`, undefined] as [string, undefined]
			)
		];
		for (const [Name, Attributes] of bad) {
			expect(errorOf(() => sns.createTopic({ Name, ...(Attributes ? { Attributes } : {}) }))).toMatchObject({
				name: INVALID,
				message: 'Invalid parameter: Topic Name'
			});
		}
	});

	it('SNS-API-1: deleting a topic twice, or one that never existed, succeeds', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_delete_topic_idempotency, test_delete_non_existent_topic
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'gone' });
		expect(sns.deleteTopic({ TopicArn })).toMatchObject({ $metadata: { httpStatusCode: 200 } });
		expect(errorOf(() => sns.getTopicAttributes({ TopicArn }))?.name).toBe('NotFoundException');
		expect(sns.deleteTopic({ TopicArn })).toMatchObject({ $metadata: { httpStatusCode: 200 } });
		expect(sns.deleteTopic({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:non-existent' })).toMatchObject({
			$metadata: { httpStatusCode: 200 }
		});
	});
});

describe('SNS-API-1 Subscribe and subscription attributes', () => {
	it('SNS-API-1: Subscribe of the same endpoint is idempotent unless a given attribute differs', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_idempotency
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const sub = (Attributes?: Record<string, string>) =>
			sns.subscribe({
				TopicArn,
				Protocol: 'sqs',
				Endpoint: q.arn,
				ReturnSubscriptionArn: true,
				...(Attributes ? { Attributes } : {})
			}).SubscriptionArn;
		const arn = sub({ RawMessageDelivery: 'True' });
		expect(sns.getSubscriptionAttributes({ SubscriptionArn: arn }).Attributes).toMatchObject({
			RawMessageDelivery: 'true',
			PendingConfirmation: 'false',
			ConfirmationWasAuthenticated: 'true'
		});
		expect(sub({ RawMessageDelivery: 'true' })).toBe(arn);
		expect(sub({ RawMessageDelivery: 'true', FilterPolicyScope: 'MessageAttributes' })).toBe(arn);
		expect(sub()).toBe(arn);
		expect(sub({})).toBe(arn);
		expect(sub({ FilterPolicyScope: 'MessageAttributes' })).toBe(arn);
		expect(
			errorOf(() => sub({ RawMessageDelivery: 'false', FilterPolicyScope: 'MessageBody' }))
		).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes'
		});
		expect(sns.listSubscriptionsByTopic({ TopicArn }).Subscriptions).toHaveLength(1);
	});

	it('SNS-API-1: Subscribe attribute errors carry "Attributes Reason:", SetSubscriptionAttributes ones do not', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_create_subscriptions_with_attributes,
		// test_validate_set_sub_attributes, test_subscribe_invalid_filter_policy
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		expect(
			errorOf(() =>
				sns.subscribe({
					TopicArn,
					Protocol: 'sqs',
					Endpoint: q.arn,
					Attributes: {
						RawMessageDelivery: 'wrongvalue',
						FilterPolicyScope: 'MessageBody',
						FilterPolicy: ''
					},
					ReturnSubscriptionArn: true
				})
			)
		).toMatchObject({
			name: INVALID,
			message:
				'Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.'
		});
		expect(
			firstLine(
				errorOf(() =>
					sns.subscribe({
						TopicArn,
						Protocol: 'sqs',
						Endpoint: q.arn,
						Attributes: { FilterPolicy: 'invalid' }
					})
				)
			)
		).toBe(
			"Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
		);
		const { SubscriptionArn } = sns.subscribe({
			TopicArn,
			Protocol: 'sqs',
			Endpoint: q.arn,
			Attributes: { RawMessageDelivery: 'TrUe', FilterPolicyScope: 'MessageBody', FilterPolicy: '' },
			ReturnSubscriptionArn: true
		});
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(attrs.RawMessageDelivery).toBe('true');
		expect(attrs.FilterPolicy).toBeUndefined();
		expect(attrs.FilterPolicyScope).toBeUndefined();
		const set = (AttributeName: string, AttributeValue: string) =>
			errorOf(() => sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName, AttributeValue }));
		expect(set('FakeAttribute', 'test-value')).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: AttributeName'
		});
		expect(set('RawMessageDelivery', 'test-ValUe')?.message).toBe(
			'Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.'
		);
		expect(set('RawMessageDelivery', '')?.message).toBe(
			'Invalid parameter: RawMessageDelivery: Invalid value []. Must be true or false.'
		);
		expect(set('RedrivePolicy', JSON.stringify({ deadLetterTargetArn: 'fake-arn' }))?.message).toBe(
			'Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn'
		);
		expect(firstLine(set('RedrivePolicy', '{invalidjson}'))).toBe(
			"Invalid parameter: RedrivePolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name"
		);
		expect(firstLine(set('FilterPolicy', '{invalidjson}'))).toBe(
			"Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name"
		);
	});

	it('SNS-API-1: an unknown protocol, a queue URL and a bad SMS number are refused as recorded', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_subscribe_with_invalid_protocol,
		// test_subscribe_sqs_queue_url, test_subscribe_unknown_sqs_queue, test_subscribe_invalid_sms,
		// test_subscribe_sms, test_subscribe_sms_obscure_phone_number
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(
			errorOf(() =>
				sns.subscribe({ TopicArn, Protocol: 'test-protocol', Endpoint: 'localstack@yopmail.com' })
			)
		).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Amazon SNS does not support this protocol string: test-protocol'
		});
		const q = queue('queue');
		for (const Endpoint of [q.url, 'unknown']) {
			expect(errorOf(() => sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint }))?.message).toBe(
				'Invalid parameter: SQS endpoint ARN'
			);
		}
		// An ARN of a queue that does not exist is accepted.
		expect(
			sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:unknown-q' })
				.SubscriptionArn
		).toMatch(/^arn:aws:sns:/);
		for (const n of ['+15--551234567', 'NAA+15551234567', '+15551234567.', '/+15551234567']) {
			expect(errorOf(() => sns.subscribe({ TopicArn, Protocol: 'sms', Endpoint: n }))).toMatchObject({
				name: INVALID,
				message: `Invalid SMS endpoint: ${n}`
			});
		}
		// SMS subscriptions are confirmed at once: the recordings return the subscription's ARN.
		for (const n of ['+1234567890', '+12/34-567.890']) {
			expect(sns.subscribe({ TopicArn, Protocol: 'sms', Endpoint: n }).SubscriptionArn).toMatch(
				new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`)
			);
		}
	});

	it('SNS-API-1: ConfirmSubscription: a non-hex token is "Invalid token", an unknown one "Invalid parameter: Token"', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_sns_confirm_subscription_wrong_token
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const wellFormed = '51b2ff3edb475b7d91550e0ab6edf0c1de2a34e6ebaf6c2262a001bcb7e051c4';
		expect(
			errorOf(() => sns.confirmSubscription({ TopicArn: `${TopicArn.slice(0, -1)}i`, Token: wellFormed }))
		).toMatchObject({ name: INVALID, message: 'Invalid parameter: Token' });
		expect(errorOf(() => sns.confirmSubscription({ TopicArn, Token: 'randomtoken' }))).toMatchObject({
			name: INVALID,
			message: 'Invalid token'
		});
		expect(errorOf(() => sns.confirmSubscription({ TopicArn, Token: wellFormed }))?.message).toBe(
			'Invalid parameter: Token'
		);
		// The real token confirms.
		sns.subscribe({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' });
		const token = sns.confirmationToken('https://example.com/hook') ?? '';
		expect(token).toMatch(/^[0-9a-f]+$/);
		expect(sns.confirmSubscription({ TopicArn, Token: token }).SubscriptionArn).toMatch(
			new RegExp(`^${TopicArn}:`)
		);
	});
});

describe('SNS-FP-1 FilterPolicyScope through SetSubscriptionAttributes', () => {
	it('SNS-FP-1, SNS-API-1: FilterPolicyScope is reported only with a FilterPolicy; a bad value is refused', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_set_subscription_filter_policy_scope
		const { sns, queue } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const attrs = () => sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(attrs().FilterPolicyScope).toBeUndefined();
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'FilterPolicyScope',
			AttributeValue: 'MessageBody'
		});
		expect(attrs().FilterPolicyScope).toBeUndefined();
		expect(
			errorOf(() =>
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'FilterPolicyScope',
					AttributeValue: 'RandomValue'
				})
			)
		).toMatchObject({
			name: INVALID,
			message:
				'Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes'
		});
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'FilterPolicy',
			AttributeValue: JSON.stringify({ attr: ['match-this'] })
		});
		expect(attrs()).toMatchObject({
			FilterPolicyScope: 'MessageBody',
			FilterPolicy: '{"attr":["match-this"]}'
		});
	});
});

describe('SNS-API-1 message attributes', () => {
	const cases: [string, Record<string, unknown>, string, string][] = [
		[
			'missing_string_attr',
			{ attr1: { DataType: 'String', StringValue: '' } },
			VALUE_INVALID,
			"The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."
		],
		[
			'fully_missing_string_attr',
			{ attr1: { DataType: 'String' } },
			VALUE_INVALID,
			"The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."
		],
		[
			'missing_binary_attr',
			{ attr1: { DataType: 'Binary', BinaryValue: new Uint8Array() } },
			VALUE_INVALID,
			"The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'Binary'."
		],
		[
			'str_attr_binary_value',
			{ attr1: { DataType: 'String', BinaryValue: new Uint8Array([49, 50, 51]) } },
			VALUE_INVALID,
			"The message attribute 'attr1' with type 'String' must use field 'String'."
		],
		[
			'int_attr_binary_value',
			{ attr1: { DataType: 'Number', BinaryValue: new Uint8Array([49, 50, 51]) } },
			VALUE_INVALID,
			"The message attribute 'attr1' with type 'Number' must use field 'String'."
		],
		[
			'binary_attr_string_value',
			{ attr1: { DataType: 'Binary', StringValue: '123' } },
			VALUE_INVALID,
			"The message attribute 'attr1' with type 'Binary' must use field 'Binary'."
		],
		[
			'invalid_attr_string_value',
			{ attr1: { DataType: 'InvalidType', StringValue: '123' } },
			VALUE_INVALID,
			"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
		],
		[
			'too_long_name',
			{ ['a'.repeat(257)]: { DataType: 'String', StringValue: '123' } },
			VALUE_INVALID,
			'Length of message attribute name must be less than 256 bytes.'
		],
		[
			'invalid_name',
			{ 'a^*?': { DataType: 'String', StringValue: '123' } },
			VALUE_INVALID,
			"Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."
		],
		[
			'invalid_name_2',
			{ '.abc': { DataType: 'String', StringValue: '123' } },
			VALUE_INVALID,
			"Invalid message attribute name starting with character '.' was found."
		],
		[
			'invalid_name_3',
			{ 'abc.': { DataType: 'String', StringValue: '123' } },
			VALUE_INVALID,
			"Invalid message attribute name ending with character '.' was found."
		],
		[
			'invalid_name_4',
			{ 'a..bc': { DataType: 'String', StringValue: '123' } },
			VALUE_INVALID,
			"Message attribute name can not have successive '.' character."
		]
	];

	it('SNS-API-1: Publish and PublishBatch refuse bad attribute names, types and values with the recorded texts', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_empty_or_wrong_message_attributes
		const { sns, queue, sqs } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		for (const [, attrs, name, message] of cases) {
			const MessageAttributes = attrs as never;
			expect(
				errorOf(() => sns.publish({ TopicArn, Message: 'test message', MessageAttributes }))
			).toMatchObject({ name, message });
			expect(
				errorOf(() =>
					sns.publishBatch({
						TopicArn,
						PublishBatchRequestEntries: [
							{ Id: '1', Message: 'test-batch', MessageAttributes },
							{ Id: '3', Message: 'valid-batch' }
						]
					})
				)
			).toMatchObject({ name, message });
		}
		// The whole batch failed: nothing was delivered.
		expect(sqs.receiveMessage({ QueueUrl: q.url, MaxNumberOfMessages: 10 }).Messages ?? []).toHaveLength(0);
	});

	it('SNS-API-1: a DataType is String, Number or Binary, optionally with a non-empty custom suffix', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_message_attributes_prefixes
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const pub = (DataType: string) =>
			sns.publish({
				TopicArn,
				Message: 'test message',
				MessageAttributes: { attr1: { DataType, StringValue: 'prefixed-1' } }
			});
		for (const DataType of ['String.', 'Stringprefixed']) {
			expect(errorOf(() => pub(DataType))).toMatchObject({
				name: VALUE_INVALID,
				message:
					"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
			});
		}
		expect(pub('String.prefixed').MessageId).toBeTruthy();
		expect(pub('String.  prefixed.').MessageId).toBeTruthy();
		// A 256-byte name is the longest allowed.
		expect(
			sns.publish({
				TopicArn,
				Message: 'm',
				MessageAttributes: { ['a'.repeat(256)]: { DataType: 'String', StringValue: 'v' } }
			}).MessageId
		).toBeTruthy();
	});
});

describe('SNS-API-1 Publish and PublishBatch limits', () => {
	it('SNS-API-1: Publish counts attribute names, types and values against the 256 KiB cap', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_too_long_message
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const attrs = { attr1: { DataType: 'Number', StringValue: '1' } };
		const attrsLen = 'attr1'.length + 'Number'.length + 1;
		const body = 'a'.repeat(262144 - attrsLen + 1);
		expect(
			errorOf(() => sns.publish({ TopicArn, Message: 'This is a test message'.repeat(12000) }))
		).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Message too long'
		});
		expect(errorOf(() => sns.publish({ TopicArn, Message: body, MessageAttributes: attrs }))?.message).toBe(
			'Invalid parameter: Message too long'
		);
		expect(
			sns.publish({ TopicArn, Message: body.slice(0, -1), MessageAttributes: attrs }).MessageId
		).toBeTruthy();
	});

	it('SNS-API-1: PublishBatch sums bodies and attributes against 256 KiB, failing the whole request', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_batch_too_long_message
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const max = 262144;
		const tooLong = {
			name: 'BatchRequestTooLongException',
			message: 'The length of all the messages put together is more than the limit.'
		};
		expect(
			errorOf(() =>
				sns.publishBatch({
					TopicArn,
					PublishBatchRequestEntries: [
						{ Id: '1', Message: 'a'.repeat(max / 2) },
						{ Id: '2', Message: 'b'.repeat(1 + max / 2) }
					]
				})
			)
		).toMatchObject(tooLong);
		const attrs = { attr1: { DataType: 'Number', StringValue: '1' } };
		const body = 'a'.repeat(max - ('attr1'.length + 'Number'.length + 1));
		expect(
			errorOf(() =>
				sns.publishBatch({
					TopicArn,
					PublishBatchRequestEntries: [
						{ Id: '1', Message: body, MessageAttributes: attrs },
						{ Id: '2', Message: 'b' }
					]
				})
			)
		).toMatchObject(tooLong);
		const ok = sns.publishBatch({
			TopicArn,
			PublishBatchRequestEntries: [
				{ Id: '1', Message: body.slice(0, -1), MessageAttributes: attrs },
				{ Id: '2', Message: 'b' }
			]
		});
		expect(ok.Successful.map((x) => x.Id)).toEqual(['1', '2']);
		expect(ok.Failed).toEqual([]);
	});

	it('SNS-API-1: PublishBatch entry ids are letters, digits, - and _, at most 80 characters', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_batch_invalid_entry_id
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const batch = (Id: string) =>
			sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id, Message: 'test message' }] });
		for (const id of ['message.id', 'msg@123#test']) {
			expect(errorOf(() => batch(id))).toMatchObject({
				name: 'InvalidBatchEntryIdException',
				message: `The Id of a batch entry in the batch request contains an impermissible character: ${id}`
			});
		}
		for (const id of ['a'.repeat(81), `my${'really'.repeat(13)}longid`]) {
			expect(errorOf(() => batch(id))).toMatchObject({
				name: 'InvalidBatchEntryIdException',
				message: `The Id of a batch entry in the batch request is too long: ${id}`
			});
		}
		expect(batch('a'.repeat(80)).Successful).toHaveLength(1);
		expect(batch('valid-message_123').Successful).toHaveLength(1);
	});

	it('SNS-API-1, SNS-FIFO-2: PublishBatch to a FIFO topic fails as a whole on group, dedup, count and id problems', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_batch_exceptions
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic.fifo', Attributes: { FifoTopic: 'true' } });
		const batch = (
			entries: { Id: string; Message: string; MessageGroupId?: string; MessageStructure?: string }[]
		) => errorOf(() => sns.publishBatch({ TopicArn, PublishBatchRequestEntries: entries }));
		expect(batch([{ Id: '1', Message: 'Test message without Group ID' }])).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics'
		});
		expect(
			batch(Array.from({ length: 11 }, (_, i) => ({ Id: `Id_${i}`, Message: 'Too many messages' })))
		).toMatchObject({
			name: 'TooManyEntriesInBatchRequestException',
			message: 'The batch request contains more entries than permissible.'
		});
		expect(
			batch([
				{ Id: '1', Message: 'Messages with the same ID' },
				{ Id: '1', Message: 'Messages with the same ID' }
			])
		).toMatchObject({
			name: 'BatchEntryIdsNotDistinctException',
			message: 'Two or more batch entries in the request have the same Id.'
		});
		expect(
			batch([{ Id: '1', Message: 'Test message without MessageDeduplicationId', MessageGroupId: 'msg1' }])
		).toMatchObject({
			name: INVALID,
			message:
				'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
		});
		expect(
			batch([{ Id: '1', Message: JSON.stringify({ sqs: 'test sqs' }), MessageStructure: 'json' }])?.message
		).toBe('Invalid parameter: Message Structure - No default entry in JSON message body');
	});

	it('SNS-API-1: PublishBatch to a missing topic is NotFound', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_batch_messages_without_topic
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(
			errorOf(() =>
				sns.publishBatch({
					TopicArn: `${TopicArn}fake-topic`,
					PublishBatchRequestEntries: [{ Id: '1', Message: 'm', Subject: 'Subject' }]
				})
			)
		).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist' });
	});

	it('SNS-API-1: an empty Subject and an empty message are refused', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_with_empty_subject, test_empty_sns_message
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(errorOf(() => sns.publish({ TopicArn, Subject: '', Message: '{"message":"x"}' }))).toMatchObject({
			name: INVALID,
			message: 'Invalid parameter: Subject'
		});
		expect(errorOf(() => sns.publish({ TopicArn, Message: '' }))?.message).toBe(
			'Invalid parameter: Empty message'
		);
	});
});

describe('SNS-FIFO-1 subscriptions', () => {
	it('SNS-FIFO-1: a FIFO queue cannot subscribe to a standard topic; FIFO subscriptions need FIFO DLQs', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_validations_for_fifo
		const { sns, queue } = world();
		const { TopicArn: std } = sns.createTopic({ Name: 'topic' });
		const { TopicArn: fifo } = sns.createTopic({ Name: 'topic.fifo', Attributes: { FifoTopic: 'true' } });
		const fifoQueue = queue('queue.fifo');
		const stdQueue = queue('queue');
		const stdDlq = queue('queue-dlq');
		expect(
			errorOf(() => sns.subscribe({ TopicArn: std, Protocol: 'sqs', Endpoint: fifoQueue.arn }))
		).toMatchObject({
			name: INVALID,
			message:
				'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics'
		});
		// A standard queue on a FIFO topic may use a standard DLQ.
		const stdSub = sns.subscribe({ TopicArn: fifo, Protocol: 'sqs', Endpoint: stdQueue.arn }).SubscriptionArn;
		sns.setSubscriptionAttributes({
			SubscriptionArn: stdSub,
			AttributeName: 'RedrivePolicy',
			AttributeValue: JSON.stringify({ deadLetterTargetArn: stdDlq.arn })
		});
		const fifoSub = sns.subscribe({
			TopicArn: fifo,
			Protocol: 'sqs',
			Endpoint: fifoQueue.arn
		}).SubscriptionArn;
		expect(
			errorOf(() =>
				sns.setSubscriptionAttributes({
					SubscriptionArn: fifoSub,
					AttributeName: 'RedrivePolicy',
					AttributeValue: JSON.stringify({ deadLetterTargetArn: stdQueue.arn })
				})
			)
		).toMatchObject({
			name: INVALID,
			message:
				'Invalid parameter: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.'
		});
		expect(errorOf(() => sns.publish({ TopicArn: fifo, Message: 'test' }))?.message).toBe(
			'Invalid parameter: The MessageGroupId parameter is required for FIFO topics'
		);
		expect(
			errorOf(() => sns.publish({ TopicArn: fifo, Message: 'test', MessageGroupId: 'g' }))?.message
		).toBe(
			'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
		);
		expect(
			errorOf(() => sns.publish({ TopicArn: std, Message: 'test', MessageDeduplicationId: 'd' }))?.message
		).toBe(
			'Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type'
		);
	});
});

describe('SNS-API-1 tags and ListSubscriptions', () => {
	it('SNS-API-1: TagResource refuses duplicated keys; tags are listed, removed and updated', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_tags, test_tags_removed_after_deletion
		const { sns } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		expect(
			errorOf(() =>
				sns.tagResource({
					ResourceArn: TopicArn,
					Tags: [
						{ Key: 'k1', Value: 'v1' },
						{ Key: 'k2', Value: 'v2' },
						{ Key: 'k2', Value: 'v2' }
					]
				})
			)
		).toMatchObject({ name: INVALID, message: 'Invalid parameter: Duplicated keys are not allowed.' });
		sns.tagResource({
			ResourceArn: TopicArn,
			Tags: [
				{ Key: 'k1', Value: 'v1' },
				{ Key: 'k2', Value: 'v2' }
			]
		});
		const tags = () => sns.listTagsForResource({ ResourceArn: TopicArn }).Tags;
		expect(tags()).toEqual([
			{ Key: 'k1', Value: 'v1' },
			{ Key: 'k2', Value: 'v2' }
		]);
		sns.untagResource({ ResourceArn: TopicArn, TagKeys: ['k1'] });
		expect(tags()).toEqual([{ Key: 'k2', Value: 'v2' }]);
		sns.tagResource({ ResourceArn: TopicArn, Tags: [{ Key: 'k2', Value: 'v2b' }] });
		expect(tags()).toEqual([{ Key: 'k2', Value: 'v2b' }]);
		sns.deleteTopic({ TopicArn });
		sns.createTopic({ Name: 'topic' });
		expect(tags()).toEqual([]);
	});

	it("SNS-API-1: ListSubscriptions lists every topic's subscriptions, pending ones as PendingConfirmation", () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_list_subscriptions (validated assertions),
		// test_publish_no_confirm_subscription
		const { sns, queue } = world();
		const { TopicArn: a } = sns.createTopic({ Name: 'a' });
		const { TopicArn: b } = sns.createTopic({ Name: 'b' });
		const created: [string, string][] = [];
		for (const [topic, n] of [
			[a, 1],
			[a, 2],
			[b, 3]
		] as const) {
			const q = queue(`q${n}`);
			sns.subscribe({ TopicArn: topic, Protocol: 'sqs', Endpoint: q.arn });
			created.push([topic, q.arn]);
		}
		sns.subscribe({ TopicArn: b, Protocol: 'email', Endpoint: 'ops@example.com' });
		const all = sns.listSubscriptions().Subscriptions;
		expect(all.map((s) => [s.TopicArn, s.Endpoint])).toEqual(expect.arrayContaining(created));
		expect(all.find((s) => s.Protocol === 'email')?.SubscriptionArn).toBe('PendingConfirmation');
	});
});
