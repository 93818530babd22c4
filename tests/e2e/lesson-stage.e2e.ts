// A lesson's reveal is on the stage too: its caption over the picture and the node it is about highlighted,
// in normal and presenter mode; moving on clears both.
import { expect, test } from '@playwright/test';

for (const query of ['', '?present']) {
	test(`the reveal captions the stage and highlights its node${query ? ' (presenter)' : ''}`, async ({
		page
	}) => {
		await page.goto(`./${query}`);
		await page.waitForFunction(() => window.pigeonhole !== undefined);
		if (query) await page.getByRole('button', { name: 'Show panel' }).click();
		await page.getByTestId('tab-lessons').click();
		await page.getByTestId('lesson-visibility').click();
		await page.getByTestId('lesson-next').click();
		await expect(page.getByTestId('clock')).toHaveText('00:04.500', { timeout: 15_000 });
		// Nothing is highlighted while the question is open.
		await expect(page.locator('g.node[data-highlighted="true"]')).toHaveCount(0);
		await page.getByTestId('lesson-question').locator('input').first().check();
		await page.getByTestId('lesson-reveal').click();
		await expect(page.getByTestId('reveal-caption')).toContainText('Visible again');
		await expect(page.locator('g.node[data-node="orders"][data-highlighted="true"]')).toHaveCount(1);
		await expect(page.getByTestId('clock')).toHaveText('00:05.500', { timeout: 10_000 });
		await page.getByTestId('lesson-next').click();
		await expect(page.getByTestId('reveal-caption')).toHaveCount(0);
		await expect(page.locator('g.node[data-highlighted="true"]')).toHaveCount(0);
	});
}
