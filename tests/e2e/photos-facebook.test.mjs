// End-to-end: photos attached to Facebook's "Create post" dialog with the real extension in
// headless Chromium (the fixture of facebook.test.mjs, whose photo test covers the file input
// and a drop): a GPS-tagged JPEG pasted into the editor warns and gates the post — 「投稿」
// opens postcheck's dialog naming the photo and its finding, 「戻って直す」 keeps the draft,
// 「このまま投稿」 posts once with the photo; a HEIC the browser gives no MIME type (some HEIC
// files get none) dropped on the dialog is read all the same.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { waitHighlights, badge, posts, clickNode, axDialog } from './lib/helpers.mjs';
import { PHOTOS, gpsMessage, pasteImage, dropImage } from './lib/photos.mjs';

const CLEAN = '本日の窓口は17時までです。';
const COMPOSER = '[data-fixture="composer"] [data-lexical-editor="true"]';
const DIALOG = '[role="dialog"][aria-label="投稿を作成"]';
const POST = '[role="dialog"] [role="button"][aria-label="投稿"]';
const PREVIEWS = '[role="dialog"] .media .item';
const CONSENT = '写っている人がいる場合は、掲載について本人の同意を得ていますか。';
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
/** @type {import('playwright-core').CDPSession} */
let cdp;
/** Exceptions thrown in the page. @type {string[]} */
const errors = [];

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launch(server.port);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  cdp = await browser.context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the feed's "Create post" dialog and types CLEAN in it with real keys. */
async function compose() {
  await page.goto('https://www.facebook.com/');
  await page.waitForSelector('[role="region"] [role="button"]');
  await page.click('[role="region"] [role="button"]');
  await page.waitForSelector(COMPOSER);
  await page.click(COMPOSER);
  await page.keyboard.type(CLEAN);
  await waitHighlights(page, {});
}

/** @param {string} c  e.g. 'block:0,warn:1,info:1' */
const waitCounts = (c) => page.waitForFunction((c) => document.querySelector('postcheck-badge')?.getAttribute('data-counts') === c, c, { timeout: 10000 })
  .catch(async () => { throw new Error(`badge ${JSON.stringify(await badge(page))}, want ${c}`); });

/** The fixture editor's model text (what a post would send). */
const modelText = () => page.evaluate((s) => /** @type {any} */ (document.querySelector(s))?.__fixture.text ?? null, COMPOSER);

/** postcheck's dialog from the accessibility tree (Facebook's own modal dialog passed over). */
async function gateDialog() {
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp, undefined, ['投稿を作成']);
  assert.ok(d, 'postcheck\'s modal dialog is in the accessibility tree');
  return d;
}

/** Clicks a button of postcheck's dialog with the real mouse. @param {{buttons: {name: string, backendNodeId: number}[]}} d @param {string} name */
async function choose(d, name) {
  const b = d.buttons.find((x) => x.name === name);
  assert.ok(b, `the dialog has a button ${name} (has ${JSON.stringify(d.buttons.map((x) => x.name))})`);
  await clickNode(page, cdp, b.backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
}

/** The panel's text (Alt+Shift+L), closed again with Esc. */
async function panelText() {
  await page.focus(COMPOSER);
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'block');
  const p = await axDialog(cdp, 'この投稿の注意点');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'none');
  assert.ok(p, 'the panel is open');
  return p.text;
}

test('a GPS-tagged JPEG pasted into the editor: 「投稿」 opens the dialog naming the photo; 「戻って直す」 keeps the draft; 「このまま投稿」 posts once with the photo', async (t) => {
  await compose();
  await pasteImage(page, COMPOSER, PHOTOS.gps, 'image.jpg');
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 1, PREVIEWS);
  await waitCounts('block:0,warn:1,info:1');
  assert.equal((await badge(page))?.state, 'warn');
  await waitHighlights(page, {}); // nothing in the text is underlined
  const text = await panelText();
  t.diagnostic(`panel: ${text}`);
  assert.ok(text.includes('添付画像「image.jpg」') && text.includes(gpsMessage.ja) && text.includes('吉備中央町 4(14)'), text);
  assert.ok(text.includes(CONSENT), 'the consent reminder (personal account)');

  t.diagnostic('「投稿」: the gate lists the photo\'s finding; 「戻って直す」 keeps the draft and the photo');
  await page.click(POST);
  let d = await gateDialog();
  t.diagnostic(`dialog "${d.name}" ${JSON.stringify(d.buttons.map((x) => x.name))}: ${d.text}`);
  assert.ok(d.text.includes('添付画像「image.jpg」') && d.text.includes(gpsMessage.ja), d.text);
  assert.ok(!d.text.includes(CONSENT), 'the info reminder is not in the gate');
  assert.deepEqual(d.buttons.map((x) => x.name), ['このまま投稿', '戻って直す']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-photo-gps-gate.png') });
  await choose(d, '戻って直す');
  assert.deepEqual(await posts(page), []);
  assert.equal(await modelText(), CLEAN, 'the draft is unchanged');
  assert.equal(await page.$$eval(PREVIEWS, (x) => x.length), 1, 'the photo is still attached');
  assert.ok(await page.evaluate((s) => !!document.activeElement?.closest(s), COMPOSER), 'focus is back in the editor');

  t.diagnostic('「投稿」 again, 「このまま投稿」: posted once, with the photo');
  await page.click(POST);
  d = await gateDialog();
  await choose(d, 'このまま投稿');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(300); // a second post would land here
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => [p.text, p.media]), [[CLEAN, ['image.jpg']]]);
  assert.deepEqual(errors, []);
});

test('a HEIC without a MIME type dropped on the dialog is read: its position and date warn; its remove button clears it', async (t) => {
  await compose();
  await dropImage(page, DIALOG, PHOTOS.heic, '');
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 1, PREVIEWS);
  await waitCounts('block:0,warn:1,info:1');
  const text = await panelText();
  t.diagnostic(`panel: ${text}`);
  assert.ok(text.includes('添付画像「gps.heic」'), text);
  assert.ok(text.includes('この画像には撮影場所の位置情報（GPS）が記録されています：'), text);
  assert.ok(text.includes('北緯35.8563度、東経139.9027度') && text.includes('撮影日時 2026年5月3日 11:20'), text);
  t.diagnostic('a file without a type that is no image: no finding, a console line');
  const lines = /** @type {string[]} */ ([]);
  const onConsole = (/** @type {any} */ m) => lines.push(m.text());
  page.on('console', onConsole);
  const notImage = path.join(ROOT, 'target', 'photos-facebook-notes.heic');
  fs.writeFileSync(notImage, 'これは画像ではありません。'.repeat(20));
  t.after(() => fs.rmSync(notImage, { force: true }));
  await dropImage(page, DIALOG, notImage, '');
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 2, PREVIEWS);
  const line = /^postcheck: attached image a\d+ \(unknown format\): not an image this checker reads/;
  for (let i = 0; i < 50 && !lines.some((l) => line.test(l)); i++) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
  page.off('console', onConsole);
  assert.equal((await badge(page))?.counts, 'block:0,warn:1,info:1', 'nothing more');
  assert.ok(lines.some((l) => line.test(l)), JSON.stringify(lines));
  t.diagnostic('the remove buttons (「削除」) take the previews and the warning away');
  await page.click('[role="dialog"] [role="button"][aria-label="削除"]');
  await waitCounts('block:0,warn:0,info:0');
  await page.click('[role="dialog"] [role="button"][aria-label="削除"]');
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, PREVIEWS);
  assert.equal((await badge(page))?.state, 'clean');
  await page.click(POST);
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  assert.equal(await page.$('postcheck-dialog'), null);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => [p.text, p.media]), [[CLEAN, []]]);
  assert.deepEqual(errors, []);
});
