// A lesson runs through its predict checkpoint: the run pauses at the moment, the learner predicts, the
// answer is revealed with its explanation, and the takeaway closes the lesson.
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';

test('the visibility-timeout lesson pauses, asks, reveals and ends with its takeaway', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-lessons').click();
	const lessons = page.getByTestId('lessons');
	await expect(lessons.locator('li')).toHaveCount(12);
	await page.getByTestId('lesson-visibility').click();
	await expect(page.getByTestId('stage')).toContainText('workers');
	await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 2');
	await page.getByTestId('lesson-next').click();
	// The second step pauses the run at its checkpoint and asks for a prediction.
	await expect(page.getByTestId('clock')).toHaveText('00:05.500');
	await expect(page.getByTestId('lesson-question')).toContainText('What happens to it now?');
	await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
	await page.getByLabel('It becomes visible and another worker receives it').check();
	await page.getByTestId('lesson-reveal').click();
	await expect(page.getByTestId('lesson-answer')).toContainText('Right.');
	await expect(page.getByTestId('lesson-answer')).toContainText('SQS-STD-4');
	await page.getByTestId('lesson-next').click();
	await expect(page.getByTestId('lesson-takeaway')).toContainText('VisibilityTimeout');
});

test('the comparison runs two variants in lockstep and shows their metrics side by side', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'visibility-too-short');
	await page.getByTestId('tab-compare').click();
	await page.getByTestId('compare-node').selectOption('orders');
	await page.getByTestId('compare-key').selectOption('VisibilityTimeout');
	await page.getByTestId('compare-value').fill('30');
	await page.getByTestId('compare-run').click();
	await page.evaluate(() => window.pigeonhole?.seek(60_000));
	const table = page.getByTestId('compare-table');
	// A (5 s) redelivers orders still being processed; B (30 s) does not.
	const dup = table.locator('tr', { hasText: 'duplicates' }).first();
	await expect(dup).toBeVisible();
	const cells = await dup.locator('td').allTextContents();
	expect(Number(cells[2])).toBeGreaterThan(0);
	expect(cells[3]).toBe('0');
});

test('presenter keys move through lesson steps; a short run can be recorded as a video', async ({ page }) => {
	await page.goto('./?present');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	// Presenter mode starts with the side panel hidden.
	await page.getByTestId('toggle-panel').click();
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('lesson-resharding').click();
	await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 2');
	await page.keyboard.press('PageDown');
	await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 2');
	await expect(page.getByTestId('clock')).toHaveText('00:23.000');
	await page.keyboard.press('PageUp');
	await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 2');
	const [video] = await Promise.all([
		page.waitForEvent('download', { timeout: 20_000 }),
		page.getByTestId('record').click()
	]);
	expect(video.suggestedFilename()).toBe('pigeonhole-run.webm');
});
