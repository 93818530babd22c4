// Compiles a flat XState machine (no context-dependent guards) into a transition table with XState's own
// pure `transition()`, so a model can advance thousands of per-message snapshots as data at table speed
// while the machine stays the single source of truth (and the UI can draw the very statechart that
// decides). Invalid transitions are reported, not silently ignored.

import { transition, type AnyStateMachine } from 'xstate';

export interface CompiledMachine<S extends string, E extends string> {
	readonly machine: AnyStateMachine;
	readonly initial: S;
	readonly states: readonly S[];
	readonly events: readonly E[];
	/** The next state, or undefined when the machine does not accept `event` in `state`. */
	next(state: S, event: E): S | undefined;
	/** Like next(), but throws on an impossible transition (an assertion on the model's bookkeeping). */
	must(state: S, event: E): S;
	isFinal(state: S): boolean;
}

export function compileMachine<S extends string, E extends string>(
	machine: AnyStateMachine
): CompiledMachine<S, E> {
	const states = Object.keys(machine.root.states) as S[];
	const events = new Set<E>();
	for (const s of states) for (const e of machine.root.states[s]?.ownEvents ?? []) events.add(e as E);
	// state → event → next state (nested lookups: no key string built per transition).
	const table = new Map<S, Map<E, S>>();
	const finals = new Set<S>();
	for (const s of states) {
		if (machine.root.states[s]?.type === 'final') finals.add(s);
		const snapshot = machine.resolveState({ value: s, context: {} });
		const row = new Map<E, S>();
		table.set(s, row);
		for (const e of events) {
			if (!snapshot.can({ type: e })) continue;
			const [next] = transition(machine, snapshot, { type: e });
			row.set(e, next.value as S);
		}
	}
	const initial = machine.resolveState({ value: machine.config.initial as string, context: {} }).value as S;
	return {
		machine,
		initial,
		states,
		events: [...events],
		next: (state, event) => table.get(state)?.get(event),
		must(state, event) {
			const n = table.get(state)?.get(event);
			if (n === undefined) throw new Error(`${machine.id}: no transition for ${event} in state ${state}`);
			return n;
		},
		isFinal: (state) => finals.has(state)
	};
}
