// End-to-end: the admin's policy for Firefox ESR from a REAL policies.json
// (`policies.3rdparty.Extensions["postcheck@postcheck.jp"]`), read by Firefox's enterprise
// policy engine into browser.storage.managed, for the Firefox build installed as a temporary
// add-on over WebDriver BiDi (lib/firefox.mjs). Firefox reads policies.json once, at start:
// each phase launches Firefox again. Needs root to write under /etc (CI runs as root); an
// existing policies.json is put back afterwards, also on failure or interrupt.
//
// Where Debian's firefox-esr looks (EnterprisePoliciesParent.sys.mjs in its omni.ja): first
// SysConfD/policies/policies.json, SysConfD being /etc/<application.ini Name, lower case> =
// /etc/firefox (not /etc/firefox-esr: that directory holds only the prefs file), then the
// install's distribution directory /usr/lib/firefox-esr/distribution/policies.json.
//
// The add-on's own pages (options, popup) are opened at moz-extension://<pinned uuid>/… with
// Firefox's UI in English (lib/firefox.mjs pins the app locale to en-US).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { openFirefox } from './lib/targets.mjs';
import { launchFirefox, playwrightLike, openExtensionPage } from './lib/firefox.mjs';
import { waitHighlights, highlights, clearEditor, EDITOR } from './lib/helpers.mjs';

const POLICY_FILE = process.env.POSTCHECK_FIREFOX_POLICIES ?? '/etc/firefox/policies/policies.json';
const ADDON_ID = 'postcheck@postcheck.jp';
const TERM = '庁内限り';
const SHORT = 'bit.ly/3kIbIcU';
const TEXT = `${TERM}の資料を共有します。詳細は ${SHORT} へ。`;

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const skip = isRoot ? false : `writing ${POLICY_FILE} needs root (CI runs as root); run as root to test Firefox's managed policy`;

/** What was there before the test (restored after), or null. @type {Buffer | null} */
let saved = null;
/** The first directory this test created (removed afterwards), or undefined. @type {string | undefined} */
let createdDir;
function restore() {
  try {
    if (saved !== null) fs.writeFileSync(POLICY_FILE, saved);
    else fs.rmSync(POLICY_FILE, { force: true });
    if (createdDir) fs.rmSync(createdDir, { recursive: true, force: true });
  } catch { /* best effort at exit */ }
}

/** @param {object | null} policy the extension's policy, or null for no policies.json */
function writePolicies(policy) {
  if (policy === null) {
    fs.rmSync(POLICY_FILE, { force: true });
    return;
  }
  const doc = { policies: { '3rdparty': { Extensions: { [ADDON_ID]: policy } } } };
  fs.writeFileSync(POLICY_FILE, JSON.stringify(doc, null, 2));
}

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
  if (skip) return;
  createdDir = fs.mkdirSync(path.dirname(POLICY_FILE), { recursive: true });
  saved = fs.existsSync(POLICY_FILE) ? fs.readFileSync(POLICY_FILE) : null;
  process.on('exit', restore);
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(sig, () => { restore(); process.exit(130); });
  server = await startServer();
});

after(async () => {
  if (skip) return;
  restore();
  await server?.close();
});

/**
 * Starts Firefox with `policy` in policies.json, types TEXT on X and returns the underlines.
 * @param {object | null} policy
 * @param {Record<string, string[]>} want the underlines to wait for
 */
async function underlinesWith(policy, want) {
  writePolicies(policy);
  const x = await openFirefox(server);
  try {
    const page = /** @type {any} */ (x.page);
    await clearEditor(page);
    await page.click(EDITOR);
    await page.keyboard.type(TEXT);
    await waitHighlights(page, want, 15000);
    return await highlights(page);
  } finally {
    await x.close();
  }
}

test('Firefox ESR: a preset and a custom term set in policies.json change what is underlined on X', { skip }, async (t) => {
  // No policy: the strict preset warns about the shortened URL; the term means nothing.
  const plain = await underlinesWith(null, { warn: [SHORT] });
  t.diagnostic(`without policies.json: ${JSON.stringify(plain)}`);
  // The admin's policy: Muroran's preset (its guideline does not cover shortened URLs) and
  // the city's own term, blocking.
  const managed = await underlinesWith({
    preset: 'muroran',
    custom_terms: [{ id: 'internal-only', term: TERM, category: 'confidential', severity: 'block', message: { ja: '「庁内限り」の資料は公開できません。', en: 'Internal-only material cannot be published.' } }],
  }, { block: [TERM] });
  t.diagnostic(`with ${POLICY_FILE}: ${JSON.stringify(managed)}`);
  assert.deepEqual(managed, { info: [], warn: [], block: [TERM] });
  // The same policy as one JSON string (policy_json), as the Windows registry needs it.
  const asString = await underlinesWith({ policy_json: JSON.stringify({ preset: 'muroran', custom_terms: [{ term: TERM, category: 'confidential', severity: 'warn' }] }) }, { warn: [TERM] });
  t.diagnostic(`policy_json: ${JSON.stringify(asString)}`);
});

test('Firefox ESR: the options page shows the admin\'s keys locked and each malformed value with its key and value; checking goes on; the popup shows the preset in force', { skip }, async (t) => {
  // A valid term (block), a term whose pattern is not a regular expression, and a working
  // window ending before it starts: Firefox passes all of it to the add-on (it has no schema
  // check); the add-on reports the two bad values and applies the rest.
  writePolicies({
    preset: 'muroran',
    custom_terms: [
      { id: 'internal-only', term: TERM, category: 'confidential', severity: 'block', message: { ja: '「庁内限り」の資料は公開できません。', en: 'Internal-only material cannot be published.' } },
      { id: 'unpublished', pattern: '(未公表', category: 'confidential', severity: 'warn' },
    ],
    working_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '17:00', end: '09:00' },
  });
  const ff = await launchFirefox(server.proxyPort, { extensionPages: true });
  try {
    // Checking goes on: the valid term of the same list is underlined, the short link not (muroran).
    const raw = await ff.browser.newPage();
    await raw.bringToFront();
    const x = playwrightLike(raw);
    await x.goto('https://x.com/home');
    await x.waitForSelector(EDITOR);
    await clearEditor(/** @type {any} */ (x));
    await x.click(EDITOR);
    await x.keyboard.type(TEXT);
    await waitHighlights(/** @type {any} */ (x), { block: [TERM] }, 15000);
    assert.deepEqual(await highlights(/** @type {any} */ (x)), { info: [], warn: [], block: [TERM] });

    const opts = await openExtensionPage(ff.browser, 'extension/options/options.html', "document.querySelector('#effective tbody tr') && document.querySelector('#errors tbody tr')");
    const s = await opts.evaluate(() => {
      const field = (/** @type {string} */ k) => {
        const f = document.querySelector(`.field[data-key="${k}"]`);
        const c = /** @type {HTMLInputElement | null} */ (f?.querySelector('select, input, textarea'));
        const lock = /** @type {HTMLElement | null} */ (f?.querySelector('.lock'));
        return { disabled: c?.disabled ?? null, value: c?.value ?? null, lock: lock && !lock.hidden ? lock.textContent : null };
      };
      return {
        lang: document.documentElement.lang,
        sources: Object.fromEntries([...document.querySelectorAll('#effective tbody tr')].map((r) => [r.getAttribute('data-key'), r.querySelector('[data-source]')?.textContent])),
        errors: [...document.querySelectorAll('#errors tbody tr')].map((r) => [...[...r.querySelectorAll('td')].map((d) => d.textContent), r.getAttribute('data-code')]),
        errorsShown: !(/** @type {HTMLElement} */ (document.querySelector('#errors-section')).hidden),
        preset: field('preset'), gate: field('gate'), working_hours: field('working_hours'),
      };
    });
    t.diagnostic(JSON.stringify(s));
    assert.equal(s.lang, 'en');
    assert.deepEqual(s.preset, { disabled: true, value: 'muroran', lock: 'Set by your organisation' });
    assert.deepEqual(s.gate, { disabled: false, value: 'confirm', lock: null }, 'gate was not set by the admin');
    assert.equal(s.working_hours.disabled, false, 'a rejected working_hours does not lock');
    // The sources column: the admin's keys, and the rejected one falling back to the preset.
    assert.equal(s.sources.preset, 'Organisation (managed policy) — Set by your organisation');
    assert.equal(s.sources.custom_terms, 'Organisation (managed policy) — Set by your organisation');
    assert.equal(s.sources.working_hours, 'Preset');
    assert.equal(s.sources.gate, 'Preset');
    // Each malformed value: where it came from, its key, its value, the problem in English, its code.
    assert.equal(s.errorsShown, true);
    assert.deepEqual(s.errors.map((e) => [e[0], e[1], e[2], e[4]]), [
      ['Organisation (managed policy)', 'custom_terms[1].pattern', '"(未公表"', 'bad_pattern'],
      ['Organisation (managed policy)', 'working_hours', JSON.stringify({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], end: '09:00', start: '17:00' }), 'end_before_start'],
    ]);
    assert.equal(s.errors[0][3], 'not a valid regular expression: unclosed group; this term is left out');
    assert.equal(s.errors[1][3], 'end is before start (a window cannot cross midnight); the previous window stays');

    // The popup, on the X tab: the preset in force and locked, the problems, the draft's counts.
    const tabId = await opts.evaluate(async () => (await browser.tabs.query({ url: 'https://x.com/*' }))[0]?.id);
    assert.equal(typeof tabId, 'number', 'the X tab is visible to the add-on');
    const pop = await openExtensionPage(ff.browser, `extension/popup/popup.html?tab=${tabId}`, "document.querySelector('#preset')?.textContent !== '—' && document.querySelector('#counts')?.textContent !== '—'");
    const v = await pop.evaluate(() => {
      const c = /** @type {HTMLElement} */ (document.querySelector('#counts'));
      return {
        label: document.querySelector('#site-label')?.textContent, on: /** @type {HTMLInputElement} */ (document.querySelector('#site-on')).checked,
        preset: document.querySelector('#preset')?.textContent, state: document.querySelector('#state')?.textContent,
        counts: c.textContent, n: [c.dataset.block, c.dataset.warn, c.dataset.info].join('/'),
      };
    });
    t.diagnostic(`popup: ${JSON.stringify(v)}`);
    assert.deepEqual(v, {
      label: 'Check on x.com', on: true,
      preset: 'Muroran — Set by your organisation', state: '2 problems in the settings',
      counts: 'Not allowed: 1, warnings: 0, notes: 0', n: '1/0/0',
    });
  } finally {
    await ff.close();
  }
});
