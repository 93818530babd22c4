// Compiles a flat XState machine into a transition table read from the machine's own definition, so a
// service can advance thousands of per-entity snapshots as plain data at table speed while the machine stays
// the single source of truth — and the UI draws the very statechart that decides (DESIGN §2 "machines decide").
//
// Guards and effects are *named* on the machine (`guard: 'maxReceiveReached'`, `actions: ['moveToDlq']`);
// the compiled machine keeps the names: `step(state, event, guards)` evaluates the guards it is handed in the
// machine's order (XState's semantics: the first enabled transition wins) and returns the next state and
// the effects to run, which one executor per node performs. Invalid transitions are reported, not ignored.

import type { AnyStateMachine } from 'xstate';

/** One candidate transition: taken when its guard (if any) holds. */
export interface CompiledTransition<S extends string, G extends string = string, F extends string = string> {
	readonly guard?: G;
	readonly target: S;
	readonly effects: readonly F[];
}

/** What `step()` decided: the next state and the named effects to run, in order. */
export type Step<S extends string, F extends string = string> = readonly [next: S, effects: readonly F[]];

/** A transition taken so far, for the inspector ("the transitions it took"). */
export interface TakenTransition<S extends string, E extends string, G extends string = string> {
	readonly from: S;
	readonly event: E;
	/** The guard that held, when the transition had one. */
	readonly guard?: G;
	readonly to: S;
	readonly atMs: number;
}

/** The guards' values for one step: a boolean, or a function evaluated only when its transition is tried. */
export type Guards<G extends string> = Readonly<Partial<Record<G, boolean | (() => boolean)>>>;

export interface CompiledMachine<
	S extends string,
	E extends string,
	G extends string = string,
	F extends string = string
> {
	readonly machine: AnyStateMachine;
	readonly id: string;
	readonly initial: S;
	readonly states: readonly S[];
	readonly events: readonly E[];
	/** Every guard and effect the definition names (an executor must handle each effect). */
	readonly guards: readonly G[];
	readonly effects: readonly F[];
	/** Every transition of `state` on `event`, guarded ones first as written on the machine. */
	transitions(state: S, event: E): readonly CompiledTransition<S, G, F>[];
	/** Next state and effects, or undefined when no transition is enabled. Unknown guard names are false. */
	step(state: S, event: E, guards?: Guards<G>): Step<S, F> | undefined;
	/** The unguarded next state, or undefined when the machine does not accept `event` in `state`. */
	next(state: S, event: E): S | undefined;
	/** Like next(), but throws on an impossible transition (an assertion on the model's bookkeeping). */
	must(state: S, event: E): S;
	isFinal(state: S): boolean;
}

const nameOf = (x: unknown): string | undefined =>
	typeof x === 'string'
		? x
		: x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string'
			? (x as { type: string }).type
			: undefined;

export function compileMachine<
	S extends string,
	E extends string,
	G extends string = string,
	F extends string = string
>(machine: AnyStateMachine): CompiledMachine<S, E, G, F> {
	const states = Object.keys(machine.root.states) as S[];
	const events = new Set<E>();
	const table = new Map<S, Map<E, CompiledTransition<S, G, F>[]>>();
	const guardNames = new Set<G>();
	const effectNames = new Set<F>();
	const finals = new Set<S>();
	for (const s of states) {
		const node = machine.root.states[s];
		if (!node) continue;
		if (node.type === 'final') finals.add(s);
		const row = new Map<E, CompiledTransition<S, G, F>[]>();
		table.set(s, row);
		for (const [event, defs] of node.transitions) {
			events.add(event as E);
			row.set(
				event as E,
				defs.map((d) => {
					const target = (d.target?.[0]?.key ?? s) as S;
					const effects = (d.actions as readonly unknown[]).map((a) => {
						const n = nameOf(a);
						// Inline functions cannot be drawn or run by the executor: effects must be named.
						if (n === undefined) throw new Error(`${machine.id}: an action on ${s}.${event} has no name`);
						effectNames.add(n as F);
						return n as F;
					});
					const guard = d.guard === undefined ? undefined : (nameOf(d.guard) as G | undefined);
					if (d.guard !== undefined && guard === undefined)
						throw new Error(`${machine.id}: a guard on ${s}.${event} has no name`);
					if (guard !== undefined) guardNames.add(guard);
					return guard === undefined ? { target, effects } : { guard, target, effects };
				})
			);
		}
	}
	const initial = machine.config.initial as S;
	const NONE: readonly CompiledTransition<S, G, F>[] = [];
	const transitions = (state: S, event: E) => table.get(state)?.get(event) ?? NONE;
	// The unguarded targets, worked out once: next() and must() run for every step of every message.
	const unguarded = new Map<S, Map<E, S>>();
	for (const [state, row] of table) {
		const targets = new Map<E, S>();
		for (const [event, defs] of row) {
			const t = defs.find((d) => d.guard === undefined);
			if (t) targets.set(event, t.target);
		}
		unguarded.set(state, targets);
	}
	const next = (state: S, event: E) => unguarded.get(state)?.get(event);
	return {
		machine,
		id: machine.id,
		initial,
		states,
		events: [...events],
		guards: [...guardNames],
		effects: [...effectNames],
		transitions,
		step(state, event, guards?: Guards<G>) {
			for (const t of transitions(state, event)) {
				if (t.guard !== undefined) {
					const g = guards?.[t.guard];
					if (!(typeof g === 'function' ? g() : g === true)) continue;
				}
				return [t.target, t.effects];
			}
			return undefined;
		},
		next,
		must(state, event) {
			const n = next(state, event);
			if (n === undefined) throw new Error(`${machine.id}: no transition for ${event} in state ${state}`);
			return n;
		},
		isFinal: (state) => finals.has(state)
	};
}
