// Reads an editor's text block by block (lines joined with "\n") with a map from text offsets
// (UTF-16 code units, what the checker's spans count) to DOM text nodes. Read-only: nothing
// here writes to the editor's DOM.

/**
 * @typedef {{node: Text, start: number, end: number}} Segment  a text node at [start, end)
 * @typedef {{text: string, segments: Segment[]}} TextMap
 */

/**
 * Reads the editor. Blocks are `blockSel` elements (Draft.js: div[data-block]); each block's
 * text is its text nodes in document order (an empty line has only a <br>; a <br> followed by
 * more of the block is a line break, Lexical's Shift+Enter). Without blocks,
 * the editor is one block. The placeholder lives outside the editor and is never read.
 * @param {HTMLElement} editor
 * @param {string} blockSel
 * @returns {TextMap}
 */
export function readText(editor, blockSel) {
  const steps = reading(editor, blockSel);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How many text nodes and line breaks the reader takes between two chances to pause. */
const LEAVES_PER_STEP = 128;

/**
 * readText in steps: yields after every LEAVES_PER_STEP leaves (text nodes, <br>), returns the
 * map. Nothing is kept between steps but the walk's position: a caller that pauses between
 * steps must start over if the editor changed meanwhile (Session.read).
 * @param {HTMLElement} editor
 * @param {string} blockSel
 * @returns {Generator<void, TextMap, void>}
 */
export function* reading(editor, blockSel) {
  // X's mobile layout: a plain <textarea>. Its value is the text; there are no text nodes to
  // map (no underlines), only offsets (selectionStart/End) for the caret.
  if (editor instanceof HTMLTextAreaElement) return { text: editor.value.replace(/\r\n?/g, '\n'), segments: [] };
  /** @type {Element[]} */
  let blocks = [...editor.querySelectorAll(blockSel)];
  // Nested blocks (never in Draft.js, but be safe): keep the outermost. One closest() per
  // block, not a comparison of every pair (a 1 MB paste has thousands of blocks).
  blocks = blocks.filter((b) => { const o = b.parentElement?.closest(blockSel); return !o || !editor.contains(o); });
  if (blocks.length === 0) blocks = [editor];
  /** @type {Segment[]} */
  const segments = [];
  /** Pieces of the text, joined once at the end. @type {string[]} */
  const parts = [];
  let length = 0;
  let taken = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (i > 0) {
      parts.push('\n');
      length += 1;
    }
    const walk = document.createTreeWalker(blocks[i], NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    // A <br> inside a block is a line break (Lexical's LineBreakNode), except the block's
    // last leaf: the placeholder of an empty line (Draft.js, Lexical) or Lexical's
    // terminating <br> after a trailing line break. It has no text node: no segment. So a
    // <br> is counted only once another leaf follows it.
    let pendingBreak = false;
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (++taken % LEAVES_PER_STEP === 0) yield;
      if (n.nodeType !== Node.TEXT_NODE) {
        if (/** @type {Element} */ (n).tagName !== 'BR') continue;
        if (pendingBreak) {
          parts.push('\n');
          length += 1;
        }
        pendingBreak = true;
        continue;
      }
      if (pendingBreak) {
        parts.push('\n');
        length += 1;
        pendingBreak = false;
      }
      const data = /** @type {Text} */ (n).data;
      if (!data) continue;
      segments.push({ node: /** @type {Text} */ (n), start: length, end: length + data.length });
      parts.push(data);
      length += data.length;
    }
  }
  return { text: parts.join(''), segments };
}

/**
 * A DOM Range over text offsets [start, end) of the map, or null when the span is empty,
 * out of range or its nodes have left the document (a stale map).
 * @param {TextMap} map
 * @param {number} start
 * @param {number} end
 * @returns {Range | null}
 */
export function rangeFor(map, start, end) {
  if (!(start < end) || end > map.text.length) return null;
  const a = segmentAt(map.segments, start, false);
  const b = segmentAt(map.segments, end, true);
  if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
  const r = document.createRange();
  r.setStart(a.node, start - a.start);
  r.setEnd(b.node, end - b.start);
  return r;
}

/**
 * The segment holding offset `off` by binary search (segments are in text order, do not
 * overlap, and may have gaps for line breaks): with `atEnd`, the one with start < off <= end
 * (a range's end), else the one with start <= off < end (a range's start); undefined if none.
 * @param {Segment[]} segs
 * @param {number} off
 * @param {boolean} atEnd
 * @returns {Segment | undefined}
 */
export function segmentAt(segs, off, atEnd) {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid];
    if (atEnd ? off <= s.start : off < s.start) hi = mid - 1;
    else if (atEnd ? off > s.end : off >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * The text offset of a DOM point (e.g. the caret), or -1 when it is not in the map's text.
 * @param {TextMap} map
 * @param {Node} node
 * @param {number} offset
 * @returns {number}
 */
export function offsetOf(map, node, offset) {
  const seg = map.segments.find((s) => s.node === node);
  if (seg) return seg.start + Math.min(offset, seg.end - seg.start);
  // An element point: the offset of the first text node at or after it.
  const probe = document.createRange();
  try {
    probe.setStart(node, offset);
  } catch {
    return -1;
  }
  for (const s of map.segments) {
    if (probe.comparePoint(s.node, 0) >= 0) return s.start;
  }
  return map.segments.length ? map.text.length : -1;
}

/**
 * Carries findings over an edit, so underlines on untouched text stay put until the new
 * result arrives: findings before the changed region keep their offsets, findings after it
 * shift by the change in length, findings touching it are dropped.
 * @template {{start: number, end: number}} F
 * @param {F[]} findings
 * @param {string} before  the text the findings were computed for
 * @param {string} after   the current text
 * @returns {F[]}
 */
export function shiftFindings(findings, before, after) {
  if (before === after) return findings;
  const { p, editEnd, delta } = editBetween(before, after);
  /** @type {F[]} */
  const out = [];
  for (const f of findings) {
    if (f.end < p) out.push(f);
    else if (f.start > editEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
  }
  return out;
}

/**
 * The changed region of an edit: [p, editEnd) in `before` became [p, editEnd + delta) in `after`.
 * @param {string} before
 * @param {string} after
 */
function editBetween(before, after) {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { p, editEnd: before.length - s, delta: after.length - before.length };
}

/**
 * Carries spans over an edit while any of their characters remain (unlike shiftFindings, which
 * drops what the edit touches): before the changed region kept, after it shifted, a span the
 * edit cuts into or grows keeps its place and covers what replaced its part; a span whose
 * characters were all deleted or replaced is dropped.
 * @template {{start: number, end: number}} S
 * @param {S[]} spans
 * @param {string} before  the text the spans are in
 * @param {string} after   the current text
 * @returns {S[]}
 */
export function carrySpans(spans, before, after) {
  if (before === after) return spans;
  const { p, editEnd, delta } = editBetween(before, after);
  /** @type {S[]} */
  const out = [];
  for (const sp of spans) {
    if (sp.start >= p && sp.end <= editEnd) continue;
    const start = sp.start >= editEnd ? sp.start + delta : sp.start <= p ? sp.start : p;
    const end = sp.end <= p ? sp.end : sp.end >= editEnd ? sp.end + delta : editEnd + delta;
    if (end > start) out.push({ ...sp, start, end });
  }
  return out;
}

/**
 * The caret or selection in an editor as text offsets, or null when it is not inside it.
 * @param {HTMLElement} editor
 * @param {string} blockSel
 * @param {TextMap | null} [known]  the editor's map when it is known to be current (not read again)
 * @returns {{anchor: number, focus: number} | null}
 */
export function saveSelection(editor, blockSel, known = null) {
  if (editor instanceof HTMLTextAreaElement) {
    return { anchor: editor.selectionStart, focus: editor.selectionEnd };
  }
  const sel = getSelection();
  if (!sel || !sel.anchorNode || !sel.focusNode || !editor.contains(sel.anchorNode)) return null;
  const map = known ?? readText(editor, blockSel);
  const anchor = offsetOf(map, sel.anchorNode, sel.anchorOffset);
  const focus = offsetOf(map, sel.focusNode, sel.focusOffset);
  return anchor < 0 || focus < 0 ? null : { anchor, focus };
}

/**
 * Focuses the editor and puts the caret (selection) back at saved text offsets. Only the
 * selection is set (what a click does); the editor's content is not touched.
 * @param {HTMLElement} editor
 * @param {string} blockSel
 * @param {{anchor: number, focus: number} | null} saved
 */
export function restoreSelection(editor, blockSel, saved) {
  editor.focus({ preventScroll: true });
  if (!saved) return;
  if (editor instanceof HTMLTextAreaElement) {
    editor.setSelectionRange(Math.min(saved.anchor, saved.focus), Math.max(saved.anchor, saved.focus));
    return;
  }
  const map = readText(editor, blockSel);
  const a = pointAt(map, saved.anchor);
  const f = pointAt(map, saved.focus);
  const sel = getSelection();
  if (a && f && sel) sel.setBaseAndExtent(a[0], a[1], f[0], f[1]);
}

/**
 * The DOM point (text node, offset) at a text offset; at a line start, the start of the
 * line's first text node.
 * @param {TextMap} map
 * @param {number} off
 * @returns {[Node, number] | null}
 */
export function pointAt(map, off) {
  const segs = map.segments;
  // Prefer the segment that starts at the offset (the caret after "\n" is on the next line).
  const s = segs.find((x) => off >= x.start && off < x.end) ?? segs.find((x) => off === x.end);
  return s && s.node.isConnected ? [s.node, off - s.start] : null;
}
