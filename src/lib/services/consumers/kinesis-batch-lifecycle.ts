// The lifecycle of one batch of a Lambda Kinesis event source mapping, at the head of its slot (ESM-KIN-2..5):
// waiting for its turn, then invoking; a success checkpoints past it (succeeded); a function error (or a
// timeout) fails it, and then either, with BisectBatchOnFunctionError and more than one record, it is split in
// two halves that wait in its place (bisected, ESM-KIN-4: splits use up no retries), or it waits to be retried
// (failed, ESM-KIN-3: it blocks its slot). A failed batch whose retries ran out (MaximumRetryAttempts) or
// whose oldest record is older than MaximumRecordAgeInSeconds is discarded instead of invoked again: its
// metadata goes to the on-failure destination and the slot moves past it (ESM-KIN-5). With
// ReportBatchItemFailures, an invocation that reports failed sequence numbers ends PARTIAL (ESM-KIN-6): the
// slot checkpoints before the lowest one, the batch keeps only the records from it on, and it waits to be
// retried (failed) like a failed batch: the retry counts as an attempt, and retries or age running out
// discard what is left of it (ESM-KIN-5). A partial response is not a function error, so it is not bisected.
//
// The mapping (lambda-kinesis.ts) steps each head batch through this machine, its guards evaluated there, and
// its one executor performs the named effects. A batch's status is not stored: invoking while its slot is
// busy, failed once it has used attempts, waiting otherwise; the final states have left the slot
// (batchStatus below), so the mapping's data is what it was before.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type BatchStatus = 'waiting' | 'invoking' | 'failed' | 'succeeded' | 'bisected' | 'discarded';

/**
 * INVOKE: the batch is its free slot's head; SUCCEEDED / FAILED: its invocation ended so; PARTIAL: it ended
 * with a partial batch response naming failed sequence numbers (ESM-KIN-6).
 */
export type BatchEvent = 'INVOKE' | 'SUCCEEDED' | 'FAILED' | 'PARTIAL';

export type BatchGuard =
	/** ESM-KIN-3/-5: MaximumRetryAttempts is finite and the batch's attempts went past it. */
	| 'retriesExhausted'
	/** ESM-KIN-3/-5: MaximumRecordAgeInSeconds is finite and the batch's oldest record is older. */
	| 'recordTooOld'
	/** ESM-KIN-4: BisectBatchOnFunctionError is on and the batch has more than one record. */
	| 'bisectable';

/** The named effects of a batch's transitions; the mapping's executor performs them. */
export type BatchEffect =
	/** Draw its processing time and outcome, trace batch-invoked, time its end (DONE). */
	| 'invoke'
	/** Move the slot past the batch. */
	| 'checkpoint'
	/** record-processed for each record, then batch-result ok. */
	| 'reportSuccess'
	/** batch-result failed (function error, or the operator's fail-all). */
	| 'reportFailure'
	/** ESM-KIN-6: record-processed for the records before the lowest failure, then batch-result partial-batch. */
	| 'reportPartial'
	/** ESM-KIN-6: checkpoint before the lowest failure: the batch keeps the records from it on. */
	| 'checkpointBeforeFailure'
	/** ESM-KIN-4: the batch is replaced by its two halves. */
	| 'bisect'
	| 'countAttempt'
	/** ESM-KIN-5: metadata to the on-failure destination (RetryAttemptsExhausted), then past the batch. */
	| 'discardRetriesExhausted'
	/** ESM-KIN-5: metadata to the on-failure destination (RecordAgeExceeded), then past the batch. */
	| 'discardRecordTooOld'
	/** The slot invokes its next batch (or retries this one). */
	| 'nextBatch';

// The implementations live in the mapping node (its executor); the machine only names them.
const none = () => undefined;

export const kinesisBatchLifecycleMachine = setup({
	types: { events: {} as { type: BatchEvent } },
	guards: { retriesExhausted: () => false, recordTooOld: () => false, bisectable: () => false },
	actions: {
		invoke: none,
		checkpoint: none,
		reportSuccess: none,
		reportFailure: none,
		reportPartial: none,
		checkpointBeforeFailure: none,
		bisect: none,
		countAttempt: none,
		discardRetriesExhausted: none,
		discardRecordTooOld: none,
		nextBatch: none
	}
}).createMachine({
	id: 'esm-kinesis-batch',
	initial: 'waiting',
	states: {
		waiting: { on: { INVOKE: { target: 'invoking', actions: 'invoke' } } },
		invoking: {
			on: {
				SUCCEEDED: { target: 'succeeded', actions: ['checkpoint', 'reportSuccess', 'nextBatch'] },
				FAILED: [
					{ guard: 'bisectable', target: 'bisected', actions: ['reportFailure', 'bisect', 'nextBatch'] },
					{ target: 'failed', actions: ['reportFailure', 'countAttempt', 'nextBatch'] }
				],
				// ESM-KIN-6: retried from the lowest failure; a partial retry counts as an attempt.
				PARTIAL: {
					target: 'failed',
					actions: ['reportPartial', 'checkpointBeforeFailure', 'countAttempt', 'nextBatch']
				}
			}
		},
		failed: {
			on: {
				INVOKE: [
					{
						guard: 'retriesExhausted',
						target: 'discarded',
						actions: ['discardRetriesExhausted', 'nextBatch']
					},
					{ guard: 'recordTooOld', target: 'discarded', actions: ['discardRecordTooOld', 'nextBatch'] },
					// ESM-KIN-3: the same batch again.
					{ target: 'invoking', actions: 'invoke' }
				]
			}
		},
		succeeded: { type: 'final' },
		bisected: { type: 'final' },
		discarded: { type: 'final' }
	}
});

export const kinesisBatchLifecycle = compileMachine<BatchStatus, BatchEvent, BatchGuard, BatchEffect>(
	kinesisBatchLifecycleMachine
);

/** A batch in its slot: invoking while it is the busy slot's head, failed once it used attempts, else waiting. */
export function batchStatus(invoking: boolean, batch: { readonly attempts: number }): BatchStatus {
	return invoking ? 'invoking' : batch.attempts > 0 ? 'failed' : 'waiting';
}
