// The dot tracker over every scenario: the stage's tokens have distinct keys (the marks join on them) whatever
// the tracker files a hop under, and a mark keeps every hop still to be drawn, so a tracker rewound to it draws
// what the tracker it was taken from draws.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Random, type Scenario } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import { hopLatencies } from '$lib/runner/run';
import { DotTracker } from '$lib/viz/dots';
import { layoutScenario } from '$lib/viz/layout';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
const scenarioFile = (name: string): Scenario =>
	loadScenario(JSON.parse(readFileSync(`scenarios/${name}`, 'utf8')));

function tracker(scenario: Scenario): DotTracker {
	const dots = new DotTracker(hopLatencies(scenario));
	const sources = new Map<string, string>();
	for (const n of scenario.nodes) if (n.type === 'kinesis-consumer') sources.set(n.id, n.source);
	dots.setSources(sources);
	return dots;
}

/** The time of the latest event written (what a mark sweeps against). */
class LastTime {
	t = Number.NEGATIVE_INFINITY;
	write(e: { t: number }): void {
		this.t = e.t;
	}
}

describe('DotTracker', () => {
	for (const file of files) {
		it(`${file}: tokens have distinct keys; a mark holds the hops still to draw and restores the picture (seeded times)`, () => {
			const scenario = scenarioFile(file);
			const layout = layoutScenario(scenario);
			const dots = tracker(scenario);
			const last = new LastTime();
			const sim = createSimulation(scenario, { sinks: [dots, last], seed: 3 });
			const seed = 20261206;
			const rng = Random.from(seed, file);
			const times = Array.from({ length: 12 }, () => Math.floor(rng.next() * scenario.durationMs)).sort(
				(a, b) => a - b
			);
			let first: unknown;
			for (const t of times) {
				sim.runUntil(t);
				const mark = structuredClone(dots.mark());
				first ??= mark;
				// Hops over before the latest event are left out: no picture from then on shows them.
				for (const hop of mark.hops) expect(hop.removeAt, `${file} at ${t}`).toBeGreaterThanOrEqual(last.t);
				const restored = tracker(scenario);
				restored.rewind(mark);
				// Rewound, the tracker drops nothing when marked before its next event.
				expect(restored.mark(), `${file} at ${t}`).toEqual(mark);
				const tokens = dots.dotsAt(t, layout);
				const keys = tokens.map((d) => d.key);
				expect(new Set(keys).size, `seed ${seed}, ${file} at ${t}`).toBe(keys.length);
				expect(restored.dotsAt(t, layout), `seed ${seed}, ${file} at ${t}`).toEqual(tokens);
			}
			// Rewound to an earlier mark, a tracker that has seen later events drops nothing either.
			dots.rewind(first);
			expect(dots.mark()).toEqual(first);
		});
	}

	it('a hot stream has tokens in flight at the sampled times, each key once', () => {
		const scenario = scenarioFile('kinesis-hot-key.json');
		const layout = layoutScenario(scenario);
		const dots = tracker(scenario);
		const sim = createSimulation(scenario, { sinks: [dots], seed: 3 });
		let drawn = 0;
		for (let t = 1000; t <= 60_000; t += 997) {
			sim.runUntil(t);
			const keys = dots.dotsAt(t, layout).map((d) => d.key);
			expect(new Set(keys).size).toBe(keys.length);
			drawn += keys.length;
		}
		expect(drawn).toBeGreaterThan(100);
	});
});
