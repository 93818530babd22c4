// The simulator as the UI sees it. One run, two copies: a worker computes it ahead (runner/ahead*: the whole
// run's density, findings and hash, and checkpoints), and the page keeps a light copy at the playhead that the
// views read synchronously. Work on the page is always bounded: playing advances within a frame's budget, and
// a seek starts from the best point it has — where it is, one of its checkpoints, or one the worker computed —
// and replays in slices, so no task is long. When the worker has not reached a far target yet, `busy` says so
// (with the time reached) and `cancelCompute` gives up. Wall-clock time lives only here (the view layer).

import { type Checkpoint, type Scenario, type TraceEvent } from '$lib/engine';
import { loadScenario, serviceNode, type ServiceNode } from '$lib/services';
import type { Timeline } from '$lib/engine';
import type { AheadProgress, CheckpointReply } from '$lib/runner/ahead';
import { createAheadHost, type AheadHost } from '$lib/runner/ahead-host';
import { eventsAt } from '$lib/runner/events-at';
import { BROWSER_LIMITS, type RunLimits } from '$lib/runner/limits';
import { createRun, TRACE_WINDOW, type Run } from '$lib/runner/run';
import { DENSITY_BINS, SPEEDS } from './constants';
import { describeStep } from './describe-step';
import { nodeModels, type NodeModel } from '$lib/viz/node-models';
import type { Token } from '$lib/viz/marks/tokens';
import type { Finding } from '$lib/state/insights';
import type { DotTracker } from '$lib/viz/dots';
import { layoutScenario, NORMAL_METRICS, type Layout, type StageMetrics } from '$lib/viz/layout';
import type { SeriesTracker } from '$lib/viz/series';

export { DENSITY_BINS, SPEEDS, TRACE_WINDOW };

/** What the inspector shows: a node, or one message instance (by its node-local id and origin). */
export type Selection =
	{ kind: 'node'; id: string } | { kind: 'message'; msg: string; origin: string; node: string };

/** Wall time the page spends on the run per animation frame while playing (a 60 Hz frame is 16.7 ms). */
const FRAME_BUDGET_MS = 8;
/** …and per frame while finishing a seek (nothing else moves then). */
const SEEK_SLICE_MS = 12;
/** A seek or step finishes before it returns while it fits in this much wall time; longer ones go on in slices. */
const SYNC_BUDGET_MS = 16;
/** Scheduler events between wall-clock checks. */
const SLICE_EVENTS = 200;
/**
 * A seek replays up to this many trace events so the views have history before the target (the trace window:
 * a message's lifecycle, the sequence diagram); beyond that it starts from the checkpoint nearest the target.
 */
const HISTORY_EVENTS = 3_000;
/** While playing, jump to a worker checkpoint when the target lies more than this many events ahead. */
const PLAY_JUMP_EVENTS = 4_000;

/** A seek that has not finished yet: waiting for the worker to compute its target, or replaying to it. */
export interface Busy {
	target: number;
	phase: 'computing' | 'replaying';
}

export interface SimulatorOptions {
	/** Where runs are computed ahead; by default a Web Worker in the browser and none elsewhere. */
	host?: () => AheadHost | undefined;
	/** What the browser computes for one run at most (limits.ts). */
	limits?: RunLimits;
}

interface Start {
	kind: 'here' | 'local' | 'ahead';
	t: number;
	count: number;
	checkpoint?: Checkpoint;
}

const frame = (): Promise<void> =>
	new Promise((resolve) =>
		typeof requestAnimationFrame === 'function'
			? requestAnimationFrame(() => resolve())
			: setTimeout(resolve, 0)
	);

export class SimulatorState {
	scenario = $state.raw<Scenario>() as Scenario;
	seed = $state(0);
	now = $state(0);
	playing = $state(false);
	speed = $state(1);
	/** Where playing pauses by itself (playUntil), if anywhere. */
	stopAt = $state<number | undefined>(undefined);
	/** Bumped on every change of simulated state, so derived views recompute. */
	revision = $state(0);
	layout = $state.raw<Layout>() as Layout;
	/** The stage's sizes (presenter mode has larger text); the layout follows them. */
	metrics = $state.raw<StageMetrics>(NORMAL_METRICS);
	selection = $state.raw<Selection | undefined>(undefined);
	/** Trace events per time bin over the whole run, as far as it is computed (the timeline's density). */
	density = $state.raw<number[]>([]);
	/** The furthest simulated time computed (by the worker, or here). */
	furthest = $state(0);
	/** The worker's progress on this run (undefined until it reports, and where no worker runs). */
	ahead = $state.raw<AheadProgress | undefined>(undefined);
	/** A seek still in progress. */
	busy = $state.raw<Busy | undefined>(undefined);
	/** "What went wrong" over the whole run computed so far (the panel shows those up to the playhead). */
	findings = $state.raw<Finding[]>([]);
	/** What the last step did, in words (cleared when the run plays or seeks). */
	lastStep = $state<string | undefined>(undefined);
	/** Why the run stops before its end: a limit of what the browser computes (limits.ts). */
	limit = $state<string | undefined>(undefined);
	/** Set by the stage: layout coordinates → page coordinates (for tests and tooltips). */
	toScreen: (x: number, y: number) => { x: number; y: number } = (x, y) => ({ x, y });
	#run!: Run;
	#makeHost: () => AheadHost | undefined;
	#limits: RunLimits;
	#host: AheadHost | undefined;
	#hostMade = false;
	/** Bumped by every load, seek and cancel: async work from an older one stops. */
	#token = 0;
	#aheadIndex: { t: number; count: number }[] = [];
	#waiters: { target: number; resolve: () => void }[] = [];
	#jumping = false;
	#settleWaiters: (() => void)[] = [];

	constructor(scenario: unknown, options: SimulatorOptions = {}) {
		this.#makeHost = options.host ?? (() => (typeof window === 'undefined' ? undefined : createAheadHost()));
		this.#limits = options.limits ?? BROWSER_LIMITS;
		this.load(scenario);
	}

	get durationMs(): number {
		return this.scenario.durationMs;
	}

	/** Where the playhead is going: the target of a seek in progress, else now (what an edit or a link keeps). */
	get playhead(): number {
		return this.busy?.target ?? this.now;
	}

	/** Where the run ends: its duration, or where it stopped at a limit. */
	get endMs(): number {
		const a = this.ahead;
		return a?.state === 'stopped' ? Math.min(a.t, this.durationMs) : this.durationMs;
	}

	get events(): readonly TraceEvent[] {
		void this.revision;
		return this.#run.sinks.memory.events;
	}

	get dots(): DotTracker {
		return this.#run.sinks.dots;
	}

	get series(): SeriesTracker {
		return this.#run.sinks.series;
	}

	get timeline(): Timeline {
		return this.#run.timeline;
	}

	/** The node `id` at the playhead, typed (introspection only: reading never changes the run). */
	node(id: string): ServiceNode | undefined {
		return serviceNode(this.#run.timeline.sim.nodes.get(id));
	}

	/** Every service node at the playhead, in scenario order. */
	serviceNodes(): ServiceNode[] {
		const out: ServiceNode[] = [];
		for (const n of this.#run.timeline.sim.nodes.values()) {
			const s = serviceNode(n);
			if (s) out.push(s);
		}
		return out;
	}

	/** 'worker' when runs are computed ahead off the page's thread. */
	get computesIn(): 'worker' | 'page' | 'none' {
		return this.#host?.where ?? 'none';
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
		this.#token++;
		this.#releaseWaiters();
		this.#setBusy(undefined);
		this.playing = false;
		this.stopAt = undefined;
		this.layout = layoutScenario(this.scenario, this.metrics);
		this.#run = createRun(this.scenario, this.seed);
		this.density = new Array<number>(DENSITY_BINS).fill(0);
		this.furthest = 0;
		this.ahead = undefined;
		this.findings = [];
		this.limit = undefined;
		this.#aheadIndex = [];
		this.selection = undefined;
		if (!this.#hostMade) {
			this.#hostMade = true;
			this.#host = this.#makeHost();
			if (this.#host) {
				this.#host.onProgress = (p) => this.#onProgress(p);
				this.#host.onError = (message) => (this.limit = message);
			}
		}
		this.#host?.start(this.scenario, this.seed, this.#limits);
		this.#sync();
	}

	/** Lay the stage out with other sizes (presenter mode); the run is unchanged. */
	setMetrics(metrics: StageMetrics): void {
		if (metrics === this.metrics) return;
		this.metrics = metrics;
		this.layout = layoutScenario(this.scenario, metrics);
	}

	/** Stop the worker (the page is going away). */
	dispose(): void {
		this.#host?.dispose();
		this.#host = undefined;
	}

	/** What each node's mark draws now: its messages, workers, lanes… (read-only views of the models). */
	nodeModels(): Map<string, NodeModel> {
		void this.revision;
		return nodeModels(this.#run.sim, this.#run.sinks.dots);
	}

	/**
	 * Set by the stage: the tokens it drew last (every message on the picture, resting or moving) and their
	 * on-screen radius; without a stage, the moving ones.
	 */
	drawnTokens: () => { tokens: Token[]; scale: number } = () => ({
		tokens: this.#run.sinks.dots.dotsAt(this.now, this.layout),
		scale: 1
	});

	traceHash(): string {
		return this.#run.sinks.hash.digest();
	}

	select(selection: Selection | undefined): void {
		this.selection = selection;
	}

	/** Move to simulated time t. Resolves when the stage shows t (at once when it is cheap). */
	seek(t: number): Promise<void> {
		return this.#goTo(Math.max(0, Math.min(this.endMs, t)));
	}

	/** Advance to the next event (every event due at that time), and say what happened. */
	async step(): Promise<void> {
		this.playing = false;
		const next = this.#run.sim.nextEventAt();
		if (next === undefined || next > this.endMs) {
			this.lastStep = 'The run is at its end.';
			return;
		}
		await this.#goTo(next);
		const events = this.#run.sinks.memory.events;
		const at: TraceEvent[] = [];
		for (let k = events.length - 1; k >= 0 && (events[k] as TraceEvent).t === next; k--)
			at.unshift(events[k] as TraceEvent);
		this.lastStep = describeStep(at);
	}

	/** Go back to just before the latest event at or before now. */
	stepBack(): Promise<void> {
		this.playing = false;
		const events = this.#run.sinks.memory.events;
		const last = events[events.length - 1];
		if (!last) return this.#goTo(Math.max(0, this.now - 1));
		let prev: number | undefined;
		for (let k = events.length - 2; k >= 0; k--) {
			const e = events[k] as TraceEvent;
			if (e.t < last.t) {
				prev = e.t;
				break;
			}
		}
		return this.#goTo(prev ?? (this.#run.sinks.memory.dropped > 0 ? Math.max(0, last.t - 1) : 0));
	}

	reset(): Promise<void> {
		this.playing = false;
		return this.#goTo(0);
	}

	play(): void {
		if (this.now >= this.endMs) void this.#goTo(0);
		this.lastStep = undefined;
		this.playing = true;
		this.stopAt = undefined;
	}

	pause(): void {
		this.playing = false;
		this.stopAt = undefined;
	}

	/**
	 * Play (at `speed`, when given) and pause exactly at simulated time t: a lesson plays to its checkpoint.
	 * Pausing, playing or loading cancels the stop.
	 */
	playUntil(t: number, speed?: number): void {
		if (speed !== undefined) this.speed = speed;
		const stop = Math.min(this.endMs, Math.max(0, t));
		if (this.now >= stop) return this.pause();
		this.lastStep = undefined;
		this.playing = true;
		this.stopAt = stop;
	}

	/** Resolves when no seek is in progress (at once when none is). */
	settled(): Promise<void> {
		if (!this.busy) return Promise.resolve();
		return new Promise((resolve) => this.#settleWaiters.push(resolve));
	}

	#setBusy(busy: Busy | undefined): void {
		this.busy = busy;
		if (busy) return;
		const waiters = this.#settleWaiters;
		this.#settleWaiters = [];
		for (const w of waiters) w();
	}

	/** Resolves once the run is computed to its end (or stopped at a limit, or paused). */
	whenComputed(): Promise<void> {
		if (!this.#host) return Promise.resolve();
		return this.#waitAhead(Number.POSITIVE_INFINITY);
	}

	/** Give up waiting for a far seek, and stop computing ahead (what is computed stays usable). */
	cancelCompute(): void {
		this.#token++;
		this.#setBusy(undefined);
		this.#host?.pause();
		this.#releaseWaiters();
	}

	/** Go on computing ahead after a cancel. */
	resumeCompute(): void {
		this.#host?.resume();
	}

	/** Called once per animation frame with the wall-clock milliseconds since the previous frame. */
	tick(wallDeltaMs: number): void {
		if (!this.playing || this.busy) return;
		const target = Math.min(
			this.endMs,
			this.stopAt ?? Infinity,
			this.now + Math.min(wallDeltaMs, 100) * this.speed
		);
		const ahead = this.#aheadCheckpointFor(target);
		if (ahead && !this.#jumping && this.#eventsAt(target) - this.#here().count > PLAY_JUMP_EVENTS) {
			void this.#jumpTo(ahead);
		}
		this.#advanceFor(target, FRAME_BUDGET_MS);
		if (this.now >= this.endMs) this.playing = false;
		if (this.stopAt !== undefined && this.now >= this.stopAt) this.pause();
		this.#sync();
	}

	// --- seeking ----------------------------------------------------------------------------------------

	#goTo(target: number): Promise<void> {
		this.lastStep = undefined;
		const began = performance.now();
		const token = ++this.#token;
		this.#setBusy(undefined);
		const start = this.#chooseStart(target);
		if (start.kind === 'local' && start.checkpoint) this.#run.timeline.restore(start.checkpoint);
		// Cheap seeks finish before returning (so does a far one the page can compute within the budget, which
		// counts the restore too).
		const left = SYNC_BUDGET_MS - (performance.now() - began);
		if (start.kind !== 'ahead' && this.#advanceFor(target, Math.max(1, left))) {
			this.#sync();
			return Promise.resolve();
		}
		this.#sync();
		return this.#finish(target, token);
	}

	async #finish(target: number, token: number): Promise<void> {
		const host = this.#host;
		let early: CheckpointReply | undefined;
		if (host) {
			const state = this.ahead?.state;
			if (state !== 'done' && state !== 'stopped' && this.furthest < target) {
				if (state === 'paused') host.resume();
				this.#setBusy({ target, phase: 'computing' });
				// The checkpoint is asked for at once: the worker answers the moment it reaches the target, before
				// it sums up the run (the final findings take a while), and before the progress that says so.
				// A reply from a run that stopped or paused short of the target waits for the progress that says
				// so (the target then moves to where the run ends); its checkpoint still serves, not asked twice.
				const asked = host
					.checkpoint(target, this.#run.sim.appendLogSizes(), HISTORY_EVENTS)
					.catch(() => undefined);
				early = await Promise.race([asked, this.#waitAhead(target).then(() => undefined)]);
				const reached =
					early && early.state !== 'stopped' && early.state !== 'paused' && early.frontier >= target;
				if (!reached) await this.#waitAhead(target);
				if (token !== this.#token) return;
			}
			// A run that stopped at a limit ends there.
			if (this.ahead?.state === 'stopped') target = Math.min(target, this.endMs);
		}
		this.#setBusy({ target, phase: 'replaying' });
		const start = this.#chooseStart(target);
		// The early checkpoint serves when it lies ahead of the page and the page's own place is not close
		// enough to keep more history (the choice #chooseStart makes, with the worker's reckoning of the goal).
		const here = this.#here();
		const hereFits = early !== undefined && here.t <= target && early.goal - here.count <= HISTORY_EVENTS;
		if (early && !hereFits && early.checkpoint.t <= target && early.checkpoint.t > here.t) {
			this.#adopt(early.checkpoint, early.logs);
		} else if (start.kind === 'ahead' && host) {
			try {
				const reply = await host.checkpoint(start.t, this.#run.sim.appendLogSizes());
				if (token !== this.#token) return;
				this.#adopt(reply.checkpoint, reply.logs);
			} catch {
				if (token !== this.#token) return;
			}
		} else if (start.kind === 'local' && start.checkpoint) this.#run.timeline.restore(start.checkpoint);
		if (this.#run.timeline.now() > target)
			this.#run.timeline.restore(this.#run.timeline.checkpointAtOrBefore(target));
		this.#sync();
		for (;;) {
			const began = performance.now();
			const there = this.#advanceFor(target, SEEK_SLICE_MS);
			// The views catch up in a frame of their own when the last slice took most of this one.
			if (there && performance.now() - began < SEEK_SLICE_MS / 2) break;
			await frame();
			if (token !== this.#token) return;
			if (there) break;
		}
		this.#setBusy(undefined);
		this.#sync();
	}

	/** Restore a checkpoint the worker computed (keeping it for later seeks). */
	#adopt(checkpoint: Checkpoint, logs: Record<string, { from: number; entries: string[] }>): void {
		this.#run.sim.supplyAppendLogs(logs);
		this.#run.timeline.insert(checkpoint);
		this.#run.timeline.restore(checkpoint);
	}

	/** While playing far ahead of what a frame can replay: fetch the worker's checkpoint and jump to it. */
	async #jumpTo(to: { t: number; count: number }): Promise<void> {
		const host = this.#host;
		if (!host) return;
		this.#jumping = true;
		const token = this.#token;
		try {
			const reply = await host.checkpoint(to.t, this.#run.sim.appendLogSizes());
			if (token === this.#token && this.playing && !this.busy && reply.checkpoint.t > this.#run.sim.now()) {
				this.#adopt(reply.checkpoint, reply.logs);
				this.#sync();
			}
		} catch {
			// The run changed meanwhile.
		} finally {
			this.#jumping = false;
		}
	}

	/** Run toward target for about budgetMs of wall time; true when there. */
	#advanceFor(target: number, budgetMs: number): boolean {
		const timeline = this.#run.timeline;
		if (target < timeline.now()) return false;
		const deadline = performance.now() + budgetMs;
		for (;;) {
			if (timeline.advance(target, SLICE_EVENTS)) return true;
			if (performance.now() >= deadline) return false;
		}
	}

	#here(): { t: number; count: number } {
		return { t: this.#run.sim.now(), count: this.#run.sim.trace.count };
	}

	/**
	 * Where a seek to target starts: here (going forward, when the replay is short), else the earliest
	 * checkpoint — ours or the worker's — from which the replay fits HISTORY_EVENTS (so the views keep some
	 * history), else the latest checkpoint at or before the target.
	 */
	#chooseStart(target: number): Start {
		const here = this.#here();
		const goal = this.#eventsAt(target);
		if (here.t <= target && goal - here.count <= HISTORY_EVENTS) return { kind: 'here', ...here };
		const candidates: Start[] = this.#run.timeline.index
			.filter((c) => c.t <= target)
			.map((c) => ({ kind: 'local' as const, ...c }));
		for (const c of this.#aheadIndex) if (c.t <= target) candidates.push({ kind: 'ahead', ...c });
		if (here.t <= target) candidates.push({ kind: 'here', ...here });
		candidates.sort((a, b) => a.count - b.count || (a.kind === 'here' ? 1 : a.kind === 'local' ? 0 : -1));
		const fits = candidates.find((c) => goal - c.count <= HISTORY_EVENTS);
		const best = fits ?? candidates[candidates.length - 1] ?? { kind: 'here', ...here };
		// A local checkpoint as good as the worker's one is preferred (no round trip).
		if (best.kind === 'ahead') {
			const local = this.#run.timeline.checkpointAtOrBefore(best.t);
			if (local.count >= best.count)
				return { kind: 'local', t: local.t, count: local.count, checkpoint: local };
		}
		if (best.kind === 'local') {
			const cp = this.#run.timeline.checkpointAtOrBefore(best.t);
			return { kind: 'local', t: cp.t, count: cp.count, checkpoint: cp };
		}
		return best;
	}

	/** Trace events before time t, estimated from the worker's checkpoints (and ours); 0 when unknown. */
	#eventsAt(t: number): number {
		const points = [...this.#aheadIndex, ...this.#run.timeline.index, this.#here()].sort((a, b) => a.t - b.t);
		const last = points[points.length - 1];
		// Past every known point: what the worker has computed, when it has got that far.
		if (last && t >= last.t) {
			const a = this.ahead;
			return a && a.t >= t ? Math.max(last.count, a.events) : last.count;
		}
		return eventsAt(points, t);
	}

	#aheadCheckpointFor(target: number): { t: number; count: number } | undefined {
		let best: { t: number; count: number } | undefined;
		for (const c of this.#aheadIndex) if (c.t <= target && c.t > this.now) best = c;
		return best;
	}

	#waitAhead(target: number): Promise<void> {
		return new Promise((resolve) => {
			this.#waiters.push({ target, resolve });
			this.#checkWaiters();
		});
	}

	#checkWaiters(): void {
		const a = this.ahead;
		this.#waiters = this.#waiters.filter((w) => {
			if (a && (a.t >= w.target || a.state !== 'running')) {
				w.resolve();
				return false;
			}
			return true;
		});
	}

	#releaseWaiters(): void {
		for (const w of this.#waiters) w.resolve();
		this.#waiters = [];
	}

	#onProgress(p: AheadProgress): void {
		this.#run.sim.supplyAppendLogs(p.logs);
		this.ahead = p;
		this.#aheadIndex = p.index;
		this.density = p.density;
		this.furthest = Math.max(this.now, p.t);
		this.findings = p.findings;
		this.limit = p.state === 'stopped' ? p.message : undefined;
		if (this.busy?.phase === 'computing') this.#setBusy({ ...this.busy });
		this.#checkWaiters();
	}

	#sync(): void {
		this.now = this.#run.timeline.now();
		this.#run.sinks.series.sampleTo(this.now);
		this.furthest = Math.max(this.furthest, this.now);
		this.revision++;
	}
}
