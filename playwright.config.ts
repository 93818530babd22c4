// End-to-end tests: build + preview on a fixed loopback port, one worker, and the Chromium that
// scripts/chromium.mjs finds (CHROMIUM_PATH, /usr/bin/chromium, then Playwright's own cache); with none, the
// config stops with a message naming the ways to get one, before the site is built. Tests drive the app
// through window.pigeonhole, never wall time.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/chromium.mjs';

// PW_PORT lets two checkouts run their e2e suites side by side.
const PORT = Number(process.env.PW_PORT ?? 4173);

/** Flags for Chromium here (the benchmarks launch it with the same ones). */
export { CHROMIUM_ARGS };

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1280, height: 800 },
		trace: 'off'
	},
	webServer: {
		command: `npm run build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	},
	projects: [
		{
			name: 'chromium',
			use: {
				browserName: 'chromium',
				launchOptions: {
					executablePath: chromiumExecutable(),
					args: CHROMIUM_ARGS
				}
			}
		}
	]
});
