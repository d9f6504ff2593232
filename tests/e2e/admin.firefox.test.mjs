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

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { openFirefox } from './lib/targets.mjs';
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
