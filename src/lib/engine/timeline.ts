// Seekable time over a simulation: runs forward while taking a checkpoint every `checkpointEveryMs` of
// simulated time (and, with `checkpointEveryEvents`, after that many events, so a busy run still has
// checkpoints close together in work), and seeks backwards by restoring the nearest checkpoint at or before
// the target and replaying forward. seek(t) then running to T gives exactly the trace of a straight run to T.
// `advance` does the same work in bounded slices (the page never runs one long task), and checkpoints made
// by another copy of the same run (the worker that computes ahead) can be inserted and restored.

import type { SimSnapshot, Simulation } from './simulation';

export interface Checkpoint {
	/** Simulated time of the checkpoint. */
	t: number;
	/** Trace events before it (its position in the trace). */
	count: number;
	/** The state's size when it was taken (TimelineOptions.weight). */
	weight?: number;
	snapshot: SimSnapshot;
}

export interface TimelineOptions {
	/** Simulated time between checkpoints. */
	checkpointEveryMs?: number;
	/** Also take a checkpoint after this many scheduler events since the last one (default: never). */
	checkpointEveryEvents?: number;
	/** At most this many checkpoints are kept; older ones are thinned out (every other one dropped). */
	maxCheckpoints?: number;
	/**
	 * The size of the run's state now (e.g. messages held), which a checkpoint copies. A checkpoint is taken
	 * only after at least twice that many scheduler events since the last one, so copying stays a fraction of
	 * the work; and when the checkpoints' total weight passes `maxWeight` they are thinned.
	 */
	weight?: () => number;
	maxWeight?: number;
}

export class Timeline {
	readonly sim: Simulation;
	readonly checkpointEveryMs: number;
	readonly maxCheckpoints: number;
	#checkpoints: Checkpoint[] = [];
	#interval: number;
	#everyEvents: number;
	readonly #weight: () => number;
	readonly #maxWeight: number;
	/** scheduler.fired when the last checkpoint was taken or restored. */
	#firedAtCheckpoint = 0;
	/** Not before this time for the next checkpoint by time (pushed on when one is skipped for its weight). */
	#skipUntil = Number.NEGATIVE_INFINITY;

	constructor(sim: Simulation, options: TimelineOptions = {}) {
		this.sim = sim;
		this.checkpointEveryMs = options.checkpointEveryMs ?? 5000;
		this.maxCheckpoints = options.maxCheckpoints ?? 400;
		this.#interval = this.checkpointEveryMs;
		this.#everyEvents = options.checkpointEveryEvents ?? Number.POSITIVE_INFINITY;
		this.#weight = options.weight ?? (() => 0);
		this.#maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
		this.#checkpoints.push(this.#take());
	}

	now(): number {
		return this.sim.now();
	}

	get checkpointCount(): number {
		return this.#checkpoints.length;
	}

	/** Where each checkpoint is, in time and in the trace (cheap to send; the snapshots stay here). */
	get index(): { t: number; count: number }[] {
		return this.#checkpoints.map((c) => ({ t: c.t, count: c.count }));
	}

	/** Move to simulated time t (clamped to [0, duration]), forwards or backwards. */
	seek(t: number): void {
		const target = Math.max(0, Math.min(t, this.sim.durationMs));
		const cp = this.checkpointAtOrBefore(target);
		// Backwards: restore the nearest checkpoint and replay. Forwards: jump to a checkpoint already recorded
		// ahead of us instead of replaying the whole way (sinks rewind both ways).
		this.lastSeekRestored = target < this.sim.now() || cp.t > this.sim.now();
		if (this.lastSeekRestored) this.restore(cp);
		this.#runForward(target, Number.POSITIVE_INFINITY);
	}

	/** Whether the last seek restored a checkpoint (views that follow the trace must rebuild). */
	lastSeekRestored = false;

	/**
	 * Run forward toward `target` (at or after now, capped at the duration) firing at most `maxEvents` events,
	 * taking checkpoints on the way. Returns true once the clock is at `target`.
	 */
	advance(target: number, maxEvents: number): boolean {
		const to = Math.min(target, this.sim.durationMs);
		if (to < this.sim.now())
			throw new RangeError(`advance goes forward only (now ${this.sim.now()}, target ${to})`);
		return this.#runForward(to, maxEvents);
	}

	/** Advance to the time of the next event, firing every event due then. Returns that time (undefined at the end). */
	stepForward(): number | undefined {
		const next = this.sim.nextEventAt();
		if (next === undefined) return undefined;
		this.#runForward(next, Number.POSITIVE_INFINITY);
		return next;
	}

	/** The latest checkpoint at or before t (the one at t = 0 when none is later). */
	checkpointAtOrBefore(t: number): Checkpoint {
		let lo = 0;
		let hi = this.#checkpoints.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((this.#checkpoints[mid] as Checkpoint).t <= t) lo = mid;
			else hi = mid - 1;
		}
		return this.#checkpoints[lo] as Checkpoint;
	}

	/** Put the run in the state of a checkpoint (one of ours, or one made by another copy of this run). */
	restore(cp: Checkpoint): void {
		this.sim.restore(cp.snapshot);
		this.#firedAtCheckpoint = this.sim.scheduler.fired;
		this.#skipUntil = Number.NEGATIVE_INFINITY;
	}

	/**
	 * Keep a checkpoint made by another copy of the same run (same scenario, seed and sinks), so later seeks can
	 * start from it. One per time: a checkpoint at a time already held is ignored.
	 */
	insert(cp: Checkpoint): void {
		let at = this.#checkpoints.length;
		while (at > 0 && (this.#checkpoints[at - 1] as Checkpoint).t > cp.t) at--;
		if (at > 0 && (this.#checkpoints[at - 1] as Checkpoint).t === cp.t) return;
		this.#checkpoints.splice(at, 0, cp);
		this.#thin();
	}

	#take(): Checkpoint {
		const weight = this.#weight();
		const snapshot = this.sim.snapshot();
		return { t: this.sim.now(), count: snapshot.trace.count, weight, snapshot };
	}

	/** Returns true when the clock reached `target`, false when `maxEvents` ran out first. */
	#runForward(target: number, maxEvents: number): boolean {
		const sim = this.sim;
		const scheduler = sim.scheduler;
		const stopAt = scheduler.fired + maxEvents;
		for (;;) {
			const last = this.#checkpoints[this.#checkpoints.length - 1] as Checkpoint;
			const nextCp = Math.max(last.t + this.#interval, sim.now(), this.#skipUntil);
			const cpByTime = nextCp <= target && nextCp <= sim.durationMs;
			const until = cpByTime ? nextCp : target;
			const firedSinceCp = scheduler.fired - this.#firedAtCheckpoint;
			const forCp = Math.max(this.#everyEvents, 2 * this.#weight()) - firedSinceCp;
			const budget = Math.min(stopAt - scheduler.fired, Math.max(1, forCp));
			const reached = sim.runUntil(until, budget);
			if (!reached) {
				// Stopped for the work budget: a checkpoint when enough work was done since the last one.
				const due = Math.max(this.#everyEvents, 2 * this.#weight());
				if (scheduler.fired - this.#firedAtCheckpoint >= due) this.#record(false);
				if (scheduler.fired >= stopAt) return false;
				continue;
			}
			if (cpByTime) {
				this.#record(true);
				continue;
			}
			return true;
		}
	}

	/** Take a checkpoint now, unless too little work was done since the last one for the state's size. */
	#record(byTime: boolean): void {
		const last = this.#checkpoints[this.#checkpoints.length - 1] as Checkpoint;
		const since = this.sim.scheduler.fired - this.#firedAtCheckpoint;
		if (byTime && since < 2 * this.#weight()) {
			this.#skipUntil = this.sim.now() + this.#interval;
			return;
		}
		this.#firedAtCheckpoint = this.sim.scheduler.fired;
		if (this.sim.now() <= last.t) return;
		this.#checkpoints.push(this.#take());
		this.#thin();
	}

	#thin(): void {
		const heavy = () => this.#checkpoints.reduce((sum, c) => sum + (c.weight ?? 0), 0) > this.#maxWeight;
		while (this.#checkpoints.length > this.maxCheckpoints || (this.#checkpoints.length > 2 && heavy())) {
			// Thin out: keep every other checkpoint (the first always) and double the spacing, bounding memory.
			this.#checkpoints = this.#checkpoints.filter((_, k) => k % 2 === 0);
			this.#interval *= 2;
			this.#everyEvents *= 2;
		}
	}
}
