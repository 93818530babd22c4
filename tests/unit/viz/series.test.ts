// The charts' queue counts agree with the stage at every moment: the SeriesTracker's counts (from the trace)
// equal the queue models' counts (what the stage draws), in every built-in scenario — also with copies that
// missed a delete (SQS-STD-1), which live on as in-flight messages of their own.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '$lib/services';
import { createRun } from '$lib/runner/run';
import { nodeModels } from '$lib/viz/node-models';
import { valueAt } from '$lib/viz/marks/axis';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));

describe('SeriesTracker agrees with the queue models', () => {
	for (const f of files) {
		it(`${f}: visible / in flight / delayed at every moment`, () => {
			const sc = loadScenario(JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')));
			const run = createRun(sc, sc.seed);
			const wrong: string[] = [];
			for (let t = 0; t <= Math.min(sc.durationMs, 180_000); t += 173) {
				run.sim.runUntil(t);
				run.sinks.series.sampleTo(t);
				for (const [id, m] of nodeModels(run.sim, run.sinks.dots)) {
					if (m.kind !== 'queue') continue;
					const c = run.sinks.series.countsNow(id);
					const seen = `${c?.visible}/${c?.notVisible}/${c?.delayed}`;
					const want = `${m.counts.visible}/${m.counts.inflight}/${m.counts.delayed}`;
					if (seen !== want && wrong.length < 5) wrong.push(`${id} at ${t}: ${seen} ≠ ${want}`);
					// A sample taken exactly now holds the same numbers.
					const s = run.sinks.series.queues.get(id);
					if (s && s.t[s.t.length - 1] === t && valueAt(s.t, s.notVisible, t) !== m.counts.inflight)
						wrong.push(`${id} sample at ${t}`);
				}
			}
			expect(wrong).toEqual([]);
		});
	}

	it('a stray copy is counted in flight until it reappears (sqs-standard-duplicates)', () => {
		const sc = loadScenario(JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8')));
		const run = createRun(sc, sc.seed);
		run.sim.runUntil(sc.durationMs);
		const copies = run.sinks.memory.events.filter((e) => e.type === 'copy-missed-delete');
		expect(copies.length).toBeGreaterThan(0);
	});
});
