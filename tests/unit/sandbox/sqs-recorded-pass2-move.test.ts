// Second pass over LocalStack's validated SQS recordings: message move tasks (test_sqs_move_task.py,
// test_sqs_move_task.snapshot.json), FIFO deduplication scopes, fair queues and long-poll waits
// (test_sqs.py, test_sqs.snapshot.json). Each test names the rule(s) it checks and the recording it follows.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function sandbox() {
	return createSandbox({ seed: 23, nondeterminism: 'off' });
}

type Sqs = ReturnType<typeof sandbox>['sqs'];

function arnOf(sqs: Sqs, url: string): string {
	return sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
}

function qsize(sqs: Sqs, url: string): number {
	return Number(
		sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
			?.ApproximateNumberOfMessages
	);
}

/** A queue redriving to a DLQ after one receive (the recordings' sqs_create_dlq_pipe). */
function dlqPipe(sqs: Sqs, name: string) {
	const dlq = sqs.createQueue({ QueueName: `${name}-dlq` }).QueueUrl;
	const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: arnOf(sqs, dlq), maxReceiveCount: 1 });
	const queue = sqs.createQueue({ QueueName: name, Attributes: { RedrivePolicy } }).QueueUrl;
	return { queue, dlq };
}

/** Send the bodies and receive each twice (visibility 0) so every one lands in the DLQ. */
function deadLetter(sqs: Sqs, url: string, bodies: string[]) {
	for (const MessageBody of bodies) sqs.sendMessage({ QueueUrl: url, MessageBody });
	for (let i = 0; i < bodies.length * 2; i++) sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 });
}

function collect(sb: ReturnType<typeof sandbox>, url: string, expected: number, maxSeconds = 60): string[] {
	const bodies: string[] = [];
	for (let t = 0; t <= maxSeconds && bodies.length < expected; t++) {
		for (const m of sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? []) {
			bodies.push(m.Body ?? '');
			sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle ?? '' });
		}
		if (bodies.length < expected) sb.advanceTime(1_000);
	}
	return bodies;
}

function decodeHandle(handle: string): { taskId: string; sourceArn: string } {
	return JSON.parse(atob(handle)) as { taskId: string; sourceArn: string };
}

describe('SQS-DLQ-4: message move tasks', () => {
	it('SQS-DLQ-4: a move task moves the DLQ to the destination and lists as COMPLETED', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_basic_move_task_workflow
		const sb = sandbox();
		const { queue, dlq } = dlqPipe(sb.sqs, 'some-queue');
		const dest = sb.sqs.createQueue({ QueueName: 'destination' }).QueueUrl;
		deadLetter(sb.sqs, queue, ['message-1', 'message-2']);
		sb.advanceTime(1_000);
		expect(qsize(sb.sqs, dlq)).toBe(2);
		const SourceArn = arnOf(sb.sqs, dlq);
		const { TaskHandle } = sb.sqs.startMessageMoveTask({ SourceArn, DestinationArn: arnOf(sb.sqs, dest) });
		const decoded = decodeHandle(TaskHandle);
		expect(decoded.taskId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(decoded.sourceArn).toBe(SourceArn);
		expect(new Set(collect(sb, dest, 2))).toEqual(new Set(['message-1', 'message-2']));
		sb.advanceTime(5_000);
		const [r] = sb.sqs.listMessageMoveTasks({ SourceArn }).Results;
		expect(r).toMatchObject({
			ApproximateNumberOfMessagesMoved: 2,
			ApproximateNumberOfMessagesToMove: 2,
			DestinationArn: arnOf(sb.sqs, dest),
			SourceArn,
			Status: 'COMPLETED'
		});
		expect(Object.keys(r ?? {}).sort()).toEqual([
			'ApproximateNumberOfMessagesMoved',
			'ApproximateNumberOfMessagesToMove',
			'DestinationArn',
			'SourceArn',
			'StartedTimestamp',
			'Status'
		]);
		expect(sb.sqs.receiveMessage({ QueueUrl: dlq }).Messages ?? []).toEqual([]);
	});

	it('SQS-DLQ-4: without DestinationArn the messages go back to the queue they came from', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_move_task_workflow_with_default_destination
		const sb = sandbox();
		const { queue, dlq } = dlqPipe(sb.sqs, 'some-queue');
		deadLetter(sb.sqs, queue, ['message-1', 'message-2']);
		sb.advanceTime(1_000);
		expect(qsize(sb.sqs, dlq)).toBe(2);
		const SourceArn = arnOf(sb.sqs, dlq);
		const { TaskHandle } = sb.sqs.startMessageMoveTask({ SourceArn });
		expect(decodeHandle(TaskHandle).sourceArn).toBe(SourceArn);
		expect(new Set(collect(sb, queue, 2))).toEqual(new Set(['message-1', 'message-2']));
		sb.advanceTime(5_000);
		const [r] = sb.sqs.listMessageMoveTasks({ SourceArn }).Results;
		expect(r).toMatchObject({
			ApproximateNumberOfMessagesMoved: 2,
			ApproximateNumberOfMessagesToMove: 2,
			SourceArn,
			Status: 'COMPLETED'
		});
		expect(r && 'DestinationArn' in r).toBe(false);
		expect(sb.sqs.receiveMessage({ QueueUrl: dlq }).Messages ?? []).toEqual([]);
	});

	it('SQS-DLQ-4: without DestinationArn each message goes back to its own source queue', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_move_task_workflow_with_multiple_sources_as_default_destination
		const sb = sandbox();
		const { queue: q1, dlq } = dlqPipe(sb.sqs, 'queue-1');
		const SourceArn = arnOf(sb.sqs, dlq);
		const q2 = sb.sqs.createQueue({
			QueueName: 'queue-2',
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: SourceArn, maxReceiveCount: 1 }) }
		}).QueueUrl;
		deadLetter(sb.sqs, q1, ['message-1-1', 'message-1-2']);
		deadLetter(sb.sqs, q2, ['message-2-1', 'message-2-2']);
		sb.advanceTime(1_000);
		expect(qsize(sb.sqs, dlq)).toBe(4);
		sb.sqs.startMessageMoveTask({ SourceArn });
		expect(new Set(collect(sb, q1, 2))).toEqual(new Set(['message-1-1', 'message-1-2']));
		expect(new Set(collect(sb, q2, 2))).toEqual(new Set(['message-2-1', 'message-2-2']));
		sb.advanceTime(5_000);
		expect(sb.sqs.listMessageMoveTasks({ SourceArn }).Results[0]).toMatchObject({
			ApproximateNumberOfMessagesMoved: 4,
			ApproximateNumberOfMessagesToMove: 4,
			Status: 'COMPLETED'
		});
		expect(sb.sqs.receiveMessage({ QueueUrl: dlq }).Messages ?? []).toEqual([]);
	});

	it('SQS-DLQ-4: MaxNumberOfMessagesPerSecond 1 spreads four moves over at least three seconds', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_move_task_with_throughput_limit
		const sb = sandbox();
		const { queue, dlq } = dlqPipe(sb.sqs, 'some-queue');
		const dest = sb.sqs.createQueue({ QueueName: 'destination' }).QueueUrl;
		const bodies = ['message-0', 'message-1', 'message-2', 'message-3'];
		for (const MessageBody of bodies) sb.sqs.sendMessage({ QueueUrl: queue, MessageBody });
		expect(qsize(sb.sqs, queue)).toBe(4);
		for (let i = 0; i < 8; i++) sb.sqs.receiveMessage({ QueueUrl: queue, VisibilityTimeout: 0 });
		sb.advanceTime(1_000);
		expect(qsize(sb.sqs, dlq)).toBe(4);
		sb.sqs.startMessageMoveTask({
			SourceArn: arnOf(sb.sqs, dlq),
			DestinationArn: arnOf(sb.sqs, dest),
			MaxNumberOfMessagesPerSecond: 1
		});
		const started = sb.now();
		expect(new Set(collect(sb, dest, 4))).toEqual(new Set(bodies));
		expect(sb.now() - started).toBeGreaterThanOrEqual(3_000);
	});

	it('SQS-DLQ-4: a cancelled task stops RUNNING, reports what it moved and leaves the rest in the DLQ', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_move_task_cancel
		const sb = sandbox();
		const { queue, dlq } = dlqPipe(sb.sqs, 'some-queue');
		const dest = sb.sqs.createQueue({ QueueName: 'destination' }).QueueUrl;
		const bodies = Array.from({ length: 10 }, (_, i) => `message-${i}`);
		for (const MessageBody of bodies) sb.sqs.sendMessage({ QueueUrl: queue, MessageBody });
		for (let i = 0; i < 20; i++) sb.sqs.receiveMessage({ QueueUrl: queue, VisibilityTimeout: 0 });
		sb.advanceTime(1_000);
		expect(qsize(sb.sqs, dlq)).toBe(10);
		const SourceArn = arnOf(sb.sqs, dlq);
		const DestinationArn = arnOf(sb.sqs, dest);
		const { TaskHandle } = sb.sqs.startMessageMoveTask({
			SourceArn,
			DestinationArn,
			MaxNumberOfMessagesPerSecond: 1
		});
		expect(collect(sb, dest, 2)).toHaveLength(2);
		const [during] = sb.sqs.listMessageMoveTasks({ SourceArn }).Results;
		expect(during).toMatchObject({
			ApproximateNumberOfMessagesToMove: 10,
			DestinationArn,
			MaxNumberOfMessagesPerSecond: 1,
			SourceArn,
			Status: 'RUNNING',
			TaskHandle
		});
		expect(during?.ApproximateNumberOfMessagesMoved).toBeGreaterThanOrEqual(2);
		const cancelled = sb.sqs.cancelMessageMoveTask({ TaskHandle });
		expect(typeof cancelled.ApproximateNumberOfMessagesMoved).toBe('number');
		sb.advanceTime(1_000);
		const [after] = sb.sqs.listMessageMoveTasks({ SourceArn }).Results;
		expect(after).toMatchObject({
			ApproximateNumberOfMessagesToMove: 10,
			DestinationArn,
			MaxNumberOfMessagesPerSecond: 1,
			SourceArn,
			Status: 'CANCELLED'
		});
		expect(after && 'TaskHandle' in after).toBe(false);
		expect((sb.sqs.receiveMessage({ QueueUrl: dlq }).Messages ?? []).length).toBeGreaterThan(0);
	});
});

describe('SQS-FIFO-4: deduplication scope', () => {
	function fifo(sb: ReturnType<typeof sandbox>, attributes: Record<string, string>) {
		return sb.sqs.createQueue({ QueueName: 'queue-1.fifo', Attributes: { FifoQueue: 'True', ...attributes } })
			.QueueUrl;
	}

	it('SQS-FIFO-4, SQS-FIFO-9: in high-throughput mode the same deduplication id in another group is a new message', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_high_throughput_ordering
		const sb = sandbox();
		const url = fifo(sb, {
			ContentBasedDeduplication: 'False',
			DeduplicationScope: 'messageGroup',
			FifoThroughputLimit: 'perMessageGroupId'
		});
		sb.sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'Test1',
			MessageGroupId: 'group1',
			MessageDeduplicationId: 'same-dedup'
		});
		const first = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect(first.map((m) => [m.Body, m.MD5OfBody])).toEqual([['Test1', 'e1b849f9631ffc1829b2e31402373e3c']]);
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first[0]?.ReceiptHandle ?? '' });
		sb.sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'Test2',
			MessageGroupId: 'group2',
			MessageDeduplicationId: 'same-dedup'
		});
		const second = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect(second.map((m) => [m.Body, m.MD5OfBody])).toEqual([['Test2', 'c454552d52d55d3ef56408742887362b']]);
	});

	it('SQS-FIFO-4: switching back to queue scope does not turn an id recorded per group into a queue-wide duplicate', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_change_to_regular_throughput_after_creation
		const sb = sandbox();
		const url = fifo(sb, {
			ContentBasedDeduplication: 'False',
			DeduplicationScope: 'messageGroup',
			FifoThroughputLimit: 'perMessageGroupId'
		});
		const sendAndTake = (body: string, group: string) => {
			sb.sqs.sendMessage({
				QueueUrl: url,
				MessageBody: body,
				MessageGroupId: group,
				MessageDeduplicationId: 'same-dedup'
			});
			return sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		};
		const m1 = sendAndTake('Test1', 'group1');
		expect(m1.map((m) => m.Body)).toEqual(['Test1']);
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m1[0]?.ReceiptHandle ?? '' });
		const m2 = sendAndTake('Test2', 'group2');
		expect(m2.map((m) => m.Body)).toEqual(['Test2']);
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m2[0]?.ReceiptHandle ?? '' });
		sb.sqs.setQueueAttributes({
			QueueUrl: url,
			Attributes: { DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' }
		});
		const all = sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
		expect(all).toMatchObject({
			ApproximateNumberOfMessages: '0',
			ApproximateNumberOfMessagesDelayed: '0',
			ApproximateNumberOfMessagesNotVisible: '0',
			ContentBasedDeduplication: 'false',
			DeduplicationScope: 'queue',
			DelaySeconds: '0',
			FifoQueue: 'true',
			FifoThroughputLimit: 'perQueue',
			MaximumMessageSize: '1048576',
			MessageRetentionPeriod: '345600',
			ReceiveMessageWaitTimeSeconds: '0',
			SqsManagedSseEnabled: 'true',
			VisibilityTimeout: '30'
		});
		expect(Object.keys(all).sort()).toEqual(
			[
				'ApproximateNumberOfMessages',
				'ApproximateNumberOfMessagesDelayed',
				'ApproximateNumberOfMessagesNotVisible',
				'ContentBasedDeduplication',
				'CreatedTimestamp',
				'DeduplicationScope',
				'DelaySeconds',
				'FifoQueue',
				'FifoThroughputLimit',
				'LastModifiedTimestamp',
				'MaximumMessageSize',
				'MessageRetentionPeriod',
				'QueueArn',
				'ReceiveMessageWaitTimeSeconds',
				'SqsManagedSseEnabled',
				'VisibilityTimeout'
			].sort()
		);
		const m3 = sendAndTake('Test3', 'group3');
		expect(m3.map((m) => [m.Body, m.MD5OfBody])).toEqual([['Test3', 'b3f66ec1535de7702c38e94408fa4a17']]);
	});

	it('SQS-FIFO-4: messageGroup scope works without high-throughput mode (content-based ids)', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_sqs_fifo_message_group_scope_no_throughput_setting
		const sb = sandbox();
		const url = fifo(sb, { ContentBasedDeduplication: 'True', DeduplicationScope: 'messageGroup' });
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'Test', MessageGroupId: 'group1' });
		const first = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect(first.map((m) => m.Body)).toEqual(['Test']);
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first[0]?.ReceiptHandle ?? '' });
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'Test', MessageGroupId: 'group2' });
		const second = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect(second.map((m) => [m.Body, m.MD5OfBody])).toEqual([['Test', '0cbc6611f5540bd0809a388dc95a615b']]);
		expect(second[0]?.MessageId).not.toBe(first[0]?.MessageId);
	});

	it('SQS-FIFO-3: a repeat within 5 minutes is dropped even after a delete; after them it is a new message', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_deduplication_interval
		const sb = sandbox();
		const url = sb.sqs.createQueue({ QueueName: 'queue-1.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
		const send = (MessageBody: string, MessageDeduplicationId: string) =>
			sb.sqs.sendMessage({
				QueueUrl: url,
				MessageBody,
				MessageGroupId: 'fifo_group-1',
				MessageDeduplicationId
			});
		const sent = send('test', 'dedup-1');
		sb.advanceTime(3_000);
		send('test-duplicate', 'dedup-1');
		const got = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
		expect(got[0]?.MessageId).toBe(sent.MessageId);
		expect(got[0]?.MD5OfBody).toBe(sent.MD5OfMessageBody);
		expect('Messages' in sb.sqs.receiveMessage({ QueueUrl: url })).toBe(false);

		const sent2 = send('test', 'dedup-2');
		sb.advanceTime(2_000);
		send('test-half_time', 'dedup-2');
		sb.advanceTime(6 * 60_000);
		const dup = send('test-duplicate', 'dedup-2');
		const a = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: a[0]?.ReceiptHandle ?? '' });
		const b = sb.sqs.receiveMessage({ QueueUrl: url }).Messages ?? [];
		expect([a[0]?.MessageId, a[0]?.MD5OfBody]).toEqual([sent2.MessageId, sent2.MD5OfMessageBody]);
		expect([b[0]?.MessageId, b[0]?.MD5OfBody]).toEqual([dup.MessageId, dup.MD5OfMessageBody]);
	});
});

describe('SQS-STD-12, SQS-STD-2: fair queues and long polls', () => {
	it('SQS-STD-12: a standard queue accepts MessageGroupId and returns it as a system attribute', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fair_queue_with_message_group_id
		const sb = sandbox();
		const url = sb.sqs.createQueue({ QueueName: 'fair' }).QueueUrl;
		const sent = sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'message', MessageGroupId: 'test' });
		expect(
			Object.keys(sent)
				.filter((k) => k !== '$metadata')
				.sort()
		).toEqual(['MD5OfMessageBody', 'MessageId']);
		expect(sent.MD5OfMessageBody).toBe('78e731027d8fd50ed642340b7c9a63b3');
		const got = (await sb.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 5, AttributeNames: ['All'] }))
			.Messages;
		expect(got).toHaveLength(1);
		const attrs = got?.[0]?.Attributes ?? {};
		expect(Object.keys(attrs).sort()).toEqual([
			'ApproximateFirstReceiveTimestamp',
			'ApproximateReceiveCount',
			'MessageGroupId',
			'SenderId',
			'SentTimestamp'
		]);
		expect(attrs.MessageGroupId).toBe('test');
		expect(attrs.ApproximateReceiveCount).toBe('1');
		expect(got?.[0]?.Body).toBe('message');
	});

	it('SQS-STD-2: WaitTimeSeconds outside 0–20 is rejected; short polls return the waiting messages in order', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_receive_wait_time_seconds
		const sb = sandbox();
		const url = sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl;
		const s1 = sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'message' });
		const s2 = sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'message' });
		for (const w of [21, -1]) {
			let err: Error | undefined;
			try {
				sb.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: w });
			} catch (e) {
				err = e as Error;
			}
			expect([err?.name, err?.message.split('\n')[0]]).toEqual([
				'InvalidParameterValue',
				`Value ${w} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`
			]);
		}
		const a = sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 }).Messages ?? [];
		const b =
			sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }).Messages ?? [];
		expect(a.map((m) => m.MessageId)).toEqual([s1.MessageId]);
		expect(b.map((m) => m.MessageId)).toEqual([s2.MessageId]);
		expect(b[0]?.MD5OfBody).toBe('78e731027d8fd50ed642340b7c9a63b3');
	});

	it('SQS-STD-2: a long poll (request or queue attribute) gets a message sent a second later', async () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_wait_time_seconds_waits_correctly
		const sb = sandbox();
		const url = sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl;
		const pending = sb.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 10 });
		sb.advanceTime(1_000);
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobared' });
		expect((await pending).Messages).toHaveLength(1);
		// Recorded: LocalStack test_sqs.snapshot.json, test_wait_time_seconds_queue_attribute_waits_correctly
		const waiting = sb.sqs.createQueue({
			QueueName: 'w',
			Attributes: { ReceiveMessageWaitTimeSeconds: '10' }
		}).QueueUrl;
		const byAttribute = sb.sqs.receiveMessage({ QueueUrl: waiting });
		expect(byAttribute).toBeInstanceOf(Promise);
		sb.advanceTime(1_000);
		sb.sqs.sendMessage({ QueueUrl: waiting, MessageBody: 'foobared' });
		expect((await byAttribute).Messages).toHaveLength(1);
	});
});

describe('SQS-STD-13: CreateQueue idempotency with live state', () => {
	it('SQS-STD-13: delayed and waiting messages do not hinder re-creating a queue', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_after_internal_attributes_changes_works
		const sb = sandbox();
		const url = sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl;
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar-1', DelaySeconds: 1 });
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar-2' });
		expect(sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl).toBe(url);
	});

	it('SQS-STD-13: after SetQueueAttributes on a default queue the old values conflict and the new ones do not', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_queue_with_default_arguments_works_with_modified_attributes
		const sb = sandbox();
		const url = sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl;
		sb.sqs.setQueueAttributes({
			QueueUrl: url,
			Attributes: { VisibilityTimeout: '2', ReceiveMessageWaitTimeSeconds: '2' }
		});
		let code = 'no error';
		try {
			sb.sqs.createQueue({
				QueueName: 'q',
				Attributes: { VisibilityTimeout: '1', ReceiveMessageWaitTimeSeconds: '1' }
			});
		} catch (e) {
			code = (e as Error).name;
		}
		expect(code).toBe('QueueNameExists');
		expect(
			sb.sqs.createQueue({
				QueueName: 'q',
				Attributes: { VisibilityTimeout: '2', ReceiveMessageWaitTimeSeconds: '2' }
			}).QueueUrl
		).toBe(url);
		expect(sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl).toBe(url);
	});
});
