// End to end on every X composer of the fixture, with the real extension: a thread (each post
// underlined and counted; the gate checks all), the reply dialog, a quote, the inline reply on
// a status page, the mobile layout's <textarea>, an editor X's selectors cannot recognise,
// editors and post buttons whose test ids are gone (the structural fallbacks), the
// location tag, SPA navigation (nothing leaks), keyboard cycling through warnings, the panel
// with "この投稿では無視" (never offered for a block finding; forgotten once the post goes out),
// the live region (each new warning read out once while typing), and IME composition committed
// and cancelled. The caret and the draft are checked unchanged after every interaction.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { waitHighlights, highlights, badge, posts, axDialog, clickNode, isolatedWorld } from './lib/helpers.mjs';

const URL_PART = 'bit.ly/3kIbIcU';
const ADDRESS = '吉備中央町豊野1-2-3';
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
const E0 = '#primaryColumn [data-testid="tweetTextarea_0"]';
const E1 = '#primaryColumn [data-testid="tweetTextarea_1"]';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
/** @type {import('playwright-core').CDPSession} */
let cdp;
/** @type {(expr: string) => Promise<any>} */
let inContent;

before(async () => {
  server = await startServer();
  browser = await launch(server.port);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  cdp = await browser.context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
  inContent = await isolatedWorld(cdp, async () => {
    await cdp.send('Runtime.enable');
    await page.goto('https://x.com/home');
    await page.waitForSelector(E0);
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Re-finds the content script's world after a full page load. */
async function go(url, sel) {
  await page.goto(url);
  await page.waitForSelector(sel);
  await page.waitForTimeout(200); // the content script runs at document_idle
  inContent = await isolatedWorld(cdp, async () => {
    await cdp.send('Runtime.disable');
    await cdp.send('Runtime.enable'); // reports the live contexts again, the new page's only
  });
}

/** The caret/selection as (editor text offsets) read in the page: [anchor, focus] or the textarea's. */
const caret = () => page.evaluate(() => {
  const a = /** @type {any} */ (document.activeElement);
  if (a instanceof HTMLTextAreaElement) return { ta: [a.selectionStart, a.selectionEnd] };
  const s = getSelection();
  if (!s || !s.anchorNode) return null;
  const ed = a?.closest('[role="textbox"]');
  if (!ed) return { outside: a?.tagName };
  const r = document.createRange();
  r.setStart(ed, 0);
  r.setEnd(s.anchorNode, s.anchorOffset);
  return { editor: ed.getAttribute('data-testid'), anchor: r.toString().length, focusNode: s.focusNode === s.anchorNode, offset: s.focusOffset - s.anchorOffset };
});

const editorTexts = () => page.evaluate(() => [...document.querySelectorAll('[data-testid^="tweetTextarea_"]:not([data-testid$="_label"]):not([data-testid$="Container"])')]
  .map((e) => (e instanceof HTMLTextAreaElement ? e.value : [...e.querySelectorAll('div[data-block="true"]')].map((b) => b.textContent).join('\n'))));

const cardRule = () => page.evaluate(() => {
  const c = document.querySelector('postcheck-card');
  return c && c.style.display !== 'none' ? { rule: c.getAttribute('data-rule'), index: c.getAttribute('data-index') } : null;
});

test('a thread: both posts underlined, the badge counts both, the gate checks both and posts once', async (t) => {
  const p0 = `週末のイベント詳細は ${URL_PART} から！`;
  const p1 = `集合は${ADDRESS}の公園です。`;
  t.diagnostic(`types post 1 "${p0}", adds a post with "+", types post 2 "${p1}"`);
  await page.click(E0);
  await page.keyboard.type(p0);
  await page.click('#primaryColumn [data-testid="addButton"]');
  await page.waitForSelector(E1);
  await page.focus(E1);
  await page.keyboard.type(p1);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  const b = await badge(page);
  t.diagnostic(`badge: ${JSON.stringify(b)}`);
  assert.equal(b?.counts, 'block:0,warn:2,info:0');
  assert.equal(b?.label, '警告 2件');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-thread-underlines.png') });
  const before = await caret();
  t.diagnostic('Ctrl+Enter from post 2: the dialog quotes the URL of post 1 and the address of post 2');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  assert.ok(d?.text.includes(`「${URL_PART}」`) && d.text.includes(`「${ADDRESS}」`), d?.text);
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-thread-dialog.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.deepEqual(await caret(), before, '"Go back": the caret is where it was, in post 2');
  assert.deepEqual(await editorTexts(), [p0, p1], 'the drafts are unchanged');
  t.diagnostic('clicks post, "このまま投稿": one post with both texts; the second editor leaves with its underline and session');
  await page.click('#primaryColumn [data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(400);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => p.texts), [[p0, p1]]);
  await waitHighlights(page, {});
  const diag = await inContent('({ s: postcheckContent.sessions(), p: postcheckContent.painted() })');
  t.diagnostic(`sessions ${diag.s}, painted editors ${diag.p}`);
  assert.equal(diag.s, 1, 'only the remaining editor is watched');
  assert.ok(diag.p <= 1);
});

test('keyboard: Alt+Shift+N/P cycle the card through the warnings; the caret and text do not move', async (t) => {
  const text = `詳細は ${URL_PART} 、集合は${ADDRESS}です。`;
  await page.focus(E0);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const before = await caret();
  await page.keyboard.press('Alt+Shift+KeyN');
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-index') === '1/2');
  assert.deepEqual(await cardRule(), { rule: 'url/shortener', index: '1/2' });
  await page.keyboard.press('Alt+Shift+KeyN');
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-index') === '2/2');
  assert.equal((await cardRule())?.rule, 'location/address');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-card-keyboard.png') });
  await page.keyboard.press('Alt+Shift+KeyP');
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-index') === '1/2');
  const said = await page.evaluate(() => document.querySelector('postcheck-live')?.getAttribute('data-said'));
  t.diagnostic(`live region: ${said}`);
  assert.match(String(said), /^1\/2 警告: /);
  assert.deepEqual(await caret(), before, 'the caret did not move');
  assert.equal((await editorTexts())[0], text, 'nothing was typed');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="tweetTextarea_0"]')), 'focus stays in the editor');
});

test('the panel (Alt+Shift+L): every warning with why and clause; "この投稿では無視" hides it for this draft only', async (t) => {
  const before = await caret();
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.getAttribute('data-count') === '2');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const dlg = nodes.find((n) => n.role?.value === 'dialog' && n.name?.value === 'この投稿の注意点');
  assert.ok(dlg, 'the panel is a dialog named この投稿の注意点');
  const buttons = nodes.filter((n) => n.role?.value === 'button' && n.name?.value === 'この投稿では無視');
  assert.equal(buttons.length, 2);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'POSTCHECK-PANEL', 'focus moved into the panel');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-panel.png') });
  t.diagnostic('Tab to the first "この投稿では無視" (the URL) and Enter: the URL is no longer underlined or counted');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitHighlights(page, { warn: [ADDRESS] });
  assert.equal((await badge(page))?.counts, 'block:0,warn:1,info:0');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'none');
  assert.deepEqual(await caret(), before, 'Esc: back in the editor, caret where it was');
  t.diagnostic('the gate now lists only the address');
  const g0 = await inContent('({ ...postcheckContent.gate })');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const g1 = await inContent('({ ...postcheckContent.gate })');
  t.diagnostic(`decision time in the extension (text already checked): ${g1.decisionMs.toFixed(2)} ms`);
  console.log(`gate decision time in the extension, text already checked: ${g1.decisionMs.toFixed(2)} ms`);
  assert.equal(g1.decisions, g0.decisions + 1, 'decided synchronously (no check needed)');
  assert.equal(g1.held, g0.held, 'not held for a check');
  const d = await axDialog(cdp);
  assert.ok(d && d.text.includes(ADDRESS) && !d.text.includes(URL_PART), d?.text);
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  t.diagnostic('emptying the draft forgets what was ignored: the URL typed again is underlined');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
  await page.keyboard.type(`詳細は ${URL_PART}`);
  await waitHighlights(page, { warn: [URL_PART] });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
});

const URL_MSG = '短縮URLです。リンク先がどこなのか、閲覧者には分かりません。';
const ADDRESS_MSG = '住所（番地まで）が書かれています。自宅や個人の所在地が特定されるおそれがあります。';

/**
 * Starts recording what the live region says (every change of its data-said, in order) and
 * whether focus leaves the editor meanwhile, in the page's main world.
 */
const recordLive = () => page.evaluate(() => {
  const win = /** @type {any} */ (window);
  win.__said = [];
  win.__focusOut = 0;
  // The live region's host may not exist yet: watch the document for it.
  new MutationObserver((rs) => {
    for (const r of rs) win.__said.push(/** @type {Element} */ (r.target).getAttribute('data-said'));
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-said'] });
  document.addEventListener('focusout', (e) => {
    if (/** @type {Element} */ (e.target).closest?.('[data-testid^="tweetTextarea_"]')) win.__focusOut += 1;
  }, true);
});
/** @returns {Promise<string[]>} */
const said = () => page.evaluate(() => /** @type {any} */ (window).__said);

test('the live region announces each new warning once as it appears while typing (not at every keystroke); focus and caret stay', async (t) => {
  await recordLive();
  await page.focus(E0);
  /** Types key by key, as a person does (each key's check answered before the next, mostly). @param {string} s */
  const typeSlowly = async (s) => {
    for (const ch of s) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(40);
    }
  };
  const head = `詳細は ${URL_PART} から。集合は`;
  t.diagnostic(`types "${head}" key by key: the URL warning is announced once, as "警告: …"`);
  await typeSlowly(head);
  await waitHighlights(page, { warn: [URL_PART] });
  const typed = await caret();
  assert.deepEqual(typed, { editor: 'tweetTextarea_0', anchor: head.length, focusNode: true, offset: 0 }, 'the caret after what was typed');
  await page.waitForFunction(() => /** @type {any} */ (window).__said.length >= 1);
  await page.waitForTimeout(300);
  assert.deepEqual(await said(), [`警告: ${URL_MSG}`]);
  assert.deepEqual(await caret(), typed, 'the announcement moved neither caret nor selection');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__focusOut), 0, 'focus never left the editor');
  t.diagnostic(`types "${ADDRESS}" key by key (the warning grows 吉備中央町豊野1 → 1-2 → 1-2-3): announced once`);
  await typeSlowly(ADDRESS);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  await page.waitForTimeout(400);
  t.diagnostic(`said: ${JSON.stringify(await said())}`);
  assert.deepEqual(await said(), [`警告: ${URL_MSG}`, `警告: ${ADDRESS_MSG}`], 'each warning once');
  t.diagnostic('types more after both, then deletes the address and types it again: a new warning, announced again');
  await typeSlowly('の公園');
  for (let i = 0; i < 'の公園'.length + ADDRESS.length; i++) await page.keyboard.press('Backspace');
  await waitHighlights(page, { warn: [URL_PART] });
  await typeSlowly(`${ADDRESS}の公園`);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  await page.waitForTimeout(400);
  assert.deepEqual(await said(), [`警告: ${URL_MSG}`, `警告: ${ADDRESS_MSG}`, `警告: ${ADDRESS_MSG}`]);
  const full = `${head}${ADDRESS}の公園`;
  assert.deepEqual(await caret(), { editor: 'tweetTextarea_0', anchor: full.length, focusNode: true, offset: 0 });
  assert.equal((await editorTexts())[0], full, 'the draft is what was typed');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__focusOut), 0, 'focus never left the editor');
  t.diagnostic('emptied, then both pasted at once: one announcement naming both');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
  await page.keyboard.insertText(full);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  await page.waitForTimeout(300);
  assert.deepEqual((await said()).slice(3), [`警告: ${URL_MSG}警告: ${ADDRESS_MSG}`]);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
});

/**
 * The accessibility tree under the first node of `role` (named `name` if given): for each
 * node of role `part` in it (or the node itself), its text and the names of its buttons.
 * @param {string} role @param {string | undefined} name @param {string} part
 * @returns {Promise<{text: string, buttons: string[]}[] | null>}
 */
async function axParts(role, name, part) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const top = nodes.find((n) => n.role?.value === role && !n.ignored && (name === undefined || n.name?.value === name));
  if (!top) return null;
  /** @type {any[]} */
  const parts = [];
  /** @param {any} n */
  const find = (n) => {
    if (!n) return;
    if (n.role?.value === part) parts.push(n);
    else for (const c of n.childIds ?? []) find(byId.get(c));
  };
  find(top);
  return (parts.length ? parts : [top]).map((p) => {
    const out = { text: '', buttons: /** @type {string[]} */ ([]) };
    /** @param {any} n */
    const walk = (n) => {
      if (!n) return;
      if (n.role?.value === 'button') out.buttons.push(n.name?.value ?? '');
      if (n.role?.value === 'StaticText') out.text += n.name?.value ?? '';
      for (const c of n.childIds ?? []) walk(byId.get(c));
    };
    walk(p);
    return out;
  });
}

test('a block finding offers no "この投稿では無視" (card and panel), the warning beside it does; the gate offers only "戻って直す"', async (t) => {
  const w = await browser.worker();
  t.diagnostic('the options hold an organisation\'s term at block (docs/admin.md section 4): 庁内限り blocks, the URL warns');
  await w.evaluate((m) => chrome.storage.local.set({ policy: { custom_terms: [{ id: 'internal-only', term: '庁内限り', category: 'confidential', severity: 'block', message: m }] } }),
    { ja: '「庁内限り」の資料は公開できません。', en: 'Internal-only material cannot be published.' });
  t.after(() => w.evaluate(() => chrome.storage.local.set({ policy: {} })));
  const text = `詳細は ${URL_PART} 、庁内限りの資料より。`;
  await page.focus(E0);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [URL_PART], block: ['庁内限り'] }, 10000);
  assert.equal((await badge(page))?.counts, 'block:1,warn:1,info:0');
  t.diagnostic('the caret into 庁内限り: its card says 投稿不可 and has no button (nor has any card: it never takes focus)');
  await page.keyboard.press('End');
  for (let i = 0; i < 'の資料より。'.length + 2; i++) await page.keyboard.press('ArrowLeft'); // into "庁内限り"
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-rule') === 'custom/term');
  const blockCard = await axParts('note', undefined, 'note');
  t.diagnostic(`card: ${JSON.stringify(blockCard)}`);
  assert.ok(blockCard?.[0].text.startsWith('投稿不可「庁内限り」の資料は公開できません。'), blockCard?.[0].text);
  assert.deepEqual(blockCard?.[0].buttons, []);
  const before = await caret();
  t.diagnostic('the panel: 庁内限り has no "この投稿では無視", the URL has one');
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.getAttribute('data-count') === '2');
  const items = await axParts('dialog', 'この投稿の注意点', 'group');
  t.diagnostic(`panel items: ${JSON.stringify(items)}`);
  assert.equal(items?.length, 2);
  const [urlItem, termItem] = /** @type {{text: string, buttons: string[]}[]} */ (items);
  assert.ok(urlItem.text.startsWith(`警告${URL_MSG}「${URL_PART}」`), urlItem.text);
  assert.deepEqual(urlItem.buttons, ['この投稿では無視']);
  assert.ok(termItem.text.startsWith('投稿不可「庁内限り」の資料は公開できません。「庁内限り」'), termItem.text);
  assert.deepEqual(termItem.buttons, [], 'no way to ignore a block finding');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-panel-block.png') });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'none');
  assert.deepEqual(await caret(), before, 'back in the editor, caret where it was');
  t.diagnostic('Ctrl+Enter: held with only "戻って直す"');
  const n = (await posts(page)).length;
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  assert.equal(d?.name, 'このままでは投稿できません');
  assert.deepEqual(d.buttons.map((b) => b.name), ['戻って直す']);
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.equal((await posts(page)).length, n, 'not posted');
  assert.equal((await editorTexts())[0], text);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
});

test('"この投稿では無視" is forgotten once the post goes out: the same text in the next draft is underlined again', async (t) => {
  const text = `詳細は ${URL_PART} 、集合は${ADDRESS}です。`;
  await page.focus(E0);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  t.diagnostic('ignores the URL from the panel (Tab, Enter on its "この投稿では無視"), Esc');
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.getAttribute('data-count') === '2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitHighlights(page, { warn: [ADDRESS] });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'none');
  t.diagnostic('posts it: the gate names only the address; "このまま投稿" posts the text once');
  const n = (await posts(page)).length;
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  assert.ok(d && d.text.includes(`「${ADDRESS}」`) && !d.text.includes(URL_PART), d?.text);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => /** @type {any} */ (window).__posts.length === n + 1, n);
  assert.equal((await posts(page))[n].text, text);
  await waitHighlights(page, {});
  t.diagnostic('the next draft, the same text: the URL is underlined and counted again, and can be ignored again');
  await page.focus(E0);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  assert.equal((await badge(page))?.counts, 'block:0,warn:2,info:0');
  await page.keyboard.press('Alt+Shift+KeyL');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.getAttribute('data-count') === '2');
  const items = await axParts('dialog', 'この投稿の注意点', 'group');
  assert.deepEqual(items?.map((i) => i.buttons), [['この投稿では無視'], ['この投稿では無視']]);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('postcheck-panel')?.style.display === 'none');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
});

test('IME: a committed composition is checked once after compositionend; a cancelled one changes nothing', async (t) => {
  const w = await browser.worker();
  const checks = () => w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats.checks);
  await page.focus(E0);
  await page.keyboard.insertText(`詳細は ${URL_PART} 集合は`);
  await waitHighlights(page, { warn: [URL_PART] });
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'warn');
  const c0 = await checks();
  const paintedBefore = await highlights(page);
  t.diagnostic('composes きびちゅうおうちょう and CANCELS it (empty composition): no check, no repaint, text and caret as before');
  const caretBefore = await caret();
  for (const s of ['き', 'きび', 'きびちゅうおうちょう']) {
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
    await page.waitForTimeout(50);
  }
  assert.equal(await checks(), c0, 'no check during composition');
  await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  await page.waitForTimeout(300);
  assert.equal((await editorTexts())[0], `詳細は ${URL_PART} 集合は`, 'the cancelled composition left nothing');
  assert.deepEqual(await caret(), caretBefore, 'the caret is where it was');
  assert.deepEqual(await highlights(page), paintedBefore);
  assert.equal(await checks(), c0, 'the unchanged text was not checked again');
  t.diagnostic('composes and commits 吉備中央町豊野1-2-3: checked after compositionend, underlined');
  for (const s of ['き', 'きびちゅうおうちょう', '吉備中央町豊野1-2-3']) {
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
    await page.waitForTimeout(50);
  }
  assert.equal(await checks(), c0);
  await cdp.send('Input.insertText', { text: ADDRESS });
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  const c1 = await checks();
  t.diagnostic(`checks after the commit: ${c1 - c0}`);
  assert.ok(c1 - c0 >= 1 && c1 - c0 <= 2, 'checked once (twice at most, if a re-render landed between)');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
});

test('the background answers {type:"policy"} with the gate\'s part of the resolved policy (default: confirm)', async (t) => {
  const p = await inContent(`chrome.runtime.sendMessage({ type: 'policy' })`);
  t.diagnostic(`policy: ${JSON.stringify(p)}`);
  assert.equal(p.gate, 'confirm');
  assert.ok(Array.isArray(p.checklist));
  assert.deepEqual(p.checklist.filter((/** @type {any} */ c) => typeof c.ja !== 'string' || typeof c.en !== 'string'), []);
  assert.deepEqual(await inContent('postcheckContent.policy().gate'), 'confirm', 'the content script has it');
});

test('the location tag and the account handle are read from the page for the checker', async (t) => {
  await page.focus(E0);
  let cx = await inContent('postcheckContent.context()');
  t.diagnostic(`context: ${JSON.stringify(cx)}`);
  assert.equal(cx.handle, '@kibi_taro');
  assert.equal(cx.location_tag, false);
  assert.equal(cx.reply, false);
  await page.click('#primaryColumn [data-testid="geoButton"]');
  await page.focus(E0);
  cx = await inContent('postcheckContent.context()');
  assert.equal(cx.location_tag, true, 'the pressed geo button is a location tag');
  await page.click('#primaryColumn [data-testid="geoButton"]');
});

test('reply dialog, quote dialog and inline reply: reply is set for replies only', async (t) => {
  const thanks = 'ありがとうございます！';
  for (const [url, sel, reply] of /** @type {const} */ ([
    ['https://x.com/compose/post?reply=1', '#layers [data-testid="tweetTextarea_0"]', true],
    ['https://x.com/compose/post?quote=1', '#layers [data-testid="tweetTextarea_0"]', false],
    ['https://x.com/kibi_town/status/1234567890', E0, true],
  ])) {
    await go(url, sel);
    await page.focus(sel);
    await page.keyboard.type(thanks);
    const cx = await inContent('postcheckContent.context()');
    t.diagnostic(`${url}: reply ${cx?.reply}`);
    assert.equal(cx?.reply, reply);
    // account/reply reminds an account of unknown kind (info) that official accounts do not reply.
    await waitHighlights(page, reply ? { info: [thanks] } : {});
    if (url.includes('reply=1')) await page.screenshot({ path: path.join(ARTIFACTS, 'x-reply-dialog.png') });
    t.diagnostic('info findings never stop a post: post goes out at once');
    const n = (await posts(page)).length;
    await page.click(`${sel.startsWith('#layers') ? '#layers' : '#primaryColumn'} [data-testid^="tweetButton"]`);
    await page.waitForFunction((n) => /** @type {any} */ (window).__posts.length === n + 1, n);
    assert.equal(await page.$('postcheck-dialog'), null);
  }
});

test('the mobile layout\'s <textarea>: no underline (no Ranges in a textarea), badge, panel and gate work', async (t) => {
  const ta = '#primaryColumn textarea[data-testid="tweetTextarea_0"]';
  await go('https://x.com/home?mobile=1', ta);
  const text = `詳細は ${URL_PART} まで`;
  await page.focus(ta);
  await page.keyboard.type(text);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'warn');
  assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] }, 'nothing painted');
  assert.equal((await badge(page))?.label, '警告 1件');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const before = await caret();
  await page.keyboard.press('Alt+Shift+KeyN');
  await page.waitForFunction(() => document.querySelector('postcheck-card')?.getAttribute('data-rule') === 'url/shortener');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const note = nodes.filter((n) => n.role?.value === 'StaticText').map((n) => n.name?.value).find((x) => x?.includes('下線を引けません'));
  t.diagnostic(`the card says why nothing is underlined: ${note}`);
  assert.ok(note);
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-mobile-textarea.png') });
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  assert.ok(d?.text.includes(`「${URL_PART}」`));
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.deepEqual(await caret(), before, 'back in the textarea, caret where it was');
  assert.deepEqual(await editorTexts(), [text]);
  assert.deepEqual(await posts(page), []);
});

test('an editor X\'s selectors cannot recognise on /compose/post: the badge says so', async (t) => {
  await go('https://x.com/compose/post?broken=1', '#layers [contenteditable="true"]');
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'unknown', null, { timeout: 5000 });
  const b = await badge(page);
  t.diagnostic(`badge: ${JSON.stringify(b)}`);
  assert.equal(b?.label, '投稿欄を認識できません');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-unrecognised.png') });
});

test('editors without X\'s test ids (Draft.js class names only): found by structure, the draft underlined exactly, counted and gated', async (t) => {
  const ED = '#primaryColumn .public-DraftEditor-content[role="textbox"]';
  await go('https://x.com/home?noeditorid=1', ED);
  assert.equal(await page.locator('[data-testid^="tweetTextarea_"]').count(), 0, 'no tweetTextarea_ test id: only the fallback can find the editor');
  const text = `詳細は ${URL_PART} 、集合は${ADDRESS}です。`;
  t.diagnostic(`types "${text}"`);
  await page.focus(ED);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  const b = await badge(page);
  t.diagnostic(`badge: ${JSON.stringify(b)}`);
  assert.equal(b?.counts, 'block:0,warn:2,info:0');
  assert.equal(b?.label, '警告 2件');
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-editor-fallback.png') });
  const draft = () => page.evaluate((sel) => [...document.querySelectorAll(`${sel} div[data-block="true"]`)].map((x) => x.textContent).join('\n'), ED);
  t.diagnostic('Ctrl+Enter: held, the dialog quotes both; "戻って直す" keeps the draft');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  assert.ok(d?.text.includes(`「${URL_PART}」`) && d.text.includes(`「${ADDRESS}」`), d?.text);
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.equal(await draft(), text);
  assert.deepEqual(await posts(page), []);
});

test('post buttons without X\'s test ids: the toolbar button labelled 「ポストする」 is found by structure and held; icon buttons are not', async (t) => {
  const BUTTON = '#primaryColumn [data-testid="toolBar"] button:has-text("ポストする")';
  await go('https://x.com/home?nobuttonid=1', E0);
  assert.equal(await page.locator('[data-testid^="tweetButton"]').count(), 0, 'no tweetButton test id: only the fallback can find the post button');
  const text = `詳細は ${URL_PART} まで`;
  await page.focus(E0);
  await page.keyboard.type(text);
  await waitHighlights(page, { warn: [URL_PART] });
  t.diagnostic('the location tag button (an icon button in the same toolbar): not held');
  await page.click('#primaryColumn [data-testid="geoButton"]');
  await page.click('#primaryColumn [data-testid="geoButton"]');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('postcheck-dialog').count(), 0, 'an icon button is no post button');
  t.diagnostic('Ctrl+Enter (the composer\'s post button is needed to gate it): held; Escape');
  await page.focus(E0);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  t.diagnostic('a real click on 「ポストする」 (lands on its inner span): held, the dialog quotes the URL; "このまま投稿" posts once');
  await page.click(BUTTON);
  await page.waitForSelector('postcheck-dialog');
  let d = await axDialog(cdp);
  assert.ok(d?.text.includes(`「${URL_PART}」`), d?.text);
  assert.deepEqual(await posts(page), [], 'held: nothing posted');
  let post = d.buttons.find((x) => x.name === 'このまま投稿');
  assert.ok(post);
  await clickNode(page, cdp, post.backendNodeId);
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(400);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => ({ texts: p.texts, via: p.via })), [{ texts: [text], via: 'tweetButtonInline' }]);

  t.diagnostic('the same in the /compose/post dialog');
  const MODAL = '#layers [data-testid="tweetTextarea_0"]';
  await go('https://x.com/compose/post?nobuttonid=1', MODAL);
  await page.focus(MODAL);
  await page.keyboard.type(`集合は${ADDRESS}です。`);
  await waitHighlights(page, { warn: [ADDRESS] });
  await page.click('#layers [data-testid="toolBar"] button:has-text("ポストする")');
  await page.waitForSelector('postcheck-dialog');
  d = await axDialog(cdp, undefined, ['Post']); // X's own compose dialog (named "Post") is passed over
  assert.ok(d?.text.includes(`「${ADDRESS}」`), d?.text);
  assert.deepEqual(await posts(page), []);
  post = d.buttons.find((x) => x.name === 'このまま投稿');
  assert.ok(post);
  await clickNode(page, cdp, post.backendNodeId);
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(400);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => ({ texts: p.texts, via: p.via })), [{ texts: [`集合は${ADDRESS}です。`], via: 'tweetButton' }]);
});

test('SPA navigation back and forth: sessions and underlines go with their editors, nothing is checked twice', async (t) => {
  await go('https://x.com/home', E0);
  const w = await browser.worker();
  await page.focus(E0);
  await page.keyboard.type(`詳細は ${URL_PART}`);
  await waitHighlights(page, { warn: [URL_PART] });
  for (let i = 0; i < 3; i++) {
    await page.click('[data-testid="SideNav_NewTweet_Button"]');
    const modal = '#layers [data-testid="tweetTextarea_0"]';
    await page.waitForSelector(modal);
    await page.focus(modal);
    await page.keyboard.type(`集合は${ADDRESS}`);
    await waitHighlights(page, { warn: [ADDRESS] });
    await page.click('[data-testid="app-bar-close"]');
    await page.waitForSelector(E0);
    await waitHighlights(page, {});
    await page.waitForTimeout(300);
  }
  const diag = await inContent('({ s: postcheckContent.sessions(), p: postcheckContent.painted() })');
  t.diagnostic(`after 3 round trips: sessions ${diag.s}, painted editors ${diag.p}`);
  assert.ok(diag.s <= 1, 'at most the home editor is watched');
  assert.equal(diag.p <= 1, true);
  t.diagnostic('focusing the fresh home editor and typing the same text: checked once and underlined');
  const c0 = await w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats.checks);
  await page.focus(E0);
  await page.keyboard.insertText(`詳細は ${URL_PART}`);
  await waitHighlights(page, { warn: [URL_PART] });
  await page.waitForTimeout(300);
  const c1 = await w.evaluate(() => /** @type {any} */ (globalThis).postcheckStats.checks);
  t.diagnostic(`checks for one insertion: ${c1 - c0}`);
  assert.equal(c1 - c0, 1);
});

test('X Pro (pro.x.com; its DOM ASSUMED from X\'s test ids, not verified): two columns\' composers are found, underlined, counted and gated each on its own', async (t) => {
  // Nothing we have documents X Pro's compose DOM: the fixture (x-page.js renderDeck) gives
  // each column X's home composer with the same test ids. This tests that two composers with
  // the same ids on one page are told apart, not that X Pro really looks like this.
  const COL = (/** @type {number} */ i) => `[data-fixture="deck-column"]:nth-of-type(${i + 1})`;
  const A = `${COL(0)} [data-testid="tweetTextarea_0"]`;
  const B = `${COL(1)} [data-testid="tweetTextarea_0"]`;
  await go('https://pro.x.com/i/decks/1', B);
  const ta = `詳細は ${URL_PART} まで`;
  const tb = `集合は${ADDRESS}です。`;
  t.diagnostic(`types "${ta}" in column 1 and "${tb}" in column 2`);
  await page.focus(A);
  await page.keyboard.type(ta);
  await waitHighlights(page, { warn: [URL_PART] });
  assert.equal((await badge(page))?.counts, 'block:0,warn:1,info:0', 'column 1 alone');
  await page.focus(B);
  await page.keyboard.type(tb);
  await waitHighlights(page, { warn: [URL_PART, ADDRESS] });
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-counts') === 'block:0,warn:1,info:0');
  const inB = await page.evaluate(([b]) => {
    const badgeBox = /** @type {HTMLElement} */ (document.querySelector('postcheck-badge')).getBoundingClientRect();
    const col = /** @type {HTMLElement} */ (document.querySelector(b)).closest('[data-fixture="deck-column"]')?.getBoundingClientRect();
    return !!col && badgeBox.left >= col.left && badgeBox.right <= col.right;
  }, [B]);
  assert.ok(inB, 'the badge counts column 2 only (its address) and sits in column 2');
  await page.screenshot({ path: path.join(ARTIFACTS, 'xpro-columns.png') });
  const diag = await inContent('({ s: postcheckContent.sessions(), p: postcheckContent.painted() })');
  t.diagnostic(`sessions ${diag.s}, painted editors ${diag.p}`);
  assert.deepEqual(diag, { s: 2, p: 2 }, 'one session and one painted editor per column');
  t.diagnostic('Ctrl+Enter in column 2: the dialog names the address only');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  let d = await axDialog(cdp);
  assert.ok(d && d.text.includes(`「${ADDRESS}」`) && !d.text.includes(URL_PART), d?.text);
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  t.diagnostic('column 1\'s post button: the dialog names the URL only; "このまま投稿" posts column 1\'s text alone');
  await page.click(`${COL(0)} [data-testid="tweetButtonInline"]`);
  await page.waitForSelector('postcheck-dialog');
  d = await axDialog(cdp);
  assert.ok(d && d.text.includes(`「${URL_PART}」`) && !d.text.includes(ADDRESS), d?.text);
  const post = d.buttons.find((b) => b.name === 'このまま投稿');
  assert.ok(post);
  await clickNode(page, cdp, post.backendNodeId);
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(300);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => p.texts), [[ta]]);
  assert.deepEqual(await editorTexts(), ['', tb], 'column 2\'s draft is untouched');
  await waitHighlights(page, { warn: [ADDRESS] });
});
