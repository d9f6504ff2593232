// Paints findings with the CSS Custom Highlight API: one highlight per severity, styled by
// highlight.css. Nothing is written into the editor. The highlight registry is shared with the
// page (which could delete our entries), so every paint sets them again, and every range is
// built fresh from the latest text map (ranges go stale silently when the editor re-renders).

import { rangeFor } from './textmap.js';

/** @typedef {'info' | 'warn' | 'block'} Severity */
export const SEVERITIES = /** @type {const} */ (['info', 'warn', 'block']);
/** @param {Severity} s */
export const highlightName = (s) => `postcheck-${s}`;

const supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/**
 * Paints the findings onto the text map; returns the painted ranges by finding index.
 * @param {import('./textmap.js').TextMap} map
 * @param {{start: number, end: number, severity: Severity}[]} findings
 * @returns {(Range | null)[]}
 */
export function paint(map, findings) {
  const ranges = findings.map((f) => rangeFor(map, f.start, f.end));
  if (!supported) return ranges;
  SEVERITIES.forEach((sev, i) => {
    const rs = /** @type {Range[]} */ (ranges.filter((r, j) => r && findings[j].severity === sev));
    const name = highlightName(sev);
    if (rs.length === 0) {
      CSS.highlights.delete(name);
      return;
    }
    const h = new Highlight(...rs);
    h.priority = i; // block paints over warn over info
    CSS.highlights.set(name, h);
  });
  return ranges;
}

/** Removes every postcheck highlight. */
export function clear() {
  if (!supported) return;
  for (const s of SEVERITIES) CSS.highlights.delete(highlightName(s));
}
