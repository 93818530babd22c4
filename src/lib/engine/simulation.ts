// The simulation: owns the clock (scheduler), the seeded random streams, the trace recorder and the nodes
// built from a scenario. Nodes talk to the world only through SimContext, so the whole state of a run is
// the scheduler's data entries, the random states and the nodes' data: that is what a checkpoint holds.

import { AppendLog } from './append-log';
import { Scheduler, type ScheduledEntry, type SchedulerSnapshot } from './clock';
import { Random, RandomStreams, type RandomState } from './random';
import type { Scenario, ScenarioNode } from './scenario';
import { TraceRecorder, type TraceEvent, type TraceInput, type TraceSink } from './trace';

/** An event delivered to a node by the scheduler: plain data, so it survives checkpoints. */
export interface NodeEvent {
	readonly type: string;
	readonly [key: string]: unknown;
}

/** What a node may use: time, timers, randomness, the trace, and other nodes (for API calls). */
export interface SimContext {
	readonly seed: number;
	now(): number;
	/** Deliver `event` to node `target` at absolute time `dueAt`. Returns a handle for cancel(). */
	at(dueAt: number, target: string, event: NodeEvent): number;
	/** Deliver `event` to node `target` after `delayMs`. */
	after(delayMs: number, target: string, event: NodeEvent): number;
	cancel(handle: number): void;
	/** The seeded random sub-stream of a component (derive ids from node ids). */
	random(componentId: string): Random;
	trace(input: TraceInput): TraceEvent;
	/**
	 * The node's append-only log, kept out of checkpoints (a checkpoint stores its length): for memory that only
	 * grows, such as the origins a consumer processed. One per id, owned by the simulation.
	 */
	appendLog(id: string): AppendLog;
	/** Another node, for synchronous API calls (SendMessage, ReceiveMessage…). */
	node(id: string): SimNode;
	hasNode(id: string): boolean;
}

/** A simulated resource or client. Its state must be plain data (structured-clonable) for checkpoints. */
export interface SimNode {
	readonly id: string;
	readonly type: string;
	/** Schedule the node's first events; called once, in scenario order, at t = 0. */
	start(): void;
	handle(event: NodeEvent): void;
	snapshot(): unknown;
	restore(data: unknown): void;
}

export type NodeFactory = (spec: ScenarioNode, ctx: SimContext, scenario: Scenario) => SimNode;

export interface SimSnapshot {
	scheduler: SchedulerSnapshot<NodeEvent>;
	random: Record<string, RandomState>;
	trace: { count: number; sinks: unknown[] };
	nodes: Record<string, unknown>;
}

export interface SimulationOptions {
	createNode: NodeFactory;
	sinks?: TraceSink[];
	/** Overrides the scenario's seed. */
	seed?: number;
}

export class Simulation {
	readonly scenario: Scenario;
	readonly seed: number;
	readonly scheduler: Scheduler<NodeEvent>;
	readonly random: RandomStreams;
	readonly trace: TraceRecorder;
	readonly nodes = new Map<string, SimNode>();
	/** Append-only logs by id (SimContext.appendLog), outside checkpoints. */
	readonly appendLogs = new Map<string, AppendLog>();
	readonly context: SimContext;
	#started = false;

	constructor(scenario: Scenario, options: SimulationOptions) {
		this.scenario = scenario;
		this.seed = options.seed ?? scenario.seed;
		this.scheduler = new Scheduler<NodeEvent>((entry) => this.#dispatch(entry));
		this.random = new RandomStreams(this.seed);
		this.trace = new TraceRecorder(() => this.scheduler.now(), options.sinks ?? []);
		const scheduler = this.scheduler;
		const nodes = this.nodes;
		const random = this.random;
		const trace = this.trace;
		const logs = this.appendLogs;
		this.context = {
			seed: this.seed,
			now: () => scheduler.now(),
			at: (dueAt, target, event) => scheduler.schedule(dueAt, target, event),
			after: (delayMs, target, event) => scheduler.schedule(scheduler.now() + delayMs, target, event),
			cancel: (handle) => scheduler.cancel(handle),
			random: (id) => random.stream(id),
			trace: (input) => trace.emit(input),
			appendLog: (id) => {
				let log = logs.get(id);
				if (!log) logs.set(id, (log = new AppendLog()));
				return log;
			},
			node: (id) => {
				const n = nodes.get(id);
				if (!n) throw new Error(`unknown node '${id}'`);
				return n;
			},
			hasNode: (id) => nodes.has(id)
		};
		for (const spec of scenario.nodes)
			this.nodes.set(spec.id, options.createNode(spec, this.context, scenario));
	}

	get durationMs(): number {
		return this.scenario.durationMs;
	}

	now(): number {
		return this.scheduler.now();
	}

	/** Start every node (idempotent). Called implicitly by step/runUntil. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		for (const node of this.nodes.values()) node.start();
	}

	/** Fire the next event, if it is due within the scenario's duration. Returns false at the end. */
	step(): boolean {
		this.start();
		const next = this.scheduler.peek();
		if (next === undefined || next > this.durationMs) return false;
		return this.scheduler.step();
	}

	/** Time of the next event within the duration, or undefined. */
	nextEventAt(): number | undefined {
		this.start();
		const next = this.scheduler.peek();
		return next === undefined || next > this.durationMs ? undefined : next;
	}

	/**
	 * Run every event due at or before `t` (capped at the duration), then set the clock to `t`. With
	 * `maxEvents`, stop after that many events and return false (the clock stays at the last one fired).
	 */
	runUntil(t: number, maxEvents = Number.POSITIVE_INFINITY): boolean {
		this.start();
		return this.scheduler.runUntil(Math.min(t, this.durationMs), maxEvents);
	}

	/** Run to the end of the scenario. */
	run(): void {
		this.runUntil(this.durationMs);
	}

	get finished(): boolean {
		return this.#started && this.nextEventAt() === undefined && this.now() >= this.durationMs;
	}

	snapshot(): SimSnapshot {
		this.start();
		const nodes: Record<string, unknown> = {};
		for (const [id, node] of this.nodes) nodes[id] = structuredClone(node.snapshot());
		return {
			scheduler: this.scheduler.snapshot(),
			random: this.random.snapshot(),
			trace: this.trace.mark(),
			nodes
		};
	}

	restore(snapshot: SimSnapshot): void {
		this.#started = true;
		this.scheduler.restore(snapshot.scheduler);
		this.random.restore(snapshot.random);
		this.trace.rewind(snapshot.trace);
		for (const [id, node] of this.nodes) node.restore(structuredClone(snapshot.nodes[id]));
	}

	/** How many entries each append log knows (what another copy of this run has already received). */
	appendLogSizes(): Record<string, number> {
		const out: Record<string, number> = {};
		for (const [id, log] of this.appendLogs) out[id] = log.known;
		return out;
	}

	/** The entries each append log has beyond `from` (by id; absent ids from 0). */
	appendLogTails(from: Record<string, number>): Record<string, { from: number; entries: string[] }> {
		const out: Record<string, { from: number; entries: string[] }> = {};
		for (const [id, log] of this.appendLogs) {
			const start = Math.min(from[id] ?? 0, log.known);
			if (start < log.known) out[id] = { from: start, entries: log.entriesFrom(start) };
		}
		return out;
	}

	/** Entries written by another copy of the same run, so that its checkpoints restore here. */
	supplyAppendLogs(tails: Record<string, { from: number; entries: readonly string[] }>): void {
		for (const [id, tail] of Object.entries(tails))
			this.context.appendLog(id).supply(tail.from, tail.entries);
	}

	#dispatch(entry: ScheduledEntry<NodeEvent>): void {
		const node = this.nodes.get(entry.target);
		if (!node) throw new Error(`event for unknown node '${entry.target}'`);
		node.handle(entry.event);
	}
}
