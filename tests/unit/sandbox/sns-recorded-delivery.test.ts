// SNS deliveries as recorded from real AWS (LocalStack tests/aws/services/sns/test_sns.snapshot.json):
// subscription DLQs (SNS-DLQ-3), FIFO envelopes and ids (SNS-FIFO-1/-2), group ids on standard topics
// (SNS-FIFO-4) and raw delivery of Binary attributes (SNS-API-1).
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function world() {
	const sb = createSandbox({ seed: 5 });
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

const ATTRS = {
	attr1: { DataType: 'Number', StringValue: '111' },
	attr2: { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) }
};

describe('SNS-DLQ-3 the DLQ receives what the endpoint would have received', () => {
	for (const raw of [true, false]) {
		it(`SNS-DLQ-3: a deleted queue endpoint sends the ${raw ? 'raw message with its attributes' : 'JSON envelope'} to the DLQ`, () => {
			// Recorded: LocalStack test_sns.snapshot.json, test_redrive_policy_sqs_queue_subscription[True/False]
			const { sns, sqs, queue, receive } = world();
			const { TopicArn } = sns.createTopic({ Name: 'topic' });
			const q = queue('queue');
			const dlq = queue('dlq');
			const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'RedrivePolicy',
				AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn })
			});
			if (raw) {
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'RawMessageDelivery',
					AttributeValue: 'true'
				});
			}
			sqs.deleteQueue({ QueueUrl: q.url });
			const { MessageId } = sns.publish({
				TopicArn,
				Message: 'test_dlq_after_sqs_endpoint_deleted',
				MessageAttributes: ATTRS
			});
			const got = receive(dlq.url);
			expect(got).toHaveLength(1);
			const m = got[0];
			expect(Object.keys(m?.Attributes ?? {}).sort()).toEqual([
				'ApproximateFirstReceiveTimestamp',
				'ApproximateReceiveCount',
				'SenderId',
				'SentTimestamp'
			]);
			if (raw) {
				expect(m?.Body).toBe('test_dlq_after_sqs_endpoint_deleted');
				expect(m?.MessageAttributes?.attr1).toEqual({ DataType: 'Number', StringValue: '111' });
				// SNS-API-1: the Binary attribute arrives as bytes.
				expect(m?.MessageAttributes?.attr2?.DataType).toBe('Binary');
				expect([...((m?.MessageAttributes?.attr2?.BinaryValue as Uint8Array | undefined) ?? [])]).toEqual([
					2, 3, 4
				]);
			} else {
				expect(m?.MessageAttributes).toBeUndefined();
				const env = JSON.parse(m?.Body ?? '{}') as Record<string, unknown>;
				expect(Object.keys(env)).toEqual([
					'Type',
					'MessageId',
					'TopicArn',
					'Message',
					'Timestamp',
					'SignatureVersion',
					'Signature',
					'SigningCertURL',
					'UnsubscribeURL',
					'MessageAttributes'
				]);
				expect(env).toMatchObject({
					Type: 'Notification',
					MessageId,
					TopicArn,
					Message: 'test_dlq_after_sqs_endpoint_deleted',
					SignatureVersion: '1',
					MessageAttributes: {
						attr1: { Type: 'Number', Value: '111' },
						attr2: { Type: 'Binary', Value: 'AgME' }
					}
				});
				expect(env.UnsubscribeURL).toMatch(
					new RegExp(`\\?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}$`)
				);
			}
		});
	}

	for (const raw of [true, false]) {
		it(`SNS-DLQ-3, SNS-FIFO-1: a FIFO subscription's DLQ keeps the original group and deduplication id (${raw ? 'raw' : 'envelope'})`, () => {
			// Recorded: LocalStack test_sns.snapshot.json, test_publish_fifo_messages_to_dlq[True/False]
			const { sns, sqs, queue, receive } = world();
			const { TopicArn } = sns.createTopic({ Name: 'topic.fifo', Attributes: { FifoTopic: 'true' } });
			const q = queue('queue.fifo');
			const dlq = queue('dlq.fifo');
			const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
			if (raw) {
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'RawMessageDelivery',
					AttributeValue: 'true'
				});
			}
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'RedrivePolicy',
				AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn })
			});
			sqs.deleteQueue({ QueueUrl: q.url });
			const group = 'complexMessageGroupId';
			const out = sns.publishBatch({
				TopicArn,
				PublishBatchRequestEntries: [
					{
						Id: '1',
						MessageGroupId: group,
						Message: 'Test Message with two attributes',
						Subject: 'Subject',
						MessageAttributes: {
							attr1: { DataType: 'Number', StringValue: '99.12' },
							attr2: { DataType: 'Number', StringValue: '109.12' }
						},
						MessageDeduplicationId: 'MessageDeduplicationId-1'
					},
					{
						Id: '2',
						MessageGroupId: group,
						Message: 'Test Message with one attribute',
						Subject: 'Subject',
						MessageAttributes: { attr1: { DataType: 'Number', StringValue: '19.12' } },
						MessageDeduplicationId: 'MessageDeduplicationId-2'
					},
					{
						Id: '3',
						MessageGroupId: group,
						Message: 'Test Message without attribute',
						Subject: 'Subject',
						MessageDeduplicationId: 'MessageDeduplicationId-3'
					}
				]
			});
			expect(out.Failed).toEqual([]);
			expect(out.Successful.map((s) => s.Id)).toEqual(['1', '2', '3']);
			for (const s of out.Successful) expect(s.SequenceNumber).toMatch(/^\d+$/);
			const got = receive(dlq.url);
			expect(got.map((m) => m.Attributes?.MessageDeduplicationId)).toEqual([
				'MessageDeduplicationId-1',
				'MessageDeduplicationId-2',
				'MessageDeduplicationId-3'
			]);
			expect(got.map((m) => m.Attributes?.MessageGroupId)).toEqual([group, group, group]);
			if (raw) {
				expect(got.map((m) => m.Body)).toEqual([
					'Test Message with two attributes',
					'Test Message with one attribute',
					'Test Message without attribute'
				]);
				expect(got[0]?.MessageAttributes).toEqual({
					attr1: { DataType: 'Number', StringValue: '99.12' },
					attr2: { DataType: 'Number', StringValue: '109.12' }
				});
				expect(got[2]?.MessageAttributes).toBeUndefined();
			} else {
				const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
				// SNS-FIFO-1: no SignatureVersion, Signature or SigningCertURL in a FIFO topic's envelope.
				expect(Object.keys(env)).toEqual([
					'Type',
					'MessageId',
					'SequenceNumber',
					'TopicArn',
					'Subject',
					'Message',
					'Timestamp',
					'UnsubscribeURL',
					'MessageAttributes'
				]);
				expect(env).toMatchObject({
					MessageId: out.Successful[0]?.MessageId,
					SequenceNumber: out.Successful[0]?.SequenceNumber,
					Subject: 'Subject',
					Message: 'Test Message with two attributes'
				});
			}
			sns.publish({
				TopicArn,
				Message: 'test-message',
				MessageGroupId: 'message-group-id-1',
				MessageDeduplicationId: 'message-deduplication-id-1'
			});
			for (const m of got) sqs.deleteMessage({ QueueUrl: dlq.url, ReceiptHandle: m.ReceiptHandle ?? '' });
			const last = receive(dlq.url);
			expect(last.map((m) => [m.Attributes?.MessageGroupId, m.Attributes?.MessageDeduplicationId])).toEqual([
				['message-group-id-1', 'message-deduplication-id-1']
			]);
		});
	}
});

describe('SNS-FIFO-1 FIFO topics to standard queues', () => {
	it('SNS-FIFO-1: a standard queue on a FIFO topic gets the unsigned envelope, without group or dedup ids', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_fifo_topic_to_regular_sqs
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({
			Name: 'topic.fifo',
			Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }
		});
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		const { MessageId, SequenceNumber } = sns.publish({ TopicArn, Message: 'Test', MessageGroupId: 'g' });
		const got = receive(q.url);
		expect(got).toHaveLength(1);
		expect(Object.keys(got[0]?.Attributes ?? {}).sort()).toEqual([
			'ApproximateFirstReceiveTimestamp',
			'ApproximateReceiveCount',
			'SenderId',
			'SentTimestamp'
		]);
		const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(Object.keys(env)).toEqual([
			'Type',
			'MessageId',
			'SequenceNumber',
			'TopicArn',
			'Message',
			'Timestamp',
			'UnsubscribeURL'
		]);
		expect(env).toMatchObject({ Type: 'Notification', MessageId, SequenceNumber, TopicArn, Message: 'Test' });
		// SNS-FIFO-2: the same body again within 5 minutes is deduplicated.
		sns.publish({ TopicArn, Message: 'Test', MessageGroupId: 'g' });
		expect(receive(q.url)).toHaveLength(0);
	});
});

describe('SNS-FIFO-4 group ids on standard topics', () => {
	it('SNS-FIFO-4: a MessageGroupId published to a standard topic reaches a standard queue as its MessageGroupId', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_message_group_id
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.publish({
			TopicArn,
			Message: 'test signature value with attributes',
			MessageGroupId: 'my-group-id-1',
			MessageAttributes: { attr1: { DataType: 'Number', StringValue: '1' } }
		});
		const got = receive(q.url);
		expect(got).toHaveLength(1);
		expect(got[0]?.Attributes?.MessageGroupId).toBe('my-group-id-1');
		expect(got[0]?.MessageAttributes).toBeUndefined();
		const env = JSON.parse(got[0]?.Body ?? '{}') as Record<string, unknown>;
		expect(env).toMatchObject({
			Type: 'Notification',
			Message: 'test signature value with attributes',
			SignatureVersion: '1',
			MessageAttributes: { attr1: { Type: 'Number', Value: '1' } }
		});
		expect(env.SequenceNumber).toBeUndefined();
	});

	it("SNS-FIFO-4: without a MessageGroupId the standard queue's message has none", () => {
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } });
		sns.publish({ TopicArn, Message: 'plain' });
		sns.publish({ TopicArn, Message: 'grouped', MessageGroupId: 'tenant-a' });
		const got = receive(q.url);
		expect(got.map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([
			['plain', undefined],
			['grouped', 'tenant-a']
		]);
	});
});

describe('SNS-API-1 raw delivery', () => {
	it('SNS-API-1: raw delivery hands Binary attributes over as bytes, String and Number as text', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_redrive_policy_sqs_queue_subscription[True]
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } });
		// Given as base64 text, it still arrives as bytes.
		sns.publish({
			TopicArn,
			Message: 'raw',
			MessageAttributes: {
				attr1: { DataType: 'Number', StringValue: '111' },
				attr2: { DataType: 'Binary', BinaryValue: 'AgME' }
			}
		});
		const m = receive(q.url)[0];
		expect(m?.Body).toBe('raw');
		expect(m?.MessageAttributes?.attr1).toEqual({ DataType: 'Number', StringValue: '111' });
		const bin = m?.MessageAttributes?.attr2?.BinaryValue;
		expect(bin).toBeInstanceOf(Uint8Array);
		expect([...(bin as Uint8Array)]).toEqual([2, 3, 4]);
	});
});

describe('SNS-FIFO-1/-2 FIFO topics to FIFO queues', () => {
	for (const cbd of [true, false]) {
		it(`SNS-FIFO-1, SNS-FIFO-2: a FIFO queue gets the group and ${cbd ? "the body's SHA-256 as" : 'the given'} deduplication id`, () => {
			// Recorded: LocalStack test_sns.snapshot.json, test_message_to_fifo_sqs[True/False]
			const { sns, sqs, queue, receive } = world();
			const { TopicArn } = sns.createTopic({
				Name: 'topic.fifo',
				Attributes: { FifoTopic: 'true', ...(cbd ? { ContentBasedDeduplication: 'true' } : {}) }
			});
			const q = queue('queue.fifo');
			sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
			const input = {
				TopicArn,
				Message: 'Test',
				MessageGroupId: 'message-group-id-1',
				...(cbd ? {} : { MessageDeduplicationId: 'message-deduplication-id-1' })
			};
			const { MessageId, SequenceNumber } = sns.publish(input);
			const got = receive(q.url);
			expect(got).toHaveLength(1);
			expect(got[0]?.Attributes).toMatchObject({
				MessageGroupId: 'message-group-id-1',
				MessageDeduplicationId: cbd
					? '532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25'
					: 'message-deduplication-id-1'
			});
			expect(JSON.parse(got[0]?.Body ?? '{}')).toEqual({
				Type: 'Notification',
				MessageId,
				SequenceNumber,
				TopicArn,
				Message: 'Test',
				Timestamp: expect.stringMatching(/Z$/) as unknown,
				UnsubscribeURL: expect.stringContaining('?Action=Unsubscribe&SubscriptionArn=') as unknown
			});
			sqs.deleteMessage({ QueueUrl: q.url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
			// SNS-FIFO-2: republished within 5 minutes, it is accepted and not delivered.
			sns.publish(input);
			expect(receive(q.url)).toHaveLength(0);
		});
	}

	it('SNS-FIFO-3: with the default Topic scope the same body in another group is a duplicate', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_to_fifo_topic_deduplication_on_topic_level
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({
			Name: 'topic.fifo',
			Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }
		});
		const q = queue('queue.fifo');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.publish({ TopicArn, Message: 'Test', MessageGroupId: 'message-group-id-1' });
		sns.publish({ TopicArn, Message: 'Test', MessageGroupId: 'message-group-id-2' });
		const got = receive(q.url);
		expect(got.map((m) => m.Attributes?.MessageGroupId)).toEqual(['message-group-id-1']);
	});
});

describe('SNS-TOP-4 MessageStructure json', () => {
	it('SNS-TOP-4: an SQS subscription gets its "sqs" body, or the "default" one', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_message_structure_json_to_sqs
		const { sns, queue, receive } = world();
		const { TopicArn } = sns.createTopic({ Name: 'topic' });
		const q = queue('queue');
		sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
		sns.publish({
			TopicArn,
			Message: JSON.stringify({ default: 'default field', sqs: JSON.stringify({ field: 'value' }) }),
			MessageStructure: 'json'
		});
		sns.publish({
			TopicArn,
			Message: JSON.stringify({ default: 'default field' }),
			MessageStructure: 'json'
		});
		const bodies = receive(q.url).map((m) => (JSON.parse(m.Body ?? '{}') as { Message: string }).Message);
		expect(bodies.sort()).toEqual(['default field', '{"field":"value"}']);
	});
});
