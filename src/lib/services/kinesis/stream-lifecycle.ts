// The status of a Kinesis stream (KIN-11, KIN-15) as the stream node models it: ACTIVE ⇄ UPDATING. A
// reshard (SplitShard, MergeShards, UpdateShardCount) makes an ACTIVE stream UPDATING for RESHARD_MS, then
// RESHARD_DONE applies it and the stream is ACTIVE again; a retention change is accepted only while ACTIVE.
// The machine decides which calls the stream accepts (anything it refuses is a ResourceInUseException) and
// names the work each transition does, which the stream node's one executor performs.
//
// [sim] KIN-15's CREATING and DELETING are not modelled: a stream is ACTIVE from the start, and DeleteStream
// removes it at once (the node is only flagged `deleted`, outside this lifecycle).

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type StreamStatus = 'ACTIVE' | 'UPDATING';

/** RESHARD: a split, merge or uniform scaling was accepted; RESHARD_DONE: its RESHARD_MS have passed. */
export type StreamEvent = 'RESHARD' | 'RESHARD_DONE' | 'SET_RETENTION';

/** The named effects of the stream's transitions; the stream node's executor performs them. */
export type StreamEffect = 'scheduleReshardDone' | 'applyReshard' | 'rescheduleTrims';

// The implementations live in the stream node (its executor); the machine only names them.
const none = () => undefined;

export const streamLifecycleMachine = setup({
	types: { events: {} as { type: StreamEvent } },
	actions: { scheduleReshardDone: none, applyReshard: none, rescheduleTrims: none }
}).createMachine({
	id: 'kinesis-stream',
	initial: 'ACTIVE',
	states: {
		ACTIVE: {
			on: {
				// KIN-11: the pending reshard completes after RESHARD_MS of simulated time.
				RESHARD: { target: 'UPDATING', actions: 'scheduleReshardDone' },
				// KIN-10: a new retention period re-times every shard's trim; the status stays ACTIVE.
				SET_RETENTION: { actions: 'rescheduleTrims' }
			}
		},
		// KIN-11: still writable, but another reshard or a retention change is refused (ResourceInUse).
		UPDATING: {
			on: {
				// KIN-11: the parents close and the children open (split, merge or uniform scaling).
				RESHARD_DONE: { target: 'ACTIVE', actions: 'applyReshard' }
			}
		}
	}
});

export const streamLifecycle = compileMachine<StreamStatus, StreamEvent, never, StreamEffect>(
	streamLifecycleMachine
);
