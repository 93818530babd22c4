// Runs a seed sweep off the page's thread: a few Web Workers (one per core the browser reports, leaving one to
// the page, at most 8), each handed the next seed when it finishes one. Results arrive in completion order;
// the caller keeps them by seed. Where there are no workers the runs go on the page, one seed per task.

import type { Scenario } from '../engine';
import type { SeedRun } from '../sweep/run-seed';
import type { FromSweepWorker, ToSweepWorker } from './sweep.worker';

export interface SweepHandle {
	/** Resolves when every seed has run (or the sweep was stopped); rejects on a run's error. */
	done: Promise<void>;
	stop(): void;
	/** How many workers (0: on the page). */
	workers: number;
}

export interface SweepOptions {
	untilMs?: number;
	onRun(run: SeedRun): void;
	/** Workers to use; default: navigator.hardwareConcurrency − 1, from 1 to 8. */
	workers?: number;
}

export function defaultSweepWorkers(): number {
	const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 2) : 2;
	return Math.max(1, Math.min(8, cores - 1));
}

export function startSweep(scenario: Scenario, seeds: readonly number[], options: SweepOptions): SweepHandle {
	if (typeof Worker === 'undefined') return onPage(scenario, seeds, options);
	const count = Math.min(seeds.length, options.workers ?? defaultSweepWorkers());
	const plain = plainCopy(scenario);
	const workers: Worker[] = [];
	let next = 0;
	let finished = 0;
	let stopped = false;
	let settle: { resolve(): void; reject(e: Error): void } | undefined;
	const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
	const stop = () => {
		stopped = true;
		for (const w of workers) w.terminate();
		settle?.resolve();
	};
	const feed = (w: Worker) => {
		const seed = seeds[next++];
		if (seed === undefined) return;
		const m: ToSweepWorker = {
			type: 'run',
			scenario: plain,
			seed,
			...(options.untilMs !== undefined ? { untilMs: options.untilMs } : {})
		};
		w.postMessage(m);
	};
	for (let k = 0; k < Math.max(1, count); k++) {
		const w = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });
		w.onmessage = (e: MessageEvent<FromSweepWorker>) => {
			if (stopped) return;
			const m = e.data;
			if (m.type === 'error') {
				stop();
				settle?.reject(new Error(`seed ${m.seed}: ${m.message}`));
				return;
			}
			options.onRun(m.run);
			if (++finished === seeds.length) stop();
			else feed(w);
		};
		w.onerror = (e) => {
			if (stopped) return;
			stop();
			settle?.reject(new Error(e.message || 'a sweep worker failed'));
		};
		workers.push(w);
		feed(w);
	}
	if (seeds.length === 0) stop();
	return { done, stop, workers: workers.length };
}

/** A plain copy of a scenario (it may be a Svelte proxy, which postMessage cannot clone). */
function plainCopy(scenario: Scenario): Scenario {
	return JSON.parse(JSON.stringify(scenario)) as Scenario;
}

function onPage(scenario: Scenario, seeds: readonly number[], options: SweepOptions): SweepHandle {
	let stopped = false;
	const done = (async () => {
		const { runSeed } = await import('../sweep/run-seed');
		for (const seed of seeds) {
			if (stopped) return;
			await new Promise((r) => setTimeout(r, 0));
			if (stopped) return;
			options.onRun(runSeed(scenario, seed, options.untilMs));
		}
	})();
	return { done, stop: () => (stopped = true), workers: 0 };
}
