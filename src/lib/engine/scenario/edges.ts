// The scenario's connections, derived from the node properties that name other nodes.
import { refId } from './parse';
import type { Scenario } from './schema';

export interface ScenarioEdge {
	from: string;
	to: string;
	kind: 'send' | 'poll' | 'redrive' | 'subscription';
}

export function edgesOf(scenario: Scenario): ScenarioEdge[] {
	const byQueueName = new Map<string, string>();
	for (const n of scenario.nodes) if (n.type === 'sqs-queue') byQueueName.set(n.QueueName ?? n.id, n.id);
	const resolve = (ref: string) =>
		scenario.nodes.some((n) => n.id === ref) ? ref : (byQueueName.get(refId(ref)) ?? refId(ref));
	const edges: ScenarioEdge[] = [];
	for (const n of scenario.nodes) {
		if (n.type === 'producer') edges.push({ from: n.id, to: resolve(n.target), kind: 'send' });
		if (n.type === 'consumer' || n.type === 'lambda' || n.type === 'kinesis-consumer')
			edges.push({ from: resolve(n.source), to: n.id, kind: 'poll' });
		if (n.type === 'firehose' && n.source !== undefined)
			edges.push({ from: resolve(n.source), to: n.id, kind: 'poll' });
		if (n.type === 'sns-topic') {
			for (const sub of n.Subscriptions) {
				if (sub.Protocol === 'sqs')
					edges.push({ from: n.id, to: resolve(sub.Endpoint), kind: 'subscription' });
				if (sub.RedrivePolicy) {
					edges.push({ from: n.id, to: resolve(sub.RedrivePolicy.deadLetterTargetArn), kind: 'redrive' });
				}
			}
		}
		if (n.type === 'sqs-queue' && n.RedrivePolicy) {
			edges.push({ from: n.id, to: resolve(n.RedrivePolicy.deadLetterTargetArn), kind: 'redrive' });
		}
	}
	return edges;
}
