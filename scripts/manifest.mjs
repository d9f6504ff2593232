// Writes a browser's manifest.json from the ONE manifest.json at the top of the repository.
//
//   node scripts/manifest.mjs <target> <version> > out/manifest.json
//
// The repository keeps one MV3 manifest that loads in Chrome, Edge and Firefox as it is
// (`make extension` copies it to dist/postcheck for development and the Chromium tests).
// Packages drop only what the other browser alone reads, so no browser sees a key it ignores
// or warns about; everything else is byte-for-byte the same data:
//
//   every target  "version" := the version in Cargo.toml (the one place it is written)
//   dev           nothing else (both background keys; "key" pins the unpacked id in Chromium)
//   chrome        (Chrome Web Store and Edge Add-ons zip; also Chrome/Edge self-hosting)
//                 - background.scripts          Firefox's event page (Chrome uses service_worker)
//                 - browser_specific_settings   Firefox's add-on id and minimum version
//                 - key                         the stores refuse it ("key field is not allowed"):
//                                               they assign the id at the first upload
//   firefox       (the .xpi for addons.mozilla.org signing or enterprise policies.json)
//                 - background.service_worker   ignored by Firefox; web-ext lint warns
//                                               BACKGROUND_SERVICE_WORKER_IGNORED
//                 - key                         Chrome's public key; Firefox takes its id from
//                                               browser_specific_settings.gecko.id
//
// The background script is the same file in both (extension/background.js, an ES module).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {'dev' | 'chrome' | 'firefox'} target
 * @param {string} version
 * @param {any} [manifest]  defaults to the repository's manifest.json
 * @returns {any}
 */
export function manifestFor(target, version, manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'))) {
  if (!/^\d+(\.\d+){0,3}$/.test(version)) throw new Error(`not a manifest version (1 to 4 dot-separated integers): ${JSON.stringify(version)}`);
  const m = structuredClone(manifest);
  m.version = version;
  if (target === 'chrome') {
    delete m.background.scripts;
    delete m.browser_specific_settings;
    delete m.key;
  } else if (target === 'firefox') {
    delete m.background.service_worker;
    delete m.key;
  } else if (target !== 'dev') {
    throw new Error(`unknown target ${JSON.stringify(target)}: dev, chrome or firefox`);
  }
  return m;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [target, version] = process.argv.slice(2);
  if (!target || !version) {
    console.error('usage: node scripts/manifest.mjs dev|chrome|firefox VERSION');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(manifestFor(/** @type {any} */ (target), version), null, 2)}\n`);
}
