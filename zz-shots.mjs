import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const base = 'http://localhost:4590';
async function shot(name, vp, url, fn, scheme = 'light') {
	const page = await browser.newPage({ viewport: vp, colorScheme: scheme });
	await page.goto(base + url);
	await page.waitForTimeout(800);
	if (fn) await fn(page);
	await page.screenshot({ path: `/tmp/shots/${name}.png` });
	await page.close();
}
const lesson = async (page) => {
	if (page.url().includes('present')) await page.getByRole('button', { name: 'Show panel' }).click();
	await page.getByTestId('tab-lessons').click();
	await page.getByTestId('lesson-fifo-release').click();
	await page.getByTestId('lesson-next').click();
	await page.getByTestId('lesson-question').waitFor({ timeout: 30000 });
	await page.clock?.pauseAt?.(0).catch?.(() => {});
	await page.waitForTimeout(500);
};
const reveal = async (page) => {
	await lesson(page);
	await page.getByLabel('Yes: order 14 is ahead of the in-flight order 15, and the lock holds only what comes after it').check();
	await page.getByTestId('lesson-reveal').click();
	await page.getByTestId('lesson-answer').waitFor({ timeout: 30000 });
	await page.waitForTimeout(300);
};
await shot('lesson-q-present-hidden', { width: 1280, height: 720 }, '/?present', async (p) => { await lesson(p); await p.getByRole('button', { name: 'Hide panel' }).click().catch(() => {}); await p.waitForTimeout(300); });
await shot('fid-1280x800', { width: 1280, height: 800 }, '/fidelity/');
await shot('fid-390-dark', { width: 390, height: 844 }, '/fidelity/', null, 'dark');
await shot('fid-anchor', { width: 1280, height: 720 }, '/fidelity/#SQS-FIFO-5');
await shot('lesson-q-present', { width: 1280, height: 720 }, '/?present', lesson);
await shot('lesson-reveal-1280', { width: 1280, height: 800 }, '/', reveal, 'dark');
await shot('lesson-q-phone', { width: 390, height: 844 }, '/', lesson);
await browser.close();
