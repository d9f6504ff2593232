// The gate's dialog: lists the findings with their messages and clauses and asks. Modal
// (role=dialog, aria-modal), focus trapped inside, Esc = go back. With any `block` finding
// there is no "Post anyway". Lives in a closed shadow root; labels are passed in so the
// module needs no extension API.

import { createHost, h, BASE_CSS } from './host.js';
import { findingView, FINDING_CSS } from './texts.js';
import { decide } from '../content/decide.js';

const CSS = `${BASE_CSS}${FINDING_CSS}
  .backdrop { position: fixed; inset: 0; background: rgba(15,20,25,.45); display: flex; align-items: center; justify-content: center; }
  .dialog { width: min(520px, calc(100vw - 32px)); max-height: calc(100vh - 64px); overflow: auto; background: #fff;
            border-radius: 16px; padding: 20px 22px 16px; box-shadow: 0 8px 32px rgba(0,0,0,.3); }
  h2 { font-size: 18px; margin: 0 0 6px; }
  .intro { margin: 0 0 14px; color: #536471; }
  .actions { display: flex; gap: 10px; justify-content: flex-end; margin-top: 14px; }
  button { font: inherit; font-weight: 700; border-radius: 999px; padding: 8px 18px; cursor: pointer; border: 1px solid #cfd9de; background: #fff; color: #0f1419; }
  button.primary { background: #0f1419; color: #fff; border-color: #0f1419; }
  button:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 2px; }
`;

/**
 * @typedef {import('./texts.js').FindingLabels & {titleWarn: string, titleBlock: string, introWarn: string,
 *           introBlock: string, back: string, post: string}} DialogLabels
 * @typedef {{findings: import('./texts.js').Finding[], text: string, lang: 'ja' | 'en', labels: DialogLabels,
 *            onBack: () => void, onPost: () => void}} DialogOptions
 */

/**
 * Opens the dialog. Exactly one of onBack/onPost is called, once; the dialog is then gone.
 * @param {DialogOptions} opts
 * @returns {{close: () => void, host: HTMLElement}}
 */
export function openDialog({ findings, text, lang, labels, onBack, onPost }) {
  const shown = findings.filter((f) => f.severity !== 'info');
  const blocked = decide(shown) === 'block';
  const { host, root } = createHost('postcheck-dialog', CSS);
  host.style.inset = '0';
  host.dataset.state = blocked ? 'block' : 'confirm';

  const title = h('h2', { id: 'title' }, [blocked ? labels.titleBlock : labels.titleWarn]);
  const back = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'primary', 'data-action': 'back' }, [labels.back]));
  const buttons = [back];
  /** @type {HTMLButtonElement | null} */
  let post = null;
  if (!blocked) {
    post = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'data-action': 'post' }, [labels.post]));
    buttons.unshift(post);
  }
  const dialog = h('div', { class: 'dialog top', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'title', 'aria-describedby': 'intro' }, [
    title,
    h('p', { class: 'intro', id: 'intro' }, [blocked ? labels.introBlock : labels.introWarn]),
    h('div', { class: 'list' }, shown.map((f) => findingView(f, lang, labels, text.slice(f.start, f.end)))),
    h('div', { class: 'actions' }, buttons),
  ]);
  root.append(h('div', { class: 'backdrop' }, [dialog]));

  let done = false;
  /** @param {() => void} then */
  const finish = (then) => {
    if (done) return;
    done = true;
    close();
    then();
  };
  back.addEventListener('click', () => finish(onBack));
  post?.addEventListener('click', () => finish(onPost));

  /** @param {KeyboardEvent} e */
  const onKey = (e) => {
    e.stopPropagation(); // the page's own shortcuts must not see keys typed in the dialog
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(onBack);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const i = buttons.indexOf(/** @type {HTMLButtonElement} */ (root.activeElement));
      const n = buttons.length;
      buttons[(i + (e.shiftKey ? n - 1 : 1) + n) % n].focus();
    }
  };
  host.addEventListener('keydown', onKey);
  host.addEventListener('keyup', (e) => e.stopPropagation());
  host.addEventListener('keypress', (e) => e.stopPropagation());
  // Focus trap: focus that leaves the dialog comes back.
  const pull = (/** @type {FocusEvent} */ e) => {
    if (!done && e.target !== host) back.focus();
  };
  document.addEventListener('focusin', pull, true);

  function close() {
    done = true;
    document.removeEventListener('focusin', pull, true);
    host.remove();
  }
  back.focus();
  return { close, host };
}
