// The lifecycle of one polling worker: idle → polling → processing → idle, and stopped while its consumer is
// crashed by an operator action (CRASH from any state, RESTART back to idle). Compiled to a table like the
// message lifecycle; the stage shows each worker's state from it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type WorkerStatus = 'idle' | 'polling' | 'processing' | 'stopped';
export type WorkerEvent = 'POLL' | 'MESSAGES' | 'EMPTY' | 'NEXT' | 'BATCH_DONE' | 'CRASH' | 'RESTART';

export const workerMachine = setup({ types: { events: {} as { type: WorkerEvent } } }).createMachine({
	id: 'sqs-worker',
	initial: 'idle',
	states: {
		idle: { on: { POLL: 'polling', CRASH: 'stopped' } },
		polling: { on: { MESSAGES: 'processing', EMPTY: 'idle', CRASH: 'stopped' } },
		processing: { on: { NEXT: 'processing', BATCH_DONE: 'idle', CRASH: 'stopped' } },
		stopped: { on: { RESTART: 'idle' } }
	}
});

export const workerLifecycle = compileMachine<WorkerStatus, WorkerEvent>(workerMachine);
