// Builds simulation nodes from scenario nodes, and wires the models into a Simulation.

import { refId, type Scenario, type ScenarioNode } from '../engine/scenario';
import { Simulation, type SimContext, type SimNode, type SimulationOptions } from '../engine/simulation';
import { Consumer } from './clients/consumer';
import { Producer } from './clients/producer';
import { LambdaSqsEventSource } from './lambda/sqs-event-source';
import { DEFAULT_QUEUE_CONFIG, resolveNondeterminism, type QueueConfig } from './sqs/config';
import { SqsQueue } from './sqs/queue';
import { sqsQueueArn } from './shared/aws';

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
		case 'sqs-queue':
			return new SqsQueue(spec.id, queueConfigFromSpec(spec, scenario), ctx, resolve);
		case 'producer':
			return new Producer(spec, ctx, resolve(spec.target) ?? spec.target);
		case 'consumer':
			return new Consumer(spec, ctx, resolve(spec.source) ?? spec.source);
		case 'lambda':
			return new LambdaSqsEventSource(spec, ctx, resolve(spec.source) ?? spec.source);
	}
}

/** A simulation of a scenario with every model wired in. */
export function createSimulation(
	scenario: Scenario,
	options: Omit<SimulationOptions, 'createNode'> = {}
): Simulation {
	return new Simulation(scenario, { ...options, createNode });
}

export { SqsQueue, Producer, Consumer, LambdaSqsEventSource };
export { checkSimulation } from './checks';
