// An ARIA live region (polite) that announces NEW warnings without taking focus: a screen
// reader user hears "警告: 短縮URLです" once when it appears, not at every keystroke.

import { createHost, h } from './host.js';

const CSS = `.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }`;

export class LiveRegion {
  constructor() {
    const { host, root } = createHost('postcheck-live', CSS);
    this.host = host;
    this.region = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    root.append(this.region);
  }

  /** @param {string} text */
  say(text) {
    // Replacing the text node makes the change an announcement.
    this.region.textContent = text;
    this.host.dataset.said = text;
  }
}
