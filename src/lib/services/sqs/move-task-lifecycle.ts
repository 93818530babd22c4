// The lifecycle of one message move task (SQS-DLQ-4): RUNNING until its last message is moved (COMPLETED),
// CancelMessageMoveTask stops it (CANCELLED), or a message's destination is gone (FAILED). The states are
// AWS's Status values. The queue steps each task through this machine; the inspector draws it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
export type MoveTaskEvent = 'DONE' | 'CANCEL' | 'DESTINATION_GONE';

export const moveTaskMachine = setup({ types: { events: {} as { type: MoveTaskEvent } } }).createMachine({
	id: 'sqs-move-task',
	initial: 'RUNNING',
	states: {
		RUNNING: { on: { DONE: 'COMPLETED', CANCEL: 'CANCELLED', DESTINATION_GONE: 'FAILED' } },
		COMPLETED: { type: 'final' },
		CANCELLED: { type: 'final' },
		FAILED: { type: 'final' }
	}
});

export const moveTaskLifecycle = compileMachine<MoveTaskStatus, MoveTaskEvent>(moveTaskMachine);
