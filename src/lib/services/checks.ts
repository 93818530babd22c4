// Runs every trace checker that applies to a simulation, with what the checkers need to know about its
// nodes (which queues are FIFO, their redrive policies, how many messages each still holds).

import {
	checkConservation,
	checkDeadLetterTiming,
	checkDuplicateCauses,
	checkFifoGroups,
	checkSnsDeliveries,
	checkShardSequences,
	checkKeyOrder,
	type Violation
} from '../engine/checks';
import type { Simulation } from '../engine/simulation';
import type { TraceEvent } from '../engine/trace';
import { SqsQueue } from './sqs/queue';
import { SnsTopic } from './sns/topic';
import { matchesFilterPolicy, parseFilterPolicy } from './sns/filter-policy';

export function checkSimulation(sim: Simulation, events: readonly TraceEvent[]): Violation[] {
	const queues = [...sim.nodes.values()].filter((n): n is SqsQueue => n instanceof SqsQueue);
	const live: Record<string, number> = {};
	const policies: Record<string, number> = {};
	for (const q of queues) {
		live[q.id] = q.counts.delayed + q.counts.available + q.counts.inFlight;
		if (q.config.RedrivePolicy) policies[q.id] = q.config.RedrivePolicy.maxReceiveCount;
	}
	return [
		...checkConservation(events, { live }),
		...checkFifoGroups(
			events,
			queues.filter((q) => q.fifo).map((q) => q.id)
		),
		...checkDeadLetterTiming(events, policies),
		...checkDuplicateCauses(events),
		...checkSnsDeliveries(events, { allowOpen: true, shouldDeliver: policyOracle(sim, events) }),
		...checkShardSequences(events),
		...checkKeyOrder(events)
	];
}

/** SNS-FP-1: re-decide each (subscription, message) from the published attributes and the policy. */
function policyOracle(
	sim: Simulation,
	events: readonly TraceEvent[]
): (subscription: string, msg: string) => boolean | undefined {
	const topics = [...sim.nodes.values()].filter((n): n is SnsTopic => n instanceof SnsTopic);
	const subs = new Map(topics.flatMap((t) => t.subscriptions().map((s) => [s.SubscriptionArn, s] as const)));
	const bodies = new Map<
		string,
		{ body: string; attributes?: Record<string, { DataType: string; StringValue?: string }> }
	>();
	for (const e of events) {
		if (e.type === 'produced')
			bodies.set(e.origin ?? '', { body: e.body, ...(e.attributes ? { attributes: e.attributes } : {}) });
	}
	const published = new Map<string, string>();
	for (const e of events) if (e.type === 'published' && e.msg && e.origin) published.set(e.msg, e.origin);
	return (subscription, msg) => {
		const sub = subs.get(subscription);
		const origin = published.get(msg);
		const message = origin === undefined ? undefined : bodies.get(origin);
		if (!sub || !message) return undefined;
		if (!sub.attributes.FilterPolicy) return true;
		const policy = parseFilterPolicy(sub.attributes.FilterPolicy, sub.attributes.FilterPolicyScope);
		return matchesFilterPolicy(policy, {
			body: message.body,
			...(message.attributes ? { attributes: message.attributes } : {})
		});
	};
}
