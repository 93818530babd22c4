// A lesson plays to its predict checkpoint (time advances gradually and stops there), asks before the
// phenomenon, reveals by playing to the reveal's end with a caption, goes back, and finishes without moving the
// run; the header's picker follows it. A challenge is graded fail, then pass after an edit, and its share link
// keeps it open.
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';
import type { Page } from '@playwright/test';

/** Simulated times sampled once per animation frame until the run reaches `until` (or 20 s of wall time pass). */
function sampleUntil(page: Page, until: number): Promise<number[]> {
	return page.evaluate(
		(until) =>
			new Promise<number[]>((resolve) => {
				const seen: number[] = [];
				const began = performance.now();
				const frame = () => {
					const now = window.pigeonhole?.now() ?? 0;
					seen.push(now);
					if (now >= until || performance.now() - began > 20_000) resolve(seen);
					else requestAnimationFrame(frame);
				};
				frame();
			}),
		until
	);
}

test('the visibility lesson plays to its checkpoint, asks before the phenomenon, reveals by playing, finishes in place', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-lessons').click();
	const lessons = page.getByTestId('lessons');
	await expect(lessons.locator('ol li')).toHaveCount(13);
	await expect(page.getByTestId('challenges').locator('li')).toHaveCount(6);
	await page.getByTestId('lesson-visibility').click();
	await expect(page.getByTestId('stage')).toContainText('workers');
	// The header's picker follows the lesson.
	await expect(page.getByTestId('scenario')).toHaveValue('visibility-too-short');
	await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 3');
	await page.getByTestId('lesson-next').click();
	// Continue plays the run (time advances gradually) and pauses exactly at the checkpoint, 4.5 s: before the
	// order's visibility timeout runs out at 5 s.
	const seen = await sampleUntil(page, 4_500);
	expect(seen.filter((t) => t > 0 && t < 4_500).length).toBeGreaterThan(3);
	await expect(page.getByTestId('clock')).toHaveText('00:04.500');
	await expect(page.getByTestId('lesson-question')).toContainText('What happens to it at 5 s?');
	await expect(page.getByTestId('clock')).toHaveText('00:04.500');
	await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
	await page.getByLabel('It becomes visible in the queue again while its worker is still on it').check();
	await page.getByTestId('lesson-reveal').click();
	// Reveal plays the phenomenon to the reveal's end, with its caption.
	await expect(page.getByTestId('lesson-caption')).toContainText('Visible again while still being processed');
	await expect(page.getByTestId('clock')).toHaveText('00:05.500', { timeout: 10_000 });
	await expect(page.getByTestId('lesson-answer')).toContainText('Right.');
	await expect(page.getByTestId('lesson-answer')).toContainText('SQS-STD-4');
	await page.getByTestId('lesson-next').click();
	await expect(page.getByTestId('lesson-step')).toContainText('Step 3 of 3');
	await expect(page.getByTestId('clock')).toHaveText('00:38.500', { timeout: 15_000 });
	// Back goes to the previous checkpoint, paused; Continue plays forward again.
	await page.getByTestId('lesson-back').click();
	await expect(page.getByTestId('clock')).toHaveText('00:04.500');
	await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
	await page.getByLabel('It moves to a dead-letter queue').check();
	await page.getByTestId('lesson-reveal').click();
	await expect(page.getByTestId('lesson-answer')).toContainText('Not quite');
	await expect(page.getByTestId('clock')).toHaveText('00:05.500', { timeout: 10_000 });
	await page.getByTestId('lesson-next').click();
	await expect(page.getByTestId('clock')).toHaveText('00:38.500', { timeout: 15_000 });
	// Finish keeps the run where it is.
	await page.getByTestId('lesson-next').click();
	await expect(page.getByTestId('lesson-takeaway')).toContainText('VisibilityTimeout');
	await page.waitForTimeout(300);
	await expect(page.getByTestId('clock')).toHaveText('00:38.500');
	await expect(page.getByTestId('scenario')).toHaveValue('visibility-too-short');
});

test('a challenge is graded fail, then pass after the learner edits one parameter, and its link keeps it open', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('lesson-challenge-visibility').click();
	await expect(page.getByTestId('challenge-goal')).toContainText('All 12 orders are processed');
	await page.getByTestId('challenge-check').click();
	await expect(page.getByTestId('challenge-result')).toContainText('Not yet.');
	await expect(page.getByTestId('challenge-hints')).toContainText('SQS-STD-4');
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^orders sqs-queue/ }).click();
	const vt = editor.locator('#f-VisibilityTimeout');
	await vt.fill('30');
	await vt.press('Tab');
	await expect(editor.getByTestId('field-error')).toHaveCount(0);
	await page.evaluate(() => window.pigeonhole?.settled());
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('challenge-check').click();
	await expect(page.getByTestId('challenge-result')).toContainText('Passed.');
	await expect(page.getByTestId('challenge-result')).toContainText('exactly once');
	// The share link carries the attempt and the open challenge.
	await page.getByTestId('copy-link').click();
	const url = await page.getByTestId('share-url').inputValue();
	expect(url).toMatch(/#v1\./);
	const fresh = await page.context().newPage();
	await fresh.goto(url);
	await fresh.waitForFunction(() => window.pigeonhole !== undefined);
	await expect(fresh.getByTestId('challenge-goal')).toContainText('All 12 orders are processed');
	await fresh.getByTestId('challenge-check').click();
	await expect(fresh.getByTestId('challenge-result')).toContainText('Passed.');
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
	await expect(page.getByTestId('clock')).toHaveText('00:21.000', { timeout: 10_000 });
	await page.keyboard.press('PageUp');
	await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 2');
	const [video] = await Promise.all([
		page.waitForEvent('download', { timeout: 20_000 }),
		page.getByTestId('record').click()
	]);
	expect(video.suggestedFilename()).toBe('pigeonhole-run.webm');
});

test('the drain-the-DLQ challenge passes after Start message move task in the Act section', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('lesson-challenge-drain-dlq').click();
	await page.getByTestId('challenge-check').click();
	await expect(page.getByTestId('challenge-result')).toContainText('No message move task ran');
	await page.evaluate(() => window.pigeonhole?.seek(100_000));
	await page.getByTestId('tab-inspector').click();
	await page.getByTestId('inspect-node').selectOption('payments-dlq');
	await page.getByTestId('op-move-rate').fill('10');
	await page.getByTestId('op-move-task').click();
	await expect(page.getByTestId('op-said')).toContainText('Start message move task at 01:40.000');
	await page.evaluate(() => window.pigeonhole?.settled());
	// The inspector draws the task's statechart from its machine (SQS-DLQ-4): running just after it started,
	// completed once the DLQ is drained.
	const task = page.getByTestId('move-task');
	await page.evaluate(() => window.pigeonhole?.seek(100_001));
	await expect(task.getByRole('listitem').filter({ hasText: 'RUNNING' })).toHaveAttribute(
		'aria-current',
		'step'
	);
	await page.evaluate(() => window.pigeonhole?.seek(180_000));
	await expect(task.getByRole('listitem').filter({ hasText: 'COMPLETED' })).toHaveAttribute(
		'aria-current',
		'step'
	);
	await expect(task.locator('li[aria-current]')).toHaveCount(1);
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('challenge-check').click();
	await expect(page.getByTestId('challenge-result')).toContainText('Passed.');
});
