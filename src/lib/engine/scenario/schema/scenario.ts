// The top-level scenario object, version 1: a seed, a duration and a list of nodes (the union of every
// node schema), and the types inferred from it.

import * as v from 'valibot';
import { intIn } from './common';
import { ConsumerSchema, DurationDistributionSchema, LambdaSchema } from './consumers';
import { FirehoseSchema } from './firehose';
import { KinesisConsumerSchema, KinesisStreamSchema } from './kinesis';
import { ProducerSchema } from './producer';
import { SnsTopicSchema, SubscriptionSchema } from './sns';
import { NondeterminismSchema, SqsQueueSchema } from './sqs';

export const SCENARIO_VERSION = 1;

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
export type SqsQueueAction = SqsQueueSpec['Actions'][number];
export type ProducerAction = ProducerSpec['Actions'][number];
export type ConsumerAction = ConsumerSpec['Actions'][number];
export type LambdaAction = LambdaSpec['Actions'][number];
export type KinesisStreamAction = KinesisStreamSpec['Actions'][number];
