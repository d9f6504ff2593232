// The panel opened from the badge (or Alt+Shift+L): every warning of the draft with the
// underlined characters, message, why, what to do instead and the clause, and for info and
// warn findings "この投稿では無視 / Ignore this once". A dialog (not modal: the page stays
// usable), keyboard accessible: focus moves in when it opens, Tab cycles inside it, Esc or
// the close button closes it and the caller puts focus and caret back in the editor.

import { createHost, h, BASE_CSS } from './host.js';
import { findingView, FINDING_CSS } from './texts.js';

const CSS = `${BASE_CSS}${FINDING_CSS}
  .panel { width: min(420px, calc(100vw - 16px)); max-height: min(70vh, 560px); overflow: auto; background: #fff;
           border: 1px solid #cfd9de; border-radius: 12px; box-shadow: 0 6px 24px rgba(0,0,0,.22); padding: 12px 14px 8px; }
  header { display: flex; justify-content: space-between; align-items: center; margin-bottom: 8px; }
  h2 { font-size: 15px; margin: 0; }
  button { font: inherit; font-size: 12px; border-radius: 999px; padding: 3px 10px; cursor: pointer; border: 1px solid #cfd9de; background: #fff; color: #0f1419; }
  button:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 2px; }
  .empty { color: #536471; margin: 4px 0 10px; }
  .item { margin-bottom: 6px; }
  .item .ignore { margin: 0 0 8px 14px; }
`;

/**
 * @typedef {import('./texts.js').FindingLabels & {panelTitle: string, close: string, ignore: string, empty: string}} PanelLabels
 * @typedef {{finding: import('./texts.js').Finding, quote: string, ignore: (() => void) | null}} PanelItem
 */

export class Panel {
  /** @param {() => void} onClose  called after the panel closed (Esc, close button) */
  constructor(onClose) {
    const { host, root } = createHost('postcheck-panel', CSS);
    this.host = host;
    this.root = root;
    this.onClose = onClose;
    this.box = h('div', { class: 'panel top', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'ptitle' });
    root.append(this.box);
    this.open = false;
    this.host.addEventListener('keydown', (e) => {
      e.stopPropagation(); // the page's shortcuts must not see keys typed in the panel
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      } else if (e.key === 'Tab') {
        const f = this.focusables();
        if (f.length === 0) return;
        e.preventDefault();
        const i = f.indexOf(/** @type {HTMLElement} */ (this.root.activeElement));
        f[(i + (e.shiftKey ? f.length - 1 : 1) + f.length) % f.length].focus();
      }
    });
    this.host.addEventListener('keyup', (e) => e.stopPropagation());
    this.host.addEventListener('keypress', (e) => e.stopPropagation());
    this.host.style.display = 'none';
  }

  focusables() {
    return /** @type {HTMLElement[]} */ ([...this.box.querySelectorAll('button')]);
  }

  /**
   * Shows (or refreshes) the list.
   * @param {PanelItem[]} items
   * @param {'ja' | 'en'} lang
   * @param {PanelLabels} labels
   * @param {DOMRect} anchor  the badge's box: the panel opens above it (or below if no room)
   * @param {boolean} takeFocus
   */
  show(items, lang, labels, anchor, takeFocus) {
    // A refresh (new result, scroll) rebuilds the list: the keyboard user keeps their place.
    const had = this.focusables().indexOf(/** @type {HTMLElement} */ (this.root.activeElement));
    const close = h('button', { type: 'button', 'data-action': 'close' }, [labels.close]);
    close.addEventListener('click', () => this.close());
    const list = items.length === 0
      ? [h('p', { class: 'empty' }, [labels.empty])]
      : items.map((it) => {
        const rows = [findingView(it.finding, lang, labels, it.quote)];
        if (it.ignore) {
          const b = h('button', { type: 'button', class: 'ignore', 'data-action': 'ignore', 'data-rule': it.finding.rule }, [labels.ignore]);
          const ignore = it.ignore;
          b.addEventListener('click', () => ignore());
          rows.push(b);
        }
        return h('div', { class: 'item', role: 'group' }, rows);
      });
    this.box.replaceChildren(h('header', {}, [h('h2', { id: 'ptitle' }, [labels.panelTitle]), close]), ...list);
    this.host.style.display = 'block';
    this.host.dataset.count = String(items.length);
    this.open = true;
    const w = this.box.offsetWidth, ht = this.box.offsetHeight;
    const left = Math.max(8, Math.min(anchor.right - w, innerWidth - w - 8));
    const top = anchor.top - 8 - ht >= 8 ? anchor.top - 8 - ht : Math.min(anchor.bottom + 8, innerHeight - ht - 8);
    this.host.style.transform = `translate(${left}px, ${Math.max(8, top)}px)`;
    const f = this.focusables();
    if (had >= 0) f[Math.min(had, f.length - 1)]?.focus();
    else if (takeFocus) (f[0] ?? close).focus();
  }

  /** Whether focus is inside the panel. */
  hasFocus() {
    return document.activeElement === this.host;
  }

  close() {
    if (!this.open) return;
    this.open = false;
    this.host.style.display = 'none';
    delete this.host.dataset.count;
    this.onClose();
  }
}
