// Helpers for the e2e tests: read what a user would see (highlights, badge, dialog through the
// accessibility tree) and act with real input (keyboard, mouse at a box from CDP).

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').CDPSession} CDPSession */

export const EDITOR = '[data-testid="tweetTextarea_0"]';

/**
 * The strings covered by each postcheck highlight, read in the page's main world.
 * @param {Page} page
 * @returns {Promise<{info: string[], warn: string[], block: string[]}>}
 */
export function highlights(page) {
  return page.evaluate(() => {
    /** @param {string} s */
    const read = (s) => {
      const h = CSS.highlights.get(`postcheck-${s}`);
      return h ? [...h].map((r) => /** @type {Range} */ (r).toString()).sort() : [];
    };
    return { info: read('info'), warn: read('warn'), block: read('block') };
  });
}

/**
 * Waits until the highlights are exactly `want` (each list sorted).
 * @param {Page} page
 * @param {{info?: string[], warn?: string[], block?: string[]}} want
 */
export async function waitHighlights(page, want, timeout = 5000) {
  const w = { info: [], warn: [], block: [], ...want };
  for (const k of /** @type {const} */ (['info', 'warn', 'block'])) w[k] = [...w[k]].sort();
  await page.waitForFunction((w) => {
    /** @param {string} s */
    const read = (s) => {
      const h = CSS.highlights.get(`postcheck-${s}`);
      return h ? [...h].map((r) => /** @type {Range} */ (r).toString()).sort() : [];
    };
    return ['info', 'warn', 'block'].every((s) => JSON.stringify(read(s)) === JSON.stringify(w[s]));
  }, w, { timeout, polling: 'raf' }).catch(async () => {
    throw new Error(`highlights are ${JSON.stringify(await highlights(page))}, want ${JSON.stringify(w)}`);
  });
}

/**
 * The badge's accessible state: aria-label, data-count, data-state on its host element.
 * @param {Page} page
 */
export function badge(page) {
  return page.evaluate(() => {
    const b = document.querySelector('postcheck-badge');
    return b ? { label: b.getAttribute('aria-label'), count: b.getAttribute('data-count'), counts: b.getAttribute('data-counts'), state: b.getAttribute('data-state'), role: b.getAttribute('role') } : null;
  });
}

/** @param {Page} page */
export const editorText = (page) => page.evaluate((sel) => {
  const ed = document.querySelector(sel);
  return ed ? [...ed.querySelectorAll('div[data-block="true"]')].map((b) => b.textContent).join('\n') : null;
}, EDITOR);

/** @param {Page} page */
export const posts = (page) => page.evaluate(() => /** @type {any} */ (window).__posts);

/** @param {Page} page */
export const focusInEditor = (page) => page.evaluate((sel) => !!document.activeElement?.closest(sel), EDITOR);

/**
 * Empties the editor with real keys (select all, delete) and waits for the placeholder.
 * @param {Page} page
 */
export async function clearEditor(page) {
  await page.focus(EDITOR);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '', EDITOR);
}

/**
 * The dialog as the accessibility tree shows it (closed shadow roots included):
 * its name, its buttons with their DOM node ids, and all the text in it.
 * @param {CDPSession} cdp
 * @param {string} [name]  a dialog by its name (modal or not, e.g. the panel); default: the modal one
 * @returns {Promise<{name: string, buttons: {name: string, backendNodeId: number}[], text: string} | null>}
 */
export async function axDialog(cdp, name) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  /** @type {Map<string, any>} */
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const dialog = nodes.find((n) => n.role?.value === 'dialog' && !n.ignored && (name === undefined
    ? (n.properties ?? []).some((p) => p.name === 'modal' && p.value.value === true)
    : n.name?.value === name));
  if (!dialog) return null;
  /** @type {{name: string, backendNodeId: number}[]} */
  const buttons = [];
  /** @type {string[]} */
  const texts = [];
  /** @param {any} n */
  const walk = (n) => {
    if (!n) return;
    if (n.role?.value === 'button') buttons.push({ name: n.name?.value ?? '', backendNodeId: n.backendDOMNodeId });
    if (n.role?.value === 'StaticText') texts.push(n.name?.value ?? '');
    for (const c of n.childIds ?? []) walk(byId.get(c));
  };
  walk(dialog);
  return { name: dialog.name?.value ?? '', buttons, text: texts.join('') };
}

/**
 * Clicks a DOM node (e.g. inside a closed shadow root) with the real mouse at its box's centre.
 * @param {Page} page
 * @param {CDPSession} cdp
 * @param {number} backendNodeId
 */
export async function clickNode(page, cdp, backendNodeId) {
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
  const q = model.border;
  const x = (q[0] + q[2] + q[4] + q[6]) / 4;
  const y = (q[1] + q[3] + q[5] + q[7]) / 4;
  await page.mouse.click(x, y);
}

/**
 * The content script's isolated world (to measure messaging from where the content script sits).
 * @param {CDPSession} cdp  a session with Runtime enabled AFTER the listener was attached
 * @param {() => Promise<void>} enable
 */
export async function isolatedWorld(cdp, enable) {
  /** @type {any[]} */
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await enable();
  // The latest one: a navigation to a new document creates the content script's world anew.
  const latest = () => contexts.findLast((c) => c.auxData?.type === 'isolated' && String(c.origin).startsWith('chrome-extension://'));
  if (!latest()) throw new Error('the content script\'s isolated world was not found');
  /**
   * @param {string} expression
   */
  return async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { contextId: latest().id, expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
}

/** @param {number[]} xs */
export function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (/** @type {number} */ p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`;
}

/**
 * The accessible names of every node of a role on the page (closed shadow roots included),
 * e.g. the checklist's checkboxes in postcheck's dialog.
 * @param {CDPSession} cdp
 * @param {string} role
 * @returns {Promise<string[]>}
 */
export async function axNames(cdp, role) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes.filter((n) => n.role?.value === role && !n.ignored).map((n) => n.name?.value ?? '');
}
