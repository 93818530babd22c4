// The scenario editor: forms with inline errors at the exact field, filter policies validated like AWS,
// undo / redo, and every valid edit re-running the simulation while keeping the playhead.
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';

test('an invalid value shows its error in place and keeps the last valid run; a valid one re-runs at the same time', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(40_000));
	const before = await page.evaluate(() => window.pigeonhole?.traceHash());
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^orders sqs-queue/ }).click();
	const vt = editor.locator('#f-VisibilityTimeout');
	await vt.fill('50000');
	await vt.press('Tab');
	await expect(editor.getByTestId('field-error')).toContainText('must be 0–43200 seconds');
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).toBe(before);
	await vt.fill('5');
	await vt.press('Tab');
	await expect(editor.getByTestId('field-error')).toHaveCount(0);
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(40_000);
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).not.toBe(before);
	// Undo restores the original run exactly.
	await editor.getByTestId('undo').click();
	await editor.getByTestId('undo').click();
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).toBe(before);
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
	const before = await page.evaluate(() => window.pigeonhole?.traceHash());
	await page.getByTestId('tab-editor').click();
	const editor = page.getByTestId('editor');
	await editor.getByRole('button', { name: /^workers consumer/ }).click();
	await editor.getByText('Every parameter (JSON)').click();
	const json = editor.getByTestId('node-json');
	await json.fill('{ "id": "workers", "type": "consumer", "source": "orders",');
	await json.blur();
	await expect(editor).toContainText('not valid JSON');
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).toBe(before);
	await json.fill(
		'{ "id": "workers", "type": "consumer", "source": "orders", "Workers": 1, "WaitTimeSeconds": 20, "ProcessingTime": { "type": "fixed", "ms": 900 } }'
	);
	await json.blur();
	await expect(editor).not.toContainText('not valid JSON');
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).not.toBe(before);
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(30_000);
});
