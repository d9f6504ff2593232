// End-to-end on Facebook: the real unpacked extension in headless Chromium on a fixture that
// mimics Facebook's compose DOM (Lexical-like editor re-rendered from its model, "Create post"
// dialog, hidden copies of the editor, a comment box, Messenger, the Pages flow Next → "Post
// settings" → Post), served as https://www.facebook.com with a CSP that forbids inline script
// and WASM compilation in the page. Japanese labels by default, English with ?lang=en, and a
// language the adapter's table does not know (?lang=de) for the structural fallback; a dialog
// whose editor cannot be recognised (?broken=1) for the badge that says so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { highlights, waitHighlights, badge, posts, clickNode, axDialog, axNames } from './lib/helpers.mjs';
import { PHOTOS, gpsMessage, dropImage } from './lib/photos.mjs';

const LINE1 = '週末のイベント詳細は bit.ly/3kIbIcU から！';
const LINE2 = '落とし物の届け先は吉備中央町豊野1-2-3の山田さん宅です。';
const TAG = '#吉備中央町';
/** Typed as: LINE1, Enter (new paragraph), LINE2, Shift+Enter (line break in it), TAG. */
const TEXT = `${LINE1}\n${LINE2}\n${TAG}`;
const URL_PART = 'bit.ly/3kIbIcU';
const ADDRESS = '吉備中央町豊野1-2-3';
const CLEAN = '本日の窓口は17時までです。';
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
const COMPOSER = '[data-fixture="composer"] [data-lexical-editor="true"]';
const COMMENT = '[data-fixture="comment"] [data-lexical-editor="true"]';
const MESSENGER = '[data-fixture="messenger"] [data-lexical-editor="true"]';
const HIDDEN_A = '[data-fixture="hidden-a"] [data-lexical-editor="true"]';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
/** @type {import('playwright-core').CDPSession} */
let cdp;
/** @type {import('playwright-core').Worker} */
let worker;

/** @param {import('node:test').TestContext} t @param {string} what */
const say = (t, what) => t.diagnostic(what);

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launch(server.port);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  cdp = await browser.context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
  worker = await browser.worker();
  // Records the context of every check the content script asks for (a second listener in the
  // service worker: it answers nothing, the checker's listener still answers).
  await worker.evaluate(() => {
    /** @type {any} */ (globalThis).__contexts = [];
    chrome.runtime.onMessage.addListener((msg) => {
      if (msg && msg.type === 'check') /** @type {any} */ (globalThis).__contexts.push({ text: msg.text, context: msg.context });
      return false;
    });
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** @param {string} url @param {import('playwright-core').Page} [p] */
async function open(url, p = page) {
  await p.goto(url);
  await p.waitForSelector('[role="region"] [role="button"]');
}

/** @param {import('playwright-core').Page} [p] */
async function openComposer(p = page) {
  await p.click('[role="region"] [role="button"]');
  await p.waitForSelector(COMPOSER);
  await p.click(COMPOSER);
}

/**
 * Types TEXT with real keys: two paragraphs, a line break (Shift+Enter), a hashtag.
 * @param {import('playwright-core').Page} [p]
 */
async function typeText(p = page) {
  await p.keyboard.type(LINE1);
  await p.keyboard.press('Enter');
  await p.keyboard.type(LINE2);
  await p.keyboard.press('Shift+Enter');
  await p.keyboard.type(TAG);
}

/** The fixture editor's model text (what a post would send). @param {string} sel */
const modelText = (sel) => page.evaluate((s) => /** @type {any} */ (document.querySelector(s))?.__fixture.text ?? null, sel);

/**
 * Whether the editor's DOM is exactly what the fixture's renderer makes from its model (so
 * nobody else wrote into it), and carries nothing of postcheck.
 * @param {string} sel
 */
const editorUntouched = (sel) => page.evaluate((s) => {
  const ed = /** @type {any} */ (document.querySelector(s));
  const attrs = [...ed.attributes].map((a) => a.name).sort().join(' ');
  return {
    sameAsModel: ed.innerHTML === ed.__fixture.expectedHTML(),
    attrs,
    postcheck: ed.outerHTML.includes('postcheck'),
  };
}, sel);
const EDITOR_ATTRS = 'aria-label aria-placeholder class contenteditable data-lexical-editor role spellcheck style tabindex';

/**
 * postcheck's dialog as the accessibility tree shows it (Facebook's own composer dialog is
 * modal too and comes first: passed over by name).
 */
const gateDialog = () => axDialog(cdp, undefined, ['投稿を作成', '投稿設定', 'Create post', 'Post settings', 'Beitrag erstellen', 'Beitragseinstellungen']);

/** Clicks a button of postcheck's dialog with the real mouse. @param {RegExp} name */
async function choose(name) {
  await page.waitForSelector('postcheck-dialog');
  const d = await gateDialog();
  const b = d?.buttons.find((x) => name.test(x.name));
  assert.ok(b, `the dialog has a button ${name} (has ${JSON.stringify(d?.buttons.map((x) => x.name))})`);
  await clickNode(page, cdp, b.backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
}
const POST_ANYWAY = /^(このまま投稿|Post anyway)$/;
const GO_BACK = /^(戻って直す|Go back)$/;

/**
 * The last context the content script sent for `text`, waiting for it (the underlines may be
 * carried over from the previous text while the check of the last keystroke is on its way).
 * @param {string} text
 */
async function contextFor(text) {
  for (let i = 0; i < 50; i++) {
    const c = await worker.evaluate((tx) => {
      const all = /** @type {any} */ (globalThis).__contexts.filter((x) => x.text === tx);
      return all.length ? all[all.length - 1].context : null;
    }, text);
    if (c) return c;
    await page.waitForTimeout(100);
  }
  return null;
}

test('composer dialog (ja): underlines exactly the shortened URL and the address; the editor DOM is untouched', async (t) => {
  await open('https://www.facebook.com/');
  say(t, 'opens 「投稿を作成」 from the feed trigger and types two paragraphs, a Shift+Enter line break and a hashtag');
  await openComposer();
  await typeText();
  assert.equal(await modelText(COMPOSER), TEXT, 'the fixture editor holds the typed text');
  say(t, `expects warn highlights on exactly "${URL_PART}" and "${ADDRESS}"`);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  const ctx = await contextFor(TEXT);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-count') === '2');
  const b = await badge(page);
  say(t, `badge: ${JSON.stringify(b)}`);
  assert.equal(b?.count, '2');
  assert.equal(b?.state, 'warn');
  say(t, `context sent with the text: ${JSON.stringify(ctx)}`);
  assert.equal(ctx?.site, 'facebook');
  assert.equal(ctx?.handle, '吉備 太郎', 'the acting profile read from the dialog header');
  assert.equal(ctx?.reply, false);
  assert.equal(ctx?.location_tag, false);
  assert.deepEqual(await editorUntouched(COMPOSER), { sameAsModel: true, attrs: EDITOR_ATTRS, postcheck: false });
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-dialog-underlines.png') });
});

/**
 * Boxes a user sees, in viewport pixels: the composer dialog, its Post/Next button, the editor,
 * the line with the caret, postcheck's badge and card (their hosts), and the underline of `quote`.
 * @param {string} quote
 */
const boxes = (quote) => page.evaluate(([q, comp]) => {
  /** @param {{left: number, top: number, right: number, bottom: number} | null | undefined} r */
  const box = (r) => (r ? { left: Math.round(r.left), top: Math.round(r.top), right: Math.round(r.right), bottom: Math.round(r.bottom) } : null);
  const shown = (/** @type {string} */ s) => {
    const el = /** @type {HTMLElement | null} */ (document.querySelector(s));
    return el && el.style.display !== 'none' ? box(el.getBoundingClientRect()) : null;
  };
  const dialog = document.querySelector('[role="dialog"]');
  const editor = document.querySelector(comp);
  const sel = getSelection();
  const rects = sel && sel.rangeCount ? sel.getRangeAt(0).getClientRects() : [];
  const line = rects.length ? rects[rects.length - 1] : null;
  const e = editor?.getBoundingClientRect();
  const h = CSS.highlights.get('postcheck-warn');
  const r = h && [...h].find((x) => /** @type {Range} */ (x).toString() === q);
  return {
    dialog: box(dialog?.getBoundingClientRect()),
    action: box(dialog?.querySelector('[role="button"][aria-label="投稿"], [role="button"][aria-label="次へ"], [role="button"][aria-label="Post"], [role="button"][aria-label="Next"]')?.getBoundingClientRect()),
    editor: box(e),
    caretLine: line && e ? box({ left: e.left, right: e.right, top: line.top, bottom: line.bottom }) : null,
    underline: box(r ? /** @type {Range} */ (r).getBoundingClientRect() : null),
    badge: shown('postcheck-badge'),
    card: shown('postcheck-card'),
  };
}, [quote, COMPOSER]);

/** @param {{left: number, top: number, right: number, bottom: number}} a @param {{left: number, top: number, right: number, bottom: number}} b */
const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
/** @param {{left: number, top: number, right: number, bottom: number}} inner @param {{left: number, top: number, right: number, bottom: number}} outer */
const inside = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

/**
 * Asserts what the user needs stays visible: the badge inside the dialog, clear of the editor
 * and of Post; the card clear of Post, of the line being typed and of the text it explains.
 * @param {import('node:test').TestContext} t
 * @param {Awaited<ReturnType<typeof boxes>>} b
 */
function assertClear(t, b) {
  say(t, `boxes: ${JSON.stringify(b)}`);
  assert.ok(b.dialog && b.action && b.editor && b.badge && b.card && b.caretLine && b.underline, 'every box is there');
  assert.ok(inside(b.badge, b.dialog), 'the badge is inside the composer dialog');
  assert.ok(!intersects(b.badge, b.action), 'the badge does not cover Post');
  assert.ok(!intersects(b.badge, b.editor), 'the badge does not cover the text');
  assert.ok(!intersects(b.card, b.action), 'the card does not cover Post');
  assert.ok(!intersects(b.card, b.caretLine), 'the card does not cover the line being typed');
  assert.ok(!intersects(b.card, b.underline), 'the card does not cover the text it explains');
  assert.ok(!intersects(b.card, b.badge), 'the card does not cover the badge');
  assert.ok(b.card.left >= 0 && b.card.top >= 0 && b.card.right <= page.viewportSize().width && b.card.bottom <= page.viewportSize().height, 'the card is inside the viewport');
}

test('the badge sits in the dialog on the acting profile\'s row; the card covers neither Post nor the line being typed', async (t) => {
  say(t, `viewport ${JSON.stringify(page.viewportSize())}: hovers the shortened URL (the caret stays at the end of the hashtag line)`);
  const u = (await boxes(URL_PART)).underline;
  assert.ok(u);
  await page.mouse.move((u.left + u.right) / 2, (u.top + u.bottom) / 2);
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-rule') === 'url/shortener');
  assertClear(t, await boxes(URL_PART));
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-badge-card.png') });
  say(t, 'a narrow window (640×720): no room beside the dialog; Alt+Shift+N shows the card at the address by keyboard');
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 640, height: 720 });
  try {
    await page.mouse.move(2, 2);
    await page.waitForFunction(() => document.querySelector('postcheck-card')?.style.display === 'none');
    await page.keyboard.press('Alt+Shift+N');
    await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-index') === '1/2');
    await page.keyboard.press('Alt+Shift+N');
    await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-rule') === 'location/address');
    await page.waitForTimeout(100); // the badge follows the resize on the next frame
    assertClear(t, await boxes(ADDRESS));
    await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-badge-card-narrow.png') });
  } finally {
    await page.setViewportSize(/** @type {{width: number, height: number}} */ (wide));
  }
  assert.equal(await modelText(COMPOSER), TEXT, 'the draft is unchanged');
});

test('the hidden copies of the editor (aria-hidden, display:none) are never read or checked', async (t) => {
  say(t, 'focuses the aria-hidden copy (its text has bit.ly/hiddenA and an address): nothing of it is underlined');
  await page.focus(HIDDEN_A);
  await page.waitForTimeout(400);
  const h = await highlights(page);
  assert.deepEqual(h, { info: [], warn: [ADDRESS, URL_PART].sort(), block: [] }, 'only the visible editor\'s findings');
  const sent = await worker.evaluate(() => /** @type {any} */ (globalThis).__contexts.map((c) => c.text));
  assert.ok(sent.every((s) => !s.includes('hidden')), 'no hidden copy text was sent to the checker');
  say(t, 'clicks back into the editor, Ctrl+End: the caret is after the text, no card is open');
  await page.click(COMPOSER);
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-card.png') });
  await page.keyboard.press('Control+End');
  await page.mouse.move(5, 690); // off the underlines (a hover card stays while the pointer is on one)
  await page.waitForFunction(() => {
    const c = /** @type {HTMLElement | null} */ (document.querySelector('postcheck-card'));
    return !c || c.style.display === 'none';
  });
});

test('Post is held with the dialog; "Go back" keeps the draft; "Post anyway" posts once with the exact text', async (t) => {
  say(t, 'clicks 「投稿」 with the mouse');
  await page.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await page.waitForSelector('postcheck-dialog');
  const d = await gateDialog();
  say(t, `dialog: "${d?.name}", buttons ${JSON.stringify(d?.buttons.map((x) => x.name))}`);
  assert.ok(d?.text.includes(URL_PART) && d.text.includes(ADDRESS), 'the dialog quotes the underlined characters');
  assert.match(d?.text ?? '', /吉備中央町 6\(1\)④/);
  assert.deepEqual(await posts(page), [], 'nothing was posted');
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-gate-dialog.png') });
  await choose(GO_BACK);
  assert.deepEqual(await posts(page), []);
  assert.equal(await modelText(COMPOSER), TEXT, 'the draft is unchanged');
  say(t, 'clicks 「投稿」 again and chooses 「このまま投稿」');
  await page.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await choose(POST_ANYWAY);
  await page.waitForTimeout(300); // a second post would land here
  const p = await posts(page);
  say(t, `posts: ${JSON.stringify(p)}`);
  assert.equal(p.length, 1);
  assert.equal(p[0].text, TEXT);
  assert.equal(p[0].via, 'dialog');
  await waitHighlights(page, {});
});

test('clean text posts at once, though hidden copies in the same dialog hold a shortened URL', async (t) => {
  await openComposer();
  await page.keyboard.type(CLEAN);
  await waitHighlights(page, {});
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'clean');
  await page.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog');
  const p = await posts(page);
  assert.equal(p.length, 2);
  assert.equal(p[1].text, CLEAN);
});

test('comment boxes and Messenger are not checked (include_comments is off)', async (t) => {
  say(t, 'types into the comment box 「コメントする」 (already holding a shortened URL and an address), then Messenger');
  await page.click(COMMENT);
  await page.keyboard.press('End');
  await page.keyboard.type(' 詳しくは bit.ly/zzz9 へ');
  await page.click(MESSENGER);
  await page.keyboard.press('End');
  await page.keyboard.type(' 自宅は吉備中央町豊野1-2-3');
  await page.waitForTimeout(800);
  assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] });
  const visibleBadge = await page.evaluate(() => {
    const b = /** @type {HTMLElement | null} */ (document.querySelector('postcheck-badge'));
    return !!b && b.style.display !== 'none' && b.getBoundingClientRect().width > 0;
  });
  assert.equal(visibleBadge, false, `no badge next to a comment box or chat (badge: ${JSON.stringify(await badge(page))})`);
  const sent = await worker.evaluate(() => /** @type {any} */ (globalThis).__contexts.map((c) => c.text));
  assert.ok(sent.every((s) => !s.includes('zzz9') && !s.includes('bit.ly/chat1')), 'no comment or chat text was sent to the checker');
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-comment-ignored.png') });
  say(t, 'Enter sends the comment as Facebook does: no gate');
  await page.click(COMMENT);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  assert.equal(await page.$('postcheck-dialog'), null);
  const comments = await page.evaluate(() => /** @type {any} */ (window).__comments);
  assert.deepEqual(comments, ['会場は吉備中央町豊野1-2-3、詳細 bit.ly/3kIbIcU 詳しくは bit.ly/zzz9 へ']);
});

test('Pages (ja): 「次へ」 is gated; after 「このまま投稿」 the Post settings 「投稿」 posts once; check-in and Page name reach the checker', async (t) => {
  await open('https://www.facebook.com/kibichuo.town');
  await openComposer();
  say(t, 'checks in (「チェックイン」) and types the text as the Page 吉備中央町');
  await page.click('[role="dialog"] [role="button"][aria-label="チェックイン"]');
  await page.click(COMPOSER);
  await typeText();
  say(t, 'the check-in is a location finding on the post (location/tag: the first line)');
  await waitHighlights(page, { warn: [LINE1, URL_PART, ADDRESS] });
  const ctx = await contextFor(TEXT);
  say(t, `context: ${JSON.stringify(ctx)}`);
  assert.equal(ctx?.handle, '吉備中央町\nhttps://www.facebook.com/kibichuo.town', 'the Page: its name (「吉備中央町として投稿」) and its address (the name\'s link)');
  assert.equal(ctx?.location_tag, true, 'the check-in is reported as a location tag');
  say(t, 'clicks 「次へ」: held with the dialog; Go back keeps the composer');
  await page.click('[role="dialog"] [role="button"][aria-label="次へ"]');
  await page.waitForSelector('postcheck-dialog');
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-pages-next-gate.png') });
  await choose(GO_BACK);
  assert.ok(await page.$(COMPOSER), 'still in the composer');
  assert.equal(await page.$('[role="dialog"][aria-label="投稿設定"]'), null);
  say(t, 'clicks 「次へ」 again, 「このまま投稿」: Post settings opens; its 「投稿」 posts once');
  await page.click('[role="dialog"] [role="button"][aria-label="次へ"]');
  await choose(POST_ANYWAY);
  await page.waitForSelector('[role="dialog"][aria-label="投稿設定"]');
  assert.deepEqual(await posts(page), [], 'Next does not post');
  await page.click('[role="dialog"][aria-label="投稿設定"] [role="button"][aria-label="投稿"]');
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null, 'the final Post is not asked again');
  const p = await posts(page);
  say(t, `posts: ${JSON.stringify(p)}`);
  assert.equal(p.length, 1);
  assert.deepEqual({ text: p[0].text, via: p[0].via, actor: p[0].actor }, { text: TEXT, via: 'post-settings', actor: '吉備中央町' });
});

test('English labels: "Post" and "Next" are recognised', async (t) => {
  await open('https://www.facebook.com/?lang=en');
  await openComposer();
  await typeText();
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  say(t, 'clicks "Post": held');
  await page.click('[role="dialog"] [role="button"][aria-label="Post"]');
  await page.waitForSelector('postcheck-dialog');
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-en-gate.png') });
  await choose(GO_BACK);
  assert.deepEqual(await posts(page), []);
  await open('https://www.facebook.com/kibichuo.town?lang=en');
  await openComposer();
  await typeText();
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  say(t, 'Page: clicks "Next": held; Post anyway → "Post settings" → Post posts once');
  await page.click('[role="dialog"] [role="button"][aria-label="Next"]');
  await choose(POST_ANYWAY);
  await page.click('[role="dialog"][aria-label="Post settings"] [role="button"][aria-label="Post"]');
  await page.waitForTimeout(300);
  const p = await posts(page);
  assert.equal(p.length, 1);
  assert.equal(p[0].text, TEXT);
  assert.equal(p[0].via, 'post-settings');
});

test('a UI language the label table does not know: the structural fallback still finds the editor and the post button', async (t) => {
  await open('https://www.facebook.com/?lang=de');
  await openComposer();
  await typeText();
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  say(t, 'clicks "Posten" (the last button of the composer form): held');
  await page.click('[role="dialog"] [role="button"][aria-label="Posten"]');
  await page.waitForSelector('postcheck-dialog');
  await choose(POST_ANYWAY);
  await page.waitForTimeout(300);
  const p = await posts(page);
  assert.equal(p.length, 1);
  assert.equal(p[0].text, TEXT);
  assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] });
});

test('a 「投稿を作成」 dialog whose editor cannot be recognised: the badge says 「投稿欄を認識できません」; it goes with the dialog, and the next (recognisable) composer is checked', async (t) => {
  await open('https://www.facebook.com/?broken=1');
  say(t, 'opens 「投稿を作成」: its editor has neither role=textbox nor Lexical\'s marker (the hidden copies keep theirs)');
  await page.click('[role="region"] [role="button"]');
  const BROKEN = '[data-fixture="composer"] [contenteditable="true"]';
  await page.waitForSelector(BROKEN);
  assert.equal(await page.locator('[data-fixture="composer"] [role="textbox"], [data-fixture="composer"] [data-lexical-editor]').count(), 0);
  await page.click(BROKEN);
  await page.keyboard.type(LINE1);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'unknown', null, { timeout: 5000 });
  const b = await badge(page);
  say(t, `badge: ${JSON.stringify(b)}`);
  assert.equal(b?.label, '投稿欄を認識できません');
  const under = await page.evaluate(() => {
    const r = /** @type {HTMLElement} */ (document.querySelector('postcheck-badge')).getBoundingClientRect();
    const d = /** @type {HTMLElement} */ (document.querySelector('[role="dialog"]')).getBoundingClientRect();
    return r.width > 0 && r.left >= d.left && r.right <= d.right && r.top >= d.bottom && r.bottom <= innerHeight;
  });
  assert.ok(under, 'the badge is shown right under the dialog, covering none of its controls (its ✕ is clicked below)');
  assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] }, 'nothing read, nothing underlined');
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-unrecognised.png') });
  say(t, 'closes the dialog (「閉じる」): the badge goes');
  await page.click('[role="dialog"] [role="button"][aria-label="閉じる"]');
  await page.waitForFunction(() => {
    const h = /** @type {HTMLElement | null} */ (document.querySelector('postcheck-badge'));
    return !h || h.style.display === 'none';
  }, null, { timeout: 5000 });
  say(t, 'opens 「投稿を作成」 again (a Lexical editor this time) and types: underlined and counted as usual');
  await openComposer();
  await typeText();
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'warn');
  assert.equal((await badge(page))?.label, '警告 2件');
  await page.click('[role="dialog"] [role="button"][aria-label="閉じる"]');
});

test('the text map reads Lexical\'s DOM shapes: paragraphs, empty lines, line breaks, a trailing break, lists', async (t) => {
  await open('https://www.facebook.com/');
  const out = await page.evaluate(async () => {
    const { readText, rangeFor } = await import('/ext/content/textmap.js');
    const BLOCK = ':scope > :not(ul, ol), :scope > ul > li, :scope > ol > li'; // sites/facebook.js
    const S = (/** @type {string} */ s) => `<span data-lexical-text="true">${s}</span>`;
    const shapes = {
      paragraphs: `<p dir="auto">${S('一行目')}</p><p dir="auto">${S('二行目')}</p>`,
      emptyLine: `<p dir="auto">${S('上')}</p><p><br></p><p dir="auto">${S('下')}</p>`,
      lineBreak: `<p dir="auto">${S('改行')}<br>${S('の後')}</p>`,
      trailingBreak: `<p dir="auto">${S('末尾')}<br><br></p><p dir="auto">${S('次')}</p>`,
      list: `<p dir="auto">${S('持ち物')}</p><ul><li>${S('水筒')}</li><li>${S('帽子')}</li></ul>`,
      draft: '<div data-contents="true"><div data-block="true"><span data-text="true">x</span></div><div data-block="true"><br data-text="true"></div></div>',
    };
    /** @type {Record<string, string>} */
    const texts = {};
    for (const [k, html] of Object.entries(shapes)) {
      const ed = document.createElement('div');
      ed.innerHTML = html;
      document.body.append(ed);
      texts[k] = readText(ed, k === 'draft' ? 'div[data-block="true"]' : BLOCK).text;
      if (k === 'lineBreak') {
        const map = readText(ed, BLOCK);
        texts.lineBreakRange = rangeFor(map, 1, 5)?.toString() ?? 'null'; // 「行」\n「の後」 across the <br>
      }
      ed.remove();
    }
    return texts;
  });
  say(t, JSON.stringify(out));
  assert.deepEqual(out, {
    paragraphs: '一行目\n二行目',
    emptyLine: '上\n\n下',
    lineBreak: '改行\nの後',
    lineBreakRange: '行の後',
    trailingBreak: '末尾\n\n次',
    list: '持ち物\n水筒\n帽子',
    draft: 'x\n',
  });
});

test('IME: nothing is checked while composing; after the commit the address is underlined exactly', async (t) => {
  await open('https://www.facebook.com/');
  await openComposer();
  await page.keyboard.type('【お願い】'); // the caret must sit in a text node when composing
  await waitHighlights(page, {});
  say(t, 'composes 「おとしもの」 (CDP Input.imeSetComposition), then commits the whole line (Input.insertText)');
  await cdp.send('Input.imeSetComposition', { text: 'おとしもの', selectionStart: 5, selectionEnd: 5 });
  await page.waitForTimeout(300);
  const during = await worker.evaluate(() => /** @type {any} */ (globalThis).__contexts.map((c) => c.text));
  assert.ok(during.every((s) => !s.includes('おとしもの')), 'the composing text is not sent to the checker');
  await cdp.send('Input.insertText', { text: LINE2 });
  const want = `【お願い】${LINE2}`;
  await page.waitForFunction(([s, w]) => /** @type {any} */ (document.querySelector(s))?.__fixture.text === w, [COMPOSER, want]);
  await waitHighlights(page, { warn: [ADDRESS] });
  assert.deepEqual(await editorUntouched(COMPOSER), { sameAsModel: true, attrs: EDITOR_ATTRS, postcheck: false });
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-ime.png') });
});

// ---- policy: official Pages, comment boxes -----------------------------------------------

/**
 * Sets the user's options (chrome.storage.local, as the options page does) and reloads the
 * page so the content script starts with them. `{}` restores the defaults.
 * @param {object} policy
 * @param {string} url
 */
async function withPolicy(policy, url) {
  await worker.evaluate((p) => chrome.storage.local.set({ policy: p }), policy);
  await page.waitForFunction(() => true); // let storage.onChanged reach the worker
  await open(url);
}

test('include_comments on: a comment box is checked, and Enter (which sends it) is gated; Messenger stays ignored', async (t) => {
  await withPolicy({ include_comments: true }, 'https://www.facebook.com/');
  say(t, 'types into 「コメントする」 (it holds 会場は吉備中央町豊野1-2-3、詳細 bit.ly/3kIbIcU)');
  await page.click(COMMENT);
  await page.keyboard.press('End');
  await page.keyboard.type(' です');
  const COMMENT_TEXT = '会場は吉備中央町豊野1-2-3、詳細 bit.ly/3kIbIcU です';
  say(t, 'expects warn on the URL and the address, and info on the whole comment (a reply, from an account not known to be official: account/reply)');
  await waitHighlights(page, { warn: [URL_PART, ADDRESS], info: [COMMENT_TEXT] });
  const ctx = await contextFor('会場は吉備中央町豊野1-2-3、詳細 bit.ly/3kIbIcU です');
  say(t, `context: ${JSON.stringify(ctx)}`);
  assert.equal(ctx?.reply, true, 'a comment is a reply');
  const b = await badge(page);
  assert.equal(b?.counts, 'block:0,warn:2,info:1');
  await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-comment-included.png') });
  say(t, 'Enter: held with the dialog; Go back keeps the comment; Post anyway sends it once');
  await page.keyboard.press('Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await gateDialog();
  assert.ok(d?.text.includes(URL_PART) && d.text.includes(ADDRESS), 'the dialog quotes the comment\'s findings');
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__comments), [], 'nothing sent');
  await choose(GO_BACK);
  assert.equal(await modelText(COMMENT), '会場は吉備中央町豊野1-2-3、詳細 bit.ly/3kIbIcU です', 'the comment is unchanged');
  await page.keyboard.press('Enter');
  await choose(POST_ANYWAY);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__comments), ['会場は吉備中央町豊野1-2-3、詳細 bit.ly/3kIbIcU です']);
  say(t, 'Messenger is still not checked');
  await page.click(MESSENGER);
  await page.keyboard.press('End');
  await page.keyboard.type(' よろしく');
  await page.waitForTimeout(600);
  assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] });
  const sent = await worker.evaluate(() => /** @type {any} */ (globalThis).__contexts.map((c) => c.text));
  assert.ok(sent.every((s) => !s.includes('bit.ly/chat1')), 'no chat text was sent to the checker');
  await withPolicy({}, 'https://www.facebook.com/');
});

/**
 * Opens the composer at `url` and types TEXT; waits for its two warnings.
 * @param {string} url
 */
async function draftAt(url) {
  await open(url);
  await openComposer();
  await typeText();
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
}

test('Pages: Enter on the focused 「次へ」 is gated like a click; after 「戻る」 an edited text is gated again at 次へ; Enter on the final 「投稿」 posts the text captured at 次へ once', async (t) => {
  await draftAt('https://www.facebook.com/kibichuo.town');
  const b = await boxes(URL_PART);
  const voice = await page.evaluate(() => {
    const r = document.querySelector('[role="dialog"] [role="button"][aria-label="吉備中央町として投稿"]')?.getBoundingClientRect();
    return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
  });
  say(t, `Page composer: badge ${JSON.stringify(b.badge)}, 次へ ${JSON.stringify(b.action)}, 「として投稿」 ${JSON.stringify(voice)}`);
  assert.ok(b.badge && b.dialog && b.action && b.editor && voice);
  assert.ok(inside(b.badge, b.dialog) && !intersects(b.badge, b.action) && !intersects(b.badge, b.editor) && !intersects(b.badge, voice), 'the badge is in the dialog, clear of 次へ, the text and the voice switcher');
  say(t, 'focuses 「次へ」 and presses Enter (Facebook\'s buttons act on the key itself: no click event)');
  await page.focus('[role="dialog"] [role="button"][aria-label="次へ"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('postcheck-dialog');
  assert.equal(await page.$('[role="dialog"][aria-label="投稿設定"]'), null, 'Post settings did not open');
  await choose(POST_ANYWAY);
  await page.waitForSelector('[role="dialog"][aria-label="投稿設定"]');
  say(t, '「戻る」 in Post settings re-opens the composer with the text; an edit there is checked and 次へ is gated again');
  await page.click('[role="dialog"][aria-label="投稿設定"] [role="button"][aria-label="戻る"]');
  await page.waitForSelector(COMPOSER);
  await page.click(COMPOSER);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' 地図 goo.gl/maps/AbC1');
  const EDITED = `${TEXT} 地図 goo.gl/maps/AbC1`;
  assert.equal(await modelText(COMPOSER), EDITED);
  await page.waitForFunction(() => (CSS.highlights.get('postcheck-warn')?.size ?? 0) >= 3);
  await page.click('[role="dialog"] [role="button"][aria-label="次へ"]');
  await page.waitForSelector('postcheck-dialog');
  const d = await gateDialog();
  assert.ok(d?.text.includes('goo.gl/maps/AbC1'), 'the dialog quotes the text as edited after 戻る');
  await choose(POST_ANYWAY);
  await page.waitForSelector('[role="dialog"][aria-label="投稿設定"]');
  say(t, 'the fixture focuses the final 「投稿」; Enter posts');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null);
  const p = await posts(page);
  assert.equal(p.length, 1);
  assert.deepEqual({ text: p[0].text, via: p[0].via }, { text: EDITED, via: 'post-settings' });
});

test('an official Page vs a personal profile: the same text gives the official or the personal findings; the checklist only for the Page', async (t) => {
  const OPINION = '私はこの公園がとても素晴らしいと思います。';
  const CHECK = { ja: '所属長の承認を得ましたか（吉備中央町 4(9)②）', en: 'Has your head of section approved this post? (吉備中央町 4(9)②)' };
  // The timing rules depend on the hour the test runs: off, so the findings are the same any day.
  const base = { organisation_device: true, checklist: [CHECK], rules: { 'timing/posting-window': 'off', 'timing/working-hours': 'off' } };
  /** @param {string} url */
  const write = async (url) => {
    await open(url);
    await openComposer();
    await page.keyboard.type(OPINION);
  };
  for (const [lang, listed] of /** @type {const} */ ([['ja', 'https://www.facebook.com/kibichuo.town'], ['en', '吉備中央町']])) {
    const q = lang === 'en' ? '?lang=en' : '';
    await withPolicy({ ...base, official_handles: { facebook: [listed] } }, `https://www.facebook.com/${q}`);
    say(t, `${lang}: official_handles.facebook = ["${listed}"]; as the person 吉備 太郎 on the feed`);
    await write(`https://www.facebook.com/${q}`);
    say(t, 'expects account/device over the whole post (a personal post from the organisation\'s device), no opinion warning');
    await waitHighlights(page, { warn: [OPINION] });
    await page.click(`[role="dialog"] [role="button"][aria-label="${lang === 'en' ? 'Post' : '投稿'}"]`);
    await page.waitForSelector('postcheck-dialog');
    assert.deepEqual(await axNames(cdp, 'checkbox'), [], 'no checklist for a personal post');
    await choose(GO_BACK);
    say(t, `${lang}: as the Page 吉備中央町 (${lang === 'en' ? 'Posting as' : 'として投稿'})`);
    await write(`https://www.facebook.com/kibichuo.town${q}`);
    say(t, 'expects opinion/first-person on 「私は」 only (an official post speaks for the town)');
    await waitHighlights(page, { warn: ['私は'] });
    await page.click(`[role="dialog"] [role="button"][aria-label="${lang === 'en' ? 'Next' : '次へ'}"]`);
    await page.waitForSelector('postcheck-dialog');
    const checks = await axNames(cdp, 'checkbox');
    say(t, `checklist: ${JSON.stringify(checks)}`);
    assert.equal(checks.length, 1, 'the checklist is asked for the official Page');
    assert.ok([CHECK.ja, CHECK.en].includes(checks[0]), 'in the browser\'s language (not the page\'s)');
    await page.screenshot({ path: path.join(ARTIFACTS, `facebook-official-page-${lang}.png`) });
    await choose(GO_BACK);
  }
  await withPolicy({}, 'https://www.facebook.com/');
});

test('photos (ja): a GPS-tagged JPEG through the dialog\'s file input or dropped on it warns, named in panel and gate; its remove button clears it; the check-in is a location finding', async (t) => {
  await open('https://www.facebook.com/');
  await openComposer();
  await page.keyboard.type(CLEAN);
  await waitHighlights(page, {});
  const counts = (/** @type {string} */ c) => page.waitForFunction((c) => document.querySelector('postcheck-badge')?.getAttribute('data-counts') === c, c, { timeout: 10000 });
  say(t, '「写真・動画」 → the dialog\'s file input: gps-ne.jpg');
  await page.setInputFiles('[role="dialog"] input[type="file"]', PHOTOS.gps);
  await counts('block:0,warn:1,info:1');
  await waitHighlights(page, {});
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'block');
  const panel = await axDialog(cdp, 'この投稿の注意点');
  say(t, `panel: ${panel?.text}`);
  assert.ok(panel && panel.text.includes('添付画像「gps-ne.jpg」') && panel.text.includes(gpsMessage.ja), panel?.text);
  await page.keyboard.press('Escape');
  say(t, 'a second copy dropped on the dialog: two warnings, one per file');
  await dropImage(page, '[role="dialog"][aria-label="投稿を作成"]', PHOTOS.gps);
  await counts('block:0,warn:2,info:2');
  say(t, 'the remove button of each preview (「削除」) takes its warning away');
  await page.click('[role="dialog"] [role="button"][aria-label="削除"]');
  await counts('block:0,warn:1,info:1');
  await page.click('[role="dialog"] [role="button"][aria-label="削除"]');
  await counts('block:0,warn:0,info:0');
  say(t, 'check in (「チェックイン」): a location finding on the post, in the gate; checked out: gone');
  await page.focus('[role="dialog"] [role="button"][aria-label="チェックイン"]');
  await page.keyboard.press('Enter');
  await counts('block:0,warn:1,info:0');
  await waitHighlights(page, { warn: [CLEAN] });
  await page.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await page.waitForSelector('postcheck-dialog');
  const d = await gateDialog();
  assert.ok(d?.text.includes('この投稿には位置情報（場所のタグ・チェックイン）が付いています。'), d?.text);
  await choose(GO_BACK);
  await page.focus('[role="dialog"] [role="button"][aria-label="チェックイン"]');
  await page.keyboard.press('Enter');
  await counts('block:0,warn:0,info:0');
  await page.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => [p.text, p.place, p.media]), [[CLEAN, null, []]]);
});

/**
 * Types TEXT in the composer of `url` and posts it: 「投稿」 in the feed, or 「次へ」 then the
 * Post settings' 「投稿」 for a Page. Posted once with the exact text, no dialog of postcheck's
 * (the post may wait for the policy while the background starts).
 * @param {import('playwright-core').Page} p
 * @param {string} url
 * @param {(p: import('playwright-core').Page) => Promise<void>} [typed]  after typing, before posting
 */
async function typeAndPost(p, url, typed) {
  await open(url, p);
  await openComposer(p);
  await typeText(p);
  if (typed) await typed(p);
  const viaNext = url.includes('kibichuo.town');
  if (viaNext) {
    await p.click('[role="dialog"] [role="button"][aria-label="次へ"]');
    await p.waitForSelector('[role="dialog"][aria-label="投稿設定"]', { timeout: 15000 });
    assert.equal(await p.$('postcheck-dialog'), null, '次へ: no dialog');
    await p.click('[role="dialog"][aria-label="投稿設定"] [role="button"][aria-label="投稿"]');
  } else await p.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await p.waitForFunction(() => /** @type {any} */ (window).__posts.length > 0, null, { timeout: 15000 });
  await p.waitForTimeout(300);
  assert.equal(await p.$('postcheck-dialog'), null, 'no dialog');
  const all = await posts(p);
  assert.deepEqual(all.map((/** @type {any} */ x) => [x.text, x.via]), [[TEXT, viaNext ? 'post-settings' : 'dialog']], 'posted once, the exact text');
}

test('gate "off" saved before the page loads: 「投稿」 and 次へ → 「投稿」 post at once, nothing underlined; also in a browser just started', async (t) => {
  // A browser just started: its first read of the managed policy takes seconds, so the
  // content script does not know the gate mode yet when the user posts.
  const fresh = await launch(server.port);
  t.after(() => fresh.close());
  await (await fresh.worker()).evaluate(() => chrome.storage.local.set({ policy: { gate: 'off' } }));
  const fp = await fresh.context.newPage();
  await typeAndPost(fp, 'https://www.facebook.com/');
  say(t, 'a browser just started: 「投稿」 posted once, no dialog');
  await withPolicy({ gate: 'off' }, 'https://www.facebook.com/');
  for (const url of ['https://www.facebook.com/', 'https://www.facebook.com/kibichuo.town']) {
    await typeAndPost(page, url);
    assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] }, 'nothing underlined');
    say(t, `${url}: posted once, no dialog, nothing underlined`);
  }
  await withPolicy({}, 'https://www.facebook.com/');
});

test('gate "badge" saved before the page loads: 「投稿」 at once; on a Page the warnings are underlined and 次へ → 「投稿」 is not held', async (t) => {
  await withPolicy({ gate: 'badge' }, 'https://www.facebook.com/');
  await typeAndPost(page, 'https://www.facebook.com/');
  await typeAndPost(page, 'https://www.facebook.com/kibichuo.town', async () => {
    await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
    assert.equal((await badge(page))?.counts, 'block:0,warn:2,info:0');
  });
  await withPolicy({}, 'https://www.facebook.com/');
});

test('gate "block" saved before the page loads: warnings hold 「投稿」 and a Page\'s 「次へ」 with only 「戻って直す」, which keeps the draft; a clean text posts', async (t) => {
  t.after(() => withPolicy({}, 'https://www.facebook.com/'));
  await withPolicy({ gate: 'block' }, 'https://www.facebook.com/');
  for (const [url, action] of [['https://www.facebook.com/', '投稿'], ['https://www.facebook.com/kibichuo.town', '次へ']]) {
    await openComposer();
    await typeText();
    await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
    say(t, `${url}: clicks 「${action}」 with two warnings`);
    await page.click(`[role="dialog"] [role="button"][aria-label="${action}"]`);
    await page.waitForSelector('postcheck-dialog');
    const d = await gateDialog();
    say(t, `dialog "${d?.name}" buttons ${JSON.stringify(d?.buttons.map((x) => x.name))}`);
    assert.equal(d?.name, 'このままでは投稿できません');
    assert.deepEqual(d.buttons.map((x) => x.name), ['戻って直す'], 'no 「このまま投稿」');
    assert.ok(d.text.includes(`「${URL_PART}」`) && d.text.includes(`「${ADDRESS}」`), 'quotes both warnings');
    if (action === '投稿') await page.screenshot({ path: path.join(ARTIFACTS, 'facebook-gate-block.png') });
    await choose(GO_BACK);
    assert.deepEqual(await posts(page), [], 'never posted');
    assert.equal(await page.$('[role="dialog"][aria-label="投稿設定"]'), null, 'not on to Post settings');
    assert.ok(await page.evaluate((s) => !!document.activeElement?.closest(s), COMPOSER), 'focus is back in the editor');
    assert.equal(await modelText(COMPOSER), TEXT, 'the draft is unchanged');
    assert.deepEqual(await editorUntouched(COMPOSER), { sameAsModel: true, attrs: EDITOR_ATTRS, postcheck: false });
    if (url.includes('kibichuo')) break;
    await open('https://www.facebook.com/kibichuo.town');
  }
  say(t, 'a clean text is not held in block mode');
  await open('https://www.facebook.com/');
  await openComposer();
  await page.keyboard.type(CLEAN);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'clean');
  await page.click('[role="dialog"] [role="button"][aria-label="投稿"]');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => p.text), [CLEAN]);
});
