// The fail modes (policy `fail_mode`) with the checker genuinely unavailable: a copy of the
// built extension staged with a corrupt postcheck_bg.wasm (the WASM cannot load), and one whose
// checker throws on some texts (the check fails after a good start). fail_mode is set in the
// user's options (chrome.storage.local, as the options page saves it); the managed-policy route
// is in admin.test.mjs. On X's fixture with real keys and clicks:
// - the badge says "未チェック" / "Not checked";
// - "closed": every post (button, Ctrl+Enter, a click while the check is still in flight, a
//   clean text, gate "badge") is held with no way to post, naming the organisation's contact;
// - "open": one notice says the post was not checked; one click posts it, exactly once;
// - a checker that does not answer in time (client.js checkTimeout) counts as failed.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch, brokenCopy, stagedCopy } from './lib/browser.mjs';
import { EDITOR, badge, editorText, posts, focusInEditor, clearEditor, axDialog, clickNode, waitHighlights } from './lib/helpers.mjs';

const TEXT = '週末のイベント詳細は bit.ly/3kIbIcU から！集合は吉備中央町豊野1-2-3の公園です。';
const CLEAN = '本日の窓口は17時までです。';
const CONTACT = '総務課 広報係（内線 2104）';
const POST = '[data-testid="tweetButtonInline"]';

/** @type {Awaited<ReturnType<typeof startServer>> | null} */
let server = null;
after(async () => { await server?.close(); });

/**
 * Launches Chromium with a staged copy, saves the user's options, opens X's composer. The
 * browser and the copy are removed when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {string} dir  the staged extension
 * @param {'ja' | 'en'} lang
 * @param {object} options  the user's policy options
 */
async function open(t, dir, lang, options) {
  server ??= await startServer();
  const browser = await launch(server.port, lang, { extensionDir: dir });
  t.after(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const w = await browser.worker();
  await w.evaluate((p) => chrome.storage.local.set({ policy: p }), options);
  const page = await browser.context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('https://x.com/home');
  await page.waitForSelector(EDITOR);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await cdp.send('DOM.enable');
  return { browser, page, cdp, errors };
}

/**
 * A staged copy whose checker misbehaves for some texts: `statement` is put at the start of
 * the WASM glue's Checker.check(text, context_json) (the production code is not touched).
 * @param {string} statement
 */
function faultyCheck(statement) {
  return stagedCopy((d) => {
    const glue = path.join(d, 'extension/pkg/postcheck.js');
    const src = fs.readFileSync(glue, 'utf8');
    const patched = src.replace(/(\n    check\(text, context_json\) \{\n)/, `$1        ${statement}\n`);
    assert.notEqual(patched, src, 'the glue\'s check() was found');
    fs.writeFileSync(glue, patched);
  });
}

/** @param {import('playwright-core').Page} page @param {string} state */
const waitBadge = (page, state) => page.waitForFunction((s) => document.querySelector('postcheck-badge')?.getAttribute('data-state') === s, state, { timeout: 10000 });

/** Types a text into an emptied editor with real keys. @param {import('playwright-core').Page} page @param {string} text */
async function typeFresh(page, text) {
  await clearEditor(page);
  await page.keyboard.type(text);
}

/**
 * Waits for postcheck's dialog and reads it from the accessibility tree.
 * @param {import('playwright-core').Page} page @param {import('playwright-core').CDPSession} cdp
 */
async function dialog(page, cdp) {
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  assert.ok(d, 'a modal dialog is in the accessibility tree');
  return d;
}

/** Esc on the dialog: it closes, the draft and the focus are back. @param {import('playwright-core').Page} page @param {string} text */
async function backToDraft(page, text) {
  await page.keyboard.press('Escape');
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  assert.ok(await focusInEditor(page), 'focus is back in the editor');
  assert.equal(await editorText(page), text, 'the draft is unchanged');
}

test('fail_mode "closed", WASM does not load: badge 未チェック; button, Ctrl+Enter, in-flight click, clean text and gate "badge" are all held, naming the contact', async (t) => {
  const dir = brokenCopy();
  const { browser, page, cdp, errors } = await open(t, dir, 'ja', { fail_mode: 'closed', organisation: { contact: CONTACT } });
  await page.click(EDITOR);
  await page.keyboard.type(TEXT);
  await waitBadge(page, 'error');
  const b = await badge(page);
  t.diagnostic(`badge: ${JSON.stringify(b)}`);
  assert.equal(b?.label, '未チェック');
  await waitHighlights(page, {}); // nothing is underlined: nothing was checked

  t.diagnostic('clicks Post: held, only "戻る", the contact named');
  await page.click(POST);
  let d = await dialog(page, cdp);
  t.diagnostic(`dialog "${d.name}" ${JSON.stringify(d.buttons.map((x) => x.name))}: ${d.text}`);
  assert.equal(d.name, 'チェックできないため投稿を止めています');
  assert.deepEqual(d.buttons.map((x) => x.name), ['戻る']);
  assert.ok(d.text.includes(`${CONTACT} にお問い合わせください`), 'names the organisation\'s contact');
  fs.mkdirSync(path.join(ROOT, 'tests/e2e/artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/failmode-closed.png') });
  assert.deepEqual(await posts(page), []);
  await backToDraft(page, TEXT);

  t.diagnostic('Ctrl+Enter in the editor: held the same way');
  await page.keyboard.press('Control+Enter');
  d = await dialog(page, cdp);
  assert.equal(d.name, 'チェックできないため投稿を止めています');
  assert.deepEqual(await posts(page), []);
  await backToDraft(page, TEXT);

  t.diagnostic('a clean text inserted and posted in the same moment (check in flight): held');
  await clearEditor(page);
  await page.keyboard.insertText(CLEAN);
  await page.click(POST);
  d = await dialog(page, cdp);
  assert.deepEqual(d.buttons.map((x) => x.name), ['戻る']);
  // A click on the page's button while the dialog is open is held too.
  await page.click(POST, { force: true }).catch(() => {});
  assert.deepEqual(await posts(page), []);
  await backToDraft(page, CLEAN);

  t.diagnostic('gate "badge" never holds for findings, but closed still holds an unchecked post');
  const w = await browser.worker();
  await w.evaluate((c) => chrome.storage.local.set({ policy: { gate: 'badge', fail_mode: 'closed', organisation: { contact: c } } }), CONTACT);
  await page.focus('[data-testid="SideNav_AccountSwitcher_Button"]');
  await page.focus(EDITOR); // a new focus asks the background for the gate's policy again
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+Enter');
  d = await dialog(page, cdp);
  assert.deepEqual(d.buttons.map((x) => x.name), ['戻る']);
  await backToDraft(page, CLEAN);
  await page.waitForTimeout(300);
  assert.deepEqual(await posts(page), [], 'nothing was ever posted');
  assert.deepEqual(errors, [], 'no exception in the page');
});

test('fail_mode "open", WASM does not load (English UI): badge "Not checked"; one notice, "Post unchecked" posts once; gate "badge" posts at once', async (t) => {
  const dir = brokenCopy();
  const { browser, page, cdp, errors } = await open(t, dir, 'en', { fail_mode: 'open' });
  await page.click(EDITOR);
  await page.keyboard.type(TEXT);
  await waitBadge(page, 'error');
  assert.equal((await badge(page))?.label, 'Not checked');

  t.diagnostic('clicks Post: the notice says the post was not checked; "Post unchecked" (real mouse) posts once');
  await page.click(POST);
  let d = await dialog(page, cdp);
  t.diagnostic(`dialog "${d.name}" ${JSON.stringify(d.buttons.map((x) => x.name))}: ${d.text}`);
  assert.equal(d.name, 'This post was not checked');
  assert.deepEqual(d.buttons.map((x) => x.name), ['Post unchecked', 'Go back']);
  assert.match(d.text, /could not be checked against the guideline/);
  assert.deepEqual(await posts(page), []);
  await clickNode(page, cdp, d.buttons[0].backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await page.waitForTimeout(300); // a second post would land here
  let p = await posts(page);
  assert.deepEqual(p.map((/** @type {any} */ x) => x.text), [TEXT], 'posted exactly once, the exact text');

  t.diagnostic('Ctrl+Enter right after typing (check in flight): the same notice; Tab, Enter posts');
  await page.focus(EDITOR);
  await page.keyboard.insertText(CLEAN);
  await page.keyboard.press('Control+Enter');
  d = await dialog(page, cdp);
  assert.equal(d.name, 'This post was not checked');
  await page.keyboard.press('Tab'); // from "Go back" (initial focus) to "Post unchecked"
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 2);
  p = await posts(page);
  assert.equal(p[1].text, CLEAN);

  t.diagnostic('gate "badge": the badge is the notice, the post goes out at once');
  const w = await browser.worker();
  await w.evaluate(() => chrome.storage.local.set({ policy: { gate: 'badge', fail_mode: 'open' } }));
  await page.focus('[data-testid="SideNav_AccountSwitcher_Button"]');
  await page.focus(EDITOR);
  await page.waitForTimeout(300);
  await page.keyboard.type(CLEAN);
  await waitBadge(page, 'error');
  await page.click(POST);
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 3);
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog');
  assert.deepEqual(errors, [], 'no exception in the page');
});

test('fail_mode "closed", the checker throws on one text: that text is held as not checked; other texts are checked as usual', async (t) => {
  // The staged glue throws a WASM trap from Checker.check for texts with "臨時" (the warm-up
  // text at start has none, so the checker starts normally).
  const dir = faultyCheck("if (text.includes('臨時')) throw new WebAssembly.RuntimeError('unreachable');");
  const { browser, page, cdp, errors } = await open(t, dir, 'ja', { fail_mode: 'closed' });
  const bad = '臨時休館のお知らせです。';
  await page.click(EDITOR);
  await page.keyboard.type(bad);
  await waitBadge(page, 'error');
  assert.equal((await badge(page))?.label, '未チェック');
  await page.click(POST);
  const d = await dialog(page, cdp);
  assert.equal(d.name, 'チェックできないため投稿を止めています');
  assert.ok(d.text.includes('組織の情報システム担当にお問い合わせください'), 'no contact in the policy: the generic wording');
  await backToDraft(page, bad);
  t.diagnostic('another text: checked and underlined as usual, and the warning dialog asks as usual');
  await typeFresh(page, TEXT);
  await waitHighlights(page, { warn: ['bit.ly/3kIbIcU', '吉備中央町豊野1-2-3'] }, 15000);
  assert.equal((await badge(page))?.label, '警告 2件');
  await page.click(POST);
  const d2 = await dialog(page, cdp);
  assert.deepEqual(d2.buttons.map((x) => x.name), ['このまま投稿', '戻って直す']);
  await backToDraft(page, TEXT);
  assert.deepEqual(await posts(page), []);
  assert.deepEqual(errors, []);
});

test('fail_mode "closed", the checker hangs: a post clicked while the check runs is held until the time limit, then held as not checked', async (t) => {
  // The staged glue's check() busy-waits 12 s for texts with "遅延" (longer than the 10 s
  // the content script waits for a short text).
  const dir = faultyCheck("if (text.includes('遅延')) { const t0 = Date.now(); while (Date.now() - t0 < 12000); }");
  const { page, cdp, errors, browser } = await open(t, dir, 'ja', { fail_mode: 'closed', organisation: { contact: CONTACT } });
  const text = '電車遅延のため、本日の説明会は30分遅れて始めます。';
  await page.click(EDITOR);
  await page.keyboard.insertText(text);
  const t0 = Date.now();
  await page.click(POST);
  // The browser was just started: the post first waits for the policy (seconds: the first
  // read of the managed policy), then the badge appears and the check runs.
  await waitBadge(page, 'checking');
  await page.waitForTimeout(1000);
  assert.equal(await page.$('postcheck-dialog'), null, 'still waiting for the check');
  assert.equal((await badge(page))?.state, 'checking');
  assert.deepEqual(await posts(page), [], 'held while the check runs');
  const d = await dialog(page, cdp);
  t.diagnostic(`after ${Date.now() - t0} ms: dialog "${d.name}" ${JSON.stringify(d.buttons.map((x) => x.name))}`);
  assert.equal(d.name, 'チェックできないため投稿を止めています');
  assert.deepEqual(d.buttons.map((x) => x.name), ['戻る']);
  assert.equal((await badge(page))?.label, '未チェック');
  await backToDraft(page, text);
  assert.deepEqual(await posts(page), []);
  assert.deepEqual(errors, []);
});
