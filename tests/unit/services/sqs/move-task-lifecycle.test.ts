// SQS-DLQ-4: a message move task's lifecycle machine, through its pure API, and the queue that steps it.
import { describe, expect, it } from 'vitest';
import { moveTaskLifecycle } from '$lib/services/sqs';
import { createSandbox } from '$lib/sandbox';

describe('move task lifecycle (SQS-DLQ-4)', () => {
	it('SQS-DLQ-4: RUNNING ends COMPLETED, CANCELLED or FAILED; an ended task takes no event', () => {
		expect(moveTaskLifecycle.initial).toBe('RUNNING');
		expect(moveTaskLifecycle.step('RUNNING', 'DONE')).toEqual(['COMPLETED', []]);
		expect(moveTaskLifecycle.step('RUNNING', 'CANCEL')).toEqual(['CANCELLED', []]);
		expect(moveTaskLifecycle.step('RUNNING', 'DESTINATION_GONE')).toEqual(['FAILED', []]);
		for (const done of ['COMPLETED', 'CANCELLED', 'FAILED'] as const) {
			expect(moveTaskLifecycle.isFinal(done)).toBe(true);
			expect(() => moveTaskLifecycle.must(done, 'CANCEL')).toThrow(/no transition for CANCEL/);
		}
	});

	it('SQS-DLQ-4: a cancelled task reports CANCELLED and cannot be cancelled again', () => {
		const sb = createSandbox({ seed: 3 });
		const dlq = sb.sqs.createQueue({ QueueName: 'dlq' }).QueueUrl;
		const dlqArn = sb.sqs.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn as string;
		// The source must be some queue's dead-letter queue.
		const dest = sb.sqs.createQueue({
			QueueName: 'dest',
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) }
		}).QueueUrl;
		const destArn = sb.sqs.getQueueAttributes({ QueueUrl: dest, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn as string;
		for (let k = 0; k < 5; k++) sb.sqs.sendMessage({ QueueUrl: dlq, MessageBody: `m${k}` });
		const { TaskHandle } = sb.sqs.startMessageMoveTask({
			SourceArn: dlqArn,
			DestinationArn: destArn,
			MaxNumberOfMessagesPerSecond: 1
		});
		sb.advanceTime(1500);
		sb.sqs.cancelMessageMoveTask({ TaskHandle });
		const tasks = sb.sqs.listMessageMoveTasks({ SourceArn: dlqArn }).Results ?? [];
		expect(tasks[0]?.Status).toBe('CANCELLED');
		expect(() => sb.sqs.cancelMessageMoveTask({ TaskHandle })).toThrow(/does not exist/);
	});
});
