// A host element with a CLOSED shadow root, outside the editor and outside the page's React
// tree, so neither the page's CSS nor its scripts reach the UI.

/**
 * @param {string} tag  a custom element name (valid for attachShadow without registration)
 * @param {string} css
 * @returns {{host: HTMLElement, root: ShadowRoot}}
 */
export function createHost(tag, css) {
  const host = document.createElement(tag);
  host.setAttribute('style', 'all: initial; position: fixed; z-index: 2147483646; top: 0; left: 0;');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  (document.body || document.documentElement).append(host);
  return { host, root };
}

/**
 * A shorthand for building elements.
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** Shared look: system fonts with Japanese fallbacks. */
export const BASE_CSS = `
  * { box-sizing: border-box; font-family: system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, sans-serif; }
  .top { font-size: 14px; line-height: 1.5; color: #0f1419; }
  .sev-info { --sev: #1a73e8; } .sev-warn { --sev: #b35c00; } .sev-block { --sev: #c5221f; }
`;
