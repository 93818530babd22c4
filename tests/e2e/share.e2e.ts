// Share links: copy a link, open it in a new page, and the same run is at the same moment; bad links show a
// banner saying what is wrong and the app keeps working with the default scenario.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';

test('a copied link reproduces the same run at the same moment in a new page', async ({ page, browser }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'fifo-groups');
	await page.getByTestId('seed').fill('77');
	await page.getByTestId('seed').press('Enter');
	await page.evaluate(() => window.pigeonhole?.seek(42_500));
	const hash = await page.evaluate(() => window.pigeonhole?.traceHash());
	await page.getByTestId('speed').selectOption('10');
	await page.getByTestId('tab-charts').click();
	await page.getByTestId('copy-link').click();
	const url = await page.getByTestId('share-url').inputValue();
	expect(url).toMatch(/#v1\./);
	const other = await browser.newPage();
	await other.goto(url);
	await other.waitForFunction(() => window.pigeonhole !== undefined && window.pigeonhole.now() === 42_500);
	expect(await other.evaluate(() => window.pigeonhole?.traceHash())).toBe(hash);
	await expect(other.getByTestId('clock')).toHaveText('00:42.500');
	await expect(other.locator('header')).toContainText('seed 77');
	// The view travels too: the open panel and the speed.
	await expect(other.getByTestId('tab-charts')).toHaveAttribute('aria-selected', 'true');
	await expect(other.getByTestId('speed')).toHaveValue('10');
	const dotsA = await page.evaluate(() => window.pigeonhole?.dots().map((d) => [d.key, d.x, d.y]));
	const dotsB = await other.evaluate(() => window.pigeonhole?.dots().map((d) => [d.key, d.x, d.y]));
	expect(dotsB).toEqual(dotsA);
	await other.close();
});

for (const [kind, fragment, message] of [
	['not a share link', '#hello', 'not a Pigeonhole share link'],
	['unknown version', '#v7.AAAA', 'newer or unknown version'],
	['garbled', '#v1.%%%', 'garbled'],
	['truncated', '#v1.q1ZKSc', 'truncated or garbled']
] as const) {
	test(`a ${kind} link shows a banner and the default scenario still runs`, async ({ page }) => {
		await page.goto(`./${fragment}`);
		await page.waitForFunction(() => window.pigeonhole !== undefined);
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.getByTestId('stage')).toContainText('orders');
		// The first events happen at t = 0, so step a few times.
		for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
		await expect(page.getByTestId('clock')).not.toHaveText('00:00.000');
	});
}

test('export and import a scenario file; a broken file shows why and keeps the current run', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'poison-dlq');
	await page.getByText('Scenario file').click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
	const path = await download.path();
	expect(download.suggestedFilename()).toMatch(/\.json$/);
	await pickScenario(page, 'fifo-groups');
	await page.getByTestId('import').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"version": 1, "name": ')
	});
	await expect(page.getByRole('alert')).toContainText('broken.json is not valid JSON');
	await expect(page.getByTestId('stage')).toContainText('orders.fifo');
	await page.getByTestId('import').setInputFiles(path);
	await expect(page.getByTestId('stage')).toContainText('payments-dlq');
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('embed mode hides the chrome; presenter mode enlarges the type', async ({ page }) => {
	await page.goto('./?embed');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	// The full header gives way to the scenario's title and a link to open the run in the app.
	await expect(page.getByTestId('header')).toBeHidden();
	await expect(page.getByTestId('embed-title')).toBeVisible();
	await expect(page.getByTestId('stage')).toBeVisible();
	await expect(page.getByTestId('play')).toBeVisible();
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	const before = await page.getByTestId('app').evaluate((e) => getComputedStyle(e).fontSize);
	await page.getByTestId('presenter').click();
	const after = await page.getByTestId('app').evaluate((e) => getComputedStyle(e).fontSize);
	expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
});

test('the stage can be saved as SVG and PNG pictures', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(15_000));
	const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
	expect(svg.suggestedFilename()).toBe('pigeonhole-stage.svg');
	const text = await (await import('node:fs/promises')).readFile((await svg.path()) ?? '', 'utf8');
	expect(text).toContain('<circle');
	expect(text).toContain('orders');
	const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
	expect(png.suggestedFilename()).toBe('pigeonhole-stage.png');
});

test('a misspelt parameter in a link or an imported file is named with the closest known one; the run survives', async ({
	page
}) => {
	const doc = JSON.parse(readFileSync('scenarios/sqs-visibility-too-short.json', 'utf8'));
	const queue = doc.nodes.findIndex((n: { type: string }) => n.type === 'sqs-queue');
	const { VisibilityTimeout, ...rest } = doc.nodes[queue];
	doc.nodes[queue] = { ...rest, VisibiltyTimeout: VisibilityTimeout };
	const expected = `nodes[${queue}].VisibiltyTimeout: unknown parameter; did you mean VisibilityTimeout?`;
	// The link encoder checks nothing: a hand-edited link can carry anything.
	const json = new TextEncoder().encode(JSON.stringify({ scenario: doc, seed: 1, t: 0 }));
	const packed = new Uint8Array(
		await new Response(
			new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))
		).arrayBuffer()
	);
	const fragment = `#v1.${Buffer.from(packed).toString('base64url')}`;
	await page.goto(`./${fragment}`);
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await expect(page.getByRole('alert')).toContainText(expected);
	await expect(page.getByTestId('stage')).toContainText('orders');
	// Import, with a UTF-8 byte-order mark in front (accepted) and the same typo (refused at its path).
	await page.getByText('Scenario file').click();
	await page.getByTestId('import').setInputFiles({
		name: 'typo.json',
		mimeType: 'application/json',
		buffer: Buffer.from(`\ufeff${JSON.stringify(doc)}`)
	});
	await expect(page.getByRole('alert')).toContainText(`typo.json is not a valid scenario`);
	await expect(page.getByRole('alert')).toContainText(expected);
	const fixed = {
		...doc,
		nodes: doc.nodes.map((n: object, k: number) => (k === queue ? { ...rest, VisibilityTimeout } : n))
	};
	await page.getByTestId('import').setInputFiles({
		name: 'fixed.json',
		mimeType: 'application/json',
		buffer: Buffer.from(`\ufeff${JSON.stringify(fixed)}`)
	});
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.locator('header')).toContainText(doc.name);
});
