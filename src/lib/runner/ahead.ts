// Computes a run ahead of the playhead, in slices of bounded wall time, for the worker (ahead.worker.ts) or,
// where workers are unavailable, for the page itself (ahead-host.ts). It is the same run the page shows
// (createRun), so its checkpoints restore on the page; it also keeps what only a whole run can tell: event
// density over the full duration (the timeline), "what went wrong" findings, and the trace hash at the end.
// It stops with a message naming the limit when a run is too heavy for a browser tab (limits.ts).

import { eventsAt, type TracePoint } from './events-at';
import { formatClock, MemorySink, type Scenario, type TraceEvent, type TraceSink } from '$lib/engine';
import type { Checkpoint } from '$lib/engine';
import { findInsights, type Finding } from '$lib/state/insights';
import { limitReached, type RunLimits } from './limits';
import { DENSITY_BINS } from '$lib/state/constants';
import { createSimulation } from '$lib/services';
import { createRun, messagesHeld, TRACE_WINDOW, type Run } from './run';

/** Scheduler events per slice between wall-clock checks. */
const SLICE_EVENTS = 500;
/**
 * Checkpoints every AHEAD_CHECKPOINT_MS of simulated time, and at least every AHEAD_CHECKPOINT_EVENTS scheduler
 * events. Each copies the run's state and is kept for the run's life (up to 600, then thinned): every 5 s and
 * 4,000 events they were ~7% of the hour's time in Chromium's worker, with what they kept alive for the
 * collector. A later seek replays from the nearest one, so twice the spacing replays up to twice as far (the
 * hour's seeks stay far below 300 ms p95).
 */
export const AHEAD_CHECKPOINT_MS = 10_000;
export const AHEAD_CHECKPOINT_EVENTS = 8000;
/**
 * While computing, the findings are recomputed at most once a second and at most a twentieth of the time: they
 * read the whole trace window (200,000 events take ~0.6 s in a browser worker), so a long run would otherwise
 * spend a sixth of its time on findings the end replaces (they are computed once more when it ends).
 */
const FINDINGS_EVERY_MS = 1000;
const FINDINGS_SHARE = 0.05;
/**
 * The findings the worker sends while it computes read this many of the latest events; once the run ends (or
 * pauses) they read the page's window (TRACE_WINDOW). The worker keeps no trace in memory: holding events kept
 * each alive long enough for the collector to copy it (Chromium's worker scavenged every ~100 ms and promoted
 * ~8 MB a time, a sixth of the hour's run). A window is replayed when findings need it (AheadRun.windowEvents).
 */
export const AHEAD_TRACE_WINDOW = 20_000;

/** The windows an AheadRun reads its findings from (tests shrink them). */
export interface AheadWindows {
	/** Events the findings read while the run computes. */
	computing: number;
	/** Events the findings read once the run ends or pauses: the page's trace window. */
	findings: number;
}

export type AheadState = 'running' | 'done' | 'stopped' | 'paused';

export interface AheadProgress {
	runId: number;
	/** Simulated time computed so far. */
	t: number;
	/** Trace events so far. */
	events: number;
	state: AheadState;
	/** Why the run stopped (a limit), when it did. */
	message?: string;
	/** Where the checkpoints are (time and trace position); fetch one with `checkpoint`. */
	index: { t: number; count: number }[];
	density: number[];
	findings: Finding[];
	/** Append-log entries written since the previous progress (SimContext.appendLog), for the page's copy. */
	logs: Record<string, { from: number; entries: string[] }>;
	/** The trace hash of the whole run, once it is done. */
	hash?: string;
	/** Wall time spent computing. */
	computeMs: number;
}

/** A checkpoint for the page, with the append-log entries it lacks (SimContext.appendLog). */
export interface CheckpointReply {
	runId: number;
	checkpoint: Checkpoint;
	logs: Record<string, { from: number; entries: string[] }>;
	/** How far the run was computed when it answered, and its state (a stopped run ends before the target). */
	frontier: number;
	state: AheadState;
	/** The trace events before the time asked for, as the worker reckoned when it answered. */
	goal: number;
}

class DensitySink implements TraceSink {
	readonly bins = new Array<number>(DENSITY_BINS).fill(0);
	readonly #durationMs: number;

	constructor(durationMs: number) {
		this.#durationMs = Math.max(1, durationMs);
	}

	write(e: TraceEvent): void {
		const b = Math.min(DENSITY_BINS - 1, Math.floor((e.t / this.#durationMs) * DENSITY_BINS));
		this.bins[b] = (this.bins[b] ?? 0) + 1;
	}
}

export class AheadRun {
	readonly runId: number;
	readonly run: Run;
	readonly limits: RunLimits;
	state: AheadState = 'running';
	message: string | undefined;
	#density: DensitySink;
	#computeMs = 0;
	#findings: Finding[] = [];
	#findingsAt = Number.NEGATIVE_INFINITY;
	#findingsTook = 0;
	/** Append-log entries already reported in progress (by log id). */
	#logsSent: Record<string, number> = {};
	readonly #windows: AheadWindows;
	/** The findings' last window: its size, the trace count it was made at and its events. */
	#window: { limit: number; count: number; events: TraceEvent[] } | undefined;

	constructor(
		runId: number,
		scenario: Scenario,
		seed: number,
		limits: RunLimits,
		windows: AheadWindows = { computing: AHEAD_TRACE_WINDOW, findings: TRACE_WINDOW }
	) {
		this.runId = runId;
		this.limits = limits;
		this.#windows = windows;
		this.#density = new DensitySink(scenario.durationMs);
		this.run = createRun(scenario, seed, {
			timeline: {
				checkpointEveryMs: AHEAD_CHECKPOINT_MS,
				checkpointEveryEvents: AHEAD_CHECKPOINT_EVENTS,
				maxCheckpoints: 600
			},
			extraSinks: [this.#density],
			// Positions only (its marks are trace counts); windows are replayed when findings need them.
			traceWindow: 0
		});
	}

	/** Simulated time computed so far. */
	get frontier(): number {
		return this.run.timeline.now();
	}

	/** Compute for about `sliceMs` of wall time (read from `wallNow`, the host's clock). */
	computeFor(sliceMs: number, wallNow: () => number): void {
		if (this.state !== 'running') return;
		const start = wallNow();
		const { timeline, sim, sinks } = this.run;
		for (;;) {
			const reached = timeline.advance(sim.durationMs, SLICE_EVENTS);
			const spent = this.#computeMs + (wallNow() - start);
			const limit = limitReached(
				{
					events: sim.trace.count,
					pending: sim.scheduler.pending,
					messages: Math.max(messagesHeld(sim), sinks.dots.size),
					computeMs: spent
				},
				this.limits,
				formatClock(sim.now())
			);
			if (limit) {
				this.state = 'stopped';
				this.message = limit;
				break;
			}
			if (reached) {
				this.state = 'done';
				break;
			}
			if (wallNow() - start >= sliceMs) break;
		}
		this.#computeMs += wallNow() - start;
	}

	/** Stop computing (what is computed stays available); `resume` goes on. */
	pause(): void {
		if (this.state === 'running') this.state = 'paused';
	}

	resume(): void {
		if (this.state === 'paused') this.state = 'running';
	}

	/**
	 * The latest checkpoint at or before t, with the append-log entries beyond `known` (what the page had when
	 * it asked). With `sinceProgress` (the page applies the logs every progress carries, and progress posted
	 * before this reply arrives before it), also beyond what progress has carried: a request made long before it
	 * is answered (a far seek) does not bring the whole log again. With `history`, the earliest checkpoint at or
	 * before t from which at most that many events lead to t instead (so the views keep some history; the page
	 * chooses so among the checkpoints it knows), the latest when none is that close.
	 */
	checkpoint(
		t: number,
		known: Record<string, number>,
		sinceProgress = false,
		history?: number
	): CheckpointReply {
		const from: Record<string, number> = { ...known };
		if (sinceProgress)
			for (const [id, sent] of Object.entries(this.#logsSent)) from[id] = Math.max(from[id] ?? 0, sent);
		const { timeline, sim } = this.run;
		const index = timeline.index;
		const goal = this.#eventsAt(t, index);
		let checkpoint = timeline.checkpointAtOrBefore(t);
		if (history !== undefined) {
			const fits = index.find((c) => c.t <= t && goal - c.count <= history);
			if (fits) checkpoint = timeline.checkpointAtOrBefore(fits.t);
		}
		return {
			runId: this.runId,
			checkpoint,
			logs: sim.appendLogTails(from),
			frontier: this.frontier,
			state: this.state,
			goal
		};
	}

	/**
	 * The events a trace window of `limit` holds at the frontier (a MemorySink of that limit through the run),
	 * by default the page's (the findings' window once the run has ended or paused), replayed: the worker keeps
	 * none, so a copy of the run is restored from the latest checkpoint before the window's start, with only a
	 * trace in memory, and run to the same event.
	 */
	windowEvents(limit = this.#windows.findings): TraceEvent[] {
		const { sim, timeline, scenario, seed } = this.run;
		const count = sim.trace.count;
		if (this.#window?.count === count && this.#window.limit === limit) return this.#window.events;
		const from = MemorySink.windowStart(count, limit);
		let at = timeline.index[0] as { t: number; count: number };
		for (const c of timeline.index) if (c.count <= from) at = c;
		const cp = timeline.checkpointAtOrBefore(at.t);
		const memory = new MemorySink();
		const replay = createSimulation(scenario, { sinks: [memory], seed });
		replay.supplyAppendLogs(sim.appendLogTails({}));
		replay.restore(cp.snapshot);
		// Every event before the frontier's time is in the trace; then one scheduler event at a time up to the
		// same trace event (a run stopped at a limit stops between two events of one instant).
		const now = sim.now();
		if (now - 1 > cp.t) replay.runUntil(now - 1);
		while (replay.trace.count < count && !replay.runUntil(now, 1)) continue;
		// The same run reaches the same event (a test holds it to that); were it ever not so, the findings read
		// no window rather than one of another run.
		const events = replay.trace.count === count ? memory.events.slice(from - memory.dropped) : [];
		this.#window = { limit, count, events };
		return events;
	}

	/** Trace events before time t: exact at the frontier, else interpolated between checkpoints. */
	#eventsAt(t: number, index: TracePoint[]): number {
		const { sim } = this.run;
		if (t >= this.frontier) return sim.trace.count;
		return Math.round(eventsAt([...index, { t: this.frontier, count: sim.trace.count }], t));
	}

	/**
	 * Where the run is. The findings are recomputed when it has ended, or now and then while it runs — unless
	 * `waited` (the page waits for a time not reached yet: getting there comes first).
	 */
	progress(wallNow: number, measure: () => number = () => wallNow, waited = false): AheadProgress {
		const { sim, timeline, sinks } = this.run;
		const ended = this.state !== 'running';
		const wait = Math.max(FINDINGS_EVERY_MS, this.#findingsTook / FINDINGS_SHARE);
		if (ended || (!waited && wallNow - this.#findingsAt >= wait)) {
			const start = measure();
			this.#findings = findInsights(
				sim,
				this.windowEvents(ended ? this.#windows.findings : this.#windows.computing)
			);
			this.#findingsTook = measure() - start;
			this.#findingsAt = wallNow;
		}
		// The append logs travel with the progress, a little at a time, so a checkpoint needs none of them.
		const logs = sim.appendLogTails(this.#logsSent);
		for (const [id, tail] of Object.entries(logs)) this.#logsSent[id] = tail.from + tail.entries.length;
		return {
			runId: this.runId,
			t: sim.now(),
			events: sim.trace.count,
			state: this.state,
			...(this.message !== undefined ? { message: this.message } : {}),
			index: timeline.index,
			density: this.#density.bins.slice(),
			findings: this.#findings,
			logs,
			...(this.state === 'done' ? { hash: sinks.hash.digest() } : {}),
			computeMs: Math.round(this.#computeMs)
		};
	}
}
