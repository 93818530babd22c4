// The charts and the sequence diagram explain what the stage shows: time and value axes with ticks and units,
// a legend naming each line, a playhead that moves with seeks, numbers that equal the stage's at every seek
// (in flight included), and a sequence diagram whose lane names are whole and whose arrows say what they are
// and follow the selected message.
import { expect, test, type Page } from '@playwright/test';
import { pickScenario } from './helpers';

async function ready(page: Page, scenario?: string): Promise<void> {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	if (scenario) await pickScenario(page, scenario);
}

async function seek(page: Page, ms: number): Promise<void> {
	await page.evaluate(async (t) => {
		await window.pigeonhole?.seek(t);
		await window.pigeonhole?.settled();
	}, ms);
}

/** The number the stage's queue shows under a section's label ("in flight", "visible", "delayed"). */
async function stageCount(page: Page, queue: string, section: string): Promise<number> {
	const texts = await page
		.locator(`g.node[data-node="${queue}"] text`)
		.evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
	const k = texts.indexOf(section);
	if (k < 0) throw new Error(`no "${section}" label on ${queue}: ${texts.join(' | ')}`);
	return Number(texts[k + 1]);
}

test('charts have a time axis in m:ss, value axes with units, and a legend naming each line', async ({
	page
}) => {
	await ready(page);
	await seek(page, 60_000);
	await page.getByTestId('tab-charts').click();
	const charts = page.getByTestId('charts');
	const group = charts.getByTestId('chart-orders');
	await expect(group).toBeVisible();
	const xTicks = group.getByTestId('chart-x-axis').locator('.tick');
	expect(await xTicks.count()).toBeGreaterThanOrEqual(3);
	for (const label of await xTicks.allTextContents()) expect(label.trim()).toMatch(/^\d+:\d\d(\.\d)?$/);
	await expect(group).toContainText('m:ss');
	const yTicks = group.getByTestId('chart-y-axis').first().locator('.tick');
	expect(await yTicks.count()).toBeGreaterThanOrEqual(2);
	expect((await yTicks.first().textContent())?.trim()).toBe('0');
	const legend = group.getByTestId('chart-legend');
	for (const name of ['visible', 'in flight', 'delayed']) await expect(legend).toContainText(name);
	await expect(legend).toContainText('messages');
	// Lines are told apart by more than hue: each row's line is named on it (a direct label).
	expect((await group.locator('.row-label').allTextContents()).map((t) => t.trim())).toEqual([
		'visible',
		'in flight',
		'delayed'
	]);
	// One metric per row: each plot draws a single line.
	for (const svg of await group.locator('svg[role="img"]').all())
		await expect(svg.locator('path[data-metric]')).toHaveCount(1);
	// The rate charts are small multiples too, with their unit.
	const rates = charts.getByTestId('chart-orders-rates');
	await expect(rates.getByTestId('chart-legend')).toContainText('per ');
	await expect(rates.locator('svg[role="img"]')).toHaveCount(3);
});

test('the playhead line moves with seeks', async ({ page }) => {
	await ready(page);
	const duration = await page.evaluate(
		() => (window.pigeonhole?.scenario() as { durationMs: number }).durationMs
	);
	await page.getByTestId('tab-charts').click();
	const playhead = page.getByTestId('charts').locator('line.playhead').first();
	const xs: number[] = [];
	for (const t of [10_000, 45_000, 90_000]) {
		await seek(page, t);
		await expect
			.poll(async () => Number(await playhead.getAttribute('x1')))
			.toBeCloseTo((t / duration) * 300, 1);
		xs.push(Number(await playhead.getAttribute('x1')));
	}
	expect(xs[0]).toBeLessThan(xs[1] as number);
	expect(xs[1]).toBeLessThan(xs[2] as number);
	// Every chart's playhead is at the same time.
	const all = await page
		.getByTestId('charts')
		.locator('line.playhead')
		.evaluateAll((ls) => ls.map((l) => l.getAttribute('x1')));
	expect(new Set(all).size).toBe(1);
});

test("the chart's in-flight value equals the stage's queue at every seek", async ({ page }) => {
	await ready(page);
	await page.getByTestId('tab-charts').click();
	const value = (metric: string) => page.getByTestId(`chart-value-orders-${metric}`);
	let nonZero = 0;
	// 9.7 s: a copy that missed a delete is in flight on the stage (SQS-STD-1) — once counted as 0 here.
	for (const t of [3_000, 9_700, 9_800, 21_300, 47_000, 64_250, 88_800, 115_000]) {
		await seek(page, t);
		const inFlight = await stageCount(page, 'orders', 'in flight');
		if (inFlight > 0) nonZero++;
		await expect(value('inflight'), `in flight at ${t} ms`).toHaveText(String(inFlight));
		await expect(value('visible'), `visible at ${t} ms`).toHaveText(
			String(await stageCount(page, 'orders', 'visible'))
		);
		await expect(value('delayed'), `delayed at ${t} ms`).toHaveText(
			String(await stageCount(page, 'orders', 'delayed'))
		);
		// The stage's own tokens agree: those resting in the queue, in flight.
		const dots = await page.evaluate(() => window.pigeonhole?.dots() ?? []);
		const resting = dots.filter(
			(d) => d.node === 'orders' && !d.moving && d.state.startsWith('in flight')
		).length;
		expect(resting, `in-flight tokens at ${t} ms`).toBe(inFlight);
	}
	expect(nonZero).toBeGreaterThan(0);
});

test('the sequence diagram shows whole lane names and labels every arrow', async ({ page }) => {
	await ready(page);
	await seek(page, 30_000);
	await page.getByTestId('tab-sequence').click();
	const seq = page.getByTestId('sequence');
	const svg = seq.locator('svg').first();
	const svgBox = await svg.boundingBox();
	if (!svgBox) throw new Error('no diagram');
	const names = await page.evaluate(() =>
		[...document.querySelectorAll('[data-testid="sequence"] .lane-label')].map((t) => ({
			lane: t.getAttribute('data-lane') ?? '',
			name: t.getAttribute('data-name') ?? '',
			text: t.textContent ?? '',
			box: t.getBoundingClientRect().toJSON() as DOMRect
		}))
	);
	expect(names.length).toBeGreaterThan(1);
	expect(names[0]?.name).toBe(names[0]?.lane);
	for (const n of names) {
		// Nothing shortened: the lane's name, whole (wrapped lines joined).
		expect(n.text.replace(/\s/g, '')).toBe(n.name.replace(/\s/g, ''));
		expect(n.text).not.toContain('…');
		expect(n.box.left, `${n.lane} left`).toBeGreaterThanOrEqual(svgBox.x - 0.5);
		expect(n.box.right, `${n.lane} right`).toBeLessThanOrEqual(svgBox.x + svgBox.width + 0.5);
		expect(n.box.top, `${n.lane} top`).toBeGreaterThanOrEqual(svgBox.y - 0.5);
	}
	// Labels do not overlap each other.
	for (let i = 1; i < names.length; i++)
		expect(names[i]?.box.left ?? 0).toBeGreaterThanOrEqual((names[i - 1]?.box.right ?? 0) - 0.5);
	// Every arrow says what it is; the words are drawn where there is room.
	const hops = seq.locator('g.hop');
	expect(await hops.count()).toBeGreaterThan(3);
	const verbs = await hops.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-verb') ?? ''));
	for (const v of verbs)
		expect(v).toMatch(
			/^(send|publish|deliver|receive|retry|duplicate|delete|dead-letter|redrive|move|put|process|replay|failed)( #\d+)?$/
		);
	for (const v of ['send', 'receive', 'delete']) expect(verbs).toContain(v);
	const words = seq.locator('text.hop-label');
	expect(await words.count()).toBeGreaterThan(3);
	for (const w of (await words.allTextContents()).slice(0, 20)) expect(verbs).toContain(w);
});

test('the sequence diagram follows the selected message', async ({ page }) => {
	await ready(page, 'poison-dlq');
	await seek(page, 70_000);
	await page.getByTestId('tab-sequence').click();
	const seq = page.getByTestId('sequence');
	await page.getByTestId('sequence-window').selectOption('20000');
	const hop = seq.locator('g.hop[data-verb^="receive"], g.hop[data-verb^="retry"]').first();
	await hop.dispatchEvent('click');
	await expect(seq.locator('g.hop.picked').first()).toBeAttached();
	expect(await seq.locator('g.hop.dimmed').count()).toBeGreaterThan(0);
	// Only that message's hops, on request.
	const total = await seq.locator('g.hop').count();
	await seq.getByTestId('sequence-only-selected').check();
	await expect(seq.locator('g.hop.dimmed')).toHaveCount(0);
	expect(await seq.locator('g.hop.picked').count()).toBeLessThan(total);
	expect(await seq.locator('g.hop.picked').count()).toBeGreaterThan(0);
});

for (const size of [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 }
]) {
	test(`charts are readable at ${size.width}×${size.height}: tick labels do not overlap or leave the chart`, async ({
		page
	}) => {
		await page.setViewportSize(size);
		await ready(page);
		await seek(page, 60_000);
		await page.getByTestId('tab-charts').click();
		const group = page.getByTestId('chart-orders');
		await group.scrollIntoViewIfNeeded();
		const figure = await group.boundingBox();
		const ticks = await group
			.getByTestId('chart-x-axis')
			.locator('.tick')
			.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
		if (!figure) throw new Error('no chart');
		for (let i = 0; i < ticks.length; i++) {
			const t = ticks[i] as DOMRect;
			expect(t.left).toBeGreaterThanOrEqual(figure.x - 0.5);
			expect(t.right).toBeLessThanOrEqual(figure.x + figure.width + 0.5);
			if (i > 0) expect(t.left).toBeGreaterThan((ticks[i - 1] as DOMRect).right);
		}
		const size12 = await group
			.getByTestId('chart-x-axis')
			.locator('.tick')
			.first()
			.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
		expect(size12).toBeGreaterThanOrEqual(10);
	});
}
