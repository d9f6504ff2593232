// The per-browser manifests (scripts/manifest.mjs) made from the one manifest.json: each drops
// only what the other browser alone reads, takes the version from Cargo.toml, keeps the rest.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { manifestFor } from '../../scripts/manifest.mjs';
import { ROOT } from './lib/server.mjs';

const ONE = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const CARGO_VERSION = /^version = "(.*)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))?.[1] ?? '';

/** The manifest without the given top-level or background keys. @param {string[]} drop */
function without(drop) {
  const m = structuredClone(ONE);
  for (const k of drop) {
    if (k.startsWith('background.')) delete m.background[k.slice('background.'.length)];
    else delete m[k];
  }
  return m;
}

test('dev: the one manifest as it is, both background keys and the fixed key, version from Cargo.toml', () => {
  const m = manifestFor('dev', CARGO_VERSION);
  assert.deepEqual(m, { ...ONE, version: CARGO_VERSION });
  assert.equal(m.background.service_worker, 'extension/background.js');
  assert.deepEqual(m.background.scripts, ['extension/background.js']);
});

test('chrome (Chrome and Edge package): no background.scripts, browser_specific_settings or key; the rest unchanged', () => {
  const m = manifestFor('chrome', '1.2.3');
  assert.deepEqual(m, { ...without(['background.scripts', 'browser_specific_settings', 'key']), version: '1.2.3' });
  assert.deepEqual(m.background, { service_worker: 'extension/background.js', type: 'module' });
});

test('firefox: no background.service_worker or key; gecko id and data collection kept; the rest unchanged', () => {
  const m = manifestFor('firefox', '1.2.3');
  assert.deepEqual(m, { ...without(['background.service_worker', 'key']), version: '1.2.3' });
  assert.deepEqual(m.background, { scripts: ['extension/background.js'], type: 'module' });
  assert.equal(m.browser_specific_settings.gecko.id, 'postcheck@postcheck.jp');
  assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.ok(Number.parseFloat(m.browser_specific_settings.gecko.strict_min_version) >= 140, 'data_collection_permissions needs Firefox 140');
});

test('a version the browsers refuse (a Cargo pre-release suffix) and an unknown target are errors', () => {
  assert.throws(() => manifestFor('firefox', '0.2.0-beta.1'), /not a manifest version/);
  assert.throws(() => manifestFor(/** @type {any} */ ('safari'), '1.0.0'), /unknown target "safari"/);
  assert.doesNotThrow(() => manifestFor('chrome', CARGO_VERSION), 'the version in Cargo.toml is a valid manifest version');
});
