// The simulator as the UI sees it: a Timeline over the engine plus play/pause/speed. Wall-clock time
// lives only here (the view layer): each animation frame advances simulated time by elapsed × speed.
// Components read the reactive fields and call the methods; they never touch the engine directly.

import { HashSink, MemorySink, Timeline, loadScenario, type Scenario, type TraceEvent } from '$lib/engine';
import { createSimulation } from '$lib/models';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] as const;

export class SimulatorState {
	scenario = $state.raw<Scenario>() as Scenario;
	seed = $state(0);
	now = $state(0);
	playing = $state(false);
	speed = $state(1);
	/** Bumped on every change of simulated state, so derived views recompute. */
	revision = $state(0);
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
		this.#memory = new MemorySink();
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
		this.#timeline.seek(t);
		this.#sync();
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
		if (next >= this.durationMs) this.playing = false;
		this.#sync();
	}

	#sync(): void {
		this.now = this.#timeline.now();
		this.revision++;
	}
}
