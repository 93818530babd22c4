// SQS FIFO queues through the sandbox facade, one block per SEMANTICS.md rule.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function setup(attributes: Record<string, string> = {}, name = 'orders.fifo') {
	const sb = createSandbox({ seed: 5 });
	const { QueueUrl } = sb.sqs.createQueue({
		QueueName: name,
		Attributes: { FifoQueue: 'true', ...attributes }
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

describe('SQS-FIFO-1 identity', () => {
	it('SQS-FIFO-1: the name ends in .fifo and FifoQueue=true is set; the type never changes', () => {
		const sb = createSandbox();
		expect(
			errorName(() => sb.sqs.createQueue({ QueueName: 'orders', Attributes: { FifoQueue: 'true' } }))
		).toBe('InvalidParameterValue');
		const url = sb.sqs.createQueue({ QueueName: 'o.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
		expect(sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['FifoQueue'] }).Attributes).toEqual({
			FifoQueue: 'true'
		});
		expect(
			errorName(() => sb.sqs.setQueueAttributes({ QueueUrl: url, Attributes: { FifoQueue: 'false' } }))
		).toBe('InvalidAttributeValue');
		const all = sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
		expect(all).toMatchObject({
			ContentBasedDeduplication: 'false',
			DeduplicationScope: 'queue',
			FifoThroughputLimit: 'perQueue'
		});
	});
});

describe('SQS-FIFO-2 groups', () => {
	it('SQS-FIFO-2: a send without MessageGroupId fails with MissingParameter', () => {
		const { sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' }))).toBe('MissingParameter');
		expect(
			errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g'.repeat(129) }))
		).toBe('InvalidParameterValue');
	});

	it('SQS-FIFO-2/-10: order is strict within a group; SequenceNumber increases, not consecutively', () => {
		const { sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		const seqs: bigint[] = [];
		for (let i = 0; i < 5; i++) {
			seqs.push(
				BigInt(
					sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}`, MessageGroupId: 'g' }).SequenceNumber ?? '0'
				)
			);
		}
		for (let i = 1; i < seqs.length; i++) expect((seqs[i] as bigint) > (seqs[i - 1] as bigint)).toBe(true);
		const got = sqs.receiveMessage({
			QueueUrl: url,
			MaxNumberOfMessages: 10,
			MessageSystemAttributeNames: ['All']
		});
		expect(got.Messages?.map((m) => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
		const a = got.Messages?.[0]?.Attributes ?? {};
		expect(a.MessageGroupId).toBe('g');
		expect(a.SequenceNumber).toMatch(/^\d{20,}$/);
		expect(a.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('SQS-FIFO-3/-4 deduplication', () => {
	it('SQS-FIFO-3: with neither a dedup id nor content-based dedup the send fails', () => {
		const { sqs, url } = setup();
		expect(errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' }))).toBe(
			'InvalidParameterValue'
		);
	});

	it('SQS-FIFO-3: a repeat within 5 minutes is accepted, not enqueued, and repeats the MessageId', () => {
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		const a = sqs.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
		const b = sqs.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
		expect(b.MessageId).toBe(a.MessageId);
		const m = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
		expect(m).toHaveLength(1);
		// Still tracked after the delete.
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m[0]?.ReceiptHandle ?? '' });
		sb.advanceTime(299_999);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sb.advanceTime(1);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
	});

	it('SQS-FIFO-3: an explicit MessageDeduplicationId wins over content', () => {
		const { sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'id1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'id1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'id2' });
		const bodies = sqs
			.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })
			.Messages?.map((m) => m.Body);
		expect(bodies).toEqual(['a', 'a']);
	});

	it('SQS-FIFO-4: with DeduplicationScope=messageGroup equal ids in different groups are different messages', () => {
		const q = setup({ ContentBasedDeduplication: 'true', DeduplicationScope: 'messageGroup' });
		q.sqs.sendMessage({ QueueUrl: q.url, MessageBody: 'x', MessageGroupId: 'a' });
		q.sqs.sendMessage({ QueueUrl: q.url, MessageBody: 'x', MessageGroupId: 'b' });
		expect(q.sqs.receiveMessage({ QueueUrl: q.url, MaxNumberOfMessages: 10 }).Messages).toHaveLength(2);
		const p = setup({ ContentBasedDeduplication: 'true' });
		p.sqs.sendMessage({ QueueUrl: p.url, MessageBody: 'x', MessageGroupId: 'a' });
		p.sqs.sendMessage({ QueueUrl: p.url, MessageBody: 'x', MessageGroupId: 'b' });
		expect(p.sqs.receiveMessage({ QueueUrl: p.url, MaxNumberOfMessages: 10 }).Messages).toHaveLength(1);
	});
});

describe('SQS-FIFO-5/-6 group lock and fill', () => {
	it('SQS-FIFO-5: while a message of a group is in flight, later ones are not returned; expiry returns it first', () => {
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true', VisibilityTimeout: '10' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'g1', MessageGroupId: 'a' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'g2', MessageGroupId: 'a' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'other', MessageGroupId: 'b' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.Body).toBe('g1');
		// Group a is locked; group b is unaffected.
		expect(
			sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages?.map((m) => m.Body)
		).toEqual(['other']);
		expect(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages).toBeUndefined();
		sb.advanceTime(10_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.Body).toBe('g1');
	});

	it('SQS-FIFO-6: a receive fills from one group, in order, before taking another', () => {
		const { sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'a1', MessageGroupId: 'a' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'b1', MessageGroupId: 'b' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'a2', MessageGroupId: 'a' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'b2', MessageGroupId: 'b' });
		expect(
			sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3 }).Messages?.map((m) => m.Body)
		).toEqual(['a1', 'a2', 'b1']);
	});
});

describe('SQS-FIFO-7 no message timers', () => {
	it('SQS-FIFO-7: per-message DelaySeconds is rejected; a queue delay change applies to waiting messages', () => {
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true', DelaySeconds: '60' });
		expect(
			errorName(() =>
				sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', DelaySeconds: 5 })
			)
		).toBe('InvalidParameterValue');
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' });
		sb.advanceTime(5_000);
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { DelaySeconds: '10' } });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sb.advanceTime(5_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
	});
});

describe('SQS-FIFO-8 ReceiveRequestAttemptId', () => {
	it('SQS-FIFO-8: retrying with the same attempt id returns the same messages and handles', () => {
		const { sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'b', MessageGroupId: 'h' });
		const first = sqs.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'try-1' });
		const retry = sqs.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'try-1' });
		expect(retry.Messages).toEqual(first.Messages);
		const other = sqs.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'try-2' });
		expect(other.Messages?.[0]?.Body).toBe('b');
	});
});

describe('SQS-FIFO-9 throughput', () => {
	it('SQS-FIFO-9: more than 300 sends per second per queue throttle with ThrottlingException', () => {
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true' });
		for (let i = 0; i < 300; i++)
			sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}`, MessageGroupId: 'g' });
		expect(
			errorName(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'over', MessageGroupId: 'g' }))
		).toBe('ThrottlingException');
		sb.advanceTime(1_000);
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'next second', MessageGroupId: 'g' });
	});
});

describe('SQS-STD-6 receipt handles on FIFO queues', () => {
	it('SQS-STD-6: a FIFO receipt handle is invalid once its visibility has expired', () => {
		const { sb, sqs, url } = setup({ ContentBasedDeduplication: 'true', VisibilityTimeout: '1' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' });
		const h = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.ReceiptHandle ?? '';
		sb.advanceTime(1_000);
		expect(errorName(() => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: h }))).toBe(
			'InvalidParameterValue'
		);
	});
});
