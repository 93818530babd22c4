// The scenario editor's state: a draft of the scenario JSON, validated on every edit (errors keyed by their
// exact path, e.g. "nodes[2].VisibilityTimeout"), undo / redo, and applying a valid draft to the simulator:
// the run restarts from t = 0 with the same seed and the playhead is kept.

import { type ScenarioIssue } from '$lib/engine';
import { parseScenario } from '$lib/services';
import type { SimulatorState } from './simulator.svelte';

type Json = Record<string, unknown>;

export interface FieldSpec {
	key: string;
	label: string;
	kind: 'int' | 'number' | 'bool' | 'select' | 'ref' | 'text';
	unit?: string;
	min?: number;
	max?: number;
	options?: string[];
	/** For refs: node types that may be chosen. */
	refTypes?: string[];
	optional?: boolean;
}

/** The form fields per node type, with AWS's names, units and ranges. */
export const FIELDS: Record<string, FieldSpec[]> = {
	producer: [
		{
			key: 'target',
			label: 'target',
			kind: 'ref',
			refTypes: ['sqs-queue', 'sns-topic', 'kinesis-stream', 'firehose']
		},
		{ key: 'Body', label: 'Body template', kind: 'text' },
		{ key: 'MessageGroupId', label: 'MessageGroupId', kind: 'text', optional: true },
		{ key: 'MessageDeduplicationId', label: 'MessageDeduplicationId', kind: 'text', optional: true },
		{ key: 'PartitionKey', label: 'PartitionKey', kind: 'text', optional: true },
		{ key: 'Count', label: 'Count', kind: 'int', min: 1, max: 100_000_000, unit: 'messages', optional: true },
		{ key: 'LatencyMs', label: 'LatencyMs', kind: 'int', min: 0, max: 60_000, unit: 'ms' }
	],
	'sqs-queue': [
		{ key: 'FifoQueue', label: 'FifoQueue', kind: 'bool' },
		{ key: 'VisibilityTimeout', label: 'VisibilityTimeout', kind: 'int', min: 0, max: 43_200, unit: 's' },
		{ key: 'DelaySeconds', label: 'DelaySeconds', kind: 'int', min: 0, max: 900, unit: 's' },
		{
			key: 'MessageRetentionPeriod',
			label: 'MessageRetentionPeriod',
			kind: 'int',
			min: 60,
			max: 1_209_600,
			unit: 's'
		},
		{
			key: 'ReceiveMessageWaitTimeSeconds',
			label: 'ReceiveMessageWaitTimeSeconds',
			kind: 'int',
			min: 0,
			max: 20,
			unit: 's'
		},
		{ key: 'ContentBasedDeduplication', label: 'ContentBasedDeduplication', kind: 'bool' },
		{
			key: 'Nondeterminism',
			label: 'Nondeterminism [sim]',
			kind: 'select',
			options: ['off', 'typical', 'classroom']
		}
	],
	consumer: [
		{ key: 'source', label: 'source', kind: 'ref', refTypes: ['sqs-queue'] },
		{ key: 'Workers', label: 'Workers', kind: 'int', min: 1, max: 1000 },
		{
			key: 'WaitTimeSeconds',
			label: 'WaitTimeSeconds',
			kind: 'int',
			min: 0,
			max: 20,
			unit: 's',
			optional: true
		},
		{ key: 'MaxNumberOfMessages', label: 'MaxNumberOfMessages', kind: 'int', min: 1, max: 10 },
		{
			key: 'VisibilityTimeout',
			label: 'VisibilityTimeout (per receive)',
			kind: 'int',
			min: 0,
			max: 43_200,
			unit: 's',
			optional: true
		},
		{ key: 'Idempotent', label: 'Idempotent', kind: 'bool' },
		{ key: 'DeleteOnSuccess', label: 'DeleteOnSuccess', kind: 'bool' }
	],
	lambda: [
		{ key: 'source', label: 'source', kind: 'ref', refTypes: ['sqs-queue', 'kinesis-stream'] },
		{ key: 'BatchSize', label: 'BatchSize', kind: 'int', min: 1, max: 10_000, optional: true },
		{
			key: 'MaximumBatchingWindowInSeconds',
			label: 'MaximumBatchingWindowInSeconds',
			kind: 'int',
			min: 0,
			max: 300,
			unit: 's'
		},
		{ key: 'Timeout', label: 'Timeout', kind: 'int', min: 1, max: 900, unit: 's' },
		{ key: 'BisectBatchOnFunctionError', label: 'BisectBatchOnFunctionError', kind: 'bool' },
		{ key: 'MaximumRetryAttempts', label: 'MaximumRetryAttempts', kind: 'int', min: -1, max: 10_000 }
	],
	'sns-topic': [
		{ key: 'FifoTopic', label: 'FifoTopic', kind: 'bool' },
		{ key: 'ContentBasedDeduplication', label: 'ContentBasedDeduplication', kind: 'bool' },
		{
			key: 'DeliveryLatencyMs',
			label: 'DeliveryLatencyMs [sim]',
			kind: 'int',
			min: 0,
			max: 60_000,
			unit: 'ms'
		}
	],
	'kinesis-stream': [
		{ key: 'ShardCount', label: 'ShardCount', kind: 'int', min: 1, max: 500 },
		{
			key: 'RetentionPeriodHours',
			label: 'RetentionPeriodHours',
			kind: 'int',
			min: 24,
			max: 8760,
			unit: 'h'
		},
		{ key: 'StreamMode', label: 'StreamMode', kind: 'select', options: ['PROVISIONED', 'ON_DEMAND'] }
	],
	'kinesis-consumer': [
		{ key: 'source', label: 'source', kind: 'ref', refTypes: ['kinesis-stream'] },
		{ key: 'PollIntervalMs', label: 'PollIntervalMs', kind: 'int', min: 200, max: 60_000, unit: 'ms' },
		{ key: 'Limit', label: 'Limit', kind: 'int', min: 1, max: 10_000 },
		{ key: 'Workers', label: 'Workers', kind: 'int', min: 1, max: 100 },
		{ key: 'EnhancedFanOut', label: 'EnhancedFanOut', kind: 'bool' }
	],
	firehose: [
		{ key: 'source', label: 'source (Kinesis)', kind: 'ref', refTypes: ['kinesis-stream'], optional: true }
	]
};

/** What the palette adds, with sensible defaults. */
export const PALETTE: Record<string, (id: string, firstOf: (type: string) => string | undefined) => Json> = {
	producer: (id, first) => ({
		id,
		type: 'producer',
		target: first('sqs-queue') ?? first('sns-topic') ?? first('kinesis-stream') ?? 'missing',
		Rate: { type: 'fixed', perSecond: 1 },
		Body: 'message {n}'
	}),
	'sqs-queue': (id) => ({ id, type: 'sqs-queue', Nondeterminism: 'off' }),
	'sns-topic': (id) => ({ id, type: 'sns-topic', Subscriptions: [] }),
	consumer: (id, first) => ({
		id,
		type: 'consumer',
		source: first('sqs-queue') ?? 'missing',
		WaitTimeSeconds: 20
	}),
	lambda: (id, first) => ({
		id,
		type: 'lambda',
		source: first('sqs-queue') ?? first('kinesis-stream') ?? 'missing'
	}),
	'kinesis-stream': (id) => ({ id, type: 'kinesis-stream', ShardCount: 1 }),
	'kinesis-consumer': (id, first) => ({
		id,
		type: 'kinesis-consumer',
		source: first('kinesis-stream') ?? 'missing'
	}),
	firehose: (id) => ({ id, type: 'firehose' })
};

/** The keys of the editor's undo and redo: Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y. */
export function undoRedoKey(
	e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): 'undo' | 'redo' | undefined {
	if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
	const key = e.key.toLowerCase();
	if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && !e.shiftKey) return 'redo';
	return undefined;
}

const editors = new WeakMap<SimulatorState, EditorState>();

/**
 * The one editor (draft and undo history) of a simulator: the Editor panel and the inspector's operator
 * actions edit the same scenario, so an action taken on the stage is undone like any other edit.
 */
export function editorFor(sim: SimulatorState): EditorState {
	let ed = editors.get(sim);
	if (!ed) {
		ed = new EditorState(sim);
		editors.set(sim, ed);
	}
	ed.sync();
	return ed;
}

export class EditorState {
	draft = $state.raw<Json>({});
	errors = $state.raw<ScenarioIssue[]>([]);
	selected = $state<number>(0);
	#undo: string[] = [];
	#redo: string[] = [];
	canUndo = $state(false);
	canRedo = $state(false);
	readonly #sim: SimulatorState;
	/** The scenario the simulator made of the editor's last applied draft (validation fills in defaults). */
	#applied: unknown;
	/** The scenario the draft started from (a draft with errors is not applied, and is still this one's). */
	#base: unknown;

	constructor(sim: SimulatorState) {
		this.#sim = sim;
		this.reset();
	}

	/** Start editing the scenario the simulator runs now. */
	reset(): void {
		this.#base = this.#sim.scenario;
		this.draft = structuredClone(JSON.parse(JSON.stringify(this.#sim.scenario))) as Json;
		this.#undo = [];
		this.#redo = [];
		this.#flags();
		this.errors = [];
	}

	/**
	 * Whether `scenario` is the one this editor loaded into the simulator; any other was loaded from
	 * outside (a pick, an import, a link) and the editor starts over from it.
	 */
	applied(scenario: unknown): boolean {
		return scenario !== undefined && scenario === this.#applied;
	}

	get nodes(): Json[] {
		return (this.draft.nodes as Json[] | undefined) ?? [];
	}

	/** Errors for one path (exact) — shown next to its field. */
	errorAt(path: string): string | undefined {
		return this.errors.find((e) => e.path === path)?.message;
	}

	/** Errors at or under a path (for a node's header or a subscription). */
	errorsUnder(prefix: string): ScenarioIssue[] {
		return this.errors.filter(
			(e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`)
		);
	}

	#flags(): void {
		this.canUndo = this.#undo.length > 0;
		this.canRedo = this.#redo.length > 0;
	}

	/**
	 * Start over from the simulator's scenario when another one was loaded from outside the editor (a pick, a
	 * link, a file): the history belongs to the scenario it edits.
	 */
	sync(): void {
		const s = this.#sim.scenario;
		if (s !== this.#base && !this.applied(s) && JSON.stringify(s) !== JSON.stringify(this.draft))
			this.reset();
	}

	/** Apply one edit to a copy of the draft, validate, and re-run the simulation if it is valid. */
	edit(change: (draft: Json) => void): void {
		this.sync();
		this.#undo.push(JSON.stringify(this.draft));
		if (this.#undo.length > 200) this.#undo.shift();
		this.#redo = [];
		const next = JSON.parse(JSON.stringify(this.draft)) as Json;
		change(next);
		this.#commit(next);
	}

	undo(): void {
		const prev = this.#undo.pop();
		if (prev === undefined) return;
		this.#redo.push(JSON.stringify(this.draft));
		this.#commit(JSON.parse(prev) as Json);
	}

	redo(): void {
		const next = this.#redo.pop();
		if (next === undefined) return;
		this.#undo.push(JSON.stringify(this.draft));
		this.#commit(JSON.parse(next) as Json);
	}

	#commit(next: Json): void {
		this.draft = next;
		this.#flags();
		const r = parseScenario(next);
		this.errors = r.ok ? [] : r.errors;
		if (r.ok) {
			// Any edit re-runs from t = 0 (deterministic) and keeps the playhead.
			const at = this.#sim.playhead;
			const seed = this.#sim.seed;
			const selection = this.#sim.selection;
			this.#sim.load(next, seed);
			this.#applied = this.#sim.scenario;
			// What was selected stays selected when it is still there (a node action keeps its node in view).
			const id = selection?.kind === 'node' ? selection.id : selection?.node;
			const ids = this.#sim.scenario.nodes.map((n) => n.id);
			if (selection && id !== undefined && (ids.includes(id) || id.startsWith('~')))
				this.#sim.select(selection);
			void this.#sim.seek(at);
		}
		this.selected = Math.min(this.selected, Math.max(0, this.nodes.length - 1));
	}

	setField(index: number, key: string, value: unknown): void {
		this.edit((d) => {
			const node = (d.nodes as Json[])[index];
			if (!node) return;
			if (value === undefined || value === '') delete node[key];
			else node[key] = value;
		});
	}

	addNode(type: string): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
		const used = new Set(this.nodes.map((n) => String(n.id)));
		let k = 1;
		while (used.has(`${type}-${k}`)) k++;
		const firstOf = (t: string) => this.nodes.find((n) => n.type === t)?.id as string | undefined;
		const make = PALETTE[type];
		if (!make) return;
		this.edit((d) => {
			(d.nodes as Json[]).push(make(`${type}-${k}`, firstOf));
		});
		this.selected = this.nodes.length - 1;
	}

	removeNode(index: number): void {
		this.edit((d) => {
			(d.nodes as Json[]).splice(index, 1);
		});
	}

	/** A subscription field of a topic; FilterPolicy and DeliveryPolicy arrive as JSON text. */
	setSubscription(index: number, k: number, key: string, value: unknown): void {
		this.edit((d) => {
			const subs = ((d.nodes as Json[])[index]?.Subscriptions as Json[] | undefined) ?? [];
			const sub = subs[k];
			if (!sub) return;
			if (value === undefined || value === '') delete sub[key];
			else sub[key] = value;
		});
	}

	addSubscription(index: number): void {
		const queue = this.nodes.find((n) => n.type === 'sqs-queue')?.id ?? 'missing';
		this.edit((d) => {
			const node = (d.nodes as Json[])[index];
			if (!node) return;
			node.Subscriptions = [
				...((node.Subscriptions as Json[] | undefined) ?? []),
				{ Protocol: 'sqs', Endpoint: queue }
			];
		});
	}

	removeSubscription(index: number, k: number): void {
		this.edit((d) => {
			const subs = (d.nodes as Json[])[index]?.Subscriptions as Json[] | undefined;
			subs?.splice(k, 1);
		});
	}
}
