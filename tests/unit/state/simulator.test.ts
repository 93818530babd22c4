// The page's simulator state, run in Node with the compute-ahead server on the page (pageHost): whatever path
// a seek takes — where it is, its own checkpoint, one computed ahead, waiting for the computation — it lands on
// exactly the straight run; Cancel stops waiting and keeps the playhead; a run over a limit ends there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HashSink, Random } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import { pageHost } from '$lib/runner/ahead-host';
import { BROWSER_LIMITS } from '$lib/runner/limits';
import { SimulatorState } from '$lib/state/simulator.svelte';

const base = JSON.parse(readFileSync('scenarios/sqs-idempotent-consumer.json', 'utf8'));
const doc = { ...base, durationMs: 600_000 };

function straight(until: number, seed: number): string {
	const hash = new HashSink();
	createSimulation(loadScenario(doc), { sinks: [hash], seed }).runUntil(until);
	return hash.digest();
}

describe('SimulatorState (page host)', () => {
	it('seeks far ahead, back and forth in seeded random order, and lands on the straight run each time', async () => {
		const sim = new SimulatorState(doc, { host: pageHost });
		sim.setSeed(11);
		await sim.seek(590_000);
		expect(sim.now).toBe(590_000);
		expect(sim.traceHash()).toBe(straight(590_000, 11));
		await sim.whenComputed();
		expect(sim.ahead?.state).toBe('done');
		expect(sim.ahead?.hash).toBe(straight(600_000, 11));
		const seed = 20261202;
		const rng = Random.from(seed, 'simulator-seeks');
		for (let k = 0; k < 8; k++) {
			const t = Math.floor(rng.next() * 600_000);
			await sim.seek(t);
			expect(sim.now, `seed ${seed}, seek ${k}`).toBe(t);
			expect(sim.traceHash(), `seed ${seed}, seek ${k} to ${t}`).toBe(straight(t, 11));
		}
		// Step goes to the next event; step back before the latest one.
		const before = sim.now;
		await sim.step();
		expect(sim.now).toBeGreaterThan(before);
		await sim.stepBack();
		expect(sim.now).toBeLessThanOrEqual(before);
		sim.dispose();
	});

	it('without a host, the page computes every seek itself in slices', async () => {
		const sim = new SimulatorState(doc, { host: () => undefined });
		expect(sim.computesIn).toBe('none');
		await sim.seek(300_000);
		expect(sim.traceHash()).toBe(straight(300_000, doc.seed));
		expect(sim.busy).toBeUndefined();
	});

	it('Cancel stops waiting for a far target and keeps the playhead; a later seek goes on computing', async () => {
		const long = { ...doc, durationMs: 3_600_000 };
		const sim = new SimulatorState(long, { host: pageHost });
		const far = sim.seek(3_600_000);
		expect(sim.busy?.phase).toBe('computing');
		const at = sim.now;
		sim.cancelCompute();
		await far;
		expect(sim.busy).toBeUndefined();
		expect(sim.now).toBe(at);
		await sim.settled();
		await new Promise((r) => setTimeout(r, 20));
		expect(sim.ahead?.state).toBe('paused');
		// A target inside what is computed is reached at once; the computation stays paused.
		const inside = Math.floor((sim.ahead?.t ?? 0) / 2);
		await sim.seek(inside);
		expect(sim.now).toBe(inside);
		sim.dispose();
	});

	it('a run over a limit ends where it stopped; a seek past it lands there and the message names the limit', async () => {
		const burst = {
			version: 1,
			name: 'burst',
			seed: 1,
			durationMs: 60_000,
			nodes: [
				{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 50_000 } },
				{ id: 'q', type: 'sqs-queue' }
			]
		};
		const sim = new SimulatorState(burst, {
			host: pageHost,
			limits: { ...BROWSER_LIMITS, maxMessages: 5_000 }
		});
		await sim.seek(60_000);
		expect(sim.ahead?.state).toBe('stopped');
		expect(sim.limit).toMatch(/it held [\d,]+ messages at once, more than the browser's limit of 5,000/);
		expect(sim.endMs).toBeLessThan(1000);
		expect(sim.now).toBe(sim.endMs);
		// Loading another scenario clears it.
		sim.load(doc);
		expect(sim.limit).toBeUndefined();
		sim.dispose();
	});
});
