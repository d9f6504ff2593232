// scripts/check_package.mjs (`make package-check`, part of `make test`) on packages zipped here
// from the Firefox build in dist/: a complete pair passes, and each defect a broken `make
// package` could leave is named. No browser.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPackage } from '../../scripts/check_package.mjs';
import { manifestFor } from '../../scripts/manifest.mjs';
import { ROOT } from './lib/server.mjs';
import { FIREFOX_EXTENSION_DIR } from './lib/firefox.mjs';

const VERSION = /^version = "(.*)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))?.[1] ?? '';
/** @type {string} */
let tmp;
before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postcheck-package-')); });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * Zips the Firefox build as `target`'s package after `change(dir, manifest)`; returns its path.
 * @param {'chrome' | 'firefox'} target
 * @param {(dir: string, manifest: any) => void} [change]
 */
function pack(target, change = () => {}) {
  const dir = fs.mkdtempSync(path.join(tmp, `${target}-`));
  fs.cpSync(FIREFOX_EXTENSION_DIR, dir, { recursive: true });
  const m = manifestFor(target, VERSION);
  change(dir, m);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  const out = `${dir}.${target === 'chrome' ? 'zip' : 'xpi'}`;
  execFileSync('zip', ['-q', '-X', '-D', '-r', out, '.'], { cwd: dir });
  return out;
}
const quiet = (/** @type {() => string[]} */ f) => {
  const log = console.log;
  console.log = () => {};
  try { return f(); } finally { console.log = log; }
};

test('complete packages pass', () => {
  assert.deepEqual(quiet(() => checkPackage(pack('chrome'), 'chrome', VERSION)), []);
  assert.deepEqual(quiet(() => checkPackage(pack('firefox'), 'firefox', VERSION)), []);
});

test('each defect is named: a key the store refuses, a missing WASM, module, page script or locale, another version', () => {
  const keyed = pack('chrome', (_d, m) => { m.key = 'MIIB'; });
  assert.deepEqual(checkPackage(keyed, 'chrome', VERSION), [
    `${keyed}: manifest has \`key\` (the chrome package must not)`,
    `${keyed}: manifest.json is not scripts/manifest.mjs's chrome manifest for ${VERSION}`,
  ]);
  const worker = pack('firefox', (_d, m) => { m.background.service_worker = 'extension/background.js'; });
  assert.deepEqual(checkPackage(worker, 'firefox', VERSION), [
    `${worker}: manifest has \`background.service_worker\` (the firefox package must not)`,
    `${worker}: manifest.json is not scripts/manifest.mjs's firefox manifest for ${VERSION}`,
  ]);
  const noWasm = pack('firefox', (d) => fs.rmSync(path.join(d, 'extension/pkg/postcheck_bg.wasm')));
  assert.deepEqual(checkPackage(noWasm, 'firefox', VERSION), [`${noWasm}: extension/pkg/postcheck_bg.wasm is missing (named by extension/background.js)`]);
  const noModule = pack('chrome', (d) => fs.rmSync(path.join(d, 'extension/policy_raw.js')));
  assert.deepEqual(checkPackage(noModule, 'chrome', VERSION), [`${noModule}: extension/policy_raw.js is missing (named by extension/policy.js)`]);
  const noScript = pack('chrome', (d) => fs.rmSync(path.join(d, 'extension/popup/popup.js')));
  assert.deepEqual(checkPackage(noScript, 'chrome', VERSION), [`${noScript}: extension/popup/popup.js is missing (named by extension/popup/popup.html)`]);
  const noEn = pack('firefox', (d) => fs.rmSync(path.join(d, '_locales/en'), { recursive: true }));
  assert.deepEqual(checkPackage(noEn, 'firefox', VERSION), [`${noEn}: _locales/en/messages.json is missing (named by locale en)`]);
  const old = pack('chrome', (_d, m) => { m.version = '0.0.9'; });
  assert.deepEqual(checkPackage(old, 'chrome', VERSION), [
    `${old}: manifest version "0.0.9" is not Cargo.toml's ${JSON.stringify(VERSION)}`,
    `${old}: manifest.json is not scripts/manifest.mjs's chrome manifest for ${VERSION}`,
  ]);
  assert.deepEqual(checkPackage(path.join(tmp, 'none.zip'), 'chrome', VERSION), [`${path.join(tmp, 'none.zip')}: missing (run make package)`]);
});
