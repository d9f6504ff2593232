// Options page: the effective policy, where each value comes from, the problems found in the
// admin's and the user's settings, editable controls for the keys the admin did not lock, and
// a box to try the checker on a sample post, and every key of the user's options as JSON (the
// "advanced" box, checked by the checker's own resolvePolicy). Plain module, no framework; every
// control is a native form element (keyboard and screen-reader accessible as is).

import { readLocal, writeLocal } from '../policy.js';

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);
const t = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => api.i18n.getMessage(key, subs) || key;
const lang = api.i18n.getUILanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (document.querySelector(sel));

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LEVELS = ['off', 'info', 'warn', 'block'];
/** Keys this page edits; the others are shown in the table only (admin or policy file). */
const EDITABLE = ['preset', 'gate', 'categories', 'allowed_domains', 'working_hours'];
/** Gate values a user may choose: 'off' stays admin-only (the popup switches a site off visibly). */
const USER_GATES = ['badge', 'confirm', 'block'];

/** @type {any} the last policyState answer */
let state = null;
/** Keys the user changed since the last save. @type {Set<string>} */
const dirty = new Set();
/** The JSON box was edited since it was last filled or saved: a re-read keeps the user's text. */
let jsonDirty = false;

function translate() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
  document.documentElement.lang = lang;
}

/** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node|string)[]} [kids] */
function el(tag, attrs = {}, kids = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}

/** @param {unknown} v */
const show = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

async function loadSchema() {
  const res = await fetch(api.runtime.getURL('extension/managed_schema.json'));
  return res.json();
}

/** @param {any} schema */
function buildControls(schema) {
  const preset = /** @type {HTMLSelectElement} */ ($('#preset'));
  for (const p of schema.properties.preset.enum) preset.append(el('option', { value: p }, [t(`preset_${p}`)]));
  const gate = /** @type {HTMLSelectElement} */ ($('#gate'));
  for (const g of schema.properties.gate.enum) gate.append(el('option', { value: g }, [t(`gate_${g}`)]));
  const cats = $('#categories');
  for (const c of Object.keys(schema.properties.categories.properties)) {
    const sel = el('select', { id: `cat_${c}`, 'data-category': c });
    sel.append(el('option', { value: '' }, [t('optDefault')]));
    for (const l of LEVELS) sel.append(el('option', { value: l }, [t(`level_${l}`)]));
    cats.append(el('label', { for: `cat_${c}` }, [el('span', {}, [t(`cat_${c.replace(/-/g, '_')}`) || c]), sel]));
  }
  const days = $('#days');
  for (const d of DAYS) {
    days.append(el('label', {}, [el('input', { type: 'checkbox', value: d, 'data-day': d }), t(`day_${d}`)]));
  }
  for (const key of EDITABLE) {
    const field = /** @type {HTMLElement} */ (document.querySelector(`.field[data-key="${key}"]`));
    field.addEventListener('input', () => dirty.add(key));
    field.addEventListener('change', () => dirty.add(key));
  }
}

/**
 * Fill the controls from the effective policy; disable locked keys. A control the user has
 * changed and not saved yet (`dirty`) keeps its value: a policy change arriving meanwhile (the
 * admin's file, another tab) never discards what the user is typing.
 */
function fillControls() {
  const eff = state.effective ?? {};
  for (const key of state.locked ?? []) dirty.delete(key); // the admin's value wins
  const keep = (/** @type {string} */ key) => dirty.has(key);
  if (!keep('preset')) /** @type {HTMLSelectElement} */ ($('#preset')).value = eff.preset ?? 'strict';
  const gate = /** @type {HTMLSelectElement} */ ($('#gate'));
  if (!keep('gate')) gate.value = eff.gate ?? 'confirm';
  const gateLocked = state.locked?.includes('gate');
  for (const o of gate.options) o.disabled = !gateLocked && !USER_GATES.includes(o.value) && o.value !== gate.value;
  if (!keep('categories')) {
    for (const sel of document.querySelectorAll('#categories select')) {
      const c = /** @type {HTMLElement} */ (sel).dataset.category ?? '';
      /** @type {HTMLSelectElement} */ (sel).value = eff.categories?.[c] ?? '';
    }
  }
  if (!keep('allowed_domains')) /** @type {HTMLTextAreaElement} */ ($('#allowed_domains')).value = (eff.allowed_domains ?? []).join('\n');
  if (!keep('working_hours')) {
    const wh = eff.working_hours ?? {};
    for (const box of document.querySelectorAll('#days input')) {
      /** @type {HTMLInputElement} */ (box).checked = (wh.days ?? []).includes(/** @type {HTMLInputElement} */ (box).value);
    }
    /** @type {HTMLInputElement} */ ($('#wh_start')).value = wh.start ?? '';
    /** @type {HTMLInputElement} */ ($('#wh_end')).value = wh.end ?? '';
  }
  for (const key of EDITABLE) {
    const field = /** @type {HTMLElement} */ (document.querySelector(`.field[data-key="${key}"]`));
    const locked = Boolean(state.locked?.includes(key));
    field.classList.toggle('locked', locked);
    /** @type {HTMLElement} */ (field.querySelector('.lock')).hidden = !locked;
    for (const c of field.querySelectorAll('input, select, textarea')) {
      /** @type {HTMLInputElement} */ (c).disabled = locked;
      if (locked) c.setAttribute('aria-description', t('optLocked')); else c.removeAttribute('aria-description');
    }
  }
}

function fillTables() {
  const body = /** @type {HTMLTableSectionElement} */ ($('#effective tbody'));
  body.replaceChildren();
  for (const [key, value] of Object.entries(state.effective ?? {})) {
    const src = state.sources?.[key] ?? 'preset';
    const locked = state.locked?.includes(key);
    body.append(el('tr', { 'data-key': key }, [
      el('th', { scope: 'row' }, [key]),
      el('td', {}, [el('code', {}, [show(value)])]),
      el('td', { 'data-source': src }, [t(`source_${src}`) + (locked ? ` — ${t('optLocked')}` : '')]),
    ]));
  }
  const errs = state.errors ?? [];
  $('#errors-section').hidden = errs.length === 0;
  const eb = /** @type {HTMLTableSectionElement} */ ($('#errors tbody'));
  eb.replaceChildren();
  for (const e of errs) {
    eb.append(el('tr', { 'data-key': e.key, 'data-code': e.code ?? '' }, [
      el('td', {}, [t(`source_${e.source}`) || e.source]),
      el('td', {}, [el('code', {}, [e.key])]),
      el('td', {}, [el('code', {}, [show(e.value)])]),
      // The problem in the page's language (the checker gives both), else its English line.
      el('td', {}, [e.text?.[lang] || e.message || e.problem]),
    ]));
  }
}

/**
 * The JSON box: the user's options as stored (what writeLocal wrote), unless the user is
 * editing it; the keys the admin locked named in the section's help.
 */
async function fillJson() {
  if (!jsonDirty) /** @type {HTMLTextAreaElement} */ ($('#policy-json')).value = JSON.stringify(await readLocal(), null, 2);
  const locked = state?.locked ?? [];
  const note = $('#json-locked');
  note.hidden = locked.length === 0;
  note.textContent = locked.length ? t('optJsonLocked', locked.join(', ')) : '';
}

async function refresh() {
  state = await api.runtime.sendMessage({ type: 'policyState' });
  await fillJson();
  if (!state?.ok) {
    $('#status').textContent = t('optCheckerDown', state?.error ?? '');
    return;
  }
  $('#status').textContent = '';
  fillControls();
  fillTables();
}

/**
 * What the checker makes of `text` as the user's options, beside the admin's policy in force:
 * the background's `resolvePolicy`, the one it resolves the stored options with, so the
 * problems are the checker's own. Nothing is stored.
 * @param {string} text
 * @returns {Promise<import('../policy.js').PolicyState>}
 */
async function resolveText(text) {
  const res = await api.runtime.sendMessage({ type: 'resolvePolicy', local: text });
  if (!res?.ok) throw new Error(res?.error ?? 'no answer from the checker');
  return res;
}

/**
 * Where a JSON syntax error is, in characters: the checker names it `at line L column C` with
 * C counted in UTF-8 bytes (src/json.rs), and a line of Japanese has three bytes a character.
 * @param {string} text @param {number} line @param {number} byteCol
 * @returns {{col: number, offset: number}} the 1-based column in characters, the character's offset in the text (UTF-16)
 */
function syntaxAt(text, line, byteCol) {
  const lines = text.split('\n');
  let offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const enc = new TextEncoder();
  let bytes = 0;
  let col = 0;
  let last = offset;
  for (const ch of lines[line - 1] ?? '') {
    if (bytes >= byteCol) break;
    bytes += enc.encode(ch).length;
    col += 1;
    last = offset;
    offset += ch.length;
  }
  return { col: Math.max(col, 1), offset: last };
}

/**
 * Checks the JSON box with the checker and shows the result (role=alert): a syntax error with
 * its line and column, or every problem with its key and value in the page's language.
 * @returns {Promise<Record<string, unknown> | null>} the options to store (a JSON object, maybe with problems), or null
 */
async function checkJson() {
  const box = /** @type {HTMLTextAreaElement} */ ($('#policy-json'));
  const out = $('#json-result');
  const text = box.value;
  let res;
  try {
    res = await resolveText(text);
  } catch (e) {
    out.replaceChildren(el('p', {}, [t('optCheckerDown', String(e && /** @type {Error} */ (e).message || e))]));
    return null;
  }
  const errs = (res.errors ?? []).filter((e) => e.source === 'local');
  const syntax = errs.find((e) => e.key === '(document)' && e.code === 'not_json');
  if (syntax) {
    const detail = String(syntax.params?.detail ?? '');
    const m = /^(.*) at line (\d+) column (\d+)$/.exec(detail);
    const at = m ? syntaxAt(text, Number(m[2]), Number(m[3])) : null;
    out.replaceChildren(el('p', { class: 'problem', 'data-code': 'not_json' }, [
      m && at ? t('optJsonSyntax', m[2], String(at.col), m[1]) : syntax.text?.[lang] || syntax.message,
    ]));
    if (at) box.setSelectionRange(at.offset, at.offset + 1);
    return null;
  }
  /** @type {unknown} */
  let value = null;
  try { value = JSON.parse(text); } catch { /* the checker read it: a difference of parsers, reported below */ }
  if (!value || typeof value !== 'object' || Array.isArray(value) || errs.some((e) => e.key === '(document)')) {
    out.replaceChildren(el('p', { class: 'problem', 'data-code': 'not_object' }, [t('optJsonNotObject')]));
    return null;
  }
  if (!errs.length) {
    out.replaceChildren(el('p', {}, [t('optJsonOk')]));
  } else {
    out.replaceChildren(
      el('p', {}, [t('optJsonProblems', String(errs.length))]),
      el('ul', {}, errs.map((e) => el('li', { class: 'problem', 'data-key': e.key, 'data-code': e.code ?? '' }, [
        el('code', {}, [e.key]), ' = ', el('code', {}, [show(e.value)]), ': ', e.text?.[lang] || e.message || e.problem,
      ]))),
    );
  }
  return /** @type {Record<string, unknown>} */ (value);
}

/**
 * Stores the JSON box as the user's options when it is a JSON object (problems included: the
 * checker ignores each bad value and applies the rest, as the errors table then shows). Not an
 * object: nothing is stored and the text stays as typed.
 */
async function saveJson() {
  const local = await checkJson();
  const out = $('#json-result');
  if (!local) {
    out.append(el('p', {}, [t('optJsonNotSaved')]));
    return;
  }
  await writeLocal(local);
  jsonDirty = false;
  // The simple controls show what was just saved, not their own unsaved edits of those keys.
  for (const key of Object.keys(local)) dirty.delete(key);
  await refresh();
  out.prepend(el('p', {}, [t('optSaved')]));
}

/** The user's options from the controls they changed (locked keys are never written). */
async function save() {
  const local = { ...(await readLocal()) };
  const locked = new Set(state?.locked ?? []);
  for (const key of dirty) {
    if (locked.has(key)) continue;
    if (key === 'preset') local.preset = /** @type {HTMLSelectElement} */ ($('#preset')).value;
    if (key === 'gate') local.gate = /** @type {HTMLSelectElement} */ ($('#gate')).value;
    if (key === 'categories') {
      /** @type {Record<string, string>} */
      const cats = {};
      for (const sel of document.querySelectorAll('#categories select')) {
        const v = /** @type {HTMLSelectElement} */ (sel).value;
        if (v) cats[/** @type {HTMLElement} */ (sel).dataset.category ?? ''] = v;
      }
      local.categories = cats;
    }
    if (key === 'allowed_domains') {
      local.allowed_domains = /** @type {HTMLTextAreaElement} */ ($('#allowed_domains')).value
        .split(/[\s,、]+/).map((s) => s.trim()).filter(Boolean);
    }
    if (key === 'working_hours') {
      const prev = state?.effective?.working_hours ?? {};
      local.working_hours = {
        ...prev,
        days: [...document.querySelectorAll('#days input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value),
        start: /** @type {HTMLInputElement} */ ($('#wh_start')).value,
        end: /** @type {HTMLInputElement} */ ($('#wh_end')).value,
      };
    }
  }
  await writeLocal(local);
  dirty.clear(); // saved: the controls show the effective policy again
  await refresh();
  $('#status').textContent = t('optSaved');
}

async function tryChecker() {
  const text = /** @type {HTMLTextAreaElement} */ ($('#sample')).value;
  const account = /** @type {HTMLSelectElement} */ ($('#account')).value;
  const list = $('#findings');
  list.replaceChildren();
  const res = await api.runtime.sendMessage({ type: 'check', id: Date.now(), text, context: { account } });
  if (!res || res.error) {
    list.append(el('li', {}, [t('optCheckerDown', res?.error ?? '')]));
    return;
  }
  if (!res.findings.length) {
    list.append(el('li', { class: 'none' }, [t('optTryNone')]));
    return;
  }
  for (const f of res.findings) {
    list.append(el('li', { 'data-rule': f.rule, 'data-severity': f.severity }, [
      el('span', { class: `sev-${f.severity}` }, [t(`level_${f.severity}`)]), ' ',
      el('q', {}, [text.slice(f.start, f.end)]), ' ',
      f.message?.[lang] ?? f.message?.ja ?? '', ' ',
      el('span', { class: 'clauses' }, [`（${(f.clauses ?? []).join('、')}）`]),
    ]));
  }
}

translate();
buildControls(await loadSchema());
$('#settings').addEventListener('submit', (e) => { e.preventDefault(); save(); });
$('#reset').addEventListener('click', async () => { await writeLocal({}); dirty.clear(); await refresh(); $('#status').textContent = t('optSaved'); });
$('#try').addEventListener('click', tryChecker);
$('#policy-json').addEventListener('input', () => { jsonDirty = true; });
$('#json-check').addEventListener('click', () => { checkJson(); });
$('#json-save').addEventListener('click', saveJson);
api.storage.onChanged.addListener((_changes, area) => {
  // The admin's policy (or the options in another tab) changed: show it live. The background
  // drops its checker on the same event; ask it after it has.
  if (area === 'managed' || area === 'local') setTimeout(refresh, 50);
});
await refresh();
