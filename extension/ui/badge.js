// The badge near the composer: how many findings at each level. It is a button: it opens the
// panel listing every warning of the draft. Its state and counts are exposed on the host
// element (aria-label, data-count, data-counts, data-state) for tests; the visible part lives
// in a closed shadow root. It is NOT a live region (announcements go through LiveRegion, only
// when a new warning appears, so a screen reader is not told "checking" at every keystroke).

import { createHost, h, BASE_CSS } from './host.js';

const CSS = `${BASE_CSS}
  .badge { display: inline-flex; align-items: center; gap: 6px; padding: 2px 8px; border-radius: 999px; cursor: pointer;
           background: #fff; border: 1px solid #cfd9de; box-shadow: 0 1px 3px rgba(0,0,0,.15); font-size: 12px; white-space: nowrap; color: #0f1419; }
  .badge:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 2px; }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: #00ba7c; }
  .badge[data-state="info"] .dot { background: #1a73e8; }
  .badge[data-state="warn"] .dot { background: #e37400; }
  .badge[data-state="block"] .dot { background: #d93025; }
  .badge[data-state="checking"] .dot { background: #8899a6; }
  .badge[data-state="error"] .dot, .badge[data-state="unknown"] .dot { background: #8899a6; border: 1px dashed #536471; }
`;

/** @typedef {'clean' | 'checking' | 'info' | 'warn' | 'block' | 'error' | 'unknown'} BadgeState */

export class Badge {
  /** @param {() => void} onOpen  the badge was activated (click, Enter, Space) */
  constructor(onOpen) {
    const { host, root } = createHost('postcheck-badge', CSS);
    this.host = host;
    this.label = h('span', { class: 'label' });
    this.box = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'badge top', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, [h('span', { class: 'dot', 'aria-hidden': 'true' }), this.label]));
    // Keep the editor's focus and caret when the badge is clicked with the mouse.
    this.box.addEventListener('mousedown', (e) => e.preventDefault());
    this.box.addEventListener('click', () => onOpen());
    root.append(this.box);
    this.hide();
  }

  /**
   * @param {BadgeState} state
   * @param {{info: number, warn: number, block: number}} counts  findings shown per severity
   * @param {string} text   the label, e.g. "警告 2件・参考 1件"
   */
  set(state, counts, text) {
    const total = counts.info + counts.warn + counts.block;
    this.host.dataset.state = state;
    this.host.dataset.count = String(total);
    this.host.dataset.counts = `block:${counts.block},warn:${counts.warn},info:${counts.info}`;
    this.host.setAttribute('aria-label', text);
    this.box.dataset.state = state;
    this.box.disabled = state === 'unknown';
    this.label.textContent = text;
  }

  /** @param {boolean} open */
  expanded(open) {
    this.box.setAttribute('aria-expanded', String(open));
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

  /**
   * Places the badge at the right end of a band of the composer (Facebook: the row of the
   * acting profile, above the editor), vertically centred, kept inside the band and the viewport.
   * @param {DOMRect} band
   */
  placeIn(band) {
    this.host.style.display = 'block';
    const w = this.box.offsetWidth || 80;
    const hgt = this.box.offsetHeight || 22;
    const left = Math.max(band.left + 8, Math.min(band.right - 12 - w, innerWidth - w - 4));
    const top = Math.max(0, Math.min(band.top + (band.height - hgt) / 2, innerHeight - hgt));
    this.host.style.transform = `translate(${Math.max(0, left)}px, ${top}px)`;
  }

  /** Focuses the badge button (keyboard route to the panel). */
  focus() {
    this.box.focus();
  }

  hide() {
    this.host.style.display = 'none';
    this.host.dataset.state = 'hidden';
  }

  remove() {
    this.host.remove();
  }
}
