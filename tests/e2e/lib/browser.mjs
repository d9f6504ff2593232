// Launches the system Chromium headless with the REAL unpacked extension (dist/postcheck),
// x.com, pro.x.com (X Pro) and www.facebook.com mapped to the fixture server, so the manifest's content script matches as in production.

import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer } from './server.mjs';

export const EXTENSION_DIR = path.join(ROOT, 'dist/postcheck');
export const EXTENSION_ID = 'heigapdgdkhdkmecenjcbklchhhaachj';

/**
 * @param {number} port  the fixture server's port
 * @param {'ja' | 'en'} [uiLang]  the browser's UI language (chrome.i18n follows it)
 * @param {{extensionDir?: string}} [opts]  another unpacked copy (tests that break a file in it)
 * @returns {Promise<{context: import('playwright-core').BrowserContext, worker: () => Promise<import('playwright-core').Worker>, close: () => Promise<void>}>}
 */
export async function launch(port, uiLang = 'ja', opts = {}) {
  const EXT = opts.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(EXT, 'manifest.json'))) throw new Error(`build the extension first: make extension (${EXT})`);
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'postcheck-profile-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: uiLang === 'ja' ? 'ja-JP' : 'en-US',
    viewport: { width: 1100, height: 700 },
    // Chromium on Linux takes its UI language (chrome.i18n) from the environment, not --lang.
    env: { ...process.env, LANGUAGE: uiLang, LANG: uiLang === 'ja' ? 'ja_JP.UTF-8' : 'en_US.UTF-8' },
    args: [
      `--disable-extensions-except=${EXT}`,
      `--load-extension=${EXT}`,
      `--host-resolver-rules=MAP x.com 127.0.0.1:${port},MAP pro.x.com 127.0.0.1:${port},MAP www.facebook.com 127.0.0.1:${port}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${uiLang}`,
    ],
  });
  const worker = async () => {
    const found = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
    return found ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`), timeout: 10000 });
  };
  return {
    context,
    worker,
    close: async () => {
      await context.close();
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of the built extension changed by `change(dir)` (e.g. a corrupt WASM: the checker
 * genuinely cannot start), for launch(port, lang, {extensionDir}). The caller removes it.
 * @param {(dir: string) => void} change
 * @returns {string}
 */
export function stagedCopy(change) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postcheck-staged-'));
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  change(dir);
  return dir;
}

/** A staged copy whose WASM is not a WASM module: the checker cannot load. @returns {string} */
export const brokenCopy = () => stagedCopy((dir) => fs.writeFileSync(path.join(dir, 'extension/pkg/postcheck_bg.wasm'), 'not wasm'));

/**
 * A test file's usual setup: the fixture server and Chromium with the extension, started
 * before its tests and closed after them. Read `env.server` and `env.browser` inside tests.
 * @param {'ja' | 'en'} [uiLang]
 */
export function useBrowser(uiLang = 'ja') {
  const env = {
    /** @type {Awaited<ReturnType<typeof startServer>>} */ server: /** @type {any} */ (null),
    /** @type {Awaited<ReturnType<typeof launch>>} */ browser: /** @type {any} */ (null),
  };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch(env.server.port, uiLang);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * A new tab at `url`, with a CDP session that reads the accessibility tree and the DOM (for
 * lib/helpers.mjs axDialog and clickNode); page errors are printed.
 * @param {Awaited<ReturnType<typeof launch>>} browser
 * @param {string} url
 */
export async function openPage(browser, url) {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await cdp.send('DOM.enable');
  return { page, cdp };
}
