// The selected SQS message's statechart, read from the very machine that decides its status
// (services/sqs/message-lifecycle.ts): every state with its outgoing transitions, the current state lit and
// the transitions the message took so far, replayed from its trace events through the compiled machine.

import type { TraceEvent } from '$lib/engine';
import type { TakenTransition } from '$lib/services/shared/compile-machine';
import { machineChart, type MachineChart } from './machine-chart';
import {
	messageLifecycle,
	type MessageEvent,
	type MessageGuard,
	type MessageStatus
} from '$lib/services/sqs/message-lifecycle';

export const STATE_LABEL: Record<MessageStatus, string> = {
	delayed: 'delayed',
	available: 'available',
	inFlight: 'in flight',
	deleted: 'deleted',
	deadLettered: 'dead-lettered',
	expired: 'expired',
	purged: 'purged',
	moved: 'moved'
};

export { guardLabel } from './machine-chart';

/**
 * Which machine event a queue's trace event is, with the guard that held (SQS-STD-4/-5/-8/-9, SQS-DLQ-1/-4):
 * a dead-lettering is a RECEIVE whose maxReceiveCountReached guard held.
 */
const EVENT_OF: Readonly<Record<string, { event: MessageEvent; guard?: MessageGuard }>> = {
	'delay-elapsed': { event: 'DELAY_ELAPSED' },
	received: { event: 'RECEIVE' },
	'visibility-expired': { event: 'VISIBILITY_EXPIRED' },
	deleted: { event: 'DELETE' },
	'dead-lettered': { event: 'RECEIVE', guard: 'maxReceiveCountReached' },
	expired: { event: 'EXPIRE' },
	purged: { event: 'PURGE' },
	'move-task-moved': { event: 'MOVE' }
};

export type MessageChart = MachineChart<MessageStatus, MessageEvent, MessageGuard>;

/**
 * Replays a message's events at one queue through the machine. A visibility change to now (timeout 0) is
 * RELEASE, and one that hides a visible message again is HIDE (SQS-STD-5).
 */
export function takenTransitions(
	events: readonly TraceEvent[],
	msg: string,
	queue: string
): TakenTransition<MessageStatus, MessageEvent, MessageGuard>[] {
	const mine = events.filter((e) => e.msg === msg && e.node === queue);
	const enqueued = mine.find((e) => e.type === 'enqueued');
	if (!enqueued) return [];
	const visibleAt = (enqueued as { visibleAt?: number }).visibleAt ?? enqueued.t;
	let state: MessageStatus = visibleAt > enqueued.t ? 'delayed' : messageLifecycle.initial;
	const out: TakenTransition<MessageStatus, MessageEvent, MessageGuard>[] = [];
	for (const e of mine) {
		const released = e.type === 'visibility-changed' && (e as { visibleAt?: number }).visibleAt === e.t;
		// SQS-STD-5: a visibility change with an older or expired handle on a visible message hides it again.
		const hidden = e.type === 'visibility-changed' && (e as { cause?: string }).cause === 'hidden-again';
		const taken = released
			? { event: 'RELEASE' as const }
			: hidden
				? { event: 'HIDE' as const }
				: EVENT_OF[e.type];
		if (!taken) continue;
		const { event, guard } = taken;
		const guards = guard ? { [guard]: true } : {};
		let next = messageLifecycle.step(state, event, guards)?.[0];
		// SQS-STD-3: a stray copy that missed a delete lives on under the same MessageId after the original
		// ended; its events continue from 'available', the state the copy was left in.
		if (next === undefined && messageLifecycle.isFinal(state)) {
			const copy = messageLifecycle.step('available', event, guards)?.[0];
			if (copy !== undefined) {
				state = 'available';
				next = copy;
			}
		}
		if (next === undefined) continue;
		out.push({ from: state, event, ...(guard ? { guard } : {}), to: next, atMs: e.t });
		state = next;
	}
	return out;
}

export function messageChart(
	taken: readonly TakenTransition<MessageStatus, MessageEvent, MessageGuard>[],
	current: MessageStatus | undefined
): MessageChart {
	return machineChart(messageLifecycle, current, { taken, label: (id) => STATE_LABEL[id] });
}
