// Checks the packages `make package` built, without a browser (part of `make test`):
//
//   node scripts/check_package.mjs [DIST]      (DIST defaults to dist/)
//
// For dist/postcheck-chrome-<version>.zip and dist/postcheck-firefox-<version>.xpi, <version>
// being Cargo.toml's: the package exists; its manifest.json is at the root and is exactly
// scripts/manifest.mjs's manifest for that browser, with Cargo.toml's version; the Chrome zip
// has no `key`, `background.scripts` or `browser_specific_settings`, the xpi no
// `background.service_worker` or `key`; every file the manifest names is in the package
// (background, content scripts and their CSS, options page, popup, managed schema, icons,
// default locale), and every file those name in turn (the pages' scripts and styles, the
// modules they import, what they load by `runtime.getURL`), among them the WASM, byte for byte
// the one `make wasm` built; `_locales/ja` and `_locales/en` define every `__MSG_…__` the
// manifest uses. Prints what it checked; exits 1 naming each problem.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { manifestFor } from './manifest.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WASM = 'extension/pkg/postcheck_bg.wasm';
const LOCALES = ['ja', 'en'];

/**
 * The files of a zip archive (stored or deflated entries, as `zip` writes them).
 * @param {Buffer} buf
 * @returns {Map<string, Buffer>}
 */
export function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`corrupt central directory at entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue; // a directory entry
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    const data = method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : null;
    if (!data) throw new Error(`${name}: compression method ${method} (neither stored nor deflated)`);
    if (typeof zlib.crc32 === 'function' && (zlib.crc32(data) >>> 0) !== crc) throw new Error(`${name}: CRC mismatch`);
    files.set(name.replace(/^\.\//, ''), data);
  }
  return files;
}

/** `a/b/../c` → `a/c`, relative to the package root. @param {string} p */
const norm = (p) => path.posix.normalize(p).replace(/^\/+/, '').replace(/^\.\//, '');

/**
 * The files the manifest names, each with why.
 * @param {any} m
 * @returns {[string, string][]}
 */
function manifestFiles(m) {
  /** @type {[string, string][]} */
  const out = [];
  const add = (/** @type {unknown} */ f, /** @type {string} */ why) => { if (typeof f === 'string') out.push([norm(f), why]); };
  add(m.background?.service_worker, 'background.service_worker');
  for (const s of m.background?.scripts ?? []) add(s, 'background.scripts');
  add(m.background?.page, 'background.page');
  for (const [i, cs] of (m.content_scripts ?? []).entries()) {
    for (const f of cs.js ?? []) add(f, `content_scripts[${i}].js`);
    for (const f of cs.css ?? []) add(f, `content_scripts[${i}].css`);
  }
  add(m.options_ui?.page, 'options_ui.page');
  add(m.options_page, 'options_page');
  add(m.action?.default_popup, 'action.default_popup');
  const icons = (/** @type {unknown} */ v, /** @type {string} */ why) => {
    if (typeof v === 'string') add(v, why);
    else if (v && typeof v === 'object') for (const [k, f] of Object.entries(v)) add(f, `${why}.${k}`);
  };
  icons(m.icons, 'icons');
  icons(m.action?.default_icon, 'action.default_icon');
  add(m.storage?.managed_schema, 'storage.managed_schema');
  for (const [i, w] of (m.web_accessible_resources ?? []).entries()) {
    for (const f of w.resources ?? []) if (!f.includes('*')) add(f, `web_accessible_resources[${i}]`);
  }
  if (m.default_locale) add(`_locales/${m.default_locale}/messages.json`, 'default_locale');
  for (const l of LOCALES) add(`_locales/${l}/messages.json`, `locale ${l}`);
  return out;
}

/**
 * The files a page or script names in turn: an HTML page's scripts and styles; a script's
 * static imports, `runtime.getURL('…')` (from the package root) and `new URL('…', import.meta.url)`.
 * @param {string} file
 * @param {string} text
 * @returns {string[]}
 */
function namedBy(file, text) {
  const dir = path.posix.dirname(file);
  const rel = (/** @type {string} */ r) => norm(path.posix.join(dir, r));
  /** @type {string[]} */
  const out = [];
  if (file.endsWith('.html')) {
    for (const m of text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.push(rel(m[1]));
    for (const m of text.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)) out.push(rel(m[1]));
  }
  if (file.endsWith('.js')) {
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm)) out.push(rel(m[1]));
    for (const m of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(rel(m[1]));
    for (const m of text.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) out.push(rel(m[1]));
    for (const m of text.matchAll(/\.getURL\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(norm(m[1]));
  }
  return out.filter((f) => !/^[a-z][a-z0-9+.-]*:/i.test(f));
}

/**
 * Checks one package; returns its problems and prints what was checked.
 * @param {string} file
 * @param {'chrome' | 'firefox'} target
 * @param {string} version
 * @returns {string[]}
 */
export function checkPackage(file, target, version) {
  const name = path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file);
  /** @type {string[]} */
  const problems = [];
  const bad = (/** @type {string} */ msg) => problems.push(`${name}: ${msg}`);
  if (!fs.existsSync(file)) return [`${name}: missing (run make package)`];
  let files;
  try {
    files = readZip(fs.readFileSync(file));
  } catch (e) {
    return [`${name}: ${/** @type {Error} */ (e).message}`];
  }
  const mbuf = files.get('manifest.json');
  if (!mbuf) return [`${name}: no manifest.json at the root of the archive`];
  /** @type {any} */
  let m;
  try {
    m = JSON.parse(mbuf.toString('utf8'));
  } catch (e) {
    return [`${name}: manifest.json is not JSON: ${/** @type {Error} */ (e).message}`];
  }
  if (m.version !== version) bad(`manifest version ${JSON.stringify(m.version)} is not Cargo.toml's ${JSON.stringify(version)}`);
  const forbidden = target === 'chrome' ? ['key', 'background.scripts', 'browser_specific_settings'] : ['key', 'background.service_worker'];
  for (const k of forbidden) {
    const [a, b] = k.split('.');
    if (b ? m[a] && b in m[a] : a in m) bad(`manifest has \`${k}\` (the ${target} package must not)`);
  }
  if (target === 'chrome' && typeof m.background?.service_worker !== 'string') bad('manifest has no background.service_worker');
  if (target === 'firefox') {
    if (!Array.isArray(m.background?.scripts) || !m.background.scripts.length) bad('manifest has no background.scripts');
    if (typeof m.browser_specific_settings?.gecko?.id !== 'string') bad('manifest has no browser_specific_settings.gecko.id');
  }
  const want = manifestFor(target, version);
  if (JSON.stringify(m) !== JSON.stringify(want)) bad(`manifest.json is not scripts/manifest.mjs's ${target} manifest for ${version}`);

  // Every file named, followed through pages and imports.
  /** @type {Map<string, string>} file → why it must be there */
  const need = new Map();
  const queue = manifestFiles(m);
  while (queue.length) {
    const [f, why] = /** @type {[string, string]} */ (queue.shift());
    if (need.has(f)) continue;
    need.set(f, why);
    const data = files.get(f);
    if (!data) {
      bad(`${f} is missing (named by ${why})`);
      continue;
    }
    if (/\.(html|js)$/.test(f)) for (const g of namedBy(f, data.toString('utf8'))) queue.push([g, f]);
  }
  // The WASM: named by the background's getURL, and the very module `make wasm` built.
  const wasm = files.get(WASM);
  if (!need.has(WASM)) bad(`no script loads ${WASM} (getURL)`);
  if (wasm) {
    if (wasm.subarray(0, 4).toString('latin1') !== '\0asm') bad(`${WASM} is not a WASM module`);
    const built = path.join(ROOT, WASM);
    if (fs.existsSync(built) && !wasm.equals(fs.readFileSync(built))) bad(`${WASM} differs from the one make wasm built (${WASM}): rebuild the package`);
  } else if (need.has(WASM)) {
    // already reported as missing
  } else {
    bad(`${WASM} is missing`);
  }
  // Every __MSG_name__ of the manifest in each locale.
  const msgs = [...new Set([...JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]))];
  for (const l of LOCALES) {
    const buf = files.get(`_locales/${l}/messages.json`);
    if (!buf) continue;
    const table = JSON.parse(buf.toString('utf8'));
    const keys = new Set(Object.keys(table).map((k) => k.toLowerCase()));
    for (const k of msgs) if (!keys.has(k.toLowerCase())) bad(`_locales/${l}/messages.json lacks ${k} (manifest __MSG_${k}__)`);
  }
  if (!problems.length) {
    const kb = (fs.statSync(file).size / 1000).toFixed(1);
    console.log(`package-check: ${name} (${kb} KB, ${files.size} files): manifest.json at the root is the ${target} manifest, version ${m.version} = Cargo.toml; no ${forbidden.map((k) => `\`${k}\``).join(', ')}`);
    console.log(`  present, with what names each: ${[...need].map(([f, why]) => `${f} (${why})`).join(', ')}`);
    console.log(`  ${WASM}: ${wasm?.length} bytes, the one make wasm built; _locales ${LOCALES.join(', ')} define ${msgs.join(', ')}`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
  const version = /^version = "(.*)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
  if (!version) {
    console.error('package-check: no version in Cargo.toml');
    process.exit(2);
  }
  const problems = [
    ...checkPackage(path.join(dist, `postcheck-chrome-${version}.zip`), 'chrome', version),
    ...checkPackage(path.join(dist, `postcheck-firefox-${version}.xpi`), 'firefox', version),
  ];
  for (const p of problems) console.error(`package-check FAILED: ${p}`);
  if (problems.length) process.exit(1);
  console.log(`package-check: both packages of version ${version} are complete`);
}
