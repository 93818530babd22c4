// npm run sim -- FILE --seeds RANGE: a seed sweep on worker threads. Each run is the single run of its seed
// (same trace hash as --seed N), the output does not depend on the thread count, bad ranges and clashing
// options are one line and exit 2, and a template sweeps like a scenario. The spawns run concurrently.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/lib/services';
import { runSeed } from '../../../src/lib/sweep/run-seed';

const tsx = resolve('node_modules', '.bin', 'tsx');
const cli = resolve('src', 'cli', 'sim.ts');
const run = (...args: string[]) =>
	new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
		execFile(tsx, [cli, ...args], { encoding: 'utf8' }, (err, stdout, stderr) =>
			done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
		);
	});

const FILE = 'scenarios/sqs-standard-duplicates.json';
const scenario = loadScenario(readFileSync(FILE, 'utf8'));

interface SweepJson {
	scenario: string;
	seeds: number[];
	untilMs: number;
	threads: number;
	nodes: { node: string; sent: { mean: number; runs: number } }[];
	runs: { seed: number; events: number; traceHash: string; nodes: { node: string }[] }[];
	template?: { entryPoints: string[] };
}

describe('npm run sim -- FILE --seeds RANGE', () => {
	it('--seeds 1-4 --json: 4 runs in seed order, each the run --seed N gives, whatever the threads', async () => {
		const [two, one, single1, single4] = await Promise.all([
			run(FILE, '--seeds', '1-4', '--until', '5s', '--json', '--threads', '2'),
			run(FILE, '--seeds', '1-4', '--until', '5s', '--json', '--threads', '1'),
			run(FILE, '--seed', '1', '--until', '5s', '--json'),
			run(FILE, '--seed', '4', '--until', '5s', '--json')
		]);
		expect(two.status).toBe(0);
		const out = JSON.parse(two.stdout) as SweepJson;
		expect(Object.keys(out)).toEqual([
			'scenario',
			'seeds',
			'untilMs',
			'threads',
			'nodes',
			'runs',
			'findings'
		]);
		expect(out.seeds).toEqual([1, 2, 3, 4]);
		expect(out.untilMs).toBe(5000);
		expect(out.runs.map((r) => r.seed)).toEqual([1, 2, 3, 4]);
		// Seeds 1 and 4 against the CLI's single runs; all four against runSeed, which is that run
		// (tests/unit/sweep/run-seed.test.ts).
		for (const [k, single] of [
			[0, single1],
			[3, single4]
		] as const) {
			const s = JSON.parse(single.stdout) as { traceHash: string; events: number; nodes: unknown };
			expect(out.runs[k]).toEqual({ seed: k + 1, events: s.events, traceHash: s.traceHash, nodes: s.nodes });
		}
		out.runs.forEach((r) => expect(r).toEqual(runSeed(scenario, r.seed, 5000)));
		expect(new Set(out.runs.map((r) => r.traceHash)).size).toBe(4);
		expect(out.nodes.map((n) => n.node)).toEqual(['orders-producer', 'orders', 'workers']);
		expect(out.nodes[0]!.sent.runs).toBe(4);
		// --threads 1 and --threads 2: the same JSON but for threads.
		const a = JSON.parse(one.stdout) as SweepJson;
		expect([a.threads, out.threads]).toEqual([1, 2]);
		expect({ ...a, threads: 0 }).toEqual({ ...out, threads: 0 });
		expect(one.stderr).toMatch(/^sim: 4 seeds in [\d.]+ s wall \([\d.]+ seeds\/s\) on 1 thread\n$/);
	});

	it('bad ranges, --seeds with --seed or --trace, and bad --threads are one line and exit 2', async () => {
		const cases: [string[], RegExp][] = [
			[['--seeds', '5-1'], /^sim: --seeds '5-1': range 5-1 goes down; write it 1-5$/],
			[
				['--seeds', '1-3', '--seed', '2'],
				/^sim: --seeds runs a range of seeds; it cannot be combined with --seed$/
			],
			[
				['--seeds', '1-3', '--trace', 't.jsonl'],
				/^sim: --trace writes the trace of one run; it cannot be combined/
			],
			[
				['--seeds', '1-3', '--threads', '257'],
				/^sim: --threads must be a whole number from 1 to 256 \(got '257'\)$/
			],
			[['--threads', '2'], /^sim: --threads applies to a seed sweep \(--seeds\) only$/]
		];
		const results = await Promise.all(cases.map(([args]) => run(FILE, ...args)));
		results.forEach((r, k) => {
			const [args, message] = cases[k]!;
			expect(r.status, args.join(' ')).toBe(2);
			expect(r.stdout).toBe('');
			expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
			expect(r.stderr.trim(), args.join(' ')).toMatch(message);
		});
	});

	it('a template sweeps like a scenario: a table per node, and --json with the import report', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'sim-sweep-')), 'stack.yaml');
		writeFileSync(path, 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties: {}\n');
		const [table, json] = await Promise.all([
			run(path, '--seeds', '1-3', '--until', '5s', '--load', 'Jobs=4', '--threads', '1'),
			run(path, '--seeds', '1-3', '--until', '5s', '--json', '--threads', '1')
		]);
		expect(table.status).toBe(0);
		expect(table.stdout).toMatch(/— 3 seeds \(1-3\), 5s simulated, 1 thread\n/);
		expect(table.stdout).toMatch(/^Jobs\n {2}metric\s+mean\s+p5\s+p50\s+p95\s+max\s+max at seed$/m);
		expect(table.stdout).toMatch(/^ {2}sent\s+20\.0\s+20\s+20\s+20\s+20\s+1$/m);
		expect(table.stdout).toMatch(/3 distinct trace hashes in 3 runs|1 distinct trace hash in 3 runs/);
		expect(table.stderr).toMatch(/imported .*stack\.yaml: 2 nodes/);
		for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
		const out = JSON.parse(json.stdout) as SweepJson;
		expect(out.runs).toHaveLength(3);
		expect(out.template?.entryPoints).toEqual(['Jobs']);
		expect(out.runs[0]!.nodes.map((n) => n.node)).toEqual(['JobsProducer', 'Jobs']);
	});
});
