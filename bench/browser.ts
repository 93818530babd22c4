// Browser benchmarks for `npm run bench` (headless Chromium at 1280×800 against the built site):
// frame time with thousands of message dots on the stage, seeking in a 60-minute scenario, and the heap
// while one hour of simulated time at 100 messages/s plays. Returns rows; measures, never fails.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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

/** Times of 40 seeks to seeded random moments (the same moments on every run), each until the stage shows it. */
async function randomSeeks(page: Page, durationMs: number): Promise<number[]> {
	const times: number[] = [];
	let x = 12345;
	for (let k = 0; k < 40; k++) {
		x = (x * 1103515245 + 12345) % 2 ** 31;
		const t = Math.floor((x / 2 ** 31) * durationMs);
		times.push(
			(await page.evaluate(
				`(async () => { const t0 = performance.now(); await window.pigeonhole.seek(${t}); return performance.now() - t0; })()`
			)) as number
		);
	}
	return times;
}

/** Start recording main-thread long tasks (a `longtask` PerformanceObserver: tasks over 50 ms). */
async function startLongTasks(page: Page): Promise<void> {
	await page.evaluate(`(() => {
		window.__longTasks = [];
		window.__longTaskObserver?.disconnect();
		window.__longTaskObserver = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) window.__longTasks.push(e.duration);
		});
		window.__longTaskObserver.observe({ type: 'longtask' });
	})()`);
}

/** The long tasks recorded since startLongTasks: how many and the longest (ms). */
async function longTasks(page: Page): Promise<{ count: number; longest: number }> {
	// Observers deliver a frame or two late.
	await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
	const tasks = (await page.evaluate('window.__longTasks')) as number[];
	return { count: tasks.length, longest: Math.max(0, ...tasks) };
}

const taskNote = (t: { count: number; longest: number }) =>
	t.count === 0 ? 'no task over 50 ms' : `${t.count} over 50 ms, the longest ${t.longest.toFixed(0)} ms`;

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
		// What the page fetched until the simulator was running (the first load, then the simulator's chunk).
		const fetched = (await page.evaluate(
			`performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\\.(js|css)$/.test(p))`
		)) as string[];
		const interactive = fetched
			.map((p) => join('build', p))
			.filter((f) => existsSync(f) && !f.includes('/workers/'))
			.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
		rows.push({
			name: 'Until the simulator runs: first load + its chunk, JS + CSS, gzip',
			value: interactive / 1000,
			unit: 'kB',
			note: `${fetched.length} files fetched before window.pigeonhole existed (the worker's own chunk aside)`
		});

		// 3. Frame time with 2,000 and 10,000 messages on the stage.
		const playTasks: { count: number; longest: number }[] = [];
		for (const [dots, budget] of [
			[2000, 16.7],
			[10_000, 33]
		] as const) {
			await page.evaluate((s) => window.pigeonhole!.load(s), dotsScenario(dots));
			await page.evaluate(() => window.pigeonhole!.seek(20_000));
			const shown = await page.evaluate(() => window.pigeonhole!.dots().length);
			// While the worker still computes the run ahead (it shares this 2-core machine), then once it is done.
			await startLongTasks(page);
			const computing = await frameTimes(page, 4000);
			playTasks.push(await longTasks(page));
			await page.evaluate(() => window.pigeonhole!.whenComputed());
			await page.evaluate(() => window.pigeonhole!.seek(20_000));
			await startLongTasks(page);
			const deltas = await frameTimes(page, 4000);
			playTasks.push(await longTasks(page));
			const over = deltas.filter((d) => d > budget + 0.5).length;
			rows.push({
				name: `Frame time, ${dots.toLocaleString('en-US')} messages on the stage`,
				value: p95(deltas),
				unit: 'ms p95',
				note: `${shown} dots at the start, ${deltas.length} frames over 4 s at speed 1; ${over} over ${budget} ms; ${p95(computing).toFixed(1)} ms p95 while the worker was still computing the run (target ≤ ${budget} ms)`
			});
		}

		rows.push({
			name: 'Longest main-thread task while playing',
			value: Math.max(...playTasks.map((t) => t.longest)),
			unit: 'ms',
			note: `${playTasks.map(taskNote).join('; ')} (2,000 and 10,000 dots, 4 s each; target: none over 50 ms)`
		});
		if (process.env.BENCH_FRAMES_ONLY === '1') return rows;

		// Scenario switches: every built-in scenario picked in turn through the header's picker.
		await startLongTasks(page);
		const ids = (await page.evaluate(
			`[...document.querySelectorAll('[data-testid="scenario"] option')].map((o) => o.value).filter(Boolean)`
		)) as string[];
		for (const id of ids) {
			await page.getByTestId('scenario').selectOption(id);
			await page.waitForFunction(
				(v) => (document.querySelector('[data-testid="scenario"]') as HTMLSelectElement).value === v,
				id
			);
		}
		const switching = await longTasks(page);
		rows.push({
			name: 'Longest main-thread task while switching scenarios',
			value: switching.longest,
			unit: 'ms',
			note: `${ids.length} built-in scenarios picked in turn: ${taskNote(switching)} (target: none over 50 ms)`
		});

		// 4. Seeking in the 10-minute classroom scenario, with the stage and charts following.
		const classroom = {
			...(JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8')) as object),
			durationMs: 600_000
		};
		await page.evaluate((s) => window.pigeonhole!.load(s), classroom);
		await page.evaluate(() => window.pigeonhole!.seek(600_000));
		await startLongTasks(page);
		const classroomSeeks = await randomSeeks(page, 600_000);
		const classroomTasks = await longTasks(page);
		rows.push({
			name: 'Seek to a random time in the browser (10-min scenario)',
			value: p95(classroomSeeks),
			unit: 'ms p95',
			note: `40 seeded random seeks after the run was computed, until the stage shows each; ${taskNote(classroomTasks)} (target ≤ 100 ms)`
		});

		// 4 and 6. A 60-minute scenario: the first seek to its end (the worker computes the hour; the page waits
		// without blocking), then play it through in steps recording the heap, then seek to random times.
		await page.evaluate((s) => window.pigeonhole!.load(s), hourScenario());
		const base = await heapMiB(page);
		await startLongTasks(page);
		const firstSeek = (await page.evaluate(
			`(async () => { const t0 = performance.now(); await window.pigeonhole.seek(3600000); return performance.now() - t0; })()`
		)) as number;
		const firstTasks = await longTasks(page);
		await page.evaluate(() => window.pigeonhole!.whenComputed());
		const computeMs = await page.evaluate(() => window.pigeonhole!.computing().computeMs);
		rows.push({
			name: 'First seek to the end of a 60-min run at 100 messages/s',
			value: firstSeek,
			unit: 'ms',
			note: `computed in the worker with progress shown (${(computeMs / 1000).toFixed(1)} s of it computing the run); page: ${taskNote(firstTasks)} (target ≤ 5,000 ms)`
		});
		await page.evaluate(() => window.pigeonhole!.seek(0));
		const heap: string[] = [];
		let peak = 0;
		for (let minute = 5; minute <= 60; minute += 5) {
			// 10 simulated seconds per step, as the play loop would ask for them.
			await page.evaluate(`(async () => {
				for (let t = ${(minute - 5) * 60_000}; t < ${minute * 60_000}; t += 10000) await window.pigeonhole.seek(t + 10000);
			})()`);
			const mib = await heapMiB(page);
			peak = Math.max(peak, mib);
			if (minute % 15 === 0) heap.push(`${minute} min: ${mib.toFixed(0)} MiB`);
		}
		rows.push({
			name: 'Heap after playing 1 h at 100 messages/s',
			value: peak,
			unit: 'MiB peak',
			note: `the page's heap after GC (the worker has its own); before the run ${base.toFixed(0)} MiB; ${heap.join(', ')}`
		});
		await startLongTasks(page);
		const hourSeeks = await randomSeeks(page, 3_600_000);
		const hourTasks = await longTasks(page);
		rows.push({
			name: 'Seek to a random time in the browser (60-min scenario)',
			value: p95(hourSeeks),
			unit: 'ms p95',
			note: `40 seeded random seeks after the run was computed, until the stage shows each; ${taskNote(hourTasks)} (target ≤ 300 ms)`
		});
		const longest = Math.max(classroomTasks.longest, firstTasks.longest, hourTasks.longest);
		rows.push({
			name: 'Longest main-thread task while seeking',
			value: longest,
			unit: 'ms',
			note: `over the 10- and 60-minute seeks above (target: none over 50 ms)`
		});

		// A link to a run too heavy for a tab: it must stop at a named limit, with the page usable meanwhile.
		const heavy = {
			version: 1,
			name: 'A burst nobody consumes',
			seed: 1,
			durationMs: 60_000,
			nodes: [
				{ id: 'flood', type: 'producer', target: 'inbox', Rate: { type: 'fixed', perSecond: 100_000 } },
				{ id: 'inbox', type: 'sqs-queue' }
			]
		};
		await startLongTasks(page);
		const heavyRun = (await page.evaluate(
			`(async (doc) => {
				const t0 = performance.now();
				await window.pigeonhole.load(doc);
				await window.pigeonhole.seek(60000);
				return { ms: performance.now() - t0, ...window.pigeonhole.computing() };
			})(${JSON.stringify(heavy)})`
		)) as { ms: number; limit?: string; reached: number };
		const heavyTasks = await longTasks(page);
		rows.push({
			name: 'A too-heavy run (100,000 messages/s for 60 s) stops at its limit',
			value: heavyRun.ms,
			unit: 'ms',
			note: `stopped at ${(heavyRun.reached / 1000).toFixed(3)} s: “${(heavyRun.limit ?? 'no limit hit').slice(0, 90)}…”; page: ${taskNote(heavyTasks)}`
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
