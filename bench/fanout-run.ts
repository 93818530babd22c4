// Runs the bench's fan-out scenario (bench/fanout.json) headless with the summary and hash sinks, for
// profiling: `node --cpu-prof --import tsx bench/fanout-run.ts [messages]`.
import { readFileSync } from 'node:fs';
import { HashSink, SummarySink } from '../src/lib/engine';
import { createSimulation, loadScenario } from '../src/lib/services';

const published = Number(process.argv[2] ?? 100_000);
const doc = JSON.parse(readFileSync(new URL('./fanout.json', import.meta.url), 'utf8'));
doc.nodes[0].Count = published;
doc.durationMs = Math.ceil((published / doc.nodes[0].Rate.perSecond) * 1000) + 5000;
const scenario = loadScenario(doc);
const t0 = performance.now();
const summary = new SummarySink();
const hash = new HashSink();
const sim = createSimulation(scenario, { sinks: [summary, hash] });
sim.runUntil(scenario.durationMs);
const ms = performance.now() - t0;
console.log(
	JSON.stringify({
		published,
		ms: Math.round(ms),
		perSecond: Math.round(published / (ms / 1000)),
		hash: hash.digest()
	})
);
