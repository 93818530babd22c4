// The stage shows the mechanism: dots large enough to see with a state each, the visibility-timeout overlap
// (one message at its busy worker and back in its queue at once), kinds told apart by shape and badge, FIFO
// lanes with a lock, SNS gates, shard lanes with throttles, the Lambda's on-failure edge, the Firehose's S3
// sink, a selected message's path, and Step saying what happened.
import { expect, test, type Page } from '@playwright/test';
import { pickScenario } from './helpers';

async function ready(page: Page, scenario?: string): Promise<void> {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	if (scenario) await pickScenario(page, scenario);
}

type Dots = NonNullable<ReturnType<NonNullable<Window['pigeonhole']>['dots']>>;

async function dotsAt(page: Page, t: number): Promise<Dots> {
	await page.evaluate((ms) => window.pigeonhole?.seek(ms), t);
	return page.evaluate(() => window.pigeonhole?.dots() ?? []);
}

/** Seek through the run until `found` holds for the dots; the time it held at, or undefined. */
async function findTime(
	page: Page,
	times: number[],
	found: (dots: Dots) => boolean
): Promise<{ t: number; dots: Dots } | undefined> {
	for (const t of times) {
		const dots = await dotsAt(page, t);
		if (found(dots)) return { t, dots };
	}
	return undefined;
}

const every = (from: number, to: number, step: number) =>
	Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, k) => from + k * step);

test('dots are at least 5 CSS px in radius at the default fit at 1280×800, each with a state', async ({
	page
}) => {
	await ready(page);
	const dots = await dotsAt(page, 30_000);
	expect(dots.length).toBeGreaterThan(0);
	for (const d of dots) {
		expect(d.r, d.key).toBeGreaterThanOrEqual(5);
		expect(d.state.length, d.key).toBeGreaterThan(3);
	}
	// Zooming in makes them larger on screen.
	const stage = page.getByTestId('stage');
	const box = await stage.boundingBox();
	if (!box) throw new Error('no stage');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.wheel(0, -400);
	await page.waitForTimeout(300);
	const zoomed = await page.evaluate(() => window.pigeonhole?.dots() ?? []);
	expect(Math.min(...zoomed.map((d) => d.r))).toBeGreaterThan(Math.min(...dots.map((d) => d.r)));
});

test('SQS-STD-4: a message whose visibility timeout ran out shows at its busy worker and back in its queue', async ({
	page
}) => {
	await ready(page, 'visibility-too-short');
	const hit = await findTime(page, every(5_000, 60_000, 500), (dots) =>
		dots.some(
			(w) =>
				w.node === 'workers' &&
				w.state.startsWith('processing') &&
				dots.some((q) => q.node === 'orders' && q.msg === w.msg && !q.state.startsWith('processing'))
		)
	);
	expect(hit, 'no moment with the overlap in the first minute').toBeDefined();
	// The queue's tokens say where they are: in flight ones with their visibility countdown.
	const inFlight = hit?.dots.filter((d) => d.node === 'orders' && d.state.startsWith('in flight')) ?? [];
	for (const d of inFlight) expect(d.state).toMatch(/visible again in [\d.]+s \(received \d+×\)/);
});

test('the poison-message run tells failed attempts and dead-lettered messages apart, as the legend shows', async ({
	page
}) => {
	await ready(page, 'poison-dlq');
	const hit = await findTime(page, every(20_000, 140_000, 5_000), (dots) =>
		['failed', 'dead'].every((k) => dots.some((d) => d.kind === k))
	);
	expect(hit, 'failed and dead-lettered dots at the same moment').toBeDefined();
	const dead = hit?.dots.find((d) => d.kind === 'dead');
	expect(dead?.node).toBe('payments-dlq');
	const legend = page.getByRole('group', { name: 'Legend' });
	for (const label of ['duplicate delivery', 'failed attempt', 'dead-lettered', 'filtered out', 'throttled'])
		await expect(legend).toContainText(label);
	// Each kind has its own shape or badge in the legend (not hue alone).
	const shapes = await legend.locator('[data-kind] svg').evaluateAll((els) =>
		els.map((svg) => {
			const e = svg.firstElementChild;
			return `${e?.tagName}:${e?.getAttribute('d') ?? e?.getAttribute('r') ?? ''}:${svg.querySelector('text')?.textContent ?? ''}`;
		})
	);
	expect(new Set(shapes).size).toBe(shapes.length);
});

test('FIFO: one lane per message group with a lock on the group whose message is in flight (SQS-FIFO-5)', async ({
	page
}) => {
	await ready(page, 'fifo-groups');
	const queue = page.locator('g.node[data-node="orders.fifo"]');
	let locked = 0;
	for (const t of every(2_000, 40_000, 2_000)) {
		await page.evaluate((ms) => window.pigeonhole?.seek(ms), t);
		locked = await queue.locator('.lock').count();
		if (locked > 0) break;
	}
	expect(locked).toBeGreaterThan(0);
	// The locked group's lane is named.
	await expect(queue).toContainText(/acme|globex|initech/);
	const holder = (await page.evaluate(() => window.pigeonhole?.dots() ?? [])).find((d) =>
		/holds the group lock|blocking/.test(d.state)
	);
	expect(holder, 'the message holding the lock is marked').toBeDefined();
});

test('SNS: subscriptions are gates that show pass or drop', async ({ page }) => {
	await ready(page, 'sns-fanout-filters');
	const gates = page.locator('[data-testid="stage"] .gate');
	const seen = new Set<string>();
	for (const t of every(2_000, 60_000, 2_000)) {
		await page.evaluate((ms) => window.pigeonhole?.seek(ms), t);
		for (const text of await gates.allTextContents()) {
			if (text.includes('pass')) seen.add('pass');
			if (text.includes('drop')) seen.add('drop');
		}
		if (seen.size === 2) break;
	}
	expect(await gates.count()).toBeGreaterThanOrEqual(2);
	expect([...seen].sort()).toEqual(['drop', 'pass']);
});

test('Kinesis hot key: the hot shard throttles on screen and every shard has a write meter', async ({
	page
}) => {
	await ready(page, 'kinesis-hot-key');
	const hit = await findTime(page, every(2_000, 30_000, 1_000), (dots) =>
		dots.some((d) => d.kind === 'throttled')
	);
	expect(hit, 'a throttled put on the stage').toBeDefined();
	const stream = page.locator('g.node[data-node="clicks"]');
	await expect(stream).toContainText('shard 0');
	await expect(stream).toContainText('shard 3');
	expect(await stream.locator('.cell').count()).toBeGreaterThan(4);
	expect(await stream.locator('.meter, .part.meter, .range').count()).toBeGreaterThan(0);
});

test('every connection has an edge: the Lambda’s on-failure queue and the Firehose’s S3 sink', async ({
	page
}) => {
	await ready(page, 'kinesis-lambda-bisect');
	await expect(page.locator('[data-testid="stage"] path.edge.on-failure')).toHaveCount(1);
	await pickScenario(page, 'firehose-buffering');
	await expect(page.locator('g.node[data-node^="~s3:"]')).toHaveCount(1);
	await expect(page.locator('[data-testid="stage"] path.edge.sink')).toHaveCount(1);
});

test('selecting a message highlights its path; Step says what happened', async ({ page }) => {
	await ready(page);
	const dots = await dotsAt(page, 20_000);
	const dot = dots.find((d) => d.node === 'orders');
	if (!dot) throw new Error('no message in the queue at 20 s');
	await page.mouse.click(dot.pageX, dot.pageY);
	expect(await page.locator('[data-testid="stage"] path.edge.onpath').count()).toBeGreaterThan(0);
	await page.getByTestId('step').click();
	await page.evaluate(() => window.pigeonhole?.settled());
	await expect(page.getByTestId('step-said')).toHaveText(/\w+: .+|\w+ (sent|polled|started|processed)/);
});
