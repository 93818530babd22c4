// Browser benchmarks for `npm run bench` (headless Chromium at 1280×800 against the built site):
// frame time with thousands of message dots on the stage, seeking in a 60-minute scenario, and the heap
// while one hour of simulated time at 100 messages/s plays. Returns rows; measures, never fails.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import {
	CHROMIUM_ARGS as PLAYWRIGHT_CHROMIUM_ARGS,
	noChromiumMessage,
	resolveChromium
} from '../scripts/chromium.mjs';

export interface BrowserRow {
	name: string;
	value: number;
	unit: string;
	note: string;
}

const PORT = Number(process.env.BENCH_PORT ?? 4573);
const CHROMIUM_ARGS = [...PLAYWRIGHT_CHROMIUM_ARGS, '--js-flags=--expose-gc'];

/**
 * Two producers whose sends take 2 s to arrive, into a standard queue that a consumer fleet keeps drained:
 * about `dots` messages are in flight between the producers and the queue at any moment, plus those being
 * received and processed.
 */
function dotsScenario(dots: number): unknown {
	return {
		version: 1,
		name: `${dots} messages on the stage`,
		seed: 3,
		durationMs: 120_000,
		nodes: [
			...['a', 'b'].map((k) => ({
				id: `producer-${k}`,
				type: 'producer',
				target: 'queue',
				Rate: { type: 'fixed', perSecond: dots / 4 },
				LatencyMs: 2000,
				Body: 'm {n}'
			})),
			{ id: 'queue', type: 'sqs-queue', VisibilityTimeout: 60, Nondeterminism: 'typical' },
			{
				id: 'consumer',
				type: 'consumer',
				source: 'queue',
				Workers: Math.ceil(dots / 20),
				WaitTimeSeconds: 20,
				MaxNumberOfMessages: 10,
				ProcessingTime: { type: 'uniform', minMs: 1, maxMs: 5 }
			}
		]
	};
}

/** One hour at 100 messages/s through a queue drained by a consumer fleet. */
function hourScenario(): unknown {
	return {
		version: 1,
		name: 'One hour at 100 messages/s',
		seed: 5,
		durationMs: 3_600_000,
		nodes: [
			{
				id: 'producer',
				type: 'producer',
				target: 'queue',
				Rate: { type: 'fixed', perSecond: 100 },
				Body: 'm {n}'
			},
			{ id: 'queue', type: 'sqs-queue', Nondeterminism: 'typical' },
			{
				id: 'consumer',
				type: 'consumer',
				source: 'queue',
				Workers: 10,
				WaitTimeSeconds: 20,
				MaxNumberOfMessages: 10,
				ProcessingTime: { type: 'uniform', minMs: 20, maxMs: 80 }
			}
		]
	};
}

const p95 = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
};

async function waitForServer(url: string, ms: number): Promise<void> {
	const until = performance.now() + ms;
	while (performance.now() < until) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`the preview server did not answer at ${url}`);
}

async function heapMiB(page: Page): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
	await cdp.detach();
	return usedSize / 2 ** 20;
}

/** rAF intervals while playing at speed 1 for `ms` of wall time. */
async function frameTimes(page: Page, ms: number): Promise<number[]> {
	await page.getByTestId('play').click();
	// Passed as text: tsx's name-keeping helpers do not exist in the page.
	const deltas = (await page.evaluate(`new Promise((resolve) => {
		const out = [];
		let last = performance.now();
		const start = last;
		const frame = (t) => {
			out.push(t - last);
			last = t;
			if (t - start < ${ms}) requestAnimationFrame(frame);
			else resolve(out.slice(2)); // the first frames include the click's own work
		};
		requestAnimationFrame(frame);
	})`)) as number[];
	await page.getByTestId('pause').click();
	return deltas;
}

/** Times of 40 seeks to seeded random moments (the same moments on every run). */
async function randomSeeks(page: Page, durationMs: number): Promise<number[]> {
	const times: number[] = [];
	let x = 12345;
	for (let k = 0; k < 40; k++) {
		x = (x * 1103515245 + 12345) % 2 ** 31;
		const t = Math.floor((x / 2 ** 31) * durationMs);
		times.push(
			(await page.evaluate(
				`(() => { const t0 = performance.now(); window.pigeonhole.seek(${t}); return performance.now() - t0; })()`
			)) as number
		);
	}
	return times;
}

export async function browserBench(): Promise<BrowserRow[]> {
	const rows: BrowserRow[] = [];
	if (!existsSync('build/index.html')) {
		console.warn('browser bench: build/ is missing; run `npm run build` first. Skipped.');
		return rows;
	}
	// The same Chromium as the e2e tests (scripts/chromium.mjs); the bench measures, so it skips rather than installs.
	const found = resolveChromium();
	if (found.path === null) {
		console.warn(`browser bench: ${noChromiumMessage(found.tried)}\nSkipped.`);
		return rows;
	}
	const server: ChildProcess = spawn(
		'node_modules/.bin/vite',
		['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
		{ stdio: 'ignore', detached: true }
	);
	const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
	try {
		const url = `http://127.0.0.1:${PORT}/`;
		await waitForServer(url, 60_000);
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await page.goto(url);
		await page.waitForFunction(() => 'pigeonhole' in window);

		// 3. Frame time with 2,000 and 10,000 messages on the stage.
		for (const [dots, budget] of [
			[2000, 16.7],
			[10_000, 33]
		] as const) {
			await page.evaluate((s) => window.pigeonhole!.load(s), dotsScenario(dots));
			await page.evaluate(() => window.pigeonhole!.seek(20_000));
			const shown = await page.evaluate(() => window.pigeonhole!.dots().length);
			const deltas = await frameTimes(page, 4000);
			const over = deltas.filter((d) => d > budget + 0.5).length;
			rows.push({
				name: `Frame time, ${dots.toLocaleString('en-US')} messages on the stage`,
				value: p95(deltas),
				unit: 'ms p95',
				note: `${shown} dots at the start, ${deltas.length} frames over 4 s at speed 1; ${over} over ${budget} ms (target ≤ ${budget} ms)`
			});
		}

		if (process.env.BENCH_FRAMES_ONLY === '1') return rows;

		// 4. Seeking in the 10-minute classroom scenario, with the stage and charts following.
		const classroom = {
			...(JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8')) as object),
			durationMs: 600_000
		};
		await page.evaluate((s) => window.pigeonhole!.load(s), classroom);
		await page.evaluate(() => window.pigeonhole!.seek(600_000));
		rows.push({
			name: 'Seek to a random time in the browser (10-min scenario)',
			value: p95(await randomSeeks(page, 600_000)),
			unit: 'ms p95',
			note: '40 seeded random seeks after the run was played once, views included (target ≤ 100 ms)'
		});

		// 4 and 6. A 60-minute scenario: play it through in steps (as the play loop does), recording the heap,
		// then seek to random times.
		await page.evaluate((s) => window.pigeonhole!.load(s), hourScenario());
		const base = await heapMiB(page);
		const heap: string[] = [];
		let peak = 0;
		for (let minute = 5; minute <= 60; minute += 5) {
			// 10 simulated seconds per step, yielding to the page every simulated minute like animation frames do.
			await page.evaluate(`(async () => {
				for (let t = ${(minute - 5) * 60_000}; t < ${minute * 60_000}; t += 10000) {
					window.pigeonhole.seek(t + 10000);
					if (t % 60000 === 0) await new Promise((r) => setTimeout(r, 0));
				}
			})()`);
			const mib = await heapMiB(page);
			peak = Math.max(peak, mib);
			if (minute % 15 === 0) heap.push(`${minute} min: ${mib.toFixed(0)} MiB`);
		}
		rows.push({
			name: 'Heap after playing 1 h at 100 messages/s',
			value: peak,
			unit: 'MiB peak',
			note: `after GC; before the run ${base.toFixed(0)} MiB; ${heap.join(', ')}`
		});
		rows.push({
			name: 'Seek to a random time in the browser (60-min scenario)',
			value: p95(await randomSeeks(page, 3_600_000)),
			unit: 'ms p95',
			note: '40 seeded random seeks after the run was played once, views included (target ≤ 300 ms)'
		});
	} finally {
		await browser.close();
		try {
			if (server.pid) process.kill(-server.pid);
		} catch {
			// already gone
		}
	}
	return rows;
}
