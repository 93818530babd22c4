// The SQS queue node: its attributes (ranges and defaults from services/sqs/limits.ts), the simulated
// servers' misbehaviour, and the operator actions on a queue.

import * as v from 'valibot';
// The service's numbers (a leaf module of data; the engine imports nothing else of a service).
import * as SQS from '../../../services/sqs/limits';
import { intIn, numIn, rangeIn } from './common';
import { AT_MS, AttributeValueSchema, common, Ref } from './fields';

/** Operator actions on a queue (see SqsQueueSchema.Actions). */
const SqsQueueActionSchema = v.variant(
	'action',
	[
		v.object({
			action: v.literal('start-message-move-task'),
			atMs: AT_MS,
			MaxNumberOfMessagesPerSecond: v.optional(rangeIn(SQS.MOVE_TASK_RATE, 'messages per second'))
		}),
		/** SendMessage by the operator, with SendMessage's rules (SQS-STD-8/-10, SQS-FIFO-2/-3/-7). */
		v.object({
			action: v.literal('send-message'),
			atMs: AT_MS,
			MessageBody: v.pipe(
				v.string('must be a string'),
				v.minLength(1, 'must not be empty'),
				v.maxLength(
					SQS.MAXIMUM_MESSAGE_SIZE_BYTES.max,
					`must be at most ${SQS.MAXIMUM_MESSAGE_SIZE_BYTES.max} characters`
				)
			),
			MessageGroupId: v.optional(
				v.pipe(
					v.string('must be a string'),
					v.minLength(1, 'must not be empty'),
					v.maxLength(SQS.FIFO_ID_MAX_LENGTH, `must be at most ${SQS.FIFO_ID_MAX_LENGTH} characters`)
				)
			),
			MessageDeduplicationId: v.optional(
				v.pipe(
					v.string('must be a string'),
					v.minLength(1, 'must not be empty'),
					v.maxLength(SQS.FIFO_ID_MAX_LENGTH, `must be at most ${SQS.FIFO_ID_MAX_LENGTH} characters`)
				)
			),
			MessageAttributes: v.optional(v.record(v.string(), AttributeValueSchema)),
			DelaySeconds: v.optional(rangeIn(SQS.DELAY_SECONDS, 'seconds'))
		}),
		/** From atMs, every processing of this origin fails, as if its body matched a poison rule. */
		v.object({
			action: v.literal('make-poison'),
			atMs: AT_MS,
			origin: v.pipe(
				v.string("must be a message origin (the trace's origin field)"),
				v.minLength(1, 'must not be empty'),
				v.maxLength(1000, 'must be at most 1000 characters')
			)
		})
	],
	'must be start-message-move-task, send-message or make-poison'
);

// SQS ---------------------------------------------------------------------------------------------------

/** SQS-STD-1/-2 [sim]: how the simulated servers misbehave. A preset name or explicit rates. */
export const NondeterminismSchema = v.union(
	[
		v.picklist(['off', 'typical', 'classroom'], 'must be off, typical, classroom or an object of rates'),
		v.object({
			servers: v.optional(intIn(1, 16, 'servers')),
			copies: v.optional(intIn(1, 5, 'copies')),
			shortPollSampleRate: v.optional(numIn(0.05, 1)),
			missedDeleteRate: v.optional(numIn(0, 1))
		})
	],
	'must be off, typical, classroom or an object of rates'
);

export const SqsQueueSchema = v.object({
	...common,
	type: v.literal('sqs-queue'),
	QueueName: v.optional(
		v.pipe(
			v.string(),
			v.regex(
				/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
				'must be 1–80 characters: letters, digits, - and _ (and .fifo)'
			),
			v.maxLength(80, 'must be at most 80 characters')
		)
	),
	FifoQueue: v.optional(v.boolean('must be true or false'), false),
	VisibilityTimeout: v.optional(
		rangeIn(SQS.VISIBILITY_TIMEOUT_S, 'seconds'),
		SQS.QUEUE_DEFAULTS.VisibilityTimeout
	),
	DelaySeconds: v.optional(rangeIn(SQS.DELAY_SECONDS, 'seconds'), SQS.QUEUE_DEFAULTS.DelaySeconds),
	MessageRetentionPeriod: v.optional(
		rangeIn(SQS.RETENTION_PERIOD_S, 'seconds'),
		SQS.QUEUE_DEFAULTS.MessageRetentionPeriod
	),
	MaximumMessageSize: v.optional(
		rangeIn(SQS.MAXIMUM_MESSAGE_SIZE_BYTES, 'bytes'),
		SQS.QUEUE_DEFAULTS.MaximumMessageSize
	),
	ReceiveMessageWaitTimeSeconds: v.optional(
		rangeIn(SQS.WAIT_TIME_S, 'seconds'),
		SQS.QUEUE_DEFAULTS.ReceiveMessageWaitTimeSeconds
	),
	ContentBasedDeduplication: v.optional(v.boolean('must be true or false'), false),
	DeduplicationScope: v.optional(
		v.picklist(['queue', 'messageGroup'], 'must be queue or messageGroup'),
		'queue'
	),
	FifoThroughputLimit: v.optional(
		v.picklist(['perQueue', 'perMessageGroupId'], 'must be perQueue or perMessageGroupId'),
		'perQueue'
	),
	RedrivePolicy: v.optional(
		v.object({
			deadLetterTargetArn: Ref,
			maxReceiveCount: rangeIn(SQS.MAX_RECEIVE_COUNT)
		})
	),
	RedriveAllowPolicy: v.optional(
		v.object({
			redrivePermission: v.picklist(
				['allowAll', 'denyAll', 'byQueue'],
				'must be allowAll, denyAll or byQueue'
			),
			sourceQueueArns: v.optional(v.pipe(v.array(Ref), v.maxLength(10, 'must list at most 10 queues')))
		})
	),
	Nondeterminism: v.optional(NondeterminismSchema, 'typical'),
	/**
	 * Operator actions during the run (docs/ARCHITECTURE.md "Operator actions"): SQS-DLQ-4 StartMessageMoveTask
	 * on this (dead-letter) queue, SendMessage by hand, and marking a message poison.
	 */
	Actions: v.optional(v.array(SqsQueueActionSchema), [])
});
