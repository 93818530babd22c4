#!/usr/bin/env node
// `npm test`: the unit suite (Vitest) and the e2e suite (Playwright against the built site), each writing a
// JSON report; then one line "N passed, M failed" counting every test run. Exit non-zero on any failure.
// A missing report (a crashed runner) counts as a failure. Before anything runs, the e2e suite's Chromium
// is found (scripts/chromium.mjs), installed with `npx playwright install chromium` when there is none, and
// when that fails too the command stops with one message instead of building and failing every e2e test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { describeProblems, ensureChromium, noChromiumMessage } from './chromium.mjs';

const only = process.argv[2]; // 'unit' | 'e2e' | undefined (both)

/** @type {string | undefined} */
let chromiumPath;
if (only !== 'unit') {
	const found = ensureChromium();
	if (found.path === null) {
		console.error(`test-all: ${noChromiumMessage(found.tried, found.installProblem)}`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
	for (const problem of describeProblems(found.tried)) console.warn(`test-all: ${problem}; skipped`);
	console.log(`test-all: e2e tests launch ${found.path} (${found.source})`);
	chromiumPath = found.path;
}

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestReport = `${reports}/vitest.json`;
const playwrightReport = `${reports}/playwright.json`;

function run(cmd, args, env) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

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
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
		// playwright.config.ts resolves the same way; handing it the answer makes sure both agree.
		CHROMIUM_PATH: chromiumPath
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
