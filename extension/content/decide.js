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
