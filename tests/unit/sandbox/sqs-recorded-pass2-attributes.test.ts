// Second pass over LocalStack's validated SQS recordings (test_sqs.py, test_sqs.snapshot.json): queue
// attributes, policies, redrive policies, dead-letter queues and message attributes. Each test names the
// rule(s) it checks and the recording it follows; codes and the first line of each message are compared as
// recorded.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import { epochMs } from '../../../src/lib/services/shared/aws';

function sandbox() {
	return createSandbox({ seed: 19, nondeterminism: 'off' });
}

function setup(attributes?: Record<string, string>, name = 'orders') {
	const sb = sandbox();
	const { QueueUrl } = sb.sqs.createQueue({
		QueueName: name,
		...(attributes ? { Attributes: attributes } : {})
	});
	return { sb, sqs: sb.sqs, url: QueueUrl };
}

type Sqs = ReturnType<typeof setup>['sqs'];

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

function arnOf(sqs: Sqs, url: string): string {
	return sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
}

/** The queue ARN built from its URL, as the recordings do (arn:aws:sqs:<region>:<account>:<name>). */
function arnFromUrl(url: string, region: string): string {
	const parts = url.split('/');
	return `arn:aws:sqs:${region}:${parts[parts.length - 2]}:${parts[parts.length - 1]}`;
}

function regionOf(arn: string): string {
	return arn.split(':')[3] ?? '';
}

const TEST_POLICY = JSON.stringify({
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Principal: { AWS: '*' },
			Action: 'sqs:SendMessage',
			Resource: "'$sqs_queue_arn'",
			Condition: { ArnEquals: { 'aws:SourceArn': "'$sns_topic_arn'" } }
		}
	]
});

describe('SQS-STD-13: Policy attribute', () => {
	it('SQS-STD-13: an unknown attribute name fails with InvalidAttributeName', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_get_queue_attributes_with_invalid_arg_returns_error (query API)
		const { sqs, url } = setup();
		expect(awsErr(() => sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Foobar'] }))).toEqual({
			code: 'InvalidAttributeName',
			message: 'Unknown Attribute Foobar.'
		});
	});

	it('SQS-STD-13: GetQueueAttributes with three names returns those three; CreatedTimestamp is epoch seconds', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_and_get_attributes
		const { sb, sqs, url } = setup(undefined, 'test-queue-1');
		const a =
			sqs.getQueueAttributes({
				QueueUrl: url,
				AttributeNames: ['QueueArn', 'CreatedTimestamp', 'VisibilityTimeout']
			}).Attributes ?? {};
		expect(Object.keys(a).sort()).toEqual(['CreatedTimestamp', 'QueueArn', 'VisibilityTimeout']);
		expect(a.QueueArn).toContain('test-queue-');
		expect(a.CreatedTimestamp).toMatch(/^\d+$/);
		expect(Math.abs(Number(a.CreatedTimestamp) - Math.floor(epochMs(sb.now()) / 1000))).toBeLessThanOrEqual(
			30
		);
		expect(a.VisibilityTimeout).toBe('30');
	});

	it('SQS-STD-13: a Policy set is returned by All and by name', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_set_queue_policy
		const { sqs, url } = setup();
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: TEST_POLICY } });
		for (const name of ['All', 'Policy']) {
			const policy = JSON.parse(
				sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: [name] }).Attributes?.Policy ?? '{}'
			) as { Statement: { Action: string }[] };
			expect(policy.Statement[0]?.Action).toBe('sqs:SendMessage');
		}
	});

	it('SQS-STD-13: an empty Policy removes it from the attributes', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_set_empty_queue_policy
		const { sqs, url } = setup();
		const all = () => sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: '' } });
		expect('Policy' in all()).toBe(false);
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: TEST_POLICY } });
		expect(all().Policy).toContain('sqs:SendMessage');
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: '' } });
		expect('Policy' in all()).toBe(false);
	});
});

describe('SQS-DLQ: redrive policies', () => {
	it('SQS-DLQ-1: a RedrivePolicy needs both a target ARN and a numeric maxReceiveCount', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_redrive_policy_attribute_validity
		const sb = sandbox();
		const dlq = sb.sqs.createQueue({ QueueName: 'dl-queue' }).QueueUrl;
		const deadLetterTargetArn = arnOf(sb.sqs, dlq);
		const url = sb.sqs.createQueue({ QueueName: 'queue' }).QueueUrl;
		const set = (policy: object) => () =>
			sb.sqs.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: JSON.stringify(policy) } });
		expect(awsErr(set({ deadLetterTargetArn })).code).toBe('InvalidParameterValue');
		expect(awsErr(set({ maxReceiveCount: '42' })).code).toBe('InvalidParameterValue');
		expect(awsErr(set({ deadLetterTargetArn, maxReceiveCount: 'invalid' })).code).toBe(
			'InvalidParameterValue'
		);
		expect(awsErr(set({ deadLetterTargetArn, maxReceiveCount: '42' })).code).toBe('no error');
	});

	it('SQS-DLQ-1: a malformed deadLetterTargetArn is rejected with InvalidParameterValue', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_invalid_dead_letter_arn_rejected_before_lookup
		const sb = sandbox();
		expect(
			awsErr(() =>
				sb.sqs.createQueue({
					QueueName: 'q',
					Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'dummy', maxReceiveCount: 42 }) }
				})
			).code
		).toBe('InvalidParameterValue');
	});

	it('SQS-DLQ-1: a queue can be created with a RedrivePolicy naming an ARN built from the DLQ URL', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_dead_letter_queue_config
		const sb = sandbox();
		const dlq = sb.sqs.createQueue({ QueueName: 'dead_letter_queue-1' }).QueueUrl;
		const target = arnFromUrl(dlq, regionOf(arnOf(sb.sqs, dlq)));
		expect(target).toBe(arnOf(sb.sqs, dlq));
		const conf = JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: 50 });
		expect(
			sb.sqs.createQueue({ QueueName: 'queue-1', Attributes: { RedrivePolicy: conf } }).QueueUrl
		).toBeTruthy();
	});

	it('SQS-DLQ-1: ListDeadLetterSourceQueues lists every queue redriving to the DLQ', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_dead_letter_queue_list_sources
		const sb = sandbox();
		const dlq = sb.sqs.createQueue({ QueueName: 'dlq' }).QueueUrl;
		const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: arnOf(sb.sqs, dlq), maxReceiveCount: 50 });
		const q1 = sb.sqs.createQueue({ QueueName: 'src-1', Attributes: { RedrivePolicy } }).QueueUrl;
		const q2 = sb.sqs.createQueue({ QueueName: 'src-2', Attributes: { RedrivePolicy } }).QueueUrl;
		const urls = sb.sqs.listDeadLetterSourceQueues({ QueueUrl: dlq }).queueUrls;
		expect(urls).toHaveLength(2);
		expect(urls).toEqual(expect.arrayContaining([q1, q2]));
	});

	it('SQS-DLQ-1: with maxReceiveCount 1 the second receive moves the message to the DLQ, same MessageId', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_dead_letter_queue_max_receive_count
		const sb = sandbox();
		const dlq = sb.sqs.createQueue({
			QueueName: 'dl-queue',
			Attributes: { VisibilityTimeout: '0' }
		}).QueueUrl;
		const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: arnOf(sb.sqs, dlq), maxReceiveCount: 1 });
		const url = sb.sqs.createQueue({
			QueueName: 'queue',
			Attributes: { RedrivePolicy, VisibilityTimeout: '0' }
		}).QueueUrl;
		const sent = sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'test' });
		const r1 = sb.sqs.receiveMessage({ QueueUrl: url }).Messages;
		const r2 = sb.sqs.receiveMessage({ QueueUrl: url }).Messages;
		expect([r1?.length ?? 0, r2?.length ?? 0].sort()).toEqual([0, 1]);
		sb.advanceTime(1_000);
		const dead = sb.sqs.receiveMessage({ QueueUrl: dlq }).Messages ?? [];
		expect(dead.map((m) => m.MessageId)).toEqual([sent.MessageId]);
	});

	it('SQS-STD-13: GetQueueAttributes returns only the names asked for; RedrivePolicy keeps a numeric count', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_get_specific_queue_attribute_response
		const sb = sandbox();
		const dlq = sb.sqs.createQueue({ QueueName: 'dead_letter_queue-1' }).QueueUrl;
		const url = sb.sqs.createQueue({
			QueueName: 'queue-1',
			Attributes: {
				MessageRetentionPeriod: '604800',
				DelaySeconds: '10',
				RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(sb.sqs, dlq), maxReceiveCount: 10 })
			}
		}).QueueUrl;
		const two =
			sb.sqs.getQueueAttributes({
				QueueUrl: url,
				AttributeNames: ['MessageRetentionPeriod', 'RedrivePolicy']
			}).Attributes ?? {};
		expect(Object.keys(two).sort()).toEqual(['MessageRetentionPeriod', 'RedrivePolicy']);
		expect(two.MessageRetentionPeriod).toBe('604800');
		expect((JSON.parse(two.RedrivePolicy ?? '{}') as { maxReceiveCount: unknown }).maxReceiveCount).toBe(10);
		const arn = arnOf(sb.sqs, url);
		expect(arn).toBe(arnFromUrl(url, regionOf(arn)));
	});
});

describe('SQS-STD-10/13: message bodies and attributes', () => {
	it('SQS-STD-13: String message attributes come back as sent, with the send MD5', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_with_attributes
		const { sqs, url } = setup();
		const MessageAttributes = {
			attr1: { StringValue: 'test1', DataType: 'String' },
			attr2: { StringValue: 'test2', DataType: 'String' }
		};
		const sent = sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageAttributes });
		const m = sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] }).Messages?.[0];
		expect(m?.MessageId).toBe(sent.MessageId);
		expect(m?.MessageAttributes).toEqual(MessageAttributes);
		expect(m?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
	});

	it('SQS-STD-13: a receive does not change the attributes a later receive sees', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_sent_message_retains_attributes_after_receive
		const { sqs, url } = setup();
		const MessageAttributes = { attr1: { StringValue: 'test1', DataType: 'String' } };
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageAttributes });
		sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0, MessageAttributeNames: ['All'] });
		const m = sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] }).Messages?.[0];
		expect(m?.MessageAttributes).toEqual(MessageAttributes);
	});

	it('SQS-STD-13: a Number attribute comes back as sent', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_message_with_attributes_should_be_enqueued
		const { sqs, url } = setup();
		const MessageAttributes = { timestamp: { DataType: 'Number', StringValue: '1614717034367' } };
		const sent = sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageAttributes });
		const m = sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] }).Messages?.[0];
		expect(m?.MessageId).toBe(sent.MessageId);
		expect(m?.MessageAttributes).toEqual(MessageAttributes);
	});

	it('SQS-STD-10: carriage returns and entities in a body arrive unchanged, with the same MD5', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_message_with_carriage_return
		const { sqs, url } = setup();
		const body = '{\r\n"machineID" : "d357006e26ff47439e1ef894225d4307"}';
		const sent = sqs.sendMessage({ QueueUrl: url, MessageBody: body });
		const m = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(m?.MD5OfBody).toBe(sent.MD5OfMessageBody);
		expect(m?.Body).toBe(body);
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_receive_message_encoded_content
		sqs.sendMessage({ QueueUrl: url, MessageBody: '"&quot;&quot;\r' });
		expect((sqs.receiveMessage({ QueueUrl: url }).Messages ?? []).map((x) => x.Body)).toEqual([
			'"&quot;&quot;\r'
		]);
	});

	it('SQS-STD-1: a message sent to one queue is not received from another', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_receive_message_multiple_queues
		const sb = sandbox();
		const q0 = sb.sqs.createQueue({ QueueName: 'q0' }).QueueUrl;
		const q1 = sb.sqs.createQueue({ QueueName: 'q1' }).QueueUrl;
		sb.sqs.sendMessage({ QueueUrl: q0, MessageBody: 'message' });
		expect(sb.sqs.receiveMessage({ QueueUrl: q1 }).Messages ?? []).toEqual([]);
		expect((sb.sqs.receiveMessage({ QueueUrl: q0 }).Messages ?? []).map((m) => m.Body)).toEqual(['message']);
	});

	it('SQS-STD-7: SentTimestamp and ApproximateFirstReceiveTimestamp are whole epoch milliseconds', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_message_attributes_timestamp_types
		const { sb, sqs, url } = setup();
		sb.advanceTime(1_234);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'message' });
		const a = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0, AttributeNames: ['All'] })
			.Messages?.[0]?.Attributes;
		expect(a?.SentTimestamp).toMatch(/^\d+$/);
		expect(a?.ApproximateFirstReceiveTimestamp).toMatch(/^\d+$/);
		expect(Math.abs(Number(a?.SentTimestamp) - Number(a?.ApproximateFirstReceiveTimestamp))).toBeLessThan(
			1_000
		);
	});
});
