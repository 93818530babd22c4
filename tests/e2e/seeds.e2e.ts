// #17 in the browser: the Seeds panel runs the scenario with many seeds in Web Workers and shows how often a
// metric happens as a histogram; each run opens as its seed. Editing the scenario makes the runs stale.
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';

test('Seeds: a sweep of 12 seeds shows how often a standard queue delivers twice (SQS-STD-1); a run opens as its seed', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'standard-duplicates');
	await page.getByTestId('tab-seeds').click();
	const panel = page.getByTestId('seeds');
	await panel.getByTestId('sweep-count').fill('12');
	await panel.getByTestId('sweep-count').dispatchEvent('change');
	await panel.getByRole('button', { name: 'Run seeds 1–12' }).click();
	await expect(panel.getByTestId('sweep-progress')).toContainText('12 of 12 seeds', { timeout: 30_000 });
	await expect(panel.getByTestId('sweep-run')).toBeVisible();
	// The first interesting metric is chosen: duplicates delivered, at a node where some run had one.
	await expect(panel.getByTestId('sweep-metric')).toHaveValue('duplicates');
	const summary = panel.getByTestId('sweep-summary');
	await expect(summary).toContainText(/non-zero in \d+ of 12\s+runs/);
	const bars = panel.getByTestId('sweep-bar');
	expect(await bars.count()).toBeGreaterThan(0);
	// The bars hold every run once.
	const labels = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
	const runs = labels.map((l) => Number(/^(\d+) runs?/.exec(l)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
	expect(runs).toBe(12);
	// Pick the last bar (the most duplicates) and open its first seed.
	await bars.last().click();
	const open = panel.getByTestId('sweep-open').first();
	const seed = Number(await open.textContent());
	await open.click();
	await expect(page.getByTestId('seed')).toHaveValue(String(seed));
	// Another metric and node can be chosen.
	await panel.getByTestId('sweep-metric').selectOption('deleted');
	await expect(summary).toContainText('deleted');
	// Editing the scenario leaves the runs as they were, said to be of the scenario before.
	await page.evaluate(async () => {
		const s = window.pigeonhole?.scenario() as { durationMs: number };
		await window.pigeonhole?.load({ ...s, durationMs: s.durationMs - 1000 });
	});
	await expect(panel.getByTestId('sweep-stale')).toBeVisible();
});

test('Seeds: a sweep can be stopped, and what ran stays', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'kinesis-hot-key');
	await page.getByTestId('tab-seeds').click();
	const panel = page.getByTestId('seeds');
	await panel.getByTestId('sweep-count').fill('400');
	await panel.getByTestId('sweep-count').dispatchEvent('change');
	await panel.getByTestId('sweep-run').click();
	await expect(panel.getByTestId('sweep-progress')).toContainText(/[1-9]\d* of 400 seeds/, {
		timeout: 30_000
	});
	await panel.getByTestId('sweep-stop').click();
	await expect(panel.getByTestId('sweep-run')).toBeVisible();
	const text = (await panel.getByTestId('sweep-progress').textContent()) ?? '';
	const done = Number(/(\d+) of 400/.exec(text)?.[1]);
	expect(done).toBeGreaterThan(0);
	expect(done).toBeLessThan(400);
	// The hot key throttles: the histogram's metric is throttled puts at the stream.
	await expect(panel.getByTestId('sweep-metric')).toHaveValue('throttled');
	await expect(panel.getByTestId('sweep-node')).toHaveValue('clicks');
});
