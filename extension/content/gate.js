// The first gate: before a post goes out (click on a post button, or Ctrl/Cmd+Enter in the
// editor, both captured on window before the page sees them), the current text must have been
// checked. Clean text posts at once. Findings at warn: the dialog asks ("Go back" / "Post
// anyway"); any `block` finding: only "Go back". "Post anyway" re-issues the click once with a
// bypass flag. If the checker cannot run, the post is let through (the badge shows the error):
// the gate must never stop staff from working.

import { decide } from './decide.js';
import { openDialog } from '../ui/dialog.js';

/**
 * @typedef {import('./session.js').Result} Result
 * @typedef {{
 *   site: typeof import('./sites/x.js'),
 *   resultFor: (editor: HTMLElement) => Promise<Result>,
 *   resultNow: (editor: HTMLElement) => Result | null,
 *   dialogLabels: () => import('../ui/dialog.js').DialogLabels,
 *   lang: () => 'ja' | 'en',
 * }} GateDeps
 */

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

  /** @param {HTMLElement} button */
  function reissue(button) {
    bypass = button;
    try {
      button.click();
    } finally {
      bypass = null; // a disabled button dispatches nothing: never leave the flag armed
    }
  }

  /**
   * Decides on the results of every editor the button posts.
   * @param {Result[]} results
   */
  function verdict(results) {
    const findings = results.flatMap((r) => ('findings' in r ? r.findings : []));
    return { decision: decide(findings), findings, text: results.map((r) => r.text) };
  }

  /**
   * @param {Event} event
   * @param {HTMLElement} button
   * @param {HTMLElement} focusBack  the editor to return to on "Go back"
   */
  function hold(event, button, focusBack) {
    const editors = site.editorsFor(button);
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
    // Decide synchronously when every editor's result is current.
    const now = editors.map((e) => deps.resultNow(e));
    if (now.every((r) => r !== null)) {
      const v = verdict(/** @type {Result[]} */ (now));
      if (v.decision === 'post') return;
      stop(event);
      ask(v, button, focusBack);
      return;
    }
    stop(event);
    busy = true;
    Promise.all(editors.map((e) => deps.resultFor(e))).then((results) => {
      busy = false;
      const v = verdict(results);
      if (v.decision === 'post') reissue(button);
      else ask(v, button, focusBack);
    });
  }

  /**
   * @param {ReturnType<typeof verdict>} v
   * @param {HTMLElement} button
   * @param {HTMLElement} focusBack
   */
  function ask(v, button, focusBack) {
    busy = true;
    dialogHost = openDialog({
      findings: v.findings,
      text: v.text.length === 1 ? v.text[0] : '',
      lang: deps.lang(),
      labels: deps.dialogLabels(),
      onBack: () => {
        busy = false;
        dialogHost = null;
        if (focusBack.isConnected) focusBack.focus();
      },
      onPost: () => {
        busy = false;
        dialogHost = null;
        if (v.decision === 'block') return; // no "Post anyway" is offered; never post
        if (button.isConnected) reissue(button);
      },
    }).host;
  }

  window.addEventListener('click', (e) => {
    const button = site.postButtonOf(e.target);
    if (!button) return;
    const editor = site.editorsFor(button)[0];
    if (editor) hold(e, button, editor);
  }, true);

  window.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.isComposing) return;
    const editor = site.editorOf(e.target);
    if (!editor) return;
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
