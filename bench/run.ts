// npm run bench: measures, never fails. Prints a table and writes bench/results.json with machine info.
// Figures: kernel throughput (timer events/s through the simulated clock with XState actors attached, and
// data events/s dispatched to nodes) and how many times faster than real time sample scenarios run.

import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, arch } from 'node:os';
import { assign, createActor, setup } from 'xstate';
import { HashSink, loadScenario, Scheduler, type Scenario } from '../src/lib/engine';
import { createSimulation } from '../src/lib/models';

interface Row {
	name: string;
	value: number;
	unit: string;
	note: string;
}

const rows: Row[] = [];
const record = (name: string, value: number, unit: string, note = '') => {
	rows.push({ name, value: Math.round(value * 10) / 10, unit, note });
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
