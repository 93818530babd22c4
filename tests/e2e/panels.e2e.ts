// The side panels: "What went wrong and why" explains what happened and seeks to it; charts follow the
// playhead and seek on click.
import { expect, test } from '@playwright/test';

test('the "what went wrong" panel explains a DLQ move and seeks to it', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('scenario').selectOption('poison-dlq');
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
