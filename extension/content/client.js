// Sends texts to the background's checker: {type:'check', id, text, context} →
// {id, findings, ms} or {id, error, fail_mode, contact}.

import { failureFromStorage, gatePolicyFromStorage } from '../policy_raw.js';

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);
let nextId = 1;

/**
 * @typedef {import('../ui/texts.js').Finding} Finding
 * @typedef {{error: string, rtt: number, fail_mode: 'open' | 'closed', contact: string, timeout?: boolean}} CheckFailure
 * @typedef {{findings: Finding[], account?: 'official' | 'personal' | 'unknown', ms: number, rtt: number} | CheckFailure} CheckResult
 */

/**
 * How long a check may take before it counts as failed (the policy's fail mode applies): 10 s,
 * plus 20 ms per 1,000 characters (a pasted megabyte takes seconds in the checker).
 * @param {string} text
 */
export const checkTimeout = (text) => 10000 + Math.ceil(text.length / 1000) * 20;

/**
 * @param {string} text
 * @param {object} context  the checker's Context (site, account, at, reply, handle, location_tag)
 * @returns {Promise<CheckResult>}
 */
export async function check(text, context) {
  return /** @type {CheckResult} */ (await withFailMode(await ask(text, context)));
}

/**
 * A failed check with the policy's fail mode and contact: the background's answer carries them
 * (read when it failed); without them (no answer in time, or none at all) they are read from
 * storage here, without the background. Other answers are returned as they are.
 * @template {object} T
 * @param {T} res
 * @returns {Promise<T>}
 */
async function withFailMode(res) {
  if (!('error' in res) || ('fail_mode' in res && res.fail_mode)) return res;
  return { ...res, ...await failureFromStorage() };
}

/**
 * The browser's answer to a message, or `late` if none came within `ms` milliseconds.
 * @param {any} msg
 * @param {number} ms
 * @param {object} late
 */
async function sendWithin(msg, ms, late) {
  /** @type {number | undefined} */
  let timer;
  const expired = new Promise((resolve) => { timer = setTimeout(() => resolve(late), ms); });
  try {
    return await Promise.race([api.runtime.sendMessage(msg), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @param {string} text
 * @param {object} context
 * @returns {Promise<CheckResult | {error: string, rtt: number, fail_mode?: 'open' | 'closed', contact?: string, timeout?: boolean}>}
 */
async function ask(text, context) {
  const id = nextId++;
  const t0 = performance.now();
  try {
    const res = await sendWithin({ type: 'check', id, text, context }, checkTimeout(text), { id, error: 'the checker did not answer in time', timeout: true });
    const rtt = performance.now() - t0;
    if (!res || res.id !== id) return { error: 'no answer from the checker', rtt };
    // A failed check carries the policy's fail mode, read by the background when it failed.
    if ('error' in res) return { error: res.error, rtt, fail_mode: res.fail_mode, contact: res.contact, timeout: res.timeout };
    return { findings: res.findings, account: res.account, ms: res.ms, rtt };
  } catch (e) {
    return { error: String(e && /** @type {Error} */ (e).message || e), rtt: performance.now() - t0 };
  }
}

/**
 * Local date-time in RFC 3339 with the UTC offset, as the checker's Context wants it.
 * @param {Date} d
 * @returns {string}
 */
export function rfc3339(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${sign}${p(Math.floor(a / 60))}:${p(a % 60)}`;
}

/**
 * Asks the background to initialise the checker now (a compose field got focus), so the first
 * check after a (re)start of the service worker does not wait for it. Fire and forget.
 */
export function warm() {
  api.runtime.sendMessage({ type: 'warm' }).catch(() => {});
}

/**
 * How long the background may take to answer the policy (it starts the WASM that resolves it;
 * seconds on a cold start) before the content script reads the policy from storage itself.
 */
export const POLICY_TIMEOUT_MS = 10000;

/**
 * The gate's part of the resolved policy, from the background: {gate, checklist, fail_mode,
 * contact, paused, ...} (`paused`: checking is switched off for this site). When the background
 * fails or does not answer in time: the gate mode, fail mode and contact read from storage
 * (managed > local, default "confirm"), no checklist.
 * @returns {Promise<{gate: import('./decide.js').GateMode, checklist: {ja: string, en: string}[], official_handles?: Record<string, string[]>, fail_mode?: import('./decide.js').FailMode, contact?: string, paused?: boolean}>}
 */
export async function gatePolicy() {
  /** @type {number | undefined} */
  let timer;
  try {
    const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), POLICY_TIMEOUT_MS); });
    const p = await Promise.race([api.runtime.sendMessage({ type: 'policy' }), late]);
    if (p && typeof p.gate === 'string' && Array.isArray(p.checklist)) return p;
  } catch {
    // the worker may be restarting: the stored policy until the next ask
  } finally {
    clearTimeout(timer);
  }
  return gatePolicyFromStorage();
}

/**
 * Calls `onChange` when what the checker or the gate use may have changed: the admin's managed
 * policy, the user's options (`policy`) or the sites switched off in the popup
 * (`disabledSites`). The background drops its checker on the same event (background.js), which
 * the browser dispatches to it before this tab's answer to the event can reach it.
 * @param {() => void} onChange
 */
export function onPolicyChange(onChange) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && ('policy' in changes || 'disabledSites' in changes))) onChange();
  });
}

/**
 * Answers the popup's {type: 'status'} (counts of the draft being written, whether this site is
 * paused) with what `status()` returns; other messages are not this listener's.
 * @param {() => object} status
 */
export function answerStatus(status) {
  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || msg.type !== 'status' || sender.id !== api.runtime.id) return false;
    sendResponse(status());
    return false;
  });
}

/**
 * Bytes as base64 (Chrome's runtime messaging serialises as JSON: a Uint8Array or ArrayBuffer
 * would arrive as `{}`; Firefox clones, but one path serves both). Uses Uint8Array#toBase64
 * where the browser has it, else btoa over 32 KB pieces (a multiple of 3 bytes each, so their
 * base64 concatenates; no argument list or intermediate string gets large).
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64(bytes) {
  const native = /** @type {any} */ (bytes).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i += 32766) {
    out += btoa(String.fromCharCode.apply(null, /** @type {any} */ (bytes.subarray(i, i + 32766))));
  }
  return out;
}

/**
 * @typedef {{error: string, fail_mode: 'open' | 'closed', contact: string, timeout?: boolean}} ImageFailure
 * @typedef {{findings: Finding[], format?: string, note?: string} | {read: [number, number][]} | ImageFailure} ImageResult
 */

/**
 * How long the background may take to answer one round of an image check before the check
 * counts as failed (the policy's fail mode applies, as for a text): the time a short text gets.
 * A round carries at most 320 KB (docs/images.md), read in milliseconds once the checker runs;
 * the rest is the checker's start after the service worker was stopped.
 */
export const IMAGE_TIMEOUT_MS = checkTimeout('');

/**
 * Asks the background's checker about an attached image, given parts of the file. With no parts yet,
 * the answer is `{read}`: the parts to read first. `{read}` again when the checker needs
 * another range (then call again with every part read so far). A check that fails (the checker
 * cannot run or throws) or does not answer within IMAGE_TIMEOUT_MS gives `{error}` with the
 * policy's fail mode and contact, as `check` does. Bytes that are not a readable image are not
 * a failure: their answer is `{findings: [], note}`.
 * @param {{id: string, size: number, parts: [number, number][], chunks: Uint8Array[], context: object}} req
 * @returns {Promise<ImageResult & {encodeMs?: number}>}
 */
export async function checkImage({ id, size, parts, chunks, context }) {
  /** @type {any} */
  let res;
  let encodeMs = 0;
  try {
    const t0 = performance.now();
    const data = chunks.map(toBase64);
    encodeMs = performance.now() - t0;
    res = await sendWithin({ type: 'image', id, size, parts, data, context }, IMAGE_TIMEOUT_MS, { error: 'the checker did not answer in time', timeout: true });
    if (!res || typeof res !== 'object') res = { error: 'no answer from the checker' };
  } catch (e) {
    res = { error: String(e && /** @type {Error} */ (e).message || e) };
  }
  return { ...await withFailMode(res), encodeMs };
}
