// Seekable time over a simulation: runs forward while taking a checkpoint every `checkpointEveryMs` of
// simulated time, and seeks backwards by restoring the nearest checkpoint at or before the target and
// replaying forward. seek(t) then running to T gives exactly the trace of a straight run to T.

import type { SimSnapshot, Simulation } from './simulation';

interface Checkpoint {
	t: number;
	snapshot: SimSnapshot;
}

export interface TimelineOptions {
	/** Simulated time between checkpoints. */
	checkpointEveryMs?: number;
	/** At most this many checkpoints are kept; older ones are thinned out (every other one dropped). */
	maxCheckpoints?: number;
}

export class Timeline {
	readonly sim: Simulation;
	readonly checkpointEveryMs: number;
	readonly maxCheckpoints: number;
	#checkpoints: Checkpoint[] = [];
	#interval: number;

	constructor(sim: Simulation, options: TimelineOptions = {}) {
		this.sim = sim;
		this.checkpointEveryMs = options.checkpointEveryMs ?? 5000;
		this.maxCheckpoints = options.maxCheckpoints ?? 400;
		this.#interval = this.checkpointEveryMs;
		this.#checkpoints.push({ t: 0, snapshot: sim.snapshot() });
	}

	now(): number {
		return this.sim.now();
	}

	get checkpointCount(): number {
		return this.#checkpoints.length;
	}

	/** Move to simulated time t (clamped to [0, duration]), forwards or backwards. */
	seek(t: number): void {
		const target = Math.max(0, Math.min(t, this.sim.durationMs));
		const cp = this.#nearest(target);
		// Backwards: restore the nearest checkpoint and replay. Forwards: jump to a checkpoint already recorded
		// ahead of us instead of replaying the whole way (sinks rewind both ways).
		this.lastSeekRestored = target < this.sim.now() || cp.t > this.sim.now();
		if (this.lastSeekRestored) this.sim.restore(cp.snapshot);
		this.#runForward(target);
	}

	/** Whether the last seek restored a checkpoint (views that follow the trace must rebuild). */
	lastSeekRestored = false;

	/** Advance to the time of the next event, firing every event due then. Returns that time (undefined at the end). */
	stepForward(): number | undefined {
		const next = this.sim.nextEventAt();
		if (next === undefined) return undefined;
		this.#runForward(next);
		return next;
	}

	#nearest(t: number): Checkpoint {
		let lo = 0;
		let hi = this.#checkpoints.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((this.#checkpoints[mid] as Checkpoint).t <= t) lo = mid;
			else hi = mid - 1;
		}
		return this.#checkpoints[lo] as Checkpoint;
	}

	#runForward(target: number): void {
		const sim = this.sim;
		for (;;) {
			const last = this.#checkpoints[this.#checkpoints.length - 1] as Checkpoint;
			const nextCp = Math.max(last.t + this.#interval, sim.now());
			if (nextCp > target || nextCp > sim.durationMs) break;
			sim.runUntil(nextCp);
			this.#record(nextCp);
		}
		sim.runUntil(target);
	}

	#record(t: number): void {
		const last = this.#checkpoints[this.#checkpoints.length - 1] as Checkpoint;
		if (t <= last.t) return;
		this.#checkpoints.push({ t, snapshot: this.sim.snapshot() });
		if (this.#checkpoints.length > this.maxCheckpoints) {
			// Thin out: keep every other checkpoint and double the interval, bounding memory on long runs.
			this.#checkpoints = this.#checkpoints.filter((_, k) => k % 2 === 0);
			this.#interval *= 2;
		}
	}
}
