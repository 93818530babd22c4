// Accessibility: axe finds no serious or critical violations on the main views, in the light and the dark
// theme; every control on the main page is reached by Tab from the top, and the key ones work from the
// keyboard (play / pause, the side tabs, the timeline slider, choosing a node for the inspector).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function open(page: Page, url = './') {
	await page.goto(url);
	await page.waitForFunction(() => window.pigeonhole !== undefined);
}

/** Picks a built-in scenario and waits until it is loaded (scenarios other than the default load lazily). */
async function pickScenario(page: Page, id: string) {
	const before = await page.title();
	await page.getByTestId('scenario').selectOption(id);
	await expect(page).not.toHaveTitle(before);
}

/** Runs axe on the page as it is and fails with a readable list of serious and critical violations. */
async function expectNoSeriousViolations(page: Page, view: string) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = serious
		.map((v) =>
			[
				`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
				...v.nodes
					.slice(0, 8)
					.map(
						(n) =>
							`    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').split('\n').join('\n      ')}`
					),
				...(v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [])
			].join('\n')
		)
		.join('\n');
	expect(report, `axe on ${view}`).toBe('');
}

/** Opens a side tab and waits until its (lazily loaded) panel is shown. */
async function openTab(page: Page, tab: string, panel: string) {
	await page.getByTestId(`tab-${tab}`).click();
	await expect(page.getByTestId(panel)).toBeVisible();
}

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`axe, ${colorScheme} theme`, () => {
		test.use({ colorScheme });

		test('the default page', async ({ page }) => {
			await open(page);
			await page.evaluate(() => window.pigeonhole?.seek(15_000));
			await expectNoSeriousViolations(page, 'the default page');
			// The scenario file menu, opened, and the share link field.
			await page.locator('summary', { hasText: 'Scenario file' }).click();
			await expect(page.getByTestId('export')).toBeVisible();
			await page.getByTestId('copy-link').click();
			await expect(page.getByTestId('share-url')).toBeVisible();
			await expectNoSeriousViolations(page, 'the file menu and the share link');
		});

		test('the inspector with a queue, a message and a stream selected', async ({ page }) => {
			await open(page);
			await page.evaluate(() => window.pigeonhole?.seek(15_000));
			await page.locator('g.node[data-node="orders"]').click();
			const inspector = page.getByTestId('inspector');
			await expect(inspector).toContainText('Queue orders');
			await expectNoSeriousViolations(page, 'the inspector with a queue');
			await inspector.locator('tbody button').first().click();
			await expect(inspector.getByLabel('Message lifecycle statechart')).toBeVisible();
			await expectNoSeriousViolations(page, 'the inspector with a message');
			await pickScenario(page, 'kinesis-hot-key');
			await page.evaluate(() => window.pigeonhole?.seek(10_000));
			await page.locator('g.node[data-node="clicks"]').click();
			await expect(inspector).toContainText('Stream clicks');
			await expectNoSeriousViolations(page, 'the inspector with a stream');
		});

		test('the "what went wrong" panel', async ({ page }) => {
			await open(page);
			await pickScenario(page, 'poison-dlq');
			await page.evaluate(() => window.pigeonhole?.seek(100_000));
			await openTab(page, 'insights', 'insights');
			await expect(page.getByTestId('insights').locator('li.dead-lettered').first()).toBeVisible();
			await expectNoSeriousViolations(page, 'the "what went wrong" panel');
		});

		test('the seeds panel with a histogram and the runs of a bar', async ({ page }) => {
			await open(page);
			await openTab(page, 'seeds', 'seeds');
			await page.getByTestId('sweep-count').fill('6');
			await page.getByTestId('sweep-count').dispatchEvent('change');
			await page.getByTestId('sweep-run').click();
			await expect(page.getByTestId('sweep-progress')).toContainText('6 of 6 seeds', { timeout: 30_000 });
			await page.getByTestId('sweep-bar').first().click();
			await expect(page.getByTestId('sweep-runs')).toBeVisible();
			await expectNoSeriousViolations(page, 'the seeds panel');
		});

		test('the charts', async ({ page }) => {
			await open(page);
			await page.evaluate(() => window.pigeonhole?.seek(60_000));
			await openTab(page, 'charts', 'charts');
			await expect(page.getByTestId('charts')).toContainText('End-to-end latency');
			await expectNoSeriousViolations(page, 'the charts');
		});

		test('the sequence diagram', async ({ page }) => {
			await open(page);
			await pickScenario(page, 'poison-dlq');
			await page.evaluate(() => window.pigeonhole?.seek(70_000));
			await openTab(page, 'sequence', 'sequence');
			await expect(page.getByTestId('sequence').locator('g.hop').first()).toBeAttached();
			await expectNoSeriousViolations(page, 'the sequence diagram');
		});

		test('the lessons: gallery and a prediction', async ({ page }) => {
			await open(page);
			await openTab(page, 'lessons', 'lessons');
			await expect(page.getByTestId('lesson-visibility')).toBeVisible();
			await expectNoSeriousViolations(page, 'the lesson gallery');
			await page.getByTestId('lesson-visibility').click();
			await page.getByTestId('lesson-next').click();
			await expect(page.getByTestId('lesson-question')).toBeVisible();
			await expectNoSeriousViolations(page, 'a lesson question');
		});

		test('the comparison', async ({ page }) => {
			await open(page);
			await pickScenario(page, 'visibility-too-short');
			await openTab(page, 'compare', 'compare');
			await expectNoSeriousViolations(page, 'the comparison form');
			await page.getByTestId('compare-node').selectOption('orders');
			await page.getByTestId('compare-key').selectOption('VisibilityTimeout');
			await page.getByTestId('compare-value').fill('30');
			await page.getByTestId('compare-run').click();
			await page.evaluate(() => window.pigeonhole?.seek(60_000));
			await expect(page.getByTestId('compare-table')).toBeVisible();
			await expectNoSeriousViolations(page, 'the comparison table');
			await page.getByTestId('compare-open').click();
			await expect(page.getByTestId('compare-stage')).toHaveCount(2);
			await expectNoSeriousViolations(page, 'the comparison side by side');
		});

		test('the editor, with a topic, its subscriptions and an error', async ({ page }) => {
			await open(page);
			await pickScenario(page, 'sns-fanout-filters');
			await openTab(page, 'editor', 'editor');
			const editor = page.getByTestId('editor');
			await editor.getByRole('button', { name: /^orders sns-topic/ }).click();
			await expect(editor.getByTestId('filter-policy').first()).toBeVisible();
			await editor.locator('summary', { hasText: 'Every parameter' }).click();
			await expect(editor.getByTestId('node-json')).toBeVisible();
			await editor.getByTestId('filter-policy').first().fill('{"region": "eu-west-1"}');
			await editor.getByTestId('filter-policy').first().blur();
			await expect(editor.getByTestId('filter-policy-error')).toBeVisible();
			await expectNoSeriousViolations(page, 'the editor');
		});

		test('presenter mode', async ({ page }) => {
			await open(page, './?present');
			await expect(page.getByTestId('app')).toHaveClass(/presenter/);
			await page.evaluate(() => window.pigeonhole?.seek(30_000));
			await expectNoSeriousViolations(page, 'presenter mode');
		});

		test('embed mode', async ({ page }) => {
			await open(page, './?embed');
			await expect(page.getByTestId('app')).toHaveClass(/embed/);
			await page.evaluate(() => window.pigeonhole?.seek(30_000));
			await expectNoSeriousViolations(page, 'embed mode');
		});

		test('a broken share link', async ({ page }) => {
			await open(page, './#garbage');
			await expect(page.getByRole('alert')).toBeVisible();
			await expectNoSeriousViolations(page, 'the broken-link banner');
		});
	});
}

/** Tab-reachable controls on the page: focusable, enabled, rendered and not taken out of the Tab order. */
async function tabbableControls(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const SELECTOR = [
			'a[href]',
			'button',
			'input',
			'select',
			'textarea',
			'summary',
			'[tabindex]',
			'[contenteditable="true"]'
		].join(',');
		const out: string[] = [];
		let n = 0;
		for (const el of document.querySelectorAll<HTMLElement>(SELECTOR)) {
			if ((el as HTMLButtonElement).disabled) continue;
			if (el.tabIndex < 0) continue;
			if (el.closest('[inert], [aria-hidden="true"]')) continue;
			// Rendered and shown: not display:none, visibility:hidden, nor inside a closed details.
			if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
			el.dataset.a11yId = String(n++);
			out.push(el.dataset.a11yId);
		}
		return out;
	});
}

/** Presses Tab from the top of the page until focus comes back round; returns what was focused, in order. */
async function tabThrough(page: Page, limit: number): Promise<string[]> {
	await page.evaluate(() => {
		(document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(0, 0);
	});
	const seen: string[] = [];
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const id = await page.evaluate(
			() => (document.activeElement as HTMLElement | null)?.dataset.a11yId ?? ''
		);
		if (id !== '' && id === seen[0]) break;
		if (id !== '' && !seen.includes(id)) seen.push(id);
	}
	return seen;
}

/** A readable name for the control marked with this id, for failure messages. */
async function describeControl(page: Page, id: string): Promise<string> {
	return page.locator(`[data-a11y-id="${id}"]`).evaluate((el) => {
		const testid = el.getAttribute('data-testid');
		const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
		return `<${el.tagName.toLowerCase()}${testid ? ` data-testid="${testid}"` : ''}> “${name}”`;
	});
}

async function expectAllReachableByTab(page: Page, view: string) {
	const controls = await tabbableControls(page);
	expect(controls.length).toBeGreaterThan(10);
	const visited = await tabThrough(page, controls.length * 2 + 10);
	const missed = controls.filter((id) => !visited.includes(id));
	const names = await Promise.all(missed.map((id) => describeControl(page, id)));
	expect(names, `controls on ${view} that Tab never reaches`).toEqual([]);
}

test.describe('keyboard', () => {
	test('every control on the main page is reached by Tab from the top', async ({ page }) => {
		await open(page);
		await page.evaluate(() => window.pigeonhole?.seek(15_000));
		await expectAllReachableByTab(page, 'the default page');
		// With the file menu open and a queue in the inspector, their controls are in the Tab order too.
		await page.locator('summary', { hasText: 'Scenario file' }).click();
		await page.locator('g.node[data-node="orders"]').click();
		await expect(page.getByTestId('inspector')).toContainText('Queue orders');
		await expectAllReachableByTab(page, 'the page with the file menu open and a queue inspected');
	});

	test('the timeline, the stage buttons and the time controls are in the Tab order', async ({ page }) => {
		await open(page);
		const controls = await tabbableControls(page);
		const testids = await Promise.all(
			controls.map((id) => page.locator(`[data-a11y-id="${id}"]`).getAttribute('data-testid'))
		);
		for (const t of ['scenario', 'timeline', 'play', 'step', 'step-back', 'reset', 'speed', 'seed'])
			expect(testids, `${t} is tabbable`).toContain(t);
		expect(testids).toContain('export-svg');
		expect(testids).toContain('tab-inspector');
	});

	test('play and pause work with Enter and Space on the focused button', async ({ page }) => {
		await open(page);
		await page.getByTestId('speed').selectOption('10');
		await page.getByTestId('play').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('pause')).toBeVisible();
		await expect.poll(() => page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeGreaterThan(0);
		// Focus stays on the control that replaced the button, so the next key press pauses.
		await expect(page.getByTestId('pause')).toBeFocused();
		await page.keyboard.press('Space');
		await expect(page.getByTestId('play')).toBeVisible();
		await expect(page.getByTestId('play')).toBeFocused();
		const paused = await page.evaluate(() => window.pigeonhole?.now() ?? 0);
		await page.keyboard.press('Space');
		await expect(page.getByTestId('pause')).toBeVisible();
		await expect.poll(() => page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeGreaterThan(paused);
	});

	test('Space on another focused button activates that button, not play', async ({ page }) => {
		await open(page);
		await page.evaluate(() => window.pigeonhole?.seek(20_000));
		await page.getByTestId('reset').focus();
		await page.keyboard.press('Space');
		expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(0);
		await expect(page.getByTestId('play')).toBeVisible();
	});

	test('the side tabs switch with the arrow keys and show their panel', async ({ page }) => {
		await open(page);
		const tabs = page.getByRole('tab');
		await expect(tabs).toHaveCount(8);
		await page.getByTestId('tab-inspector').focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('tab-insights')).toBeFocused();
		await expect(page.getByTestId('tab-insights')).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByTestId('insights')).toBeVisible();
		await expect(page.getByRole('tabpanel')).toHaveAccessibleName('What went wrong');
		await page.keyboard.press('End');
		await expect(page.getByTestId('tab-editor')).toBeFocused();
		await expect(page.getByTestId('editor')).toBeVisible();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('tab-inspector')).toBeFocused();
		await expect(page.getByTestId('inspector')).toBeVisible();
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByTestId('tab-editor')).toBeFocused();
		await page.keyboard.press('Home');
		await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
		// The arrow keys move between tabs only: the simulated time does not step.
		expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(0);
		// Only the selected tab is a Tab stop; Tab from it goes into its panel.
		const tabStops = await tabs.evaluateAll(
			(els) => els.filter((e) => (e as HTMLElement).tabIndex >= 0).length
		);
		expect(tabStops).toBe(1);
	});

	test('the timeline is a slider that seeks with the arrow keys, Home and End', async ({ page }) => {
		await open(page);
		const timeline = page.getByRole('slider', { name: /Timeline/ });
		await timeline.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(timeline).toHaveAttribute('aria-valuenow', '2000');
		await page.keyboard.press('ArrowLeft');
		await expect(timeline).toHaveAttribute('aria-valuenow', '1000');
		await page.keyboard.press('End');
		const end = await timeline.getAttribute('aria-valuemax');
		await expect(timeline).toHaveAttribute('aria-valuenow', end ?? 'no maximum');
		await page.keyboard.press('Home');
		await expect(timeline).toHaveAttribute('aria-valuenow', '0');
		await expect(page.getByTestId('clock')).toHaveText('00:00.000');
	});

	test('a node can be chosen for the inspector from the keyboard', async ({ page }) => {
		await open(page);
		await page.evaluate(() => window.pigeonhole?.seek(15_000));
		const picker = page.getByRole('combobox', { name: 'Inspect a node' });
		await expect(picker).toHaveValue('');
		await picker.focus();
		await picker.selectOption('orders');
		const inspector = page.getByTestId('inspector');
		await expect(inspector).toContainText('Queue orders');
		// The stage marks the same node as selected.
		await expect(page.locator('g.node[data-node="orders"]')).toHaveClass(/selected/);
		// A message from the queue's table opens with Enter.
		await inspector.locator('tbody button').first().focus();
		await page.keyboard.press('Enter');
		await expect(inspector.getByLabel('Message lifecycle statechart')).toBeVisible();
	});

	test('a node on the stage is reached with Tab and selected with Enter', async ({ page }) => {
		await open(page);
		await page.evaluate(() => window.pigeonhole?.seek(15_000));
		const node = page.locator('g.node[data-node="orders"]');
		await expect(node).toHaveAttribute('aria-pressed', 'false');
		await expect(node).toHaveAccessibleName(/orders/);
		// Tab from the control before the stage's nodes until the queue has focus.
		await page.locator('g.node').first().focus();
		for (let k = 0; k < 10 && !(await node.evaluate((el) => el === document.activeElement)); k++)
			await page.keyboard.press('Tab');
		await expect(node).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('inspector')).toContainText('Queue orders');
		await expect(node).toHaveAttribute('aria-pressed', 'true');
	});

	test('sequence diagram hops are reached with Tab and the arrow keys and open with Enter', async ({
		page
	}) => {
		await open(page);
		await pickScenario(page, 'poison-dlq');
		await page.evaluate(() => window.pigeonhole?.seek(70_000));
		await openTab(page, 'sequence', 'sequence');
		const hops = page.getByTestId('sequence').getByRole('button');
		expect(await hops.count()).toBeGreaterThan(5);
		await page.getByTestId('sequence-window').focus();
		await page.keyboard.press('Tab');
		await expect(hops.first()).toBeFocused();
		await page.keyboard.press('ArrowDown');
		await expect(hops.nth(1)).toBeFocused();
		const name = (await hops.nth(1).getAttribute('aria-label')) ?? '';
		const stamp = /^\d\d:\d\d\.\d{3}/.exec(name)?.[0] ?? 'no time in the name';
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('clock')).toHaveText(stamp);
	});
});
