#!/usr/bin/env node
// `npm test`: the unit suite (Vitest) and the e2e suite (Playwright against the built site), each writing a
// JSON report; then one line "N passed, M failed" counting every test run. Exit non-zero on any failure.
// A missing report (a crashed runner) counts as a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestReport = `${reports}/vitest.json`;
const playwrightReport = `${reports}/playwright.json`;

function run(cmd, args, env) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

const only = process.argv[2]; // 'unit' | 'e2e' | undefined (both)
let passed = 0;
let failed = 0;

if (only !== 'e2e') {
	const code = run('npx', ['vitest', 'run'], { VITEST_JSON: vitestReport });
	if (existsSync(vitestReport)) {
		const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
		passed += r.numPassedTests ?? 0;
		failed += r.numFailedTests ?? 0;
		const crashed = (r.testResults ?? []).filter(
			(t) => t.status === 'failed' && (t.assertionResults ?? []).every((a) => a.status !== 'failed')
		);
		failed += crashed.length;
		if (r.success === false && (r.numFailedTests ?? 0) === 0 && crashed.length === 0) failed += 1;
		if (code !== 0 && failed === 0) failed += 1;
	} else {
		console.error('test-all: the Vitest report is missing (the runner crashed?)');
		failed += 1;
	}
}

if (only !== 'unit') {
	const code = run('npx', ['playwright', 'test'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1'
	});
	if (existsSync(playwrightReport)) {
		const r = JSON.parse(readFileSync(playwrightReport, 'utf8'));
		const s = r.stats ?? {};
		passed += (s.expected ?? 0) + (s.flaky ?? 0);
		failed += (s.unexpected ?? 0) + (r.errors?.length ?? 0);
		if (code !== 0 && (s.unexpected ?? 0) + (r.errors?.length ?? 0) === 0) failed += 1;
	} else {
		console.error('test-all: the Playwright report is missing (the runner crashed?)');
		failed += 1;
	}
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
