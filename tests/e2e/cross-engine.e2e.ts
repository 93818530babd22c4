// SEMANTICS DET-1: every built-in scenario, with three seeds, gives the same trace hash at the end of its run
// in Node (this process) and in the built app in Chromium (through window.pigeonhole). Built-in Math.log,
// exp, pow and cos differ in the last bit between the two engines, so this fails if any of them leaks into
// the simulation.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { HashSink } from '../../src/lib/engine';
import { loadScenario } from '../../src/lib/services';
import { createSimulation } from '../../src/lib/services';
import { BUILT_IN_FILES } from './helpers';

const SEEDS = [1, 2, 3];

function nodeHash(doc: unknown, seed: number): { hash: string; end: number } {
	const scenario = loadScenario(doc);
	const hash = new HashSink();
	const sim = createSimulation(scenario, { sinks: [hash], seed });
	sim.run();
	return { hash: hash.digest(), end: scenario.durationMs };
}

for (const file of BUILT_IN_FILES) {
	test(`DET-1: ${file} ends with the same trace hash in Node and in Chromium (seeds ${SEEDS.join(', ')})`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		const doc: unknown = JSON.parse(readFileSync(`scenarios/${file}`, 'utf8'));
		await page.goto('./');
		await page.waitForFunction(() => window.pigeonhole !== undefined);
		const hashes = new Set<string>();
		for (const seed of SEEDS) {
			const expected = nodeHash(doc, seed);
			const got = await page.evaluate(
				async ({ doc, seed, end }) => {
					const hook = window.pigeonhole;
					if (!hook) throw new Error('no test hook');
					await hook.load(doc, seed);
					await hook.seek(end);
					return { now: await hook.now(), hash: await hook.traceHash() };
				},
				{ doc, seed, end: expected.end }
			);
			expect(got.now, `${file} seed ${seed} reached its end`).toBe(expected.end);
			expect(got.hash, `${file} seed ${seed}`).toBe(expected.hash);
			hashes.add(got.hash);
		}
		// The seeds really give different runs (so equal hashes are not a constant).
		expect(hashes.size).toBe(SEEDS.length);
	});
}
