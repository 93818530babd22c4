import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join('node_modules', '.bin', 'tsx');
const run = (...args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });

describe('headless CLI (npm run sim)', () => {
	it('runs a sample scenario and prints a per-node summary table', () => {
		const r = run('scenarios/sqs-standard-duplicates.json', '--until', '30s');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(
			/node\s+sent\s+received\s+deleted\s+dup delivered\s+out of order\s+dead-lettered\s+expired/
		);
		expect(r.stdout).toMatch(/^orders\s+\d+/m);
		expect(r.stdout).toMatch(/30s simulated/);
	});

	it('--json gives machine-readable output with a trace hash that --seed changes', () => {
		const a = JSON.parse(
			execFileSync(
				tsx,
				['src/cli/sim.ts', 'scenarios/sqs-standard-duplicates.json', '--until', '20s', '--json'],
				{ encoding: 'utf8' }
			)
		);
		const b = JSON.parse(
			execFileSync(
				tsx,
				[
					'src/cli/sim.ts',
					'scenarios/sqs-standard-duplicates.json',
					'--until',
					'20s',
					'--json',
					'--seed',
					'7'
				],
				{ encoding: 'utf8' }
			)
		);
		expect(a.traceHash).toMatch(/^[0-9a-f]{32}$/);
		expect(a.nodes.find((n: { node: string }) => n.node === 'orders').sent).toBeGreaterThan(0);
		expect(b.seed).toBe(7);
		expect(b.traceHash).not.toBe(a.traceHash);
	});

	it('--trace writes JSON lines', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sim-'));
		const out = join(dir, 't.jsonl');
		expect(run('scenarios/sqs-standard-duplicates.json', '--until', '5s', '--trace', out).status).toBe(0);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		expect(lines.length).toBeGreaterThan(5);
		expect(JSON.parse(lines[0] as string)).toMatchObject({ i: 0, t: 0 });
	});

	it('exits non-zero with a path-precise message on an invalid scenario', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sim-'));
		const bad = join(dir, 'bad.json');
		writeFileSync(
			bad,
			JSON.stringify({
				version: 1,
				name: 'x',
				seed: 1,
				durationMs: 1000,
				nodes: [{ id: 'q', type: 'sqs-queue', VisibilityTimeout: 99999 }]
			})
		);
		const r = run(bad);
		expect(r.status).not.toBe(0);
		expect(r.stderr).toContain('nodes[0].VisibilityTimeout: must be 0–43200 seconds');
	});

	it('exits non-zero on a missing file or a bad option', () => {
		const r = run('no/such/file.json');
		expect(r.status).not.toBe(0);
		expect(r.stderr).toContain('no such file: no/such/file.json');
		const u = run('scenarios/sqs-standard-duplicates.json', '--until', 'soon');
		expect(u.status).not.toBe(0);
		expect(u.stderr).toContain('--until must be a duration');
	});
});
