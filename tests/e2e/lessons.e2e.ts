// A lesson runs through its predict checkpoint: the run pauses at the moment, the learner predicts, the
// answer is revealed with its explanation, and the takeaway closes the lesson.
import { expect, test } from '@playwright/test';

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
