// The card shown on hover or keyboard focus of underlined text: what was found, why the
// guideline forbids it, what to do instead, and the clause(s). It never takes focus (the user
// keeps typing); it is a polite live region so a screen reader reads it when it appears.

import { createHost, h, BASE_CSS } from './host.js';
import { findingView, FINDING_CSS } from './texts.js';
import { placeBox } from './place.js';

const CSS = `${BASE_CSS}${FINDING_CSS}
  .card { max-width: 360px; background: #fff; border: 1px solid #cfd9de; border-radius: 10px;
          box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 10px 12px 2px; pointer-events: none; }
  .note { color: #536471; font-size: 12px; }
`;

export class Card {
  constructor() {
    const { host, root } = createHost('postcheck-card', CSS);
    this.host = host;
    this.host.setAttribute('aria-live', 'polite');
    this.box = h('div', { class: 'card top', role: 'note' });
    root.append(this.box);
    /** @type {object | null} */
    this.shown = null;
    /** @type {string | undefined} */
    this.note = undefined;
    this.hide();
  }

  /**
   * @param {import('./texts.js').Finding} finding
   * @param {DOMRect} rect  the underlined text's box
   * @param {'ja' | 'en'} lang
   * @param {import('./texts.js').FindingLabels} labels
   * @param {string} [note]  a line under the finding (e.g. why nothing is underlined)
   * @param {Parameters<typeof placeBox>[3]} [keep]  what the card must not cover (post
   *   button, the line being typed) and the composer it may sit beside (ui/place.js)
   */
  show(finding, rect, lang, labels, note, keep) {
    if (this.shown !== finding || this.note !== note) {
      const view = findingView(finding, lang, labels);
      if (note) view.append(h('p', { class: 'row note' }, [note]));
      this.box.replaceChildren(view);
      this.shown = finding;
      this.note = note;
    }
    this.host.style.display = 'block';
    this.host.dataset.rule = finding.rule;
    const box = /** @type {HTMLElement} */ (this.box);
    const { left, top } = placeBox((maxWidth) => {
      box.style.maxWidth = maxWidth ? `${maxWidth}px` : '';
      return [box.offsetWidth, box.offsetHeight];
    }, rect, keep);
    this.host.style.transform = `translate(${left}px, ${top}px)`;
  }

  hide() {
    this.host.style.display = 'none';
    delete this.host.dataset.rule;
    this.shown = null;
  }
}
