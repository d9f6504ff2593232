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
            border-radius: 16px; padding: 20px 22px 16px; box-shadow: 0 8px 32px rgba(0,0,0,.3);
            display: flex; flex-direction: column; }
  /* Only the findings scroll: the title, the checklist and the buttons stay in view (focus on a
     button at the bottom of a long list scrolled the title out of the dialog). */
  .list { flex: 0 1 auto; min-height: 48px; overflow: auto; }
  .list:empty { display: none; }
  h2 { font-size: 18px; margin: 0 0 6px; flex: none; }
  .intro { margin: 0 0 14px; color: #536471; }
  .intro, fieldset { flex: none; }
  .actions { display: flex; flex: none; gap: 10px; justify-content: flex-end; margin-top: 14px; }
  button { font: inherit; font-weight: 700; border-radius: 999px; padding: 8px 18px; cursor: pointer; border: 1px solid #cfd9de; background: #fff; color: #0f1419; }
  button.primary { background: #0f1419; color: #fff; border-color: #0f1419; }
  button:focus-visible, input:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 2px; }
  button:disabled { opacity: .45; cursor: not-allowed; }
  fieldset { border: 1px solid #cfd9de; border-radius: 10px; margin: 10px 0 0; padding: 8px 12px; }
  legend { font-weight: 700; padding: 0 4px; }
  label { display: flex; gap: 8px; align-items: flex-start; margin: 4px 0; cursor: pointer; }
  input[type=checkbox] { width: 18px; height: 18px; margin: 2px 0 0; flex: none; }
`;

/**
 * @typedef {import('./texts.js').FindingLabels & {titleWarn: string, titleBlock: string, introWarn: string,
 *           introBlock: string, back: string, post: string, titleCheck?: string, introCheck?: string,
 *           postPlain?: string, backPlain?: string, checklist?: string}} DialogLabels
 * @typedef {{findings: import('./texts.js').Finding[], text: string | string[], lang: 'ja' | 'en', labels: DialogLabels,
 *            onBack: () => void, onPost: () => void, blocked?: boolean, checklist?: string[]}} DialogOptions
 *
 * `text`: the text the findings' spans point into, or one text per finding (thread posts).
 * `blocked`: no "Post anyway" (default: when any finding blocks; the policy's gate "block"
 * also blocks on warnings). `checklist`: items the user must tick before posting (policy).
 */

/**
 * Opens the dialog. Exactly one of onBack/onPost is called, once; the dialog is then gone.
 * @param {DialogOptions} opts
 * @returns {{close: () => void, host: HTMLElement}}
 */
export function openDialog({ findings, text, lang, labels, onBack, onPost, blocked: forceBlock, checklist = [] }) {
  const keep = findings.map((f, i) => ({ f, i })).filter(({ f }) => f.severity !== 'info');
  const shown = keep.map(({ f }) => f);
  const quoteOf = (/** @type {number} */ i) => {
    const f = findings[i];
    const src = Array.isArray(text) ? text[i] ?? '' : text;
    return src.slice(f.start, f.end);
  };
  const blocked = forceBlock ?? decide(shown) === 'block';
  const onlyChecklist = shown.length === 0 && checklist.length > 0;
  const { host, root } = createHost('postcheck-dialog', CSS);
  host.style.inset = '0';
  host.dataset.state = blocked ? 'block' : 'confirm';

  const title = h('h2', { id: 'title' }, [blocked ? labels.titleBlock : onlyChecklist ? labels.titleCheck ?? labels.titleWarn : labels.titleWarn]);
  const back = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'primary', 'data-action': 'back' }, [onlyChecklist ? labels.backPlain ?? labels.back : labels.back]));
  const buttons = [back];
  /** @type {HTMLButtonElement | null} */
  let post = null;
  if (!blocked) {
    post = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'data-action': 'post' }, [onlyChecklist ? labels.postPlain ?? labels.post : labels.post]));
    buttons.unshift(post);
  }
  /** @type {HTMLInputElement[]} */
  const boxes = blocked ? [] : checklist.map((item, i) => {
    const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `check${i}`, 'data-check': String(i) }));
    return box;
  });
  const checklistView = boxes.length
    ? [h('fieldset', {}, [h('legend', {}, [labels.checklist ?? '']), ...boxes.map((b, i) => h('label', { for: `check${i}` }, [b, checklist[i]]))])]
    : [];
  const sync = () => {
    if (!post) return;
    post.disabled = !boxes.every((b) => b.checked);
  };
  for (const b of boxes) b.addEventListener('change', sync);
  sync();
  /** Everything Tab visits, in order. */
  const focusables = () => /** @type {HTMLElement[]} */ ([...boxes, ...buttons].filter((b) => !(/** @type {HTMLButtonElement} */ (b).disabled)));
  const dialog = h('div', { class: 'dialog top', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'title', 'aria-describedby': 'intro' }, [
    title,
    h('p', { class: 'intro', id: 'intro' }, [blocked ? labels.introBlock : onlyChecklist ? labels.introCheck ?? '' : labels.introWarn]),
    h('div', { class: 'list' }, keep.map(({ f, i }) => findingView(f, lang, labels, quoteOf(i)))),
    ...checklistView,
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
  post?.addEventListener('click', () => {
    if (post && !post.disabled) finish(onPost);
  });

  /** @param {KeyboardEvent} e */
  const onKey = (e) => {
    e.stopPropagation(); // the page's own shortcuts must not see keys typed in the dialog
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(onBack);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const f = focusables();
      const i = f.indexOf(/** @type {HTMLElement} */ (root.activeElement));
      const n = f.length;
      f[(i + (e.shiftKey ? n - 1 : 1) + n) % n].focus();
    }
  };
  host.addEventListener('keydown', onKey);
  // A click on text, the backdrop or a disabled button must not take focus out of the dialog.
  root.addEventListener('mousedown', (e) => {
    const el = /** @type {HTMLElement} */ (e.target);
    if (!el.closest('input, label, button:not(:disabled)')) e.preventDefault();
  });
  host.addEventListener('keyup', (e) => e.stopPropagation());
  host.addEventListener('keypress', (e) => e.stopPropagation());
  // Focus lost to nowhere (a click on a disabled button blurs without focusing anything).
  root.addEventListener('focusout', (e) => {
    if (/** @type {FocusEvent} */ (e).relatedTarget) return;
    const was = /** @type {HTMLElement} */ (e.target);
    setTimeout(() => {
      if (!done && document.activeElement !== host) (was?.isConnected ? was : back).focus();
    }, 0);
  });
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
  (boxes[0] ?? back).focus();
  return { close, host };
}
