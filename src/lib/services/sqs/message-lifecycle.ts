// The lifecycle of one SQS message (SEMANTICS §7 "must keep" 1): delayed → available → in flight →
// deleted | available again | dead-lettered | expired | purged | moved. The queue advances each message's
// status through this machine, compiled to a table with its guard (SQS-DLQ-1 at receive) and named effects,
// which the queue's one executor performs; the inspector draws this same chart.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type MessageStatus =
	'delayed' | 'available' | 'inFlight' | 'deleted' | 'deadLettered' | 'expired' | 'purged' | 'moved';

export type MessageEvent =
	| 'DELAY_ELAPSED'
	| 'RECEIVE'
	| 'VISIBILITY_EXPIRED'
	| 'RELEASE'
	| 'HIDE'
	| 'DELETE'
	| 'EXPIRE'
	| 'PURGE'
	| 'MOVE';

/** What the machine asks the queue to decide a transition (SQS-DLQ-1). */
export type MessageGuard = 'maxReceiveCountReached';

/** The named effects the machine's transitions run; the queue's one executor performs them. */
export type MessageEffect = 'makeAvailable' | 'leaveQueue' | 'moveToDeadLetterQueue';

// The implementations live in the queue (its executor); the machine only names them.
const none = () => undefined;

/** A final state's data leaves the queue (timers cancelled, group entry dropped). */
const leave = (target: MessageStatus) => ({ target, actions: 'leaveQueue' as const });
/** Becomes receivable: seeded tie-break, back on its server's list (SQS-STD-1), waiting long polls served. */
const available = { target: 'available' as const, actions: 'makeAvailable' as const };
const gone = { EXPIRE: leave('expired'), PURGE: leave('purged') };

export const messageLifecycleMachine = setup({
	types: { events: {} as { type: MessageEvent } },
	guards: { maxReceiveCountReached: () => false },
	actions: { makeAvailable: none, leaveQueue: none, moveToDeadLetterQueue: none }
}).createMachine({
	id: 'sqs-message',
	initial: 'available',
	states: {
		// SQS-STD-8: queue or message delay; a delayed message is not in flight.
		delayed: { on: { DELAY_ELAPSED: available, ...gone } },
		available: {
			on: {
				RECEIVE: [
					// SQS-DLQ-1: the move happens at receive time, once the receive count reached maxReceiveCount
					// (and the dead-letter queue is there); the message is not delivered.
					{
						guard: 'maxReceiveCountReached',
						target: 'deadLettered',
						actions: ['leaveQueue', 'moveToDeadLetterQueue']
					},
					{ target: 'inFlight' } // SQS-STD-4
				],
				// SQS-STD-6: a delete with the latest receipt handle still works after visibility ran out.
				DELETE: leave('deleted'),
				// SQS-STD-5 (recorded): ChangeMessageVisibility with a handle whose visibility ran out still takes
				// effect, hiding the message again without a receive.
				HIDE: { target: 'inFlight' },
				MOVE: leave('moved'), // SQS-DLQ-4: a message move task takes it back to a source queue.
				...gone
			}
		},
		inFlight: {
			on: {
				DELETE: leave('deleted'),
				VISIBILITY_EXPIRED: available, // SQS-STD-4
				RELEASE: available, // SQS-STD-5: ChangeMessageVisibility to 0
				...gone // SQS-STD-9: retention deletes even in-flight messages
			}
		},
		deleted: { type: 'final' },
		deadLettered: { type: 'final' },
		expired: { type: 'final' },
		purged: { type: 'final' },
		moved: { type: 'final' }
	}
});

export const messageLifecycle = compileMachine<MessageStatus, MessageEvent, MessageGuard, MessageEffect>(
	messageLifecycleMachine
);

/** Statuses in which a message still counts as "in the queue". */
export function isLive(status: MessageStatus): boolean {
	return status === 'delayed' || status === 'available' || status === 'inFlight';
}
