// The lifecycle of one SQS message (SEMANTICS §7 "must keep" 1): delayed → available → in flight →
// deleted | available again | dead-lettered | expired | purged | moved. The queue advances each message's
// status through this machine, compiled to a table; the inspector draws this same chart.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type MessageStatus =
	'delayed' | 'available' | 'inFlight' | 'deleted' | 'deadLettered' | 'expired' | 'purged' | 'moved';

export type MessageEvent =
	| 'DELAY_ELAPSED'
	| 'RECEIVE'
	| 'VISIBILITY_EXPIRED'
	| 'RELEASE'
	| 'DELETE'
	| 'DEAD_LETTER'
	| 'EXPIRE'
	| 'PURGE'
	| 'MOVE';

const gone = { EXPIRE: 'expired', PURGE: 'purged' } as const;

export const messageLifecycleMachine = setup({
	types: { events: {} as { type: MessageEvent } }
}).createMachine({
	id: 'sqs-message',
	initial: 'available',
	states: {
		// SQS-STD-8: queue or message delay; a delayed message is not in flight.
		delayed: { on: { DELAY_ELAPSED: 'available', ...gone } },
		available: {
			on: {
				RECEIVE: 'inFlight', // SQS-STD-4
				// SQS-DLQ-1: the move happens at receive time, once the receive count reached maxReceiveCount.
				DEAD_LETTER: 'deadLettered',
				// SQS-STD-6: a delete with the latest receipt handle still works after visibility ran out.
				DELETE: 'deleted',
				MOVE: 'moved', // SQS-DLQ-4: a message move task takes it back to a source queue.
				...gone
			}
		},
		inFlight: {
			on: {
				DELETE: 'deleted',
				VISIBILITY_EXPIRED: 'available', // SQS-STD-4
				RELEASE: 'available', // SQS-STD-5: ChangeMessageVisibility to 0
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

export const messageLifecycle = compileMachine<MessageStatus, MessageEvent>(messageLifecycleMachine);

/** Statuses in which a message still counts as "in the queue". */
export function isLive(status: MessageStatus): boolean {
	return status === 'delayed' || status === 'available' || status === 'inFlight';
}
