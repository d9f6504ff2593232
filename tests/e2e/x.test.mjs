// End-to-end: the real unpacked extension in headless Chromium on a fixture that mimics X's
// compose DOM (Draft.js-like editor, toolbar, #layers modal), served as https://x.com with a
// CSP that forbids inline script and WASM compilation in the page.
// The same tests run in headless Firefox ESR (x.firefox.test.mjs sets POSTCHECK_BROWSER=firefox;
// lib/targets.mjs); those that need CDP (IME composition, the content script's isolated world,
// stopping the service worker) are Chromium-only and skipped there, with the reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { BROWSER, openX } from './lib/targets.mjs';
import { EXTENSION_ID } from './lib/browser.mjs';
import {
  EDITOR, highlights, waitHighlights, badge, editorText, posts, focusInEditor, clearEditor, summary,
} from './lib/helpers.mjs';

const TEXT = '週末のイベント詳細は bit.ly/3kIbIcU から！集合は吉備中央町豊野1-2-3の公園です。';
const URL_PART = 'bit.ly/3kIbIcU';
const ADDRESS = '吉備中央町豊野1-2-3';
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof openX>>} */
let target;
/** Chromium only (Playwright's persistent context). @type {any} */
let browser;
/** Playwright's Page, or in Firefox the same API over puppeteer (lib/firefox.mjs). @type {import('playwright-core').Page} */
let page;
/** Chromium only. @type {import('playwright-core').CDPSession} */
let cdp;
/** @type {(expr: string) => Promise<any>} */
let inContentWorld;
/** Figures printed at the end. @type {string[]} */
const figures = [];

/** @param {import('node:test').TestContext} t @param {string} what */
const say = (t, what) => t.diagnostic(what);
/** Skips a test in Firefox, saying why. @param {string} why */
const chromiumOnly = (why) => ({ skip: BROWSER === 'firefox' ? `Chromium only: ${why}` : false });

before(async () => {
  server = await startServer();
  target = await openX(server);
  page = /** @type {any} */ (target.page);
  browser = target.browser;
  cdp = /** @type {any} */ (target.cdp);
  inContentWorld = /** @type {any} */ (target.inContentWorld);
});

after(async () => {
  if (figures.length) console.log(`\n---- figures ----\n${figures.join('\n')}\n`);
  await target?.close();
  await server?.close();
});

/** The UI language the extension runs in decides the labels (chromium-l10n gives 'ja'; Firefox is pinned to en-US). */
async function uiLang() {
  return target.uiLang();
}

test('the extension loads as in production: content script in x.com, background worker with WASM', async (t) => {
  if (BROWSER === 'firefox') {
    say(t, 'Firefox: the Firefox build is installed as an add-on with its gecko id; its background page (background.scripts) hosts the checker');
    assert.equal(target.extensionId, 'postcheck@postcheck.jp');
  } else {
    say(t, 'the manifest content script runs on https://x.com/home (fixture) and the module service worker starts');
    const w = await browser.worker();
    assert.match(w.url(), /^chrome-extension:\/\/heigapdgdkhdkmecenjcbklchhhaachj\/extension\/background\.js$/);
  }
  const lang = await uiLang();
  say(t, `UI language: ${lang}`);
  // The page's own world cannot compile WASM under its CSP (why the checker lives in the worker).
  const pageWasm = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e) => e.name));
  say(t, `WASM compile in the page under "script-src 'self'": ${pageWasm}`);
  assert.equal(pageWasm, 'CompileError');
});

test('typing Japanese with a shortened URL and an address underlines exactly those characters', async (t) => {
  say(t, `types (keyboard) on an unknown account: ${TEXT}`);
  await page.click(EDITOR);
  await page.keyboard.type(TEXT);
  assert.equal(await editorText(page), TEXT, 'the fixture editor holds the typed text');
  say(t, `expects warn highlights covering exactly "${URL_PART}" and "${ADDRESS}", nothing at info/block`);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  const b = await badge(page);
  say(t, `badge: ${JSON.stringify(b)}`);
  assert.equal(b?.count, '2');
  assert.equal(b?.state, 'warn');
  assert.equal(b?.counts, 'block:0,warn:2,info:0', 'the count per severity');
  assert.equal(b?.label, (await uiLang()).startsWith('ja') ? '警告 2件' : 'Warnings: 2');
  say(t, 'the editor DOM carries nothing of postcheck (no spans, no attributes, no marks)');
  const foreign = await page.evaluate((sel) => {
    const ed = /** @type {HTMLElement} */ (document.querySelector(sel));
    const bad = [...ed.querySelectorAll('*')].filter((el) => !['DIV', 'SPAN', 'BR'].includes(el.tagName) || [...el.attributes].some((a) => !/^(data-(contents|block|editor|offset-key|text)|class)$/.test(a.name)));
    return { bad: bad.map((e) => e.outerHTML.slice(0, 80)), postcheck: ed.outerHTML.includes('postcheck') };
  }, EDITOR);
  assert.deepEqual(foreign, { bad: [], postcheck: false });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-home-underlines.png') });
});

test('hovering or moving the caret into underlined text shows the card with message, why, fix and clause', async (t) => {
  say(t, 'hovers the shortened URL with the mouse');
  const box = await page.evaluate((u) => {
    const h = CSS.highlights.get('postcheck-warn');
    const r = h && [...h].find((x) => /** @type {Range} */ (x).toString() === u);
    const b = r && /** @type {Range} */ (r).getBoundingClientRect();
    return b && { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, URL_PART);
  assert.ok(box, 'the URL highlight has a box');
  await page.mouse.move(box.x, box.y);
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-rule') === 'url/shortener');
  const card = await cardText();
  say(t, `card (accessibility tree): ${card}`);
  assert.match(card, /吉備中央町 6\(1\)④/, 'the card cites the clause');
  if ((await uiLang()).startsWith('ja')) assert.match(card, /^警告短縮URL.*理由 .+代わりに .+根拠 /, 'severity, message, why, what to do instead, clause');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-home-card.png') });
  say(t, 'moves the mouse away: the card hides; puts the caret inside the address with the keyboard: the card shows it');
  await page.mouse.move(5, 650);
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.style.display === 'none');
  await page.focus(EDITOR);
  await page.keyboard.press('End');
  for (let i = 0; i < '公園です。'.length + 1 + 2; i++) await page.keyboard.press('ArrowLeft'); // into "1-2-3"
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-rule') === 'location/address');
  assert.match(await cardText(), /吉備中央町 4\(14\)/);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.style.display === 'none');
});

/** The card's text (Chromium: the accessibility tree; Firefox: its closed shadow root over BiDi). */
const cardText = () => target.cardText();

test('the post button click is held and the dialog lists the findings; Esc goes back with the draft kept', async (t) => {
  const ja = (await uiLang()).startsWith('ja');
  say(t, 'clicks the inline post button with the mouse');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  const d = await target.dialog();
  say(t, `dialog: name "${d?.name}", buttons ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
  assert.ok(d, 'a modal dialog is in the accessibility tree');
  assert.deepEqual(d.buttons.map((b) => b.name).sort(), (ja ? ['このまま投稿', '戻って直す'] : ['Go back', 'Post anyway']).sort());
  assert.match(d.text, /吉備中央町 6\(1\)④/);
  assert.match(d.text, /吉備中央町 4\(14\)/);
  assert.ok(d.text.includes(URL_PART) && d.text.includes(ADDRESS), 'the dialog quotes the underlined characters');
  assert.deepEqual(await posts(page), [], 'nothing was posted');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-home-dialog.png') });
  say(t, 'Tab cycles inside the dialog (focus trapped), Esc goes back');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'POSTCHECK-DIALOG', 'focus stays in the dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.ok(await focusInEditor(page), 'focus is back in the editor');
  assert.equal(await editorText(page), TEXT, 'the draft is unchanged');
  assert.deepEqual(await posts(page), []);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
});

/**
 * The selection in the editor as text offsets (anchor, focus), or where focus is instead.
 * @returns {Promise<{anchor: number, focus: number} | {outside: string | undefined} | null>}
 */
const selection = () => page.evaluate((sel) => {
  const ed = /** @type {HTMLElement} */ (document.querySelector(sel));
  if (!ed.contains(document.activeElement)) return { outside: document.activeElement?.tagName };
  const s = getSelection();
  if (!s || !s.anchorNode || !s.focusNode || !ed.contains(s.anchorNode)) return null;
  /** @param {Node} n @param {number} o */
  const at = (n, o) => {
    const r = document.createRange();
    r.setStart(ed, 0);
    r.setEnd(n, o);
    return r.toString().length;
  };
  return { anchor: at(s.anchorNode, s.anchorOffset), focus: at(s.focusNode, s.focusOffset) };
}, EDITOR);

test('Ctrl+Enter in the editor is held too; "Go back" (real mouse click in the closed shadow root) keeps the draft and the selection', async (t) => {
  const ja = (await uiLang()).startsWith('ja');
  say(t, 'selects "公園" in the middle of the draft with the keyboard (End, ←×3, Shift+←×2), presses Ctrl+Enter');
  await page.focus(EDITOR);
  await page.keyboard.press('End');
  for (let i = 0; i < 'です。'.length; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < '公園'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  const end = TEXT.length - 'です。'.length;
  const before = await selection();
  assert.deepEqual(before, { anchor: end, focus: end - 2 }, 'the selection before');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  assert.deepEqual(await posts(page), [], 'nothing was posted');
  const d = await target.dialog();
  const back = d?.buttons.find((b) => b.name === (ja ? '戻って直す' : 'Go back'));
  assert.ok(back);
  say(t, 'clicks "戻って直す / Go back" with the mouse at the button\'s box (CDP in Chromium, BiDi in Firefox)');
  await back.click();
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.ok(await focusInEditor(page), 'focus is back in the editor');
  const after = await selection();
  say(t, `selection before ${JSON.stringify(before)}, after "Go back" ${JSON.stringify(after)}`);
  assert.deepEqual(after, before, 'the same selection, "公園" (anchor and focus)');
  assert.equal(await editorText(page), TEXT);
  assert.deepEqual(await posts(page), []);
  say(t, 'the caret alone (collapsed, after "吉備"), the post button clicked, "Go back" clicked: the caret is back there');
  await page.keyboard.press('End');
  for (let i = 0; i < TEXT.length - TEXT.indexOf(ADDRESS) - 2; i++) await page.keyboard.press('ArrowLeft');
  const caret = /** @type {{anchor: number, focus: number}} */ (await selection());
  say(t, `caret ${JSON.stringify(caret)}`);
  // Where the keys land exactly differs by a character between Chromium and Firefox; what
  // matters is a collapsed caret in the middle of the text, and that "Go back" returns to it.
  assert.ok(caret.anchor === caret.focus && caret.anchor > 0 && caret.anchor < TEXT.length - 10, JSON.stringify(caret));
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  const back2 = (await target.dialog())?.buttons.find((b) => b.name === (ja ? '戻って直す' : 'Go back'));
  assert.ok(back2);
  await back2.click();
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.deepEqual(await selection(), caret, 'the caret where it was');
  assert.deepEqual(await posts(page), []);
});

test('Cmd+Enter (macOS: metaKey) in the editor is held like Ctrl+Enter (unheld, the page would post it); Esc keeps the draft', async (t) => {
  const ja = (await uiLang()).startsWith('ja');
  say(t, 'presses Meta+Enter in the editor (the fixture, like X, posts on Ctrl or Cmd+Enter)');
  await page.focus(EDITOR);
  await page.keyboard.press('Meta+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await target.dialog();
  say(t, `dialog "${d?.name}" buttons ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
  assert.equal(d?.name, ja ? '投稿する前に確認してください' : 'Check before you post');
  assert.ok(d?.text.includes(URL_PART) && d.text.includes(ADDRESS), 'quotes both warnings');
  assert.deepEqual(await posts(page), [], 'nothing was posted');
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.equal(await editorText(page), TEXT);
  assert.deepEqual(await posts(page), []);
});

test('"Post anyway" posts exactly once, with the exact text', async (t) => {
  say(t, 'clicks post, then Tab to "このまま投稿 / Post anyway" and Enter');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  await page.keyboard.press('Tab'); // from "Go back" (initial focus) to "Post anyway"
  await page.keyboard.press('Enter');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await page.waitForTimeout(300); // a second post would land here
  const p = await posts(page);
  say(t, `posts: ${JSON.stringify(p.map((x) => ({ text: x.text, via: x.via })))}`);
  assert.equal(p.length, 1);
  assert.equal(p[0].text, TEXT);
  assert.equal(p[0].via, 'tweetButtonInline');
  say(t, 'the fixture cleared the editor after posting, as X does: no underline is left');
  await waitHighlights(page, {});
});

test('clean text posts at once, by click and by Ctrl+Enter (also right after typing, before any result)', async (t) => {
  const clean1 = '本日の窓口は17時までです。お気をつけてお越しください。';
  say(t, `types "${clean1}", waits for the badge to say clean, clicks post`);
  await page.focus(EDITOR);
  await page.keyboard.type(clean1);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'clean');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 2);
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog');
  const clean2 = '図書館は明日から通常どおり開館します。';
  say(t, `inserts "${clean2}" and presses Ctrl+Enter at once (the gate checks first, then lets it through)`);
  await page.focus(EDITOR);
  await page.keyboard.insertText(clean2);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 3);
  await page.waitForTimeout(300);
  const p = await posts(page);
  assert.deepEqual(p.slice(1).map((x) => x.text), [clean1, clean2]);
  assert.equal(await page.$('postcheck-dialog'), null);
});

test('text with a finding typed and posted at once (no result yet) is held, checked first, then asked', async (t) => {
  const text = '詳細はこちら bit.ly/3kIbIcU';
  say(t, `inserts "${text}" and clicks post in the same moment`);
  await page.focus(EDITOR);
  await page.keyboard.insertText(text);
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  assert.equal((await posts(page)).length, 3, 'nothing more was posted');
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await clearEditor(page);
});

test('IME: nothing is checked during composition; the committed text is', chromiumOnly('IME composition is CDP Input.imeSetComposition; WebDriver BiDi has no IME input'), async (t) => {
  const w = await browser.worker();
  await page.focus(EDITOR);
  await page.keyboard.insertText('集合は');
  await waitHighlights(page, {});
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'clean');
  const before = await w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats.checks);
  say(t, 'composes きびちゅうおうちょう → 吉備中央町豊野1-2-3 with Input.imeSetComposition (5 updates)');
  for (const s of ['き', 'きび', 'きびちゅうおうちょう', '吉備中央町', '吉備中央町豊野1-2-3']) {
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
    await page.waitForTimeout(60);
  }
  const during = await w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats.checks);
  say(t, `checks during composition: ${during - before}`);
  assert.equal(during, before, 'no check while composing');
  await cdp.send('Input.insertText', { text: '吉備中央町豊野1-2-3' });
  await waitHighlights(page, { warn: [ADDRESS] });
  assert.equal(await editorText(page), `集合は${ADDRESS}`);
  const afterCommit = await w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats.checks);
  assert.ok(afterCommit > during, 'checked after compositionend');
  await clearEditor(page);
});

test('keystroke to highlight painted, and round trips content → worker → content (figures)', chromiumOnly('measures from the content script\'s isolated world, reached over CDP'), async (t) => {
  say(t, 'types "詳細は bit.ly/3kIbIc", then measures from the keydown of the last "U" to the frame whose highlight covers bit.ly/3kIbIcU');
  await page.focus(EDITOR);
  await page.keyboard.insertText('詳細は bit.ly/3kIbIc');
  await waitHighlights(page, { warn: ['bit.ly/3kIbIc'] });
  /** @type {number[]} */
  const lat = [];
  for (let i = 0; i < 10; i++) {
    await page.evaluate(() => {
      const win = /** @type {any} */ (window);
      win.__keyAt = 0;
      win.__paintAt = 0;
      addEventListener('keydown', (e) => { win.__keyAt = e.timeStamp; }, { capture: true, once: true });
      const poll = (/** @type {number} */ now) => {
        const h = CSS.highlights.get('postcheck-warn');
        if (h && [...h].some((r) => /** @type {Range} */ (r).toString() === 'bit.ly/3kIbIcU')) win.__paintAt = now;
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    await page.keyboard.type('U');
    await page.waitForFunction(() => /** @type {any} */ (window).__paintAt > 0);
    lat.push(await page.evaluate(() => /** @type {any} */ (window).__paintAt - /** @type {any} */ (window).__keyAt));
    await page.keyboard.press('Backspace');
    await waitHighlights(page, { warn: ['bit.ly/3kIbIc'] });
  }
  figures.push(`last keystroke → highlight painted (frame start): ${summary(lat)}`);
  say(t, figures[figures.length - 1]);

  say(t, 'sends 50 checks of the sample text from the content script\'s isolated world');
  const rtts = await inContentWorld(`(async () => {
    const out = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const r = await chrome.runtime.sendMessage({ type: 'check', id: 1000 + i, text: ${JSON.stringify(TEXT)}, context: { site: 'x' } });
      if (!r.findings || r.findings.length !== 2) throw new Error('unexpected answer ' + JSON.stringify(r));
      out.push([performance.now() - t0, r.ms]);
    }
    return out;
  })()`);
  figures.push(`round trip content → worker → content (warm, ${TEXT.length} chars, 2 findings): ${summary(rtts.map((/** @type {number[]} */ r) => r[0]))}`);
  figures.push(`  of which in the worker (JSON + WASM check): ${summary(rtts.map((/** @type {number[]} */ r) => r[1]))}`);
  say(t, figures.slice(-2).join('; '));
  await clearEditor(page);
});

test('the service worker is stopped and restarted: state is rebuilt on demand, findings come back (cold start figure)', chromiumOnly('stops the service worker with CDP; Firefox runs background.scripts as an event page'), async (t) => {
  const w = await browser.worker();
  const before = await w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats);
  say(t, `before: ${JSON.stringify(before)}; stops every service worker via CDP ServiceWorker.stopAllWorkers`);
  const closed = new Promise((resolve) => w.once('close', resolve));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
  say(t, 'cold start: the first check after the restart, measured from the content script\'s world');
  const cold = await inContentWorld(`(async () => {
    const t0 = performance.now();
    const r = await chrome.runtime.sendMessage({ type: 'check', id: 5000, text: ${JSON.stringify(TEXT)}, context: { site: 'x' } });
    return { rtt: performance.now() - t0, ms: r.ms, cold: r.cold, n: r.findings && r.findings.length };
  })()`);
  assert.equal(cold.cold, true, 'the answer came from a fresh worker that had to initialise');
  assert.equal(cold.n, 2);
  const w2 = await browser.worker();
  const stats = await w2.evaluate(() => /** @type {any} */ (globalThis).postcheckStats);
  figures.push(`cold start, first check right after the worker was stopped (worker start + WASM init + first check building every rule's patterns): round trip ${cold.rtt.toFixed(1)} ms; in the worker ${cold.ms.toFixed(1)} ms = init ${stats.initMs.toFixed(1)} ms + warm-up check ${stats.warmMs.toFixed(1)} ms + the check`);
  say(t, figures[figures.length - 1]);
  say(t, 'stops the worker again; focusing the editor wakes it (warm-up) before the first keystroke; typing then gets findings');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.waitForTimeout(300);
  await page.focus('[data-testid="SideNav_AccountSwitcher_Button"]');
  const tFocus = Date.now();
  await page.focus(EDITOR);
  let w3 = await browser.worker();
  for (let i = 0; i < 100; i++) {
    const s = await w3.evaluate(() => /** @type {any} */ (globalThis).postcheckStats).catch(() => null);
    if (s && s.inits === 1) break;
    await page.waitForTimeout(50);
    w3 = await browser.worker();
  }
  const ready = Date.now() - tFocus;
  const tType = Date.now();
  await page.keyboard.type('詳細は bit.ly/3kIbIcU');
  await waitHighlights(page, { warn: [URL_PART] });
  const s3 = await w3.evaluate(() => /** @type {any} */ (globalThis).postcheckStats);
  say(t, `worker after restart: ${JSON.stringify(s3)}`);
  assert.equal(s3.inits, 1);
  figures.push(`after a stop, focus → checker ready (warm-up on focus): about ${ready} ms (polled); typing 17 chars then → underline: ${Date.now() - tType} ms`);
  say(t, figures[figures.length - 1]);
  await clearEditor(page);
});

test('memory: the extension in the tab and in the worker (figures)', chromiumOnly('reads heap sizes over CDP'), async (t) => {
  say(t, 'types the sample post on x.com (content script) and on the same fixture served as 127.0.0.1 (no content script), then compares the heaps after GC');
  await page.focus(EDITOR);
  await page.keyboard.insertText(TEXT);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  const bare = await browser.context.newPage();
  try {
    await bare.goto(`https://127.0.0.1:${server.port}/home`);
    await bare.waitForSelector(EDITOR);
    await bare.focus(EDITOR);
    await bare.keyboard.insertText(TEXT);
    await bare.waitForTimeout(500);
    assert.equal(await bare.$('postcheck-badge'), null, 'no content script on the bare page (the comparison\'s premise)');
    assert.equal(await editorText(bare), TEXT);
    /** @param {import('playwright-core').Page} p */
    const tabHeap = async (p) => {
      const s = await browser.context.newCDPSession(p);
      await s.send('HeapProfiler.collectGarbage');
      await s.send('Performance.enable');
      const { metrics } = await s.send('Performance.getMetrics');
      await s.detach();
      return /** @type {number} */ (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value);
    };
    const withExt = await tabHeap(page);
    const without = await tabHeap(bare);
    // The worker: attached through the page's CDP session (Playwright gives service workers none).
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((i) => i.type === 'service_worker' && i.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
    assert.ok(sw, 'the extension\'s service worker runs');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    let n = 0;
    /** @param {string} method @returns {Promise<any>} */
    const ask = (method) => new Promise((resolve, reject) => {
      const id = ++n;
      /** @param {any} ev */
      const on = (ev) => {
        if (ev.sessionId !== sessionId) return;
        const m = JSON.parse(ev.message);
        if (m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', on);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result);
      };
      cdp.on('Target.receivedMessageFromTarget', on);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
    });
    await ask('HeapProfiler.collectGarbage');
    const w = await ask('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    const stats = await (await browser.worker()).evaluate(() => /** @type {any} */ (globalThis).postcheckStats);
    assert.ok(stats.checks > 0, 'the worker has checked posts (its checker and patterns are built)');
    assert.ok(stats.wasmBytes > 0, 'the worker reports its WASM memory');
    const mb = (/** @type {number} */ b) => `${(b / 1048576).toFixed(2)} MB`;
    figures.push(`memory, tab: JS heap ${mb(withExt)} with the extension vs ${mb(without)} for the same page and text without it (content script + UI ≈ ${mb(withExt - without)}); worker after ${stats.checks} checks: JS heap ${mb(w.usedSize)}, WASM linear memory ${mb(stats.wasmBytes)}`);
    say(t, figures[figures.length - 1]);
  } finally {
    await bare.close();
    await clearEditor(page);
  }
});

test('modal composer (/compose/post, #layers) and SPA navigation: re-queried, gated, posts once', async (t) => {
  say(t, 'opens the modal composer from the side nav (SPA navigation to /compose/post)');
  await page.click('[data-testid="SideNav_NewTweet_Button"]');
  const modalEditor = '#layers [role="dialog"] [data-testid="tweetTextarea_0"]';
  await page.waitForSelector(modalEditor);
  assert.equal(new URL(page.url()).pathname, '/compose/post');
  const text = `集合場所は${ADDRESS}です。`;
  await page.focus(modalEditor);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [ADDRESS] });
  say(t, 'clicks the modal post button (tweetButton): held; "Post anyway" by Tab+Enter posts once');
  const n = (await posts(page)).length;
  await page.click('#layers [data-testid="tweetButton"]');
  await page.waitForSelector('postcheck-dialog');
  assert.equal((await posts(page)).length, n);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => /** @type {any} */ (window).__posts.length === n + 1, n);
  await page.waitForTimeout(300);
  const p = await posts(page);
  assert.equal(p.length, n + 1);
  assert.deepEqual({ text: p[n].text, via: p[n].via }, { text, via: 'tweetButton' });
  say(t, 'the fixture navigated back to /home and re-created the home composer: it is checked too');
  await page.waitForSelector(`#primaryColumn ${EDITOR}`);
  assert.equal(new URL(page.url()).pathname, '/home');
  await page.click(EDITOR);
  await page.keyboard.type('詳細は bit.ly/3kIbIcU');
  await waitHighlights(page, { warn: [URL_PART] });
  assert.equal((await badge(page))?.count, '1');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-home-after-navigation.png') });
});
