// The gate's dialog in a real page (Chromium, closed shadow root, read through the
// accessibility tree): with a `block` finding there is no "Post anyway". No rule blocks by
// default yet, so this case is tested on the dialog module itself, served as-is from
// extension/ui/ (the same file the content script bundles).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/server.mjs';
import { useBrowser, openPage } from './lib/browser.mjs';
import { axDialog, clickNode } from './lib/helpers.mjs';

const env = useBrowser();

/** @param {string} sev */
async function open(sev) {
  const opened = await openPage(env.browser, `https://x.com/dialog-page?sev=${sev}`);
  await opened.page.waitForSelector('postcheck-dialog');
  return opened;
}

test('a block finding: the dialog offers only "戻って直す"; Tab stays on it; Esc goes back', async (t) => {
  const { page, cdp } = await open('block');
  const d = await axDialog(cdp);
  t.diagnostic(`dialog "${d?.name}" with buttons ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
  assert.equal(d?.name, 'このままでは投稿できません');
  assert.deepEqual(d.buttons.map((b) => b.name), ['戻って直す']);
  assert.match(d.text, /投稿不可/);
  assert.match(d.text, /自宅の住所です/);
  assert.match(d.text, /「吉備中央町豊野1-2-3」/, 'quotes the blocked characters');
  assert.match(d.text, /吉備中央町 4\(14\)/);
  assert.match(d.text, /短縮URLです/, 'warn findings are listed too');
  assert.match(d.text, /「bit\.ly\/3kIbIcU」/);
  fs.mkdirSync(path.join(ROOT, 'tests/e2e/artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/dialog-block.png') });
  t.diagnostic('Tab and Shift+Tab keep focus in the dialog; Esc calls "back" once and focus returns to the draft');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'POSTCHECK-DIALOG');
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__calls), ['back']);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'draft');
  await page.close();
});

test('warn only: "このまま投稿" calls post exactly once, even when clicked twice', async (t) => {
  const { page, cdp } = await open('warn');
  const d = await axDialog(cdp);
  t.diagnostic(`dialog "${d?.name}" with buttons ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
  assert.deepEqual(d?.buttons.map((b) => b.name), ['このまま投稿', '戻って直す']);
  const post = /** @type {NonNullable<typeof d>} */ (d).buttons[0];
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: post.backendNodeId });
  const [x, y] = [(model.border[0] + model.border[4]) / 2, (model.border[1] + model.border[5]) / 2];
  await page.mouse.click(x, y, { clickCount: 2 });
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__calls), ['post']);
  await page.close();
});

test('warn only: the real mouse on "戻って直す" calls back', async (t) => {
  const { page, cdp } = await open('warn');
  const d = await axDialog(cdp);
  const back = d?.buttons.find((b) => b.name === '戻って直す');
  assert.ok(back);
  t.diagnostic('clicks 戻って直す at its box');
  await clickNode(page, cdp, back.backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__calls), ['back']);
  await page.close();
});
