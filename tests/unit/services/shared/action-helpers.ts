// Small scenarios with operator actions, built in code and run to the end on the simulated clock with every
// checker on (an operator action must never break an invariant).
import { expect } from 'vitest';
import { MemorySink, type Scenario, type TraceEvent, type TraceOf, type TraceType } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { checkSimulation, createSimulation } from '$lib/services';

export type Json = Record<string, unknown>;

export function scenarioOf(nodes: Json[], o: { durationMs?: number; seed?: number } = {}): Scenario {
	return loadScenario({
		version: 1,
		name: 'operator actions',
		seed: o.seed ?? 1,
		durationMs: o.durationMs ?? 30_000,
		nodes
	});
}

export interface Run {
	sim: ReturnType<typeof createSimulation>;
	events: TraceEvent[];
	of<K extends TraceType>(type: K, where?: (e: TraceOf<K>) => boolean): TraceOf<K>[];
}

/** Runs the scenario to its end and asserts that no checker reports a violation. */
export function run(nodes: Json[], o: { durationMs?: number; seed?: number } = {}): Run {
	const mem = new MemorySink();
	const sim = createSimulation(scenarioOf(nodes, o), { sinks: [mem] });
	sim.run();
	const events = mem.events;
	expect(checkSimulation(sim, events)).toEqual([]);
	return {
		sim,
		events,
		of: <K extends TraceType>(type: K, where: (e: TraceOf<K>) => boolean = () => true) =>
			events.filter((e): e is TraceOf<K> => e.type === type).filter(where)
	};
}

/** The operator-action events of a run, as [t, node, action] for short assertions. */
export function actionsOf(r: Run): [number, string, string][] {
	return r.of('operator-action').map((e) => [e.t, e.node, e.action]);
}
