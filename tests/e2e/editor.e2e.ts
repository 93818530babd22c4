// The scenario editor: forms with inline errors at the exact field, filter policies validated like AWS,
// undo / redo, and every valid edit re-running the simulation while keeping the playhead.
import { expect, test } from '@playwright/test';
import { pickScenario, settledHash } from './helpers';

test('an invalid value shows its error in place and keeps the last valid run; a valid one re-runs at the same time', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(40_000));
	const before = await settledHash(page);
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^orders sqs-queue/ }).click();
	const vt = editor.locator('#f-VisibilityTimeout');
	await vt.fill('50000');
	await vt.press('Tab');
	await expect(editor.getByTestId('field-error')).toContainText('must be 0–43200 seconds');
	expect(await settledHash(page)).toBe(before);
	await vt.fill('5');
	await vt.press('Tab');
	await expect(editor.getByTestId('field-error')).toHaveCount(0);
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(40_000);
	expect(await settledHash(page)).not.toBe(before);
	// Undo restores the original run exactly.
	await editor.getByTestId('undo').click();
	await editor.getByTestId('undo').click();
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await settledHash(page)).toBe(before);
	await editor.getByTestId('redo').click();
	await expect(vt).toHaveValue('50000');
});

test('an invalid filter policy is shown at its place; a valid one takes effect', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'sns-fanout-filters');
	await page.evaluate(() => window.pigeonhole?.seek(20_000));
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^orders sns-topic/ }).click();
	const policy = editor.getByTestId('filter-policy').first();
	await policy.fill('{"region": "eu-west-1"}');
	await policy.blur();
	await expect(editor.getByTestId('filter-policy-error')).toContainText('Invalid parameter: FilterPolicy');
	// A policy that matches nothing: everything is filtered out for that subscription.
	await policy.fill('{"region": ["nowhere"]}');
	await policy.blur();
	await expect(editor.getByTestId('filter-policy-error')).toHaveCount(0);
	await page.getByTestId('tab-insights').click();
	await expect(page.getByTestId('insights')).toContainText('Every message was filtered out for eu-orders');
});

test('every parameter can be edited as the node JSON; invalid JSON is reported without losing the run', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(30_000));
	const before = await settledHash(page);
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^workers consumer/ }).click();
	await editor.getByText('Every parameter (JSON)').click();
	const json = editor.getByTestId('node-json');
	await json.fill('{ "id": "workers", "type": "consumer", "source": "orders",');
	await json.blur();
	await expect(editor).toContainText('not valid JSON');
	expect(await settledHash(page)).toBe(before);
	await json.fill(
		'{ "id": "workers", "type": "consumer", "source": "orders", "Workers": 1, "WaitTimeSeconds": 20, "ProcessingTime": { "type": "fixed", "ms": 900 } }'
	);
	await json.blur();
	await expect(editor).not.toContainText('not valid JSON');
	expect(await settledHash(page)).not.toBe(before);
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(30_000);
});

test('keyboard undo and redo keep working when the focused Undo or Redo button disables itself', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(20_000));
	const original = await settledHash(page);
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	const undo = editor.getByTestId('undo');
	const redo = editor.getByTestId('redo');
	await editor.getByRole('button', { name: /^orders sqs-queue/ }).click();
	const vt = editor.locator('#f-VisibilityTimeout');
	const before = await vt.inputValue();
	await vt.fill('7');
	await vt.press('Tab');
	const edited = await settledHash(page);
	expect(edited).not.toBe(original);

	// The only undo step, by mouse: the Undo button disables itself and hands focus to Redo.
	await undo.click();
	await expect(undo).toBeDisabled();
	await expect(vt).toHaveValue(before);
	await expect(redo).toBeFocused();
	expect(await settledHash(page)).toBe(original);

	// Redo by keyboard: the bug was that focus had dropped to the page body, so nothing happened.
	await page.keyboard.press('Control+Shift+Z');
	await expect(vt).toHaveValue('7');
	await expect(redo).toBeDisabled();
	await expect(undo).toBeFocused();
	expect(await settledHash(page)).toBe(edited);

	// And back and forth from the keyboard alone, with Ctrl+Y and Cmd too.
	await page.keyboard.press('Control+Z');
	await expect(vt).toHaveValue(before);
	await expect(undo).toBeDisabled();
	await page.keyboard.press('Control+Y');
	await expect(vt).toHaveValue('7');
	await page.keyboard.press('Meta+Z');
	await expect(vt).toHaveValue(before);
	await page.keyboard.press('Meta+Shift+Z');
	await expect(vt).toHaveValue('7');
	expect(await settledHash(page)).toBe(edited);
	expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test('keyboard undo in a field with typing not yet committed is the browser text undo; then the editor undo', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^orders sqs-queue/ }).click();
	const vt = editor.locator('#f-VisibilityTimeout');
	const before = await vt.inputValue();
	await vt.fill('7');
	await vt.press('Tab');
	const edited = await settledHash(page);

	const id = editor.locator('#f-id');
	await id.focus();
	await id.press('End');
	await id.pressSequentially('-x');
	await expect(id).toHaveValue('orders-x');
	// Not committed yet: Ctrl+Z takes back the typing and leaves the editor's history alone.
	await id.press('Control+Z');
	await expect(id).toHaveValue('orders');
	await expect(vt).toHaveValue('7');
	await expect(editor.getByTestId('redo')).toBeDisabled();
	expect(await settledHash(page)).toBe(edited);
	// Nothing typed any more: the same key undoes the editor's last edit.
	await id.press('Control+Z');
	await expect(vt).toHaveValue(before);
	await expect(editor.getByTestId('redo')).toBeEnabled();
	await expect(id).toBeFocused();
});

test('when an undo removes the focused field, focus stays in the editor and redo still works by keyboard', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByTestId('palette').selectOption('kinesis-stream');
	await expect(editor.getByRole('button', { name: /^kinesis-stream-1 kinesis-stream/ })).toBeVisible();
	// Adding a node is an edit like any other (it used to clear the history: the run it loads gets defaults).
	await expect(editor.getByTestId('undo')).toBeEnabled();
	const shards = editor.locator('#f-ShardCount');
	await shards.focus();
	// Undo takes the new stream away, its ShardCount field with it.
	await shards.press('Control+Z');
	await expect(editor.getByRole('button', { name: /^kinesis-stream-1/ })).toHaveCount(0);
	await expect(shards).toHaveCount(0);
	await expect(editor).toBeFocused();
	await page.keyboard.press('Control+Shift+Z');
	await expect(editor.getByRole('button', { name: /^kinesis-stream-1 kinesis-stream/ })).toBeVisible();
});
