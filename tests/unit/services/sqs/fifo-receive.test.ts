// Which messages a FIFO receive returns, replaying real-AWS recordings through the sandbox: the positional group
// lock (SQS-FIFO-5), filling from one group (SQS-FIFO-6), the order in which groups are served (SQS-FIFO-12), a
// dead-letter move releasing its group (SQS-FIFO-11). The in-flight limit and receive scan are in fifo-limits.
// The recordings are LocalStack's test_sqs.py / test_sqs.snapshot.json (@markers.aws.validated).
import { describe, expect, it } from 'vitest';
import { createSandbox } from '$lib/sandbox';

function fifoQueue(attributes: Record<string, string> = {}) {
	const sb = createSandbox({ seed: 11 });
	const url = sb.sqs.createQueue({
		QueueName: 'q.fifo',
		Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', ...attributes }
	}).QueueUrl;
	const send = (body: string, group: string) =>
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: body, MessageGroupId: group });
	const receive = (max: number, extra: { VisibilityTimeout?: number } = {}) =>
		sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: max, ...extra }).Messages ?? [];
	const bodies = (max: number, extra: { VisibilityTimeout?: number } = {}) =>
		receive(max, extra).map((m) => m.Body);
	const handle = (m: { ReceiptHandle?: string } | undefined) => m?.ReceiptHandle ?? '';
	return { sb, sqs: sb.sqs, url, send, receive, bodies, handle };
}

describe('SQS-FIFO-5 the group lock is positional', () => {
	for (const position of [0, 1, 2]) {
		it(`SQS-FIFO-5: with message ${position} of 3 extended, the ${position} ahead of it come back and nothing after it`, () => {
			// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_group_visibility_extends_with_change_message_visibility[sqs-${position}-visible]
			const { sb, sqs, url, receive, handle } = fifoQueue({
				VisibilityTimeout: '1',
				ContentBasedDeduplication: 'false'
			});
			for (const body of ['foo', 'bar', 'baz']) {
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: body,
					MessageGroupId: '1',
					MessageDeduplicationId: body
				});
			}
			const all = receive(5);
			expect(all.map((m) => m.Body)).toEqual(['foo', 'bar', 'baz']);
			sqs.changeMessageVisibility({
				QueueUrl: url,
				ReceiptHandle: handle(all[position]),
				VisibilityTimeout: 4
			});
			sb.advanceTime(2_500);
			const again = receive(5);
			expect(again.map((m) => m.Body)).toEqual(['foo', 'bar', 'baz'].slice(0, position));
			// New receipt handles for the messages that came back.
			for (const m of again) expect(all.map((a) => a.ReceiptHandle)).not.toContain(m.ReceiptHandle);
		});
	}

	it('SQS-FIFO-5/-12: a message released to 0 is returned while the later one stays in flight', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_message_group_visibility_after_terminate_visibility_timeout
		const { sqs, url, send, receive, handle } = fifoQueue({ VisibilityTimeout: '30' });
		send('g1-m1', 'group-1');
		send('g1-m2', 'group-1');
		send('g2-m1', 'group-2');
		const first = receive(2);
		expect(first.map((m) => m.Body)).toEqual(['g1-m1', 'g1-m2']);
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle(first[0]), VisibilityTimeout: 0 });
		expect(receive(3).map((m) => m.Body)).toEqual(['g2-m1', 'g1-m1']);
	});

	it('SQS-FIFO-5/-12: a message whose shortened visibility ran out is returned while the later one stays in flight', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_message_group_visibility_after_change_message_visibility
		const { sb, sqs, url, send, receive, handle } = fifoQueue({ VisibilityTimeout: '30' });
		send('g1-m1', 'group-1');
		send('g1-m2', 'group-1');
		send('g2-m1', 'group-2');
		const first = receive(2);
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle(first[0]), VisibilityTimeout: 1 });
		sb.advanceTime(2_000);
		expect(receive(3).map((m) => m.Body)).toEqual(['g2-m1', 'g1-m1']);
	});

	it('SQS-FIFO-5: while the second message is in flight nothing after it is returned; other groups are', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_message_group_visibility_after_partial_delete
		const { sqs, url, send, receive, handle } = fifoQueue();
		for (const [body, group] of [
			['g1-m1', 'group-1'],
			['g2-m1', 'group-2'],
			['g1-m2', 'group-1'],
			['g2-m2', 'group-2'],
			['g1-m2', 'group-1'], // same body: deduplicated
			['g1-m3', 'group-1'],
			['g1-m4', 'group-1'],
			['g3-m1', 'group-3']
		] as const)
			send(body, group);
		const first = receive(2);
		expect(first.map((m) => m.Body)).toEqual(['g1-m1', 'g1-m2']);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle(first[0]) });
		expect(receive(10).map((m) => m.Body)).toEqual(['g2-m1', 'g2-m2', 'g3-m1']);
	});

	it('SQS-FIFO-5: a message sent to a group in flight does not unlock it; the delete does', async () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_message_group_visibility (aws.validated, asserted)
		const { sb, sqs, url, send } = fifoQueue({ VisibilityTimeout: '60' });
		const polls = [0, 1, 2].map(() =>
			Promise.resolve(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 10 }))
		);
		send('message-1', '1');
		sb.advanceTime(0);
		const got = await polls[0];
		expect(got?.Messages?.map((m) => m.Body)).toEqual(['message-1']);
		const second = send('message-2', '1').MessageId;
		sb.advanceTime(2_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got?.Messages?.[0]?.ReceiptHandle ?? '' });
		sb.advanceTime(0);
		expect((await polls[1])?.Messages?.map((m) => m.Body)).toEqual(['message-2']);
		// It went out at the delete, not before.
		const received = sb.trace().filter((e) => e.type === 'received' && e.msg === second);
		expect(received.map((e) => e.t)).toEqual([2_000]);
		sb.advanceTime(10_000);
		expect((await polls[2])?.Messages).toBeUndefined();
	});

	it('SQS-FIFO-5: after the visibility of a whole group runs out it comes back in order', () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_messages_in_order_after_timeout (aws.validated, asserted)
		const { sb, send, bodies } = fifoQueue({ VisibilityTimeout: '1' });
		for (let i = 0; i < 3; i++) send(`message-${i}`, '1');
		expect(bodies(10)).toEqual(['message-0', 'message-1', 'message-2']);
		sb.advanceTime(2_000);
		expect(bodies(10)).toEqual(['message-0', 'message-1', 'message-2']);
	});
});

describe('SQS-FIFO-5 an emptied group', () => {
	it('SQS-FIFO-5: a group emptied by a delete takes new messages again', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_empty_message_groups_added_back_to_queue
		const { sqs, url, receive, handle } = fifoQueue({ ContentBasedDeduplication: 'false' });
		const send = (n: number) =>
			sqs.sendMessage({
				QueueUrl: url,
				MessageBody: `Message ${n}`,
				MessageGroupId: 'g1',
				MessageDeduplicationId: String(n)
			});
		send(1);
		const first = receive(1);
		expect(first.map((m) => m.Body)).toEqual(['Message 1']);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle(first[0]) });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		send(2);
		expect(receive(1).map((m) => m.Body)).toEqual(['Message 2']);
	});
});

describe('SQS-FIFO-6 a receive fills from one group first', () => {
	it('SQS-FIFO-6: a message of another group sent in between comes after the whole first group', () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_receive_message_group_id_ordering (aws.validated, asserted)
		const { send, bodies } = fifoQueue();
		send('g1-m1', 'group-1');
		send('g2-m1', 'group-2');
		send('g1-m2', 'group-1');
		send('g1-m3', 'group-1');
		expect(bodies(10)).toEqual(['g1-m1', 'g1-m2', 'g1-m3', 'g2-m1']);
	});
});

describe('SQS-FIFO-12 which group goes first', () => {
	it('SQS-FIFO-12: a never-received group comes before groups released with visibility 0, those in send order', () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_receive_message_with_zero_visibility_timeout (aws.validated, asserted)
		const { send, bodies } = fifoQueue();
		send('g1-m1', 'group-1');
		send('g2-m1', 'group-2');
		send('g2-m2', 'group-2');
		send('g3-m1', 'group-3');
		send('g1-m2', 'group-1');
		expect(bodies(3, { VisibilityTimeout: 0 })).toEqual(['g1-m1', 'g1-m2', 'g2-m1']);
		expect(bodies(10, { VisibilityTimeout: 0 })).toEqual(['g3-m1', 'g1-m1', 'g1-m2', 'g2-m1', 'g2-m2']);
	});

	it('SQS-FIFO-12/-6: groups whose visibility ran out come after the untouched group, in the order they came back', () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_receive_message_visibility_timeout_shared_in_group (the AWS ordering)
		const { sb, send, bodies } = fifoQueue({ VisibilityTimeout: '1' });
		for (let i = 1; i <= 4; i++) send(`g1-m${i}`, 'group-1');
		send('g2-m1', 'group-2');
		send('g3-m1', 'group-3');
		expect(bodies(2)).toEqual(['g1-m1', 'g1-m2']);
		expect(bodies(1)).toEqual(['g2-m1']);
		sb.advanceTime(2_000);
		expect(bodies(10, { VisibilityTimeout: 0 })).toEqual([
			'g3-m1',
			'g1-m1',
			'g1-m2',
			'g1-m3',
			'g1-m4',
			'g2-m1'
		]);
	});

	it('SQS-FIFO-12: after the in-flight messages of a group are deleted, it is served by its new head', () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_message_group_visibility_after_delete (the AWS ordering)
		const { sqs, url, send, receive, bodies, handle } = fifoQueue();
		for (const [body, group] of [
			['g1-m1', 'group-1'],
			['g2-m1', 'group-2'],
			['g1-m2', 'group-1'],
			['g2-m2', 'group-2'],
			['g1-m2', 'group-1'], // same body: deduplicated
			['g1-m3', 'group-1'],
			['g1-m4', 'group-1'],
			['g3-m1', 'group-3']
		] as const)
			send(body, group);
		const first = receive(2);
		expect(first.map((m) => m.Body)).toEqual(['g1-m1', 'g1-m2']);
		for (const m of first) sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle(m) });
		expect(bodies(10)).toEqual(['g2-m1', 'g2-m2', 'g1-m3', 'g1-m4', 'g3-m1']);
	});

	it('SQS-FIFO-12: heads that came back at the same instant are served in send order, not release order', () => {
		const { sqs, url, send, receive, handle } = fifoQueue({ VisibilityTimeout: '30' });
		send('a1', 'a');
		send('b1', 'b');
		const [a, b] = receive(10);
		expect([a?.Body, b?.Body]).toEqual(['a1', 'b1']);
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle(b), VisibilityTimeout: 0 });
		sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle(a), VisibilityTimeout: 0 });
		expect(receive(10).map((m) => m.Body)).toEqual(['a1', 'b1']);
	});

	it('SQS-FIFO-12: the time a head became available comes first; at the same instant a sent head beats one that came back', () => {
		const { sb, send, bodies } = fifoQueue({ VisibilityTimeout: '1' });
		send('a1', 'a');
		expect(bodies(1)).toEqual(['a1']);
		sb.advanceTime(1_000); // a1 is visible again at 1000
		sb.advanceTime(1_000);
		send('b1', 'b'); // sent at 2000
		expect(bodies(10, { VisibilityTimeout: 0 })).toEqual(['a1', 'b1']);
		// Both came back at 2000 now (visibility 0); c1 is sent at that same instant and goes first.
		send('c1', 'c');
		expect(bodies(10, { VisibilityTimeout: 0 })).toEqual(['c1', 'a1', 'b1']);
	});
});

describe('SQS-FIFO-11 a dead-letter move releases the group', () => {
	it('SQS-FIFO-11: the moved head lets the next message of its group out in the same receive', () => {
		const sb = createSandbox({ seed: 4 });
		const fifo = { FifoQueue: 'true', ContentBasedDeduplication: 'true' };
		const dlq = sb.sqs.createQueue({ QueueName: 'dlq.fifo', Attributes: fifo }).QueueUrl;
		const dlqArn = sb.sqs.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn;
		const url = sb.sqs.createQueue({
			QueueName: 'src.fifo',
			Attributes: {
				...fifo,
				VisibilityTimeout: '1',
				RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 })
			}
		}).QueueUrl;
		for (const body of ['bad', 'ok-1', 'ok-2'])
			sb.sqs.sendMessage({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g' });
		// Only the head: the group is in flight behind it.
		expect(sb.sqs.receiveMessage({ QueueUrl: url }).Messages?.map((m) => m.Body)).toEqual(['bad']);
		expect(sb.sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		sb.advanceTime(1_000);
		const next = sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
		expect(next.map((m) => m.Body)).toEqual(['ok-1', 'ok-2']);
		expect(sb.sqs.receiveMessage({ QueueUrl: dlq }).Messages?.map((m) => m.Body)).toEqual(['bad']);
	});
});
