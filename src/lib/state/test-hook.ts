// window.pigeonhole: a small, documented hook for e2e tests and outside checks (README, "Test hook"). Its
// names and shapes are a public interface: add to it, never rename or remove without a working deprecation.

import type { AppState } from './app.svelte';
import type { SimulatorState } from './simulator.svelte';

export function installTestHook(app: AppState, sim: SimulatorState): void {
	window.pigeonhole = {
		now: () => sim.now,
		traceHash: () => sim.traceHash(),
		// Resolve when the stage shows the target (cheap seeks are done before they return).
		seek: (ms: number) => sim.seek(ms),
		step: () => sim.step(),
		// Every message on the stage: resting in a queue, at a worker, parked, or in flight; `r` is its on-screen
		// radius in CSS px and `state` what it is doing.
		dots: () => {
			const { tokens, scale } = sim.drawnTokens();
			return tokens.map((d) => {
				const p = sim.toScreen(d.x, d.y);
				return {
					key: d.key,
					msg: d.msg,
					x: d.x,
					y: d.y,
					pageX: p.x,
					pageY: p.y,
					r: d.r * scale,
					kind: d.kind,
					state: d.state,
					node: d.node,
					moving: d.moving
				};
			});
		},
		load: (scenario: unknown, seed?: number) => {
			try {
				sim.load(scenario, seed);
				app.error = undefined;
				app.picked = '';
			} catch (e) {
				app.error = (e as Error).message;
				throw e;
			}
			return Promise.resolve();
		},
		scenario: () => JSON.parse(JSON.stringify(sim.scenario)) as unknown,
		settled: () => sim.settled(),
		whenComputed: () => sim.whenComputed(),
		computing: () => ({
			where: sim.computesIn,
			state: sim.ahead?.state ?? 'starting',
			reached: sim.ahead?.t ?? 0,
			// Wall time the worker has spent computing the run so far.
			computeMs: sim.ahead?.computeMs ?? 0,
			busy: sim.busy !== undefined,
			...(sim.limit !== undefined ? { limit: sim.limit } : {})
		})
	};
}
