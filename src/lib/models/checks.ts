// Runs every trace checker that applies to a simulation, with what the checkers need to know about its
// nodes (which queues are FIFO, their redrive policies, how many messages each still holds).

import {
	checkConservation,
	checkDeadLetterTiming,
	checkDuplicateCauses,
	checkFifoGroups,
	type Violation
} from '../engine/checks';
import type { Simulation } from '../engine/simulation';
import type { TraceEvent } from '../engine/trace';
import { SqsQueue } from './sqs/queue';

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
		...checkDuplicateCauses(events)
	];
}
