// The comparison side by side: A (as is) and B (one parameter changed) each on a stage of its own, over the
// page, in lockstep with the main playhead (a seek of the main run moves both), with A's and B's values and
// the difference below; an invalid B says why and keeps A; Escape closes and focus returns; a phone stacks
// the two stages. Driven through window.pigeonhole, never wall time.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function openCompare(page: Page, value: string) {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-compare').click();
	await page.getByTestId('compare-node').selectOption('orders');
	await page.getByTestId('compare-key').selectOption('VisibilityTimeout');
	await expect(page.getByTestId('compare-a-value')).toContainText('VisibilityTimeout = 30');
	await page.getByTestId('compare-value').fill(value);
	await page.getByTestId('compare-run').click();
}

async function seek(page: Page, ms: number) {
	await page.evaluate(async (t) => {
		await window.pigeonhole?.seek(t);
		await window.pigeonhole?.settled();
	}, ms);
}

test('two stages follow the main playhead; A’s and B’s values and a non-zero difference', async ({
	page
}) => {
	await openCompare(page, '5');
	await page.getByTestId('compare-open').click();
	const dialog = page.getByRole('dialog', { name: 'Compare A and B side by side' });
	await expect(dialog).toBeVisible();
	const stages = page.getByTestId('compare-stage');
	await expect(stages).toHaveCount(2);
	await expect(stages.nth(0)).toContainText('A — as is');
	await expect(stages.nth(1)).toContainText('B — orders.VisibilityTimeout = 5');
	// Each stage draws the topology.
	for (const k of [0, 1]) await expect(stages.nth(k).locator('g.node[data-node="orders"]')).toBeVisible();

	for (const t of [40_000, 12_500, 90_000]) {
		await seek(page, t);
		expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(t);
		for (const k of [0, 1]) await expect(stages.nth(k)).toHaveAttribute('data-now', String(t));
		const clock = await page.getByTestId('compare-time').textContent();
		for (const k of [0, 1])
			await expect(stages.nth(k).getByTestId('compare-stage-time')).toHaveText(clock ?? '');
	}

	// A's and B's values are both shown, with the difference; a 5 s visibility timeout redelivers.
	const table = page.getByTestId('compare-diff');
	await expect(table.locator('thead')).toContainText('A (as is)');
	await expect(table.locator('thead')).toContainText('B (orders.VisibilityTimeout = 5)');
	const rows = await table
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
	expect(rows.length).toBeGreaterThan(0);
	for (const r of rows) {
		expect(r[2]).toMatch(/^-?\d+$|^–$/);
		expect(r[3]).toMatch(/^-?\d+$|^–$/);
	}
	const changed = rows.filter((r) => r[4] !== '0' && r[4] !== '–');
	expect(changed.length).toBeGreaterThan(0);
	for (const r of changed) expect(Number(r[3]) - Number(r[2])).toBe(Number(r[4]));
	const dup = rows.find((r) => r[0] === 'orders' && r[1] === 'duplicates');
	expect(Number(dup?.[3])).toBeGreaterThan(Number(dup?.[2] ?? 0));

	// The shared timeline moves the main run, and both variants with it.
	await page.getByTestId('compare-scrub').fill('20000');
	await expect.poll(() => page.evaluate(() => window.pigeonhole?.now())).toBe(20_000);
	for (const k of [0, 1]) await expect(stages.nth(k)).toHaveAttribute('data-now', '20000');

	const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
	expect(
		violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
	).toEqual([]);

	// Escape closes it and focus returns to the button that opened it.
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(page.getByTestId('compare-open')).toBeFocused();
	// The side panel's table shows both values too.
	await expect(page.getByTestId('compare-table').locator('thead')).toContainText('A (as is)');
});

test('playing the main run moves both variants with it', async ({ page }) => {
	await openCompare(page, '5');
	await page.getByTestId('compare-open').click();
	const stages = page.getByTestId('compare-stage');
	await expect(stages).toHaveCount(2);
	await page.getByTestId('compare-play').click();
	await expect.poll(() => page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeGreaterThan(500);
	await page.getByTestId('compare-play').click();
	await expect(page.getByTestId('compare-play')).toHaveText('Play');
	const now = String(await page.evaluate(() => window.pigeonhole?.now()));
	for (const k of [0, 1]) await expect(stages.nth(k)).toHaveAttribute('data-now', now);
});

test('an invalid B shows a clear error and keeps A', async ({ page }) => {
	await openCompare(page, '99999');
	await expect(page.getByTestId('compare-error')).toContainText('VisibilityTimeout');
	await page.getByTestId('compare-open').click();
	await expect(page.getByTestId('compare-stage')).toHaveCount(1);
	await expect(page.getByRole('dialog')).toContainText('A is kept');
	await seek(page, 30_000);
	await expect(page.getByTestId('compare-stage')).toHaveAttribute('data-now', '30000');
	await page.getByTestId('compare-close').click();
	await expect(page.getByRole('dialog')).toHaveCount(0);
	// A valid value then builds B.
	await page.getByTestId('compare-value').fill('5');
	await page.getByTestId('compare-run').click();
	await expect(page.getByTestId('compare-error')).toHaveCount(0);
	await page.getByTestId('compare-open').click();
	await expect(page.getByTestId('compare-stage')).toHaveCount(2);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the two stages stack', async ({ page }) => {
		await openCompare(page, '5');
		await page.getByTestId('compare-open').click();
		const stages = page.getByTestId('compare-stage');
		await expect(stages).toHaveCount(2);
		await seek(page, 30_000);
		for (const k of [0, 1]) await expect(stages.nth(k)).toHaveAttribute('data-now', '30000');
		const a = await stages.nth(0).boundingBox();
		const b = await stages.nth(1).boundingBox();
		expect(a && b && b.y >= a.y + a.height - 1).toBe(true);
		expect(a && a.width <= 390).toBe(true);
	});
});
