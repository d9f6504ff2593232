// Where a floating box (the card) goes so that it never covers what the user needs: the post
// button, the line being typed. Candidates are tried near the underlined text first (below,
// above, just clear of each box to keep clear), then beside the composer (right, left, made
// narrower to fit); each must fit the viewport, and the first that covers the least is taken (a "hard" box such as the post button or the caret's line weighs a
// thousand times more than a "soft" one such as the rest of the editor).

/** @typedef {{left: number, top: number, right: number, bottom: number}} Box */

const GAP = 6;
const MARGIN = 4;
/** The narrowest the card may be made to fit beside the composer. */
const MIN_WIDTH = 240;

/**
 * The area two boxes share (0 when they do not intersect).
 * @param {Box} a
 * @param {Box} b
 */
export function overlap(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where the box goes: its top-left corner and the width it may take (0: its own).
 * @param {(maxWidth: number) => [number, number]} measure  the box's size [w, h] when at most
 *   `maxWidth` wide (0: its natural width); beside the composer it may be narrower
 * @param {Box} target   what the box is about (the underlined text)
 * @param {{zone?: Box | null, hard?: Box[], soft?: Box[]}} keep
 *   zone: the composer (the box may sit beside it); hard/soft: boxes not to cover
 * @returns {{left: number, top: number, maxWidth: number}}
 */
export function placeBox(measure, target, keep = {}) {
  const vw = innerWidth, vh = innerHeight;
  const zone = keep.zone ?? target;
  const hard = keep.hard ?? [];
  /** @type {{left: number, top: number, maxWidth: number, w: number, h: number}[]} */
  const candidates = [];
  /** @param {number} left @param {number} top @param {number} w @param {number} h @param {number} maxWidth */
  const add = (left, top, w, h, maxWidth) => {
    if (left >= MARGIN && top >= MARGIN && left + w <= vw - MARGIN && top + h <= vh - MARGIN) candidates.push({ left, top, maxWidth, w, h });
  };
  // Near the text: below it, above it, and just clear of each box not to cover.
  const [w, h] = measure(0);
  const x = Math.max(MARGIN, Math.min(target.left, vw - w - MARGIN));
  for (const top of [target.bottom + GAP, target.top - GAP - h, ...hard.flatMap((r) => [r.bottom + GAP, r.top - GAP - h])]) {
    for (const left of [x, MARGIN, vw - w - MARGIN]) add(left, top, w, h, 0);
  }
  // Beside the composer, as wide as the room there allows (never narrower than MIN_WIDTH).
  const clampY = (/** @type {number} */ y, /** @type {number} */ hh) => Math.max(MARGIN, Math.min(y, vh - hh - MARGIN));
  const right = vw - MARGIN - (zone.right + GAP);
  if (right >= MIN_WIDTH) {
    const [w2, h2] = measure(Math.min(right, w));
    add(zone.right + GAP, clampY(target.top, h2), w2, h2, Math.min(right, w));
  }
  const left = zone.left - GAP - MARGIN;
  if (left >= MIN_WIDTH) {
    const [w2, h2] = measure(Math.min(left, w));
    add(zone.left - GAP - w2, clampY(target.top, h2), w2, h2, Math.min(left, w));
  }
  let best = { left: x, top: clampY(target.bottom + GAP, h), maxWidth: 0 };
  let bestScore = Infinity;
  for (const c of candidates) {
    const box = { left: c.left, top: c.top, right: c.left + c.w, bottom: c.top + c.h };
    let score = overlap(box, target) * 1000;
    for (const r of hard) score += overlap(box, r) * 1000;
    for (const r of keep.soft ?? []) score += overlap(box, r);
    if (score < bestScore) {
      bestScore = score;
      best = { left: c.left, top: c.top, maxWidth: c.maxWidth };
      if (score === 0) break;
    }
  }
  measure(best.maxWidth);
  return best;
}
