// postcheck's content script for X and Facebook: finds the compose field, checks what is written in it,
// underlines findings, shows the badge and the card, and gates the post.
// It only ever READS the editor: no execCommand, no injected nodes, no attribute changes.

import * as x from './sites/x.js';
import * as facebook from './sites/facebook.js';
import { Session } from './session.js';
import { readText } from './textmap.js';
import { check, warm, rfc3339 } from './client.js';
import { installGate } from './gate.js';
import { t, lang } from './i18n.js';
import { Badge } from '../ui/badge.js';
import { Card } from '../ui/card.js';

/** @typedef {import('./session.js').Result} Result */

/** The site adapter for this page (the manifest runs this script on X and Facebook only). */
const site = /(^|\.)facebook\.com$/.test(location.hostname) ? facebook : x;

/** @type {Session | null} */
let session = null;
/** @type {Badge | null} */
let badge = null;
/** @type {Card | null} */
let card = null;
/** Results by text (the gate also posts editors other than the focused one: threads). */
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
    location_tag: 'hasLocationTag' in site ? site.hasLocationTag(editor) : false,
  };
}

const labels = () => ({
  sev: { info: t('sevInfo'), warn: t('sevWarn'), block: t('sevBlock') },
  why: t('cardWhy'),
  fix: t('cardFix'),
  clauses: t('cardClauses'),
});

/** @param {Session} s */
function onState(s) {
  if (s.result) remember(s.result);
  if (!badge) badge = new Badge();
  const state = s.state();
  const n = s.shown.length;
  const text = {
    clean: t('badgeClean'),
    checking: t('badgeChecking'),
    error: t('badgeError'),
    info: t('badgeInfo', [n]),
    warn: t('badgeWarn', [n]),
    block: t('badgeBlock', [n]),
  }[state];
  badge.set(/** @type {import('../ui/badge.js').BadgeState} */ (state), n, text);
  place();
  caretCard();
}

/** Keeps the badge next to the composer. */
function place() {
  if (!session || !badge) return;
  if (!session.editor.isConnected) {
    detach();
    return;
  }
  const button = site.postButtonFor(session.editor);
  badge.place(site.anchorOf(session.editor).getBoundingClientRect(), button ? button.getBoundingClientRect() : null);
}

/** @param {HTMLElement} editor */
function attach(editor) {
  if (session && session.editor === editor && editor.isConnected) return;
  detach();
  session = new Session(editor, { blockSel: site.SELECTORS.block, context, onState, check });
  session.refresh();
}

function detach() {
  session?.close();
  session = null;
  badge?.hide();
  card?.hide();
}

let scheduled = false;
/** Coalesces the mutations of one task into one refresh. */
function schedule() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    session?.refresh();
  });
}

// ---- the field watcher: focus, input, IME composition, mutations -------------------------

document.addEventListener('focusin', (e) => {
  const editor = site.editorOf(/** @type {Node} */ (e.target));
  if (!editor) return;
  warm(); // the service worker may have been stopped: start it before the first keystroke
  attach(editor);
}, true);

document.addEventListener('compositionstart', (e) => {
  if (session && session.editor.contains(/** @type {Node} */ (e.target))) session.composing = true;
}, true);

document.addEventListener('compositionend', (e) => {
  if (!session || !session.editor.contains(/** @type {Node} */ (e.target))) return;
  session.composing = false;
  // The editor re-renders the committed text right after compositionend: read after it.
  setTimeout(() => session?.refresh(), 0);
}, true);

document.addEventListener('input', (e) => {
  const editor = site.editorOf(/** @type {Node} */ (e.target));
  if (!editor || /** @type {InputEvent} */ (e).isComposing) return;
  attach(editor);
  schedule();
}, true);

new MutationObserver((records) => {
  if (!session) return;
  const ed = session.editor;
  if (!ed.isConnected) {
    // The composer was removed (SPA navigation, modal closed): re-query, never reuse nodes.
    detach();
    const now = site.editorOf(document.activeElement);
    if (now) attach(now);
    return;
  }
  if (records.some((r) => ed.contains(r.target))) schedule();
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

addEventListener('scroll', () => requestAnimationFrame(place), { capture: true, passive: true });
addEventListener('resize', () => requestAnimationFrame(place), { passive: true });

// ---- the card: hover or keyboard focus (caret) on underlined text -------------------------

let hovering = false;
let moveQueued = false;
/** @type {{x: number, y: number}} */
let pointer = { x: -1, y: -1 };

document.addEventListener('mousemove', (e) => {
  pointer = { x: e.clientX, y: e.clientY };
  if (moveQueued) return;
  moveQueued = true;
  requestAnimationFrame(() => {
    moveQueued = false;
    const hit = session?.atPoint(pointer.x, pointer.y);
    if (hit) {
      hovering = true;
      card ??= new Card();
      card.show(hit.finding, hit.rect, lang(), labels());
    } else if (hovering) {
      hovering = false;
      card?.hide();
      caretCard();
    }
  });
}, { passive: true });

function caretCard() {
  if (hovering || !session) return;
  const hit = session.editor.contains(document.activeElement) ? session.atCaret() : null;
  if (hit) {
    card ??= new Card();
    const rects = hit.range.getClientRects();
    card.show(hit.finding, rects[rects.length - 1] ?? hit.range.getBoundingClientRect(), lang(), labels());
  } else card?.hide();
}

document.addEventListener('selectionchange', () => caretCard());
document.addEventListener('focusout', (e) => {
  if (session && e.target === session.editor && !hovering) card?.hide();
}, true);

// ---- the gate ------------------------------------------------------------------------------

/** @param {HTMLElement} editor */
function resultNow(editor) {
  if (session && session.editor === editor) return session.isCurrent() ? session.result : null;
  return cache.get(readText(editor, site.SELECTORS.block).text) ?? null;
}

/**
 * @param {HTMLElement} editor
 * @returns {Promise<Result>}
 */
async function resultFor(editor) {
  if (session && session.editor === editor) return session.current();
  const text = readText(editor, site.SELECTORS.block).text;
  const hit = cache.get(text);
  if (hit) return hit;
  if (text.trim() === '') return { text, findings: [] };
  const res = await check(text, context(editor));
  /** @type {Result} */
  const r = 'error' in res ? { text, error: res.error } : { text, findings: res.findings };
  remember(r);
  return r;
}

installGate({
  site,
  resultNow,
  resultFor,
  lang,
  dialogLabels: () => ({
    ...labels(),
    titleWarn: t('dialogTitleWarn'),
    titleBlock: t('dialogTitleBlock'),
    introWarn: t('dialogIntroWarn'),
    introBlock: t('dialogIntroBlock'),
    back: t('dialogBack'),
    post: t('dialogPost'),
  }),
});

// An editor already focused when the script starts (e.g. /compose/post opened directly).
const initial = site.editorOf(document.activeElement);
if (initial) attach(initial);
