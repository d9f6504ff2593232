// Hosts the WASM checker and answers the content scripts.
//
// Content scripts cannot compile WASM on x.com (its CSP lacks 'wasm-unsafe-eval'), the
// extension's own pages can. Chrome runs this file as a module service worker, Firefox as a
// module background script. The service worker may be stopped at any time: all state is
// rebuilt on demand from the first message after a restart (one shared init promise).

import init, { Checker, imageReadPlan, setPlaceData } from './pkg/postcheck.js';
import { readerOf } from './answer.js';
import { resolveState, resolveWith, policySources, failModeOf, contactOf, rawValue, disabledSites, LOCAL_KEY, GATE_MODES, gateOf } from './policy.js';

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);

/**
 * @typedef {{type: 'check', id: number, text: string, context: object}} CheckRequest
 * {type: 'warm'} → {ok: true, ms}: initialises the checker ahead of the first check.
 * @typedef {{id: number, findings: object[], account?: string, ms: number, cold?: boolean} | {id: number, error: string}} CheckResponse
 * (account: the kind of account the text was checked as, from the policy's official_handles)
 */

/** Counters for diagnostics (never any text). */
const stats = { inits: 0, checks: 0, initMs: 0, warmMs: 0 };

/**
 * A post that touches most rules: the first check builds every rule's compiled patterns and
 * word lists (lazy statics), which takes far longer than any later check. Done once at init.
 */
const WARM_UP = '【お知らせ】本日10時から吉備中央町豊野1-2-3の公民館で説明会を行います。詳細は https://example.jp/a または bit.ly/abc まで。電話 0866-00-0000 #拡散希望';
globalThis.postcheckStats = stats;

/** @type {Promise<Checker> | null} */
let ready = null;
/** The WASM instance's linear memory (its size is a diagnostic figure: stats.wasmBytes). @type {WebAssembly.Memory | null} */
let wasmMemory = null;
/** The policy the current checker was built with (see policy.js PolicyState). @type {import('./policy.js').PolicyState | null} */
let policy = null;
/** Why the checker could not start (fail modes), or null. @type {string | null} */
let initError = null;
globalThis.postcheckInitError = () => initError;

/** The policy resolved for the checker being built (or built). @type {Promise<import('./policy.js').PolicyState> | null} */
let resolving = null;

/**
 * The WASM initialised and the policy resolved (managed > local > preset): what the gate's
 * policy needs, without waiting for the checker's build and warm-up check. A failure is
 * retried on the next message.
 * @returns {Promise<import('./policy.js').PolicyState>}
 */
function resolvedPolicy() {
  if (!resolving) {
    resolving = (async () => {
      wasmMemory = (await init({ module_or_path: api.runtime.getURL('extension/pkg/postcheck_bg.wasm') })).memory;
      return resolveState();
    })();
    const mine = resolving;
    mine.catch(() => {
      if (resolving === mine) resolving = null;
    });
  }
  return resolving;
}

// Resolved as soon as the worker starts: the content scripts of the tabs being opened ask for
// the gate's policy first, and the browser's first read of the managed storage alone takes
// seconds after a start (measured: 2.6 s in a fresh headless Chromium).
resolvedPolicy().catch(() => {});

/**
 * The checker, built once per worker lifetime; a failed init is retried on the next message.
 * @returns {Promise<Checker>}
 */
function checker() {
  if (!ready) {
    ready = (async () => {
      const t0 = performance.now();
      const state = await resolvedPolicy();
      if (state.errors.length) console.warn('postcheck: policy problems (ignored entries)', state.errors);
      const c = new Checker(JSON.stringify(state.effective));
      policy = state;
      initError = null;
      stats.initMs = performance.now() - t0;
      const t1 = performance.now();
      readerOf(c).read(c.check(WARM_UP, '{}'));
      stats.warmMs = performance.now() - t1;
      stats.inits += 1;
      return c;
    })();
    const mine = ready;
    mine.catch((e) => {
      initError = String(e && /** @type {Error} */ (e).message || e);
      if (ready === mine) ready = null;
    });
  }
  return ready;
}

/**
 * @param {CheckRequest} msg
 * @returns {Promise<CheckResponse>}
 */
async function answer(msg) {
  const t0 = performance.now();
  const cold = ready === null;
  try {
    const c = await checker();
    const out = readerOf(c).read(c.check(String(msg.text ?? ''), JSON.stringify(msg.context ?? {})));
    stats.checks += 1;
    stats.wasmBytes = wasmMemory ? wasmMemory.buffer.byteLength : 0;
    if (out.error) return { id: msg.id, error: String(out.error), ...await failure() };
    return { id: msg.id, findings: out.findings, account: out.account, ms: performance.now() - t0, cold };
  } catch (e) {
    return { id: msg.id, error: String(e && /** @type {Error} */ (e).message || e), ...await failure() };
  }
}

/**
 * What the gate needs when a text could not be checked: the fail mode and whom to contact.
 * @param {import('./policy.js').PolicyState | null} [state]  the resolved policy (default: the checker's)
 * @returns {Promise<{fail_mode: 'open' | 'closed', contact: string}>}
 */
async function failure(state = policy) {
  const { managed, local } = await policySources();
  const fromPolicy = /** @type {any} */ (state?.effective)?.organisation?.contact;
  return { fail_mode: await failMode(state), contact: typeof fromPolicy === 'string' && fromPolicy.trim() ? fromPolicy.trim() : contactOf(managed, local) };
}

/**
 * Decodes base64 (what the content script sends bytes as: Chrome's messaging is JSON).
 * @param {string} b64
 * @returns {Uint8Array}
 */
function fromBase64(b64) {
  const U8 = /** @type {any} */ (Uint8Array);
  if (typeof U8.fromBase64 === 'function') return U8.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The municipality grid handed to the checker, once per worker lifetime. @type {Promise<void> | null} */
let places = null;

/**
 * Hands `pkg/places.bin` (the municipalities that name where a photo was taken) to the checker
 * before its first image check. When it cannot be read, photos are placed by prefecture: a log
 * line, no error for the user.
 * @returns {Promise<void>}
 */
function placeData() {
  if (!places) {
    places = (async () => {
      try {
        const r = await fetch(api.runtime.getURL('extension/pkg/places.bin'));
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        const out = JSON.parse(setPlaceData(new Uint8Array(await r.arrayBuffer())));
        if (out.error) throw new Error(out.error);
        stats.places = out.municipalities;
      } catch (e) {
        console.info('postcheck: no place data, photos are placed by prefecture:', String(e && /** @type {Error} */ (e).message || e));
      }
    })();
  }
  return places;
}

/**
 * {type:'image', id, size, parts:[[offset, length]…], data:[base64 per part], context} →
 * `{read: [[offset, length]…]}` (the parts to read: first the head and the tail, then a range
 * the checker asks for) or `{findings, format?, note?}` or, when the checker cannot run or
 * throws, `{error, fail_mode, contact}` (the gate treats the photo as not checked, as a text).
 * Bytes that are not a readable image are not an error: no finding and a note. The bytes are the parts
 * of an attached image the content script read (docs/images.md); they stay in this process.
 * @param {any} msg
 */
async function answerImage(msg) {
  try {
    const c = await checker();
    const size = Number(msg.size);
    const parts = Array.isArray(msg.parts) ? msg.parts : [];
    const data = Array.isArray(msg.data) ? msg.data : [];
    if (!Number.isFinite(size) || size < 0 || parts.length !== data.length) return { error: 'malformed image request', ...await failure() };
    if (parts.length === 0) return { read: JSON.parse(imageReadPlan(size)).parts };
    const bytes = data.map((/** @type {string} */ d) => fromBase64(String(d)));
    const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of bytes) {
      all.set(b, at);
      at += b.length;
    }
    await placeData();
    const out = JSON.parse(c.checkImageParts(all, JSON.stringify({ size, parts }), JSON.stringify(msg.context ?? {}), String(msg.id ?? '')));
    stats.images = (stats.images ?? 0) + 1;
    if (out.error) return { error: String(out.error), ...await failure() };
    if (out.need) return { read: [[out.need[0], out.need[1] - out.need[0]]] };
    return { findings: out.findings, format: out.format, note: out.note };
  } catch (e) {
    return { error: String(e && /** @type {Error} */ (e).message || e), ...await failure() };
  }
}

/**
 * The fail mode in force: from the resolved policy when the checker runs, else read from the
 * raw sources (the WASM that resolves policies may be what failed).
 * @param {import('./policy.js').PolicyState | null} [state]  the resolved policy (default: the checker's)
 * @returns {Promise<'open' | 'closed'>}
 */
async function failMode(state = policy) {
  const fm = state?.effective?.fail_mode;
  if (fm === 'open' || fm === 'closed') return fm;
  const { managed, local } = await policySources();
  return failModeOf(managed, local);
}

/**
 * Whether the user switched checking off for the sender's site (popup, `disabledSites`).
 * @param {chrome.runtime.MessageSender} sender
 */
async function siteDisabled(sender) {
  let host = '';
  try { host = new URL(sender.url ?? sender.tab?.url ?? '').hostname; } catch { return false; }
  return (await disabledSites()).includes(host);
}

/**
 * Everything the options page and popup show: the resolved policy, or why it cannot be had.
 * @returns {Promise<object>}
 */
async function policyState() {
  try {
    await checker();
    return { ok: true, ...policy };
  } catch (e) {
    const { managed, local } = await policySources();
    return { ok: false, error: String(e && /** @type {Error} */ (e).message || e), fail_mode: failModeOf(managed, local), managed, local };
  }
}

// Managed policy (admin) or the user's options changed: rebuild the checker on the next
// message, live, without a restart.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'local' && LOCAL_KEY in changes)) {
    ready = null;
    resolving = null;
    policy = null;
    stats.policyReloads = (stats.policyReloads ?? 0) + 1;
  }
});

/**
 * What the content script needs of the resolved policy: the gate mode (default "confirm"), the
 * checklist asked before an official post (吉備中央町 4(9)②: the head of section's approval;
 * the policy's, else its preset's) and the organisation's official handles (the checklist is
 * for official accounts). From the WASM's resolvePolicy (defaults and preset filled in); an
 * older WASM without it: the policy JSON's own keys. Invalid values fall back to defaults.
 * @returns {Promise<{gate: string, checklist: {ja: string, en: string}[], official_handles: Record<string, string[]>, include_comments: boolean, paused: boolean}>}
 */
async function gatePolicy(sender) {
  /** @type {any} */
  let p = {};
  /** @type {import('./policy.js').PolicyState | null} */
  let state = null;
  try {
    // Resolves managed > local > preset (policy.js) without waiting for the checker's build
    // and warm-up: the content script does not know the gate mode until this answer (gate
    // "off" must not hold a post as "confirm" would while the checker starts).
    state = await resolvedPolicy();
    p = state.effective ?? {};
  } catch (e) {
    // The checker cannot run: the gate mode still follows the admin's and the user's settings.
    const { managed, local } = await policySources();
    p = { gate: rawValue(managed, local, gateOf), gateLocked: rawValue(managed, {}, gateOf) !== null };
  }
  let gate = GATE_MODES.includes(p?.gate) ? p.gate : 'confirm';
  // The user paused this site in the popup (allowed only while the admin has not locked `gate`).
  const userPaused = !(state?.locked?.includes('gate') || p.gateLocked) && await siteDisabled(sender);
  // gate "off" (set by the admin; the options page does not offer it) means no checking at all
  // (docs/admin.md section 3): like a paused site, nothing is shown.
  const paused = userPaused || gate === 'off';
  if (userPaused) gate = 'off';
  const checklist = Array.isArray(p?.checklist)
    ? p.checklist
      .filter((/** @type {any} */ c) => c && (typeof c.ja === 'string' || typeof c.en === 'string'))
      .map((/** @type {any} */ c) => ({ ja: String(c.ja ?? c.en), en: String(c.en ?? c.ja) }))
    : [];
  /** @type {Record<string, string[]>} */
  const official_handles = {};
  for (const [site, list] of Object.entries(p?.official_handles ?? {})) {
    if (Array.isArray(list)) official_handles[site] = list.filter((h) => typeof h === 'string');
  }
  // Facebook comment boxes are checked only when the policy says so (sites/facebook.js).
  // paused: the content script shows nothing on this site (no underline, badge or gate).
  return { gate, checklist, official_handles, include_comments: p?.include_comments === true, ...await failure(state), paused };
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || sender.id !== api.runtime.id) return false;
  if (msg.type === 'policy') {
    // {type:'policy'} → {gate, checklist}: the gate's part of the resolved policy.
    gatePolicy(sender).then(sendResponse);
    return true;
  }
  if (msg.type === 'warm') {
    // A compose field got focus: get ready before the first keystroke.
    const t0 = performance.now();
    checker().then(() => sendResponse({ ok: true, ms: performance.now() - t0 }), (e) => sendResponse({ error: String(e) }));
    return true;
  }
  if (msg.type === 'policyState') {
    // Options page and popup: effective policy, sources, locked keys, errors.
    policyState().then(sendResponse);
    return true;
  }
  if (msg.type === 'resolvePolicy') {
    // Options page, advanced box: `local` (a JSON text) resolved beside the admin's policy, not stored.
    resolvedPolicy()
      .then(() => resolveWith(String(msg.local ?? '')))
      .then((out) => ({ ok: true, ...out }), (e) => ({ ok: false, error: String(e && /** @type {Error} */ (e).message || e) }))
      .then(sendResponse);
    return true;
  }
  if (msg.type === 'image') {
    answerImage(msg).then(sendResponse);
    return true;
  }
  if (msg.type !== 'check') return false;
  answer(msg).then(sendResponse);
  return true; // answered asynchronously
});
