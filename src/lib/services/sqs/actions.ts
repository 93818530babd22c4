// Operator actions scheduled by a scenario on a queue: start a move task, send a message by hand, mark a
// message poison (docs/ARCHITECTURE.md "Operator actions").

import type { SqsQueueAction } from '../../engine/scenario';
import { traceOperatorAction } from '../shared/operator';
import type { SendMessageInput } from './api-types';
import { isPoison, markPoison, queueArn } from './bookkeeping';
import { startMessageMoveTask } from './move-task';
import { sendMessage } from './send';
import type { QueueCore } from './state';

/**
 * Operator actions. start-message-move-task: SQS-DLQ-4 on this queue (a second task while one runs is
 * rejected). send-message: SendMessage with its rules, from `operator`; the message's origin is
 * `op-<k>@<queue>` (k its position in Actions); a rejected send is traced as produce-failed, not thrown.
 * make-poison: marks an origin (see QueueState.poison).
 */
export function runAction(q: QueueCore, actions: readonly SqsQueueAction[], k: number): void {
	const a = actions[k];
	if (!a) return;
	const rejected = (err: unknown, cause: string, origin?: string) => {
		const e = err as Error;
		q.ctx.trace({
			type: 'produce-failed',
			node: q.id,
			...(origin !== undefined ? { origin } : {}),
			target: q.id,
			error: e.name,
			message: e.message,
			cause
		});
	};
	switch (a.action) {
		case 'start-message-move-task':
			traceOperatorAction(q.ctx, q.id, k, a);
			try {
				startMessageMoveTask(q, {
					SourceArn: queueArn(q),
					...(a.MaxNumberOfMessagesPerSecond !== undefined
						? { MaxNumberOfMessagesPerSecond: a.MaxNumberOfMessagesPerSecond }
						: {})
				});
			} catch (err) {
				// A task already running: AWS refuses a second one.
				rejected(err, 'move-task-rejected');
			}
			return;
		case 'send-message': {
			const origin = operatorOrigin(q.id, k);
			traceOperatorAction(q.ctx, q.id, k, a, { origin });
			const input: SendMessageInput = { MessageBody: a.MessageBody };
			if (a.MessageAttributes) input.MessageAttributes = structuredClone(a.MessageAttributes);
			if (a.MessageGroupId !== undefined) input.MessageGroupId = a.MessageGroupId;
			if (a.MessageDeduplicationId !== undefined) input.MessageDeduplicationId = a.MessageDeduplicationId;
			if (a.DelaySeconds !== undefined) input.DelaySeconds = a.DelaySeconds;
			try {
				sendMessage(q, input, { from: OPERATOR, origin });
			} catch (err) {
				rejected(err, (err as Error).name, origin);
			}
			return;
		}
		case 'make-poison': {
			const already = isPoison(q, a.origin);
			traceOperatorAction(
				q.ctx,
				q.id,
				k,
				a,
				already ? { origin: a.origin, ignored: 'already-poison' } : { origin: a.origin }
			);
			markPoison(q, a.origin);
			return;
		}
	}
}

/** The sender an operator's send-message names (the trace's `from`). */
export const OPERATOR = 'operator';

/**
 * The origin of the message that action number `k` of queue `queueId` sends: `op-<k>@<queue>`. '@' is in no
 * node id, so it never collides with a producer's `<producer>-<n>`.
 */
export function operatorOrigin(queueId: string, k: number): string {
	return `op-${k}@${queueId}`;
}
