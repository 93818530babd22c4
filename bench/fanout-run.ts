// Runs the bench's fan-out scenario (bench/fanout.json) headless with the summary and hash sinks and prints one
// JSON line: published, ms, perSecond, deleted, peakRssMiB (sampled every 10 s of simulated time), heapMiB and
// the trace hash. `npm run bench` runs it in a fresh process, so the memory figure is the run's own: bundled by
// Vite as the browser's worker is (and once more under tsx, as the CLI runs it); also for profiling:
// `node --cpu-prof --import tsx bench/fanout-run.ts [messages]`.
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
let peakRss = 0;
for (let t = 10_000; t < scenario.durationMs + 10_000; t += 10_000) {
	sim.runUntil(Math.min(t, scenario.durationMs));
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const ms = performance.now() - t0;
console.log(
	JSON.stringify({
		published,
		ms: Math.round(ms),
		perSecond: Math.round(published / (ms / 1000)),
		deleted: summary.summaries().reduce((n, s) => n + (s.deleted ?? 0), 0),
		peakRssMiB: Math.round(peakRss / 2 ** 20),
		heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
		hash: hash.digest()
	})
);
