// The selected SQS message's statechart, read from the very machine that decides its status
// (services/sqs/message-lifecycle.ts): every state with its outgoing transitions, the current state lit and
// the transitions the message took so far, replayed from its trace events through the compiled machine.

import type { TraceEvent } from '$lib/engine';
import type { TakenTransition } from '$lib/services/shared/compile-machine';
import { messageLifecycle, type MessageEvent, type MessageStatus } from '$lib/services/sqs/message-lifecycle';

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

/** Which machine event a queue's trace event is (SQS-STD-4/-5/-8/-9, SQS-DLQ-1/-4). */
const EVENT_OF: Readonly<Record<string, MessageEvent>> = {
	'delay-elapsed': 'DELAY_ELAPSED',
	received: 'RECEIVE',
	'visibility-expired': 'VISIBILITY_EXPIRED',
	deleted: 'DELETE',
	'dead-lettered': 'DEAD_LETTER',
	expired: 'EXPIRE',
	purged: 'PURGE',
	'move-task-moved': 'MOVE'
};

export interface ChartEdge {
	event: MessageEvent;
	to: MessageStatus;
	taken: boolean;
}

export interface ChartState {
	id: MessageStatus;
	label: string;
	current: boolean;
	final: boolean;
	visited: boolean;
	edges: ChartEdge[];
}

export interface MessageChart {
	states: ChartState[];
	taken: TakenTransition<MessageStatus, MessageEvent>[];
}

/** Replays a message's events at one queue through the machine. A visibility change to now (timeout 0) is RELEASE (SQS-STD-5). */
export function takenTransitions(
	events: readonly TraceEvent[],
	msg: string,
	queue: string
): TakenTransition<MessageStatus, MessageEvent>[] {
	const mine = events.filter((e) => e.msg === msg && e.node === queue);
	const enqueued = mine.find((e) => e.type === 'enqueued');
	if (!enqueued) return [];
	const visibleAt = (enqueued as { visibleAt?: number }).visibleAt ?? enqueued.t;
	let state: MessageStatus = visibleAt > enqueued.t ? 'delayed' : messageLifecycle.initial;
	const out: TakenTransition<MessageStatus, MessageEvent>[] = [];
	for (const e of mine) {
		let event = EVENT_OF[e.type];
		if (e.type === 'visibility-changed' && (e as { visibleAt?: number }).visibleAt === e.t) event = 'RELEASE';
		if (!event) continue;
		let next = messageLifecycle.next(state, event);
		// SQS-STD-3: a stray copy that missed a delete lives on under the same MessageId after the original
		// ended; its events continue from 'available', the state the copy was left in.
		if (next === undefined && messageLifecycle.isFinal(state)) {
			const copy = messageLifecycle.next('available', event);
			if (copy !== undefined) {
				state = 'available';
				next = copy;
			}
		}
		if (next === undefined) continue;
		out.push({ from: state, event, to: next, atMs: e.t });
		state = next;
	}
	return out;
}

export function messageChart(
	taken: readonly TakenTransition<MessageStatus, MessageEvent>[],
	current: MessageStatus | undefined
): MessageChart {
	const takenKeys = new Set(taken.map((t) => `${t.from} ${t.event}`));
	const visited = new Set<MessageStatus>(taken.flatMap((t) => [t.from, t.to]));
	const states = messageLifecycle.states.map((id) => ({
		id,
		label: STATE_LABEL[id],
		current: current === id,
		final: messageLifecycle.isFinal(id),
		visited: visited.has(id) || current === id,
		edges: messageLifecycle.events.flatMap((event) =>
			messageLifecycle.transitions(id, event).map((t) => ({
				event,
				to: t.target,
				taken: takenKeys.has(`${id} ${event}`)
			}))
		)
	}));
	return { states, taken: [...taken] };
}
