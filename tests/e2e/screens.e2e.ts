// Every screen the app is used on: a phone, a laptop, wide desktops, a projector in presenter mode, and an
// embed in a slide. Checked in light and dark: nothing scrolls sideways, every tab is fully visible and can be
// clicked, Play is on screen, the stage is tall enough to use, its text is large enough for the screen, the
// header stays one line, and "Link copied" is seen without the layout moving.
import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const SCREENS = [
	{ name: 'phone 390×844', width: 390, height: 844, query: '', title: 11, header: 60 },
	{
		name: 'projector 1280×720 presenter',
		width: 1280,
		height: 720,
		query: '?present',
		title: 20,
		header: 64
	},
	{ name: 'laptop 1280×800', width: 1280, height: 800, query: '', title: 13, header: 56 },
	{ name: 'laptop 1366×768', width: 1366, height: 768, query: '', title: 13, header: 56 },
	{ name: 'desktop 1440×900', width: 1440, height: 900, query: '', title: 13, header: 56 }
] as const;

const TAB_IDS = ['inspector', 'insights', 'charts', 'sequence', 'lessons', 'compare', 'editor'];

async function open(page: Page, query: string): Promise<void> {
	await page.goto(`./${query}`);
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate(() => window.pigeonhole?.seek(30_000));
}

/** On-screen heights of the node titles on the stage. */
function titleHeights(page: Page): Promise<number[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('[data-testid="stage"] .node .label')].map(
			(t) => t.getBoundingClientRect().height
		)
	);
}

async function noSidewaysScroll(page: Page): Promise<void> {
	const [scroll, inner] = await page.evaluate(() => [
		document.documentElement.scrollWidth,
		window.innerWidth
	]);
	expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(inner);
}

for (const scheme of ['light', 'dark'] as const) {
	for (const screen of SCREENS) {
		test(`${screen.name}, ${scheme}: one column or two, every tab, Play, the stage and the header fit`, async ({
			browser
		}) => {
			const phone = screen.width < 768;
			const context = await browser.newContext({
				viewport: { width: screen.width, height: screen.height },
				colorScheme: scheme,
				hasTouch: phone,
				isMobile: phone
			});
			await context.grantPermissions(['clipboard-read', 'clipboard-write']);
			const page = await context.newPage();
			await open(page, screen.query);
			await noSidewaysScroll(page);

			// The header is one line.
			const header = await page.getByTestId('header').boundingBox();
			expect(header?.height ?? 999).toBeLessThanOrEqual(screen.header);

			// Play is on screen (pinned to the bottom on a phone).
			await expect(page.getByTestId('play')).toBeInViewport({ ratio: 1 });

			// The stage is tall enough to use, and its text large enough for the screen.
			const stage = await page.getByTestId('stage').boundingBox();
			expect(stage?.height ?? 0).toBeGreaterThanOrEqual(300);
			expect(stage?.width ?? 0).toBeGreaterThanOrEqual(screen.width * (phone ? 0.95 : 0.6));
			const heights = await titleHeights(page);
			expect(heights.length).toBeGreaterThan(0);
			expect(Math.min(...heights), `node titles on ${screen.name}`).toBeGreaterThanOrEqual(screen.title);

			// Presenter mode starts with the panel hidden; showing it brings every tab.
			if (screen.query === '?present') {
				await expect(page.getByTestId('tab-inspector')).toBeHidden();
				await page.getByTestId('toggle-panel').click();
			}
			// Every tab is fully visible (not clipped, nothing on top of it) and can be clicked.
			for (const id of TAB_IDS) {
				const tab = page.getByTestId(`tab-${id}`);
				await tab.evaluate((el) => el.scrollIntoView({ block: 'center' }));
				await expect(tab).toBeInViewport({ ratio: 1 });
				const hit = await tab.evaluate((el) => {
					// Points just inside each edge (the corners themselves are rounded off) and the centre.
					const r = el.getBoundingClientRect();
					const mx = (r.left + r.right) / 2;
					const my = (r.top + r.bottom) / 2;
					const points = [
						[mx, my],
						[r.left + 4, my],
						[r.right - 4, my],
						[mx, r.top + 3],
						[mx, r.bottom - 3]
					];
					return points.every(([x, y]) => el.contains(document.elementFromPoint(x as number, y as number)));
				});
				expect(hit, `tab ${id} is covered or clipped`).toBe(true);
				await tab.click();
				await expect(tab).toHaveAttribute('aria-selected', 'true');
			}
			await noSidewaysScroll(page);

			// "Link copied" shows above the page without moving it.
			await page.evaluate(() => window.scrollTo(0, 0));
			const before = await page.getByTestId('stage').boundingBox();
			if (phone) await page.getByTestId('menu').click();
			await page.getByTestId('copy-link').click();
			const toast = page.getByTestId('toast');
			await expect(toast).toContainText('Link copied');
			await expect(toast).toBeInViewport({ ratio: 1 });
			expect(await page.getByTestId('stage').boundingBox()).toEqual(before);
			expect(await page.getByTestId('share-url').inputValue()).toMatch(/#v1\./);
			await noSidewaysScroll(page);
			await context.close();
		});
	}
}

test('presenter mode: titles of every built-in scenario are at least 20 px tall at 1280×720', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await open(page, '?present');
	const ids = await page.evaluate(() =>
		[...document.querySelectorAll('[data-testid="scenario"] option')].map(
			(o) => (o as HTMLOptionElement).value
		)
	);
	expect(ids.length).toBe(readdirSync('scenarios').length);
	for (const id of ids) {
		await page.getByTestId('scenario').selectOption(id);
		await expect(page.getByTestId('scenario')).toHaveValue(id);
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
		const heights = await titleHeights(page);
		expect(Math.min(...heights), id).toBeGreaterThanOrEqual(20);
		// And every node is on the stage (the whole topology fits).
		const inside = await page.evaluate(() => {
			const box = document.querySelector('[data-testid="stage"] svg')?.getBoundingClientRect();
			if (!box) return false;
			return [...document.querySelectorAll('[data-testid="stage"] .node > rect')].every((r) => {
				const b = r.getBoundingClientRect();
				return (
					b.left >= box.left - 1 &&
					b.right <= box.right + 1 &&
					b.top >= box.top - 1 &&
					b.bottom <= box.bottom + 1
				);
			});
		});
		expect(inside, `${id} fits the stage`).toBe(true);
	}
});

test('presenter mode shows the lesson step as a caption on the stage; F toggles full screen', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await open(page, '?present');
	await page.getByTestId('toggle-panel').click();
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('lesson-visibility').click();
	const caption = page.getByTestId('stage-caption');
	await expect(caption).toBeVisible();
	await expect(caption).toContainText(
		await page
			.getByTestId('lesson-step')
			.innerText()
			.then((t) => t.replace(/^Step \d+ of \d+: /, ''))
	);
	const px = await caption.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(px).toBeGreaterThanOrEqual(24);
	// The caption does not cover the picture, and the titles stay large.
	await page.getByTestId('toggle-panel').click();
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
	const cap = await caption.boundingBox();
	const nodesTop = await page.evaluate(() =>
		Math.min(
			...[...document.querySelectorAll('[data-testid="stage"] .node > rect')].map(
				(r) => r.getBoundingClientRect().top
			)
		)
	);
	expect(nodesTop).toBeGreaterThan((cap?.y ?? 0) + (cap?.height ?? 0));
	expect(Math.min(...(await titleHeights(page)))).toBeGreaterThanOrEqual(20);
	// The presenter keys work from anywhere on the page.
	await page.getByTestId('app').focus();
	await page.keyboard.press('PageDown');
	await expect(caption).toContainText('Predict');
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
	await expect(page.getByTestId('fullscreen')).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
});

test('the side panel can be hidden, giving the stage the whole width', async ({ page }) => {
	await open(page, '');
	const narrow = (await page.getByTestId('stage').boundingBox())?.width ?? 0;
	await page.getByTestId('toggle-panel').click();
	await expect(page.getByTestId('tab-inspector')).toBeHidden();
	const wide = (await page.getByTestId('stage').boundingBox())?.width ?? 0;
	expect(wide).toBeGreaterThan(narrow + 250);
	await page.getByTestId('toggle-panel').click();
	await expect(page.getByTestId('tab-inspector')).toBeVisible();
});

test('embed: fits its frame on load and on resize, shows the title, play/pause and the timeline only', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await open(page, '?embed');
	await expect(page.getByTestId('embed-title')).toHaveText('Standard queue: at-least-once delivery');
	await expect(page.getByTestId('open-full')).toHaveText('Open in Pigeonhole');
	await expect(page.getByTestId('play')).toBeVisible();
	await expect(page.getByTestId('timeline')).toBeVisible();
	for (const id of [
		'step',
		'reset',
		'speed',
		'seed',
		'reroll',
		'export-svg',
		'record',
		'copy-link',
		'tab-inspector'
	])
		await expect(page.getByTestId(id)).toHaveCount(0);
	const fits = () =>
		page.evaluate(() => {
			const box = document.querySelector('[data-testid="stage"] svg')?.getBoundingClientRect();
			const rects = [...document.querySelectorAll('[data-testid="stage"] .node > rect')].map((r) =>
				r.getBoundingClientRect()
			);
			if (!box || rects.length === 0) return { inside: false, share: 0 };
			const inside = rects.every(
				(b) =>
					b.left >= box.left - 1 &&
					b.right <= box.right + 1 &&
					b.top >= box.top - 1 &&
					b.bottom <= box.bottom + 1
			);
			const left = Math.min(...rects.map((b) => b.left));
			const right = Math.max(...rects.map((b) => b.right));
			return { inside, share: (right - left) / box.width };
		});
	// The topology fills the frame's width (no empty right third), and still does after a resize.
	await expect.poll(async () => (await fits()).share).toBeGreaterThan(0.6);
	expect((await fits()).inside).toBe(true);
	await page.setViewportSize({ width: 640, height: 420 });
	await expect.poll(async () => (await fits()).inside).toBe(true);
	expect((await fits()).share).toBeGreaterThan(0.6);
	await noSidewaysScroll(page);
	// ?embed=full keeps every control.
	await open(page, '?embed=full');
	await expect(page.getByTestId('step')).toBeVisible();
	await expect(page.getByTestId('speed')).toBeVisible();
});

test('after a pick or a click with the mouse, the keyboard shortcuts work', async ({ page }) => {
	await open(page, '');
	await page.getByTestId('scenario').selectOption('fifo-groups');
	await expect(page.getByTestId('scenario')).toHaveValue('fifo-groups');
	// The pick loads the scenario's chunk first (a Space pressed before it arrives plays the old run, which
	// the load then replaces): wait until the page shows the picked scenario.
	await expect(page).toHaveTitle(/one slow message stalls its group/);
	await expect(page.getByTestId('scenario')).not.toHaveAttribute('aria-busy', 'true');
	await page.keyboard.press('Space');
	await expect(page.getByTestId('pause')).toBeVisible();
	await page.keyboard.press('Space');
	await expect(page.getByTestId('play')).toBeVisible();
	// Clicking Step with the mouse, then Space plays (it does not press Step again).
	await page.getByTestId('step').click();
	await expect(page.getByTestId('step')).not.toBeFocused();
	await page.evaluate(() => window.pigeonhole?.settled());
	await page.keyboard.press('Space');
	await expect(page.getByTestId('pause')).toBeVisible();
	await page.keyboard.press('Space');
	// Paused again before → is pressed (a step while still playing could be overtaken by the pause).
	await expect(page.getByTestId('play')).toBeVisible();
	await page.evaluate(() => window.pigeonhole?.settled());
	// A tab clicked with the mouse: → steps the run instead of moving between tabs.
	await page.getByTestId('tab-charts').click();
	// The page takes the focus back on the next frame after the click (a person is never faster than that).
	await expect(page.getByTestId('tab-charts')).not.toBeFocused();
	const before = await page.evaluate(() => window.pigeonhole?.now() ?? 0);
	await page.keyboard.press('ArrowRight');
	await page.evaluate(() => window.pigeonhole?.settled());
	expect(await page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeGreaterThan(before);
	await expect(page.getByTestId('tab-charts')).toHaveAttribute('aria-selected', 'true');
});

test('phone: the menu holds the actions; a tap on a node selects it; the flow runs top to bottom', async ({
	browser
}) => {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		hasTouch: true,
		isMobile: true
	});
	const page = await context.newPage();
	await open(page, '');
	await expect(page.getByTestId('copy-link')).toBeHidden();
	await page.getByTestId('menu').click();
	await expect(page.getByTestId('copy-link')).toBeVisible();
	await expect(page.getByTestId('presenter')).toBeVisible();
	await page.getByTestId('menu').click();
	await expect(page.getByTestId('copy-link')).toBeHidden();
	// Top to bottom: the producer above the queue above the consumer.
	const y = (id: string) =>
		page
			.locator(`[data-node="${id}"]`)
			.boundingBox()
			.then((b) => b?.y ?? 0);
	expect(await y('orders-producer')).toBeLessThan(await y('orders'));
	expect(await y('orders')).toBeLessThan(await y('workers'));
	await page.locator('[data-node="orders"] > rect').tap();
	await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
	await expect(page.locator('#side-panel')).toContainText('orders');
	await context.close();
});

test('reduced motion: the run still plays, the picture follows time', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await open(page, '');
	await page.getByTestId('play').click();
	await expect.poll(() => page.evaluate(() => window.pigeonhole?.now() ?? 0)).toBeGreaterThan(30_500);
	await page.getByTestId('pause').click();
});
