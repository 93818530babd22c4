// The Chromium resolution shared by `npm test`, playwright.config.ts and the browser bench
// (scripts/chromium.mjs), and the test command's stop when no browser can be found.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	GET_A_BROWSER,
	SYSTEM_CHROMIUM,
	chromiumExecutable,
	ensureChromium,
	executableProblem,
	noChromiumMessage,
	resolveChromium
} from '../../scripts/chromium.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pigeonhole-chromium-'));

function executable(name: string): string {
	const path = join(dir, name);
	writeFileSync(path, '#!/bin/sh\nexit 0\n');
	chmodSync(path, 0o755);
	return path;
}

const missing = join(dir, 'no-such-chrome');
const noCache = () => join(dir, 'cache', 'chrome');

describe('resolveChromium', () => {
	it('uses CHROMIUM_PATH when it names an executable file', () => {
		const chrome = executable('chrome-from-env');
		const system = executable('system-chromium');
		const r = resolveChromium({
			env: { CHROMIUM_PATH: chrome, PIGEONHOLE_CHROMIUM_CANDIDATES: system },
			playwrightPath: noCache
		});
		expect(r.path).toBe(chrome);
		expect(r.source).toBe('CHROMIUM_PATH');
		expect(r.tried).toEqual([{ source: 'CHROMIUM_PATH', path: chrome }]);
	});

	it('reports a CHROMIUM_PATH that points to a missing file and goes on to the system Chromium', () => {
		const system = executable('system-chromium-2');
		const r = resolveChromium({
			env: { CHROMIUM_PATH: missing, PIGEONHOLE_CHROMIUM_CANDIDATES: system },
			playwrightPath: noCache
		});
		expect(r.path).toBe(system);
		expect(r.source).toBe('system');
		expect(r.tried[0]).toEqual({ source: 'CHROMIUM_PATH', path: missing, problem: 'no such file' });
	});

	it("falls back to Playwright's cache when neither CHROMIUM_PATH nor the system has one", () => {
		const cached = executable('cached-chrome');
		const r = resolveChromium({
			env: { PIGEONHOLE_CHROMIUM_CANDIDATES: missing },
			playwrightPath: () => cached
		});
		expect(r.path).toBe(cached);
		expect(r.source).toBe('playwright');
		expect(r.tried.map((t) => t.problem)).toEqual(['no such file', undefined]);
	});

	it('looks at CHROMIUM_PATH, then /usr/bin/chromium, then the cache, in that order', () => {
		const looked: string[] = [];
		const r = resolveChromium({
			env: { CHROMIUM_PATH: '/opt/chrome' },
			check: (p) => {
				looked.push(p);
				return 'no such file';
			},
			playwrightPath: () => '/cache/chrome'
		});
		expect(SYSTEM_CHROMIUM).toEqual(['/usr/bin/chromium']);
		expect(looked).toEqual(['/opt/chrome', '/usr/bin/chromium', '/cache/chrome']);
		expect(r.path).toBeNull();
	});

	it('an empty CHROMIUM_PATH counts as unset', () => {
		const looked: string[] = [];
		resolveChromium({
			env: { CHROMIUM_PATH: '' },
			check: (p) => (looked.push(p), 'no such file'),
			playwrightPath: () => '/cache/chrome'
		});
		expect(looked).toEqual(['/usr/bin/chromium', '/cache/chrome']);
	});

	it('reports when playwright-core cannot say where its Chromium is', () => {
		const r = resolveChromium({
			env: { PIGEONHOLE_CHROMIUM_CANDIDATES: '' },
			playwrightPath: () => {
				throw new Error('unsupported platform\nmore detail');
			}
		});
		expect(r.path).toBeNull();
		expect(r.tried).toEqual([
			{ source: 'playwright', path: '', problem: 'playwright-core could not say (unsupported platform)' }
		]);
	});

	it('asks the real playwright-core by default', () => {
		const r = resolveChromium({ env: { PIGEONHOLE_CHROMIUM_CANDIDATES: '' }, check: () => 'no such file' });
		expect(r.tried).toHaveLength(1);
		expect(r.tried[0]?.source).toBe('playwright');
		expect(r.tried[0]?.path).toMatch(/chrom/i);
	});

	it('the candidate override takes a path-delimited list and skips the missing ones', () => {
		const second = executable('second-candidate');
		const r = resolveChromium({
			env: { PIGEONHOLE_CHROMIUM_CANDIDATES: [missing, second].join(delimiter) },
			playwrightPath: noCache
		});
		expect(r.path).toBe(second);
	});
});

describe('executableProblem', () => {
	it('tells a missing file, a directory and a file without the execute bit apart', () => {
		const plain = join(dir, 'plain-file');
		writeFileSync(plain, 'not a browser');
		chmodSync(plain, 0o644);
		expect(executableProblem(missing)).toBe('no such file');
		expect(executableProblem(dir)).toBe('not a file');
		expect(executableProblem(plain)).toBe('not executable');
		expect(executableProblem(executable('fine'))).toBeUndefined();
	});
});

describe('noChromiumMessage', () => {
	it('names every place looked at and every way to get a browser', () => {
		const r = resolveChromium({
			env: { CHROMIUM_PATH: '/nonexistent', PIGEONHOLE_CHROMIUM_CANDIDATES: missing },
			playwrightPath: noCache
		});
		const message = noChromiumMessage(r.tried, 'exit status 1');
		expect(message).toContain('CHROMIUM_PATH=/nonexistent: no such file');
		expect(message).toContain(`${missing}: no such file`);
		expect(message).toContain(`Playwright's browser cache (${noCache()}): no such file`);
		expect(message).toContain('`npx playwright install chromium` failed: exit status 1');
		expect(message).toContain('apt-get install chromium');
		expect(message).toContain('CHROMIUM_PATH=/path/to/chrome');
		expect(message).toContain('npx playwright install chromium ');
		for (const way of GET_A_BROWSER) expect(message).toContain(way);
	});

	it('is what playwright.config.ts throws when there is no browser', () => {
		const options = { env: { PIGEONHOLE_CHROMIUM_CANDIDATES: '' }, playwrightPath: noCache };
		expect(() => chromiumExecutable(options)).toThrow(/No Chromium found[\s\S]*apt-get install chromium/);
		const chrome = executable('config-chrome');
		expect(chromiumExecutable({ ...options, env: { CHROMIUM_PATH: chrome } })).toBe(chrome);
	});
});

describe('ensureChromium', () => {
	it('does not install anything when a browser is found', () => {
		let installs = 0;
		const chrome = executable('found-chrome');
		const r = ensureChromium({ env: { CHROMIUM_PATH: chrome }, install: () => (installs++, undefined) });
		expect(r.path).toBe(chrome);
		expect(installs).toBe(0);
	});

	it('installs once when none is found, then uses what the install put in the cache', () => {
		const cached = join(dir, 'installed', 'chrome');
		let installs = 0;
		const r = ensureChromium({
			env: { PIGEONHOLE_CHROMIUM_CANDIDATES: '' },
			playwrightPath: () => cached,
			install: () => {
				installs++;
				mkdirSync(join(dir, 'installed'), { recursive: true });
				writeFileSync(cached, '');
				chmodSync(cached, 0o755);
				return undefined;
			}
		});
		expect(installs).toBe(1);
		expect(r.path).toBe(cached);
		expect(r.source).toBe('playwright');
	});

	it('reports why the install failed when it fails', () => {
		const r = ensureChromium({
			env: { PIGEONHOLE_CHROMIUM_CANDIDATES: '' },
			playwrightPath: noCache,
			install: () => 'exit status 1'
		});
		expect(r.path).toBeNull();
		expect(r.installProblem).toBe('exit status 1');
	});

	it('does not trust an install that reports success but leaves no browser', () => {
		const r = ensureChromium({
			env: { PIGEONHOLE_CHROMIUM_CANDIDATES: '' },
			playwrightPath: noCache,
			install: () => undefined
		});
		expect(r.path).toBeNull();
		expect(r.installProblem).toMatch(/no Chromium is in its cache/);
	});
});

describe('npm test without a browser', () => {
	it('tries `npx playwright install chromium`, then stops before building or running anything', () => {
		// A fake npx records every call and fails; an empty PLAYWRIGHT_BROWSERS_PATH hides Playwright's cache.
		const bin = join(dir, 'bin');
		mkdirSync(bin, { recursive: true });
		const log = join(dir, 'npx.log');
		writeFileSync(join(bin, 'npx'), `#!/bin/sh\necho "$@" >> "${log}"\nexit 1\n`);
		chmodSync(join(bin, 'npx'), 0o755);
		const cwd = mkdtempSync(join(tmpdir(), 'pigeonhole-no-browser-'));
		const r = spawnSync(process.execPath, [resolve('scripts/test-all.mjs')], {
			cwd,
			encoding: 'utf8',
			env: {
				...process.env,
				PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
				CHROMIUM_PATH: '/nonexistent',
				PIGEONHOLE_CHROMIUM_CANDIDATES: '',
				PLAYWRIGHT_BROWSERS_PATH: join(dir, 'empty-browsers')
			}
		});
		expect(r.status).toBe(1);
		expect(r.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
		expect(r.stderr).toContain('No Chromium found');
		expect(r.stderr).toContain('CHROMIUM_PATH=/nonexistent: no such file');
		expect(r.stderr).toContain('`npx playwright install chromium` failed: exit status 1');
		expect(r.stderr).toContain('apt-get install chromium');
		// npx ran once, for the install: no vitest, no build, no playwright test; no reports written.
		expect(readFileSync(log, 'utf8')).toBe('playwright install chromium\n');
		expect(existsSync(join(cwd, 'reports'))).toBe(false);
	});
});
