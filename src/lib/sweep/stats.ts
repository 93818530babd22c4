// Statistics over a seed sweep, and the seed-range syntax of `--seeds`. Pure, and no Math.log/exp/pow or
// trigonometry (SEMANTICS DET-1): only sorting, sums and one division per mean, so every engine gives the same
// figures to the last bit.

import type { NodeSummary } from '../engine';
import type { SeedRun } from './run-seed';

/** The numeric fields of a NodeSummary. */
export type Metric = Exclude<keyof NodeSummary, 'node'>;
/** The latencies, undefined in a run where the node had no latency sample. */
export type LatencyMetric = 'latencyP50Ms' | 'latencyP95Ms' | 'latencyP99Ms';
/** The counts, in every run. */
export type CountMetric = Exclude<Metric, LatencyMetric>;

/** Every metric, in the order the sweep table prints them. */
export const METRICS: readonly Metric[] = [
	'sent',
	'received',
	'deleted',
	'duplicates',
	'outOfOrder',
	'deadLettered',
	'expired',
	'filteredOut',
	'delivered',
	'dropped',
	'throttled',
	'processed',
	'failed',
	'emptyReceives',
	'latencyP50Ms',
	'latencyP95Ms',
	'latencyP99Ms'
];

/** The three latency metrics, undefined in a run where the node had no latency sample. */
export const LATENCY_METRICS: readonly LatencyMetric[] = ['latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms'];

/**
 * One metric of one node over the runs that had a value for it. The percentiles are by nearest rank: with the
 * n values sorted ascending as v[1] ≤ … ≤ v[n], the q-th percentile is v[ceil(q·n/100)] (the rank at least 1),
 * so always one of the values, never an interpolation. `mean` is their sum divided by n.
 */
export interface MetricStats {
	mean: number;
	p5: number;
	p50: number;
	p95: number;
	max: number;
	/** How many runs had a value (every run for a count; latencies are undefined in a run without samples). */
	runs: number;
}

/**
 * A node's statistics, per metric. A count metric is always there; a latency metric only when at least one run
 * had a value for it (as NodeSummary leaves the latencies out of a node without samples).
 */
export type NodeStats = { node: string } & Record<CountMetric, MetricStats> &
	Partial<Record<LatencyMetric, MetricStats>>;

/** The value at nearest rank ceil(percent·n/100) (1-based, at least 1) of values sorted ascending. Integer arithmetic. */
export function nearestRank(sorted: readonly number[], percent: number): number {
	const n = sorted.length;
	if (n === 0) throw new RangeError('nearestRank of no values');
	// ceil(percent·n/100) in integer arithmetic, exact for whole percents (no rounding of q·n to think about).
	const rank = Math.max(1, Math.min(n, Math.floor((percent * n + 99) / 100)));
	return sorted[rank - 1] as number;
}

/** Mean, nearest-rank p5/p50/p95 and max of some values; undefined for none. */
export function metricStats(values: readonly number[]): MetricStats | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	let sum = 0;
	for (const v of values) sum += v;
	return {
		mean: sum / values.length,
		p5: nearestRank(sorted, 5),
		p50: nearestRank(sorted, 50),
		p95: nearestRank(sorted, 95),
		max: sorted[sorted.length - 1] as number,
		runs: values.length
	};
}

/**
 * Per node, in the order the nodes first appear in the runs (the scenario's order, as every run declares every
 * node), and per metric: the statistics over the runs. A run without a node, or with a metric undefined (a
 * latency with no sample), does not count towards that metric's `runs`.
 */
export function sweepStats(runs: readonly SeedRun[]): NodeStats[] {
	const order: string[] = [];
	const byNode = new Map<string, Map<Metric, number[]>>();
	for (const run of runs) {
		for (const summary of run.nodes) {
			let values = byNode.get(summary.node);
			if (!values) {
				values = new Map(METRICS.map((m) => [m, []]));
				byNode.set(summary.node, values);
				order.push(summary.node);
			}
			for (const m of METRICS) {
				const v = summary[m];
				if (v !== undefined) values.get(m)?.push(v);
			}
		}
	}
	return order.map((node) => {
		const values = byNode.get(node) as Map<Metric, number[]>;
		const out: Record<string, unknown> = { node };
		for (const m of METRICS) {
			// A count has a value in every run with the node; a latency without any sample is left out.
			const s = metricStats(values.get(m) ?? []);
			if (s) out[m] = s;
		}
		return out as NodeStats;
	});
}

/** The most seeds one sweep runs. */
export const MAX_SEEDS = 100_000;
/** The largest seed (the engine's seeds are unsigned 32-bit). */
export const MAX_SEED = 4_294_967_295;

const EXAMPLES = 'such as 1-200, 7, 1,5,9 or 1-10,20-25';

/**
 * The seeds of a `--seeds` range: comma-separated whole numbers (0 to 4294967295) and ascending ranges `a-b`
 * (both ends included), e.g. `1-200`, `7`, `1,5,9`, `1-10,20-25`; spaces around the commas are fine. At most
 * 100,000 seeds and none twice. Returns the seeds sorted ascending, or a one-line message saying what is wrong.
 */
export function parseSeedRange(text: string): number[] | string {
	const parts = text.split(',').map((p) => p.trim());
	if (text.trim() === '') return `no seeds given; write seeds ${EXAMPLES}`;
	const ranges: [number, number][] = [];
	let count = 0;
	for (const part of parts) {
		if (part === '') return `an empty item between commas; write seeds ${EXAMPLES}`;
		const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
		if (!m) return `'${part}' is not a seed or a range of seeds; write seeds ${EXAMPLES}`;
		const from = Number(m[1]);
		const to = m[2] === undefined ? from : Number(m[2]);
		for (const end of [m[1], m[2]])
			if (end !== undefined && Number(end) > MAX_SEED)
				return `seed ${end} is above ${MAX_SEED}; seeds are 0 to ${MAX_SEED}`;
		if (to < from) return `range ${part} goes down; write it ${to}-${from}`;
		count += to - from + 1;
		if (count > MAX_SEEDS) return `more than ${MAX_SEEDS.toLocaleString('en-US')} seeds; run a smaller range`;
		ranges.push([from, to]);
	}
	ranges.sort((a, b) => a[0] - b[0]);
	for (let k = 1; k < ranges.length; k++) {
		const prev = ranges[k - 1] as [number, number];
		const cur = ranges[k] as [number, number];
		if (cur[0] <= prev[1]) return `seed ${cur[0]} is given more than once`;
	}
	const seeds: number[] = [];
	for (const [from, to] of ranges) for (let s = from; s <= to; s++) seeds.push(s);
	return seeds;
}

/** Seeds as the shortest range text, e.g. [1,2,3,7,9,10] → `1-3,7,9-10` (parseSeedRange reads it back). */
export function formatSeedRange(seeds: readonly number[]): string {
	const sorted = [...seeds].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let k = 0; k < sorted.length;) {
		const from = sorted[k] as number;
		let to = from;
		while (k + 1 < sorted.length && sorted[k + 1] === to + 1) to = sorted[++k] as number;
		k++;
		parts.push(from === to ? String(from) : `${from}-${to}`);
	}
	return parts.join(',');
}
