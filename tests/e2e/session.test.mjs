// Ordering in the content script's Session, on the Draft.js-like editor in real Chromium, with
// a checker answered by hand: an answer for an older text is never painted as current; the
// latest text is checked next; underlines are rebuilt from the latest text map when the
// editor re-renders. Served from 127.0.0.1 (not x.com), so the installed extension's own
// content script stays out of the way.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { highlights, waitHighlights } from './lib/helpers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  server = await startServer();
  browser = await launch(server.port);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`https://127.0.0.1:${server.port}/session-page`);
  await page.waitForSelector('[data-testid="tweetTextarea_0"]');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Texts the session has asked about and not yet had answered. */
const pending = () => page.evaluate(() => /** @type {any} */ (window).__pending.map((/** @type {any} */ p) => p.text));

/**
 * Answers the oldest pending check with a warn finding on every occurrence of `needle`.
 * @param {string} needle
 */
const answer = (needle) => page.evaluate((needle) => {
  const p = /** @type {any} */ (window).__pending.shift();
  const findings = [];
  for (let i = p.text.indexOf(needle); needle && i >= 0; i = p.text.indexOf(needle, i + 1)) {
    findings.push({ rule: 'url/shortener', category: 'shortened-url', severity: 'warn', start: i, end: i + needle.length,
      message: { ja: '短縮URLです', en: 'Shortened URL' }, why: { ja: '', en: '' }, fix: { ja: '', en: '' }, clauses: [] });
  }
  p.resolve({ findings, ms: 0, rtt: 0 });
  return p.text;
}, needle);

const state = () => page.evaluate(() => /** @type {any} */ (window).__session.state());

test('one check in flight; an answer for an older text is not painted, the latest text is checked next', async (t) => {
  await page.click('[data-testid="tweetTextarea_0"]');
  t.diagnostic('types "詳細は bit.ly/abc" while the first check ("詳") is unanswered');
  await page.keyboard.type('詳細は bit.ly/abc');
  assert.deepEqual(await pending(), ['詳'], 'only the first text is in flight');
  t.diagnostic('answers "詳" (stale): nothing painted, state "checking", the current text is sent');
  await answer('');
  assert.equal(await state(), 'checking');
  assert.deepEqual(await pending(), ['詳細は bit.ly/abc']);
  t.diagnostic('types " です" before that answer comes; the answer (URL finding) for the older text arrives');
  await page.keyboard.type(' です');
  await answer('bit.ly/abc');
  assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] }, 'the stale answer was not painted');
  assert.equal(await state(), 'checking');
  assert.deepEqual(await pending(), ['詳細は bit.ly/abc です']);
  await answer('bit.ly/abc');
  await waitHighlights(page, { warn: ['bit.ly/abc'] });
  assert.equal(await state(), 'warn');
});

test('the editor re-renders (new nodes) on an edit before the URL: the underline follows the text at once', async (t) => {
  t.diagnostic('presses Home and types "【お知らせ】": the block is re-rendered; no answer given yet');
  await page.keyboard.press('Home');
  await page.keyboard.type('【お知らせ】');
  assert.deepEqual(await pending(), ['【詳細は bit.ly/abc です'], 'one check in flight (sent at the first key)');
  await waitHighlights(page, { warn: ['bit.ly/abc'] });
  assert.equal(await state(), 'checking', 'carried over, but not yet confirmed');
  t.diagnostic('answers every pending check: the final text is painted as current');
  while ((await pending()).length) await answer('bit.ly/abc');
  await waitHighlights(page, { warn: ['bit.ly/abc'] });
  assert.equal(await state(), 'warn');
  t.diagnostic('deletes the last character of the URL: the underline is dropped until the answer');
  await page.keyboard.press('End');
  for (let i = 0; i < ' です'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await waitHighlights(page, {});
  while ((await pending()).length) await answer('bit.ly/ab');
  await waitHighlights(page, { warn: ['bit.ly/ab'] });
});
