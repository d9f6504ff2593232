// postcheck's content script for X and Facebook: finds the compose fields (every post of a thread), checks
// what is written in them, underlines findings, shows the badge, the card, the panel and a
// live region, and gates the post. It only ever READS the editor: no execCommand, no injected
// nodes, no attribute changes.

import * as x from './sites/x.js';
import * as facebook from './sites/facebook.js';
import { Session, sessionStats, timed } from './session.js';
import { inSlices } from './slices.js';
import { Attachments, imageFiles, imageStats } from './attachments.js';
import { readText, saveSelection, restoreSelection, carrySpans } from './textmap.js';
import { check, warm, rfc3339, gatePolicy, onPolicyChange, answerStatus } from './client.js';
import { installGate, gateStats } from './gate.js';
import { paintedOwners } from './highlights.js';
import { t, lang } from './i18n.js';
import { Badge } from '../ui/badge.js';
import { Card } from '../ui/card.js';
import { Panel } from '../ui/panel.js';
import { LiveRegion } from '../ui/live.js';

/** @typedef {import('./session.js').Result} Result */
/** @typedef {import('../ui/texts.js').Finding} Finding */

/** The site adapter for this page (the manifest runs this script on X and Facebook only). */
const site = /(^|\.)facebook\.com$/.test(location.hostname) ? facebook : x;

/** One session per watched editor; removed with its editor. @type {Map<HTMLElement, Session>} */
const sessions = new Map();
/** The editor being written in (focus), or null. @type {HTMLElement | null} */
let activeEditor = null;
/** @type {Badge | null} */
let badge = null;
/** Whether the badge shows a post waiting for the policy (`showPolicyWait`). */
let badgeForPolicyWait = false;
/** @type {Card | null} */
let card = null;
/** @type {Panel | null} */
let panel = null;
/** @type {LiveRegion | null} */
let live = null;
/** The gate's part of the policy (asked from the background at start and on focus). */
/** @type {Awaited<ReturnType<typeof gatePolicy>>} */
let policy = { gate: 'confirm', checklist: [] };
/**
 * Whether the background answered yet. Until it does (it starts the WASM that resolves the
 * policy: seconds on a cold start), no editor is watched and the gate holds a post until the
 * answer, then decides in the mode the policy names (gate "off" must not act as "confirm").
 */
let policyKnown = false;
const refreshPolicy = () => gatePolicy().then((p) => {
  const first = !policyKnown;
  const was = !!policy.paused;
  policy = p;
  policyKnown = true;
  if ('configure' in site) site.configure(p); // Facebook: include_comments
  if (first || !!p.paused !== was) pauseChanged();
});
const firstPolicy = refreshPolicy();

/** Whether editors are checked: the policy is known and checking is not off for this site. */
const watching = () => policyKnown && !policy.paused;
/** The editor focused before the policy was known (the focus may have moved to Post since). */
/** @type {HTMLElement | null} */
let writtenBeforePolicy = null;

/**
 * The kind of account each handle was last checked as (the checker matches the handle against
 * the policy's official_handles: for Facebook Pages by name, vanity name or page id).
 * @type {Map<string, string>}
 */
const accounts = new Map();

/**
 * Checks and notes the kind of account the checker saw for the context's handle.
 * @type {typeof check}
 */
async function checkAndNote(text, ctx) {
  const res = await check(text, ctx);
  const handle = /** @type {{handle?: string | null}} */ (ctx).handle;
  if ('findings' in res && res.account && handle) {
    accounts.delete(handle);
    accounts.set(handle, res.account);
    while (accounts.size > 16) accounts.delete(/** @type {string} */ (accounts.keys().next().value));
  }
  return res;
}

/** Results by text (the gate also posts editors that were never focused). */
/** @type {Map<string, Result>} */
const cache = new Map();

/** @param {Result} r */
function remember(r) {
  if ('error' in r) return;
  cache.delete(r.text);
  cache.set(r.text, r);
  while (cache.size > 32) cache.delete(/** @type {string} */ (cache.keys().next().value));
}

/**
 * The checker's Context for an editor, read from the page each time (SPA: nothing is kept).
 * Whether the account is official is for the policy to say (background); the page cannot tell.
 * @param {HTMLElement} editor
 */
function context(editor) {
  return {
    site: site.SITE,
    account: 'unknown',
    at: rfc3339(new Date()),
    reply: site.isReply(editor),
    handle: site.accountHandle(editor),
    location_tag: site.hasLocationTag(editor),
  };
}

/**
 * What of the context the page can change without a keystroke (a result depends on it): the
 * location tag (X's location button, Facebook's check-in) and who posts (Facebook's voice
 * switcher: a Page or a person, official or personal rules).
 * @param {HTMLElement} editor
 */
const contextKey = (editor) => `${site.hasLocationTag(editor) ? 'location-tag' : ''}|${site.accountHandle(editor) ?? ''}`;

const labels = () => ({
  sev: { info: t('sevInfo'), warn: t('sevWarn'), block: t('sevBlock') },
  why: t('cardWhy'),
  fix: t('cardFix'),
  clauses: t('cardClauses'),
});

// ---- sessions: one per editor of the composer being written in ---------------------------

/** Sessions of the composer the active editor belongs to, in document order. */
function composerSessions() {
  if (!activeEditor) return [];
  return site.siblingsOf(activeEditor).map((e) => sessions.get(e)).filter((s) => !!s);
}

/**
 * Watches an editor and every other post of its thread; the editor becomes the active one.
 * @param {HTMLElement} editor
 */
function attach(editor) {
  if (!policyKnown) {
    writtenBeforePolicy = editor; // watched once the policy is known (pauseChanged)
    return;
  }
  if (policy.paused) return;
  activeEditor = editor;
  for (const e of site.siblingsOf(editor)) {
    if (sessions.has(e)) continue;
    const s = new Session(e, { blockSel: site.SELECTORS.block, context, key: contextKey, onState, check: checkAndNote });
    sessions.set(e, s);
    s.refresh();
  }
  onState();
}

/** Drops the sessions whose editor left the document (SPA navigation, modal closed, post removed). */
function sweep() {
  for (const [e, s] of sessions) {
    if (e.isConnected) continue;
    s.close();
    sessions.delete(e);
    announced.delete(e);
    if (activeEditor === e) activeEditor = null;
  }
  if (!activeEditor) {
    const now = site.editorOf(document.activeElement);
    if (now) attach(now);
  } else {
    // A post added to the thread ("Add another post"): watch it too.
    for (const e of site.siblingsOf(activeEditor)) if (!sessions.has(e)) attach(activeEditor);
  }
  attachments.sweep();
  recheckContext();
  // Before the policy is known no editor is watched: the badge then shows a post waiting for
  // the policy (showPolicyWait), which the policy's answer replaces.
  if (!activeEditor && !badgeForPolicyWait) {
    card?.hide();
    panel?.close();
    badge?.hide(); // the composer it described is gone (e.g. the Facebook dialog closed on Post)
    showUnrecognised();
  }
}

/** A location tag was set or removed: the sessions whose result assumed otherwise check again. */
function recheckContext() {
  for (const s of sessions.values()) {
    if (s.result && s.editor.isConnected && (s.result.key ?? '') !== s.key()) s.refresh();
  }
}

// ---- attached images ----------------------------------------------------------------------

/** The composer of the editor being written in. */
const activeComposer = () => (activeEditor ? site.composerOf(activeEditor) : null);

/**
 * The first editor of a composer (to take the context from, and to show the badge by).
 * @param {Element} composer
 */
const editorIn = (composer) => site.allEditors().find((e) => composer.contains(e)) ?? null;

const attachments = new Attachments({
  previewsIn: site.previewsIn,
  context: (composer) => {
    const ed = editorIn(composer);
    return ed ? context(ed) : { site: site.SITE, account: 'unknown', at: rfc3339(new Date()) };
  },
  onChange: () => onState(),
});

/**
 * Images were attached to a composer (file input, drop, paste): check them, and show the
 * badge for that composer even if its editor was not focused yet.
 * @param {File[]} files
 * @param {Element | null} composer
 */
function attachFiles(files, composer) {
  if (!composer || files.length === 0) return;
  const ed = editorIn(composer);
  if (ed && (!activeEditor || site.composerOf(activeEditor) !== composer)) attach(ed);
  warm();
  attachments.add(files, composer);
}

document.addEventListener('change', (e) => {
  if (!site.isFileInput(e.target)) return;
  const input = /** @type {HTMLInputElement} */ (e.target);
  attachFiles([...(input.files ?? [])], site.composerAt(input));
}, true);
document.addEventListener('paste', (e) => {
  const files = imageFiles(/** @type {ClipboardEvent} */ (e).clipboardData);
  if (files.length) attachFiles(files, site.composerAt(/** @type {Element} */ (site.editorOf(/** @type {Node} */ (e.target)) ?? e.target)));
}, true);
document.addEventListener('drop', (e) => {
  const files = imageFiles(/** @type {DragEvent} */ (e).dataTransfer);
  if (files.length) attachFiles(files, site.composerAt(e.target));
}, true);

// ---- badge, live region -------------------------------------------------------------------

/**
 * The warnings announced per editor: their spans in the text they were announced for. Carried
 * over each edit while any of their characters remain (textmap.js carrySpans), so a warning
 * that grows or moves as the user types (吉備中央町豊野1 → 1-2 → 1-2-3, text typed before it)
 * is read out once, not again at every keystroke; once its characters are deleted it is
 * forgotten (typed again, it is new again).
 * @typedef {{key: string, start: number, end: number}} Announced
 */
/** @type {Map<HTMLElement, {text: string, spans: Announced[]}>} */
const announced = new Map();

/**
 * Spans by key (severity and rule), sorted by start, with the largest end up to each: whether
 * [start, end) overlaps one of them is one binary search.
 * @param {Announced[]} spans
 */
function spanIndex(spans) {
  /** @type {Map<string, {starts: number[], maxEnds: number[]}>} */
  const by = new Map();
  for (const sp of [...spans].sort((x, y) => x.start - y.start)) {
    let e = by.get(sp.key);
    if (!e) by.set(sp.key, (e = { starts: [], maxEnds: [] }));
    e.maxEnds.push(Math.max(sp.end, e.maxEnds[e.maxEnds.length - 1] ?? 0));
    e.starts.push(sp.start);
  }
  /** @param {string} key @param {number} start @param {number} end */
  return (key, start, end) => {
    const e = by.get(key);
    if (!e) return false;
    let lo = 0, hi = e.starts.length; // the spans starting before `end`: [0, lo)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e.starts[mid] < end) lo = mid + 1; else hi = mid;
    }
    return lo > 0 && e.maxEnds[lo - 1] > start;
  };
}

/**
 * Overlapping spans of the same key merged: what is remembered stays as small as the text.
 * @param {Announced[]} spans
 */
function mergeSpans(spans) {
  /** @type {Map<string, Announced>} */
  const open = new Map();
  /** @type {Announced[]} */
  const out = [];
  for (const sp of [...spans].sort((x, y) => x.start - y.start)) {
    const last = open.get(sp.key);
    if (last && sp.start < last.end) last.end = Math.max(last.end, sp.end);
    else {
      const copy = { ...sp };
      open.set(sp.key, copy);
      out.push(copy);
    }
  }
  return out;
}

/** @param {Session} s */
function announce(s) {
  if (!s.result || !('findings' in s.result)) return;
  const text = s.result.text;
  const shown = s.shown;
  const prev = announced.get(s.editor);
  const carried = prev ? carrySpans(prev.spans, prev.text, text) : [];
  const known = spanIndex(carried);
  /** @type {Announced[]} */
  const now = [];
  /** The new warnings (only the first LIVE_MAX are read out, so only those are worded). */
  /** @type {Finding[]} */
  const fresh = [];
  let freshCount = 0;
  const token = (announcing.get(s.editor) ?? 0) + 1;
  announcing.set(s.editor, token);
  /** @param {number} i */
  const step = (i) => {
    const f = shown[i];
    if (f.severity === 'info') return;
    const sp = { key: `${f.severity}\u0000${f.rule}`, start: f.start, end: Math.max(f.end, f.start + 1) };
    now.push(sp);
    if (known(sp.key, sp.start, sp.end)) return;
    freshCount += 1;
    if (fresh.length < LIVE_MAX) fresh.push(f);
  };
  const say = () => {
    announced.set(s.editor, { text, spans: mergeSpans([...carried, ...now]) });
    if (freshCount === 0) return;
    live ??= new LiveRegion();
    // A few at a time: a paste with hundreds of warnings is summed up, not read out in full.
    const sev = labels().sev;
    const more = freshCount - LIVE_MAX;
    const ja = lang() === 'ja';
    /** Each part a sentence of its own (the messages end with one already). @param {string} x */
    const sentence = (x) => (/[。.!?！？]$/.test(x) ? x : `${x}${ja ? '。' : '.'}`);
    const parts = [...fresh.map((f) => `${sev[f.severity]}: ${pick(f.message)}`), ...(more > 0 ? [t('liveMore', [more])] : [])];
    live.say(parts.map(sentence).join(ja ? '' : ' '));
  };
  if (shown.length <= ANNOUNCE_AT_ONCE) {
    for (let i = 0; i < shown.length; i++) step(i);
    say();
    return;
  }
  // Thousands (a pasted megabyte): compared in slices; a later result of the editor supersedes.
  inSlices(shown.length, step, () => announcing.get(s.editor) === token && !s.closed, (fn) => timed('maxSettleMs', 'live region', fn)).then((done) => {
    if (done) timed('maxSettleMs', 'live region', say);
  });
}

/** The latest announce per editor (a newer result stops one still in slices). @type {WeakMap<HTMLElement, number>} */
const announcing = new WeakMap();
/** Findings compared at once for the live region; more in slices. */
const ANNOUNCE_AT_ONCE = 500;

/** At most this many new warnings are read out at once by the live region. */
const LIVE_MAX = 3;

/** @param {{ja: string, en: string}} m */
const pick = (m) => (m && (m[lang()] || m.ja || m.en)) || '';

/**
 * Findings shown per severity for the composer being written in: the text of its posts and its
 * attached photos (what the badge and the popup count).
 */
function draftCounts() {
  const counts = { info: 0, warn: 0, block: 0 };
  for (const s of composerSessions()) for (const f of s.shown) counts[f.severity] += 1;
  for (const { f } of attachments.shown(activeComposer())) counts[f.severity] += 1;
  return counts;
}

/** @param {Session} [s] */
function onState(s) {
  if (s?.result) {
    remember(s.result);
    // Read by the session just now: no second read of the editor (a pasted megabyte).
    if (s.fits(s.result, s.map.text)) announce(s);
  }
  const all = composerSessions();
  if (!activeEditor || all.length === 0) return;
  if (!badge) badge = new Badge(() => openPanel(true));
  const counts = draftCounts();
  let state = 'clean';
  for (const x of all) {
    const st = x.state();
    if (st === 'checking') state = 'checking';
    else if (st === 'error' && state !== 'checking') state = 'error';
  }
  if (!attachments.settled(activeComposer())) state = 'checking';
  else if (attachments.failure(activeComposer()) && state !== 'checking') state = 'error';
  if (state === 'clean') state = counts.block ? 'block' : counts.warn ? 'warn' : counts.info ? 'info' : 'clean';
  const sep = lang() === 'ja' ? '・' : ', ';
  const parts = [];
  if (counts.block) parts.push(t('badgeBlock', [counts.block]));
  if (counts.warn) parts.push(t('badgeWarn', [counts.warn]));
  if (counts.info) parts.push(t('badgeInfo', [counts.info]));
  const text = state === 'checking' ? t('badgeChecking') : state === 'error' ? t('badgeError') : parts.length ? parts.join(sep) : t('badgeClean');
  badge.set(/** @type {import('../ui/badge.js').BadgeState} */ (state), counts, text);
  if (panel?.open) openPanel(false);
  placeSoon();
}

let placeQueued = false;
/**
 * Places the badge and the caret's card at the next frame: measuring the editor right after
 * it changed would force a layout of all its text inside this task (a pasted megabyte: the
 * page's whole layout), while the frame lays it out once anyway.
 */
function placeSoon() {
  if (placeQueued) return;
  placeQueued = true;
  requestAnimationFrame(() => {
    placeQueued = false;
    place();
    caretCard();
  });
}

/** Keeps the badge next to the composer. */
function place() {
  if (!activeEditor || !badge) return;
  if (!activeEditor.isConnected) {
    sweep();
    return;
  }
  const band = 'badgeBand' in site ? site.badgeBand(activeEditor) : null;
  if (band) {
    badge.placeIn(band); // Facebook: inside the dialog, on the acting profile's row
    return;
  }
  const button = site.postButtonFor(activeEditor);
  badge.place(site.anchorOf(activeEditor).getBoundingClientRect(), button ? button.getBoundingClientRect() : null);
}

/**
 * What the card must leave visible: the post (or Next) button, the badge and the line with the caret;
 * the rest of the editor it covers only when nothing else fits; it may sit beside the composer.
 * @param {HTMLElement} editor
 * @returns {Parameters<Card['show']>[5]}
 */
function keepClear(editor) {
  const hard = [];
  const button = site.postButtonFor(editor);
  if (button) hard.push(button.getBoundingClientRect());
  if (badge && badge.host.style.display !== 'none') hard.push(badge.host.getBoundingClientRect());
  const e = editor.getBoundingClientRect();
  const sel = getSelection();
  if (sel && sel.rangeCount && editor.contains(sel.focusNode)) {
    const r = sel.getRangeAt(0).getClientRects();
    const line = r[r.length - 1];
    if (line) hard.push(new DOMRect(e.left, line.top, e.width, line.height));
  }
  const zone = site.composerOf(editor)?.getBoundingClientRect() ?? e;
  return { zone, hard, soft: [e] };
}

/** On /compose/post with no editor recognised: the badge says so instead of staying silent. */
function showUnrecognised() {
  const area = watching() ? site.unrecognisedComposer() : null;
  if (!area) {
    if (!activeEditor && badge?.host.dataset.state === 'unknown') badge.hide();
    return;
  }
  badge ??= new Badge(() => openPanel(true));
  badge.set('unknown', { info: 0, warn: 0, block: 0 }, t('badgeUnknown'));
  const r = area.getBoundingClientRect();
  badge.place(new DOMRect(r.left, r.top, Math.min(r.width, innerWidth - r.left), Math.min(r.height, innerHeight - r.top)), null); // under the area: its top right holds the close button
}

/**
 * A post made before the policy is known waits for it (seconds right after the browser
 * started): the badge says "確認中 / Checking" at the composer meanwhile, so a click is never
 * met with nothing. The policy's answer replaces it (pauseChanged: hidden when checking is off,
 * else the session's own state).
 * @param {HTMLElement} button
 */
function showPolicyWait(button) {
  const area = site.composerOf(button);
  if (!area) return;
  badge ??= new Badge(() => openPanel(true));
  badge.set('checking', { info: 0, warn: 0, block: 0 }, t('badgeChecking'));
  badgeForPolicyWait = true;
  const r = area.getBoundingClientRect();
  badge.place(new DOMRect(r.left, r.top, Math.min(r.width, innerWidth - r.left), 0), null);
}

// ---- the panel ----------------------------------------------------------------------------

/** Where the caret was when the panel took focus (restored when it closes). */
/** @type {{editor: HTMLElement, caret: {anchor: number, focus: number} | null} | null} */
let panelReturn = null;

/**
 * Every finding shown in the composer: the text's in document order, with its session, then
 * the attached images' (no session, no span), each naming its file.
 * @returns {{s: Session | null, f: Finding, i: number, a?: import('./attachments.js').Attachment}[]}
 */
function composerFindings() {
  const text = composerSessions().flatMap((s) => s.shown.map((f, i) => ({ s, f, i })));
  const files = attachments.shown(activeComposer()).map(({ a, f }) => ({
    s: null, f: { ...f, subject: a.name ? t('attachmentSubject', [a.name]) : t('attachmentUnnamed') }, i: -1, a,
  }));
  return [...text, ...files];
}

/** @param {boolean} takeFocus */
function openPanel(takeFocus) {
  if (!activeEditor || !badge) return;
  panel ??= new Panel(() => {
    badge?.expanded(false);
    const back = panelReturn;
    panelReturn = null;
    if (back && back.editor.isConnected) restoreSelection(back.editor, site.SELECTORS.block, back.caret);
  });
  if (takeFocus && !panel.open) {
    const ed = composerSessions().map((s) => s.editor).find((e) => e.contains(document.activeElement)) ?? activeEditor;
    panelReturn = { editor: ed, caret: saveSelection(ed, site.SELECTORS.block) };
  }
  const items = composerFindings().map(({ s, f, a }) => ({
    finding: f,
    quote: s ? s.shownText.slice(f.start, f.end) : '',
    ignore: f.severity === 'block' ? null : () => {
      // Re-renders the panel (onState), which keeps the focus at the same place.
      if (s) s.ignore(f);
      else if (a) attachments.ignore(a, f);
    },
  }));
  panel.show(items, lang(), {
    ...labels(),
    panelTitle: t('panelTitle'),
    close: t('panelClose'),
    ignore: t('ignoreOnce'),
    empty: t('panelEmpty'),
  }, badge.host.getBoundingClientRect().width ? rectOfBadge() : site.anchorOf(activeEditor).getBoundingClientRect(), takeFocus);
  badge.expanded(true);
}

function rectOfBadge() {
  const r = /** @type {Badge} */ (badge).host.getBoundingClientRect();
  return r;
}

// ---- the field watcher: focus, input, IME composition, mutations -------------------------

document.addEventListener('focusin', (e) => {
  const editor = site.editorOf(/** @type {Node} */ (e.target));
  if (!editor) {
    // A box the policy may include (Facebook comments with include_comments): ask again.
    const box = /** @type {Node} */ (e.target);
    if (box instanceof HTMLElement && box.isContentEditable) {
      refreshPolicy().then(() => {
        const now = site.editorOf(box);
        if (now && now.contains(document.activeElement)) attach(now);
      });
    }
    return;
  }
  warm(); // the service worker may have been stopped: start it before the first keystroke
  refreshPolicy();
  attach(editor);
}, true);

document.addEventListener('compositionstart', (e) => {
  const s = sessionOf(e.target);
  if (s) s.composing = true;
}, true);

document.addEventListener('compositionend', (e) => {
  const s = sessionOf(e.target);
  if (!s) return;
  s.composing = false;
  // The editor re-renders the committed text right after compositionend: read after it.
  setTimeout(() => s.refresh(), 0);
}, true);

/** @param {EventTarget | null} target */
function sessionOf(target) {
  const ed = site.editorOf(/** @type {Node} */ (target));
  return ed ? sessions.get(ed) ?? null : null;
}

document.addEventListener('input', (e) => {
  const editor = site.editorOf(/** @type {Node} */ (e.target));
  if (!editor || /** @type {InputEvent} */ (e).isComposing || !watching()) return;
  if (!sessions.has(editor) || activeEditor !== editor) attach(editor);
  schedule(/** @type {Session} */ (sessions.get(editor)));
}, true);

/** @type {Set<Session>} */
const dirty = new Set();
/**
 * Coalesces the mutations of one task into one refresh per editor.
 * @param {Session} s
 */
function schedule(s) {
  s.touch(); // at once: the gate may ask whether its result is current before the refresh
  if (dirty.size === 0) {
    queueMicrotask(() => {
      const list = [...dirty];
      dirty.clear();
      for (const x of list) x.refresh();
    });
  }
  dirty.add(s);
}

let sweepTimer = 0;
/** @param {MutationRecord[]} records */
function onMutations(records) {
  let structural = false;
  for (const s of sessions.values()) {
    if (!s.editor.isConnected) { structural = true; continue; }
    if (records.some((r) => s.editor.contains(r.target))) schedule(s);
  }
  if (!structural && records.some((r) => r.type === 'childList' && (r.addedNodes.length > 0 || (r.removedNodes.length > 0 && badge?.host.dataset.state === 'unknown')))) structural = true; // a composer that was not recognised may have gone
  // A preview removed (the attachment with it), or a location tag toggled (aria-pressed).
  if (attachments.list.length && records.some((r) => r.type === 'childList' && r.removedNodes.length > 0)) attachments.sweep();
  if (records.some((r) => r.type === 'attributes')) recheckContext();
  // New or removed composers: looked at once the page has settled (SPA renders in bursts).
  if (structural && !sweepTimer) {
    sweepTimer = setTimeout(() => {
      sweepTimer = 0;
      sweep();
    }, 120);
  }
}
const observer = new MutationObserver(onMutations);
observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-pressed', 'aria-checked'] });

/** Changes of this very task the observer has not delivered yet are taken now (the gate decides on them). */
function flushMutations() {
  const records = observer.takeRecords();
  if (records.length) onMutations(records);
}

/** The page moved under the UI: the badge, the card and the open panel follow. */
function follow() {
  place();
  if (hovering) {
    hovering = false; // the text moved away from the pointer
    card?.hide();
  }
  caretCard();
  if (panel?.open) openPanel(false);
}
addEventListener('scroll', () => requestAnimationFrame(follow), { capture: true, passive: true });
addEventListener('resize', () => requestAnimationFrame(follow), { passive: true });

// ---- the card: hover, keyboard focus (caret), or Alt+Shift+N / Alt+Shift+P --------------

let hovering = false;
let moveQueued = false;
/** @type {{x: number, y: number}} */
let pointer = { x: -1, y: -1 };
/** The warning shown by Alt+Shift+N/P (index into composerFindings), or -1. */
let cursor = -1;

document.addEventListener('mousemove', (e) => {
  pointer = { x: e.clientX, y: e.clientY };
  if (moveQueued) return;
  moveQueued = true;
  requestAnimationFrame(() => {
    moveQueued = false;
    let hit = null;
    /** @type {HTMLElement | null} */
    let owner = null;
    for (const s of sessions.values()) {
      hit = s.atPoint(pointer.x, pointer.y);
      owner = s.editor;
      if (hit) break;
    }
    if (hit) {
      hovering = true;
      cursor = -1;
      card ??= new Card();
      card.show(hit.finding, hit.rect, lang(), labels(), undefined, owner ? keepClear(owner) : undefined);
    } else if (hovering) {
      hovering = false;
      card?.hide();
      caretCard();
    }
  });
}, { passive: true });

function caretCard() {
  if (hovering) return;
  if (cursor >= 0) {
    showAt(cursor);
    return;
  }
  const s = activeEditor ? sessions.get(activeEditor) : null;
  const hit = s && s.editor.contains(document.activeElement) ? s.atCaret() : null;
  if (hit && s) {
    card ??= new Card();
    const rects = hit.range ? hit.range.getClientRects() : [];
    card.show(hit.finding, rects[rects.length - 1] ?? hit.range?.getBoundingClientRect() ?? site.anchorOf(s.editor).getBoundingClientRect(), lang(), labels(), noUnderlineNote(s.editor), keepClear(s.editor));
  } else card?.hide();
}

/**
 * A textarea (X's mobile layout) cannot be underlined: Ranges do not reach into its value.
 * @param {HTMLElement} editor
 */
const noUnderlineNote = (editor) => (editor instanceof HTMLTextAreaElement ? t('noUnderline') : undefined);

/**
 * Shows the card at the i-th warning of the composer (keyboard cycling). Nothing in the editor
 * moves: no focus change, no selection change.
 * @param {number} i
 */
function showAt(i) {
  const all = composerFindings();
  if (all.length === 0) {
    cursor = -1;
    card?.hide();
    return;
  }
  cursor = ((i % all.length) + all.length) % all.length;
  const { s, f, i: j } = all[cursor];
  const range = s ? s.ranges[j] : null;
  const rects = range ? range.getClientRects() : [];
  const editor = s ? s.editor : /** @type {HTMLElement} */ (activeEditor);
  const rect = rects[0] ?? site.anchorOf(editor).getBoundingClientRect();
  card ??= new Card();
  card.show(f, rect, lang(), labels(), s ? noUnderlineNote(s.editor) : undefined, keepClear(editor));
  card.host.dataset.index = `${cursor + 1}/${all.length}`;
}

/** The caret last seen, to tell a real move from a late or repeated selectionchange. */
/** @type {unknown[]} */
let lastCaret = [];
function caretNow() {
  const a = document.activeElement;
  if (a instanceof HTMLTextAreaElement) return [a, a.selectionStart, a.selectionEnd];
  const s = getSelection();
  return [s?.anchorNode, s?.anchorOffset, s?.focusNode, s?.focusOffset];
}

document.addEventListener('selectionchange', () => {
  const now = caretNow();
  const moved = now.length !== lastCaret.length || now.some((v, i) => v !== lastCaret[i]);
  lastCaret = now;
  if (!moved) return;
  cursor = -1; // the caret moved: the card follows it again
  caretCard();
});
document.addEventListener('focusout', (e) => {
  if (activeEditor && e.target === activeEditor && !hovering) {
    cursor = -1;
    card?.hide();
  }
}, true);

// Shortcuts while writing: Alt+Shift+N next warning, Alt+Shift+P previous, Alt+Shift+L the
// panel. Physical keys (e.code) so the keyboard layout and IME do not matter; the event is
// consumed so nothing is typed.
window.addEventListener('keydown', (e) => {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.isComposing) return;
  if (!activeEditor || !(activeEditor.contains(document.activeElement) || panel?.hasFocus())) return;
  const code = e.code;
  if (code !== 'KeyN' && code !== 'KeyP' && code !== 'KeyL') return;
  e.preventDefault();
  e.stopImmediatePropagation();
  if (code === 'KeyL') {
    openPanel(true);
    return;
  }
  lastCaret = caretNow(); // a selectionchange still queued from an earlier key is not a move
  const n = composerFindings().length;
  if (n === 0) return;
  showAt(cursor < 0 ? (code === 'KeyN' ? 0 : n - 1) : cursor + (code === 'KeyN' ? 1 : -1));
  const cur = composerFindings()[cursor];
  live ??= new LiveRegion();
  live.say(`${cursor + 1}/${n} ${labels().sev[cur.f.severity]}: ${pick(cur.f.message)}`);
}, true);

// ---- the gate ------------------------------------------------------------------------------

/**
 * Whether the post goes out on one of the organisation's official accounts: the checker said
 * so for the handle the page shows now (it matches the policy's official_handles).
 */
function isOfficial() {
  const ed = activeEditor ?? undefined;
  const h = site.accountHandle(ed);
  return !!h && accounts.get(h) === 'official';
}

/**
 * A result with what the user ignored for this draft left out.
 * @param {Session} s
 * @param {Result} r
 * @returns {Result}
 */
const visible = (s, r) => ('findings' in r ? { text: r.text, findings: s.visible(r) } : r);

/** @param {HTMLElement} editor */
function resultNow(editor) {
  flushMutations();
  const s = sessions.get(editor);
  if (s) return s.isCurrent() && s.result ? visible(s, s.result) : null;
  return cache.get(readText(editor, site.SELECTORS.block).text) ?? null;
}

/**
 * @param {HTMLElement} editor
 * @returns {Promise<Result>}
 */
async function resultFor(editor) {
  const s = sessions.get(editor);
  if (s) return visible(s, await s.current());
  const text = readText(editor, site.SELECTORS.block).text;
  const hit = cache.get(text);
  if (hit) return hit;
  if (text.trim() === '') return { text, findings: [] };
  const res = await checkAndNote(text, context(editor));
  /** @type {Result} */
  const r = 'error' in res ? { text, ...res } : { text, findings: res.findings };
  remember(r);
  return r;
}

/**
 * The findings on the images attached to the composer a post button posts, with the line
 * naming each file; null while one is still being checked; why one could not be checked if
 * one could not (the gate applies the fail mode).
 * @param {HTMLElement} button
 */
function attachedNow(button) {
  const c = site.composerOf(button);
  if (!attachments.settled(c)) return null;
  const failed = attachments.failure(c);
  if (failed) return failed;
  return attachments.shown(c).map(({ a, f }) => ({ ...f, subject: a.name ? t('attachmentSubject', [a.name]) : t('attachmentUnnamed') }));
}

installGate({
  site,
  resultNow,
  resultFor,
  attachedNow,
  attachedLater: async (button) => {
    await attachments.whenSettled(site.composerOf(button));
    return attachedNow(button) ?? [];
  },
  lang,
  // The checklist is for official accounts: the logged-in handle is one the policy lists
  // (official_handles), read from the page at each post (accounts can be switched).
  policy: () => ({ gate: policy.gate, checklist: isOfficial() ? policy.checklist : [], fail_mode: policy.fail_mode }),
  policyPending: () => (policyKnown ? null : firstPolicy),
  onPolicyWait: showPolicyWait,
  // The session's map while it is the editor's text (no second read of a pasted megabyte).
  mapOf: (editor) => {
    flushMutations();
    const s = sessions.get(editor);
    return s && s.fresh() ? s.map : null;
  },
  onPosted: (editors) => {
    // "Ignore this once" lasts for this draft only; the attachments go out with the post.
    for (const e of editors) sessions.get(e)?.ignored.clear();
    const c = editors[0] ? site.composerOf(editors[0]) : null;
    if (c) attachments.clear(c);
  },
  dialogLabels: (contact = policy.contact) => ({
    ...labels(),
    titleWarn: t('dialogTitleWarn'),
    titleBlock: t('dialogTitleBlock'),
    introWarn: t('dialogIntroWarn'),
    introBlock: t('dialogIntroBlock'),
    back: t('dialogBack'),
    post: t('dialogPost'),
    titleCheck: t('dialogTitleCheck'),
    introCheck: t('dialogIntroCheck'),
    postPlain: t('dialogPostPlain'),
    backPlain: t('dialogBackPlain'),
    checklist: t('dialogChecklist'),
    // The checker could not run (policy fail_mode): "open" lets the post out after this notice,
    // "closed" holds it and says whom to contact (organisation.contact).
    unchecked: {
      titleWarn: t('dialogTitleUnchecked'), introWarn: t('dialogIntroUnchecked'), post: t('dialogPostUnchecked'), back: t('dialogBackPlain'),
      titleCheck: t('dialogTitleUnchecked'), introCheck: t('dialogIntroUnchecked'), postPlain: t('dialogPostUnchecked'), backPlain: t('dialogBackPlain'),
    },
    held: {
      titleBlock: t('dialogTitleHeld'),
      introBlock: contact ? t('dialogIntroHeld', [contact]) : t('dialogIntroHeldNoContact'),
      back: t('dialogBackPlain'), backPlain: t('dialogBackPlain'),
    },
  }),
});

// ---- live policy: paused sites, changed settings ------------------------------------------

/**
 * Checking was switched off for this site (by the user in the popup, or the admin's gate "off")
 * or on again, or the first policy arrived: off drops every session (their underlines go), the
 * badge, card and panel; on watches the editor being written in.
 */
function pauseChanged() {
  const before = writtenBeforePolicy?.isConnected ? writtenBeforePolicy : null;
  writtenBeforePolicy = null;
  const waitShown = badgeForPolicyWait;
  badgeForPolicyWait = false;
  if (policy.paused) {
    for (const s of sessions.values()) s.close();
    sessions.clear();
    announced.clear();
    activeEditor = null;
    cursor = -1;
    card?.hide();
    panel?.close();
    badge?.hide();
  } else {
    const now = site.editorOf(document.activeElement) ?? before;
    // The badge a waiting post showed ("確認中") stays until the session's own state replaces it.
    if (now) attach(now);
    else {
      if (waitShown) badge?.hide();
      setTimeout(showUnrecognised, 1500); // the page may still be rendering its composer
    }
  }
}

// The admin's policy or the user's options changed: every open draft is checked again with the
// new policy (the gate asks for results of the current text, so it waits for these).
onPolicyChange(() => {
  refreshPolicy().then(() => {
    cache.clear();
    for (const s of sessions.values()) s.recheck();
  });
});

// The popup asks for the draft being written: counts per severity (what the badge shows).
answerStatus(() => {
  const all = composerSessions();
  const checking = all.some((s) => s.state() === 'checking') || !attachments.settled(activeComposer());
  const failed = all.some((s) => s.state() === 'error') || attachments.failure(activeComposer());
  const state = checking ? 'checking' : failed ? 'error' : 'done';
  const draft = all.some((s) => s.map.text.trim() !== '') || attachments.of(activeComposer()).length > 0;
  return { site: site.SITE, paused: !!policy.paused, draft, state, ...draftCounts() };
});

// Diagnostics for tests, in the content script's own world (never any text).
/** @type {any} */ (globalThis).postcheckContent = {
  gate: gateStats,
  session: sessionStats,
  sessions: () => sessions.size,
  painted: paintedOwners,
  policy: () => policy,
  /** The Context the checker gets for the active editor (reply, handle, location tag). */
  context: () => (activeEditor ? context(activeEditor) : null),
  /** Attached images: how many, checked, bytes read, time (never names or bytes). */
  images: () => ({ attached: attachments.list.length, ...imageStats }),
};

// An editor already focused when the script starts (e.g. /compose/post opened directly) is
// watched as soon as the policy is known (pauseChanged, on the first answer).
