import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const [w,h,q,tag] of [[1280,800,'','lap'],[1280,720,'?present','pres']]) {
  const p = await b.newPage({ viewport: { width: w, height: h } });
  await p.goto('http://127.0.0.1:4590/' + q);
  await p.waitForFunction(() => window.pigeonhole !== undefined);
  if (q) await p.getByRole('button', { name: 'Show panel' }).click();
  await p.getByTestId('tab-lessons').click();
  await p.getByTestId('lesson-' + (process.argv[2] ?? 'visibility')).click();
  if (await p.getByTestId('lesson-next').isEnabled()) await p.getByTestId('lesson-next').click();
  await p.waitForTimeout(6000);
  await p.screenshot({ path: `/tmp/shots/walk-${tag}-1.png` });
  const q1 = p.getByTestId('lesson-question').locator('input');
  if (await q1.count()) { await q1.nth(1).check(); await p.getByTestId('lesson-reveal').click(); await p.waitForTimeout(4000); }
  await p.screenshot({ path: `/tmp/shots/walk-${tag}-2.png` });
  await p.close();
}
await b.close();
