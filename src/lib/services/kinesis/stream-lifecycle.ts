// The status of a Kinesis stream (KIN-11, KIN-15) as the stream node models it:
//   CREATING → ACTIVE ⇄ UPDATING, and CREATING | ACTIVE | UPDATING → DELETING.
// KIN-15: a new stream is CREATING (no shards yet; puts and reads are ResourceNotFoundException, resharding
// is ResourceInUseException "… not ACTIVE, instead in state CREATING") until CREATED, after the creation delay
// [sim: 500 ms by default in the sandbox, 0 allowed; a scenario's streams are the deployed topology and are
// ACTIVE at t=0], lays out its shards. A reshard (SplitShard, MergeShards, UpdateShardCount) or another stream
// update (UpdateStreamMode, UpdateMaxRecordSize) makes an ACTIVE stream UPDATING (still writable) for
// RESHARD_MS, then RESHARD_DONE applies it and the stream is ACTIVE again; a retention change is accepted
// only while ACTIVE. DeleteStream makes the stream DELETING (kinesalite test/deleteStream.js: "should allow
// stream to be deleted while it is being created"); DELETED, after the deletion delay, removes it.
// The machine decides which calls the stream accepts (anything it refuses is a ResourceInUseException) and
// names the work each transition does, which the stream node's one executor performs.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

/**
 * CREATED: the creation delay has passed; RESHARD: a split, merge, uniform scaling or stream update was
 * accepted; RESHARD_DONE: its RESHARD_MS have passed; DELETE: DeleteStream was accepted; DELETED: the
 * deletion delay has passed.
 */
export type StreamEvent = 'CREATED' | 'RESHARD' | 'RESHARD_DONE' | 'SET_RETENTION' | 'DELETE' | 'DELETED';

/** The named effects of the stream's transitions; the stream node's executor performs them. */
export type StreamEffect =
	| 'openInitialShards'
	| 'scheduleReshardDone'
	| 'applyReshard'
	| 'rescheduleTrims'
	| 'scheduleDeleted'
	| 'removeStream';

// The implementations live in the stream node (its executor); the machine only names them.
const none = () => undefined;

export const streamLifecycleMachine = setup({
	types: { events: {} as { type: StreamEvent } },
	actions: {
		openInitialShards: none,
		scheduleReshardDone: none,
		applyReshard: none,
		rescheduleTrims: none,
		scheduleDeleted: none,
		removeStream: none
	}
}).createMachine({
	id: 'kinesis-stream',
	initial: 'CREATING',
	states: {
		// KIN-15: no shards yet; only DeleteStream is accepted besides the end of the creation delay.
		CREATING: {
			on: {
				// KIN-2/-15: the shards are laid out when the stream becomes ACTIVE.
				CREATED: { target: 'ACTIVE', actions: 'openInitialShards' },
				DELETE: { target: 'DELETING', actions: 'scheduleDeleted' }
			}
		},
		ACTIVE: {
			on: {
				// KIN-11: the pending reshard completes after RESHARD_MS of simulated time.
				RESHARD: { target: 'UPDATING', actions: 'scheduleReshardDone' },
				// KIN-10: a new retention period re-times every shard's trim; the status stays ACTIVE.
				SET_RETENTION: { actions: 'rescheduleTrims' },
				DELETE: { target: 'DELETING', actions: 'scheduleDeleted' }
			}
		},
		// KIN-11/-15: still writable, but another reshard or a retention change is refused (ResourceInUse).
		UPDATING: {
			on: {
				// KIN-11: the parents close and the children open (split, merge or uniform scaling).
				RESHARD_DONE: { target: 'ACTIVE', actions: 'applyReshard' },
				DELETE: { target: 'DELETING', actions: 'scheduleDeleted' }
			}
		},
		// KIN-15: puts and reads are ResourceNotFoundException; DescribeStream still shows it until DELETED.
		DELETING: {
			on: {
				DELETED: { actions: 'removeStream' }
			}
		}
	}
});

export const streamLifecycle = compileMachine<StreamStatus, StreamEvent, never, StreamEffect>(
	streamLifecycleMachine
);
