// One test body, two browsers: opens https://x.com/home (the fixture) with the real extension in
// headless Chromium (Playwright, CDP) or headless Firefox ESR (puppeteer, WebDriver BiDi), and
// gives the tests the same way to read what a user sees in either.
//
// POSTCHECK_BROWSER=firefox selects Firefox (x.firefox.test.mjs sets it); default Chromium.
// What only CDP can do (IME composition, the content script's isolated world, stopping the
// service worker) stays Chromium-only: `target.cdp` is null in Firefox.

import { launch } from './browser.mjs';
import { launchFirefox, playwrightLike, inClosedShadow } from './firefox.mjs';
import { EDITOR, axDialog, clickNode, isolatedWorld } from './helpers.mjs';

/** @typedef {'chromium' | 'firefox'} BrowserName */

/** @type {BrowserName} */
export const BROWSER = process.env.POSTCHECK_BROWSER === 'firefox' ? 'firefox' : 'chromium';

/**
 * @typedef {object} DialogView
 * @property {string} name
 * @property {{name: string, click: () => Promise<void>}[]} buttons
 * @property {string} text  all the text in the dialog
 */

/**
 * @param {{port: number, proxyPort: number}} server
 */
export async function openX(server) {
  return BROWSER === 'firefox' ? openFirefox(server) : openChromium(server);
}

/** @param {{port: number}} server */
async function openChromium(server) {
  const browser = await launch(server.port);
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto('https://x.com/home');
  await page.waitForSelector(EDITOR);
  const cdp = await browser.context.newCDPSession(page);
  const inContentWorld = await isolatedWorld(cdp, async () => { await cdp.send('Runtime.enable'); });
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
  return {
    name: /** @type {BrowserName} */ ('chromium'),
    page,
    browser,
    cdp,
    inContentWorld,
    /** The UI language the extension runs in (chromium-l10n and LANGUAGE=ja give 'ja'). @returns {Promise<string>} */
    uiLang: () => inContentWorld('chrome.i18n.getUILanguage()'),
    /** @returns {Promise<DialogView | null>} */
    dialog: async () => {
      const d = await axDialog(cdp);
      return d && { name: d.name, text: d.text, buttons: d.buttons.map((b) => ({ name: b.name, click: () => clickNode(page, cdp, b.backendNodeId) })) };
    },
    /** The panel (a non-modal dialog): its name and text, or null when it is not open. @param {string} name */
    panel: async (name) => {
      const d = await axDialog(cdp, name);
      return d && { name: d.name, text: d.text };
    },
    /** Attaches files through a file input. @param {string} sel @param {string[]} files */
    setInputFiles: (sel, files) => page.setInputFiles(sel, files),
    /** The card's text as the accessibility tree exposes it. */
    cardText: async () => {
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const note = nodes.find((n) => n.role?.value === 'note');
      if (!note) return '';
      const byId = new Map(nodes.map((n) => [n.nodeId, n]));
      /** @type {string[]} */
      const out = [];
      /** @param {any} n */
      const walk = (n) => {
        if (!n) return;
        if (n.role?.value === 'StaticText') out.push(n.name?.value ?? '');
        for (const c of n.childIds ?? []) walk(byId.get(c));
      };
      walk(note);
      return out.join('');
    },
    close: () => browser.close(),
  };
}

/** @param {{proxyPort: number}} server */
export async function openFirefox(server) {
  const ff = await launchFirefox(server.proxyPort);
  // A new tab: the first one never gets focus in headless Firefox (no focusin events there).
  const raw = await ff.browser.newPage();
  await raw.bringToFront();
  const page = playwrightLike(raw);
  page.on('pageerror', (/** @type {Error} */ e) => console.error('page error:', e.message));
  await page.goto('https://x.com/home');
  await page.waitForSelector(EDITOR);
  return {
    name: /** @type {BrowserName} */ ('firefox'),
    page,
    browser: null,
    cdp: null,
    inContentWorld: null,
    extensionId: ff.extensionId,
    /** Firefox's app locale is pinned to en-US (lib/firefox.mjs): chrome.i18n answers English. */
    uiLang: async () => 'en-US',
    /** @returns {Promise<DialogView | null>} */
    dialog: async () => {
      const d = await inClosedShadow(raw, 'postcheck-dialog', (root) => {
        const dlg = root.querySelector('[role="dialog"][aria-modal="true"]');
        if (!dlg) return null;
        const by = dlg.getAttribute('aria-labelledby');
        const name = (by && root.getElementById(by)?.textContent) || dlg.getAttribute('aria-label') || '';
        const buttons = [...dlg.querySelectorAll('button, [role="button"]')].map((b) => {
          const r = b.getBoundingClientRect();
          return { name: b.getAttribute('aria-label') || (b.textContent ?? '').trim(), x: r.left + r.width / 2, y: r.top + r.height / 2 };
        });
        return { name, text: dlg.textContent ?? '', buttons };
      });
      return d && { name: d.name, text: d.text, buttons: d.buttons.map((b) => ({ name: b.name, click: () => raw.mouse.click(b.x, b.y) })) };
    },
    /** The panel: its title and text, or null when it is not open. @param {string} _name */
    panel: async (_name) => inClosedShadow(raw, 'postcheck-panel', (root) => {
      const box = root.querySelector('[role="dialog"]');
      if (!box || /** @type {HTMLElement} */ (root.host).style.display === 'none') return null;
      return { name: root.getElementById('ptitle')?.textContent ?? '', text: box.textContent ?? '' };
    }),
    /** Attaches files through a file input (WebDriver BiDi input.setFiles). @param {string} sel @param {string[]} files */
    setInputFiles: async (sel, files) => {
      const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (await raw.$(sel));
      if (!input) throw new Error(`no ${sel}`);
      await input.uploadFile(...files);
    },
    /** The card's note as text. */
    cardText: async () => (await inClosedShadow(raw, 'postcheck-card', (root) => root.querySelector('[role="note"]')?.textContent ?? '')) ?? '',
    close: () => ff.close(),
  };
}
