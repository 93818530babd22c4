// A windowed MemorySink (the browser's bounded trace): it holds the newest events, positions stay exact
// through seeks both ways, and the trackers that read it see the same picture as with the whole trace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, Random, Timeline, toJsonl, type Scenario } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import { DotTracker } from '$lib/viz/dots';
import { layoutScenario } from '$lib/viz/layout';

const sample = (): Scenario =>
	loadScenario({
		...JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8')),
		durationMs: 240_000
	});

describe('windowed trace in memory', () => {
	it('keeps at most 1.25 × its limit, and exactly the newest events of the run', () => {
		const scenario = sample();
		const all = new MemorySink();
		const window = new MemorySink(500);
		createSimulation(scenario, { sinks: [all, window] }).run();
		expect(all.events.length).toBeGreaterThan(5000);
		expect(window.events.length).toBeLessThanOrEqual(625);
		expect(window.dropped + window.events.length).toBe(all.events.length);
		expect(toJsonl(window.events)).toBe(toJsonl(all.events.slice(window.dropped)));
	});

	it('windowStart tells where a window starts after any number of events (against a sink written to)', () => {
		for (const limit of [1, 3, 4, 10, 333]) {
			const sink = new MemorySink(limit);
			for (let count = 0; count <= 2000; count++) {
				expect(MemorySink.windowStart(count, limit), `limit ${limit}, ${count} events`).toBe(sink.dropped);
				sink.write({
					type: 'produced',
					node: 'p',
					origin: `p-${count}`,
					target: 'q',
					body: '',
					i: count,
					t: count
				});
			}
		}
		expect(MemorySink.windowStart(10 ** 9, Number.POSITIVE_INFINITY)).toBe(0);
	});

	it('seeking back before the window and forward again keeps positions exact (seeded random seeks)', () => {
		const scenario = sample();
		const straight = new MemorySink();
		createSimulation(scenario, { sinks: [straight] }).run();
		const window = new MemorySink(400);
		const timeline = new Timeline(createSimulation(scenario, { sinks: [window] }), {
			checkpointEveryMs: 5000
		});
		const seed = 20261201;
		const rng = Random.from(seed, 'trace-window');
		timeline.seek(scenario.durationMs);
		for (let k = 0; k < 40; k++) {
			const t = Math.floor(rng.next() * scenario.durationMs);
			timeline.seek(t);
			const upTo = straight.events.filter((e) => e.t <= t).length;
			const events = window.events;
			expect(window.dropped + events.length, `seed ${seed}, seek ${k} to ${t}`).toBe(upTo);
			events.forEach((e, j) => expect(e.i).toBe(window.dropped + j));
			expect(toJsonl(events)).toBe(toJsonl(straight.events.slice(window.dropped, upTo)));
		}
	});

	it('a dot tracker restored from checkpoints draws what a straight run draws (seeded random seeks)', () => {
		const scenario = sample();
		const layout = layoutScenario(scenario);
		const straight = new DotTracker(new Map());
		const sim = createSimulation(scenario, { sinks: [straight] });
		const seeking = new DotTracker(new Map());
		const timeline = new Timeline(createSimulation(scenario, { sinks: [new MemorySink(300), seeking] }), {
			checkpointEveryMs: 5000
		});
		timeline.seek(scenario.durationMs);
		const seed = 20261202;
		const rng = Random.from(seed, 'dots-restore');
		const times = Array.from({ length: 30 }, () => Math.floor(rng.next() * 120_000)).sort((a, b) => a - b);
		for (const t of times) {
			sim.runUntil(t);
			timeline.seek(t);
			expect(seeking.dotsAt(t, layout), `seed ${seed}, t ${t}`).toEqual(straight.dotsAt(t, layout));
		}
	});
});
