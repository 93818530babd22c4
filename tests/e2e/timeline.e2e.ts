// The timeline shows the whole run ahead: time ticks, event density, and markers for every "What went wrong"
// finding, lesson moment and operator action; hovering a marker says what it is, clicking it seeks there.
import { expect, test } from '@playwright/test';

test('findings of the whole run are marked before the playhead gets there; hover says, click seeks', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.whenComputed());
	// Still at 0:00, the duplicates of the whole run are already on the timeline.
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(0);
	const findings = page.locator('[data-testid="timeline-marker"][data-kind="finding"]');
	await expect(findings.first()).toBeAttached();
	const count = await findings.count();
	expect(count).toBeGreaterThan(0);
	// Ticks with time labels.
	await expect(page.getByTestId('timeline')).toContainText('0:00');
	await expect(page.getByTestId('timeline')).toContainText('1:00');
	const marker = findings.nth(Math.floor(count / 2));
	const t = Number(await marker.getAttribute('data-t'));
	await marker.hover();
	await expect(page.getByTestId('timeline-tip')).toContainText(/delivered|duplicate|twice|copy/i);
	await marker.click();
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(t);
});

test('a lesson marks its moments on the timeline', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('lesson-duplicates').click();
	await expect(page.locator('[data-testid="timeline-marker"][data-kind="lesson"]').first()).toBeAttached();
});
