// The policy sources read as they are, without the checker (no WASM import): the admin's
// managed policy and the user's options, and the few values the extension needs when the
// checker cannot run (fail mode, support contact, gate mode). Used by the background
// (policy.js re-exports it) and by the content script, which reads them itself when the
// background does not answer.

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);

/** chrome.storage.local key holding the user's options (a policy object). */
export const LOCAL_KEY = 'policy';

/**
 * The admin's managed policy. Firefox rejects when no policy is installed; Chrome returns {}.
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readManaged() {
  try {
    const got = await api.storage.managed.get(null);
    return got && typeof got === 'object' ? got : {};
  } catch {
    return {};
  }
}

/** @returns {Promise<Record<string, unknown>>} the user's options */
export async function readLocal() {
  try {
    const got = await api.storage.local.get(LOCAL_KEY);
    const v = got?.[LOCAL_KEY];
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/**
 * A policy value read without the checker (used when the WASM cannot load, so resolvePolicy is
 * not available either): the managed key, then the managed policy_json's, then the user's;
 * `get` returns the value from one source object, or null when it has no valid one.
 * @template T
 * @param {Record<string, unknown>} managed
 * @param {Record<string, unknown>} local
 * @param {(o: any) => T | null} get
 * @returns {T | null}
 */
export function rawValue(managed, local, get) {
  let fromJson = null;
  if (typeof managed.policy_json === 'string') {
    try { fromJson = get(JSON.parse(managed.policy_json)); } catch { /* reported by resolvePolicy when it runs */ }
  }
  return get(managed) ?? fromJson ?? get(local);
}

/** The gate modes a policy may name (content/decide.js has the same list). */
export const GATE_MODES = ['off', 'badge', 'confirm', 'block'];

/**
 * The gate mode one policy source object names, or null.
 * @param {any} o
 * @returns {string | null}
 */
export const gateOf = (o) => (GATE_MODES.includes(o?.gate) ? o.gate : null);

/**
 * The fail mode without the checker, else 'open'.
 * @param {Record<string, unknown>} managed
 * @param {Record<string, unknown>} local
 * @returns {'open' | 'closed'}
 */
export function failModeOf(managed, local) {
  return rawValue(managed, local, (o) => (o && (o.fail_mode === 'open' || o.fail_mode === 'closed') ? o.fail_mode : null)) ?? 'open';
}

/**
 * The organisation's support contact (`organisation.contact`) without the checker, for the
 * message of a post held because the checker cannot run; '' when none is set.
 * @param {Record<string, unknown>} managed
 * @param {Record<string, unknown>} local
 * @returns {string}
 */
export function contactOf(managed, local) {
  return rawValue(managed, local, (o) => (typeof o?.organisation?.contact === 'string' && o.organisation.contact.trim() ? o.organisation.contact.trim() : null)) ?? '';
}

/**
 * The fail mode and the support contact straight from storage (the content script, when the
 * background did not answer).
 * @returns {Promise<{fail_mode: 'open' | 'closed', contact: string}>}
 */
export async function failureFromStorage() {
  const [managed, local] = await Promise.all([readManaged(), readLocal()]);
  return { fail_mode: failModeOf(managed, local), contact: contactOf(managed, local) };
}

/**
 * The gate's part of the policy straight from storage (the content script, when the background
 * did not answer in time): the gate mode (managed > local, else "confirm"; "off" pauses
 * checking), no checklist, the fail mode and the support contact.
 * @returns {Promise<{gate: import('./content/decide.js').GateMode, checklist: {ja: string, en: string}[], fail_mode: 'open' | 'closed', contact: string, paused: boolean}>}
 */
export async function gatePolicyFromStorage() {
  const [managed, local] = await Promise.all([readManaged(), readLocal()]);
  const gate = /** @type {import('./content/decide.js').GateMode} */ (rawValue(managed, local, gateOf) ?? 'confirm');
  return { gate, checklist: [], fail_mode: failModeOf(managed, local), contact: contactOf(managed, local), paused: gate === 'off' };
}
