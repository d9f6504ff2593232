// End-to-end: the options page's advanced box (issue 5, "staff on an unmanaged browser get the
// same settings"): every policy key as JSON, checked by the checker's own resolvePolicy, stored
// as the user's options (chrome.storage.local) only when it is a JSON object, in step with the
// simple controls, and what it sets changes the underlines on X. Real Chromium with the real
// unpacked extension and no managed policy (admin.test.mjs covers the admin's locks).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './lib/server.mjs';
import { launch, EXTENSION_ID } from './lib/browser.mjs';
import { EDITOR, waitHighlights, clearEditor, axNames, posts } from './lib/helpers.mjs';

const OPTIONS = `chrome-extension://${EXTENSION_ID}/extension/options/options.html`;
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

const TERM = '庁内限り';
const CHECK = { ja: '所属長の承認を得ましたか（吉備中央町 4(9)②）', en: 'Has your head of section approved this post? (吉備中央町 4(9)②)' };

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;

before(async () => {
  server = await startServer();
  browser = await launch(server.port);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** @typedef {import('playwright-core').Page} Page */

/**
 * The options page with the user's options set to `local` first (as stored by writeLocal).
 * @param {object} local
 * @param {typeof browser} [b]
 */
async function openOptions(local, b = browser) {
  const opts = await b.context.newPage();
  opts.on('pageerror', (e) => console.error('options page error:', e.message));
  await opts.goto(OPTIONS);
  await opts.evaluate((p) => chrome.storage.local.set({ policy: p }), local);
  await opts.reload();
  await opts.waitForSelector('#effective tbody tr');
  await opts.waitForFunction((p) => document.querySelector('#policy-json')?.value === JSON.stringify(p, null, 2), local);
  return opts;
}

/** The user's options as stored. @param {Page} opts */
const stored = (opts) => opts.evaluate(async () => (await chrome.storage.local.get('policy')).policy);

/** The section's result: its paragraphs, and each listed problem's key, code and text. @param {Page} opts */
const result = (opts) => opts.evaluate(() => ({
  said: [...document.querySelectorAll('#json-result > p')].map((p) => p.textContent),
  problems: [...document.querySelectorAll('#json-result li')].map((li) => [li.getAttribute('data-key'), li.getAttribute('data-code'), li.textContent]),
}));

/** Where each key of the effective policy comes from, as the table shows it. @param {Page} opts */
const sources = (opts) => opts.evaluate(() => Object.fromEntries([...document.querySelectorAll('#effective tbody tr')]
  .map((r) => [r.getAttribute('data-key'), r.querySelector('[data-source]')?.getAttribute('data-source')])));

/** @param {Page} opts */
const activeId = (opts) => opts.evaluate(() => document.activeElement?.id);

test('custom_terms, official_handles, checklist and rules set through the JSON box (keyboard only) change X: the term underlined at block, the checklist asked for the official account', async (t) => {
  const opts = await openOptions({});
  const policy = {
    custom_terms: [{ term: TERM, category: 'confidential', severity: 'block' }],
    official_handles: { x: ['@kibi_taro'] },
    checklist: [CHECK],
    // The timing rules depend on the hour the test runs: off, so the findings are the same any day.
    rules: { 'timing/posting-window': 'off', 'timing/working-hours': 'off' },
  };
  const text = JSON.stringify(policy, null, 1);
  t.diagnostic('the box and its buttons by their accessible names; typed with the keyboard, Tab to 確認, Tab to 保存, Enter');
  const box = opts.getByRole('textbox', { name: '利用者の設定（JSON）' });
  assert.equal(await box.getAttribute('id'), 'policy-json', 'the label names the box');
  assert.equal(await opts.getByRole('button', { name: '確認' }).getAttribute('id'), 'json-check');
  assert.equal(await opts.getByRole('alert').getAttribute('id'), 'json-result', 'the result is announced');
  await box.focus();
  await opts.keyboard.press('Control+A');
  await opts.keyboard.type(text);
  await opts.keyboard.press('Tab');
  assert.equal(await activeId(opts), 'json-check');
  await opts.keyboard.press('Enter');
  await opts.waitForFunction(() => document.querySelector('#json-result')?.textContent !== '');
  assert.deepEqual(await result(opts), { said: ['問題はありません。'], problems: [] });
  assert.deepEqual(await stored(opts), {}, 'checking stores nothing');
  await opts.keyboard.press('Tab');
  assert.equal(await activeId(opts), 'json-save');
  await opts.keyboard.press('Enter');
  await opts.waitForFunction(() => document.querySelector('#json-result > p')?.textContent === '保存しました。');
  assert.deepEqual(await result(opts), { said: ['保存しました。', '問題はありません。'], problems: [] });
  assert.deepEqual(await stored(opts), policy, 'stored as the user\'s options');
  const src = await sources(opts);
  t.diagnostic(`sources: ${JSON.stringify(src)}`);
  assert.deepEqual([src.custom_terms, src.official_handles, src.checklist, src.rules, src.preset], ['local', 'local', 'local', 'local', 'preset']);
  // Re-read from storage (which keeps the keys in its own order).
  assert.deepEqual(JSON.parse(await box.inputValue()), policy, 'the box shows the options as re-read from storage');
  assert.equal(await box.inputValue(), JSON.stringify(await stored(opts), null, 2));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await opts.locator('#json-section').screenshot({ path: path.join(ARTIFACTS, 'options-json.png') });

  const page = await browser.context.newPage();
  await page.goto('https://x.com/home');
  await page.waitForSelector(EDITOR);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await page.click(EDITOR);
  const draft = `${TERM}の資料を共有します。`;
  t.diagnostic(`types ${draft} as @kibi_taro (the fixture's account, listed in official_handles.x)`);
  await page.keyboard.type(draft);
  await waitHighlights(page, { block: [TERM] });
  t.diagnostic('a clean draft: the dialog asks the checklist, which is for official accounts only');
  await clearEditor(page);
  await page.keyboard.type('本日の町議会の日程をお知らせします。');
  await waitHighlights(page, {});
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('postcheck-dialog');
  assert.deepEqual(await axNames(cdp, 'checkbox'), [CHECK.ja]);
  await page.keyboard.press('Escape');
  assert.deepEqual(await posts(page) ?? [], [], 'nothing was posted');
  await page.close();
  await opts.close();
});

test('bad values: 確認 lists each key and value in Japanese and stores nothing; 保存 stores the object and the valid term applies', async (t) => {
  const opts = await openOptions({ preset: 'kibichuo' });
  const text = [
    '{',
    '  "preset": "kibichuo",',
    '  "gate": "loud",',
    '  "custom_terms": [',
    '    { "pattern": "(未公表", "category": "confidential" },',
    `    { "term": "${TERM}", "category": "confidential", "severity": "block" }`,
    '  ]',
    '}',
  ].join('\n');
  await opts.fill('#policy-json', text);
  await opts.click('#json-check');
  await opts.waitForFunction(() => document.querySelectorAll('#json-result li').length > 0);
  const r = await result(opts);
  t.diagnostic(JSON.stringify(r));
  assert.deepEqual(r.said, ['2 件の問題があります。誤りのある値は使われず、それ以外の設定が適用されます。']);
  assert.deepEqual(r.problems.sort(), [
    ['custom_terms[0].pattern', 'bad_pattern', 'custom_terms[0].pattern = "(未公表": 正規表現として正しくありません: unclosed group。この語句は使いません'],
    ['gate', 'not_one_of', 'gate = "loud": 「off」「badge」「confirm」「block」のいずれかを指定してください'],
  ]);
  assert.deepEqual(await stored(opts), { preset: 'kibichuo' }, 'checking stores nothing');
  assert.equal(await opts.inputValue('#policy-json'), text);

  await opts.click('#json-save');
  await opts.waitForFunction(() => document.querySelector('#json-result > p')?.textContent === '保存しました。');
  assert.deepEqual(await stored(opts), JSON.parse(text), 'a JSON object is stored, its bad values with it (each ignored)');
  // The background's resolution of what was stored: the same two problems in the errors table,
  // the gate left at the preset's, the valid term in force.
  await opts.waitForFunction(() => document.querySelectorAll('#errors tbody tr').length === 2);
  const table = await opts.$$eval('#errors tbody tr', (rs) => rs.map((row) => [...row.querySelectorAll('td')].map((d) => d.textContent)));
  assert.deepEqual(table.sort(), [
    ['利用者', 'custom_terms[0].pattern', '"(未公表"', '正規表現として正しくありません: unclosed group。この語句は使いません'],
    ['利用者', 'gate', '"loud"', '「off」「badge」「confirm」「block」のいずれかを指定してください'],
  ]);
  const src = await sources(opts);
  assert.deepEqual([src.gate, src.custom_terms, src.preset], ['preset', 'local', 'local']);
  assert.equal(await opts.inputValue('#gate'), 'confirm');
  await opts.fill('#sample', `${TERM}の資料を配布します。`);
  await opts.click('#try');
  await opts.waitForSelector('#findings li');
  const found = await opts.$$eval('#findings li', (ls) => ls.map((li) => [li.getAttribute('data-rule'), li.getAttribute('data-severity'), li.querySelector('q')?.textContent]));
  t.diagnostic(`try: ${JSON.stringify(found)}`);
  assert.deepEqual(found, [['custom/term', 'block', TERM]]);
  await opts.close();
});

test('malformed JSON: the error names line and column (in characters), nothing is stored, the text is kept even when the page re-reads the settings', async (t) => {
  const opts = await openOptions({ preset: 'muroran' });
  // A comma missing after "庁内限り" on line 2: the `"` of "category" is its 36th character (the
  // checker counts 44 bytes there: 庁内限り is 12 bytes in UTF-8).
  const text = `{\n  "custom_terms": [{"term": "${TERM}" "category": "confidential"}]\n}`;
  await opts.fill('#policy-json', text);
  await opts.click('#json-save');
  await opts.waitForFunction(() => document.querySelectorAll('#json-result > p').length === 2);
  const r = await result(opts);
  t.diagnostic(JSON.stringify(r));
  assert.deepEqual(r, { said: ['JSON として読めません（2 行目、36 文字目）: expected `,` or `}`', '保存していません。'], problems: [] });
  assert.deepEqual(await stored(opts), { preset: 'muroran' }, 'nothing stored');
  assert.equal(await opts.inputValue('#policy-json'), text, 'the text is kept');
  const sel = await opts.$eval('#policy-json', (b) => /** @type {HTMLTextAreaElement} */ (b).value.slice(b.selectionStart, b.selectionStart + 10));
  assert.equal(sel, '"category"', 'the caret is put where the error is');
  t.diagnostic('the settings change meanwhile (another tab): the page re-reads them, the typed text stays');
  await opts.evaluate(() => chrome.storage.local.set({ policy: { preset: 'nagareyama' } }));
  await opts.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.querySelector('#preset')).value === 'nagareyama');
  assert.equal(await opts.inputValue('#policy-json'), text, 'the text is kept');
  t.diagnostic('not an object: an array is refused the same way');
  await opts.fill('#policy-json', '["preset", "kibichuo"]');
  await opts.click('#json-save');
  await opts.waitForFunction(() => document.querySelector('#json-result p')?.getAttribute('data-code') === 'not_object');
  assert.deepEqual((await result(opts)).said, ['設定は { } で囲んだ JSON のオブジェクトで書いてください（例: {"preset": "kibichuo"}）。', '保存していません。']);
  assert.deepEqual(await stored(opts), { preset: 'nagareyama' });
  await opts.close();
});

test('the simple controls and the JSON box stay in step: a preset saved as JSON shows in the controls, a gate saved with the controls shows in the box', async () => {
  const opts = await openOptions({});
  await opts.fill('#policy-json', '{"preset": "muroran", "allowed_domains": ["example.jp", "city.example.jp"]}');
  await opts.click('#json-save');
  await opts.waitForFunction(() => document.querySelector('#json-result > p')?.textContent === '保存しました。');
  assert.equal(await opts.inputValue('#preset'), 'muroran');
  assert.equal(await opts.inputValue('#allowed_domains'), 'example.jp\ncity.example.jp');
  assert.equal((await sources(opts)).preset, 'local');
  await opts.selectOption('#gate', 'block');
  await opts.click('#save');
  const want = { preset: 'muroran', allowed_domains: ['example.jp', 'city.example.jp'], gate: 'block' };
  await opts.waitForFunction(() => /"gate": "block"/.test(/** @type {HTMLTextAreaElement} */ (document.querySelector('#policy-json')).value));
  assert.deepEqual(JSON.parse(await opts.inputValue('#policy-json')), want);
  assert.deepEqual(await stored(opts), want);
  assert.equal(await opts.inputValue('#preset'), 'muroran');
  await opts.close();
});

test('English browser: the section, its buttons and its problems in English', async (t) => {
  const en = await launch(server.port, 'en');
  try {
    const opts = await openOptions({}, en);
    const texts = await opts.evaluate(() => ['#h-json', 'label[for="policy-json"]', '#json-check', '#json-save'].map((s) => document.querySelector(s)?.textContent));
    assert.deepEqual(texts, ['Advanced: all settings as JSON', 'Your settings (JSON)', 'Check', 'Save']);
    await opts.fill('#policy-json', '{"gate": "loud", "organisation_device": "yes"}');
    await opts.click('#json-check');
    await opts.waitForFunction(() => document.querySelectorAll('#json-result li').length > 0);
    const r = await result(opts);
    t.diagnostic(JSON.stringify(r));
    assert.deepEqual(r.said, ['2 problem(s): the values named are not used; the rest of the settings applies.']);
    assert.deepEqual(r.problems.map((p) => p[2]).sort(), [
      'gate = "loud": expected one of "off", "badge", "confirm", "block"',
      'organisation_device = "yes": expected true or false',
    ]);
    await opts.fill('#policy-json', '{"gate": "badge",}');
    await opts.click('#json-save');
    await opts.waitForFunction(() => document.querySelectorAll('#json-result > p').length === 2);
    const bad = (await result(opts)).said;
    t.diagnostic(JSON.stringify(bad));
    assert.deepEqual(bad, ['Not valid JSON (line 1, column 18): trailing comma', 'Nothing was saved.']);
    assert.deepEqual(await stored(opts), {});
  } finally {
    await en.close();
  }
});
