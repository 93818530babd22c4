// Which Chromium the end-to-end tests and the browser benchmarks launch: one answer for `npm test`
// (scripts/test-all.mjs), playwright.config.ts and bench/browser.ts. Looked for in this order:
//   1. the CHROMIUM_PATH environment variable (any Chromium or Chrome build);
//   2. the system's Chromium, /usr/bin/chromium (Debian's `apt-get install chromium`; what CI installs);
//   3. Playwright's own browser cache (`npx playwright install chromium`), as playwright-core reports it.
// A CHROMIUM_PATH that names no executable file is reported and the search goes on.
// PIGEONHOLE_CHROMIUM_CANDIDATES (a path-delimiter-separated list, possibly empty) replaces the system
// candidates of step 2; it exists for tests, to hide /usr/bin/chromium from the resolver.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter } from 'node:path';

/** Flags for Chromium here (the e2e tests and the benchmarks launch it with the same ones). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Where a system-wide Chromium is looked for (step 2). */
export const SYSTEM_CHROMIUM = ['/usr/bin/chromium'];

/** The ways to get a browser, as printed when none is found. */
export const GET_A_BROWSER = [
	'apt-get install chromium              (Debian/Ubuntu: installs /usr/bin/chromium, as CI does)',
	'CHROMIUM_PATH=/path/to/chrome npm test (any Chromium or Chrome already on this machine)',
	"npx playwright install chromium       (Playwright's own build into its cache; needs internet access)"
];

/**
 * @typedef {object} Tried One place looked at.
 * @property {string} source where the candidate came from ('CHROMIUM_PATH', 'system', 'playwright')
 * @property {string} path the path looked at ('' when there was none to look at)
 * @property {string} [problem] why it cannot be used; absent for the one that can
 */

/**
 * @typedef {object} Resolution
 * @property {string | null} path the executable to launch, or null when none was found
 * @property {string} source the source of `path` ('' when none)
 * @property {Tried[]} tried every candidate looked at, in order, the usable one last
 */

/**
 * @typedef {object} ResolveOptions
 * @property {Record<string, string | undefined>} [env] the environment (default: process.env)
 * @property {(path: string) => string | undefined} [check] why `path` is not a usable executable, or
 *   undefined when it is (default: the file system)
 * @property {() => string} [playwrightPath] where Playwright's cache keeps its Chromium (default: ask
 *   playwright-core); may throw
 */

/**
 * Why `path` cannot be launched, or undefined when it is an executable file.
 * @param {string} path
 * @returns {string | undefined}
 */
export function executableProblem(path) {
	try {
		if (!statSync(path).isFile()) return 'not a file';
	} catch {
		return 'no such file';
	}
	try {
		accessSync(path, constants.X_OK);
	} catch {
		return 'not executable';
	}
	return undefined;
}

/** @returns {string} the Chromium executable that playwright-core would launch from its own cache */
function playwrightCachePath() {
	const require = createRequire(import.meta.url);
	/** @type {{ chromium: { executablePath(): string } }} */
	const core = require('playwright-core');
	return core.chromium.executablePath();
}

/**
 * The system candidates (step 2), or the test override.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
function systemCandidates(env) {
	const override = env.PIGEONHOLE_CHROMIUM_CANDIDATES;
	if (override === undefined) return SYSTEM_CHROMIUM;
	return override.split(delimiter).filter((p) => p !== '');
}

/**
 * Finds the Chromium to launch, without installing anything.
 * @param {ResolveOptions} [options]
 * @returns {Resolution}
 */
export function resolveChromium(options = {}) {
	const env = options.env ?? process.env;
	const check = options.check ?? executableProblem;
	const playwrightPath = options.playwrightPath ?? playwrightCachePath;
	/** @type {Tried[]} */
	const tried = [];
	/**
	 * @param {string} source
	 * @param {string} path
	 * @returns {Resolution | undefined}
	 */
	const consider = (source, path) => {
		const problem = check(path);
		tried.push(problem === undefined ? { source, path } : { source, path, problem });
		return problem === undefined ? { path, source, tried } : undefined;
	};

	const fromEnv = env.CHROMIUM_PATH;
	if (fromEnv !== undefined && fromEnv !== '') {
		const found = consider('CHROMIUM_PATH', fromEnv);
		if (found) return found;
	}
	for (const path of systemCandidates(env)) {
		const found = consider('system', path);
		if (found) return found;
	}
	let cached;
	try {
		cached = playwrightPath();
	} catch (e) {
		tried.push({
			source: 'playwright',
			path: '',
			problem: `playwright-core could not say (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`
		});
	}
	if (cached !== undefined) {
		const found = consider('playwright', cached);
		if (found) return found;
	}
	return { path: null, source: '', tried };
}

/**
 * One line per candidate that could not be used, e.g. "CHROMIUM_PATH=/x: no such file".
 * @param {Tried[]} tried
 * @returns {string[]}
 */
export function describeProblems(tried) {
	return tried
		.filter((t) => t.problem !== undefined)
		.map((t) => {
			const what =
				t.source === 'CHROMIUM_PATH'
					? `CHROMIUM_PATH=${t.path}`
					: t.source === 'playwright'
						? `Playwright's browser cache${t.path ? ` (${t.path})` : ''}`
						: t.path;
			return `${what}: ${t.problem}`;
		});
}

/**
 * The message printed when no Chromium can be found: where it looked, and the ways to get one.
 * @param {Tried[]} tried
 * @param {string} [installProblem] why `npx playwright install chromium` failed, when it was tried
 * @returns {string}
 */
export function noChromiumMessage(tried, installProblem) {
	const lines = ['No Chromium found for the end-to-end tests. Looked at:'];
	for (const line of describeProblems(tried)) lines.push(`  - ${line}`);
	if (installProblem !== undefined) {
		lines.push(`Then \`npx playwright install chromium\` failed: ${installProblem}`);
	}
	lines.push('Get a browser in one of these ways, then run the tests again:');
	for (const way of GET_A_BROWSER) lines.push(`  - ${way}`);
	return lines.join('\n');
}

/**
 * The executable for playwright.config.ts: throws the message above when there is none, so that
 * `playwright test` stops before it builds the site.
 * @param {ResolveOptions} [options]
 * @returns {string}
 */
export function chromiumExecutable(options) {
	const found = resolveChromium(options);
	if (found.path === null) throw new Error(noChromiumMessage(found.tried));
	return found.path;
}

/**
 * Runs `npx playwright install chromium`.
 * @returns {string | undefined} why it failed, or undefined when it succeeded
 */
export function installPlaywrightChromium() {
	console.error('No Chromium found; trying `npx playwright install chromium` …');
	const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
	if (r.error) return r.error.message;
	if (r.status !== 0) return `exit status ${r.status ?? `signal ${r.signal}`}`;
	return undefined;
}

/**
 * Finds a Chromium, and when there is none tries `npx playwright install chromium` once.
 * @param {ResolveOptions & { install?: () => string | undefined }} [options]
 * @returns {Resolution & { installProblem?: string }}
 */
export function ensureChromium(options = {}) {
	const first = resolveChromium(options);
	if (first.path !== null) return first;
	const installProblem = (options.install ?? installPlaywrightChromium)();
	const second = resolveChromium(options);
	if (second.path !== null) return second;
	return installProblem === undefined
		? { ...second, installProblem: 'it reported success, but no Chromium is in its cache' }
		: { ...second, installProblem };
}
