// Direct manipulation (docs/ARCHITECTURE.md "Operator actions"): each control in the inspector's "Act"
// section records a scenario action at the playhead — seen in the scenario, as a timeline marker, in the run
// (a trace that differs from the run without it), undoable, and kept by a share link.
import { expect, test, type Page } from '@playwright/test';
import { settledHash } from './helpers';

type Json = Record<string, unknown>;

const BASE = {
	version: 1,
	name: 'operator',
	seed: 3,
	durationMs: 60_000
};

/** A producer → queue → consumer run, a FIFO queue, a Lambda on the queue, a stream and a topic with an HTTP endpoint. */
const SCENARIO = {
	...BASE,
	nodes: [
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 2 }, Body: 'order {n}' },
		{ id: 'q', type: 'sqs-queue', Nondeterminism: 'off' },
		{
			id: 'c',
			type: 'consumer',
			source: 'q',
			Workers: 2,
			WaitTimeSeconds: 20,
			ProcessingTime: { type: 'fixed', ms: 3000 }
		},
		{ id: 'f.fifo', type: 'sqs-queue', FifoQueue: true, Nondeterminism: 'off' },
		{ id: 'fn', type: 'lambda', source: 'f.fifo' },
		{ id: 's', type: 'kinesis-stream', ShardCount: 2 },
		{ id: 'ps', type: 'producer', target: 's', Rate: { type: 'fixed', perSecond: 5 }, PartitionKey: 'k{n}' },
		{
			id: 't',
			type: 'sns-topic',
			Subscriptions: [{ Protocol: 'https', Endpoint: 'https://hooks.example.com/in' }]
		},
		{ id: 'pt', type: 'producer', target: 't', Rate: { type: 'fixed', perSecond: 1 } }
	]
};

async function open(page: Page, scenario: Json = SCENARIO): Promise<void> {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await page.evaluate((s) => window.pigeonhole?.load(s), scenario);
	await page.evaluate(() => window.pigeonhole?.seek(10_000));
}

/** Select a node with the inspector's picker (a click on a node's middle may land on one of its messages). */
async function select(page: Page, id: string): Promise<void> {
	await page.getByTestId('inspect-node').selectOption(id);
	await expect(page.getByTestId('operator')).toBeVisible();
}

function actionsOf(page: Page, id: string): Promise<Json[]> {
	return page.evaluate((nodeId) => {
		const s = window.pigeonhole?.scenario() as { nodes: Json[] };
		return (s.nodes.find((n) => n.id === nodeId)?.Actions ?? []) as Json[];
	}, id);
}

test.describe('operator actions from the inspector', () => {
	test('Send message records a send-message at the playhead; the run changes; Undo takes it back', async ({
		page
	}) => {
		await open(page);
		const before = await settledHash(page);
		await select(page, 'q');
		await page.getByTestId('op-body').fill('by hand');
		await page.getByTestId('op-attributes').fill('kind=vip, amount=3');
		await page.getByRole('button', { name: 'Send message' }).click();
		await expect(page.getByTestId('op-said')).toContainText('Send message at 00:10.000');
		const actions = await actionsOf(page, 'q');
		expect(actions).toEqual([
			{
				action: 'send-message',
				atMs: 10_000,
				MessageBody: 'by hand',
				MessageAttributes: {
					kind: { DataType: 'String', StringValue: 'vip' },
					amount: { DataType: 'Number', StringValue: '3' }
				}
			}
		]);
		await expect(page.locator('[data-testid="timeline-marker"][data-kind="action"]')).toHaveCount(1);
		await expect(page.locator('[data-testid="timeline-marker"][data-kind="action"]')).toHaveAttribute(
			'data-t',
			'10000'
		);
		expect(await settledHash(page)).not.toBe(before);
		// The playhead stays where it was.
		expect(await page.evaluate(() => window.pigeonhole?.now())).toBe(10_000);
		await page.getByTestId('op-undo').click();
		expect(await actionsOf(page, 'q')).toEqual([]);
		await expect(page.locator('[data-testid="timeline-marker"][data-kind="action"]')).toHaveCount(0);
		expect(await settledHash(page)).toBe(before);
	});

	test('a FIFO send carries its group and a deduplication id (SQS-FIFO-2/-3)', async ({ page }) => {
		await open(page);
		await select(page, 'f.fifo');
		await page.getByTestId('op-group').fill('acme');
		await page.getByRole('button', { name: 'Send message' }).click();
		const [a] = await actionsOf(page, 'f.fifo');
		expect(a).toMatchObject({
			action: 'send-message',
			MessageGroupId: 'acme',
			MessageDeduplicationId: 'by-hand-10000'
		});
		await expect(page.getByTestId('op-said')).toContainText('recorded');
	});

	test('a producer pauses, resumes and changes rate', async ({ page }) => {
		await open(page);
		await select(page, 'p');
		await page.getByRole('button', { name: 'Pause' }).click();
		// The producer is paused at the playhead: the button now resumes.
		await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
		await page.evaluate(() => window.pigeonhole?.seek(20_000));
		await page.getByRole('button', { name: 'Resume' }).click();
		await page.getByTestId('op-rate').fill('7');
		await page.getByRole('button', { name: 'Change rate' }).click();
		expect(await actionsOf(page, 'p')).toEqual([
			{ action: 'pause', atMs: 10_000 },
			{ action: 'resume', atMs: 20_000 },
			{ action: 'set-rate', atMs: 20_000, Rate: { type: 'fixed', perSecond: 7 } }
		]);
		await expect(page.locator('[data-testid="timeline-marker"][data-kind="action"]')).toHaveCount(3);
	});

	test('Crash consumer stops its workers (their work is lost) and Restart brings them back', async ({
		page
	}) => {
		await open(page);
		await select(page, 'c');
		await page.getByRole('button', { name: 'Crash consumer' }).click();
		await expect(page.getByRole('button', { name: 'Restart' })).toBeVisible();
		await expect(page.getByTestId('inspector')).toContainText('crashed');
		// Every worker of the crashed consumer shows as down on the stage.
		await expect(page.locator('g.node[data-node="c"]')).toContainText('down');
		await page.evaluate(() => window.pigeonhole?.seek(15_000));
		await page.getByRole('button', { name: 'Restart' }).click();
		await expect(page.getByRole('button', { name: 'Crash consumer' })).toBeVisible();
		expect((await actionsOf(page, 'c')).map((a) => a.action)).toEqual(['crash', 'restart']);
	});

	test('a consumer slows down and fails every message; a Lambda too', async ({ page }) => {
		await open(page);
		await select(page, 'c');
		await page.getByTestId('op-factor').selectOption('10');
		await page.getByRole('button', { name: 'Slow down' }).click();
		await page.getByRole('button', { name: 'Fail every message' }).click();
		await expect(page.getByRole('button', { name: 'Stop failing' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Normal speed' })).toBeVisible();
		expect(await actionsOf(page, 'c')).toEqual([
			{ action: 'slow-down', atMs: 10_000, factor: 10 },
			{ action: 'fail-all', atMs: 10_000, on: true }
		]);
		await select(page, 'fn');
		await page.getByRole('button', { name: 'Fail every message' }).click();
		expect((await actionsOf(page, 'fn')).map((a) => a.action)).toEqual(['fail-all']);
	});

	test('a message made poison fails from then on', async ({ page }) => {
		await open(page);
		const dot = await page.evaluate(
			() => window.pigeonhole?.dots().find((d) => d.node === 'q' || d.node === 'c') ?? null
		);
		if (!dot) throw new Error('no message of q on the stage at 10 s');
		const before = await settledHash(page);
		await page.mouse.click(dot.pageX, dot.pageY);
		await page.getByRole('button', { name: 'Make poison' }).click();
		expect(await settledHash(page)).not.toBe(before);
		const [a] = await actionsOf(page, 'q');
		expect(a).toMatchObject({ action: 'make-poison', atMs: 10_000 });
		expect(String(a?.origin)).toMatch(/^p-\d+$/);
	});

	test('an HTTP endpoint goes down and comes back: an outage window in the subscription', async ({
		page
	}) => {
		await open(page);
		await page.locator('g.node[data-node="~ep:t:0"]').click();
		await page.getByRole('button', { name: 'Outage on' }).click();
		await expect(page.getByRole('button', { name: 'Outage off' })).toBeVisible();
		await page.evaluate(() => window.pigeonhole?.seek(25_000));
		await page.getByRole('button', { name: 'Outage off' }).click();
		const outages = await page.evaluate(() => {
			const s = window.pigeonhole?.scenario() as { nodes: Json[] };
			const t = s.nodes.find((n) => n.id === 't') as {
				Subscriptions: { Simulated?: { Outages?: unknown } }[];
			};
			return t.Subscriptions[0]?.Simulated?.Outages;
		});
		expect(outages).toEqual([{ fromMs: 10_000, toMs: 25_000 }]);
		await expect(page.locator('[data-testid="timeline-marker"][data-kind="action"]')).toHaveCount(2);
	});

	test('a stream splits a shard and merges two adjacent ones (KIN-11)', async ({ page }) => {
		await open(page);
		await select(page, 's');
		await page.getByRole('button', { name: 'Split shard' }).click();
		// The stream is UPDATING for the reshard, then ACTIVE with the parent CLOSED (KIN-11, its machines).
		const chart = page.getByTestId('stream-chart').locator('li[aria-current]');
		await page.evaluate(() => window.pigeonhole?.seek(10_500));
		await expect(chart).toHaveText('UPDATING');
		await page.evaluate(() => window.pigeonhole?.seek(20_000));
		await expect(chart).toHaveText('ACTIVE');
		await expect(page.getByTestId('shard-state')).toContainText(['CLOSED', 'OPEN', 'OPEN']);
		await expect(page.getByTestId('op-merge-pair').locator('option')).toHaveCount(2);
		await page.getByRole('button', { name: 'Merge shards' }).click();
		const actions = await actionsOf(page, 's');
		expect(actions[0]).toEqual({ action: 'split', atMs: 10_000, ShardToSplit: 'shardId-000000000000' });
		expect(actions[1]).toMatchObject({ action: 'merge', atMs: 20_000 });
		await expect(page.getByTestId('op-said')).toContainText('recorded');
	});

	test('recorded actions survive a share link: the same scenario and the same trace', async ({
		page,
		browser
	}) => {
		await open(page);
		await select(page, 'c');
		await page.getByRole('button', { name: 'Crash consumer' }).click();
		await page.locator('g.node[data-node="~ep:t:0"]').click();
		await page.getByRole('button', { name: 'Outage on' }).click();
		const scenario = await page.evaluate(() => window.pigeonhole?.scenario());
		const hash = await settledHash(page);
		await page.getByTestId('copy-link').click();
		const url = await page.getByTestId('share-url').inputValue();
		const other = await browser.newPage();
		await other.goto(url);
		await other.waitForFunction(() => window.pigeonhole !== undefined && window.pigeonhole.now() === 10_000);
		expect(await other.evaluate(() => window.pigeonhole?.scenario())).toEqual(scenario);
		expect(await settledHash(other)).toBe(hash);
		await expect(other.locator('[data-testid="timeline-marker"][data-kind="action"]')).toHaveCount(2);
	});
});
