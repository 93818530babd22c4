// A fast-check arbitrary of valid random scenarios over every model: producers feeding SQS standard and
// FIFO queues (with dead-letter queues, redrive and move tasks), SNS topics (standard and FIFO) with
// filtered SQS and simulated endpoint subscriptions, Kinesis streams with KCL consumers, Lambda mappings and
// Firehose readers, Firehose with direct puts, and Lambda on SQS. Rates, counts, processing times, failure
// rates, nondeterminism presets and seeds are random; runs are a few simulated seconds, so one takes
// milliseconds.
//
// The arbitrary draws a plan (arrays of pipelines whose settings are optional keys) and maps it onto
// scenario JSON, so shrinking removes pipelines, consumers and settings and lands on small scenarios.

import fc from 'fast-check';
import type { ScenarioInput } from '../../src/lib/engine';

type Json = Record<string, unknown>;

// Shared pieces ------------------------------------------------------------------------------------------

/** A number k/den for k in [min, max]: shrinks toward min and prints short. */
const step = (min: number, max: number, den: number) =>
	fc.integer({ min: Math.round(min * den), max: Math.round(max * den) }).map((k) => k / den);

const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });

const rateArb = fc.oneof(
	fc.record({ type: fc.constant('fixed'), perSecond: step(0.5, 10, 2) }),
	fc.record({ type: fc.constant('poisson'), perSecond: step(0.5, 10, 2) }),
	fc.record({
		type: fc.constant('burst'),
		size: fc.integer({ min: 1, max: 10 }),
		everySeconds: fc.integer({ min: 1, max: 8 })
	})
);

const distributionArb = fc.oneof(
	fc.record({ type: fc.constant('fixed'), ms: fc.integer({ min: 0, max: 3000 }) }),
	fc
		.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 3000 }))
		.map(([minMs, extra]) => ({ type: 'uniform', minMs, maxMs: minMs + extra })),
	fc.record({ type: fc.constant('exponential'), meanMs: fc.integer({ min: 1, max: 2000 }) })
);

/** Short processing times for per-record work (Kinesis, Lambda). */
const shortDistributionArb = fc.oneof(
	fc.record({ type: fc.constant('fixed'), ms: fc.integer({ min: 0, max: 100 }) }),
	fc
		.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 200 }))
		.map(([minMs, extra]) => ({ type: 'uniform', minMs, maxMs: minMs + extra })),
	fc.record({ type: fc.constant('exponential'), meanMs: fc.integer({ min: 1, max: 100 }) })
);

const failureArb = fc.record(
	{ probability: step(0, 0.6, 20), bodyContains: fc.constant('poison') },
	{ requiredKeys: [] }
);

/** Body templates: plain text, counters, seeded picks (some poison), JSON bodies for body-scope filters. */
const bodyArb = fc.constantFrom(
	'message {n}',
	'order {n} {cycle:a|b|c}',
	'item {rand:5}',
	'{pick:ok|ok|ok|poison} {n}',
	'{pick:fast|fast|slow} {n}',
	'{"order": {"id": {n}, "total": {rand:250}, "kind": "{cycle:a|b}"}}',
	'{"order": {"id": {n}, "kind": "{pick:a|poison}"}}'
);

/** Message attributes the filter policies below read (SNS-FP-16: String, Number, String.Array). */
const attributesArb = fc.record(
	{
		region: fc.constant({ DataType: 'String', StringValue: '{cycle:eu-west-1|us-east-1|ap-south-1}' }),
		size: fc.constant({ DataType: 'Number', StringValue: '{rand:300}' }),
		tags: fc.constant({ DataType: 'String.Array', StringValue: '["{pick:a|b}", "c"]' }),
		blob: fc.constant({ DataType: 'Binary', BinaryValue: 'AAEC' })
	},
	{ requiredKeys: [] }
);

/** Valid filter policies per scope (SNS-FP-*). */
const attributePolicyArb = fc.constantFrom<Json>(
	{ region: [{ prefix: 'eu-' }] },
	{ size: [{ numeric: ['>', 100] }] },
	{ region: [{ 'anything-but': 'us-east-1' }] },
	{ region: [{ exists: false }] },
	{ tags: ['a'] },
	{ region: ['us-east-1', 'ap-south-1'], size: [{ numeric: ['>=', 0, '<', 150] }] },
	{ $or: [{ region: [{ suffix: '-1' }] }, { size: [{ numeric: ['<', 10] }] }] },
	{ region: [{ 'equals-ignore-case': 'EU-WEST-1' }] },
	{ blob: [{ exists: true }] }
);
const bodyPolicyArb = fc.constantFrom<Json>(
	{ order: { total: [{ numeric: ['>', 100] }] } },
	{ order: { kind: ['a'] } },
	{ order: { id: [{ exists: true }] } }
);
const filterArb = fc.oneof(
	attributePolicyArb.map((FilterPolicy) => ({ FilterPolicy })),
	bodyPolicyArb.map((FilterPolicy) => ({ FilterPolicy, FilterPolicyScope: 'MessageBody' }))
);

// Operator actions -------------------------------------------------------------------------------------

/** Mostly within a run (durations are 1–15 s), sometimes at its very start. */
const atMsArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 15_000 }));

/** An action and its undoing a while later (pause then resume, crash then restart), or none. */
const pairArb = (first: string, second: string) =>
	fc.option(fc.tuple(atMsArb, fc.integer({ min: 0, max: 5000 })), { nil: undefined }).map((p) =>
		p === undefined
			? []
			: [
					{ action: first, atMs: p[0] },
					{ action: second, atMs: p[0] + p[1] }
				]
	);

const producerActionsArb = fc
	.tuple(
		fc.array(
			fc.oneof(
				fc.record({ action: fc.constant('pause'), atMs: atMsArb }),
				fc.record({ action: fc.constant('resume'), atMs: atMsArb }),
				fc.record({ action: fc.constant('set-rate'), atMs: atMsArb, Rate: rateArb })
			),
			{ maxLength: 2 }
		),
		pairArb('pause', 'resume')
	)
	.map(([some, pair]) => [...pair, ...some]);

const factorArb = fc.constantFrom(0.1, 0.5, 1, 2, 10, 100);

const functionActionArb = fc.oneof(
	fc.record({ action: fc.constant('fail-all'), atMs: atMsArb, on: fc.boolean() }),
	fc.record({ action: fc.constant('slow-down'), atMs: atMsArb, factor: factorArb })
);

const consumerActionsArb = fc
	.tuple(
		fc.array(
			fc.oneof(
				fc.record({ action: fc.constant('crash'), atMs: atMsArb }),
				fc.record({ action: fc.constant('restart'), atMs: atMsArb }),
				functionActionArb
			),
			{ maxLength: 3 }
		),
		pairArb('crash', 'restart')
	)
	.map(([some, pair]) => [...pair, ...some]);

/** Queue actions as a plan; scenarioOfPlan fits them to the queue's type (SQS-FIFO-2/-3/-7). */
const queueActionArb = fc.oneof(
	fc.record({
		kind: fc.constant('send' as const),
		atMs: atMsArb,
		// The last one is rejected at send time (SQS-STD-10: U+0001 is not allowed) and traced as produce-failed.
		body: fc.constantFrom(
			'by hand',
			'poison by hand',
			'slow by hand',
			'{"order": {"id": 0, "kind": "a"}}',
			'bad \u0001 byte'
		),
		attributes: fc.boolean(),
		delay: fc.option(fc.constantFrom(0, 1, 2), { nil: undefined })
	}),
	fc.record({
		kind: fc.constant('poison' as const),
		atMs: atMsArb,
		/** Which producer's message (or, past the producers, one sent by hand). */
		producer: fc.nat({ max: 2 }),
		n: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 20 }))
	})
);
type QueueActionPlan = typeof queueActionArb extends fc.Arbitrary<infer T> ? T : never;

const nondeterminismArb = fc.oneof(
	fc.constantFrom('off', 'typical', 'classroom'),
	fc.record(
		{
			servers: fc.integer({ min: 1, max: 6 }),
			copies: fc.integer({ min: 1, max: 3 }),
			shortPollSampleRate: step(0.05, 1, 20),
			missedDeleteRate: step(0, 0.2, 20)
		},
		{ requiredKeys: [] }
	)
);

// SQS ----------------------------------------------------------------------------------------------------

/** Mostly short, so messages come back (and reach their DLQ) within a run of a few seconds. */
const visibilityArb = fc.constantFrom(0, 1, 2, 5, 30);

const queueAttrsArb = fc.record(
	{
		VisibilityTimeout: visibilityArb,
		DelaySeconds: fc.constantFrom(0, 1, 3),
		MessageRetentionPeriod: fc.constantFrom(60, 345600),
		ReceiveMessageWaitTimeSeconds: fc.constantFrom(0, 1, 20),
		Nondeterminism: nondeterminismArb
	},
	{ requiredKeys: [] }
);

const fifoAttrsArb = fc.record(
	{
		ContentBasedDeduplication: fc.boolean(),
		DeduplicationScope: fc.constantFrom('queue', 'messageGroup'),
		FifoThroughputLimit: fc.constantFrom('perQueue', 'perMessageGroupId')
	},
	{ requiredKeys: [] }
);

const consumerArb = fc.record(
	{
		kind: fc.constant('consumer' as const),
		settings: fc.record(
			{
				Workers: fc.integer({ min: 1, max: 4 }),
				WaitTimeSeconds: fc.constantFrom(0, 1, 20),
				MaxNumberOfMessages: fc.integer({ min: 1, max: 10 }),
				VisibilityTimeout: visibilityArb,
				ProcessingTime: distributionArb,
				Failure: failureArb,
				Slow: fc.record({ bodyContains: fc.constant('slow'), ProcessingTime: distributionArb }),
				DeleteOnSuccess: fc.boolean(),
				Heartbeat: fc.record({
					everySeconds: fc.integer({ min: 1, max: 5 }),
					extendBySeconds: fc.integer({ min: 1, max: 20 })
				}),
				Idempotent: fc.boolean(),
				// 0 ms included: a zero-latency consumer on an empty queue must still let time pass.
				LatencyMs: fc.integer({ min: 0, max: 200 }),
				StartAtMs: fc.integer({ min: 0, max: 3000 }),
				Actions: consumerActionsArb
			},
			{ requiredKeys: [] }
		)
	},
	{ requiredKeys: ['kind', 'settings'] }
);

const lambdaSqsArb = fc.record({
	kind: fc.constant('lambda' as const),
	/** Batches over 10 need a batching window and a standard queue (ESM-SQS-1). */
	bigBatch: fc.option(fc.integer({ min: 11, max: 50 }), { nil: undefined }),
	settings: fc.record(
		{
			BatchSize: fc.integer({ min: 1, max: 10 }),
			MaximumBatchingWindowInSeconds: fc.integer({ min: 0, max: 3 }),
			Timeout: fc.integer({ min: 1, max: 10 }),
			ProcessingTime: shortDistributionArb,
			Failure: failureArb,
			FunctionResponseTypes: fc.constant(['ReportBatchItemFailures']),
			MaximumConcurrency: fc.integer({ min: 2, max: 10 }),
			ReservedConcurrency: fc.integer({ min: 0, max: 5 }),
			FilterCriteria: fc.constantFrom(
				{ Filters: [{ Pattern: { body: { order: { kind: ['a'] } } } }] },
				{ Filters: [{ Pattern: '{"body": {"order": {"total": [{"numeric": [">", 50]}]}}}' }] }
			),
			StartAtMs: fc.integer({ min: 0, max: 3000 }),
			Actions: fc.array(functionActionArb, { minLength: 1, maxLength: 3 })
		},
		{ requiredKeys: [] }
	)
});

const queueReaderArb = fc.oneof(consumerArb, lambdaSqsArb);
type QueueReader = typeof queueReaderArb extends fc.Arbitrary<infer T> ? T : never;

const producerSettingsArb = fc.record(
	{
		Count: fc.integer({ min: 1, max: 100 }),
		StartAtMs: fc.integer({ min: 0, max: 3000 }),
		MessageAttributes: attributesArb,
		PayloadBytes: fc.integer({ min: 1, max: 1000 }),
		LatencyMs: fc.integer({ min: 0, max: 200 })
	},
	{ requiredKeys: [] }
);

const producerArb = fc.record({
	Rate: rateArb,
	Body: bodyArb,
	settings: producerSettingsArb,
	/** FIFO targets: the group template (SQS-FIFO-2 / SNS-FIFO-2). */
	groups: fc.integer({ min: 1, max: 4 }),
	/** FIFO targets: an explicit deduplication id template (SQS-FIFO-3), or content-based when allowed. */
	dedup: fc.constantFrom('d{n}', 'd{n%5}', undefined),
	/** Standard queues: a per-message delay (SQS-STD-8). */
	DelaySeconds: fc.option(fc.constantFrom(0, 1, 2), { nil: undefined }),
	actions: producerActionsArb
});
type ProducerPlan = typeof producerArb extends fc.Arbitrary<infer T> ? T : never;

const dlqArb = fc.record(
	{
		maxReceiveCount: fc.integer({ min: 1, max: 5 }),
		reader: queueReaderArb,
		moveTask: fc.record(
			{
				atMs: fc.integer({ min: 0, max: 12_000 }),
				MaxNumberOfMessagesPerSecond: fc.integer({ min: 1, max: 20 })
			},
			{ requiredKeys: ['atMs'] }
		),
		allow: fc.constantFrom('allowAll', 'byQueue')
	},
	{ requiredKeys: ['maxReceiveCount'] }
);

const queuePipelineArb = fc.record({
	fifo: fc.boolean(),
	attrs: queueAttrsArb,
	fifoAttrs: fifoAttrsArb,
	producers: fc.array(producerArb, { minLength: 1, maxLength: 2 }),
	readers: fc.array(queueReaderArb, { maxLength: 2 }),
	dlq: fc.option(dlqArb, { nil: undefined }),
	actions: fc.array(queueActionArb, { maxLength: 3 })
});

// SNS ----------------------------------------------------------------------------------------------------

const endpointBehaviourArb = fc.record(
	{
		LatencyMs: fc.integer({ min: 0, max: 20_000 }),
		ErrorRate: step(0, 0.6, 20),
		ClientErrorRate: step(0, 0.3, 20),
		Outages: fc
			.tuple(
				fc.integer({ min: 0, max: 20_000 }),
				fc.integer({ min: 0, max: 20_000 }),
				fc.constantFrom('status-503', 'timeout', 'connection')
			)
			.map(([fromMs, len, failure]) => [{ fromMs, toMs: fromMs + len, failure }]),
		MaxPerSecond: fc.integer({ min: 1, max: 10 }),
		Deleted: fc.boolean()
	},
	{ requiredKeys: [] }
);

const httpPolicyArb = fc
	.record({
		numRetries: fc.integer({ min: 0, max: 6 }),
		minDelayTarget: fc.integer({ min: 1, max: 5 }),
		extra: fc.integer({ min: 0, max: 15 }),
		backoffFunction: fc.constantFrom('linear', 'arithmetic', 'geometric', 'exponential')
	})
	.map(({ numRetries, minDelayTarget, extra, backoffFunction }) => ({
		healthyRetryPolicy: {
			numRetries,
			minDelayTarget,
			maxDelayTarget: minDelayTarget + extra,
			backoffFunction
		}
	}));

const sqsSubscriptionArb = fc.record({
	kind: fc.constant('sqs' as const),
	/** FIFO topics may feed standard queues too (SNS-FIFO-1). */
	standardQueueOnFifoTopic: fc.boolean(),
	attrs: queueAttrsArb,
	readers: fc.array(queueReaderArb, { maxLength: 1 }),
	sub: fc.record(
		{ filter: filterArb, RawMessageDelivery: fc.boolean(), dlq: fc.constant(true) },
		{ requiredKeys: [] }
	)
});

const endpointSubscriptionArb = fc.record({
	kind: fc.constant('endpoint' as const),
	Protocol: fc.constantFrom(
		'http',
		'https',
		'email',
		'email-json',
		'sms',
		'lambda',
		'application',
		'firehose'
	),
	sub: fc.record(
		{
			filter: filterArb,
			RawMessageDelivery: fc.boolean(),
			dlq: fc.constant(true),
			DeliveryPolicy: httpPolicyArb,
			Simulated: endpointBehaviourArb
		},
		{ requiredKeys: [] }
	)
});

const topicPipelineArb = fc.record({
	fifo: fc.boolean(),
	settings: fc.record(
		{
			ContentBasedDeduplication: fc.boolean(),
			FifoThroughputScope: fc.constantFrom('Topic', 'MessageGroup'),
			DeliveryLatencyMs: fc.integer({ min: 0, max: 100 }),
			RetryJitter: fc.boolean(),
			DeliveryPolicy: httpPolicyArb.map((p) => ({
				http: { defaultHealthyRetryPolicy: p.healthyRetryPolicy }
			}))
		},
		{ requiredKeys: [] }
	),
	producers: fc.array(producerArb, { minLength: 1, maxLength: 2 }),
	subscriptions: fc.array(fc.oneof(sqsSubscriptionArb, endpointSubscriptionArb), {
		minLength: 1,
		maxLength: 3
	})
});

// Kinesis and Firehose -------------------------------------------------------------------------------------

const streamActionArb = fc.oneof(
	fc.record({
		action: fc.constant('split' as const),
		atMs: fc.integer({ min: 0, max: 20_000 }),
		shard: fc.integer({ min: 0, max: 3 })
	}),
	fc.record({
		action: fc.constant('update-shard-count' as const),
		atMs: fc.integer({ min: 0, max: 20_000 }),
		TargetShardCount: fc.integer({ min: 1, max: 6 })
	}),
	// KIN-11/-16: the lower shard and its neighbour, or a pair AWS refuses (reversed, not adjacent, missing).
	fc.record({
		action: fc.constant('merge' as const),
		atMs: fc.integer({ min: 0, max: 20_000 }),
		shard: fc.integer({ min: 0, max: 5 }),
		delta: fc.constantFrom(1, 1, 1, -1, 2)
	})
);

const kclArb = fc.record({
	kind: fc.constant('kcl' as const),
	workers: fc.integer({ min: 1, max: 3 }),
	failures: fc.array(fc.record({ worker: fc.nat(), atMs: fc.integer({ min: 0, max: 20_000 }) }), {
		maxLength: 2
	}),
	settings: fc.record(
		{
			StartingPosition: fc.constantFrom('TRIM_HORIZON', 'LATEST'),
			PollIntervalMs: fc.integer({ min: 200, max: 2000 }),
			Limit: fc.integer({ min: 1, max: 1000 }),
			ProcessingTime: shortDistributionArb,
			EnhancedFanOut: fc.boolean(),
			FailoverTimeMillis: fc.integer({ min: 1000, max: 10_000 })
		},
		{ requiredKeys: [] }
	)
});

const lambdaKinesisArb = fc.record({
	kind: fc.constant('lambda' as const),
	onFailure: fc.boolean(),
	settings: fc.record(
		{
			BatchSize: fc.integer({ min: 1, max: 100 }),
			StartingPosition: fc.constantFrom('TRIM_HORIZON', 'LATEST'),
			ParallelizationFactor: fc.integer({ min: 1, max: 4 }),
			MaximumRetryAttempts: fc.integer({ min: -1, max: 3 }),
			MaximumRecordAgeInSeconds: fc.constantFrom(-1, 60),
			BisectBatchOnFunctionError: fc.boolean(),
			Timeout: fc.integer({ min: 1, max: 10 }),
			ProcessingTime: shortDistributionArb,
			Failure: failureArb,
			FunctionResponseTypes: fc.constant(['ReportBatchItemFailures']),
			StartAtMs: fc.integer({ min: 0, max: 3000 }),
			Actions: fc.array(functionActionArb, { minLength: 1, maxLength: 3 })
		},
		{ requiredKeys: [] }
	)
});

const firehoseSettingsArb = fc.record(
	{
		BufferingHints: fc.record(
			{ SizeInMBs: fc.constantFrom(1, 2), IntervalInSeconds: fc.integer({ min: 0, max: 10 }) },
			{ requiredKeys: [] }
		),
		Prefix: fc.constantFrom('', 'logs/'),
		Transform: fc.record(
			{
				failWhenContains: fc.constant('poison'),
				dropWhenContains: fc.constant('slow'),
				failureRate: step(0, 0.5, 20)
			},
			{ requiredKeys: [] }
		),
		Outages: fc
			.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }))
			.map(([fromMs, len]) => [{ fromMs, toMs: fromMs + len }])
	},
	{ requiredKeys: [] }
);

const firehoseReaderArb = fc.record({
	kind: fc.constant('firehose' as const),
	settings: firehoseSettingsArb
});

const streamPipelineArb = fc.record({
	ShardCount: fc.integer({ min: 1, max: 4 }),
	onDemand: fc.boolean(),
	actions: fc.array(streamActionArb, { maxLength: 2 }),
	producers: fc.array(
		fc.record({
			base: producerArb,
			PartitionKey: fc.option(fc.constantFrom('k{rand:8}', 'hot', 'k{n%3}', 'device-{rand:40}'), {
				nil: undefined
			}),
			ExplicitHashKey: fc.option(fc.constantFrom('0', '170141183460469231731687303715884105728'), {
				nil: undefined
			})
		}),
		{ minLength: 1, maxLength: 2 }
	),
	readers: fc.array(fc.oneof(kclArb, lambdaKinesisArb, firehoseReaderArb), { maxLength: 2 })
});

const firehosePipelineArb = fc.record({
	settings: firehoseSettingsArb,
	producers: fc.array(producerArb, { minLength: 1, maxLength: 2 })
});

// The plan and its scenario --------------------------------------------------------------------------------

export const planArbitrary = fc.record({
	seed: seedArb,
	durationMs: fc.integer({ min: 1, max: 15 }).map((s) => s * 1000),
	queues: fc.array(queuePipelineArb, { maxLength: 2 }),
	topics: fc.array(topicPipelineArb, { maxLength: 2 }),
	streams: fc.array(streamPipelineArb, { maxLength: 2 }),
	firehoses: fc.array(firehosePipelineArb, { maxLength: 1 })
});

export type ScenarioPlan = typeof planArbitrary extends fc.Arbitrary<infer T> ? T : never;

interface Target {
	id: string;
	kind: 'queue' | 'topic' | 'stream' | 'firehose';
	fifo: boolean;
	/** FIFO targets that hash the body for deduplication (SQS-FIFO-3, SNS-FIFO-2). */
	contentDedup: boolean;
}

function producerNode(id: string, p: ProducerPlan, target: Target, extra: Json = {}): Json {
	const node: Json = { id, type: 'producer', target: target.id, Rate: p.Rate, Body: p.Body, ...p.settings };
	if (target.fifo) {
		node.MessageGroupId = p.groups > 1 ? `g{n%${p.groups}}` : 'g';
		// An explicit id is required unless the target deduplicates by content.
		const dedup = p.dedup ?? (target.contentDedup ? undefined : 'd{n}');
		if (dedup !== undefined) node.MessageDeduplicationId = dedup;
	}
	if (target.kind === 'queue' && !target.fifo && p.DelaySeconds !== undefined)
		node.DelaySeconds = p.DelaySeconds;
	if (p.actions.length > 0) node.Actions = p.actions;
	return { ...node, ...extra };
}

function readerNode(id: string, source: string, fifo: boolean, r: QueueReader): Json {
	if (r.kind === 'consumer') return { id, type: 'consumer', source, ...r.settings };
	const node: Json = { id, type: 'lambda', source, ...r.settings };
	if (fifo) {
		// ESM-SQS-1: FIFO sources take batches of at most 10 and no batching window.
		delete node.MaximumBatchingWindowInSeconds;
	} else if (r.bigBatch !== undefined) {
		node.BatchSize = r.bigBatch;
		node.MaximumBatchingWindowInSeconds = Math.max(1, r.settings.MaximumBatchingWindowInSeconds ?? 1);
	}
	return node;
}

/** A queue action of the plan, valid for the queue's type: FIFO sends carry a group and an explicit id. */
function queueAction(a: QueueActionPlan, k: number, queue: string, fifo: boolean, producers: number): Json {
	if (a.kind === 'poison') {
		// A producer's n-th message, or (past the producers) the message an earlier action sent by hand.
		const origin =
			a.producer < producers ? `${queue.replace(/\.fifo$/, '')}-p${a.producer}-${a.n}` : `op-0@${queue}`;
		return { action: 'make-poison', atMs: a.atMs, origin };
	}
	const send: Json = { action: 'send-message', atMs: a.atMs, MessageBody: a.body };
	if (a.attributes) send.MessageAttributes = { region: { DataType: 'String', StringValue: 'eu-west-1' } };
	if (fifo) {
		send.MessageGroupId = `g${k % 2}`;
		send.MessageDeduplicationId = `op${k}`;
	} else if (a.delay !== undefined) send.DelaySeconds = a.delay;
	return send;
}

/** The scenario JSON a plan describes (valid by construction: `loadScenario` accepts it). */
export function scenarioOfPlan(plan: ScenarioPlan): ScenarioInput {
	const nodes: Json[] = [];

	plan.queues.forEach((q, i) => {
		const sfx = q.fifo ? '.fifo' : '';
		const id = `q${i}${sfx}`;
		const dlqId = `q${i}-dlq${sfx}`;
		const queue: Json = {
			id,
			type: 'sqs-queue',
			FifoQueue: q.fifo,
			...q.attrs,
			...(q.fifo ? q.fifoAttrs : {})
		};
		// SQS-FIFO-7: no per-message timers; the queue-level delay is allowed.
		if (q.dlq) queue.RedrivePolicy = { deadLetterTargetArn: dlqId, maxReceiveCount: q.dlq.maxReceiveCount };
		if (q.actions.length > 0)
			queue.Actions = q.actions.map((a, k) => queueAction(a, k, id, q.fifo, q.producers.length));
		nodes.push(queue);
		const target: Target = {
			id,
			kind: 'queue',
			fifo: q.fifo,
			contentDedup: q.fifo && q.fifoAttrs.ContentBasedDeduplication === true
		};
		q.producers.forEach((p, k) => nodes.push(producerNode(`q${i}-p${k}`, p, target)));
		q.readers.forEach((r, k) => nodes.push(readerNode(`q${i}-r${k}`, id, q.fifo, r)));
		if (q.dlq) {
			const dlq: Json = { id: dlqId, type: 'sqs-queue', FifoQueue: q.fifo, Nondeterminism: 'off' };
			if (q.dlq.allow !== undefined) {
				dlq.RedriveAllowPolicy =
					q.dlq.allow === 'byQueue'
						? { redrivePermission: 'byQueue', sourceQueueArns: [id] }
						: { redrivePermission: 'allowAll' };
			}
			// SQS-DLQ-4: a move task returns dead-lettered messages to their source.
			if (q.dlq.moveTask) dlq.Actions = [{ action: 'start-message-move-task', ...q.dlq.moveTask }];
			nodes.push(dlq);
			if (q.dlq.reader) nodes.push(readerNode(`q${i}-dlq-r`, dlqId, q.fifo, q.dlq.reader));
		}
	});

	plan.topics.forEach((t, i) => {
		const sfx = t.fifo ? '.fifo' : '';
		const id = `t${i}${sfx}`;
		const { ContentBasedDeduplication, FifoThroughputScope, ...common } = t.settings;
		const topic: Json = {
			id,
			type: 'sns-topic',
			FifoTopic: t.fifo,
			...common,
			...(t.fifo && ContentBasedDeduplication !== undefined ? { ContentBasedDeduplication } : {}),
			...(t.fifo && FifoThroughputScope !== undefined ? { FifoThroughputScope } : {})
		};
		const subscriptions: Json[] = [];
		const extra: Json[] = [];
		// SNS-FIFO-1: FIFO topics deliver to SQS queues only.
		const subs = t.fifo ? t.subscriptions.filter((s) => s.kind === 'sqs') : t.subscriptions;
		subs.forEach((s, k) => {
			const sub: Json = {};
			if (s.sub.filter) Object.assign(sub, s.sub.filter);
			if (s.sub.RawMessageDelivery !== undefined) sub.RawMessageDelivery = s.sub.RawMessageDelivery;
			if (s.sub.dlq) {
				// SNS-DLQ-1: the subscription DLQ has the topic's type.
				const dlqId = `t${i}-s${k}-dlq${sfx}`;
				extra.push({ id: dlqId, type: 'sqs-queue', FifoQueue: t.fifo, Nondeterminism: 'off' });
				sub.RedrivePolicy = { deadLetterTargetArn: dlqId };
			}
			if (s.kind === 'sqs') {
				const fifoQueue = t.fifo && !s.standardQueueOnFifoTopic;
				const qid = `t${i}-s${k}${fifoQueue ? '.fifo' : ''}`;
				extra.push({ id: qid, type: 'sqs-queue', FifoQueue: fifoQueue, ...s.attrs });
				s.readers.forEach((r, j) => extra.push(readerNode(`t${i}-s${k}-r${j}`, qid, fifoQueue, r)));
				subscriptions.push({ Protocol: 'sqs', Endpoint: qid, ...sub });
			} else {
				const http = s.Protocol === 'http' || s.Protocol === 'https';
				// SNS-ENV-2: raw delivery exists for SQS, HTTP/S and Firehose only.
				if (!http && s.Protocol !== 'firehose') delete sub.RawMessageDelivery;
				// SNS-RETRY-4: only HTTP/S delivery policies can be changed.
				if (http && s.sub.DeliveryPolicy) sub.DeliveryPolicy = s.sub.DeliveryPolicy;
				if (s.sub.Simulated) sub.Simulated = s.sub.Simulated;
				const endpoint = http
					? `${s.Protocol}://hook${i}-${k}.example.com/`
					: s.Protocol === 'email' || s.Protocol === 'email-json'
						? `ops${i}-${k}@example.com`
						: s.Protocol === 'sms'
							? // One number per subscription: SNS-API-1 keeps one subscription per endpoint.
								`+1555${String(i).padStart(3, '0')}${String(k).padStart(4, '0')}`
							: `arn:aws:${s.Protocol}:us-east-1:123456789012:endpoint-${i}-${k}`;
				subscriptions.push({ Protocol: s.Protocol, Endpoint: endpoint, ...sub });
			}
		});
		topic.Subscriptions = subscriptions;
		nodes.push(topic);
		const target: Target = {
			id,
			kind: 'topic',
			fifo: t.fifo,
			contentDedup: t.fifo && ContentBasedDeduplication === true
		};
		t.producers.forEach((p, k) => nodes.push(producerNode(`t${i}-p${k}`, p, target)));
		nodes.push(...extra);
	});

	plan.streams.forEach((s, i) => {
		const id = `k${i}`;
		const shards = s.onDemand ? 4 : s.ShardCount;
		nodes.push({
			id,
			type: 'kinesis-stream',
			ShardCount: s.ShardCount,
			...(s.onDemand ? { StreamMode: 'ON_DEMAND' } : {}),
			Actions: s.actions.map((a) => {
				const shardId = (n: number) => `shardId-${String(n).padStart(12, '0')}`;
				if (a.action === 'split')
					return { action: 'split', atMs: a.atMs, ShardToSplit: shardId(a.shard % shards) };
				if (a.action === 'merge') {
					const lower = a.shard % (shards + 2);
					const other = lower + a.delta < 0 ? lower + 1 : lower + a.delta;
					return {
						action: 'merge',
						atMs: a.atMs,
						ShardToMerge: shardId(lower),
						AdjacentShardToMerge: shardId(other)
					};
				}
				return a;
			})
		});
		const target: Target = { id, kind: 'stream', fifo: false, contentDedup: false };
		s.producers.forEach((p, k) => {
			// KIN-1: an ExplicitHashKey routes a record regardless of its partition key, so producers with and
			// without one share keys on purpose (the KIN-11 checker groups by both).
			const key = p.PartitionKey;
			nodes.push(
				producerNode(`k${i}-p${k}`, p.base, target, {
					...(key !== undefined ? { PartitionKey: key } : {}),
					...(p.ExplicitHashKey !== undefined ? { ExplicitHashKey: p.ExplicitHashKey } : {})
				})
			);
		});
		s.readers.forEach((r, k) => {
			const rid = `k${i}-r${k}`;
			if (r.kind === 'kcl') {
				nodes.push({
					id: rid,
					type: 'kinesis-consumer',
					source: id,
					Workers: r.workers,
					WorkerFailures: r.failures.map((f) => ({ worker: f.worker % r.workers, atMs: f.atMs })),
					...r.settings
				});
			} else if (r.kind === 'lambda') {
				const node: Json = { id: rid, type: 'lambda', source: id, ...r.settings };
				if (r.onFailure) {
					// ESM-KIN-5: metadata of the batches Lambda gives up on.
					node.OnFailure = `${rid}-failures`;
					nodes.push({ id: `${rid}-failures`, type: 'sqs-queue', Nondeterminism: 'off' });
				}
				nodes.push(node);
			} else nodes.push({ id: rid, type: 'firehose', source: id, ...r.settings });
		});
	});

	plan.firehoses.forEach((f, i) => {
		const id = `f${i}`;
		nodes.push({ id, type: 'firehose', ...f.settings });
		const target: Target = { id, kind: 'firehose', fifo: false, contentDedup: false };
		f.producers.forEach((p, k) => nodes.push(producerNode(`f${i}-p${k}`, p, target)));
	});

	return {
		version: 1,
		name: 'random scenario',
		seed: plan.seed,
		durationMs: plan.durationMs,
		nodes
	} as ScenarioInput;
}

/** Random valid scenarios (scenario JSON, before parsing) over every model. */
export const scenarioArbitrary: fc.Arbitrary<ScenarioInput> = planArbitrary.map(scenarioOfPlan);
