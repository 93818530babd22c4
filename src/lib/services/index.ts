// Public surface of the services: the registry, scenario parsing bound to it, and simulations with every
// service wired in.

import {
	loadScenario as loadWith,
	parseScenario as parseWith,
	parseScenarioText as parseTextWith,
	type ParseResult,
	type Scenario
} from '../engine/scenario';
import { Simulation, type SimulationOptions } from '../engine/simulation';
import { registry, type ServiceRegistry } from './registry';
import { Consumer } from './consumers/consumer';
import { Producer } from './consumers/producer';
import { LambdaSqsEventSource } from './consumers/lambda-sqs';
import { LambdaKinesisEventSource } from './consumers/lambda-kinesis';
import { SqsQueue } from './sqs/queue';
import { SnsTopic } from './sns/topic';
import { KinesisStream } from './kinesis/stream';
import { KinesisConsumer } from './consumers/kcl';
import { FirehoseDeliveryStream } from './firehose/delivery-stream';

export { registry, type ServiceRegistry };
export { createNode, queueConfigFromSpec, scenarioResolver } from './create-node';

/** Parse a scenario (JSON text or a value) with every service's rules. Never throws. */
export function parseScenario(input: unknown, rules: ServiceRegistry = registry): ParseResult {
	return parseWith(input, rules);
}

/** Parse scenario JSON text as read from a file (a byte-order mark is fine). Never throws. */
export function parseScenarioText(text: string, rules: ServiceRegistry = registry): ParseResult {
	return parseTextWith(text, rules);
}

/** Like parseScenario, but throws a ScenarioError listing every issue. */
export function loadScenario(input: unknown, rules: ServiceRegistry = registry): Scenario {
	return loadWith(input, rules);
}

/** A simulation of a scenario with every service of the registry wired in. */
export function createSimulation(
	scenario: Scenario,
	options: Omit<SimulationOptions, 'createNode'> & { registry?: ServiceRegistry } = {}
): Simulation {
	const { registry: services = registry, ...rest } = options;
	return new Simulation(scenario, { ...rest, createNode: services.createNode });
}

export {
	SqsQueue,
	SnsTopic,
	KinesisStream,
	KinesisConsumer,
	Producer,
	Consumer,
	LambdaSqsEventSource,
	LambdaKinesisEventSource,
	FirehoseDeliveryStream
};
export { checkSimulation } from './checks';

export {
	isNodeOf,
	lambdaOf,
	nodesOf,
	serviceNode,
	type NodeOf,
	type ServiceNode,
	type ServiceNodeType
} from './nodes';
export { moveTaskLifecycle, type MoveTaskStatus } from './sqs/move-task-lifecycle';
export { subscriptionLifecycle, type SubscriptionStatus } from './sns/subscription-lifecycle';
export { bufferLifecycle, type BufferState } from './firehose/buffer-lifecycle';
export { shardLifecycle, shardStatus, type ShardStatus } from './kinesis/shard-lifecycle';
export { streamLifecycle, type StreamStatus } from './kinesis/stream-lifecycle';
export { POLL_LATENCY_MS as LAMBDA_POLL_LATENCY_MS } from './consumers/limits';
export { deliveryLifecycle, type DeliveryStatus } from './sns/delivery-lifecycle';
export { leaseLifecycle, type LeaseStatus } from './consumers/lease-lifecycle';
export { kinesisBatchLifecycle, type BatchStatus } from './consumers/kinesis-batch-lifecycle';
export { adviseScenario, type Advice, type AdviceKind, type AdviceSeverity } from './advice';
