// One run of a scenario with a given seed, reduced to what a seed sweep keeps: the event count, the trace hash
// and the per-node summary. Pure: no node: imports and no wall clock, so it runs in a Node worker thread and,
// later, in a browser Web Worker. The CLI's single run (npm run sim -- FILE --seed N) is built from the same
// pieces (prepareRun, advanceRun), so a sweep's run for seed N is that run, event for event.

import {
	HashSink,
	SummarySink,
	type NodeSummary,
	type Scenario,
	type Simulation,
	type TraceSink
} from '../engine';
import { createSimulation } from '../services';

/** What a seed sweep keeps of one run. */
export interface SeedRun {
	seed: number;
	/** Trace events in the run. */
	events: number;
	/** The run's trace hash (HashSink), as `npm run sim -- FILE --seed N --json` prints it. */
	traceHash: string;
	/** The per-node summary, one entry per node of the scenario, in the scenario's order. */
	nodes: NodeSummary[];
}

/** A simulation set up to run to `untilMs`, with the summary and hash sinks the CLI reads. */
export interface PreparedRun {
	sim: Simulation;
	summary: SummarySink;
	hash: HashSink;
	/** The simulated time the run stops at. */
	untilMs: number;
}

export interface PrepareOptions {
	/** Overrides the scenario's seed. */
	seed?: number;
	/** Stop at this simulated time instead of the scenario's durationMs (before or past it). */
	untilMs?: number;
	/** More sinks after the summary and the hash (the CLI's dead-letter cycle counter, a JSONL trace). */
	sinks?: TraceSink[];
}

/**
 * The scenario to run and the time to stop at for `--until`. A time past the scenario's durationMs makes the run
 * simply last that long (producers keep producing, as they would in a longer scenario); a shorter one stops
 * early in the same run.
 */
export function runWindow(scenario: Scenario, untilMs?: number): { scenario: Scenario; untilMs: number } {
	const until = untilMs ?? scenario.durationMs;
	return {
		scenario: until > scenario.durationMs ? { ...scenario, durationMs: until } : scenario,
		untilMs: until
	};
}

/** A simulation of `scenario` with a SummarySink that declares every node, a HashSink, then `options.sinks`. */
export function prepareRun(scenario: Scenario, options: PrepareOptions = {}): PreparedRun {
	const window = runWindow(scenario, options.untilMs);
	const summary = new SummarySink();
	for (const n of scenario.nodes) summary.declare(n.id);
	const hash = new HashSink();
	const sim = createSimulation(window.scenario, {
		sinks: [summary, hash, ...(options.sinks ?? [])],
		...(options.seed !== undefined ? { seed: options.seed } : {})
	});
	return { sim, summary, hash, untilMs: window.untilMs };
}

/**
 * Run a prepared simulation to its end in chunks of max(1 s, 1/200 of the run) of simulated time, calling
 * `onChunk` with the time reached after each (the CLI's progress line). The chunks do not change the run.
 */
export function advanceRun(run: PreparedRun, onChunk?: (t: number) => void): void {
	const until = run.untilMs;
	const chunk = Math.max(1000, Math.floor(until / 200));
	for (let t = 0; t < until;) {
		t = Math.min(until, t + chunk);
		run.sim.runUntil(t);
		onChunk?.(t);
	}
}

/** What a sweep keeps of a finished run. */
export function seedRunOf(run: PreparedRun): SeedRun {
	return {
		seed: run.sim.seed,
		events: run.sim.trace.count,
		traceHash: run.hash.digest(),
		nodes: run.summary.summaries()
	};
}

/** Run `scenario` with `seed` to `untilMs` (default: its durationMs), as `npm run sim -- FILE --seed N` does. */
export function runSeed(scenario: Scenario, seed: number, untilMs?: number): SeedRun {
	const run = prepareRun(scenario, { seed, ...(untilMs !== undefined ? { untilMs } : {}) });
	advanceRun(run);
	return seedRunOf(run);
}
