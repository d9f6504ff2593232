// Launches the system Firefox ESR headless over WebDriver BiDi (puppeteer-core, no browser
// download) and installs the REAL Firefox build of the extension (dist/postcheck-firefox) as a
// temporary add-on. x.com reaches the fixture server through an HTTP proxy pref whose CONNECT
// handler tunnels to it (lib/server.mjs), so the page's URL is https://x.com/... as in
// production and the manifest's content script matches; the self-signed certificate is
// accepted by the session capability acceptInsecureCerts.

import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const FIREFOX_EXTENSION_DIR = path.join(ROOT, 'dist/postcheck-firefox');
/** The add-on's id (manifest browser_specific_settings.gecko.id). */
export const FIREFOX_ADDON_ID = 'postcheck@postcheck.jp';
/**
 * The add-on's internal UUID, pinned (Firefox otherwise draws a random one per profile), so its
 * pages have a known address: moz-extension://<uuid>/extension/options/options.html.
 */
export const FIREFOX_EXTENSION_UUID = '6f0c5e1a-2b7d-4c39-9a8e-3d51f0b7c2e4';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

/**
 * @param {number} proxyPort  the fixture server's CONNECT proxy
 * @param {{extensionPages?: boolean}} [opts]  extensionPages: let the session open the add-on's
 *   own pages (WebDriver BiDi refuses to navigate to moz-extension: URLs unless Firefox runs
 *   with --remote-allow-system-access)
 */
export async function launchFirefox(proxyPort, opts = {}) {
  if (!fs.existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error(`build the extension first: make extension (${FIREFOX_EXTENSION_DIR})`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    args: opts.extensionPages ? ['--remote-allow-system-access'] : [],
    dumpio: !!process.env.POSTCHECK_FIREFOX_LOG,
    defaultViewport: { width: 1100, height: 700 },
    extraPrefsFirefox: {
      // Every HTTPS request goes through the test proxy, which only tunnels x.com/twitter.com.
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'intl.accept_languages': 'ja,en',
      // Where Firefox keeps each add-on's UUID (read when the add-on starts).
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      // The app locale decides chrome.i18n's language; pinned so the tests know which labels to expect.
      'intl.locale.requested': 'en-US',
      // Headless windows never get system focus, and Firefox then fires no focus/focusin events
      // (the content script attaches on focusin); test mode treats the window as focused.
      'focusmanager.testmode': true,
      // No first-run pages, updates or telemetry traffic in tests.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'devtools.console.stdout.content': !!process.env.POSTCHECK_FIREFOX_LOG,
      'devtools.console.stdout.chrome': !!process.env.POSTCHECK_FIREFOX_LOG,
    },
  });
  const extensionId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return {
    browser,
    extensionId,
    close: () => browser.close(),
  };
}

/**
 * The subset of Playwright's Page API the shared test bodies use, over a puppeteer Page, so
 * one test body drives Chromium (Playwright) and Firefox (puppeteer over WebDriver BiDi).
 * @param {import('puppeteer-core').Page} page
 */
export function playwrightLike(page) {
  /** Splits 'Control+Enter' into modifiers and the key. @param {string} combo */
  const press = async (combo) => {
    const keys = combo.split('+');
    const key = /** @type {import('puppeteer-core').KeyInput} */ (keys.pop());
    for (const m of keys) await page.keyboard.down(/** @type {import('puppeteer-core').KeyInput} */ (m));
    await page.keyboard.press(key);
    for (const m of keys.reverse()) await page.keyboard.up(/** @type {import('puppeteer-core').KeyInput} */ (m));
  };
  return {
    raw: page,
    on: (/** @type {any} */ ev, /** @type {any} */ fn) => page.on(ev, fn),
    goto: (/** @type {string} */ url) => page.goto(url),
    url: () => page.url(),
    click: (/** @type {string} */ sel) => page.click(sel),
    focus: (/** @type {string} */ sel) => page.focus(sel),
    $: (/** @type {string} */ sel) => page.$(sel),
    screenshot: (/** @type {{path: string}} */ o) => page.screenshot({ path: /** @type {`${string}.png`} */ (o.path) }),
    /** @param {string} sel @param {{state?: 'attached' | 'detached' | 'visible' | 'hidden'}} [o] */
    waitForSelector: (sel, o = {}) => page.waitForSelector(sel, o.state === 'detached' || o.state === 'hidden' ? { hidden: true } : {}),
    /** @param {any} fn @param {any} [arg] @param {{timeout?: number, polling?: 'raf' | number}} [o] */
    waitForFunction: (fn, arg, o = {}) => page.waitForFunction(fn, { timeout: o.timeout ?? 30000, polling: o.polling ?? 'raf' }, arg),
    /** @param {any} fn @param {any} [arg] */
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitForTimeout: (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms)),
    keyboard: {
      type: (/** @type {string} */ text) => page.keyboard.type(text),
      press,
      /**
       * Like CDP Input.insertText: one insertion, as an IME commit or a paste would make: a
       * beforeinput the editor can handle (the Draft.js-like fixture does, as Draft.js does),
       * else the browser's own insertion. (execCommand alone fires no beforeinput.)
       */
      insertText: (/** @type {string} */ text) => page.evaluate((t) => {
        const ev = new InputEvent('beforeinput', { inputType: 'insertText', data: t, bubbles: true, cancelable: true, composed: true });
        if ((document.activeElement ?? document.body).dispatchEvent(ev)) document.execCommand('insertText', false, t);
      }, text),
    },
    mouse: {
      move: (/** @type {number} */ x, /** @type {number} */ y) => page.mouse.move(x, y),
      click: (/** @type {number} */ x, /** @type {number} */ y) => page.mouse.click(x, y),
    },
  };
}

/**
 * Runs `fn(shadowRoot, arg)` in the page on the CLOSED shadow root of the element `hostSel`, and
 * returns its JSON result. Page scripts cannot reach a closed shadow root; WebDriver BiDi can:
 * serialising the host with `includeShadowTree: 'all'` hands out a reference to it (the same
 * reach as Chromium's accessibility tree over CDP). Uses puppeteer's BiDi realm (internal API).
 * @template T
 * @param {import('puppeteer-core').Page} page
 * @param {string} hostSel
 * @param {(root: ShadowRoot, arg: any) => T} fn
 * @param {any} [arg]
 * @returns {Promise<T | null>}
 */
export async function inClosedShadow(page, hostSel, fn, arg = null) {
  const realm = /** @type {any} */ (page.mainFrame()).realms.default.realm;
  const host = await realm.callFunction('(sel) => document.querySelector(sel)', false, {
    arguments: [{ type: 'string', value: hostSel }],
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
    resultOwnership: 'none',
  });
  const root = host.type === 'success' && host.result.type === 'node' ? host.result.value?.shadowRoot : null;
  if (!root) return null;
  const out = await realm.callFunction(`async (root, arg) => JSON.stringify(await (${fn.toString()})(root, JSON.parse(arg)))`, true, {
    arguments: [{ sharedId: root.sharedId }, { type: 'string', value: JSON.stringify(arg) }],
    resultOwnership: 'none',
  });
  if (out.type !== 'success') throw new Error(`in the shadow root of ${hostSel}: ${out.exceptionDetails?.text ?? 'failed'}`);
  return out.result.type === 'string' ? JSON.parse(out.result.value) : null;
}

/**
 * A new tab on one of the add-on's own pages (`extension/options/options.html`, …), for a
 * browser launched with {extensionPages: true}, once the page's script has run `ready` true.
 * The navigation moves the tab into the extension process: puppeteer then never sees it
 * finish (its goto fails as "frame detached" or times out), though the page handle goes on to
 * evaluate in the new document; so the page is polled until it is there and `ready`.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} pagePath  e.g. 'extension/options/options.html?x=1'
 * @param {string} ready  a JS expression, true once the page has rendered what the test reads
 */
export async function openExtensionPage(browser, pagePath, ready, timeout = 15000) {
  const page = await browser.newPage();
  const url = `${FIREFOX_EXTENSION_ORIGIN}/${pagePath}`;
  page.goto(url, { timeout }).catch(() => { /* see above */ });
  const t0 = Date.now();
  for (;;) {
    const ok = await page.evaluate(`location.href === ${JSON.stringify(url)} && !!(${ready})`).catch(() => false);
    if (ok) return page;
    if (Date.now() - t0 > timeout) throw new Error(`${url}: not ready within ${timeout} ms (${ready})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
