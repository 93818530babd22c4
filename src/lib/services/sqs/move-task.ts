// Message move tasks (SQS-DLQ-4): a dead-letter queue's messages go back to their source (or a named
// destination) at a rate, one timer tick per message.

import { awsError } from '../shared/errors';
import { isPoison, schedule, transition } from './bookkeeping';
import { MOVE_TASK_DEFAULT_MIN_RATE, MOVE_TASK_RATE } from './limits';
import { isLive } from './message-lifecycle';
import { moveTaskLifecycle } from './move-task-lifecycle';
import { type MoveTask, type QueueCore, peerQueue } from './state';

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
	if (s.moveTasks.some((t) => t.Status === 'RUNNING')) {
		throw awsError(
			'UnsupportedOperation',
			'There is already a task running. Only one active task is allowed for a source queue at a time.'
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
		TaskHandle: btoa(JSON.stringify({ queue: q.id, n: s.moveTasks.length + 1 })),
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
	if (!task || task.Status !== 'RUNNING') {
		throw awsError(
			'ResourceNotFoundException',
			'The resource that you specified for the TaskHandle parameter does not exist.'
		);
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
