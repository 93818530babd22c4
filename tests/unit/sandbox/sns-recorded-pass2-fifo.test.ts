// Second pass over LocalStack's real-AWS SNS recordings (tests/aws/services/sns/test_sns.snapshot.json,
// validated tests not replayed elsewhere): FIFO topics delivering to FIFO queues (SNS-FIFO-1/-2).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';
import type { SnsAttributes } from '../../../src/lib/services/sns';

function world() {
	const sb = createSandbox({ seed: 13 });
	const queue = (name: string, attributes: Record<string, string> = {}) => {
		const url = sb.sqs.createQueue({
			QueueName: name,
			Attributes: { ...(name.endsWith('.fifo') ? { FifoQueue: 'true' } : {}), ...attributes }
		}).QueueUrl;
		const arn =
			sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
		return { url, arn };
	};
	const drain = (url: string) => {
		const out = [];
		for (;;) {
			const got =
				sb.sqs.receiveMessage({
					QueueUrl: url,
					MaxNumberOfMessages: 10,
					VisibilityTimeout: 10,
					AttributeNames: ['All'],
					MessageAttributeNames: ['All']
				}).Messages ?? [];
			if (got.length === 0) return out;
			for (const m of got) {
				out.push(m);
				sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle ?? '' });
			}
		}
	};
	return { sb, sns: sb.sns, sqs: sb.sqs, queue, drain };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('SNS-FIFO-2 FIFO topic to FIFO queue', () => {
	for (const cbd of [true, false]) {
		it(`SNS-FIFO-2: a batch to a raw FIFO subscription keeps group, dedup ids and order; republishing is deduplicated (ContentBasedDeduplication ${cbd})`, () => {
			// Recorded: LocalStack test_sns.snapshot.json, test_publish_batch_messages_from_fifo_topic_to_fifo_queue[True/False]
			const { sns, queue, drain } = world();
			const { TopicArn } = sns.createTopic({
				Name: 'topic.fifo',
				Attributes: { FifoTopic: 'true', ...(cbd ? { ContentBasedDeduplication: 'true' } : {}) }
			});
			expect(sns.getTopicAttributes({ TopicArn }).Attributes).toMatchObject({
				ContentBasedDeduplication: cbd ? 'true' : 'false',
				DisplayName: '',
				FifoTopic: 'true',
				SubscriptionsConfirmed: '0',
				SubscriptionsDeleted: '0',
				SubscriptionsPending: '0',
				TopicArn
			});
			const q = queue('queue.fifo', cbd ? { ContentBasedDeduplication: 'true' } : {});
			const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
			sns.setSubscriptionAttributes({
				SubscriptionArn,
				AttributeName: 'RawMessageDelivery',
				AttributeValue: 'true'
			});
			expect(sns.getSubscriptionAttributes({ SubscriptionArn }).Attributes).toMatchObject({
				RawMessageDelivery: 'true',
				PendingConfirmation: 'false'
			});
			const group = 'complexMessageGroupId';
			type Entry = {
				Id: string;
				MessageGroupId: string;
				Message: string;
				Subject: string;
				MessageAttributes?: SnsAttributes;
				MessageDeduplicationId?: string;
			};
			const base: Entry[] = [
				{
					Id: '1',
					MessageGroupId: group,
					Message: 'Test Message with two attributes',
					Subject: 'Subject',
					MessageAttributes: {
						attr1: { DataType: 'Number', StringValue: '99.12' },
						attr2: { DataType: 'Number', StringValue: '109.12' }
					}
				},
				{
					Id: '2',
					MessageGroupId: group,
					Message: 'Test Message with one attribute',
					Subject: 'Subject',
					MessageAttributes: { attr1: { DataType: 'Number', StringValue: '19.12' } }
				},
				{ Id: '3', MessageGroupId: group, Message: 'Test Message without attribute', Subject: 'Subject' }
			];
			const entries = base.map((e, i) =>
				cbd ? e : { ...e, MessageDeduplicationId: `MessageDeduplicationId-${i}` }
			);
			const first = sns.publishBatch({ TopicArn, PublishBatchRequestEntries: entries });
			expect(first.Failed).toEqual([]);
			expect(first.Successful?.map((s) => s.Id)).toEqual(['1', '2', '3']);
			for (const s of first.Successful ?? []) {
				expect(s.MessageId).toMatch(/^[0-9a-f-]{36}$/);
				expect(s.SequenceNumber).toMatch(/^\d+$/);
			}
			const got = drain(q.url);
			expect(got.map((m) => m.Body)).toEqual(entries.map((e) => e.Message));
			got.forEach((m, i) => {
				expect(m.Attributes).toMatchObject({
					ApproximateReceiveCount: '1',
					MessageGroupId: group,
					MessageDeduplicationId: cbd ? sha256(entries[i]?.Message ?? '') : `MessageDeduplicationId-${i}`
				});
				expect(m.Attributes?.SequenceNumber).toMatch(/^\d+$/);
			});
			expect(got[0]?.Attributes?.MessageDeduplicationId).toBe(
				cbd ? '47f6d7e2c477469ad670ae3bfee60ed3e79080bb0105fc01a2805a50f8b21358' : 'MessageDeduplicationId-0'
			);
			expect(got[0]?.MD5OfMessageAttributes).toBe('9b720b3af309c1c4b0d395c53b08c502');
			expect(got[1]?.MD5OfMessageAttributes).toBe('1f07082409022a373fa2a2601f82b3cb');
			expect(got[2]?.MessageAttributes).toBeUndefined();
			// The republished batch is accepted with the first publish's MessageIds and SequenceNumbers, and
			// nothing reaches the queue.
			const again = sns.publishBatch({ TopicArn, PublishBatchRequestEntries: entries });
			expect(again.Failed).toEqual([]);
			expect(again.Successful).toEqual(first.Successful);
			expect(drain(q.url)).toHaveLength(0);
		});
	}

	for (const raw of [true, false]) {
		it(`SNS-FIFO-2: topic-level content dedup gives a queue without it the body's SHA-256 as dedup id (raw ${raw})`, () => {
			// Recorded: LocalStack test_sns.snapshot.json, test_publish_to_fifo_topic_to_sqs_queue_no_content_dedup[True/False]
			const { sns, queue, drain } = world();
			const { TopicArn } = sns.createTopic({
				Name: 'topic.fifo',
				Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }
			});
			const q = queue('queue.fifo');
			const { SubscriptionArn } = sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
			if (raw) {
				sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'RawMessageDelivery',
					AttributeValue: 'true'
				});
			}
			const ids: { MessageId?: string; SequenceNumber?: string }[] = [];
			for (let i = 0; i < 2; i++) {
				const { MessageId, SequenceNumber } = sns.publish({
					TopicArn,
					Message: 'Test single',
					MessageGroupId: 'message-group-id-1'
				});
				ids.push({ MessageId, SequenceNumber });
				ids.push(
					sns.publishBatch({
						TopicArn,
						PublishBatchRequestEntries: [
							{ Id: '1', MessageGroupId: 'message-group-id-1', Message: 'Test batched' }
						]
					}).Successful?.[0] ?? {}
				);
			}
			const got = drain(q.url);
			expect(got).toHaveLength(2);
			expect(got.map((m) => m.Attributes?.MessageDeduplicationId)).toEqual([
				'2591186cff6c740cb9e0cfce1653a7e6998d57da12e1da13d85344b1c08be4cb',
				'32a45f72fe3d20fb5d4f1647421d1c5f9d20ef207c8ab713443cc9f9b76c468c'
			]);
			for (const m of got) expect(m.Attributes?.MessageGroupId).toBe('message-group-id-1');
			if (raw) {
				expect(got.map((m) => m.Body)).toEqual(['Test single', 'Test batched']);
			} else {
				const envs = got.map((m) => JSON.parse(m.Body ?? '{}') as Record<string, unknown>);
				for (const [i, env] of envs.entries()) {
					expect(Object.keys(env)).toEqual([
						'Type',
						'MessageId',
						'SequenceNumber',
						'TopicArn',
						'Message',
						'Timestamp',
						'UnsubscribeURL'
					]);
					expect(env).toMatchObject({
						Type: 'Notification',
						MessageId: ids[i]?.MessageId,
						SequenceNumber: ids[i]?.SequenceNumber,
						TopicArn,
						Message: ['Test single', 'Test batched'][i]
					});
				}
			}
			// Deduplicated republishes answer with the original ids.
			expect(ids[2]).toEqual(ids[0]);
			expect(ids[3]).toEqual(ids[1]);
		});
	}

	it('SNS-FIFO-2: TargetArn with MessageStructure=json and a group id publishes to a content-dedup FIFO topic', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_to_fifo_with_target_arn
		const { sns } = world();
		const { TopicArn } = sns.createTopic({
			Name: 'topic.fifo',
			Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }
		});
		const resp = sns.publish({
			TargetArn: TopicArn,
			Message: JSON.stringify({ default: JSON.stringify({ foo: 'bar' }) }),
			MessageStructure: 'json',
			MessageGroupId: '123'
		});
		expect(resp.MessageId).toMatch(/^[0-9a-f-]{36}$/);
		expect(resp.SequenceNumber).toMatch(/^\d+$/);
	});

	it('SNS-FIFO-1: every FIFO queue subscribed to a FIFO topic gets one group in the same order', () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_message_to_fifo_sqs_ordering
		const { sns, queue, drain } = world();
		const { TopicArn } = sns.createTopic({
			Name: 'topic.fifo',
			Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }
		});
		const queues = [0, 1, 2, 3, 4].map((i) => {
			const q = queue(`queue-${i}.fifo`, { ContentBasedDeduplication: 'true' });
			sns.subscribe({
				TopicArn,
				Protocol: 'sqs',
				Endpoint: q.arn,
				Attributes: { RawMessageDelivery: 'true' }
			});
			return q;
		});
		for (let i = 0; i < 10; i++) {
			sns.publish({ TopicArn, Message: String(i), MessageGroupId: 'message-group-id-1' });
		}
		const expected = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
		for (const q of queues) expect(drain(q.url).map((m) => m.Body)).toEqual(expected);
	});
});
