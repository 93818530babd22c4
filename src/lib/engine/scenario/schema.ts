// The scenario format, version 1: a seed, a duration and a list of nodes with AWS-named properties.
// Connections are node properties that name other nodes by id (a producer's `target`, a consumer's
// `source`, a queue's RedrivePolicy.deadLetterTargetArn…); `edges.ts` derives the graph from them.
// Every rule carries a message that names the valid range, so errors read
// "nodes[2].VisibilityTimeout: must be 0–43200 seconds". The services' numbers come from their limits.ts.

import * as v from 'valibot';
import { nestsDeeperThan } from '../json-depth';
// The services' numbers (leaf modules of data; the engine imports nothing else of a service).
import * as SQS from '../../services/sqs/limits';

export const SCENARIO_VERSION = 1;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/;

/** An integer in [min, max], with a message naming the range and unit. */
export function intIn(min: number, max: number, unit = '') {
	const range = `must be ${min}–${max}${unit ? ` ${unit}` : ''}`;
	return v.pipe(
		v.number(`${range}`),
		v.integer(`${range} (a whole number)`),
		v.minValue(min, range),
		v.maxValue(max, range)
	);
}

/** An integer in a service's range (services/<service>/limits.ts). */
export function rangeIn(range: { readonly min: number; readonly max: number }, unit = '') {
	return intIn(range.min, range.max, unit);
}

/** A number in [min, max]. */
export function numIn(min: number, max: number, unit = '') {
	const range = `must be ${min}–${max}${unit ? ` ${unit}` : ''}`;
	return v.pipe(v.number(range), v.finite(range), v.minValue(min, range), v.maxValue(max, range));
}

const NodeId = v.pipe(
	v.string('must be a string'),
	v.regex(ID_PATTERN, 'must be 1–80 characters: letters, digits, _ . : - (starting with a letter or digit)')
);

const Ref = v.pipe(v.string('must be a node id'), v.minLength(1, 'must be a node id'));

/** A finite number: JSON's 1e400 parses to Infinity, and a caller in JavaScript can pass NaN. */
const Finite = v.pipe(v.number('must be a finite number'), v.finite('must be a finite number'));

/** Where the editor placed the node on the stage. */
const Position = v.object({ x: Finite, y: Finite });

/**
 * A window of simulated time, from fromMs up to (not including) toMs; an inverted one (toMs before fromMs)
 * is reported at toMs. An empty window (toMs = fromMs) is allowed: it covers no time.
 */
const WINDOW_FROM_TO = {
	fromMs: intIn(0, 1_000_000_000, 'ms'),
	toMs: intIn(0, 1_000_000_000, 'ms')
};
const windowMessage = (issue: { input: { fromMs: number } }) =>
	`must be at least fromMs (${issue.input.fromMs} ms)`;

/** When an operator action fires: simulated ms from the start of the run. */
const AT_MS = intIn(0, 1_000_000_000, 'ms');

/** An operator action's processing-time multiplier: 1 restores, 0.1 is ten times faster, 100 a hundred times slower. */
const FACTOR = numIn(0.1, 100, 'times');

const common = {
	id: NodeId,
	label: v.optional(v.pipe(v.string(), v.maxLength(120, 'must be at most 120 characters'))),
	position: v.optional(Position)
};

// Shared by queues and producers ---------------------------------------------------------------------

const RateSchema = v.variant(
	'type',
	[
		v.object({ type: v.literal('fixed'), perSecond: numIn(0.001, 100000, 'messages per second') }),
		v.object({ type: v.literal('poisson'), perSecond: numIn(0.001, 100000, 'messages per second') }),
		v.object({
			type: v.literal('burst'),
			size: intIn(1, 10000, 'messages'),
			everySeconds: numIn(0.001, 86400, 'seconds')
		})
	],
	'must be fixed, poisson or burst'
);

const AttributeValueSchema = v.object({
	DataType: v.pipe(
		v.string(),
		v.regex(
			/^(String|Number|Binary|String\.Array)(\.[A-Za-z0-9_.-]+)?$/,
			'must be String, Number, Binary or String.Array'
		)
	),
	StringValue: v.optional(v.string()),
	BinaryValue: v.optional(v.string())
});

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

// Producers ---------------------------------------------------------------------------------------------

/** Operator actions on a producer (see ProducerSchema.Actions). */
const ProducerActionSchema = v.variant(
	'action',
	[
		v.object({ action: v.literal('pause'), atMs: AT_MS }),
		v.object({ action: v.literal('resume'), atMs: AT_MS }),
		v.object({ action: v.literal('set-rate'), atMs: AT_MS, Rate: RateSchema })
	],
	'must be pause, resume or set-rate'
);

export const ProducerSchema = v.object({
	...common,
	type: v.literal('producer'),
	target: Ref,
	Rate: RateSchema,
	/** Stop after this many messages (unbounded when absent). */
	Count: v.optional(intIn(1, 100_000_000, 'messages')),
	StartAtMs: v.optional(intIn(0, 1_000_000_000, 'ms'), 0),
	/** Body template: {n} counter, {n%K}, {cycle:a|b|c}, {rand:K}, {pick:a|b}. */
	Body: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), 'message {n}'),
	MessageAttributes: v.optional(v.record(v.string(), AttributeValueSchema)),
	MessageGroupId: v.optional(v.string()),
	MessageDeduplicationId: v.optional(v.string()),
	/** Pads each body with spaces up to this many bytes (to load byte limits such as KIN-4's 1 MiB/s). */
	PayloadBytes: v.optional(intIn(1, 1_048_576, 'bytes')),
	/** Kinesis targets: the partition key template (KIN-1); defaults to the message's own id. */
	PartitionKey: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
	ExplicitHashKey: v.optional(v.pipe(v.string(), v.regex(/^\d{1,39}$/, 'must be a decimal hash key'))),
	DelaySeconds: v.optional(rangeIn(SQS.DELAY_SECONDS, 'seconds')),
	/** Simulated network latency of one API call, producer to service [sim]. */
	LatencyMs: v.optional(intIn(0, 60000, 'ms'), 20),
	/** Operator actions during the run: pause, resume, a new rate (docs/ARCHITECTURE.md "Operator actions"). */
	Actions: v.optional(v.array(ProducerActionSchema), [])
});

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
	Failure: v.optional(FailureRuleSchema),
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

// SNS ---------------------------------------------------------------------------------------------------

const EndpointBehaviourSchema = v.object({
	LatencyMs: v.optional(intIn(0, 600_000, 'ms')),
	ErrorRate: v.optional(numIn(0, 1)),
	ClientErrorRate: v.optional(numIn(0, 1)),
	Outages: v.optional(
		v.array(
			v.pipe(
				v.object({
					...WINDOW_FROM_TO,
					failure: v.optional(
						v.picklist(['status-503', 'timeout', 'connection'], 'must be status-503, timeout or connection')
					)
				}),
				v.forward(
					v.check((w) => w.toMs >= w.fromMs, windowMessage),
					['toMs']
				)
			)
		)
	),
	MaxPerSecond: v.optional(intIn(1, 100_000, 'requests per second')),
	Deleted: v.optional(v.boolean())
});

/** Deepest nesting accepted in a JSON object field (policies); AWS's parsers stop well before this. */
export const MAX_JSON_DEPTH = 1000;

/** A JSON object given inline: its nesting is bounded, so turning it back into text cannot overflow. */
const JsonObject = v.pipe(
	v.record(v.string(), v.unknown()),
	v.check((o) => !nestsDeeperThan(o, MAX_JSON_DEPTH), `must be nested at most ${MAX_JSON_DEPTH} levels deep`)
);

const JsonText = v.union([v.string(), JsonObject], 'must be a JSON object or its text');

export const SubscriptionSchema = v.object({
	Protocol: v.picklist(
		['sqs', 'lambda', 'http', 'https', 'email', 'email-json', 'sms', 'application', 'firehose'],
		'must be sqs, lambda, http, https, email, email-json, sms, application or firehose'
	),
	/** A queue's node id for sqs; a URL, address or ARN otherwise. */
	Endpoint: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
	FilterPolicy: v.optional(JsonText),
	FilterPolicyScope: v.optional(
		v.picklist(['MessageAttributes', 'MessageBody'], 'must be MessageAttributes or MessageBody')
	),
	RawMessageDelivery: v.optional(v.boolean('must be true or false')),
	RedrivePolicy: v.optional(v.object({ deadLetterTargetArn: Ref })),
	DeliveryPolicy: v.optional(JsonText),
	/** [sim] How the endpoint behaves (HTTP/S, email, SMS). */
	Simulated: v.optional(EndpointBehaviourSchema)
});

export const SnsTopicSchema = v.object({
	...common,
	type: v.literal('sns-topic'),
	TopicName: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/, 'must be 1–256 letters, digits, - and _ (and .fifo)')
		)
	),
	FifoTopic: v.optional(v.boolean('must be true or false'), false),
	ContentBasedDeduplication: v.optional(v.boolean('must be true or false'), false),
	FifoThroughputScope: v.optional(
		v.picklist(['Topic', 'MessageGroup'], 'must be Topic or MessageGroup'),
		'Topic'
	),
	DeliveryPolicy: v.optional(JsonText),
	/** [sim] Time from publish to the first delivery attempt. */
	DeliveryLatencyMs: v.optional(intIn(0, 60_000, 'ms'), 20),
	/** SNS-RETRY-1 [sim]: ±10 % seeded jitter on retry delays. */
	RetryJitter: v.optional(v.boolean(), true),
	Subscriptions: v.optional(
		v.pipe(v.array(SubscriptionSchema), v.maxLength(100, 'must have at most 100 subscriptions')),
		[]
	)
});

// Kinesis -----------------------------------------------------------------------------------------------

const ShardIdSchema = v.pipe(
	v.string('must be a shard id like shardId-000000000000'),
	v.regex(/^shardId-\d{12}$/, 'must be a shard id like shardId-000000000000')
);

const StreamActionSchema = v.variant(
	'action',
	[
		v.object({
			action: v.literal('split'),
			atMs: intIn(0, 1_000_000_000, 'ms'),
			ShardToSplit: ShardIdSchema,
			/** Defaults to the middle of the shard's range. */
			NewStartingHashKey: v.optional(v.pipe(v.string(), v.regex(/^\d{1,39}$/, 'must be a decimal hash key')))
		}),
		v.object({
			action: v.literal('update-shard-count'),
			atMs: intIn(0, 1_000_000_000, 'ms'),
			TargetShardCount: intIn(1, 500, 'shards')
		}),
		/** KIN-11/-16: two open shards with adjacent hash-key ranges, the lower one first. */
		v.object({
			action: v.literal('merge'),
			atMs: AT_MS,
			ShardToMerge: ShardIdSchema,
			AdjacentShardToMerge: ShardIdSchema
		})
	],
	'must be split, update-shard-count or merge'
);

export const KinesisStreamSchema = v.object({
	...common,
	type: v.literal('kinesis-stream'),
	StreamName: v.optional(
		v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{1,128}$/, 'must be 1–128 letters, digits, _ . -'))
	),
	/** KIN-2: shards at creation (PROVISIONED). */
	ShardCount: v.optional(intIn(1, 500, 'shards'), 1),
	StreamMode: v.optional(
		v.picklist(['PROVISIONED', 'ON_DEMAND'], 'must be PROVISIONED or ON_DEMAND'),
		'PROVISIONED'
	),
	/** KIN-10: 24–8,760 hours. */
	RetentionPeriodHours: v.optional(intIn(24, 8760, 'hours'), 24),
	/** Resharding during the run (KIN-11): split, update-shard-count, merge. */
	Actions: v.optional(v.array(StreamActionSchema), [])
});

export const KinesisConsumerSchema = v.object({
	...common,
	type: v.literal('kinesis-consumer'),
	source: Ref,
	/** KIN-9: where a shard without a checkpoint starts. */
	StartingPosition: v.optional(
		v.picklist(['TRIM_HORIZON', 'LATEST'], 'must be TRIM_HORIZON or LATEST'),
		'TRIM_HORIZON'
	),
	/** [sim] Pause between GetRecords calls on one shard when the last one came back empty (KCL's idle time). */
	PollIntervalMs: v.optional(intIn(200, 60_000, 'ms'), 1000),
	/** GetRecords Limit (KIN-7). */
	Limit: v.optional(intIn(1, 10_000, 'records'), 1000),
	/** Time to process one record. */
	ProcessingTime: v.optional(DurationDistributionSchema, { type: 'fixed', ms: 2 }),
	/** KIN-13: read through enhanced fan-out (a dedicated 2 MiB/s pipe per shard, outside the shared limit). */
	EnhancedFanOut: v.optional(v.boolean(), false),
	/** KIN-14: workers sharing the shard leases. */
	Workers: v.optional(intIn(1, 100, 'workers'), 1),
	/** KIN-14: workers that die during the run; their leases are taken over after FailoverTimeMillis. */
	WorkerFailures: v.optional(
		v.array(v.object({ worker: intIn(0, 99), atMs: intIn(0, 1_000_000_000, 'ms') })),
		[]
	),
	/** KIN-14: a lease not renewed for this long is taken over (10 s default, unverified). */
	FailoverTimeMillis: v.optional(intIn(1000, 600_000, 'ms'), 10_000)
});

// Firehose ----------------------------------------------------------------------------------------------

export const FirehoseSchema = v.object({
	...common,
	type: v.literal('firehose'),
	DeliveryStreamName: v.optional(
		v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . -'))
	),
	/** A Kinesis stream to read from; without it, producers put records directly. */
	source: v.optional(Ref),
	/** FH-1: flush at whichever comes first. */
	BufferingHints: v.optional(
		v.object({
			SizeInMBs: v.optional(intIn(1, 128, 'MiB'), 5),
			IntervalInSeconds: v.optional(intIn(0, 900, 'seconds'), 300)
		}),
		{ SizeInMBs: 5, IntervalInSeconds: 300 }
	),
	Prefix: v.optional(v.string(), ''),
	/** FH-3 [sim]: a transform function's outcome per record. */
	Transform: v.optional(
		v.object({
			failWhenContains: v.optional(v.string()),
			dropWhenContains: v.optional(v.string()),
			failureRate: v.optional(numIn(0, 1))
		})
	),
	/** FH-4 [sim]: windows when the S3-like destination rejects writes. */
	Outages: v.optional(
		v.array(
			v.pipe(
				v.object(WINDOW_FROM_TO),
				v.forward(
					v.check((w) => w.toMs >= w.fromMs, windowMessage),
					['toMs']
				)
			)
		)
	)
});

// Lambda functions with an event source mapping (ESM-SQS-*) ------------------------------------------------

export const LambdaSchema = v.object({
	...common,
	type: v.literal('lambda'),
	/** The event source: an SQS queue or a Kinesis stream. */
	source: Ref,
	/** ESM-SQS-1: default 10, at most 10,000 (standard) or 10 (FIFO); ESM-KIN-1: default 100. */
	BatchSize: v.optional(intIn(1, 10000, 'records')),
	/** ESM-KIN-1 (Kinesis sources only). */
	StartingPosition: v.optional(
		v.picklist(['TRIM_HORIZON', 'LATEST'], 'must be TRIM_HORIZON or LATEST'),
		'TRIM_HORIZON'
	),
	ParallelizationFactor: v.optional(intIn(1, 10, 'batches per shard'), 1),
	/** -1 = retry until the record expires (the default). */
	MaximumRetryAttempts: v.optional(intIn(-1, 10000, 'retries'), -1),
	/** -1 = no limit (the default); otherwise 60–604,800 s. */
	MaximumRecordAgeInSeconds: v.optional(
		v.pipe(
			v.number(),
			v.integer('must be a whole number'),
			v.check((n) => n === -1 || (n >= 60 && n <= 604_800), 'must be -1 or 60–604800 seconds')
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
	MaximumBatchingWindowInSeconds: v.optional(intIn(0, 300, 'seconds'), 0),
	/** The function's timeout. */
	Timeout: v.optional(intIn(1, 900, 'seconds'), 3),
	/** Time the function spends per message of a batch (the batch takes the sum). */
	ProcessingTime: v.optional(DurationDistributionSchema, { type: 'fixed', ms: 50 }),
	Failure: v.optional(FailureRuleSchema),
	/** ESM-SQS-4: ["ReportBatchItemFailures"] for partial batch responses. */
	FunctionResponseTypes: v.optional(
		v.array(v.picklist(['ReportBatchItemFailures'], 'must be ReportBatchItemFailures')),
		[]
	),
	/** ESM-SQS-5: ScalingConfig.MaximumConcurrency, 2–1,000. */
	MaximumConcurrency: v.optional(intIn(2, 1000, 'concurrent batches')),
	/** The function's reserved concurrency: a cap that throttles instead of scaling (ESM-SQS-5). */
	ReservedConcurrency: v.optional(intIn(0, 1000, 'concurrent executions')),
	StartAtMs: v.optional(intIn(0, 1_000_000_000, 'ms'), 0),
	/** Operator actions on the function: fail-all, slow-down (docs/ARCHITECTURE.md "Operator actions"). */
	Actions: v.optional(
		v.array(v.variant('action', [FailAllAction, SlowDownAction], 'must be fail-all or slow-down')),
		[]
	)
});

export const NodeSchema = v.variant(
	'type',
	[
		SqsQueueSchema,
		SnsTopicSchema,
		KinesisStreamSchema,
		ProducerSchema,
		ConsumerSchema,
		KinesisConsumerSchema,
		FirehoseSchema,
		LambdaSchema
	],
	(issue) =>
		`must be one of sqs-queue, sns-topic, kinesis-stream, producer, consumer, kinesis-consumer, firehose, lambda (got ${JSON.stringify(issue.input)})`
);

export const ScenarioSchema = v.object({
	version: v.literal(SCENARIO_VERSION, `must be ${SCENARIO_VERSION}`),
	name: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(120)),
	description: v.optional(v.pipe(v.string(), v.maxLength(4000, 'must be at most 4000 characters'))),
	seed: intIn(0, 2 ** 32 - 1),
	durationMs: intIn(1, 31 * 24 * 3600 * 1000, 'ms'),
	nodes: v.pipe(
		v.array(NodeSchema, 'must be a list of nodes'),
		v.maxLength(500, 'must have at most 500 nodes')
	),
	/** Simplifications made for this scenario (SEMANTICS §7), shown to the user. */
	fidelityNotes: v.optional(v.array(v.string()))
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
export type ScenarioNode = Scenario['nodes'][number];
export type NodeType = ScenarioNode['type'];
export type NodeOf<T extends NodeType> = Extract<ScenarioNode, { type: T }>;
export type SqsQueueSpec = NodeOf<'sqs-queue'>;
export type ProducerSpec = NodeOf<'producer'>;
export type ConsumerSpec = NodeOf<'consumer'>;
export type LambdaSpec = NodeOf<'lambda'>;
export type SnsTopicSpec = NodeOf<'sns-topic'>;
export type KinesisStreamSpec = NodeOf<'kinesis-stream'>;
export type KinesisConsumerSpec = NodeOf<'kinesis-consumer'>;
export type FirehoseSpec = NodeOf<'firehose'>;
export type SubscriptionSpec = v.InferOutput<typeof SubscriptionSchema>;
export type Nondeterminism = v.InferOutput<typeof NondeterminismSchema>;
export type DurationDistribution = v.InferOutput<typeof DurationDistributionSchema>;
export type ProducerRate = v.InferOutput<typeof RateSchema>;
export type SqsQueueAction = SqsQueueSpec['Actions'][number];
export type ProducerAction = ProducerSpec['Actions'][number];
export type ConsumerAction = ConsumerSpec['Actions'][number];
export type LambdaAction = LambdaSpec['Actions'][number];
export type KinesisStreamAction = KinesisStreamSpec['Actions'][number];
