// npm run bench: measures, never fails. Prints a table and writes bench/results.json with machine info.
// Figures: kernel throughput, how many times faster than real time scenarios run headless, SNS fan-out
// throughput and memory, seeking, the first-load size, then in headless Chromium frame time, the heap over an
// hour of play and seeking with the views, 1,000 random scenarios with every checker on, and finally a seed
// sweep (npm run sim -- FILE --seeds) on 1 worker thread against one per core.
// Flags: --no-browser, --no-property; PROPERTY_RUNS sets the number of random scenarios.

import {
	copyFileSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { availableParallelism, cpus, totalmem, platform, arch, tmpdir } from 'node:os';
import { build } from 'vite';
import { assign, createActor, setup } from 'xstate';
import { HashSink, Random, Scheduler, Timeline, type Scenario } from '../src/lib/engine';
import { loadScenario } from '../src/lib/services';
import { createSimulation } from '../src/lib/services';
import { browserBench } from './browser';
import { runLimitModel } from './limit-model';
import { propertyBench } from './property';
import { runSweep } from '../src/cli/sweep';

interface Row {
	name: string;
	value: number;
	unit: string;
	note: string;
}

const rows: Row[] = [];
const record = (name: string, value: number, unit: string, note = '') => {
	rows.push({ name, value: Math.round(value * 10) / 10, unit, note });
	console.error(`  … ${name}: ${Math.round(value * 10) / 10} ${unit}`); // progress while the bench runs
};

function best<T>(runs: number, fn: () => T): { ms: number; result: T } {
	let bestMs = Number.POSITIVE_INFINITY;
	let result!: T;
	for (let k = 0; k < runs; k++) {
		const t0 = performance.now();
		result = fn();
		bestMs = Math.min(bestMs, performance.now() - t0);
	}
	return { ms: bestMs, result };
}

// 1. XState actors on the simulated clock: each actor loops with an `after` delay and counts ticks.
{
	const ticker = setup({ types: { context: {} as { n: number } } }).createMachine({
		context: { n: 0 },
		initial: 'waiting',
		states: {
			waiting: {
				after: {
					100: { target: 'waiting', reenter: true, actions: assign({ n: ({ context }) => context.n + 1 }) }
				}
			}
		}
	});
	const actors = 1000;
	const simMs = 20_000;
	const { ms } = best(3, () => {
		const clock = new Scheduler();
		const list = Array.from({ length: actors }, () => createActor(ticker, { clock }).start());
		clock.runUntil(simMs);
		const ticks = list.reduce((sum, a) => sum + a.getSnapshot().context.n, 0);
		list.forEach((a) => a.stop());
		return ticks;
	});
	const events = actors * (simMs / 100);
	record(
		'XState timer events through the clock',
		events / (ms / 1000),
		'events/s',
		`${actors} actors with after(100 ms), ${simMs / 1000} s simulated`
	);
}

// 2. Raw data events through the scheduler to a handler.
{
	const n = 1_000_000;
	const { ms } = best(3, () => {
		let count = 0;
		const s: Scheduler<number> = new Scheduler<number>((e) => {
			count++;
			if (e.event < n) s.schedule(s.now() + 1 + (e.event % 7), 'x', e.event + 64);
		});
		for (let k = 0; k < 64; k++) s.schedule(k, 'x', k);
		s.runUntil(Number.MAX_SAFE_INTEGER);
		return count;
	});
	record('Scheduler data events', n / (ms / 1000), 'events/s', '64 concurrent chains, 1M events');
}

// 3. Sample scenarios: simulated time / wall time.
for (const file of ['scenarios/sqs-standard-duplicates.json']) {
	const scenario: Scenario = loadScenario(readFileSync(file, 'utf8'));
	const { ms, result } = best(3, () => {
		const hash = new HashSink();
		const sim = createSimulation(scenario, { sinks: [hash] });
		sim.run();
		return sim.trace.count;
	});
	record(
		`Scenario ${file}`,
		scenario.durationMs / ms,
		'× real time',
		`${result} trace events, ${(scenario.durationMs / 1000).toFixed(0)} s simulated in ${ms.toFixed(0)} ms`
	);
}

// 4. A 10-minute classroom scenario: × real time, and seeking to random moments through checkpoints.
{
	const base = JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8')) as Record<
		string,
		unknown
	>;
	const scenario: Scenario = loadScenario({ ...base, name: '10-minute classroom run', durationMs: 600_000 });
	const { ms } = best(3, () => {
		const sim = createSimulation(scenario, { sinks: [new HashSink()] });
		sim.run();
		return sim.trace.count;
	});
	record(
		'10-minute classroom scenario',
		scenario.durationMs / ms,
		'× real time',
		`${ms.toFixed(0)} ms wall for 10 min simulated`
	);
	const timeline = new Timeline(createSimulation(scenario, { sinks: [new HashSink()] }));
	timeline.seek(scenario.durationMs); // reach the end once, as the UI does when a run has been played
	const rng = Random.from(7, 'bench-seeks');
	const times: number[] = [];
	for (let k = 0; k < 60; k++) {
		const t = Math.floor(rng.next() * scenario.durationMs);
		const t0 = performance.now();
		timeline.seek(t);
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	record(
		'Seek to a random time (10-min scenario)',
		times[Math.floor(times.length * 0.95)] ?? 0,
		'ms p95',
		'60 seeded random seeks'
	);
}

// 5. SNS fan-out to 3 filtered queues drained by consumers, end to end (published messages per wall second), the
// scenario bench/fanout.json with FANOUT_MESSAGES messages, against the limit: a bare binary-heap model of the
// same scheduled work (bench/limit-model.ts), measured in the same run, so the ratio does not move with the machine.
{
	const published = Number(process.env.FANOUT_MESSAGES ?? 1_000_000);
	// The engine as the browser's worker runs it: bundled by Vite into one module (scope-hoisted, so calls across
	// the engine's modules are direct calls the JIT can inline). Under tsx, as the CLI runs it, every such call
	// goes through a live import binding, which costs about a tenth here; that figure is recorded too.
	const bundleDir = mkdtempSync(join(tmpdir(), 'pigeonhole-fanout-'));
	await build({
		configFile: false,
		root: process.cwd(),
		logLevel: 'warn',
		resolve: { alias: { $lib: resolve('src/lib') } },
		ssr: { noExternal: true },
		build: {
			ssr: 'bench/fanout-run.ts',
			outDir: bundleDir,
			emptyOutDir: false,
			minify: false,
			target: 'node20',
			rollupOptions: { output: { entryFileNames: 'fanout-run.mjs' } }
		}
	});
	copyFileSync('bench/fanout.json', join(bundleDir, 'fanout.json'));
	// In a fresh process (bench/fanout-run.ts), so its peak memory is the run's own, not the earlier sections'.
	const fanout = (args: string[]) => {
		const child = spawnSync(process.execPath, [...args, String(published)], {
			encoding: 'utf8',
			maxBuffer: 1 << 20
		});
		if (child.status !== 0) throw new Error(`bench/fanout-run.ts failed: ${child.stderr}`);
		return JSON.parse(child.stdout.trim().split('\n').pop() as string) as {
			ms: number;
			deleted: number;
			peakRssMiB: number;
			heapMiB: number;
			hash: string;
		};
	};
	const run = fanout([join(bundleDir, 'fanout-run.mjs')]);
	const unbundled = fanout(['--import', 'tsx', 'bench/fanout-run.ts']);
	rmSync(bundleDir, { recursive: true, force: true });
	if (unbundled.hash !== run.hash)
		throw new Error('fan-out: the bundled and tsx runs gave different trace hashes');
	const ms = run.ms;
	const peakRss = run.peakRssMiB * 2 ** 20;
	const heapMiB = run.heapMiB;
	const consumed = run.deleted;
	const engineRate = published / (ms / 1000);
	const limit = best(3, () => runLimitModel(published));
	const limitRate = published / (limit.ms / 1000);
	record(
		'SNS fan-out to 3 filtered queues, drained (summary + hash sinks; bundled, as in the browser)',
		engineRate,
		'published/s',
		`${published.toLocaleString('en-US')} messages (${consumed.toLocaleString('en-US')} deleted by the consumers) in ${(ms / 1000).toFixed(1)} s wall, in a fresh process; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, heap after ${heapMiB.toFixed(0)} MiB (targets ≥ 1/15 of the limit, peak RSS ≤ 300 MiB)`
	);
	record(
		'SNS fan-out, unbundled (tsx, as the CLI runs it)',
		published / (unbundled.ms / 1000),
		'published/s',
		`the same run (same trace hash) with the engine's modules loaded one by one through tsx; peak RSS ${unbundled.peakRssMiB} MiB`
	);
	record(
		'The limit: a bare binary-heap model of the same fan-out',
		limitRate,
		'published/s',
		`${(limit.result.pushed / published).toFixed(1)} entries pushed and ${(limit.result.fired / published).toFixed(1)} fired per message; no ids, MD5s or trace (bench/limit-model.ts)`
	);
	record(
		'Fan-out as a fraction of the limit',
		limitRate / engineRate,
		'× slower',
		`the engine runs at 1/${(limitRate / engineRate).toFixed(1)} of the limit, measured in this run (target: within 1/15)`
	);
}

// 6. First load of the main route: the JS and CSS build/index.html links (module preloads and stylesheets), gzip.
// Panels and built-in scenarios other than the default are lazy chunks and are not counted (needs `npm run build`).
{
	const html = 'build/index.html';
	if (existsSync(html)) {
		const files = [
			...new Set(readFileSync(html, 'utf8').match(/_app\/immutable\/[^"']+\.(?:js|css)/g) ?? [])
		];
		const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(join('build', f))).length, 0);
		let all = 0;
		const walk = (d: string) => {
			for (const f of readdirSync(d)) {
				const p = join(d, f);
				if (statSync(p).isDirectory()) walk(p);
				else if (/\.(js|css)$/.test(f)) all += gzipSync(readFileSync(p)).length;
			}
		};
		walk('build/_app/immutable');
		record(
			'First load of the main route: JS + CSS, gzip',
			total / 1000,
			'kB',
			`${files.length} files (target ≤ 150 kB)`
		);
		record(
			'Whole app, every chunk: JS + CSS, gzip',
			all / 1000,
			'kB',
			'including the lazily loaded panels and scenarios'
		);
	}
}

// 7. Browser: frame time with thousands of dots, the heap over an hour of play, seeking (needs the build).
if (!process.argv.includes('--no-browser')) {
	for (const r of await browserBench()) record(r.name, r.value, r.unit, r.note);
}

// 8. Random scenarios over every model with every checker on (the CI test runs a few dozen).
if (!process.argv.includes('--no-property')) {
	const runs = Number(process.env.PROPERTY_RUNS ?? 1000);
	const { failures, ms } = await propertyBench(runs);
	record(
		'Random scenarios, every checker on, determinism checked',
		failures.length,
		'failed',
		`${runs} scenarios in ${(ms / 1000).toFixed(0)} s (seed 42); failures print seed and shrunk scenario`
	);
}

// 9. A seed sweep (npm run sim -- FILE --seeds 1-40 --until 1h) on the worker pool: 1 thread against one per
// core. Wall time from the call to the last run, so it includes starting the workers (each loads the sources
// through tsx, about a second, in parallel): each seed is an hour of simulated time (~0.2 s), so the start-up
// does not hide the scaling (200 seeds of 30 s took under a second in all, mostly start-up).
{
	const file = 'scenarios/sqs-standard-duplicates.json';
	const scenario: Scenario = loadScenario(readFileSync(file, 'utf8'));
	const seeds = Array.from({ length: 40 }, (_, k) => k + 1);
	const untilMs = 3_600_000;
	const sweep = async (threads: number) => {
		const t0 = performance.now();
		let firstMs = 0;
		const runs = await runSweep(scenario, seeds, {
			untilMs,
			threads,
			onProgress: (done) => {
				if (done === 1) firstMs = performance.now() - t0;
			}
		});
		return { ms: performance.now() - t0, firstMs, hashes: runs.map((r) => r.traceHash).join() };
	};
	const cores = availableParallelism();
	const one = await sweep(1);
	const all = await sweep(cores);
	if (one.hashes !== all.hashes) throw new Error('seed sweep: 1 thread and all cores gave different runs');
	const rate = (ms: number) => seeds.length / (ms / 1000);
	record(
		'Seed sweep, 1 worker thread',
		rate(one.ms),
		'seeds/s',
		`${seeds.length} seeds of ${file}, ${untilMs / 1000} s simulated each, in ${(one.ms / 1000).toFixed(1)} s wall, worker start-up included (first run back after ${(one.firstMs / 1000).toFixed(1)} s)`
	);
	record(
		`Seed sweep, ${cores} worker threads (one per core)`,
		rate(all.ms),
		'seeds/s',
		`the same seeds in ${(all.ms / 1000).toFixed(1)} s wall (first run back after ${(all.firstMs / 1000).toFixed(1)} s); the same trace hashes as on 1 thread`
	);
	record('Seed sweep speed-up, all cores against 1 thread', one.ms / all.ms, '×', `on ${cores} cores`);
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(14)}  unit          note`);
for (const r of rows) {
	console.log(
		`${r.name.padEnd(width)}  ${r.value.toLocaleString('en-US').padStart(14)}  ${r.unit.padEnd(12)}  ${r.note}`
	);
}
const machine = {
	node: process.version,
	platform: platform(),
	arch: arch(),
	cpus: cpus().length,
	cpuModel: cpus()[0]?.model ?? 'unknown',
	memoryGiB: Math.round(totalmem() / 2 ** 30)
};
writeFileSync('bench/results.json', `${JSON.stringify({ machine, results: rows }, null, 2)}\n`);
console.log('\nwritten bench/results.json');
