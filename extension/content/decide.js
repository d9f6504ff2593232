// What the gate does with a result: pure, so it is unit-tested without a browser.

/**
 * @typedef {{severity: 'info' | 'warn' | 'block'}} Graded
 * @typedef {'post' | 'confirm' | 'block'} Decision
 */

/**
 * 'post' when nothing at warn or above was found, 'block' when any finding blocks (no "Post
 * anyway"), 'confirm' otherwise (ask, with "Go back" and "Post anyway").
 * @param {Graded[]} findings
 * @returns {Decision}
 */
export function decide(findings) {
  if (findings.some((f) => f.severity === 'block')) return 'block';
  if (findings.some((f) => f.severity === 'warn')) return 'confirm';
  return 'post';
}

/**
 * The highest severity among the findings, or null.
 * @param {Graded[]} findings
 * @returns {'info' | 'warn' | 'block' | null}
 */
export function maxSeverity(findings) {
  const order = ['info', 'warn', 'block'];
  let m = -1;
  for (const f of findings) m = Math.max(m, order.indexOf(f.severity));
  return m < 0 ? null : /** @type {'info' | 'warn' | 'block'} */ (order[m]);
}

/**
 * @typedef {'off' | 'badge' | 'confirm' | 'block'} GateMode  the policy's `gate`
 * @typedef {'post' | 'confirm' | 'block' | 'checklist'} GateAction
 */

/** The gate modes a policy may name; anything else falls back to the default. */
export const GATE_MODES = /** @type {const} */ (['off', 'badge', 'confirm', 'block']);
export const DEFAULT_GATE = 'confirm';

/**
 * What the gate does with the findings of every editor a post button posts, in a policy mode:
 * - "off": never stops (the badge and underlines still show);
 * - "badge": warns on the badge only, never stops;
 * - "confirm": asks at warn ("Post anyway" offered), refuses with a block finding;
 * - "block": refuses at warn too (no "Post anyway").
 * With a checklist (policy), a post that would go out is asked first ('checklist') in
 * "confirm" and "block" modes, so the boxes are ticked before anything is posted.
 * Info findings never stop a post.
 * @param {Graded[]} findings
 * @param {GateMode} mode
 * @param {boolean} [checklist]
 * @returns {GateAction}
 */
export function gateAction(findings, mode, checklist = false) {
  if (mode === 'off' || mode === 'badge') return 'post';
  const d = decide(findings);
  if (d === 'post') return checklist ? 'checklist' : 'post';
  if (mode === 'block') return 'block';
  return d;
}
