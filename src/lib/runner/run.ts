// One run of a scenario with the sinks the views read: the trace window, the trace hash, the message dots and
// the chart series. The page's copy of the run (at the playhead) and the worker's copy (computing ahead) are
// built here alike, so a checkpoint taken in one restores in the other: the sinks are the same, in the same
// order, and their marks are plain data.

import {
	HashSink,
	MemorySink,
	Timeline,
	type Scenario,
	type TimelineOptions,
	type TraceSink
} from '$lib/engine';
import { createSimulation, LAMBDA_POLL_LATENCY_MS, serviceNode } from '$lib/services';
import { DotTracker } from '$lib/viz/dots';
import { SeriesTracker } from '$lib/viz/series';
import type { Simulation } from '$lib/engine';

/**
 * The page keeps the newest events of the trace in memory (the inspector, charts and sequence diagram read
 * them); older ones are dropped, so a long run plays in bounded memory. The trace hash still covers every
 * event, and a restored checkpoint brings the dots and series with it.
 */
export const TRACE_WINDOW = 200_000;

export { DENSITY_BINS } from '$lib/state/constants';

/** Messages and pending events all checkpoints of one copy of a run may hold together (memory bound). */
export const MAX_CHECKPOINT_WEIGHT = 4_000_000;

export interface RunSinks {
	memory: MemorySink;
	hash: HashSink;
	dots: DotTracker;
	series: SeriesTracker;
}

export interface Run {
	scenario: Scenario;
	seed: number;
	sim: Simulation;
	timeline: Timeline;
	sinks: RunSinks;
}

export interface RunOptions {
	timeline?: TimelineOptions;
	/** Sinks after the shared four (the worker's density and so on); they must not need rewinding. */
	extraSinks?: TraceSink[];
	traceWindow?: number;
}

/** How long the stage draws each producer's and consumer's hop (their simulated API latency). */
export function hopLatencies(scenario: Scenario): Map<string, number> {
	const latency = new Map<string, number>();
	for (const n of scenario.nodes) {
		if (n.type === 'producer' || n.type === 'consumer') latency.set(n.id, n.LatencyMs);
		// A Lambda's pollers call the queue with the mapping's own latency ([sim], lambda-sqs.ts).
		if (n.type === 'lambda') latency.set(n.id, LAMBDA_POLL_LATENCY_MS);
	}
	return latency;
}

/** Messages and records the run's nodes hold now: what a checkpoint copies, and what fills a tab's memory. */
export function messagesHeld(sim: Simulation): number {
	let n = 0;
	for (const n0 of sim.nodes.values()) {
		const node = serviceNode(n0);
		if (node?.type === 'sqs-queue') n += node.counts.delayed + node.counts.available + node.counts.inFlight;
		else if (node?.type === 'kinesis-stream') for (const sh of node.shards()) n += sh.records.length;
		else if (node?.type === 'firehose') n += node.buffered.records;
		else if (node?.type === 'sns-topic') n += node.deliveries().length;
	}
	return n;
}

export function createRun(scenario: Scenario, seed: number, options: RunOptions = {}): Run {
	const dots = new DotTracker(hopLatencies(scenario));
	const sources = new Map<string, string>();
	for (const n of scenario.nodes) if (n.type === 'kinesis-consumer') sources.set(n.id, n.source);
	dots.setSources(sources);
	const sinks: RunSinks = {
		memory: new MemorySink(options.traceWindow ?? TRACE_WINDOW),
		hash: new HashSink(),
		dots,
		series: new SeriesTracker(
			scenario.nodes.filter((n) => n.type === 'sqs-queue').map((n) => n.id),
			scenario.durationMs
		)
	};
	const sim = createSimulation(scenario, {
		sinks: [sinks.memory, sinks.hash, sinks.dots, sinks.series, ...(options.extraSinks ?? [])],
		seed
	});
	// A checkpoint copies every message held and every pending event: its weight (Timeline spaces and thins by it).
	const weight = () => sinks.dots.size + sim.scheduler.pending;
	const timeline = new Timeline(sim, { maxWeight: MAX_CHECKPOINT_WEIGHT, ...options.timeline, weight });
	return { scenario, seed, sim, timeline, sinks };
}
