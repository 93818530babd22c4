// Message move tasks (SQS-DLQ-4): a dead-letter queue's messages go back to their source (or a named
// destination) at a rate, one timer tick per message.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { awsError } from '../shared/errors';
import { isPoison, schedule, transition } from './bookkeeping';
import { MOVE_TASK_DEFAULT_MIN_RATE, MOVE_TASK_RATE } from './limits';
import { isLive } from './message-lifecycle';
import { moveTaskLifecycle } from './move-task-lifecycle';
import { type MoveTask, type QueueCore, peerQueue } from './state';
import { base64Latin1 } from '../shared/base64';

/**
 * SQS-DLQ-4: a task handle is base64 JSON naming the task and its source, {"taskId", "sourceArn"} (the form
 * LocalStack's validated test_sqs_move_task.py builds handles in). The task id is UUID-shaped and drawn from
 * the queue and the task's number, not from the random source.
 */
function moveTaskHandle(queueId: string, n: number, sourceArn: string): string {
	const h = bytesToHex(sha256(utf8ToBytes(`move-task:${queueId}:${n}`)));
	const taskId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	return base64Latin1(JSON.stringify({ taskId, sourceArn }));
}

export function startMessageMoveTask(
	q: QueueCore,
	input: {
		SourceArn: string;
		DestinationArn?: string;
		MaxNumberOfMessagesPerSecond?: number;
	}
): {
	TaskHandle: string;
} {
	const s = q.s;
	// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_start_multiple_move_tasks.
	if (s.moveTasks.some((t) => t.Status === 'RUNNING')) {
		throw awsError(
			'InvalidParameterValue',
			'There is already a task running. Only one active task is allowed for a source queue arn at a given time.'
		);
	}
	const rate = input.MaxNumberOfMessagesPerSecond;
	if (
		rate !== undefined &&
		(!Number.isInteger(rate) || rate < MOVE_TASK_RATE.min || rate > MOVE_TASK_RATE.max)
	) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between ${MOVE_TASK_RATE.min} and ${MOVE_TASK_RATE.max}.`
		);
	}
	// Oldest first.
	const pending = [...s.messages.values()]
		.filter((m) => isLive(m.status) && m.copyOf === undefined)
		.sort((a, b) => a.enqueuedAt - b.enqueuedAt || a.sentAt - b.sentAt)
		.map((m) => m.key);
	// [sim] With no rate given, SQS picks one from the backlog: here min(500, max(10, backlog)) per second.
	const ratePerSecond =
		rate ?? Math.min(MOVE_TASK_RATE.max, Math.max(MOVE_TASK_DEFAULT_MIN_RATE, pending.length));
	const task: MoveTask = {
		TaskHandle: moveTaskHandle(q.id, s.moveTasks.length + 1, input.SourceArn),
		Status: moveTaskLifecycle.initial,
		SourceArn: input.SourceArn,
		...(input.DestinationArn !== undefined ? { DestinationArn: input.DestinationArn } : {}),
		...(rate !== undefined ? { MaxNumberOfMessagesPerSecond: rate } : {}),
		ratePerSecond,
		ApproximateNumberOfMessagesMoved: 0,
		ApproximateNumberOfMessagesToMove: pending.length,
		StartedTimestamp: q.ctx.now(),
		pending
	};
	s.moveTasks.push(task);
	task.timer = schedule(q, q.ctx.now(), { type: 'MOVE_TICK', task: task.TaskHandle });
	return { TaskHandle: task.TaskHandle };
}

export function cancelMessageMoveTask(
	q: QueueCore,
	taskHandle: string
): { ApproximateNumberOfMessagesMoved: number } {
	const task = q.s.moveTasks.find((t) => t.TaskHandle === taskHandle);
	// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_cancel_with_invalid_task_id_in_task_handle.
	if (!task || task.Status !== 'RUNNING') {
		throw awsError('ResourceNotFoundException', 'Task does not exist.');
	}
	task.Status = moveTaskLifecycle.must(task.Status, 'CANCEL');
	if (task.timer !== undefined) q.ctx.cancel(task.timer);
	return { ApproximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved };
}

export function onMoveTick(q: QueueCore, handle: string): void {
	const s = q.s;
	const task = s.moveTasks.find((t) => t.TaskHandle === handle);
	if (!task || task.Status !== 'RUNNING') return;
	delete task.timer;
	while (task.pending.length > 0) {
		const key = task.pending.shift() as string;
		const m = s.messages.get(key);
		if (!m || m.status !== 'available') continue; // [sim] in-flight or gone messages are skipped.
		const destRef = task.DestinationArn ?? m.deadLetterSourceArn;
		const destId = destRef ? q.resolve(destRef) : undefined;
		const dest = peerQueue(q.ctx, destId);
		if (!destId || !dest) {
			task.Status = moveTaskLifecycle.must(task.Status, 'DESTINATION_GONE');
			return;
		}
		transition(q, m, 'MOVE');
		if (isPoison(q, m.origin)) dest.markPoison(m.origin); // The mark travels with the message.
		const out = dest.acceptMovedMessage(m, q.id);
		q.ctx.trace({
			type: 'move-task-moved',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			to: destId,
			newMsg: out.MessageId
		});
		task.ApproximateNumberOfMessagesMoved++;
		if (task.pending.length > 0) {
			task.timer = schedule(q, q.ctx.now() + 1000 / task.ratePerSecond, { type: 'MOVE_TICK', task: handle });
		} else task.Status = moveTaskLifecycle.must(task.Status, 'DONE');
		return;
	}
	task.Status = moveTaskLifecycle.must(task.Status, 'DONE');
}
