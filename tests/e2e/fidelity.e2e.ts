// The fidelity page (README, Fidelity): the totals and a row per rule, the filters, the links to a rule's
// row from the header and from "What went wrong", phone cards, and both themes legible. Test names cite no
// rule id: they check the page, not AWS rules.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { RULES } from '../../src/lib/fidelity/rules';

async function openFidelity(page: Page, hash = '') {
	await page.goto(`./fidelity/${hash}`);
	await expect(page.getByTestId('fidelity-page')).toBeVisible();
}

/** The serious or critical axe findings on the page, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the page shows the totals and a row per rule of the catalogue, each its own anchor', async ({
	page
}) => {
	await openFidelity(page);
	await expect(page.getByTestId('total-rules')).toHaveText(String(RULES.length));
	const rows = page.getByTestId('fidelity-row');
	await expect(rows).toHaveCount(RULES.length);
	await expect(page.locator('tr#SQS-FIFO-5')).toHaveAttribute('data-rule', 'SQS-FIFO-5');
	const tested = await page.locator('[data-testid="fidelity-row"][data-status="tested"]').count();
	await expect(page.getByTestId('total-tested')).toContainText(String(tested));
	// A tested rule lists its tests (file and name) when opened.
	const row = page.locator('[data-testid="fidelity-row"][data-status="tested"]').first();
	await row.locator('summary').click();
	await expect(row.getByTestId('fidelity-tests').locator('li').first()).toContainText(
		/tests\/(unit|e2e|property)\//
	);
});

test('the filters narrow the table by status, by service or section, and by a search', async ({ page }) => {
	await openFidelity(page);
	const visible = page.locator('[data-testid="fidelity-row"]:visible');
	await page.getByTestId('filter-status').selectOption('untested');
	const untested = await visible.count();
	expect(untested).toBeLessThan(RULES.length);
	for (const s of await visible.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))))
		expect(s).toBe('untested');
	await expect(page.getByTestId('fidelity-count')).toContainText(`${untested} of ${RULES.length} rules`);

	await page.getByTestId('filter-status').selectOption('all');
	await page.getByTestId('filter-section').selectOption('service:Kinesis');
	const kinesis = RULES.filter((r) => r.service === 'Kinesis').map((r) => r.id);
	expect(await visible.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule')))).toEqual(kinesis);

	await page.getByTestId('filter-section').selectOption('all');
	await page.getByTestId('filter-search').fill('group lock');
	expect(await visible.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule')))).toEqual([
		'SQS-FIFO-5'
	]);
	await page.getByRole('button', { name: 'Show all' }).click();
	await expect(visible).toHaveCount(RULES.length);
});

test('the header links to the page, and the page links back', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.getByRole('link', { name: 'Fidelity' }).click();
	await expect(page.getByTestId('fidelity-page')).toBeVisible();
	expect(new URL(page.url()).pathname).toMatch(/\/fidelity\/$/);
	await page.getByRole('link', { name: '← Pigeonhole' }).click();
	await page.waitForFunction(() => window.pigeonhole !== undefined);
});

test('a rule link in "What went wrong" opens the page on that rule, its tests shown', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(120_000));
	await page.getByTestId('tab-insights').click();
	const link = page.getByTestId('insights').locator('li.duplicate a.rule-link').first();
	await expect(link).toBeVisible();
	const id = (await link.getAttribute('data-rule')) ?? 'no rule link';
	const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
	await tab.waitForLoadState();
	expect(new URL(tab.url()).hash).toBe(`#${id}`);
	const row = tab.locator(`[data-testid="fidelity-row"][data-rule="${id}"]`);
	await expect(row).toBeInViewport();
	await expect(row.getByTestId('fidelity-tests')).toBeVisible();
	await tab.close();
});

test('a rule link in the inspector names the rule of each transition and leads to its row', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(120_000));
	await page.getByTestId('tab-insights').click();
	// Seeking to a duplicate selects its message; the inspector lists the transitions it took.
	await page.getByTestId('insights').locator('li.duplicate button.link').first().click();
	await page.getByTestId('tab-inspector').click();
	const link = page.getByTestId('transitions-taken').locator('a.rule-link').first();
	await expect(link).toBeVisible();
	const id = (await link.getAttribute('data-rule')) ?? 'no rule link';
	expect(await link.getAttribute('href')).toMatch(new RegExp(`fidelity/#${id}$`));
	await openFidelity(page, `#${id}`);
	await expect(page.locator(`[data-testid="fidelity-row"][data-rule="${id}"]`)).toBeInViewport();
});

test('on a phone the rows are cards and nothing is wider than the screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openFidelity(page, '#SQS-FIFO-5');
	const row = page.locator('tr#SQS-FIFO-5');
	await expect(row).toBeInViewport();
	expect(await row.evaluate((r) => getComputedStyle(r).display)).toBe('block');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

for (const colorScheme of ['light', 'dark'] as const)
	for (const viewport of [
		{ width: 1280, height: 720 },
		{ width: 390, height: 844 }
	])
		test(`legible in the ${colorScheme} theme at ${viewport.width}×${viewport.height}: no serious axe finding`, async ({
			page
		}) => {
			await page.emulateMedia({ colorScheme });
			await page.setViewportSize(viewport);
			await openFidelity(page, '#KIN-11');
			expect(await axeProblems(page)).toEqual([]);
		});
