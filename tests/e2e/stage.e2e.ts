// The stage: topology and animated dots, time controls, the timeline and the inspector, driven
// deterministically through the UI and the window.pigeonhole hook (never by waiting on wall-clock time).
import { expect, test, type Page } from '@playwright/test';
import { pickScenario } from './helpers';

async function ready(page: Page) {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
}

test('dots are a pure function of simulated time: they move between two times and come back on seek', async ({
	page
}) => {
	await ready(page);
	await page.evaluate(() => window.pigeonhole?.seek(10_000));
	const a = await page.evaluate(() => window.pigeonhole?.dots());
	await page.evaluate(() => window.pigeonhole?.seek(10_400));
	const b = await page.evaluate(() => window.pigeonhole?.dots());
	expect(a?.length).toBeGreaterThan(0);
	expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
	// Seeking back to 10 s restores exactly the same picture.
	await page.evaluate(() => window.pigeonhole?.seek(10_000));
	const again = await page.evaluate(() => window.pigeonhole?.dots());
	expect(again).toEqual(a);
});

test('play advances time; pause stops it; step, step back and the timeline seek', async ({ page }) => {
	// The page's clock is Playwright's: playing for one second of (fake) wall time at 10× is exactly that,
	// whatever the machine's speed.
	await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
	await ready(page);
	await page.getByTestId('speed').selectOption('10');
	await page.clock.pauseAt(new Date('2026-01-01T01:00:00Z'));
	await page.getByTestId('play').click();
	await page.clock.runFor(1000);
	await page.getByTestId('pause').click();
	const paused = await page.evaluate(() => window.pigeonhole?.now() ?? 0);
	expect(paused).toBeGreaterThan(5_000);
	expect(paused).toBeLessThanOrEqual(10_000);
	// Paused: more wall time moves nothing.
	await page.clock.runFor(1000);
	expect(await page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBe(paused);
	// From here on nothing plays: let the clock flow for the seeks' frames.
	await page.clock.resume();
	await page.getByTestId('step').click();
	await page.evaluate(() => window.pigeonhole?.settled());
	const stepped = await page.evaluate(() => window.pigeonhole?.now() ?? 0);
	expect(stepped).toBeGreaterThan(paused);
	await page.getByTestId('step-back').click();
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeLessThan(stepped);
	// Click the middle of the timeline: seek to half the run (60 s of 120 s).
	const box = await page.getByTestId('timeline').boundingBox();
	if (!box) throw new Error('no timeline');
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await page.evaluate(() => window.pigeonhole?.settled());
	const t = await page.evaluate(() => window.pigeonhole?.now() ?? 0);
	expect(Math.abs(t - 60_000)).toBeLessThan(1_000);
	await expect(page.getByTestId('clock')).toHaveText(/^01:00\.|^00:59\./);
	// Keyboard: → steps, Space plays.
	await page.keyboard.press('ArrowRight');
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeGreaterThan(t);
});

test('clicking a queue shows its messages; clicking a dot shows the message lifecycle', async ({ page }) => {
	await ready(page);
	await page.evaluate(() => window.pigeonhole?.seek(15_000));
	await page.locator('g.node[data-node="orders"]').click();
	await expect(page.getByTestId('inspector')).toContainText('Queue orders');
	await expect(page.getByTestId('inspector')).toContainText('VisibilityTimeout 30 s');
	const dot = await page.evaluate(() => window.pigeonhole?.dots().find((d) => !d.key.startsWith('p|')));
	if (!dot) throw new Error('no dot to click');
	await page.mouse.click(dot.pageX, dot.pageY);
	const inspector = page.getByTestId('inspector');
	await expect(inspector).toContainText('Message');
	await expect(inspector).toContainText('enqueued');
	await expect(inspector.getByLabel('Message lifecycle statechart')).toBeVisible();
	await expect(inspector.locator('.chart li.current')).toHaveCount(1);
	// The chart is the deciding machine's: the message's path through it is listed.
	await expect(inspector.getByTestId('transitions-taken').locator('li').first()).toBeVisible();
	// Reading never changes the run.
	const hash = await page.evaluate(() => window.pigeonhole?.traceHash());
	await page.locator('g.node[data-node="orders"]').click();
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).toBe(hash);
});

test('the same seed gives the same screen state at time t', async ({ page, browser }) => {
	await ready(page);
	await page.evaluate(() => window.pigeonhole?.seek(42_000));
	const first = await page.evaluate(() => window.pigeonhole?.dots().map((d) => [d.key, d.x, d.y]));
	const other = await browser.newPage();
	await ready(other);
	await other.getByTestId('step').click();
	await other.evaluate(() => window.pigeonhole?.seek(42_000));
	const second = await other.evaluate(() => window.pigeonhole?.dots().map((d) => [d.key, d.x, d.y]));
	expect(second).toEqual(first);
	await other.close();
});

test('every built-in scenario renders its topology', async ({ page }) => {
	await ready(page);
	const options = await page
		.getByTestId('scenario')
		.locator('option')
		.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	expect(options.length).toBeGreaterThanOrEqual(6);
	for (const id of options) {
		await pickScenario(page, id);
		await page.evaluate(() => window.pigeonhole?.seek(20_000));
		expect(await page.locator('g.node').count()).toBeGreaterThan(2);
		await expect(page.getByRole('alert')).toHaveCount(0);
	}
});

test('clicking a Kinesis stream shows its shards, hash ranges and each consumer’s position', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'kinesis-hot-key');
	await page.evaluate(() => window.pigeonhole?.seek(10_000));
	await page.locator('g.node[data-node="clicks"]').click();
	const inspector = page.getByTestId('inspector');
	await expect(inspector).toContainText('Stream clicks');
	await expect(inspector.locator('table.shards tbody tr')).toHaveCount(4);
	await expect(inspector).toContainText('analytics:');
	// The stream's status and its shards' states come from their machines (KIN-10/-11/-15).
	await expect(inspector.getByTestId('stream-chart').locator('li[aria-current]')).toHaveText('ACTIVE');
	await expect(inspector.getByTestId('shard-state')).toHaveText(['OPEN', 'OPEN', 'OPEN', 'OPEN']);
});

test('a topic shows its deliveries in progress, each lit in the delivery machine (SNS-RETRY-1)', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'sns-flaky-http');
	await page.evaluate(() => window.pigeonhole?.seek(60_000));
	await page.locator('g.node[data-node="invoices"]').click();
	const delivery = page.getByTestId('delivery').first();
	await expect(delivery.getByLabel('Delivery statechart')).toBeVisible();
	await expect(delivery.locator('li[aria-current]')).toHaveCount(1);
	await expect(delivery.locator('li[aria-current]')).toHaveText(/attempting|waitingRetry/);
});

test('a KCL consumer shows its leases in the lease machine: orphaned after its worker dies (KIN-14)', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'kinesis-kcl-failover');
	await page.evaluate(() => window.pigeonhole?.seek(10_000));
	await page.getByTestId('inspect-node').selectOption('aggregator');
	const current = page.getByTestId('lease').locator('li[aria-current]');
	await expect(current).toHaveText(['held', 'held', 'held', 'held']);
	// Worker 0 dies at 15 s: its leases are no longer renewed until another worker takes them over.
	await page.evaluate(() => window.pigeonhole?.seek(16_000));
	await expect(current.filter({ hasText: 'orphaned' }).first()).toBeVisible();
});
