import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, HashSink, Timeline, toJsonl, type Scenario } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';

const sample = (): Scenario => loadScenario(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8'));

function runHash(scenario: Scenario, seed?: number, until?: number): string {
	const hash = new HashSink();
	const sim = createSimulation(scenario, { sinks: [hash], ...(seed !== undefined ? { seed } : {}) });
	sim.runUntil(until ?? scenario.durationMs);
	return hash.digest();
}

describe('determinism', () => {
	it('same scenario and seed twice give the identical trace hash', () => {
		expect(runHash(sample())).toBe(runHash(sample()));
	});

	it('a different seed changes a randomized run', () => {
		expect(runHash(sample(), 1)).not.toBe(runHash(sample(), 2));
	});

	it('the trace is non-trivial (the run actually produced and consumed messages)', () => {
		const mem = new MemorySink();
		createSimulation(sample(), { sinks: [mem] }).run();
		const types = new Set(mem.events.map((e) => e.type));
		for (const t of ['produced', 'enqueued', 'received', 'deleted', 'processed']) expect(types).toContain(t);
	});

	it('snapshot then restore continues exactly as the straight run', () => {
		const scenario = sample();
		const straight = new MemorySink();
		createSimulation(scenario, { sinks: [straight] }).runUntil(60_000);

		const mem = new MemorySink();
		const sim = createSimulation(scenario, { sinks: [mem] });
		sim.runUntil(20_000);
		const snap = sim.snapshot();
		sim.runUntil(45_000); // wander off
		sim.restore(snap);
		sim.runUntil(60_000);
		expect(toJsonl(mem.events)).toBe(toJsonl(straight.events));
	});

	it('seek(t) backwards then run to T gives the same trace as a straight run to T', () => {
		const scenario = sample();
		const straight = new MemorySink();
		const hashStraight = new HashSink();
		createSimulation(scenario, { sinks: [straight, hashStraight] }).runUntil(90_000);

		const mem = new MemorySink();
		const hash = new HashSink();
		const timeline = new Timeline(createSimulation(scenario, { sinks: [mem, hash] }), {
			checkpointEveryMs: 7000
		});
		timeline.seek(80_000);
		timeline.seek(12_345);
		expect(timeline.now()).toBe(12_345);
		timeline.seek(33_000);
		timeline.seek(31_000);
		for (let k = 0; k < 25; k++) timeline.stepForward();
		timeline.seek(90_000);
		expect(toJsonl(mem.events)).toBe(toJsonl(straight.events));
		expect(hash.digest()).toBe(hashStraight.digest());
		expect(timeline.checkpointCount).toBeGreaterThan(5);
	});

	it('seeking to any time gives the same trace as a straight run to it (seeded random times)', () => {
		const scenario = sample();
		const mem = new MemorySink();
		const timeline = new Timeline(createSimulation(scenario, { sinks: [mem] }), { checkpointEveryMs: 5000 });
		let state = 12345;
		for (let k = 0; k < 8; k++) {
			state = (state * 1103515245 + 12345) % 2 ** 31;
			const t = state % scenario.durationMs;
			timeline.seek(t);
			const straight = new MemorySink();
			createSimulation(scenario, { sinks: [straight] }).runUntil(t);
			expect(toJsonl(mem.events), `seek to t=${t} (lcg seed 12345, step ${k})`).toBe(
				toJsonl(straight.events)
			);
		}
	});
});

describe('forward seeks through recorded checkpoints', () => {
	it('jumping ahead to a recorded checkpoint gives the same events and hash as a straight run', () => {
		const scenario = sample();
		const straight = new MemorySink();
		const straightHash = new HashSink();
		createSimulation(scenario, { sinks: [straight, straightHash] }).runUntil(90_000);

		const mem = new MemorySink();
		const hash = new HashSink();
		const timeline = new Timeline(createSimulation(scenario, { sinks: [mem, hash] }));
		timeline.seek(100_000); // record checkpoints all the way
		timeline.seek(3_000); // back
		expect(timeline.lastSeekRestored).toBe(true);
		timeline.seek(90_000); // forward: jumps to the checkpoint at 90 s instead of replaying
		expect(timeline.lastSeekRestored).toBe(true);
		expect(hash.digest()).toBe(straightHash.digest());
		expect(toJsonl(mem.events)).toBe(toJsonl(straight.events));
	});
});
