// The lifecycle of one event-source-mapping poller (ESM-SQS-1/-5): idle → polling → (gathering more |
// invoking) → idle, and retired when the mapping scales down. Compiled to a table; the stage draws it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type PollerStatus = 'idle' | 'polling' | 'invoking' | 'retired';
export type PollerEvent = 'POLL' | 'EMPTY' | 'INVOKE' | 'FINISH' | 'RETIRE' | 'REVIVE';

export const pollerMachine = setup({ types: { events: {} as { type: PollerEvent } } }).createMachine({
	id: 'esm-poller',
	initial: 'idle',
	states: {
		idle: { on: { POLL: 'polling', RETIRE: 'retired' } },
		// EMPTY: nothing yet (or the batch is still filling): poll again.
		polling: { on: { EMPTY: 'idle', INVOKE: 'invoking' } },
		invoking: { on: { FINISH: 'idle' } },
		retired: { on: { REVIVE: 'idle' } }
	}
});

export const pollerLifecycle = compileMachine<PollerStatus, PollerEvent>(pollerMachine);
