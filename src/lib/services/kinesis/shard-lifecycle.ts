// The lifecycle of one Kinesis shard (KIN-10, KIN-11, KIN-15): OPEN → CLOSED (its parent role in a split,
// a merge or uniform scaling ends its writes) → EXPIRED (retention has passed since it closed, and its
// records with it: gone from ListShards). Each shard keeps one TRIM timer (retention.ts); the machine decides
// what a trim does, with its guard, and names the work, which the stream node's one executor performs.
//
// A shard's status is not stored: it is OPEN while `open` is set, CLOSED once cleared, and EXPIRED once it has
// left the stream's shard list (shardStatus below), so the stream's data is exactly what it was before.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type ShardStatus = 'OPEN' | 'CLOSED' | 'EXPIRED';

/** CLOSE: a finished reshard closes the shard; TRIM: its retention timer fired. */
export type ShardEvent = 'CLOSE' | 'TRIM';

/** What the machine asks the stream to decide a transition. */
export type ShardGuard =
	/** A TRIM timer is already due (it will find the shard closed): closing arms no second one. */
	| 'trimScheduled'
	/** KIN-11: the closed shard's records are all past retention, and so is the time it closed. */
	| 'retentionPassed';

/** The named effects of the shard's transitions; the stream node's executor performs them. */
export type ShardEffect = 'seal' | 'scheduleTrim' | 'expireRecords' | 'leaveStream';

// The implementations live in the stream node (its executor); the machine only names them.
const none = () => undefined;

/** KIN-10: records past retention expire (TRIM_HORIZON moves on), then the next trim is timed. */
const trimAndReschedule = { actions: ['expireRecords', 'scheduleTrim'] as const };

export const shardLifecycleMachine = setup({
	types: { events: {} as { type: ShardEvent } },
	guards: { trimScheduled: () => false, retentionPassed: () => false },
	actions: { seal: none, scheduleTrim: none, expireRecords: none, leaveStream: none }
}).createMachine({
	id: 'kinesis-shard',
	initial: 'OPEN',
	states: {
		OPEN: {
			on: {
				// KIN-11: no new writes; the EndingSequenceNumber is set, and it stays readable until retention.
				CLOSE: [
					{ guard: 'trimScheduled', target: 'CLOSED', actions: 'seal' },
					{ target: 'CLOSED', actions: ['seal', 'scheduleTrim'] }
				],
				TRIM: trimAndReschedule
			}
		},
		CLOSED: {
			on: {
				TRIM: [
					// KIN-11: EXPIRED once retention has passed since it closed and its last record expired.
					{ guard: 'retentionPassed', target: 'EXPIRED', actions: ['expireRecords', 'leaveStream'] },
					trimAndReschedule
				]
			}
		},
		EXPIRED: { type: 'final' }
	}
});

export const shardLifecycle = compileMachine<ShardStatus, ShardEvent, ShardGuard, ShardEffect>(
	shardLifecycleMachine
);

/** A shard's place in the lifecycle: OPEN or CLOSED while the stream lists it, EXPIRED once it left. */
export function shardStatus(shard: { readonly open: boolean }, listed = true): ShardStatus {
	return !listed ? 'EXPIRED' : shard.open ? 'OPEN' : 'CLOSED';
}
