// Paints findings with the CSS Custom Highlight API: one highlight per severity, styled by
// highlight.css. Nothing is written into the editor. Several editors can be painted at once
// (every post of a thread): each editor (the owner) has its own ranges, and the three
// highlights are rebuilt from all owners. The highlight registry is shared with the page
// (which could delete our entries), so every paint sets them again, and every range is built
// fresh from the latest text map (ranges go stale silently when the editor re-renders).

import { rangeFor } from './textmap.js';
import { inSlices } from './slices.js';

/** @typedef {'info' | 'warn' | 'block'} Severity */
export const SEVERITIES = /** @type {const} */ (['info', 'warn', 'block']);
/** @param {Severity} s */
export const highlightName = (s) => `postcheck-${s}`;

const supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/**
 * At most this many findings are underlined per editor (the first in the text): a pasted
 * megabyte can hold thousands, and building and painting a Range for each would freeze the
 * page. The badge and the panel still count and list every finding.
 */
export const MAX_PAINTED = 1000;

/** Painted ranges per owner (an editor element), by severity. */
/** @type {Map<object, Record<Severity, Range[]>>} */
const owners = new Map();

function repaint() {
  if (!supported) return;
  SEVERITIES.forEach((sev, i) => {
    /** @type {Range[]} */
    const rs = [];
    for (const o of owners.values()) rs.push(...o[sev]);
    const name = highlightName(sev);
    if (rs.length === 0) {
      CSS.highlights.delete(name);
      return;
    }
    const h = new Highlight(...rs);
    h.priority = i; // block paints over warn over info
    CSS.highlights.set(name, h);
  });
}

/**
 * Paints one owner's findings onto its text map; returns the painted ranges by finding index.
 * A textarea's map has no text nodes: no range can be built (Ranges cannot point inside a
 * textarea's value), so nothing is underlined there; the badge, panel and gate still work.
 * @param {object} owner
 * @param {import('./textmap.js').TextMap} map
 * @param {{start: number, end: number, severity: Severity}[]} findings
 * @returns {(Range | null)[]}
 */
export function paint(owner, map, findings) {
  const ranges = findings.map((f, i) => (i < MAX_PAINTED ? rangeFor(map, f.start, f.end) : null));
  show(owner, findings, ranges);
  return ranges;
}

/**
 * paint() for many findings: the ranges are built in slices (slices.js), the page running in
 * between; the owner's underlines change only once all are built (until then, those painted
 * before stay). Resolves with the ranges, or null when `alive()` turned false between slices
 * (the text changed: nothing is painted from this map).
 * @param {object} owner
 * @param {import('./textmap.js').TextMap} map
 * @param {{start: number, end: number, severity: Severity}[]} findings
 * @param {() => boolean} alive
 * @param {(fn: () => void) => void} timed  wraps each slice (the caller's figures)
 * @returns {Promise<(Range | null)[] | null>}
 */
export async function paintInSlices(owner, map, findings, alive, timed) {
  /** @type {(Range | null)[]} */
  const ranges = findings.map(() => null);
  const n = Math.min(findings.length, MAX_PAINTED);
  const built = await inSlices(n, (i) => { ranges[i] = rangeFor(map, findings[i].start, findings[i].end); }, alive, timed);
  if (!built || !alive()) return null;
  timed(() => show(owner, findings, ranges));
  return ranges;
}

/**
 * Sets one owner's underlines to the ranges built for its findings and repaints.
 * @param {object} owner
 * @param {{severity: Severity}[]} findings
 * @param {(Range | null)[]} ranges
 */
function show(owner, findings, ranges) {
  /** @type {Record<Severity, Range[]>} */
  const bySev = { info: [], warn: [], block: [] };
  ranges.forEach((r, j) => { if (r) bySev[findings[j].severity]?.push(r); });
  owners.set(owner, bySev);
  repaint();
}

/**
 * Removes one owner's underlines (its editor is gone or no longer watched).
 * @param {object} owner
 */
export function clear(owner) {
  owners.delete(owner);
  repaint();
}

/** How many owners are painted (tests: nothing leaks when editors go away). */
export const paintedOwners = () => owners.size;
