// A delivery stream's buffer (FH-1): empty until a record arrives, which starts the interval; buffering until
// the buffer reaches SizeInMBs (flushed at once, on that record) or the interval ends (flushed then),
// whichever comes first; empty again after a flush. The stream steps its buffer through this machine and runs
// the named effects; the inspector draws it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type BufferState = 'empty' | 'buffering';
export type BufferEvent = 'RECORD' | 'INTERVAL';
export type BufferGuard = 'sizeReached';
export type BufferEffect = 'armInterval' | 'flushForSize' | 'flushForInterval';

const none = () => undefined;

export const bufferMachine = setup({
	types: { events: {} as { type: BufferEvent } },
	guards: { sizeReached: () => false },
	actions: { armInterval: none, flushForSize: none, flushForInterval: none }
}).createMachine({
	id: 'firehose-buffer',
	initial: 'empty',
	states: {
		empty: {
			on: {
				// FH-1: the interval starts with the first record in an empty buffer (a record that alone fills the
				// buffer starts it too, and the flush cancels it).
				RECORD: [
					{ guard: 'sizeReached', target: 'empty', actions: ['armInterval', 'flushForSize'] },
					{ target: 'buffering', actions: 'armInterval' }
				],
				// Every flush cancels the interval, so this is only a stale timer: nothing to flush.
				INTERVAL: 'empty'
			}
		},
		buffering: {
			on: {
				RECORD: [{ guard: 'sizeReached', target: 'empty', actions: 'flushForSize' }, { target: 'buffering' }],
				INTERVAL: { target: 'empty', actions: 'flushForInterval' }
			}
		}
	}
});

export const bufferLifecycle = compileMachine<BufferState, BufferEvent, BufferGuard, BufferEffect>(
	bufferMachine
);
