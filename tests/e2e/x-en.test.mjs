// The UI follows the browser's language: the same composer in a Chromium running in English
// shows English labels, and the checker's English texts in the card, the panel and the dialog.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { EDITOR, waitHighlights, badge, axDialog } from './lib/helpers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;

before(async () => {
  server = await startServer();
  browser = await launch(server.port, 'en');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('English browser: badge, panel, card and dialog in English', async (t) => {
  const page = await browser.context.newPage();
  await page.goto('https://x.com/home');
  await page.waitForSelector(EDITOR);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await page.click(EDITOR);
  await page.keyboard.type('詳細は bit.ly/3kIbIcU から');
  await waitHighlights(page, { warn: ['bit.ly/3kIbIcU'] });
  const b = await badge(page);
  t.diagnostic(`badge: ${JSON.stringify(b)}`);
  assert.equal(b?.label, 'Warnings: 1', 'no "1 warnings"');
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.getAttribute('data-count') === '1');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const names = nodes.filter((n) => n.role?.value === 'button').map((n) => n.name?.value);
  t.diagnostic(`panel buttons: ${JSON.stringify(names)}`);
  assert.ok(names.includes('Ignore this once') && names.includes('Close'));
  const text = nodes.filter((n) => n.role?.value === 'StaticText').map((n) => n.name?.value).join(' ');
  assert.match(text, /Why/);
  assert.match(text, /shortened|short/i, 'the checker\'s English message');
  await page.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/x-panel-en.png') });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  t.diagnostic(`dialog "${d?.name}" ${JSON.stringify(d?.buttons.map((x) => x.name))}`);
  assert.deepEqual(d?.buttons.map((x) => x.name), ['Post anyway', 'Go back']);
  await page.keyboard.press('Escape');
});

test('English browser: the options page and the popup in English (policy problems, draft counts)', async (t) => {
  const { EXTENSION_ID } = await import('./lib/browser.mjs');
  const base = `chrome-extension://${EXTENSION_ID}/extension`;
  const opts = await browser.context.newPage();
  await opts.goto(`${base}/options/options.html`);
  // A user's option the checker rejects: shown with its code, in English.
  await opts.evaluate(() => chrome.storage.local.set({ policy: { gate: 'loud', allowed_domains: ['https://example.jp/a'] } }));
  await opts.waitForFunction(() => document.querySelectorAll('#errors tbody tr').length === 2);
  const rows = await opts.$$eval('#errors tbody tr', (rs) => rs.map((r) => [r.getAttribute('data-key'), r.getAttribute('data-code'), r.querySelectorAll('td')[3]?.textContent]));
  t.diagnostic(JSON.stringify(rows));
  assert.deepEqual(rows, [
    ['allowed_domains[0]', 'not_a_domain', 'not a domain name (write example.jp, without https:// or a path)'],
    ['gate', 'not_one_of', 'expected one of "off", "badge", "confirm", "block"'],
  ]);
  await opts.evaluate(() => chrome.storage.local.set({ policy: {} }));
  // The popup for the X tab: the draft typed by the previous test, counted per severity.
  const w = await browser.worker();
  const tabs = await w.evaluate(() => chrome.tabs.query({}));
  const x = tabs.find((tb) => tb.url?.startsWith('https://x.com/'));
  assert.ok(x);
  await opts.goto(`${base}/popup/popup.html?tab=${x.id}`);
  await opts.waitForFunction(() => document.querySelector('#counts')?.textContent !== '—');
  const counts = await opts.$eval('#counts', (e) => e.textContent);
  assert.equal(counts, 'Not allowed: 0, warnings: 1, notes: 0');
  await opts.close();
});
