// The gate: before a post goes out (a click on a post button, inline or modal, or
// Ctrl/Cmd+Enter in an editor, all captured on window before the page sees them), the text of
// EVERY editor the button posts (every post of a thread) must have been checked. What happens
// then is the policy's `gate` mode (decide.js gateAction): "off" and "badge" never stop;
// "confirm" asks at warn ("Go back" / "Post anyway") and refuses with a block finding; "block"
// refuses at warn too. A checklist from the policy is asked before any post in confirm/block.
// When every text is already checked the decision is synchronous (measured: stats.decisionMs);
// otherwise the event is stopped, the texts are checked, then the decision is made. Before
// the policy is known (deps.policyPending) the event is stopped and the route taken again once
// it is, so the mode decides (gate "off" posts once; it never acts as the default "confirm").
// "Post anyway" re-issues the click once with a bypass flag. "Go back" returns focus to the
// editor with the caret where it was. The draft is never changed. If the checker cannot run
// (the badge says "not checked"), the policy's `fail_mode` decides (decide.js uncheckedAction):
// "open" says so and lets the post out with one click, "closed" holds it with no way to post
// and names whom to contact. In "closed" mode a post is never let through before its text was
// checked, also in "badge" mode.

import { gateAction, uncheckedAction } from './decide.js';
import { saveSelection, restoreSelection } from './textmap.js';
import { openDialog } from '../ui/dialog.js';

/**
 * @typedef {import('./session.js').Result} Result
 * @typedef {import('../ui/texts.js').Finding[] | import('./client.js').ImageFailure} Attached  the
 *   findings on the attached images, or why one of them could not be checked
 * @typedef {import('./decide.js').GateMode} GateMode
 * @typedef {{gate: GateMode, checklist: {ja: string, en: string}[], fail_mode?: import('./decide.js').FailMode}} GatePolicy
 * @typedef {{
 *   site: typeof import('./sites/x.js') | typeof import('./sites/facebook.js'),
 *   resultFor: (editor: HTMLElement) => Promise<Result>,
 *   resultNow: (editor: HTMLElement) => Result | null,
 *   attachedNow?: (button: HTMLElement) => Attached | null,
 *   attachedLater?: (button: HTMLElement) => Promise<Attached>,
 *   dialogLabels: (contact?: string) => import('../ui/dialog.js').DialogLabels & {unchecked: Partial<import('../ui/dialog.js').DialogLabels>, held: Partial<import('../ui/dialog.js').DialogLabels>},
 *   lang: () => 'ja' | 'en',
 *   policy: () => GatePolicy,
 *   policyPending?: () => Promise<unknown> | null,
 *   onPolicyWait?: (button: HTMLElement) => void,
 *   mapOf?: (editor: HTMLElement) => import('./textmap.js').TextMap | null,
 *   onPosted?: (editors: HTMLElement[]) => void,
 * }} GateDeps
 */

/** Figures for tests and diagnostics (never any text). */
export const gateStats = { decisions: 0, decisionMs: 0, maxDecisionMs: 0, held: 0, reissued: 0, failHeld: 0, policyWaits: 0 };

/** @param {GateDeps} deps */
export function installGate(deps) {
  const { site } = deps;
  /** The button whose next click is let through ("Post anyway", or a clean re-check). */
  /** @type {Element | null} */
  let bypass = null;
  /** A decision or dialog is under way: further post attempts are held. */
  let busy = false;
  /** The open dialog's host; if the page removed it, the gate must not stay busy forever. */
  /** @type {HTMLElement | null} */
  let dialogHost = null;

  /**
   * The editors a post route sends: a post button's, or the editor itself when Enter in it
   * sends (a Facebook comment box, checked with include_comments).
   * @param {HTMLElement} button
   */
  const editorsOf = (button) => (site.editorOf(button) === button ? [button] : site.editorsFor(button));

  /** @param {HTMLElement} button  a post button, or an editor that sends on Enter */
  function fire(button) {
    if (site.editorOf(button) === button) button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true, composed: true }));
    else button.click();
  }

  /** Posts: the route is taken again, let through by the gate once. @param {HTMLElement} button */
  function reissue(button) {
    bypass = button;
    gateStats.reissued += 1;
    try {
      fire(button);
    } finally {
      bypass = null; // a disabled button dispatches nothing: never leave the flag armed
    }
  }

  /**
   * Decides on the results of every editor the button posts and the findings on the images
   * attached to its composer (no span: their text is ''). An image that could not be checked
   * counts as a text that could not be (the fail mode).
   * @param {Result[]} results
   * @param {Attached} attached
   */
  function verdict(results, attached) {
    /** @type {import('../ui/texts.js').Finding[]} */
    const findings = [];
    /** @type {string[]} */
    const texts = [];
    const p = deps.policy();
    const failed = results.find((r) => 'error' in r) ?? ('error' in attached ? attached : undefined);
    if (failed) return { action: uncheckedAction(p.gate, failModeOf(failed)), findings, texts, contact: 'contact' in failed ? failed.contact : undefined };
    for (const r of results) {
      if (!('findings' in r)) continue;
      for (const f of r.findings) {
        findings.push(f);
        texts.push(r.text);
      }
    }
    for (const f of /** @type {import('../ui/texts.js').Finding[]} */ (attached)) {
      findings.push(f);
      texts.push('');
    }
    return { action: gateAction(findings, p.gate, p.checklist.length > 0), findings, texts, contact: undefined };
  }

  /**
   * The fail mode for a failed result: the background's answer (read when it failed), else
   * the policy the content script last got.
   * @param {Result | null | undefined} r
   */
  function failModeOf(r) {
    return (r && 'fail_mode' in r && r.fail_mode) || deps.policy().fail_mode;
  }

  /**
   * @param {Event} event
   * @param {HTMLElement} button
   * @param {HTMLElement} focusBack  the editor to return to on "Go back"
   */
  function hold(event, button, focusBack) {
    const t0 = performance.now();
    const mode = deps.policy().gate;
    const pending = deps.policyPending?.() ?? null;
    if (mode === 'off' && !pending) return;
    const editors = editorsOf(button);
    if (editors.length === 0) return; // not a composer we know: let the page act
    if (bypass === button) return;
    if (busy && dialogHost && !dialogHost.isConnected) {
      busy = false;
      dialogHost = null;
    }
    if (busy) {
      stop(event);
      return;
    }
    if (pending) {
      // The policy is not known yet (the background answers once its WASM is up): the post
      // waits for it, then takes the same route again through the gate, in the policy's mode
      // ("off" lets it out at once, "confirm" checks first, ...).
      stop(event);
      gateStats.policyWaits += 1;
      busy = true;
      deps.onPolicyWait?.(button); // the user sees that the post is waiting, not lost
      const again = () => {
        busy = false;
        if (button.isConnected) fire(button);
      };
      pending.then(again, again);
      return;
    }
    const caret = saveSelection(focusBack, site.SELECTORS.block, deps.mapOf?.(focusBack));
    // Decide synchronously when every editor's result is current (a failed check is asked again).
    const now = editors.map((e) => deps.resultNow(e));
    const attachedNow = deps.attachedNow ? deps.attachedNow(button) : [];
    if (now.every((r) => r !== null && !('error' in r)) && attachedNow) {
      const v = verdict(/** @type {Result[]} */ (now), attachedNow);
      measure(t0);
      if (v.action === 'post') {
        deps.onPosted?.(editors);
        return;
      }
      stop(event);
      ask(v, button, focusBack, caret, editors);
      return;
    }
    // "badge" never waits for a check, unless the fail mode is closed: then the post waits
    // until its text was checked.
    if (mode === 'badge' && failModeOf(now.find((r) => r && 'error' in r)) !== 'closed') return;
    stop(event);
    gateStats.held += 1;
    busy = true;
    Promise.all([Promise.all(editors.map((e) => deps.resultFor(e))), deps.attachedLater ? deps.attachedLater(button) : []]).then(([results, attached]) => {
      busy = false;
      const v = verdict(results, attached);
      if (v.action === 'post') {
        deps.onPosted?.(editors);
        reissue(button);
      } else ask(v, button, focusBack, caret, editors);
    });
  }

  /** @param {number} t0 */
  function measure(t0) {
    const ms = performance.now() - t0;
    gateStats.decisions += 1;
    gateStats.decisionMs = ms;
    gateStats.maxDecisionMs = Math.max(gateStats.maxDecisionMs, ms);
  }

  /**
   * @param {ReturnType<typeof verdict>} v
   * @param {HTMLElement} button
   * @param {HTMLElement} focusBack
   * @param {{anchor: number, focus: number} | null} caret
   * @param {HTMLElement[]} editors
   */
  function ask(v, button, focusBack, caret, editors) {
    busy = true;
    const lang = deps.lang();
    const checklist = deps.policy().checklist.map((c) => c[lang] || c.ja || c.en);
    const labels = deps.dialogLabels(v.contact || undefined);
    const blocked = v.action === 'block' || v.action === 'held';
    if (v.action === 'held') gateStats.failHeld += 1;
    dialogHost = openDialog({
      findings: v.findings,
      text: v.texts,
      lang,
      // Not checked: the dialog says so ("open": post with one click; "closed": held, contact).
      labels: v.action === 'unchecked' ? { ...labels, ...labels.unchecked } : v.action === 'held' ? { ...labels, ...labels.held } : labels,
      blocked,
      checklist,
      onBack: () => {
        busy = false;
        dialogHost = null;
        if (focusBack.isConnected) restoreSelection(focusBack, site.SELECTORS.block, caret);
      },
      onPost: () => {
        busy = false;
        dialogHost = null;
        if (blocked) return; // no "Post anyway" is offered; never post
        if (button.isConnected) {
          deps.onPosted?.(editors);
          reissue(button);
        }
      },
    }).host;
  }

  window.addEventListener('click', (e) => {
    const button = site.postButtonOf(e.target);
    if (!button) return;
    const editors = site.editorsFor(button);
    const sel = getSelection()?.anchorNode ?? null;
    const focused = editors.find((ed) => ed.contains(document.activeElement) || (sel && ed.contains(sel)));
    const editor = focused ?? editors[0];
    if (editor) hold(e, button, editor);
  }, true);

  window.addEventListener('keydown', (e) => {
    // Enter or Space on a post button that is not a real <button> (Facebook's div role=button
    // acts on the key itself; a <button> turns it into the click handled above).
    if ((e.key === 'Enter' || e.key === ' ') && !e.isComposing && !(e.target instanceof HTMLButtonElement)) {
      const button = site.postButtonOf(e.target);
      if (button && button === e.target) {
        const ed = site.editorsFor(button)[0];
        if (ed) hold(e, button, ed);
        return;
      }
    }
    if (e.key !== 'Enter' || e.isComposing) return;
    const editor = site.editorOf(e.target);
    if (!editor) return;
    // Plain Enter sends in some boxes (Facebook comments): that is a route to posting too.
    if (!(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) && 'sendsOnEnter' in site && site.sendsOnEnter(editor)) {
      hold(e, editor, editor);
      return;
    }
    if (!(e.ctrlKey || e.metaKey)) return;
    const button = site.postButtonFor(editor);
    if (!button) return;
    hold(e, button, editor);
  }, true);
}

/** @param {Event} e */
function stop(e) {
  e.preventDefault();
  e.stopImmediatePropagation();
}
