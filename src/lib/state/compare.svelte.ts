// The Compare tab's state: the same workload and seed through two variants — A is the scenario as it is, B
// changes one parameter of one node — each a SimulatorState of its own, so each has a stage. They follow the
// main run's playhead (`follow`), so both show the very simulated time the main stage shows, and their metrics
// (a SummarySink fed from each variant's trace window) are set side by side with the difference B − A.
// The variants compute on the page (no worker): a seek then restores the variant's own checkpoints, whose
// trace window keeps the history, so the metrics count every event from t = 0 (up to the window's size).

import { SummarySink, type NodeSummary, type Scenario } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { diffRows, type DiffRow } from './compare-rows';
import type { AheadHost } from '$lib/runner/ahead-host';
import { NORMAL_METRICS, PRESENTER_METRICS, type StageMetrics } from '$lib/viz/layout';
import { FIELDS, type FieldSpec } from './editor.svelte';
import { SimulatorState } from './simulator.svelte';

export { COMPARE_METRICS, diffRows, type DiffRow } from './compare-rows';

export interface CompareOptions {
	/** Where the variants compute ahead; none by default (see the header). */
	host?: () => AheadHost | undefined;
}

/** One variant: its simulator (what its stage draws) and a summary of its trace, fed incrementally. */
export class Variant {
	readonly sim: SimulatorState;
	/** The trace window no longer starts at t = 0, so the metrics cover only its newest events. */
	partial = false;
	#summary = new SummarySink();
	/** Trace position of the next event to feed, and the simulated time fed up to. */
	#next = 0;
	#at = 0;

	constructor(scenario: Scenario, seed: number, host: () => AheadHost | undefined) {
		this.sim = new SimulatorState(scenario, { host });
		if (this.sim.seed !== seed) this.sim.setSeed(seed);
	}

	/** The per-node summaries at the variant's playhead. */
	summaries(): NodeSummary[] {
		const events = this.sim.events;
		const first = events[0]?.i ?? 0;
		// Back in time, or the window moved past what was fed: start over from the window (runs are
		// deterministic, so events fed before a seek back and forth are the very ones replayed).
		if (this.sim.now < this.#at || first > this.#next || this.#next > first + events.length) {
			this.#summary = new SummarySink();
			this.#next = first;
		}
		for (let k = this.#next - first; k < events.length; k++) this.#summary.write(events[k]!);
		this.#next = first + events.length;
		this.#at = this.sim.now;
		this.partial = first > 0;
		return this.#summary.summaries();
	}

	dispose(): void {
		this.sim.cancelCompute();
		this.sim.dispose();
	}
}

/** Turn the text typed for B into the value the field holds, or say why it cannot be. */
export function parseValue(field: FieldSpec, text: string): { value: unknown } | { error: string } {
	const v = text.trim();
	if (v === '') {
		return field.optional ? { value: undefined } : { error: `Enter a value for ${field.label} in B.` };
	}
	if (field.kind === 'bool') {
		if (v !== 'true' && v !== 'false') return { error: `${field.label} is true or false, not "${v}".` };
		return { value: v === 'true' };
	}
	if (field.kind === 'int' || field.kind === 'number') {
		const n = Number(v);
		if (!Number.isFinite(n)) return { error: `${field.label} wants a number, not "${v}".` };
		if (field.kind === 'int' && !Number.isInteger(n))
			return { error: `${field.label} wants a whole number, not ${v}.` };
		const unit = field.unit ? ` ${field.unit}` : '';
		if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
			return { error: `${field.label} must be ${field.min ?? '…'}–${field.max ?? '…'}${unit}, not ${v}.` };
		return { value: n };
	}
	if (field.kind === 'select' && field.options && !field.options.includes(v))
		return { error: `${field.label} is one of ${field.options.join(', ')}, not "${v}".` };
	return { value: v };
}

export class CompareState {
	nodeId = $state('');
	key = $state('');
	value = $state('');
	/** Why B could not be built (A is kept). */
	error = $state<string | undefined>(undefined);
	a = $state.raw<Variant | undefined>(undefined);
	b = $state.raw<Variant | undefined>(undefined);
	/** What B changes, in words ("orders.VisibilityTimeout = 5"). */
	change = $state('');
	rows = $state.raw<DiffRow[] | undefined>(undefined);
	/** The metrics cover only the newest events of the trace window. */
	partial = $state(false);
	/** The side-by-side view is open. */
	open = $state(false);
	#main: () => SimulatorState;
	#host: () => AheadHost | undefined;
	/** The scenario A was built from (A is rebuilt only when it changes). */
	#builtFrom: Scenario | undefined;

	constructor(main: () => SimulatorState, options: CompareOptions = {}) {
		this.#main = main;
		this.#host = options.host ?? (() => undefined);
	}

	/**
	 * The variants' stage sizes: presenter mode's when the main stage has them, else the normal ones (the
	 * side-by-side boxes are landscape even on a phone, where the main stage lays out top to bottom).
	 */
	get metrics(): StageMetrics {
		return this.#main().metrics === PRESENTER_METRICS ? PRESENTER_METRICS : NORMAL_METRICS;
	}

	/** Lay both variants out with `metrics` (presenter mode switched on or off). */
	syncMetrics(): void {
		for (const v of [this.a, this.b]) v?.sim.setMetrics(this.metrics);
	}

	/** Nodes with a parameter that can vary. */
	get nodes(): Scenario['nodes'] {
		return this.#main().scenario.nodes.filter((n) => (FIELDS[n.type] ?? []).some((f) => f.kind !== 'ref'));
	}

	/** The parameters of the chosen node that can vary. */
	get fields(): FieldSpec[] {
		const type = this.#main().scenario.nodes.find((n) => n.id === this.nodeId)?.type ?? '';
		return (FIELDS[type] ?? []).filter((f) => f.kind !== 'ref');
	}

	/** The chosen node's value of the chosen parameter in A (for the form's hint). */
	get current(): unknown {
		const node = this.#main().scenario.nodes.find((n) => n.id === this.nodeId) as
			Record<string, unknown> | undefined;
		return this.key ? node?.[this.key] : undefined;
	}

	/**
	 * Build A (the scenario as it is, kept when it has not changed) and B (one parameter changed). An invalid
	 * B says why in `error` and keeps A. True when both variants run.
	 */
	start(): boolean {
		this.error = undefined;
		const main = this.#main();
		if (!this.a || this.#builtFrom !== main.scenario) {
			this.a?.dispose();
			this.a = new Variant(main.scenario, main.seed, this.#host);
			this.a.sim.setMetrics(this.metrics);
			this.#builtFrom = main.scenario;
		}
		this.b?.dispose();
		this.b = undefined;
		this.change = '';
		const b = this.#variantB(main);
		if ('error' in b) {
			this.error = b.error;
			void this.follow();
			return false;
		}
		this.b = new Variant(b.scenario, main.seed, this.#host);
		this.b.sim.setMetrics(this.metrics);
		this.change = `${this.nodeId}.${this.key} = ${this.value.trim()}`;
		void this.follow();
		return true;
	}

	#variantB(main: SimulatorState): { scenario: Scenario } | { error: string } {
		const field = this.fields.find((f) => f.key === this.key);
		if (!field) return { error: 'Choose a node and a parameter to vary.' };
		const parsed = parseValue(field, this.value);
		if ('error' in parsed) return { error: `B is not valid: ${parsed.error}` };
		const doc = JSON.parse(JSON.stringify(main.scenario)) as { nodes: Record<string, unknown>[] };
		const node = doc.nodes.find((n) => n.id === this.nodeId);
		if (!node) return { error: 'Choose a node and a parameter to vary.' };
		if (parsed.value === undefined) delete node[this.key];
		else node[this.key] = parsed.value;
		try {
			return { scenario: loadScenario(doc) };
		} catch (e) {
			return { error: `B is not valid: ${(e as Error).message}` };
		}
	}

	/** Move both variants to the main run's simulated time; resolves when both show it. */
	async follow(): Promise<void> {
		const t = this.#main().now;
		const seeks: Promise<void>[] = [];
		for (const v of [this.a, this.b]) if (v && v.sim.now !== t) seeks.push(v.sim.seek(t));
		this.refresh();
		if (seeks.length > 0) {
			await Promise.all(seeks);
			this.refresh();
		}
	}

	/** Recompute the difference rows from both variants' traces. */
	refresh(): void {
		const a = this.a;
		if (!a) {
			this.rows = undefined;
			return;
		}
		const b = this.b;
		this.rows = diffRows(
			this.#main().scenario.nodes.map((n) => n.id),
			a.summaries(),
			b?.summaries()
		);
		this.partial = a.partial || (b?.partial ?? false);
	}

	/** End the comparison (a new scenario, the panel closed). */
	stop(): void {
		this.a?.dispose();
		this.b?.dispose();
		this.a = undefined;
		this.b = undefined;
		this.#builtFrom = undefined;
		this.rows = undefined;
		this.change = '';
		this.open = false;
	}
}
