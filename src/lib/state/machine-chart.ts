// Any compiled machine's statechart for the inspector, read from its definition (DESIGN §2 "the UI draws the
// very statechart that decides"): every state with its outgoing transitions (guards named), the current
// state lit, visited states and taken transitions marked.

import type { CompiledMachine, TakenTransition } from '$lib/services/shared/compile-machine';

/** Every machine's guards in words, for the charts' tooltips and the transitions taken. */
const GUARD_WORDS: Readonly<Record<string, string>> = {
	maxReceiveCountReached: 'maxReceiveCount reached', // SQS-DLQ-1
	sizeReached: 'SizeInMBs reached', // FH-1
	retriesLeft: 'retries left', // SNS-RETRY-4
	liveWorker: 'a live worker', // KIN-14
	writerHoldsLease: 'the writer holds the lease', // KIN-14
	retriesExhausted: 'retries exhausted', // ESM-KIN-3
	recordTooOld: 'record too old', // ESM-KIN-3
	bisectable: 'bisect on, more than one record', // ESM-KIN-3
	trimScheduled: 'trim already due', // KIN-10
	retentionPassed: 'all records past retention' // KIN-11
};

/** A guard's words (an unknown name as it is). */
export function guardLabel(guard: string): string {
	return GUARD_WORDS[guard] ?? guard;
}

export interface ChartEdge<S extends string = string, E extends string = string, G extends string = string> {
	event: E;
	/** The guard that must hold for this edge (the first enabled edge of an event is taken). */
	guard?: G;
	to: S;
	taken: boolean;
}

export interface ChartState<S extends string = string, E extends string = string, G extends string = string> {
	id: S;
	label: string;
	current: boolean;
	final: boolean;
	visited: boolean;
	edges: ChartEdge<S, E, G>[];
}

export interface MachineChart<
	S extends string = string,
	E extends string = string,
	G extends string = string
> {
	/** The machine's id (e.g. sqs-message, sqs-move-task, sns-subscription). */
	machine: string;
	states: ChartState<S, E, G>[];
	taken: TakenTransition<S, E, G>[];
}

/** The chart of `m` with `current` lit; `taken` (oldest first) marks the path so far. */
export function machineChart<S extends string, E extends string, G extends string>(
	m: CompiledMachine<S, E, G, string>,
	current: S | undefined,
	options: { taken?: readonly TakenTransition<S, E, G>[]; label?: (state: S) => string } = {}
): MachineChart<S, E, G> {
	const taken = options.taken ?? [];
	const label = options.label ?? ((s: S) => s);
	const key = (from: S, event: E, guard: string | undefined) => `${from} ${event} ${guard ?? ''}`;
	const takenKeys = new Set(taken.map((t) => key(t.from, t.event, t.guard)));
	const visited = new Set<S>(taken.flatMap((t) => [t.from, t.to]));
	const states = m.states.map((id) => ({
		id,
		label: label(id),
		current: current === id,
		final: m.isFinal(id),
		visited: visited.has(id) || current === id,
		edges: m.events.flatMap((event) =>
			m.transitions(id, event).map((t) => ({
				event,
				...(t.guard ? { guard: t.guard } : {}),
				to: t.target,
				taken: takenKeys.has(key(id, event, t.guard))
			}))
		)
	}));
	return { machine: m.id, states, taken: [...taken] };
}
