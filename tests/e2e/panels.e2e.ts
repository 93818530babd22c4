// The side panels: "What went wrong and why" explains what happened and seeks to it; charts follow the
// playhead and seek on click.
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';

test('the "what went wrong" panel explains a DLQ move and seeks to it', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'poison-dlq');
	await page.evaluate(() => window.pigeonhole?.seek(100_000));
	await page.getByTestId('tab-insights').click();
	const panel = page.getByTestId('insights');
	await expect(panel).toContainText('maxReceiveCount 3');
	await expect(panel).toContainText('Fix:');
	const item = panel.locator('li.dead-lettered').first();
	const stamp = (await item.locator('button.link').textContent()) ?? '';
	await item.locator('button.link').click();
	// Seeking selects the message and shows it in the inspector, at the finding's time.
	await expect(page.getByTestId('clock')).toHaveText(stamp.trim());
	await expect(page.getByTestId('inspector')).toContainText('dead-lettered');
});

test('charts follow the playhead and clicking one seeks', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(60_000));
	await page.getByTestId('tab-charts').click();
	const charts = page.getByTestId('charts');
	await expect(charts).toContainText('orders');
	await expect(charts).toContainText('End-to-end latency');
	const svg = charts.locator('svg').first();
	const box = await svg.boundingBox();
	if (!box) throw new Error('no chart');
	await page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
	const t = await page.evaluate(() => window.pigeonhole?.now() ?? 0);
	expect(Math.abs(t - 30_000)).toBeLessThan(1_500);
	const playhead = charts.locator('line.playhead').first();
	// The playhead sits at the new time (the chart spans 0–120 s over 300 units).
	expect(Math.abs(Number(await playhead.getAttribute('x1')) - (t / 120_000) * 300)).toBeLessThan(0.5);
});

test('the sequence diagram shows hops around the playhead and clicking one seeks and selects it', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'poison-dlq');
	await page.evaluate(() => window.pigeonhole?.seek(70_000));
	await page.getByTestId('tab-sequence').click();
	const seq = page.getByTestId('sequence');
	await expect(seq.locator('.lane')).toHaveCount(4);
	const hops = seq.locator('g.hop');
	expect(await hops.count()).toBeGreaterThan(5);
	// Zooming the window changes how many hops are shown.
	const few = await hops.count();
	await page.getByTestId('sequence-window').selectOption('20000');
	expect(await hops.count()).toBeGreaterThan(few);
	const title = (await hops.first().locator('title').textContent()) ?? '';
	await hops.first().dispatchEvent('click');
	const stamp = /^\d\d:\d\d\.\d{3}/.exec(title.trim())?.[0] ?? 'no time in the title';
	await expect(page.getByTestId('clock')).toHaveText(stamp);
	// The diagram stays open; the selected message is waiting in the inspector.
	await page.getByTestId('tab-inspector').click();
	await expect(page.getByTestId('inspector')).toContainText('Message');
});

test('the panel explains a duplicate delivery and a FIFO stall in the built-in scenarios', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(120_000));
	await page.getByTestId('tab-insights').click();
	const panel = page.getByTestId('insights');
	await expect(panel.locator('li.duplicate').first()).toContainText(/missed the delete|visibility timeout/);
	await pickScenario(page, 'fifo-groups');
	await page.evaluate(() => window.pigeonhole?.seek(60_000));
	await page.getByTestId('tab-insights').click();
	await expect(panel.locator('li.fifo-blocked').first()).toContainText('FIFO group acme blocked');
	await expect(panel.locator('li.fifo-blocked').first()).toContainText('SQS-FIFO-5');
});
