// The seed-sweep worker pool (src/cli/sweep.ts): worker threads that load the TypeScript sources, pull seeds
// from a queue, and hand the runs back in the order of the seeds given; a failing run rejects naming its seed.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/lib/engine';
import { loadScenario } from '../../../src/lib/services';
import { runSeed } from '../../../src/lib/sweep/run-seed';
import { runSweep, threadCount } from '../../../src/cli/sweep';

const scenario = loadScenario(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8'));

describe('runSweep', () => {
	it('returns runSeed for every seed, in the order given, with progress up to the total', async () => {
		const seeds = [9, 2, 5, 1, 7];
		const progress: [number, number][] = [];
		const runs = await runSweep(scenario, seeds, {
			untilMs: 5000,
			threads: 2,
			onProgress: (done, total) => progress.push([done, total])
		});
		expect(runs.map((r) => r.seed)).toEqual(seeds);
		for (const r of runs) expect(r).toEqual(runSeed(scenario, r.seed, 5000));
		expect(progress).toEqual([1, 2, 3, 4, 5].map((k) => [k, 5]));
	});

	it('rejects with the seed and the error when a run throws', async () => {
		const broken = { ...scenario, nodes: [{ id: 'x', type: 'no-such-type' }] } as unknown as Scenario;
		await expect(runSweep(broken, [1, 2, 3], { threads: 2 })).rejects.toThrow(
			/^seed [123] failed in a sweep worker: /
		);
	});

	it('starts one worker per core by default, never more than the seeds, at most 256', async () => {
		expect(threadCount(1000)).toBe(Math.min(1000, availableParallelism()));
		expect(threadCount(3, 8)).toBe(3);
		expect(threadCount(1000, 1000)).toBe(256);
		expect(await runSweep(scenario, [])).toEqual([]);
	});
});
