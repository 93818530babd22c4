// The CLI's fidelity report (npm run sim -- --fidelity [--json]): the same report as the fidelity page,
// made from the test files at run time. Names cite no rule id: they check the report, not AWS rules.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTestFiles } from '../../../src/lib/fidelity/files';
import { RULES } from '../../../src/lib/fidelity/rules';
import { buildReport, type FidelityReport } from '../../../src/lib/fidelity/scan';

const tsx = resolve('node_modules', '.bin', 'tsx');
const cli = resolve('src', 'cli', 'sim.ts');
const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8' });

describe('npm run sim -- --fidelity', () => {
	it('prints a table with a row per rule: id, status, evidence and number of tests, then the totals', () => {
		const r = run('--fidelity');
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		const lines = r.stdout.split('\n');
		expect(lines[0]).toMatch(/^rule\s+status\s+evidence\s+tests\b/);
		const report = buildReport(RULES, readTestFiles('.'));
		for (const rule of report.rules) {
			const row = lines.find((l) => l.startsWith(`${rule.id} `));
			expect(row, rule.id).toBeDefined();
			const [id, status] = (row as string).split(/\s+/);
			expect([id, status]).toEqual([rule.id, rule.status]);
			expect(row).toContain(` ${rule.evidence} `);
			expect(row).toMatch(new RegExp(`\\s${rule.tests.length}\\s`));
		}
		expect(r.stdout).toMatch(/\d+ of 104 rules tested \(\d+ untested\) by \d+ tests/);
	});

	it('--json prints the report object: every rule with its status and tests, and the totals', () => {
		const r = run('--fidelity', '--json');
		expect(r.status).toBe(0);
		const report = JSON.parse(r.stdout) as FidelityReport;
		expect(report.rules.map((x) => x.id)).toEqual(RULES.map((x) => x.id));
		for (const rule of report.rules) {
			expect(rule.status, rule.id).toBe(rule.tests.length > 0 ? 'tested' : 'untested');
			for (const t of rule.tests) {
				expect(t.file).toMatch(/^tests\//);
				expect(t.name).not.toBe('');
			}
		}
		expect(report.totals.rules).toBe(RULES.length);
		expect(report.totals.tested + report.totals.untested).toBe(RULES.length);
		expect(report.totals.tested).toBe(report.rules.filter((x) => x.status === 'tested').length);
		const byEvidence = Object.values(report.totals.byEvidence).reduce((n, v) => n + v.rules, 0);
		expect(byEvidence).toBe(RULES.length);
	});

	it('runs from any working directory: it reads the tests of its own source tree', () => {
		const r = spawnSync(tsx, [cli, '--fidelity', '--json'], { encoding: 'utf8', cwd: resolve('src') });
		expect(r.status).toBe(0);
		const report = JSON.parse(r.stdout) as FidelityReport;
		expect(report.totals.tested).toBeGreaterThan(50);
	});

	it('is in --help, and refuses a scenario file or run options alongside it', () => {
		expect(run('--help').stdout).toContain('--fidelity');
		const withFile = run('--fidelity', 'scenarios/sqs-standard-duplicates.json');
		expect(withFile.status).toBe(2);
		expect(withFile.stderr).toBe(
			"sim: --fidelity reads the test files, not a scenario (got 'scenarios/sqs-standard-duplicates.json')\n"
		);
		const withSeed = run('--fidelity', '--seed', '3');
		expect(withSeed.status).toBe(2);
		expect(withSeed.stderr).toBe('sim: --seed does not apply to --fidelity\n');
	});
});
