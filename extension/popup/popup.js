// Popup: checking on/off for the current site (chrome.storage.local `disabledSites`, read by
// the content script), the current draft's counts (asked of the tab's content script with
// {type: 'status'}; "—" when it does not answer) and the policy in force.

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
  await setSiteEnabled(host, box.checked);
  $('#site-note').hidden = false;
  $('#site-note').textContent = t('popReload');
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

if (tab?.id !== undefined) {
  try {
    const s = await api.tabs.sendMessage(tab.id, { type: 'status' });
    if (s && typeof s.block === 'number') $('#counts').textContent = t('popCountsValue', String(s.block), String(s.warn), String(s.info));
  } catch { /* no content script in this tab: keep "—" */ }
}

$('#options').addEventListener('click', () => api.runtime.openOptionsPage());
