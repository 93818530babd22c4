// The simulator as the UI sees it: a Timeline over the engine plus play/pause/speed. Wall-clock time
// lives only here (the view layer): each animation frame advances simulated time by elapsed × speed.
// Components read the reactive fields and call the methods; they never touch the engine directly.

import { HashSink, MemorySink, Timeline, loadScenario, type Scenario, type TraceEvent } from '$lib/engine';
import { createSimulation } from '$lib/models';
import { DotTracker } from '$lib/viz/dots';
import { SeriesTracker } from '$lib/viz/series';
import { layoutScenario, type Layout } from '$lib/viz/layout';

/** What the inspector shows: a node, or one message instance (by its node-local id and origin). */
export type Selection =
	{ kind: 'node'; id: string } | { kind: 'message'; msg: string; origin: string; node: string };

export const DENSITY_BINS = 240;

/**
 * The browser keeps the newest events of the trace in memory (the inspector, charts, sequence diagram and
 * "what went wrong" read them); older ones are dropped, so a long run plays in bounded memory. The trace hash
 * still covers every event, and seeking back replays from a checkpoint, refilling the window from there.
 */
export const TRACE_WINDOW = 200_000;

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] as const;

export class SimulatorState {
	scenario = $state.raw<Scenario>() as Scenario;
	seed = $state(0);
	now = $state(0);
	playing = $state(false);
	speed = $state(1);
	/** Bumped on every change of simulated state, so derived views recompute. */
	revision = $state(0);
	layout = $state.raw<Layout>() as Layout;
	selection = $state.raw<Selection | undefined>(undefined);
	/** Trace events per time bin, over the part of the run simulated so far (the timeline's density). */
	density = $state.raw<number[]>([]);
	/** The furthest simulated time reached. */
	furthest = $state(0);
	dots!: DotTracker;
	series!: SeriesTracker;
	/** Set by the stage: layout coordinates → page coordinates (for tests and tooltips). */
	toScreen: (x: number, y: number) => { x: number; y: number } = (x, y) => ({ x, y });
	#densityUpTo = -1;
	#timeline!: Timeline;
	#memory!: MemorySink;
	#hash!: HashSink;

	constructor(scenario: unknown) {
		this.load(scenario);
	}

	get durationMs(): number {
		return this.scenario.durationMs;
	}

	get events(): readonly TraceEvent[] {
		void this.revision;
		return this.#memory.events;
	}

	get timeline(): Timeline {
		return this.#timeline;
	}

	/** Load a scenario (validated; throws ScenarioError) and reset to t = 0 with its seed. */
	load(input: unknown, seed?: number): void {
		const scenario = loadScenario(input);
		this.scenario = scenario;
		this.seed = seed ?? scenario.seed;
		this.#rebuild();
	}

	/** Re-run the current scenario with another seed. */
	setSeed(seed: number): void {
		this.seed = seed >>> 0;
		this.#rebuild();
	}

	#rebuild(): void {
		this.layout = layoutScenario(this.scenario);
		// Plain data for the dot tracker (not UI state).
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const latency = new Map<string, number>();
		for (const n of this.scenario.nodes) {
			if (n.type === 'producer' || n.type === 'consumer') latency.set(n.id, n.LatencyMs);
			if (n.type === 'lambda') latency.set(n.id, 10);
		}
		this.dots = new DotTracker(latency);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const sources = new Map<string, string>();
		for (const n of this.scenario.nodes) if (n.type === 'kinesis-consumer') sources.set(n.id, n.source);
		this.dots.setSources(sources);
		this.series = new SeriesTracker(
			this.scenario.nodes.filter((n) => n.type === 'sqs-queue').map((n) => n.id),
			this.scenario.durationMs
		);
		this.density = new Array<number>(DENSITY_BINS).fill(0);
		this.furthest = 0;
		this.#densityUpTo = -1;
		this.selection = undefined;
		this.#memory = new MemorySink(TRACE_WINDOW);
		this.#hash = new HashSink();
		const sim = createSimulation(this.scenario, { sinks: [this.#memory, this.#hash], seed: this.seed });
		this.#timeline = new Timeline(sim);
		this.playing = false;
		this.#sync();
	}

	traceHash(): string {
		return this.#hash.digest();
	}

	seek(t: number): void {
		this.#timeline.seek(Math.max(0, Math.min(this.durationMs, t)));
		if (this.#timeline.lastSeekRestored) this.#resetViews();
		this.#sync();
	}

	#resetViews(): void {
		this.dots.reset();
		this.series.reset();
	}

	select(selection: Selection | undefined): void {
		this.selection = selection;
	}

	/** Advance to the next event. */
	step(): void {
		this.playing = false;
		this.#timeline.stepForward();
		this.#sync();
	}

	/** Go back to just before the latest event at or before now. */
	stepBack(): void {
		this.playing = false;
		const events = this.#memory.events;
		const last = events[events.length - 1];
		if (!last) return;
		const prev = [...events].reverse().find((e) => e.t < last.t);
		this.seek(prev ? prev.t : 0);
	}

	reset(): void {
		this.playing = false;
		this.seek(0);
	}

	play(): void {
		if (this.now >= this.durationMs) this.seek(0);
		this.playing = true;
	}

	pause(): void {
		this.playing = false;
	}

	/** Called once per animation frame with the wall-clock milliseconds since the previous frame. */
	tick(wallDeltaMs: number): void {
		if (!this.playing) return;
		const next = Math.min(this.durationMs, this.now + Math.min(wallDeltaMs, 100) * this.speed);
		this.#timeline.seek(next);
		if (this.#timeline.lastSeekRestored) this.#resetViews();
		if (next >= this.durationMs) this.playing = false;
		this.#sync();
	}

	#sync(): void {
		this.now = this.#timeline.now();
		const events = this.#memory.events;
		this.dots.sync(events, this.#memory.dropped);
		this.series.sync(events, this.now, this.#memory.dropped);
		// Density counts each event once, the first time the run reaches it.
		let changed = false;
		const bins = this.density.slice();
		for (let k = events.length - 1; k >= 0; k--) {
			const e = events[k];
			if (!e || e.t <= this.#densityUpTo) break;
			const b = Math.min(DENSITY_BINS - 1, Math.floor((e.t / this.durationMs) * DENSITY_BINS));
			bins[b] = (bins[b] ?? 0) + 1;
			changed = true;
		}
		if (changed) {
			this.density = bins;
			this.#densityUpTo = events[events.length - 1]?.t ?? this.#densityUpTo;
		}
		this.furthest = Math.max(this.furthest, this.now);
		this.revision++;
	}
}
