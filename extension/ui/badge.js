// The badge near the composer: how many findings, at which level. The count and state are
// exposed on the host element (aria-label, data-count, data-state) for assistive technology
// and tests; the visible part lives in a closed shadow root.

import { createHost, h, BASE_CSS } from './host.js';

const CSS = `${BASE_CSS}
  .badge { display: inline-flex; align-items: center; gap: 4px; padding: 2px 8px; border-radius: 999px;
           background: #fff; border: 1px solid #cfd9de; box-shadow: 0 1px 3px rgba(0,0,0,.15); font-size: 12px; white-space: nowrap; }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: #00ba7c; }
  .badge[data-state="info"] .dot { background: #1a73e8; }
  .badge[data-state="warn"] .dot { background: #e37400; }
  .badge[data-state="block"] .dot { background: #d93025; }
  .badge[data-state="checking"] .dot { background: #8899a6; }
  .badge[data-state="error"] .dot { background: #8899a6; border: 1px dashed #536471; }
`;

/** @typedef {'clean' | 'checking' | 'info' | 'warn' | 'block' | 'error'} BadgeState */

export class Badge {
  constructor() {
    const { host, root } = createHost('postcheck-badge', CSS);
    this.host = host;
    this.host.setAttribute('role', 'status');
    this.label = h('span', { class: 'label' });
    this.box = h('div', { class: 'badge top' }, [h('span', { class: 'dot' }), this.label]);
    root.append(this.box);
    this.hide();
  }

  /**
   * @param {BadgeState} state
   * @param {number} count  findings shown (all severities)
   * @param {string} text   the label, e.g. "警告 2件"
   */
  set(state, count, text) {
    this.host.dataset.state = state;
    this.host.dataset.count = String(count);
    this.host.setAttribute('aria-label', text);
    this.box.dataset.state = state;
    this.label.textContent = text;
  }

  /**
   * Places the badge in the composer's toolbar, left of the post button (leaving room for
   * X's character counter), or under the editor's bottom-right corner without a button.
   * @param {DOMRect} editorRect
   * @param {DOMRect | null} buttonRect
   */
  place(editorRect, buttonRect) {
    this.host.style.display = 'block';
    const w = this.box.offsetWidth || 80;
    const hgt = this.box.offsetHeight || 22;
    const [right, top] = buttonRect
      ? [buttonRect.left - 56, buttonRect.top + (buttonRect.height - hgt) / 2]
      : [editorRect.right - 4, editorRect.bottom + 2];
    this.host.style.transform = `translate(${Math.max(0, right - w)}px, ${Math.max(0, Math.min(top, innerHeight - hgt))}px)`;
  }

  hide() {
    this.host.style.display = 'none';
    this.host.dataset.state = 'hidden';
  }

  remove() {
    this.host.remove();
  }
}
