// Where the checker's policy comes from: the admin's managed policy (chrome.storage.managed:
// Chrome/Edge policy files and registry, Firefox policies.json) and the user's own options
// (chrome.storage.local, key LOCAL_KEY), resolved by the checker's `resolvePolicy` (managed >
// local > preset, per key; bad values reported and ignored, never silently switched off).

import { resolvePolicy } from './pkg/postcheck.js';
import { LOCAL_KEY, readManaged, readLocal } from './policy_raw.js';

export { LOCAL_KEY, readManaged, readLocal, rawValue, failModeOf, contactOf, GATE_MODES, gateOf } from './policy_raw.js';

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);

/** chrome.storage.local key: hostnames where the user switched checking off (popup). */
export const DISABLED_SITES_KEY = 'disabledSites';

/** @param {Record<string, unknown>} local the user's options (keys the admin locked are dropped by resolvePolicy anyway) */
export async function writeLocal(local) {
  await api.storage.local.set({ [LOCAL_KEY]: local });
}

/**
 * Both sources as JSON strings for `resolvePolicy(managedJson, localJson)`.
 * @returns {Promise<{managed: Record<string, unknown>, local: Record<string, unknown>, managedJson: string, localJson: string}>}
 */
export async function policySources() {
  const [managed, local] = await Promise.all([readManaged(), readLocal()]);
  return { managed, local, managedJson: JSON.stringify(managed), localJson: JSON.stringify(local) };
}

/**
 * @typedef {{effective: Record<string, unknown>, sources: Record<string, 'managed'|'local'|'preset'>,
 *   locked: string[], errors: {source: string, key: string, value: unknown, code: string, params: Record<string, string>,
 *     problem: string, text: {ja: string, en: string}, message: string}[],
 *   rule_settings: Record<string, string>, managed: Record<string, unknown>, local: Record<string, unknown>}} PolicyState
 */

/**
 * Reads both sources and resolves them. The WASM module must be initialised (background.js
 * does so before calling).
 * @returns {Promise<PolicyState>}
 */
export async function resolveState() {
  const { managed, local, managedJson, localJson } = await policySources();
  const out = JSON.parse(resolvePolicy(managedJson, localJson));
  return { ...out, managed, local };
}

/**
 * What the checker makes of `localJson` as the user's options beside the admin's policy in
 * force (the options page's advanced box: nothing is stored). WASM initialised first.
 * @param {string} localJson
 * @returns {Promise<PolicyState>}
 */
export async function resolveWith(localJson) {
  const managed = await readManaged();
  return { ...JSON.parse(resolvePolicy(JSON.stringify(managed), localJson)), managed, local: {} };
}

/**
 * The effective policy JSON for `new Checker(…)` (WASM initialised first).
 * @returns {Promise<string>}
 */
export async function policyJson() {
  return JSON.stringify((await resolveState()).effective);
}

/**
 * Hostnames where checking is switched off by the user.
 * @returns {Promise<string[]>}
 */
export async function disabledSites() {
  try {
    const got = await api.storage.local.get(DISABLED_SITES_KEY);
    const v = got?.[DISABLED_SITES_KEY];
    return Array.isArray(v) ? v.filter((s) => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** @param {string} host @param {boolean} on */
export async function setSiteEnabled(host, on) {
  const list = new Set(await disabledSites());
  if (on) list.delete(host); else list.add(host);
  await api.storage.local.set({ [DISABLED_SITES_KEY]: [...list].sort() });
}
