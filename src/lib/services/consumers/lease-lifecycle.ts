// The lifecycle of one KCL lease (KIN-14, KIN-11): a shard is unleased until its parents reached SHARD_END;
// then a row is written for it, held by the live worker holding the fewest leases, which polls it and
// checkpoints after each batch. When its worker dies the lease is orphaned: nobody renews it, the worker's
// polling stops, and its checkpoints are never written; after FailoverTimeMillis the least-loaded live worker
// takes it over and resumes from the last checkpoint (so records can be processed twice). Read to its end,
// or gone, the shard is finished: its checkpoint is SHARD_END, which lets its children start.
//
// The consumer (kcl.ts) steps each lease through this machine, its guards evaluated there, and its one
// executor performs the named effects. A lease's status is not stored: it is finished at SHARD_END, orphaned
// while its owner is dead, held otherwise (leaseStatus below), so the consumer's data is what it was before.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type LeaseStatus = 'unleased' | 'held' | 'orphaned' | 'finished';

/**
 * LEASE: the shard can start (KIN-11) and a row is written; POLL: its polling timer fired; CHECKPOINT: a batch
 * a worker processed is done; OWNER_DIED: its worker died; TAKEOVER: the failover time passed since;
 * READ_TO_END: a read returned no next iterator (KIN-11); SHARD_GONE: the shard expired under the reader.
 */
export type LeaseEvent =
	'LEASE' | 'POLL' | 'CHECKPOINT' | 'OWNER_DIED' | 'TAKEOVER' | 'READ_TO_END' | 'SHARD_GONE';

export type LeaseGuard =
	/** KIN-14: the least-loaded worker is alive (there is someone to hold the lease). */
	| 'liveWorker'
	/** KIN-14: the worker writing the checkpoint still holds the lease. */
	| 'writerHoldsLease';

/** The named effects of a lease's transitions; the consumer's executor performs them. */
export type LeaseEffect =
	/** KIN-14: the owner is the live worker holding the fewest leases. */
	| 'assignLeastLoaded'
	/** The row joins the lease table. */
	| 'writeLease'
	/** Poll the shard now (with the lease's current token). */
	| 'startPolling'
	/** One GetRecords (or enhanced fan-out push): process the records, checkpoint later, poll again. */
	| 'readShard'
	| 'writeCheckpoint'
	/** A new token: the dead worker's pending polls are stale. */
	| 'stopPolling'
	/** KIN-14: TAKEOVER after FailoverTimeMillis. */
	| 'scheduleTakeover'
	/** KIN-14: the least-loaded live worker becomes the owner (lease-taken), with a new lease counter. */
	| 'takeOver'
	/** Read again from the last checkpoint, not from where the dead worker was. */
	| 'resumeFromCheckpoint'
	| 'checkpointShardEnd'
	| 'clearIterator'
	/** KIN-11: a shard sync, so children whose parents are now all finished start. */
	| 'leaseChildren';

// The implementations live in the consumer node (its executor); the machine only names them.
const none = () => undefined;

const lease = { actions: ['assignLeastLoaded', 'writeLease', 'startPolling'] as const };

export const leaseLifecycleMachine = setup({
	types: { events: {} as { type: LeaseEvent } },
	guards: { liveWorker: () => false, writerHoldsLease: () => false },
	actions: {
		assignLeastLoaded: none,
		writeLease: none,
		startPolling: none,
		readShard: none,
		writeCheckpoint: none,
		stopPolling: none,
		scheduleTakeover: none,
		takeOver: none,
		resumeFromCheckpoint: none,
		checkpointShardEnd: none,
		clearIterator: none,
		leaseChildren: none
	}
}).createMachine({
	id: 'kcl-lease',
	initial: 'unleased',
	states: {
		unleased: {
			on: {
				// With every worker dead the row still gets an owner (a dead one): nobody renews it, and, no
				// worker having died since, no takeover is due — the lease waits orphaned.
				LEASE: [
					{ guard: 'liveWorker', target: 'held', ...lease },
					{ target: 'orphaned', ...lease }
				]
			}
		},
		held: {
			on: {
				POLL: { target: 'held', actions: 'readShard' },
				// KIN-14: only the worker holding the lease writes its checkpoint (a previous owner's is dropped).
				CHECKPOINT: [
					{ guard: 'writerHoldsLease', target: 'held', actions: 'writeCheckpoint' },
					{ target: 'held' }
				],
				OWNER_DIED: { target: 'orphaned', actions: ['stopPolling', 'scheduleTakeover'] },
				// KIN-11: SHARD_END is checkpointed and the children may start.
				READ_TO_END: {
					target: 'finished',
					actions: ['checkpointShardEnd', 'clearIterator', 'leaseChildren']
				},
				SHARD_GONE: { target: 'finished', actions: 'checkpointShardEnd' }
			}
		},
		orphaned: {
			on: {
				// Not renewed: a dead worker neither polls nor writes its checkpoint (its records will be replayed).
				POLL: 'orphaned',
				CHECKPOINT: 'orphaned',
				TAKEOVER: [
					{
						guard: 'liveWorker',
						target: 'held',
						actions: ['takeOver', 'resumeFromCheckpoint', 'startPolling']
					},
					// Nobody left to take it.
					{ target: 'orphaned' }
				]
			}
		},
		// SHARD_END: the lease stays in the table; late checkpoints of its last batch are dropped.
		finished: { type: 'final' }
	}
});

export const leaseLifecycle = compileMachine<LeaseStatus, LeaseEvent, LeaseGuard, LeaseEffect>(
	leaseLifecycleMachine
);

/** A lease row's place in the lifecycle: finished at SHARD_END, orphaned while its owner is dead, else held. */
export function leaseStatus(
	lease: { readonly owner: number; readonly checkpoint: string },
	dead: readonly number[]
): LeaseStatus {
	return lease.checkpoint === 'SHARD_END' ? 'finished' : dead.includes(lease.owner) ? 'orphaned' : 'held';
}
