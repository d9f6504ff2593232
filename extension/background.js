// Hosts the WASM checker and answers the content scripts.
//
// Content scripts cannot compile WASM on x.com (its CSP lacks 'wasm-unsafe-eval'), the
// extension's own pages can. Chrome runs this file as a module service worker, Firefox as a
// module background script. The service worker may be stopped at any time: all state is
// rebuilt on demand from the first message after a restart (one shared init promise).

import init, { Checker } from './pkg/postcheck.js';
import { policyJson } from './policy.js';

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);

/**
 * @typedef {{type: 'check', id: number, text: string, context: object}} CheckRequest
 * @typedef {{id: number, findings: object[], ms: number, cold?: boolean} | {id: number, error: string}} CheckResponse
 */

/** Counters for diagnostics (never any text). */
const stats = { inits: 0, checks: 0, initMs: 0 };
globalThis.postcheckStats = stats;

/** @type {Promise<Checker> | null} */
let ready = null;

/**
 * The checker, built once per worker lifetime; a failed init is retried on the next message.
 * @returns {Promise<Checker>}
 */
function checker() {
  if (!ready) {
    ready = (async () => {
      const t0 = performance.now();
      await init({ module_or_path: api.runtime.getURL('extension/pkg/postcheck_bg.wasm') });
      const c = new Checker(await policyJson());
      const errors = JSON.parse(c.policyErrors());
      if (errors.length) console.warn('postcheck: policy problems (ignored entries)', errors);
      stats.inits += 1;
      stats.initMs = performance.now() - t0;
      return c;
    })();
    ready.catch(() => { ready = null; });
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
    const out = JSON.parse(c.check(String(msg.text ?? ''), JSON.stringify(msg.context ?? {})));
    stats.checks += 1;
    if (out.error) return { id: msg.id, error: String(out.error) };
    return { id: msg.id, findings: out.findings, ms: performance.now() - t0, cold };
  } catch (e) {
    return { id: msg.id, error: String(e && /** @type {Error} */ (e).message || e) };
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.type !== 'check' || sender.id !== api.runtime.id) return false;
  answer(msg).then(sendResponse);
  return true; // answered asynchronously
});
