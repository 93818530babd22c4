// Builds simulation nodes from scenario nodes: the one place that maps a node type to its service.

import { jsonText } from './shared/json-text';
import { refId, type Scenario, type ScenarioNode } from '../engine/scenario';
import type { SimContext, SimNode } from '../engine/simulation';
import { Consumer } from './consumers/consumer';
import { Producer } from './consumers/producer';
import { LambdaSqsEventSource } from './consumers/lambda-sqs';
import { LambdaKinesisEventSource } from './consumers/lambda-kinesis';
import { DEFAULT_QUEUE_CONFIG, resolveNondeterminism, type QueueConfig } from './sqs/config';
import { SqsQueue } from './sqs/queue';
import { sqsQueueArn } from './shared/aws';
import { SnsTopic } from './sns/topic';
import { KinesisStream } from './kinesis/stream';
import { KinesisConsumer } from './consumers/kcl';
import { FirehoseDeliveryStream } from './firehose/delivery-stream';
import { snsTopicArn } from './sns/envelope';

/** Resolves a queue reference (node id, QueueName, URL or ARN) within a scenario to a node id. */
export function scenarioResolver(scenario: Scenario): (ref: string) => string | undefined {
	const map = new Map<string, string>();
	for (const n of scenario.nodes) {
		map.set(n.id, n.id);
		if (n.type === 'sqs-queue') {
			const name = n.QueueName ?? n.id;
			map.set(name, n.id);
			map.set(sqsQueueArn(name), n.id);
		}
		if (n.type === 'sns-topic') {
			const name = n.TopicName ?? n.id;
			map.set(name, n.id);
			map.set(snsTopicArn(name), n.id);
		}
		if (n.type === 'kinesis-stream') map.set(n.StreamName ?? n.id, n.id);
	}
	return (ref) => map.get(ref) ?? map.get(refId(ref)) ?? map.get(ref.split('/').pop() ?? ref);
}

export function queueConfigFromSpec(
	spec: Extract<ScenarioNode, { type: 'sqs-queue' }>,
	scenario: Scenario
): QueueConfig {
	const resolve = scenarioResolver(scenario);
	const nameOf = (id: string) => {
		const n = scenario.nodes.find((x) => x.id === id);
		return n && n.type === 'sqs-queue' ? (n.QueueName ?? n.id) : id;
	};
	const cfg: QueueConfig = {
		...DEFAULT_QUEUE_CONFIG,
		QueueName: spec.QueueName ?? spec.id,
		FifoQueue: spec.FifoQueue,
		VisibilityTimeout: spec.VisibilityTimeout,
		DelaySeconds: spec.DelaySeconds,
		MessageRetentionPeriod: spec.MessageRetentionPeriod,
		MaximumMessageSize: spec.MaximumMessageSize,
		ReceiveMessageWaitTimeSeconds: spec.ReceiveMessageWaitTimeSeconds,
		ContentBasedDeduplication: spec.ContentBasedDeduplication,
		DeduplicationScope: spec.DeduplicationScope,
		FifoThroughputLimit: spec.FifoThroughputLimit,
		nondeterminism: resolveNondeterminism(spec.Nondeterminism)
	};
	if (spec.RedrivePolicy) {
		const dlq = resolve(spec.RedrivePolicy.deadLetterTargetArn) ?? spec.RedrivePolicy.deadLetterTargetArn;
		cfg.RedrivePolicy = {
			deadLetterTargetArn: sqsQueueArn(nameOf(dlq)),
			maxReceiveCount: spec.RedrivePolicy.maxReceiveCount
		};
	}
	if (spec.RedriveAllowPolicy) {
		cfg.RedriveAllowPolicy = {
			redrivePermission: spec.RedriveAllowPolicy.redrivePermission,
			...(spec.RedriveAllowPolicy.sourceQueueArns
				? {
						sourceQueueArns: spec.RedriveAllowPolicy.sourceQueueArns.map((r) =>
							sqsQueueArn(nameOf(resolve(r) ?? r))
						)
					}
				: {})
		};
	}
	return cfg;
}

export function createNode(spec: ScenarioNode, ctx: SimContext, scenario: Scenario): SimNode {
	const resolve = scenarioResolver(scenario);
	switch (spec.type) {
		case 'sqs-queue': {
			const q = new SqsQueue(spec.id, queueConfigFromSpec(spec, scenario), ctx, resolve);
			q.actions = spec.Actions;
			return q;
		}
		case 'producer':
			return new Producer(spec, ctx, resolve(spec.target) ?? spec.target);
		case 'consumer':
			return new Consumer(spec, ctx, resolve(spec.source) ?? spec.source);
		case 'sns-topic':
			return createTopic(spec, ctx, scenario, resolve);
		case 'kinesis-stream':
			return new KinesisStream(
				spec.id,
				{
					StreamName: spec.StreamName ?? spec.id,
					RetentionPeriodHours: spec.RetentionPeriodHours,
					StreamMode: spec.StreamMode,
					MaxRecordSizeInKiB: spec.MaxRecordSizeInKiB
				},
				spec.StreamMode === 'ON_DEMAND' ? 4 : spec.ShardCount,
				ctx,
				spec.Actions
			);
		case 'kinesis-consumer':
			return new KinesisConsumer(spec, ctx, resolve(spec.source) ?? spec.source);
		case 'firehose':
			return new FirehoseDeliveryStream(
				spec.id,
				{
					DeliveryStreamName: spec.DeliveryStreamName ?? spec.id,
					SizeInMBs: spec.BufferingHints.SizeInMBs,
					IntervalInSeconds: spec.BufferingHints.IntervalInSeconds,
					Prefix: spec.Prefix,
					...(spec.source !== undefined ? { sourceStream: resolve(spec.source) ?? spec.source } : {}),
					...(spec.Transform ? { transform: spec.Transform } : {}),
					...(spec.Outages ? { outages: spec.Outages } : {})
				},
				ctx
			);
		case 'lambda': {
			const source = resolve(spec.source) ?? spec.source;
			const kind = scenario.nodes.find((n) => n.id === source)?.type;
			return kind === 'kinesis-stream'
				? new LambdaKinesisEventSource(spec, ctx, source)
				: new LambdaSqsEventSource(spec, ctx, source);
		}
	}
}

function createTopic(
	spec: Extract<ScenarioNode, { type: 'sns-topic' }>,
	ctx: SimContext,
	scenario: Scenario,
	resolve: (ref: string) => string | undefined
): SnsTopic {
	const deliveryPolicy = jsonText(spec.DeliveryPolicy);
	const topic = new SnsTopic(
		spec.id,
		{
			TopicName: spec.TopicName ?? spec.id,
			FifoTopic: spec.FifoTopic,
			ContentBasedDeduplication: spec.ContentBasedDeduplication,
			FifoThroughputScope: spec.FifoThroughputScope,
			...(deliveryPolicy !== undefined ? { DeliveryPolicy: deliveryPolicy } : {}),
			deliveryLatencyMs: spec.DeliveryLatencyMs,
			jitter: spec.RetryJitter
		},
		ctx,
		resolve
	);
	const nameOf = (id: string) => {
		const n = scenario.nodes.find((x) => x.id === id);
		return n && n.type === 'sqs-queue' ? (n.QueueName ?? n.id) : id;
	};
	for (const sub of spec.Subscriptions) {
		const endpoint =
			sub.Protocol === 'sqs' ? sqsQueueArn(nameOf(resolve(sub.Endpoint) ?? sub.Endpoint)) : sub.Endpoint;
		const filter = jsonText(sub.FilterPolicy);
		const delivery = jsonText(sub.DeliveryPolicy);
		topic.subscribe(
			sub.Protocol,
			endpoint,
			{
				FilterPolicyScope: sub.FilterPolicyScope ?? 'MessageAttributes',
				RawMessageDelivery: sub.RawMessageDelivery ?? false,
				...(filter !== undefined ? { FilterPolicy: filter } : {}),
				...(delivery !== undefined ? { DeliveryPolicy: delivery } : {}),
				...(sub.RedrivePolicy
					? {
							RedrivePolicy: JSON.stringify({
								deadLetterTargetArn: sqsQueueArn(
									nameOf(
										resolve(sub.RedrivePolicy.deadLetterTargetArn) ?? sub.RedrivePolicy.deadLetterTargetArn
									)
								)
							})
						}
					: {})
			},
			sub.Simulated ?? {},
			true // [sim] scenario endpoints confirm at once
		);
	}
	return topic;
}
