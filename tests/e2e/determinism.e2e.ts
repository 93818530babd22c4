// The same scenario and seed give the same trace hash in Chromium as in Node, and the shell runs the
// built-in scenario through the engine in the browser.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { HashSink } from '../../src/lib/engine';
import { loadScenario } from '../../src/lib/services';
import { createSimulation } from '../../src/lib/services';

const scenarioJson = JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8'));

function nodeHash(until: number, seed?: number): string {
	const hash = new HashSink();
	const sim = createSimulation(loadScenario(scenarioJson), {
		sinks: [hash],
		...(seed !== undefined ? { seed } : {})
	});
	sim.runUntil(until);
	return hash.digest();
}

test('the trace hash computed in Chromium equals the one computed in Node', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	const browserHash = await page.evaluate(async () => {
		await window.pigeonhole?.seek(60_000);
		return window.pigeonhole?.traceHash();
	});
	expect(browserHash).toBe(nodeHash(60_000));
	// And with another seed, loaded through the hook.
	const other = await page.evaluate(async (s) => {
		await window.pigeonhole?.load(s, 99);
		await window.pigeonhole?.seek(45_000);
		return window.pigeonhole?.traceHash();
	}, scenarioJson);
	expect(other).toBe(nodeHash(45_000, 99));
	expect(other).not.toBe(browserHash);
});

test('the shell runs the built-in scenario: step advances the clock and the stage shows the queue', async ({
	page
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await expect(page.getByTestId('clock')).toHaveText('00:00.000');
	await page.getByTestId('step').click();
	await page.getByTestId('step').click();
	await expect(page.getByTestId('clock')).not.toHaveText('00:00.000');
	await page.evaluate(() => window.pigeonhole?.seek(30_000));
	await expect(page.getByTestId('clock')).toHaveText('00:30.000');
	await expect(page.getByTestId('stage')).toContainText('orders');
	expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(30_000);
});
