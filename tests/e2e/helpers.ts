// Shared steps for the e2e suites.
import { readdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/**
 * Pick a built-in scenario and wait until it is loaded: scenarios other than the default are separate chunks,
 * so a pick made before the idle-time preload finishes is asynchronous (the picker is aria-busy meanwhile).
 */
export async function pickScenario(page: Page, id: string): Promise<void> {
	const picker = page.getByTestId('scenario');
	await picker.selectOption(id);
	await expect(picker).not.toHaveAttribute('aria-busy', 'true');
	await expect(picker).toHaveValue(id);
}

/** Every built-in scenario file in scenarios/ (the picker lists each; a unit test keeps the two in step). */
export const BUILT_IN_FILES: string[] = readdirSync('scenarios')
	.filter((f) => f.endsWith('.json'))
	.sort();

/** The trace hash once no seek is in progress (an edit or a click re-runs and seeks in slices). */
export function settledHash(page: Page): Promise<string | undefined> {
	return page.evaluate(async () => {
		await window.pigeonhole?.settled();
		return window.pigeonhole?.traceHash();
	});
}
