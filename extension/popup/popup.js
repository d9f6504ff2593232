// Popup: checking on/off for the current site (chrome.storage.local `disabledSites`; the tab's
// content script applies it live), the current draft's counts (asked of the tab's content
// script with {type: 'status'}; "—" when it does not answer) and the policy in force.

import { disabledSites, setSiteEnabled } from '../policy.js';

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);
const t = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => api.i18n.getMessage(key, subs) || key;
const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (document.querySelector(sel));

for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(/** @type {HTMLElement} */ (e).dataset.i18n ?? '');
document.documentElement.lang = api.i18n.getUILanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';

/** The tab the popup was opened on (a ?tab=<id> query lets tests open the popup as a page). */
async function activeTab() {
  const q = new URLSearchParams(location.search).get('tab');
  if (q) return api.tabs.get(Number(q));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

const tab = await activeTab();
let host = '';
try { host = tab?.url ? new URL(tab.url).hostname : ''; } catch { host = ''; }

const box = /** @type {HTMLInputElement} */ ($('#site-on'));
$('#site-label').textContent = host ? t('popSiteOn', host) : t('popNoSite');
box.disabled = !host;
box.checked = host ? !(await disabledSites()).includes(host) : false;
box.addEventListener('change', async () => {
  const on = box.checked;
  await setSiteEnabled(host, on);
  // The content script pauses or resumes on the storage change; show its state once it has.
  for (let i = 0; i < 20; i++) {
    const s = await status();
    if (!s || s.paused === !on) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  $('#site-note').hidden = false;
  $('#site-note').textContent = t('popApplied', host);
  await showCounts();
});

const state = await api.runtime.sendMessage({ type: 'policyState' }).catch(() => null);
if (state?.ok && state.locked.includes('gate')) {
  // The admin decides the gate: no pausing per site either.
  box.disabled = true;
  box.checked = true;
  $('#site-note').hidden = false;
  $('#site-note').textContent = t('optLocked');
}
if (state?.ok) {
  const p = state.effective.preset;
  $('#preset').textContent = `${t(`preset_${p}`)}${state.locked.includes('preset') ? ` — ${t('optLocked')}` : ''}`;
  $('#state').textContent = state.errors.length ? t('popPolicyErrors', String(state.errors.length)) : t('popRunning');
} else {
  $('#state').textContent = t('popNotChecked');
}

/**
 * The tab's content script's answer to {type: 'status'}, or null (no content script there).
 * @returns {Promise<{paused: boolean, draft: boolean, state: string, block: number, warn: number, info: number} | null>}
 */
async function status() {
  if (tab?.id === undefined) return null;
  try {
    const s = await api.tabs.sendMessage(tab.id, { type: 'status' });
    return s && typeof s.block === 'number' ? s : null;
  } catch {
    return null;
  }
}

/** Counts per severity of the draft being written in the tab; "—" when the tab does not answer. */
async function showCounts() {
  const s = await status();
  const out = $('#counts');
  out.dataset.block = String(s?.block ?? '');
  out.dataset.warn = String(s?.warn ?? '');
  out.dataset.info = String(s?.info ?? '');
  if (!s) out.textContent = '—';
  else if (s.paused) out.textContent = t('popPaused');
  else if (!s.draft) out.textContent = t('popNoDraft');
  else out.textContent = t('popCountsValue', String(s.block), String(s.warn), String(s.info));
}
await showCounts();

$('#options').addEventListener('click', () => api.runtime.openOptionsPage());
