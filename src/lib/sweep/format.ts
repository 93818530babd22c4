// The text report of a seed sweep (npm run sim -- FILE --seeds 1-200): per node, one row per metric that is
// non-zero in any run, with mean, p5, p50, p95 and max over the runs and the first seed that reached the max
// (to rerun it with --seed). Pure; fits a 100-column terminal for any realistic counts.

import { SUMMARY_COLUMNS } from '../engine';
import type { SeedRun } from './run-seed';
import { METRICS, formatSeedRange, type Metric, type MetricStats, type NodeStats } from './stats';

const LABELS: Record<Metric, string> = {
	...(Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c.key, c.label])) as Record<Metric, string>),
	emptyReceives: 'empty receives',
	latencyP50Ms: 'latency p50 ms',
	latencyP95Ms: 'latency p95 ms',
	latencyP99Ms: 'latency p99 ms'
};

/** The label of a metric in the sweep table. */
export function metricLabel(m: Metric): string {
	return LABELS[m];
}

/** The seeds as range text, cut to about `max` characters with an ellipsis. */
export function seedsLabel(seeds: readonly number[], max = 40): string {
	const text = formatSeedRange(seeds);
	if (text.length <= max) return text;
	const cut = text.lastIndexOf(',', max);
	return `${text.slice(0, cut > 0 ? cut : max)},…`;
}

/** The header line: scenario, seeds, simulated time (already formatted) and threads. */
export function sweepHeader(
	name: string,
	seeds: readonly number[],
	simulated: string,
	threads: number
): string {
	return `${name} — ${seeds.length} ${seeds.length === 1 ? 'seed' : 'seeds'} (${seedsLabel(seeds)}), ${simulated} simulated, ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
}

const mean = (v: number) => v.toFixed(1);

/** The per-node tables of a sweep's statistics. */
export function formatSweepTable(stats: readonly NodeStats[], runs: readonly SeedRun[]): string {
	const blocks: string[] = [];
	for (const node of stats) {
		const rows: string[][] = [];
		const perRun = runs.map((r) => ({ seed: r.seed, summary: r.nodes.find((n) => n.node === node.node) }));
		for (const m of METRICS) {
			const s: MetricStats | undefined = node[m];
			if (!s || s.max === 0) continue; // not non-zero in any run (every count and latency is ≥ 0)
			const at = perRun.find((r) => r.summary?.[m] === s.max)?.seed;
			rows.push([
				metricLabel(m),
				mean(s.mean),
				String(s.p5),
				String(s.p50),
				String(s.p95),
				String(s.max),
				at === undefined ? '' : String(at),
				s.runs < runs.length ? `in ${s.runs} of ${runs.length} runs` : ''
			]);
		}
		if (rows.length === 0) {
			blocks.push(`${node.node}\n  (nothing happened in any run)`);
			continue;
		}
		const head = ['metric', 'mean', 'p5', 'p50', 'p95', 'max', 'max at seed', ''];
		const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] as string).length)));
		const line = (cells: string[]) =>
			`  ${cells
				.map((c, k) =>
					k === 0 || k === cells.length - 1 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number)
				)
				.join('  ')}`.trimEnd();
		blocks.push(
			[
				node.node,
				line(head),
				line(widths.map((w, k) => (k === head.length - 1 ? '' : '─'.repeat(w)))),
				...rows.map(line)
			].join('\n')
		);
	}
	return blocks.join('\n\n');
}

/** The closing line: events per run, distinct trace hashes. */
export function sweepFooter(runs: readonly SeedRun[]): string {
	if (runs.length === 0) return 'no runs';
	let sum = 0;
	let min = Number.POSITIVE_INFINITY;
	let max = 0;
	for (const r of runs) {
		sum += r.events;
		min = Math.min(min, r.events);
		max = Math.max(max, r.events);
	}
	const distinct = new Set(runs.map((r) => r.traceHash)).size;
	return `${Math.round(sum / runs.length)} trace events per run on average (${min} to ${max}); ${distinct} distinct trace ${distinct === 1 ? 'hash' : 'hashes'} in ${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`;
}
