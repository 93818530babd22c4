// Second pass over LocalStack's real-AWS filter-policy recordings
// (tests/aws/services/sns/test_sns_filter_policy.snapshot.json, validated tests): which messages a filtered
// SQS subscription receives (SNS-FP-*), through the sandbox.
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
	const sb = createSandbox({ seed: 19 });
	const { TopicArn } = sb.sns.createTopic({ Name: 'topic' });
	const url = sb.sqs.createQueue({ QueueName: 'queue' }).QueueUrl;
	const arn =
		sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
	const drain = () => {
		const out: string[] = [];
		for (;;) {
			const got = sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
			if (got.length === 0) return out;
			for (const m of got) {
				out.push(m.Body ?? '');
				sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle ?? '' });
			}
		}
	};
	/** The fixture sns_create_sqs_subscription_with_filter_policy: raw delivery, a scope and a policy. */
	const filtered = (scope: string, policy: unknown) =>
		sb.sns.subscribe({
			TopicArn,
			Protocol: 'sqs',
			Endpoint: arn,
			Attributes: {
				RawMessageDelivery: 'true',
				FilterPolicyScope: scope,
				FilterPolicy: JSON.stringify(policy)
			}
		}).SubscriptionArn;
	const publishJson = (m: unknown) => sb.sns.publish({ TopicArn, Message: JSON.stringify(m) });
	return { sb, sns: sb.sns, TopicArn, arn, drain, filtered, publishJson };
}

describe('SNS-FP filter policies as recorded', () => {
	it('SNS-FP-15: a nested policy is refused in attribute scope and accepted once the scope is MessageBody', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_sub_filter_policy_nested_property
		const { sns, TopicArn, arn } = world();
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn });
		const nested = { object: { key: [{ prefix: 'auto-' }] } };
		expect(
			errorOf(() =>
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'FilterPolicy',
					AttributeValue: JSON.stringify(nested)
				})
			)
		).toMatchObject({
			name: 'InvalidParameterException',
			message:
				'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy'
		});
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'FilterPolicyScope',
			AttributeValue: 'MessageBody'
		});
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'FilterPolicy',
			AttributeValue: JSON.stringify(nested)
		});
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes;
		expect(JSON.parse(attrs.FilterPolicy ?? '')).toEqual(nested);
		expect(attrs.FilterPolicyScope).toBe('MessageBody');
	});

	it('SNS-FP-15: a dotted policy key matches nested objects and dotted body keys alike', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_on_message_body_dot_attribute
		const { sns, TopicArn, arn, drain, publishJson } = world();
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn });
		sns.setSubscriptionAttributes({
			SubscriptionArn,
			AttributeName: 'FilterPolicyScope',
			AttributeValue: 'MessageBody'
		});
		const setPolicy = (p: unknown) =>
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'FilterPolicy',
				AttributeValue: JSON.stringify(p)
			});
		setPolicy({ 'object.nested': ['string.value'] });
		expect(drain()).toEqual([]);
		const accepted = [{ object: { nested: 'string.value' } }, { 'object.nested': 'string.value' }];
		for (const m of accepted) {
			publishJson(m);
			expect(drain().map((b) => (JSON.parse(b) as { Message: string }).Message)).toEqual([JSON.stringify(m)]);
		}
		publishJson({ object: { nested: 'test-auto' } });
		expect(drain()).toEqual([]);
		setPolicy({ 'object.nested.test': ['string.value'] });
		const deep = [
			{ object: { nested: { test: 'string.value' } } },
			{ 'object.nested.test': 'string.value' },
			{ 'object.nested': { test: 'string.value' } },
			{ object: { 'nested.test': 'string.value' } }
		];
		for (const m of deep) {
			publishJson(m);
			expect(drain()).toHaveLength(1);
		}
		publishJson({ object: { nested: { test: 'string.notvalue' } } });
		expect(drain()).toEqual([]);
	});

	it('SNS-FP-15: body policies reach into arrays of objects (and lists of lists) at any depth', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_on_message_body_array_of_object_attributes
		const { filtered, publishJson, drain } = world();
		filtered('MessageBody', {
			Records: {
				s3: { object: { key: [{ prefix: 'auto-' }] } },
				eventName: [{ prefix: 'ObjectCreated:' }]
			}
		});
		const created = {
			Records: [
				{
					eventSource: 'aws:s3',
					eventTime: '2022-11-21T03:41:29.743Z',
					eventName: 'ObjectCreated:Put',
					s3: {
						bucket: { name: 'insurance-bucket-demo', arn: 'arn:aws:s3:::insurance-bucket-demo' },
						object: { key: 'auto-insurance-2314.xml', size: 17 }
					}
				}
			]
		};
		const removed = structuredClone(created);
		(removed.Records[0] as { eventName: string }).eventName = 'ObjectRemoved:Delete';
		const home = structuredClone(created);
		(home.Records[0] as { s3: { object: { key: string } } }).s3.object.key = 'home-insurance-2314.xml';
		const multiple = {
			Records: [
				{
					eventSource: 'aws:s3',
					eventName: 'ObjectCreated:Put',
					s3: { object: [[{ key: 'auto-insurance-2314.xml', size: 17 }]] }
				},
				{
					eventSource: 'aws:s3',
					eventName: 'ObjectRemoved:Delete',
					s3: { object: { key: 'home-insurance-2314.xml', size: 17 } }
				}
			]
		};
		for (const m of [multiple, removed, home, created]) publishJson(m);
		expect(drain().sort()).toEqual([JSON.stringify(multiple), JSON.stringify(created)].sort());
	});

	it('SNS-FP-5: [""] matches an empty string in the body; empty arrays and nulls elsewhere do not matter', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_empty_array_payload
		const { filtered, publishJson, drain } = world();
		filtered('MessageBody', { detail: { eventVersion: [''] } });
		const message = {
			version: '0',
			id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
			'detail-type': 'EC2 Instance Launch Successful',
			source: 'aws.autoscaling',
			account: '123456789012',
			time: '2015-11-11T21:31:47Z',
			region: 'my-region',
			resources: [],
			detail: { eventVersion: '', responseElements: null }
		};
		publishJson(message);
		expect(drain()).toEqual([JSON.stringify(message)]);
	});

	it('SNS-FP-13: cidr inside $or matches IPv4 in the block and expanded IPv6 in the /64', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_ip_address_condition
		const { filtered, publishJson, drain } = world();
		filtered('MessageBody', {
			detail: {
				$or: [
					{ sourceIPAddress: [{ cidr: '10.0.0.0/24' }] },
					{ sourceIPAddressV6: [{ cidr: '2001:db8:1234:1a00::/64' }] }
				]
			}
		});
		const base = {
			source: 'test-source',
			'detail-type': 'test-detail-type',
			account: '123456789012',
			region: 'my-region',
			time: '2022-07-13T13:48:01Z'
		};
		const messages = [
			{ id: '1', ...base, detail: { sourceIPAddress: '10.0.0.255' } },
			{ id: '2', ...base, detail: { sourceIPAddress: '10.0.0.256' } },
			{ id: '3', ...base, detail: { sourceIPAddressV6: '2001:0db8:1234:1a00:0000:0000:0000:0000' } },
			{ id: '4', ...base, detail: { sourceIPAddressV6: '2001:0db8:123f:1a01:0000:0000:0000:0000' } }
		];
		for (const m of messages) publishJson(m);
		expect(
			drain()
				.map((b) => (JSON.parse(b) as { id: string }).id)
				.sort()
		).toEqual(['1', '3']);
	});

	it('SNS-FP-3: an exact-string policy matches a String and any element of a String.Array', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_exists_filter_policy_attributes_array
		const { sns, sb, TopicArn, filtered, drain } = world();
		const sub = filtered('MessageAttributes', { store: ['value1'] });
		const attrs = sns.getSubscriptionAttributes({ SubscriptionArn: sub }).Attributes;
		expect(JSON.parse(attrs.FilterPolicy ?? '')).toEqual({ store: ['value1'] });
		expect(attrs).toMatchObject({ FilterPolicyScope: 'MessageAttributes', RawMessageDelivery: 'true' });
		expect(drain()).toEqual([]);
		const publish = (Message: string, DataType: string, StringValue: string) =>
			sb.sns.publish({ TopicArn, Message, MessageAttributes: { store: { DataType, StringValue } } });
		publish('message-1', 'String', 'value1');
		expect(drain()).toEqual(['message-1']);
		publish('message-2', 'String.Array', JSON.stringify(['value1', 'value2']));
		expect(drain()).toEqual(['message-2']);
		publish('message-3', 'String.Array', JSON.stringify(['value2', 'value3']));
		expect(drain()).toEqual([]);
	});

	it('SNS-FP-12: [null, anything-but] does not match a message without attributes; an empty policy removes the filter', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy
		const { sns, TopicArn, arn, drain } = world();
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn });
		const set = (v: string) =>
			sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: v });
		set(JSON.stringify({ attr1: [{ numeric: ['>', 0, '<=', 100] }] }));
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.FilterPolicyScope).toBe(
			'MessageAttributes'
		);
		expect(drain()).toEqual([]);
		const messageOf = (b: string) => (JSON.parse(b) as { Message: string }).Message;
		sns.publish({
			TopicArn,
			Message: 'This is a test message',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99' } }
		});
		sns.publish({
			TopicArn,
			Message: 'This is another test message',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '111' } }
		});
		expect(drain().map(messageOf)).toEqual(['This is a test message']);
		const orNull = JSON.stringify({ attr1: [null, { 'anything-but': 'whatever' }] });
		set(orNull);
		expect(
			JSON.parse(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.FilterPolicy ?? '')
		).toEqual({
			attr1: [null, { 'anything-but': 'whatever' }]
		});
		sns.publish({ TopicArn, Message: 'This the test message for null' });
		expect(drain()).toEqual([]);
		set('');
		expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes.FilterPolicy).toBeUndefined();
		sns.publish({ TopicArn, Message: 'This the test message for null' });
		expect(drain().map(messageOf)).toEqual(['This the test message for null']);
	});

	it('SNS-FP-12: exists true needs the attribute; exists false needs it absent among other attributes', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_exists_filter_policy
		const { sns, TopicArn, arn, drain } = world();
		const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn });
		const set = (p: unknown) =>
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'FilterPolicy',
				AttributeValue: JSON.stringify(p)
			});
		const N = (v: string) => ({ DataType: 'Number', StringValue: v });
		const messageOf = (b: string) => (JSON.parse(b) as { Message: string }).Message;
		set({ store: [{ exists: true }] });
		sns.publish({ TopicArn, Message: 'message-1', MessageAttributes: { store: N('99'), def: N('99') } });
		sns.publish({ TopicArn, Message: 'message-2', MessageAttributes: { attr1: N('111') } });
		expect(drain().map(messageOf)).toEqual(['message-1']);
		set({ store: [{ exists: false }] });
		sns.publish({ TopicArn, Message: 'message-3', MessageAttributes: { def: N('99') } });
		sns.publish({ TopicArn, Message: 'message-4', MessageAttributes: { store: N('99'), def: N('99') } });
		expect(drain().map(messageOf)).toEqual(['message-3']);
	});

	it('SNS-FP-4: PublishBatch entries are filtered per subscription like single publishes', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_for_batch
		const { sb, sns, TopicArn, arn, drain } = world();
		const otherUrl = sb.sqs.createQueue({ QueueName: 'no-filter' }).QueueUrl;
		const otherArn =
			sb.sqs.getQueueAttributes({ QueueUrl: otherUrl, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ??
			'';
		const withFilter = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn }).SubscriptionArn;
		const noFilter = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: otherArn }).SubscriptionArn;
		sns.setSubscriptionAttributes({
			SubscriptionArn: withFilter,
			AttributeName: 'FilterPolicy',
			AttributeValue: JSON.stringify({ attr1: [{ numeric: ['>', 0, '<=', 100] }] })
		});
		expect(
			sns.getSubscriptionAttributes({ SubscriptionArn: noFilter }).Attributes.FilterPolicy
		).toBeUndefined();
		const drainOther = () => {
			const got = sb.sqs.receiveMessage({ QueueUrl: otherUrl, MaxNumberOfMessages: 10 }).Messages ?? [];
			for (const m of got) sb.sqs.deleteMessage({ QueueUrl: otherUrl, ReceiptHandle: m.ReceiptHandle ?? '' });
			return got.map((m) => (JSON.parse(m.Body ?? '{}') as { Message: string }).Message);
		};
		const batch = (Message: string, value: string) =>
			sns.publishBatch({
				TopicArn,
				PublishBatchRequestEntries: [
					{ Id: '1', Message, MessageAttributes: { attr1: { DataType: 'Number', StringValue: value } } }
				]
			});
		batch('This is a test message', '99');
		expect(drainOther()).toEqual(['This is a test message']);
		expect(drain()).toHaveLength(1);
		batch('This is another test message', '111');
		expect(drainOther()).toEqual(['This is another test message']);
		expect(drain()).toEqual([]);
	});

	for (const raw of [true, false]) {
		it(`SNS-FP-15: body policy with nested exists:false and prefix-or-value; non-object bodies match nothing (raw ${raw})`, () => {
			// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_on_message_body[True/False]
			const { sns, TopicArn, arn, drain, publishJson } = world();
			const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn });
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'FilterPolicyScope',
				AttributeValue: 'MessageBody'
			});
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'FilterPolicy',
				AttributeValue: JSON.stringify({
					object: { key: [{ prefix: 'auto-' }, 'hardcodedvalue'], nested_key: [{ exists: false }] },
					test: [{ exists: false }]
				})
			});
			if (raw) {
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'RawMessageDelivery',
					AttributeValue: 'true'
				});
			}
			expect(drain()).toEqual([]);
			const bodyOf = (b: string) => (raw ? b : (JSON.parse(b) as { Message: string }).Message);
			for (const m of [{ object: { key: 'auto-test' } }, { object: { key: 'hardcodedvalue' } }]) {
				publishJson(m);
				expect(drain().map(bodyOf)).toEqual([JSON.stringify(m)]);
			}
			for (const m of [
				{ object: { key: 'test-auto' } },
				{ object: { key: 'auto-test' }, test: 'just-exists' },
				{ object: { key: 'auto-test', nested_key: 'just-exists' } },
				{ object: { test: 'auto-test' } },
				{ test: 'auto-test' }
			]) {
				publishJson(m);
			}
			expect(drain()).toEqual([]);
			sns.publish({ TopicArn, Message: 'Regular string message' });
			sns.publish({ TopicArn, Message: JSON.stringify('Regular string message') });
			expect(drain()).toEqual([]);
		});
	}

	it('SNS-FP-3: a body policy matches any element of a JSON array', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_on_message_body_array_attributes
		const { sb, TopicArn, filtered, publishJson, drain } = world();
		filtered('MessageBody', { headers: { 'route-to': ['queue1'] } });
		const url2 = sb.sqs.createQueue({ QueueName: 'queue2' }).QueueUrl;
		const arn2 =
			sb.sqs.getQueueAttributes({ QueueUrl: url2, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
		sb.sns.subscribe({
			TopicArn,
			Protocol: 'sqs',
			Endpoint: arn2,
			Attributes: {
				RawMessageDelivery: 'true',
				FilterPolicyScope: 'MessageBody',
				FilterPolicy: JSON.stringify({ headers: { 'route-to': ['queue2'] } })
			}
		});
		const messages = [['queue3'], ['queue1'], ['queue2'], ['queue1', 'queue2']].map((r) => ({
			headers: { 'route-to': r }
		}));
		for (const m of messages) publishJson(m);
		const q2 = (sb.sqs.receiveMessage({ QueueUrl: url2, MaxNumberOfMessages: 10 }).Messages ?? []).map(
			(m) => m.Body
		);
		expect(drain().sort()).toEqual([JSON.stringify(messages[1]), JSON.stringify(messages[3])].sort());
		expect(q2.sort()).toEqual([JSON.stringify(messages[2]), JSON.stringify(messages[3])].sort());
	});

	it('SNS-FP-14: $or at the top and inside a nested object, ANDed with its sibling keys', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_filter_policy_on_message_body_or_attribute
		const { filtered, publishJson, drain } = world();
		filtered('MessageBody', {
			$or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
			detail: {
				scope: ['Service'],
				$or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }]
			}
		});
		const failing = [
			{
				metricName: 'CPUUtilization',
				detail: { scope: 'aws.cloudwatch', type: 'CloudWatch Alarm State Change' }
			},
			{ metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CPUUtilization' } },
			{ metricName: 'CPUUtilization', detail: { type: 'CloudWatch Alarm State Change' } },
			{ metricName: 'CPUUtilization', detail: { scope: 'Service' } },
			{ metricName: 'CPUUtilization', scope: 'Service' },
			{ metricName: 'AWS/EC2', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } },
			{ namespace: 'CPUUtilization', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } }
		];
		const passing = [
			{ metricName: 'CPUUtilization', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
			{ metricName: 'ReadLatency', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
			{ namespace: 'AWS/EC2', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
			{ namespace: 'AWS/ES', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
			{ metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } }
		];
		for (const m of [...failing, ...passing]) publishJson(m);
		expect(drain().sort()).toEqual(passing.map((m) => JSON.stringify(m)).sort());
	});
});
