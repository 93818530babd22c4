// Seed-sweep statistics (npm run sim -- FILE --seeds RANGE): nearest-rank percentiles on hand-computed sets,
// latencies missing from some runs, and the --seeds range syntax. Only sorting, sums and a division (DET-1).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../../src/lib/engine';
import type { SeedRun } from '../../../src/lib/sweep/run-seed';
import {
	formatSeedRange,
	metricStats,
	nearestRank,
	parseSeedRange,
	sweepStats
} from '../../../src/lib/sweep/stats';
import { formatSweepTable, sweepHeader } from '../../../src/lib/sweep/format';

const zero: Omit<NodeSummary, 'node'> = {
	sent: 0,
	received: 0,
	deleted: 0,
	duplicates: 0,
	outOfOrder: 0,
	deadLettered: 0,
	expired: 0,
	filteredOut: 0,
	delivered: 0,
	dropped: 0,
	throttled: 0,
	processed: 0,
	failed: 0,
	emptyReceives: 0
};

const run = (seed: number, nodes: Partial<NodeSummary>[]): SeedRun => ({
	seed,
	events: 10 * seed,
	traceHash: `h${seed}`,
	nodes: nodes.map((n) => ({ node: 'q', ...zero, ...n }))
});

describe('nearest-rank percentiles', () => {
	it('p5/p50/p95 of 1..10 are the values at ranks ceil(q·n) = 1, 5 and 10', () => {
		const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		expect([nearestRank(v, 5), nearestRank(v, 50), nearestRank(v, 95)]).toEqual([1, 5, 10]);
	});

	it('of 20 values: ranks 1, 10 and 19; of 3 values: ranks 1, 2 and 3; of one value: that value', () => {
		const twenty = Array.from({ length: 20 }, (_, k) => 100 + k);
		expect([nearestRank(twenty, 5), nearestRank(twenty, 50), nearestRank(twenty, 95)]).toEqual([
			100, 109, 118
		]);
		expect([nearestRank([1, 2, 3], 5), nearestRank([1, 2, 3], 50), nearestRank([1, 2, 3], 95)]).toEqual([
			1, 2, 3
		]);
		expect([nearestRank([7], 5), nearestRank([7], 50), nearestRank([7], 95)]).toEqual([7, 7, 7]);
	});

	it('are exact in integers for every n (ceil(95·n/100), DET-1)', () => {
		for (let n = 1; n <= 500; n++) {
			const v = Array.from({ length: n }, (_, k) => k + 1);
			expect(nearestRank(v, 95)).toBe(Math.ceil((95 * n) / 100));
			expect(nearestRank(v, 50)).toBe(Math.ceil(n / 2));
			expect(nearestRank(v, 5)).toBe(Math.max(1, Math.ceil((5 * n) / 100)));
		}
	});

	it('metricStats sorts first and gives the mean, max and run count', () => {
		expect(metricStats([9, 1, 4, 4, 2])).toEqual({ mean: 4, p5: 1, p50: 4, p95: 9, max: 9, runs: 5 });
		expect(metricStats([])).toBeUndefined();
	});
});

describe('sweepStats', () => {
	it('gives per node, in the nodes order, per metric the statistics over the runs', () => {
		const runs = [
			run(1, [
				{ node: 'p', sent: 10 },
				{ node: 'q', received: 3, duplicates: 0 }
			]),
			run(2, [
				{ node: 'p', sent: 10 },
				{ node: 'q', received: 5, duplicates: 2 }
			]),
			run(3, [
				{ node: 'p', sent: 10 },
				{ node: 'q', received: 4, duplicates: 1 }
			])
		];
		const stats = sweepStats(runs);
		expect(stats.map((s) => s.node)).toEqual(['p', 'q']);
		expect(stats[0]!.sent).toEqual({ mean: 10, p5: 10, p50: 10, p95: 10, max: 10, runs: 3 });
		expect(stats[1]!.received).toEqual({ mean: 4, p5: 3, p50: 4, p95: 5, max: 5, runs: 3 });
		expect(stats[1]!.duplicates).toEqual({ mean: 1, p5: 0, p50: 1, p95: 2, max: 2, runs: 3 });
		expect(stats[1]!.expired).toEqual({ mean: 0, p5: 0, p50: 0, p95: 0, max: 0, runs: 3 });
	});

	it('counts only the runs that have a latency, and leaves out a latency no run has', () => {
		const runs = [
			run(1, [{ latencyP50Ms: 100, latencyP95Ms: 200, latencyP99Ms: 300 }]),
			run(2, [{}]),
			run(3, [{ latencyP50Ms: 50, latencyP95Ms: 80, latencyP99Ms: 90 }]),
			run(4, [{}])
		];
		const [q] = sweepStats(runs);
		expect(q!.latencyP50Ms).toEqual({ mean: 75, p5: 50, p50: 50, p95: 100, max: 100, runs: 2 });
		expect(q!.latencyP99Ms!.runs).toBe(2);
		const [none] = sweepStats([run(1, [{}]), run(2, [{}])]);
		expect(none).not.toHaveProperty('latencyP50Ms');
		expect(none!.sent.runs).toBe(2);
	});

	it('the table shows only metrics non-zero in some run, and the first seed that reached the max', () => {
		const runs = [run(1, [{ sent: 5 }]), run(2, [{ sent: 7, latencyP50Ms: 12 }]), run(3, [{ sent: 7 }])];
		const table = formatSweepTable(sweepStats(runs), runs);
		expect(table).toMatch(/^q\n {2}metric\s+mean\s+p5\s+p50\s+p95\s+max\s+max at seed/);
		expect(table).toMatch(/^ {2}sent\s+6\.3\s+5\s+7\s+7\s+7\s+2$/m);
		expect(table).toMatch(/^ {2}latency p50 ms\s+12\.0\s+12\s+12\s+12\s+12\s+2\s+in 1 of 3 runs$/m);
		expect(table).not.toMatch(/received|expired/);
		for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
		expect(sweepHeader('S', [1, 2, 3, 9], '1m', 2)).toBe('S — 4 seeds (1-3,9), 1m simulated, 2 threads');
	});
});

describe('parseSeedRange (--seeds)', () => {
	it('reads a range, a seed, a list, and lists of ranges, ascending', () => {
		const r = parseSeedRange('1-200') as number[];
		expect(r).toHaveLength(200);
		expect([r[0], r[199]]).toEqual([1, 200]);
		expect(parseSeedRange('7')).toEqual([7]);
		expect(parseSeedRange('1,5,9')).toEqual([1, 5, 9]);
		expect(parseSeedRange('1-10,20-25')).toHaveLength(16);
		expect(parseSeedRange('9, 1 ,5')).toEqual([1, 5, 9]);
		expect(parseSeedRange('0,4294967295')).toEqual([0, 4294967295]);
		expect(parseSeedRange('3-3')).toEqual([3]);
		expect(parseSeedRange('1-100000')).toHaveLength(100_000);
	});

	it.each([
		['', /no seeds/],
		['5-1', /range 5-1 goes down; write it 1-5/],
		['1-3,2', /seed 2 is given more than once/],
		['7,7', /seed 7 is given more than once/],
		['1-10,5-20', /seed 5 is given more than once/],
		['a', /'a' is not a seed or a range/],
		['1-', /'1-' is not a seed/],
		['-3', /'-3' is not a seed/],
		['1.5', /'1.5' is not a seed/],
		['1,,2', /empty item/],
		['4294967296', /seed 4294967296 is above 4294967295/],
		['1-4294967296', /seed 4294967296 is above/],
		['0-100000', /more than 100,000 seeds/],
		['0-4294967295', /more than 100,000 seeds/]
	])('rejects %j with one line', (text, message) => {
		const r = parseSeedRange(text);
		expect(typeof r).toBe('string');
		expect(r).toMatch(message);
		expect(r as string).not.toContain('\n');
	});

	it('formatSeedRange writes the shortest ranges, which parseSeedRange reads back', () => {
		expect(formatSeedRange([1, 2, 3, 7, 9, 10])).toBe('1-3,7,9-10');
		expect(formatSeedRange([5])).toBe('5');
		for (const text of ['1-200', '7', '1,5,9', '1-10,20-25']) {
			const seeds = parseSeedRange(text) as number[];
			expect(parseSeedRange(formatSeedRange(seeds))).toEqual(seeds);
		}
	});
});

describe('src/lib/sweep stays pure (it runs in a browser Web Worker too)', () => {
	it('imports no node: module, reads no wall clock and uses no engine-dependent math (DET-1)', () => {
		const dir = 'src/lib/sweep';
		const found: string[] = [];
		for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
			const code = readFileSync(join(dir, f), 'utf8')
				.replace(/\/\*[\s\S]*?\*\//g, '')
				.replace(/\/\/.*$/gm, '');
			for (const [pattern, why] of [
				[/from\s+['"]node:/, 'imports a node: module'],
				[/\b(Date\.now|performance\.now|Math\.random)\s*\(/, 'reads the wall clock or Math.random'],
				[/\bMath\.(log|exp|pow|sin|cos|tan|atan2?|log1p|expm1|log2|log10|cbrt|hypot)\s*\(/, 'DET-1'],
				[/[\w)\]]\s*\*\*\s*[\w(]/, 'x ** y is Math.pow (DET-1)']
			] as const)
				if (pattern.test(code)) found.push(`${f}: ${why}`);
		}
		expect(found).toEqual([]);
	});
});
