// Content-Security-Policy and text-only rendering of user strings. An init script records every
// `securitypolicyviolation` event, every element added with an inline event handler or carrying the test's
// markup, and whether any injected script ran; the tests drive the app and expect all three to stay empty.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pickScenario } from './helpers';

declare global {
	interface Window {
		__csp: string[];
		__xss: string[];
		__injected: string[];
	}
}

test.beforeEach(async ({ context }) => {
	await context.addInitScript(() => {
		window.__csp = [];
		window.__xss = [];
		window.__injected = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`);
		});
		const inspect = (el: Element) => {
			for (const x of [el, ...el.querySelectorAll('*')]) {
				const handlers = x.getAttributeNames().filter((a) => a.toLowerCase().startsWith('on'));
				const marked = /__xss/.test(x.tagName === 'SCRIPT' ? (x.textContent ?? '') : '');
				if (handlers.length > 0 || marked || (x.tagName === 'IMG' && x.getAttribute('src') === 'x')) {
					window.__injected.push(x.outerHTML.slice(0, 200));
				}
			}
		};
		new MutationObserver((records) => {
			for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) inspect(n);
		}).observe(document, { childList: true, subtree: true });
	});
});

/** Markup that runs script if it is ever parsed as HTML: each variant reports `tag` to window.__xss. */
const xss = (tag: string) =>
	`<img src=x onerror="__xss.push('${tag}')"><script>__xss.push('${tag}')</script><svg onload="__xss.push('${tag}')">`;

/** The SNS fan-out scenario with markup in every user string the format allows. */
function hostileScenario(): Record<string, unknown> {
	const s = JSON.parse(readFileSync('scenarios/sns-fanout-filters.json', 'utf8')) as {
		nodes: Record<string, unknown>[];
	} & Record<string, unknown>;
	s.name = xss('name');
	s.description = `${xss('description')} <a href="javascript:__xss.push('href')">link</a>`;
	s.fidelityNotes = [xss('note')];
	for (const n of s.nodes) n.label = xss(`label ${String(n.id)}`).slice(0, 120);
	const shop = s.nodes.find((n) => n.id === 'shop') as Record<string, unknown>;
	shop.Body = '{"order": {"id": {n}, "total": {rand:250}, "note": "<img src=x onerror=__xss.push(1)>"}}';
	shop.MessageAttributes = {
		region: {
			DataType: 'String',
			StringValue: '{cycle:eu-<img src=x onerror=__xss.push(2)>|us-<script>__xss.push(3)</script>}'
		}
	};
	const topic = s.nodes.find((n) => n.id === 'orders') as { Subscriptions: Record<string, unknown>[] };
	(topic.Subscriptions[0] as Record<string, unknown>).FilterPolicy = {
		region: [{ prefix: 'eu-' }, '<script>__xss.push(4)</script>']
	};
	return s;
}

async function open(page: Page, path = './'): Promise<void> {
	await page.goto(path);
	await page.waitForFunction(() => window.pigeonhole !== undefined);
}

/** Nothing was blocked by the policy, no injected element appeared and no injected script ran. */
async function expectClean(page: Page): Promise<void> {
	const seen = await page.evaluate(() => ({
		violations: window.__csp,
		ran: window.__xss,
		injected: window.__injected,
		handlers: document.querySelectorAll('[onerror], [onload], img[src="x"]').length
	}));
	expect(seen).toEqual({ violations: [], ran: [], injected: [], handlers: 0 });
}

const TABS = ['inspector', 'insights', 'charts', 'sequence', 'lessons', 'compare', 'seeds', 'editor'];

test('the page carries a Content-Security-Policy meta tag with the key directives', async ({ page }) => {
	await open(page);
	const csp =
		(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
	const directives = new Map(
		csp.split(';').map((d) => {
			const [name = '', ...values] = d.trim().split(/\s+/);
			return [name, values] as const;
		})
	);
	expect(directives.get('default-src')).toEqual(["'self'"]);
	expect(directives.get('script-src')?.[0]).toBe("'self'");
	// Only hashes besides 'self': SvelteKit's own inline bootstrap script.
	expect(
		directives
			.get('script-src')
			?.slice(1)
			.every((v) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(v))
	).toBe(true);
	expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
	expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
	expect(directives.get('object-src')).toEqual(["'none'"]);
	expect(directives.get('base-uri')).toEqual(["'self'"]);
	expect(directives.get('form-action')).toEqual(["'none'"]);
	expect(directives.get('connect-src')).toEqual(["'self'"]);
	expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
	expect(directives.get('media-src')).toEqual(["'self'", 'blob:']);
	expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
	await expectClean(page);
});

test('the policy is enforced: injected inline script and handlers are blocked and reported', async ({
	page
}) => {
	await open(page);
	await page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = "__xss.push('inline script')";
		document.body.append(s);
		const img = document.createElement('img');
		img.setAttribute('onerror', "__xss.push('handler')");
		img.src = 'x';
		document.body.append(img);
	});
	await page.waitForFunction(() => window.__csp.length >= 2);
	const seen = await page.evaluate(() => ({ ran: window.__xss, violations: window.__csp.join('\n') }));
	expect(seen.ran).toEqual([]);
	expect(seen.violations).toMatch(/script-src/);
});

test('playing, every side tab, the inspector and the exports cause no violation', async ({ page }) => {
	await open(page);
	await pickScenario(page, 'sns-fanout-filters');
	await page.getByTestId('play').click();
	await page.waitForFunction(() => (window.pigeonhole?.now() ?? 0) > 2_000);
	await page.getByTestId('pause').click();
	for (const tab of TABS) {
		await page.getByTestId(`tab-${tab}`).click();
		await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
	}
	await page.getByTestId('tab-inspector').click();
	const dot = await page.evaluate(() => window.pigeonhole?.dots()[0]);
	if (dot) {
		await page.mouse.click(dot.pageX, dot.pageY);
		await expect(page.getByTestId('inspector')).toContainText('Message');
	}
	await page.getByText('Scenario file').click();
	for (const id of ['export', 'export-svg', 'export-png']) {
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
		expect(download.suggestedFilename()).toMatch(/\.(json|svg|png)$/);
	}
	const [video] = await Promise.all([
		page.waitForEvent('download', { timeout: 20_000 }),
		page.getByTestId('record').click()
	]);
	expect(video.suggestedFilename()).toBe('pigeonhole-run.webm');
	await expectClean(page);
});

test('markup in a scenario loaded through a share link is shown as text, never run', async ({
	page,
	context
}) => {
	await open(page);
	await page.evaluate((s) => window.pigeonhole?.load(JSON.stringify(s)), hostileScenario());
	await expect(page).toHaveTitle(/<img src=x onerror=/);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.getByTestId('copy-link').click();
	const url = await page.getByTestId('share-url').inputValue();
	expect(url).toMatch(/#v1\./);
	await expectClean(page);

	const other = await context.newPage();
	await open(other, url);
	const description = other.locator('p.description');
	await expect(description).toContainText(`<img src=x onerror="__xss.push('description')">`);
	await expect(description).toContainText('<script>');
	await expect(description.locator('*')).toHaveCount(0);
	await expect(other.getByTestId('stage')).toContainText('<img src=x onerror');
	await other.getByTestId('play').click();
	await other.waitForFunction(() => (window.pigeonhole?.now() ?? 0) > 5_000);
	await other.getByTestId('pause').click();
	for (const tab of TABS) {
		await other.getByTestId(`tab-${tab}`).click();
		await expect(other.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
	}
	// The editor shows the strings in form fields, as values.
	await other.getByTestId('tab-editor').click();
	await expect(other.getByTestId('editor')).toBeVisible();
	await other.getByTestId('tab-inspector').click();
	for (const d of (await other.evaluate(() => window.pigeonhole?.dots())) ?? []) {
		if (d.node !== 'orders') continue;
		await other.mouse.click(d.pageX, d.pageY);
		break;
	}
	await other.locator('g.node[data-node="orders"]').click({ position: { x: 10, y: 10 } });
	await expect(other.getByTestId('inspector')).toContainText('orders');
	await other.locator('g.node[data-node="eu-orders"]').click({ position: { x: 10, y: 10 } });
	await expect(other.getByTestId('inspector')).toContainText('eu-orders');
	await expectClean(other);
});

test('markup in an imported file name, an invalid scenario and a broken link is shown as text', async ({
	page
}) => {
	await open(page);
	await page.getByText('Scenario file').click();
	await page.getByTestId('import').setInputFiles({
		name: `${xss('file')}.json`,
		mimeType: 'application/json',
		buffer: Buffer.from('{"version": 1, "name": ')
	});
	await expect(page.getByRole('alert')).toContainText(`<img src=x onerror="__xss.push('file')">`);
	// A node type is echoed in the error message.
	const bad = { ...hostileScenario(), nodes: [{ id: 'n', type: xss('type') }] };
	await page.getByTestId('import').setInputFiles({
		name: 'bad.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(bad))
	});
	await expect(page.getByRole('alert')).toContainText(`__xss.push('type')`);
	await expect(page.getByRole('alert').locator('img, script, svg')).toHaveCount(0);
	await page.goto(`./#${encodeURIComponent(xss('hash'))}`);
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await expect(page.getByRole('alert')).toContainText('not a Pigeonhole share link');
	await expectClean(page);
});
