// The seed-sweep worker pool of `npm run sim -- FILE --seeds 1-200`: node:worker_threads, one worker per core
// by default. Every worker gets the scenario once and then pulls seeds: it is sent the next seed of the queue
// when it answers the last one, so a slow seed holds up one worker only. The runs come back in the order of the
// seeds given, whatever order they finish in; each is runSeed's (src/lib/sweep/run-seed.ts), so a sweep's run
// for seed N is `npm run sim -- FILE --seed N`'s, whatever the number of threads.
//
// Loading TypeScript in a worker: the CLI runs under tsx, but on Node 20 a worker started from a .ts file with
// `execArgv: ['--import', 'tsx']` (or the parent's tsx flags) still fails with "Unknown file extension .ts":
// the hooks are not in place before the worker's entry loads. So the worker starts from a few lines of
// JavaScript (`eval: true`) that register tsx's ESM hooks in the worker (tsx/esm/api register()) and then
// import src/cli/sweep-worker.ts. Were this file compiled to .js, the worker entry would be .js and start
// directly.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../lib/engine';
import type { SeedRun } from '../lib/sweep/run-seed';

/** What every worker gets once (workerData). */
export interface SweepJob {
	scenario: Scenario;
	untilMs?: number;
}
/** Pool → worker: run this seed. */
export interface SweepRequest {
	seed: number;
}
/** Worker → pool: the run of a seed, or why it failed. */
export type SweepReply = { seed: number; run: SeedRun } | { seed: number; error: string };

export interface SweepOptions {
	/** Stop every run at this simulated time (default: the scenario's durationMs); as --until. */
	untilMs?: number;
	/** Worker threads (default os.availableParallelism()); never more than the seeds. */
	threads?: number;
	/** Called after each finished run with how many are done of how many. */
	onProgress?: (done: number, total: number) => void;
}

/** The most worker threads a sweep starts (the CLI's --threads range is 1 to this). */
export const MAX_THREADS = 256;

/** How many workers a sweep of `seeds` seeds starts with `threads` asked for (undefined: one per core). */
export function threadCount(seeds: number, threads?: number): number {
	return Math.max(1, Math.min(seeds, threads ?? availableParallelism(), MAX_THREADS));
}

const ENTRY = new URL(`./sweep-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

function startWorker(job: SweepJob): Worker {
	if (!ENTRY.pathname.endsWith('.ts')) return new Worker(ENTRY, { workerData: job });
	// Resolved here, next to this file, so the worker finds tsx whatever the working directory.
	const tsxApi = import.meta.resolve('tsx/esm/api');
	const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(ENTRY.href)}); });`;
	return new Worker(boot, { eval: true, workerData: job });
}

/**
 * Run `scenario` once per seed on a pool of worker threads; resolves to the runs in the order of `seeds`. A
 * failure in a worker (a run that throws, a worker that cannot start or exits) rejects with a message naming
 * the seed, and terminates the other workers.
 */
export function runSweep(
	scenario: Scenario,
	seeds: readonly number[],
	options: SweepOptions = {}
): Promise<SeedRun[]> {
	const total = seeds.length;
	if (total === 0) return Promise.resolve([]);
	const job: SweepJob = { scenario, ...(options.untilMs !== undefined ? { untilMs: options.untilMs } : {}) };
	const threads = threadCount(total, options.threads);
	const results: (SeedRun | undefined)[] = new Array<SeedRun | undefined>(total);
	/** Position in `seeds` of each seed being run, by worker. */
	const running = new Map<Worker, number>();
	const workers: Worker[] = [];
	let next = 0;
	let done = 0;
	let settled = false;

	return new Promise<SeedRun[]>((resolve, reject) => {
		const stopAll = () => {
			for (const w of workers) void w.terminate();
		};
		const failWith = (message: string) => {
			if (settled) return;
			settled = true;
			stopAll();
			reject(new Error(message));
		};
		const feed = (w: Worker) => {
			if (next < total) {
				running.set(w, next);
				w.postMessage({ seed: seeds[next++] as number } satisfies SweepRequest);
			} else {
				running.delete(w);
				void w.terminate();
			}
		};
		for (let k = 0; k < threads; k++) {
			let w: Worker;
			try {
				w = startWorker(job);
			} catch (err) {
				failWith(`cannot start a sweep worker: ${(err as Error).message}`);
				return;
			}
			workers.push(w);
			w.on('message', (reply: SweepReply) => {
				if (settled) return;
				const at = running.get(w);
				if (at === undefined || seeds[at] !== reply.seed) {
					failWith(`a sweep worker answered for seed ${reply.seed}, which it was not running`);
					return;
				}
				if ('error' in reply) {
					failWith(`seed ${reply.seed} failed in a sweep worker: ${reply.error}`);
					return;
				}
				results[at] = reply.run;
				done++;
				options.onProgress?.(done, total);
				if (done === total) {
					settled = true;
					stopAll();
					resolve(results as SeedRun[]);
					return;
				}
				feed(w);
			});
			w.on('error', (err: Error) => {
				const at = running.get(w);
				failWith(
					`a sweep worker failed${at !== undefined ? ` running seed ${seeds[at]}` : ''}: ${err.stack ?? err.message}`
				);
			});
			w.on('messageerror', (err: Error) =>
				failWith(`a sweep worker's message could not be read: ${err.message}`)
			);
			w.on('exit', (code) => {
				const at = running.get(w);
				if (at !== undefined)
					failWith(`a sweep worker exited with code ${code} while running seed ${seeds[at]}`);
			});
			feed(w);
		}
	});
}
