// Dead-letter queues, redrive policies and message move tasks through the sandbox (SQS-DLQ-*).
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

function setup(
	opts: { fifo?: boolean; maxReceiveCount?: number; sourceRetention?: number; dlqRetention?: number } = {}
) {
	const sb = createSandbox({ seed: 11 });
	const fifo = opts.fifo ?? false;
	const suffix = fifo ? '.fifo' : '';
	const base: Record<string, string> = fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {};
	const dlqUrl = sb.sqs.createQueue({
		QueueName: `dlq${suffix}`,
		Attributes: { ...base, MessageRetentionPeriod: String(opts.dlqRetention ?? 1_209_600) }
	}).QueueUrl;
	const dlqArn =
		sb.sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
	const url = sb.sqs.createQueue({
		QueueName: `work${suffix}`,
		Attributes: {
			...base,
			VisibilityTimeout: '1',
			MessageRetentionPeriod: String(opts.sourceRetention ?? 345_600),
			RedrivePolicy: JSON.stringify({
				deadLetterTargetArn: dlqArn,
				maxReceiveCount: opts.maxReceiveCount ?? 3
			})
		}
	}).QueueUrl;
	return { sb, sqs: sb.sqs, url, dlqUrl, dlqArn };
}

describe('SQS-DLQ-1 RedrivePolicy', () => {
	it('SQS-DLQ-1: with maxReceiveCount 3 a message is received 3 times and moved on the 4th attempt', () => {
		const { sb, sqs, url, dlqUrl } = setup({ maxReceiveCount: 3 });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'poison' });
		for (let i = 1; i <= 3; i++) {
			const m = sqs.receiveMessage({
				QueueUrl: url,
				MessageSystemAttributeNames: ['ApproximateReceiveCount']
			});
			expect(m.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe(String(i));
			sb.advanceTime(1_000);
		}
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		const dead = sqs.receiveMessage({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }).Messages?.[0];
		expect(dead?.Body).toBe('poison');
		expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe('arn:aws:sqs:us-east-1:000000000000:work');
		const moved = sb.trace().filter((e) => e.type === 'dead-lettered');
		expect(moved).toHaveLength(1);
		expect(moved[0]).toMatchObject({ receiveCount: 3, maxReceiveCount: 3, cause: 'max-receive-count' });
	});

	it('SQS-DLQ-1: the move happens at receive time, so an unpolled queue never dead-letters', () => {
		const { sb, sqs, url, dlqUrl } = setup({ maxReceiveCount: 1 });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		sqs.receiveMessage({ QueueUrl: url });
		sb.advanceTime(3_600_000);
		const dlqCount = () =>
			sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
				?.ApproximateNumberOfMessages;
		expect(dlqCount()).toBe('0');
		sqs.receiveMessage({ QueueUrl: url });
		expect(dlqCount()).toBe('1');
	});

	it('SQS-DLQ-1: maxReceiveCount is 1–1000; the target must exist and be of the same type', () => {
		const sb = createSandbox();
		const std = sb.sqs.createQueue({ QueueName: 'std' }).QueueUrl;
		sb.sqs.createQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true' } });
		const policy = (arn: string, n: unknown) =>
			JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: n });
		const set = (p: string) => () =>
			sb.sqs.setQueueAttributes({ QueueUrl: std, Attributes: { RedrivePolicy: p } });
		expect(errorOf(set(policy('arn:aws:sqs:us-east-1:000000000000:std', 0)))?.name).toBe(
			'InvalidParameterValue'
		);
		expect(errorOf(set(policy('arn:aws:sqs:us-east-1:000000000000:std', 1001)))?.name).toBe(
			'InvalidParameterValue'
		);
		expect(errorOf(set(policy('arn:aws:sqs:us-east-1:000000000000:missing', 5)))?.message).toMatch(
			/does not exist/
		);
		expect(errorOf(set(policy('arn:aws:sqs:us-east-1:000000000000:f.fifo', 5)))?.message).toMatch(
			/same type/
		);
		expect(errorOf(set('{not json'))?.name).toBe('InvalidParameterValue');
		sb.sqs.createQueue({ QueueName: 'dlq' });
		sb.sqs.setQueueAttributes({
			QueueUrl: std,
			Attributes: { RedrivePolicy: policy('arn:aws:sqs:us-east-1:000000000000:dlq', '5') }
		});
		const got = sb.sqs.getQueueAttributes({ QueueUrl: std, AttributeNames: ['RedrivePolicy'] }).Attributes;
		expect(JSON.parse(got?.RedrivePolicy ?? '{}')).toEqual({
			deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
			maxReceiveCount: 5
		});
		sb.sqs.setQueueAttributes({ QueueUrl: std, Attributes: { RedrivePolicy: '' } });
		expect(
			sb.sqs.getQueueAttributes({ QueueUrl: std, AttributeNames: ['RedrivePolicy'] }).Attributes
		).toBeUndefined();
	});
});

describe('SQS-DLQ-2 RedriveAllowPolicy', () => {
	it('SQS-DLQ-2: denyAll and byQueue keep other sources from using the DLQ', () => {
		const sb = createSandbox();
		const dlq = sb.sqs.createQueue({
			QueueName: 'dlq',
			Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) }
		}).QueueUrl;
		sb.sqs.createQueue({ QueueName: 'a' });
		const b = sb.sqs.createQueue({ QueueName: 'b' }).QueueUrl;
		const rp = JSON.stringify({
			deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
			maxReceiveCount: 2
		});
		expect(
			errorOf(() => sb.sqs.setQueueAttributes({ QueueUrl: b, Attributes: { RedrivePolicy: rp } }))?.name
		).toBe('InvalidParameterValue');
		sb.sqs.setQueueAttributes({
			QueueUrl: dlq,
			Attributes: {
				RedriveAllowPolicy: JSON.stringify({
					redrivePermission: 'byQueue',
					sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:b']
				})
			}
		});
		sb.sqs.setQueueAttributes({ QueueUrl: b, Attributes: { RedrivePolicy: rp } });
		expect(
			errorOf(() =>
				sb.sqs.setQueueAttributes({
					QueueUrl: dlq,
					Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue' }) }
				})
			)?.name
		).toBe('InvalidParameterValue');
		expect(sb.sqs.listDeadLetterSourceQueues({ QueueUrl: dlq }).queueUrls).toEqual([
			'https://sqs.us-east-1.amazonaws.com/000000000000/b'
		]);
	});
});

describe('SQS-DLQ-3 enqueue time on the move', () => {
	it('SQS-DLQ-3: standard keeps the original enqueue time, so DLQ retention counts from the first send', () => {
		const { sb, sqs, url, dlqUrl } = setup({ maxReceiveCount: 1, dlqRetention: 120 });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		sqs.receiveMessage({ QueueUrl: url });
		sb.advanceTime(100_000);
		sqs.receiveMessage({ QueueUrl: url }); // moves it
		const dead = () =>
			sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
				?.ApproximateNumberOfMessages;
		expect(dead()).toBe('1');
		sb.advanceTime(20_000); // 120 s after the original send
		expect(dead()).toBe('0');
	});

	it('SQS-DLQ-3: FIFO resets the enqueue time; the dedup id becomes the original MessageId', () => {
		const { sb, sqs, url, dlqUrl } = setup({ fifo: true, maxReceiveCount: 1, dlqRetention: 120 });
		const { MessageId } = sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' });
		sqs.receiveMessage({ QueueUrl: url });
		sb.advanceTime(100_000);
		sqs.receiveMessage({ QueueUrl: url });
		sb.advanceTime(20_000);
		const m = sqs.receiveMessage({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }).Messages?.[0];
		expect(m?.Body).toBe('x');
		expect(m?.Attributes?.MessageDeduplicationId).toBe(MessageId);
	});

	it('SQS-FIFO-11: a dead-lettered head releases the rest of its group', () => {
		const { sb, sqs, url } = setup({ fifo: true, maxReceiveCount: 1 });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'first', MessageGroupId: 'g' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'second', MessageGroupId: 'g' });
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.Body).toBe('first');
		sb.advanceTime(1_000);
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages?.[0]?.Body).toBe('second');
	});
});

describe('SQS-DLQ-4 moving messages back', () => {
	it('SQS-DLQ-4: StartMessageMoveTask returns messages to their source as new messages, at the given rate', () => {
		const { sb, sqs, url, dlqUrl, dlqArn } = setup({ maxReceiveCount: 1 });
		const ids = [0, 1, 2].map((i) => sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}` }).MessageId);
		sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
		sb.advanceTime(1_000);
		expect(sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages).toBeUndefined();
		const { TaskHandle } = sqs.startMessageMoveTask({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 });
		expect(TaskHandle).toBeTruthy();
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_start_multiple_move_tasks
		expect(errorOf(() => sqs.startMessageMoveTask({ SourceArn: dlqArn }))?.name).toBe(
			'InvalidParameterValue'
		);
		sb.advanceTime(2_500);
		const tasks = sqs.listMessageMoveTasks({ SourceArn: dlqArn }).Results;
		expect(tasks[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3 });
		const back = sqs.receiveMessage({
			QueueUrl: url,
			MaxNumberOfMessages: 10,
			MessageSystemAttributeNames: ['ApproximateReceiveCount']
		}).Messages;
		expect(back?.map((m) => m.Body).sort()).toEqual(['m0', 'm1', 'm2']);
		for (const m of back ?? []) {
			expect(ids).not.toContain(m.MessageId);
			expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
		}
		expect(
			sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
		).toEqual({ ApproximateNumberOfMessages: '0' });
	});

	it('SQS-DLQ-4: the source must be a DLQ; cancelling stops the task', () => {
		const { sb, sqs, url, dlqArn } = setup({ maxReceiveCount: 1 });
		const srcArn = 'arn:aws:sqs:us-east-1:000000000000:work';
		expect(errorOf(() => sqs.startMessageMoveTask({ SourceArn: srcArn }))?.name).toBe(
			'InvalidParameterValue'
		);
		for (let i = 0; i < 5; i++) sqs.sendMessage({ QueueUrl: url, MessageBody: `m${i}` });
		sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
		sb.advanceTime(1_000);
		sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
		const { TaskHandle } = sqs.startMessageMoveTask({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 });
		sb.advanceTime(1_500);
		const { ApproximateNumberOfMessagesMoved } = sqs.cancelMessageMoveTask({ TaskHandle });
		expect(ApproximateNumberOfMessagesMoved).toBe(2);
		sb.advanceTime(10_000);
		expect(sqs.listMessageMoveTasks({ SourceArn: dlqArn }).Results[0]).toMatchObject({
			Status: 'CANCELLED',
			ApproximateNumberOfMessagesMoved: 2
		});
	});
});
