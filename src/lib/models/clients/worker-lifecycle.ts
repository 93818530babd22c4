// The lifecycle of one polling worker: idle → polling → processing → idle. Compiled to a table like the
// message lifecycle; the stage shows each worker's state from it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type WorkerStatus = 'idle' | 'polling' | 'processing';
export type WorkerEvent = 'POLL' | 'MESSAGES' | 'EMPTY' | 'NEXT' | 'BATCH_DONE';

export const workerMachine = setup({ types: { events: {} as { type: WorkerEvent } } }).createMachine({
	id: 'sqs-worker',
	initial: 'idle',
	states: {
		idle: { on: { POLL: 'polling' } },
		polling: { on: { MESSAGES: 'processing', EMPTY: 'idle' } },
		processing: { on: { NEXT: 'processing', BATCH_DONE: 'idle' } }
	}
});

export const workerLifecycle = compileMachine<WorkerStatus, WorkerEvent>(workerMachine);
