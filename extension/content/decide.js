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
 * @typedef {'post' | 'confirm' | 'block' | 'checklist' | 'unchecked' | 'held'} GateAction
 * @typedef {'open' | 'closed'} FailMode  the policy's `fail_mode`
 */

/** The gate modes a policy may name; anything else falls back to the default. */
export const GATE_MODES = /** @type {const} */ (['off', 'badge', 'confirm', 'block']);
export const DEFAULT_GATE = 'confirm';

/**
 * What the gate does with the findings of every editor a post button posts, in a policy mode:
 * - "off": never stops (nothing is checked or shown either: main.js pauses checking);
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

/**
 * What the gate does when a text the button posts could not be checked (the WASM did not load,
 * the checker threw, the worker did not answer), by the policy's `fail_mode`:
 * - "closed": 'held', the post is stopped with no way to post (contact the organisation);
 * - "open": 'unchecked', a notice says the post was not checked, one click posts it; in
 *   "badge" mode the badge's "not checked" is the notice and the post goes out.
 * Gate "off" never stops (the user or the admin switched the gate off).
 * @param {GateMode} mode
 * @param {FailMode | undefined} failMode  absent: the policy's default, "open"
 * @returns {GateAction}
 */
export function uncheckedAction(mode, failMode) {
  if (mode === 'off') return 'post';
  if (failMode === 'closed') return 'held';
  return mode === 'badge' ? 'post' : 'unchecked';
}
