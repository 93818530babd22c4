// The nodes a selected message has visited (from the simulator's trace window), for the stage to highlight.

import { nodeFor } from '$lib/viz/layout';
import type { SimulatorState } from './simulator.svelte';

export function messagePath(sim: Pick<SimulatorState, 'selection' | 'events' | 'layout'>): Set<string> {
	const s = sim.selection;
	// A fresh set per call, never mutated afterwards: no reactivity needed.

	const nodes = new Set<string>();
	if (s?.kind !== 'message') return nodes;
	for (const e of sim.events) {
		if (e.origin !== s.origin && e.msg !== s.msg) continue;
		nodes.add(e.node);
		if (e.type === 'produced') nodes.add(e.target);
		if (e.type === 'received') nodes.add(e.by);
		if (e.type === 'dead-lettered') nodes.add(e.dlq);
		if (e.type === 'delivery-attempted' || e.type === 'filtered-out') {
			const to = nodeFor(sim.layout, `${e.node}>${e.endpoint}`);
			if (to) nodes.add(to.id);
		}
		if (e.type === 'record-processed') nodes.add(e.by);
	}
	return nodes;
}
