// The page never waits on the engine: runs are computed ahead in a Web Worker, a far seek shows how far the
// computation has got and can be cancelled, and a run too heavy for a tab stops at a named limit while the
// app stays usable. Driven through window.pigeonhole and the UI; long main-thread tasks are recorded with a
// `longtask` PerformanceObserver (the bench reports them; here they only must not reach the seconds the page
// used to freeze for).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeShareFragment } from '../../src/lib/share/link';
import { loadScenario } from '../../src/lib/services';

const base = JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8'));

/** An hour of 40 messages a second through the default topology: long enough that a far seek takes a while. */
const longRun = {
	...base,
	name: 'An hour of orders',
	durationMs: 3_600_000,
	nodes: base.nodes.map((n: { id: string }) =>
		n.id === 'orders-producer' ? { ...n, Rate: { type: 'fixed', perSecond: 40 } } : n
	)
};

/** A burst far beyond what a tab can hold: 100,000 messages a second for a minute, nobody consuming. */
const burst = {
	version: 1,
	name: 'A burst nobody consumes',
	seed: 1,
	durationMs: 60_000,
	nodes: [
		{ id: 'flood', type: 'producer', target: 'inbox', Rate: { type: 'fixed', perSecond: 100_000 } },
		{ id: 'inbox', type: 'sqs-queue', QueueName: 'inbox' }
	]
};

async function watchLongTasks(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { longTasks: number[] };
		w.longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.longTasks.push(e.duration);
		}).observe({ type: 'longtask', buffered: false });
	});
}

async function longestTask(page: Page): Promise<number> {
	const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
	test
		.info()
		.annotations.push({ type: 'long tasks (ms)', description: tasks.map(Math.round).join(', ') || 'none' });
	return Math.max(0, ...tasks);
}

test('runs are computed in a worker; a far seek shows progress, the page stays usable, Cancel stops it', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate((doc) => window.pigeonhole?.load(doc), longRun);
	expect(await page.evaluate(() => window.pigeonhole?.computing().where)).toBe('worker');
	await watchLongTasks(page);
	// Not awaited: the seek goes on while the test uses the page.
	await page.evaluate(() => void window.pigeonhole?.seek(3_600_000));
	const status = page.getByTestId('computing');
	await expect(status).toContainText('Computing ahead');
	await expect(status).toContainText('of 1:00:00.000');
	const first = await page.evaluate(() => window.pigeonhole?.computing().reached ?? 0);
	// The page answers while the worker computes: tabs switch, and the progress moves on.
	await page.getByTestId('tab-charts').click();
	await expect(page.getByTestId('tab-charts')).toHaveAttribute('aria-selected', 'true');
	await expect
		.poll(() => page.evaluate(() => window.pigeonhole?.computing().reached ?? 0))
		.toBeGreaterThan(first);
	// The playhead waits (the page tried the seek itself for a moment, then left it to the worker).
	const waiting = (await page.evaluate(() => window.pigeonhole?.now())) ?? -1;
	expect(waiting).toBeLessThan(600_000);
	await status.getByRole('button', { name: 'Cancel' }).click();
	await expect(status).toHaveCount(0);
	const paused = page.getByTestId('computing-paused');
	await expect(paused).toContainText('Computed up to');
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(waiting);
	expect(await page.evaluate(() => window.pigeonhole?.computing().state)).toBe('paused');
	// The worker reports the wall time it spent computing, which Cancel stops from growing.
	const spent = (await page.evaluate(() => window.pigeonhole?.computing().computeMs)) ?? 0;
	expect(spent).toBeGreaterThan(0);
	await page.waitForTimeout(300);
	expect(await page.evaluate(() => window.pigeonhole?.computing().computeMs)).toBe(spent);
	// A seek inside what is computed still works at once; going on computing resumes the worker.
	const reached = await page.evaluate(() => window.pigeonhole?.computing().reached ?? 0);
	await page.evaluate((t) => window.pigeonhole?.seek(t), Math.floor(reached / 2));
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(Math.floor(reached / 2));
	await paused.getByRole('button', { name: 'Go on computing' }).click();
	await expect.poll(() => page.evaluate(() => window.pigeonhole?.computing().state)).toBe('running');
	expect(await longestTask(page)).toBeLessThan(1000);
});

test('a far seek lands on exactly the run a straight computation gives', async ({ page }) => {
	const doc = { ...longRun, durationMs: 600_000 };
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	const [far, straight] = await page.evaluate(async (d) => {
		const hook = window.pigeonhole;
		if (!hook) throw new Error('no hook');
		await hook.load(d, 5);
		await hook.seek(540_000);
		const far = hook.traceHash();
		await hook.seek(0);
		// Forward in small steps from the start: the page's own replay, no worker checkpoint in between.
		for (let t = 30_000; t <= 540_000; t += 30_000) await hook.seek(t);
		return [far, hook.traceHash()];
	}, doc);
	expect(far).toBe(straight);
});

test('a link to a run too heavy for a tab stops at a named limit; the app stays usable', async ({ page }) => {
	const scenario = loadScenario(burst); // the scenario itself is valid
	const fragment = await encodeShareFragment({ scenario, seed: 1, t: 60_000 });
	await page.goto(`./${fragment}`);
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await watchLongTasks(page);
	const banner = page.getByTestId('run-limit');
	await expect(banner).toContainText(/The run stopped at 00:0\d\.\d{3}: it held [\d,]+ messages at once/, {
		timeout: 60_000
	});
	await expect(banner).toContainText('npm run sim');
	// The seek ends where the run stopped, and the page is usable.
	await page.evaluate(() => window.pigeonhole?.settled());
	const stoppedAt = await page.evaluate(() => window.pigeonhole?.computing().reached ?? 0);
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(stoppedAt);
	await page.getByTestId('scenario').selectOption('fifo-groups');
	await expect(page.getByTestId('stage')).toContainText('orders.fifo');
	await expect(banner).toHaveCount(0);
	expect(await longestTask(page)).toBeLessThan(1000);
});
