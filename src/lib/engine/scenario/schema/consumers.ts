// The nodes that process messages: the SQS polling consumer and the Lambda function with an event source
// mapping, with what they share: processing-time distributions, failure rules and operator actions.

import * as ESM from '../../../services/consumers/limits';
import * as v from 'valibot';
// The service's numbers (a leaf module of data; the engine imports nothing else of a service).
import * as SQS from '../../../services/sqs/limits';
import { intIn, numIn, rangeIn } from './common';
import { AT_MS, common, FACTOR, JsonText, Ref } from './fields';

// Consumers ---------------------------------------------------------------------------------------------

export const DurationDistributionSchema = v.variant(
	'type',
	[
		v.object({ type: v.literal('fixed'), ms: intIn(0, 86_400_000, 'ms') }),
		v.pipe(
			v.object({
				type: v.literal('uniform'),
				minMs: intIn(0, 86_400_000, 'ms'),
				maxMs: intIn(0, 86_400_000, 'ms')
			}),
			// An inverted range has no values to draw from: reported at maxMs.
			v.forward(
				v.check(
					(u) => u.maxMs >= u.minMs,
					(issue) => `must be at least minMs (${issue.input.minMs} ms)`
				),
				['maxMs']
			)
		),
		v.object({ type: v.literal('exponential'), meanMs: intIn(1, 86_400_000, 'ms') })
	],
	'must be fixed, uniform or exponential'
);

export const FailureRuleSchema = v.object({
	/** Chance that processing one message fails. */
	probability: v.optional(numIn(0, 1), 0),
	/** Processing always fails when the body contains this text (a poison message). */
	bodyContains: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')))
});

/** An SQS polling consumer's failure rule: the same, plus what it does with a message it failed. */
export const ConsumerFailureRuleSchema = v.object({
	...FailureRuleSchema.entries,
	/**
	 * What the consumer does with a message it failed: leave it to come back when its visibility runs out
	 * (false, the default), or release it at once with ChangeMessageVisibility(0) (true, SQS-STD-5), so any
	 * worker can retry it now. On a FIFO queue a released message is ahead of the rest of its batch, which
	 * the same worker still holds in flight, so another worker can receive it meanwhile (SQS-FIFO-5).
	 */
	release: v.optional(v.boolean())
});

/** From atMs every message processed fails (on: true), or the node's own rules apply again (on: false). */
const FailAllAction = v.object({
	action: v.literal('fail-all'),
	atMs: AT_MS,
	on: v.boolean('must be true or false')
});

/** Processing time × factor from atMs (factor 1 restores). */
const SlowDownAction = v.object({ action: v.literal('slow-down'), atMs: AT_MS, factor: FACTOR });

/** Operator actions on an SQS polling consumer (see ConsumerSchema.Actions). */
const ConsumerActionSchema = v.variant(
	'action',
	[
		v.object({ action: v.literal('crash'), atMs: AT_MS }),
		v.object({ action: v.literal('restart'), atMs: AT_MS }),
		SlowDownAction,
		FailAllAction
	],
	'must be crash, restart, slow-down or fail-all'
);

export const ConsumerSchema = v.object({
	...common,
	type: v.literal('consumer'),
	source: Ref,
	Workers: v.optional(intIn(1, 1000, 'workers'), 1),
	WaitTimeSeconds: v.optional(rangeIn(SQS.WAIT_TIME_S, 'seconds')),
	MaxNumberOfMessages: v.optional(rangeIn(SQS.MAX_NUMBER_OF_MESSAGES, 'messages'), 1),
	VisibilityTimeout: v.optional(rangeIn(SQS.VISIBILITY_TIMEOUT_S, 'seconds')),
	ProcessingTime: v.optional(DurationDistributionSchema, { type: 'fixed', ms: 100 }),
	Failure: v.optional(ConsumerFailureRuleSchema),
	/** Messages whose body contains `bodyContains` take `ProcessingTime` instead (a slow message). */
	Slow: v.optional(
		v.object({
			bodyContains: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
			ProcessingTime: DurationDistributionSchema
		})
	),
	/** Deletes each message after it is processed successfully. */
	DeleteOnSuccess: v.optional(v.boolean(), true),
	/** Extends visibility while processing: every `everySeconds`, ChangeMessageVisibility to `extendBySeconds`. */
	Heartbeat: v.optional(
		v.object({
			everySeconds: intIn(1, SQS.VISIBILITY_TIMEOUT_S.max, 'seconds'),
			extendBySeconds: intIn(1, SQS.VISIBILITY_TIMEOUT_S.max, 'seconds')
		})
	),
	/** Remembers processed origins and skips repeats, so "delivered twice" and "processed twice" differ. */
	Idempotent: v.optional(v.boolean(), false),
	/** Simulated latency of one API call [sim]. */
	LatencyMs: v.optional(intIn(0, 60000, 'ms'), 20),
	StartAtMs: v.optional(intIn(0, 1_000_000_000, 'ms'), 0),
	/** Operator actions: crash, restart, slow-down, fail-all (docs/ARCHITECTURE.md "Operator actions"). */
	Actions: v.optional(v.array(ConsumerActionSchema), [])
});

// Lambda functions with an event source mapping (ESM-SQS-*) ------------------------------------------------

export const LambdaSchema = v.object({
	...common,
	type: v.literal('lambda'),
	/** The event source: an SQS queue or a Kinesis stream. */
	source: Ref,
	/** ESM-SQS-1: default 10, at most 10,000 (standard) or 10 (FIFO); ESM-KIN-1: default 100. */
	BatchSize: v.optional(rangeIn(ESM.BATCH_SIZE, 'records')),
	/** ESM-KIN-1 (Kinesis sources only). */
	StartingPosition: v.optional(
		v.picklist(['TRIM_HORIZON', 'LATEST'], 'must be TRIM_HORIZON or LATEST'),
		'TRIM_HORIZON'
	),
	ParallelizationFactor: v.optional(rangeIn(ESM.PARALLELIZATION_FACTOR, 'batches per shard'), 1),
	/** -1 = retry until the record expires (the default). */
	MaximumRetryAttempts: v.optional(rangeIn(ESM.MAXIMUM_RETRY_ATTEMPTS, 'retries'), -1),
	/** -1 = no limit (the default); otherwise 60–604,800 s. */
	MaximumRecordAgeInSeconds: v.optional(
		v.pipe(
			v.number(),
			v.integer('must be a whole number'),
			v.check(
				(n) => n === -1 || (n >= ESM.MAXIMUM_RECORD_AGE_S.min && n <= ESM.MAXIMUM_RECORD_AGE_S.max),
				`must be -1 or ${ESM.MAXIMUM_RECORD_AGE_S.min}–${ESM.MAXIMUM_RECORD_AGE_S.max} seconds`
			)
		),
		-1
	),
	BisectBatchOnFunctionError: v.optional(v.boolean(), false),
	/** ESM-KIN-5: where the metadata of a batch Lambda gave up on goes (an SQS queue or SNS topic). */
	OnFailure: v.optional(Ref),
	/** ESM-SQS-7: messages matching none of the patterns are deleted without invoking the function. */
	FilterCriteria: v.optional(
		v.object({
			Filters: v.pipe(
				v.array(
					v.object({
						Pattern: JsonText
					})
				),
				v.maxLength(5, 'must have at most 5 filters')
			)
		})
	),
	/** ESM-SQS-1: default 0, at most 300 (unverified); at least 1 when BatchSize > 10; not for FIFO. */
	MaximumBatchingWindowInSeconds: v.optional(rangeIn(ESM.BATCHING_WINDOW_S, 'seconds'), 0),
	/** The function's timeout. */
	Timeout: v.optional(rangeIn(ESM.FUNCTION_TIMEOUT_S, 'seconds'), ESM.FUNCTION_TIMEOUT_S.default),
	/** Time the function spends per message of a batch (the batch takes the sum). */
	ProcessingTime: v.optional(DurationDistributionSchema, { type: 'fixed', ms: 50 }),
	Failure: v.optional(FailureRuleSchema),
	/** ESM-SQS-4: ["ReportBatchItemFailures"] for partial batch responses. */
	FunctionResponseTypes: v.optional(
		v.array(v.picklist(['ReportBatchItemFailures'], 'must be ReportBatchItemFailures')),
		[]
	),
	/** ESM-SQS-5: ScalingConfig.MaximumConcurrency, 2–1,000. */
	MaximumConcurrency: v.optional(rangeIn(ESM.MAXIMUM_CONCURRENCY, 'concurrent batches')),
	/** The function's reserved concurrency: a cap that throttles instead of scaling (ESM-SQS-5). */
	ReservedConcurrency: v.optional(rangeIn(ESM.RESERVED_CONCURRENCY, 'concurrent executions')),
	StartAtMs: v.optional(intIn(0, 1_000_000_000, 'ms'), 0),
	/** Operator actions on the function: fail-all, slow-down (docs/ARCHITECTURE.md "Operator actions"). */
	Actions: v.optional(
		v.array(v.variant('action', [FailAllAction, SlowDownAction], 'must be fail-all or slow-down')),
		[]
	)
});
