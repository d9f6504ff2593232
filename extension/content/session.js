// The editor being written in: reads its text, asks the checker, paints the result and keeps
// the badge and card in step. One check in flight at a time; when the text changes meanwhile,
// the latest text is checked as soon as the answer arrives. A result whose text is no longer
// the editor's text is never painted as current.

import { readText, reading, offsetOf, shiftFindings } from './textmap.js';
import { paint, paintInSlices, clear, MAX_PAINTED } from './highlights.js';
import { SLICE_MS, nextTask } from './slices.js';
import { maxSeverity } from './decide.js';

/**
 * @typedef {import('../ui/texts.js').Finding} Finding
 * @typedef {{text: string, key?: string, findings: Finding[]} | {text: string, key?: string, error: string, fail_mode?: 'open' | 'closed', contact?: string, timeout?: boolean}} Result
 *   `key`: what of the context (besides the text) the result depends on and the page can
 *   change without a keystroke: the location tag (SessionDeps.key).
 * @typedef {{
 *   blockSel: string,
 *   context: (editor: HTMLElement) => object,
 *   key?: (editor: HTMLElement) => string,
 *   check: typeof import('./client.js').check,
 *   onState: (s: Session) => void,
 * }} SessionDeps
 */

/**
 * Figures for tests and diagnostics (never any text): the longest synchronous slice the
 * content script spent on an editor's change (a slice of the read; carry over, paint, badge)
 * and on a result (paint, badge), in ms; how many reads needed more than one slice, and the
 * most slices one read took.
 */
export const sessionStats = { maxRefreshMs: 0, maxSettleMs: 0, refreshes: 0, settles: 0, slicedReads: 0, maxReadSlices: 0, longest: { maxRefreshMs: '', maxSettleMs: '' } };


/**
 * Runs `fn` and keeps the longest duration in sessionStats[key], and what it was (`what`).
 * @template T
 * @param {'maxRefreshMs' | 'maxSettleMs'} key
 * @param {string} what
 * @param {() => T} fn
 * @returns {T}
 */
export function timed(key, what, fn) {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - t0;
    if (ms > sessionStats[key]) {
      sessionStats[key] = ms;
      sessionStats.longest[key] = what;
    }
  }
}


/** Findings painted at once; more are painted in slices (Session.paintShown). */
const PAINT_AT_ONCE = 200;

export class Session {
  /**
   * @param {HTMLElement} editor
   * @param {SessionDeps} deps
   */
  constructor(editor, deps) {
    this.editor = editor;
    this.deps = deps;
    /** @type {import('./textmap.js').TextMap} */
    this.map = { text: '', segments: [] };
    /** The last result, for exactly `result.text`. @type {Result | null} */
    this.result = null;
    /** What is painted, and the text it is painted on (carried over edits until the result). */
    /** @type {Finding[]} */
    this.shown = [];
    this.shownText = '';
    /** @type {(Range | null)[]} */
    this.ranges = [];
    /** @type {string | null} */
    this.inflight = null;
    /** The text whose failed check was already asked again (once per text). @type {string | null} */
    this.retried = null;
    this.composing = false;
    this.closed = false;
    /** @type {{text: string, resolve: (r: Result) => void}[]} */
    this.waiters = [];
    /** Last figures: round trip and time in the worker, ms. */
    this.last = { rtt: 0, ms: 0 };
    /** Findings the user chose to ignore for this draft ("この投稿では無視"), by ignoreKey. */
    /** @type {Set<string>} */
    this.ignored = new Set();
    /** Bumped when the policy changes: an answer to a check sent before is out of date. */
    this.epoch = 0;
    /**
     * Bumped on every change of the editor the page notifies (mutation, input: touch()); `map`
     * is the editor's text as it is while `mapGen === gen`.
     */
    this.gen = 0;
    this.mapGen = -1;
    /** Bumped by every paint: a paint in slices that is no longer the latest stops. */
    this.paintToken = 0;
    /** A read in slices is under way; it resolves `readDone` when it ends. */
    this.reading = false;
    /** @type {Promise<void>} */
    this.readDone = Promise.resolve();
  }

  /** The editor changed (or may have): the map on hand is no longer its text. */
  touch() {
    this.gen += 1;
  }

  /**
   * Whether `map` is the editor's text now: read since the last change notified. A textarea's
   * value changes without a mutation: it is read each time (cheap).
   */
  fresh() {
    return this.mapGen === this.gen && !(this.editor instanceof HTMLTextAreaElement);
  }

  /**
   * The policy changed (admin or options): the result on hand and any check under way were made
   * with the old one. The underlines stay until the new result replaces them (no flicker).
   */
  recheck() {
    this.epoch += 1;
    this.result = null;
    this.refresh();
  }

  /**
   * What identifies a finding across edits for "ignore this once": the rule and the
   * characters it covers (offsets move as the user types).
   * @param {Finding} f
   * @param {string} text
   */
  static ignoreKey(f, text) {
    return `${f.rule}\u0000${text.slice(f.start, f.end)}`;
  }

  /**
   * The findings of a result minus those ignored for this draft. Block findings are never
   * ignorable.
   * @param {Result} r
   * @returns {Finding[]}
   */
  visible(r) {
    if (!('findings' in r)) return [];
    if (this.ignored.size === 0) return r.findings;
    return r.findings.filter((f) => f.severity === 'block' || !this.ignored.has(Session.ignoreKey(f, r.text)));
  }

  /**
   * "この投稿では無視 / Ignore this once": hides an info or warn finding for this draft.
   * @param {Finding} f
   */
  ignore(f) {
    if (f.severity === 'block' || !this.result) return;
    this.ignored.add(Session.ignoreKey(f, this.result.text));
    this.shown = this.visible(this.result);
    this.paintShown('maxSettleMs');
    this.deps.onState(this);
  }

  /**
   * Paints what is shown on the map on hand. Up to PAINT_AT_ONCE findings at once; more (a
   * pasted megabyte) in slices: meanwhile the underlines painted before stay and no card is
   * shown for them (no range), then onState tells the UI (the card follows the new ranges).
   * A later paint or a change of the editor stops a paint in slices.
   * @param {'maxRefreshMs' | 'maxSettleMs'} key  the figure its slices count in
   */
  paintShown(key) {
    const token = ++this.paintToken;
    if (Math.min(this.shown.length, MAX_PAINTED) <= PAINT_AT_ONCE) {
      this.ranges = paint(this.editor, this.map, this.shown);
      return;
    }
    this.ranges = [];
    const gen = this.gen;
    const alive = () => token === this.paintToken && gen === this.gen && !this.closed && this.editor.isConnected;
    paintInSlices(this.editor, this.map, this.shown, alive, (fn) => timed(key, 'paint', fn)).then((ranges) => {
      if (!ranges) return;
      this.ranges = ranges;
      timed(key, 'ui after paint', () => this.deps.onState(this));
    });
  }

  /** The context key now (SessionDeps.key; '' without one). */
  key() {
    return this.deps.key ? this.deps.key(this.editor) : '';
  }

  /**
   * Whether a result is for this text in the context as it is now.
   * @param {Result | null} r
   * @param {string} text
   */
  fits(r, text) {
    return !!r && r.text === text && (r.key ?? '') === this.key();
  }

  /** Re-reads the editor after any change; repaints; checks the text if it is new. */
  refresh() {
    this.touch();
    if (this.closed || this.composing) return;
    if (!this.editor.isConnected) return;
    sessionStats.refreshes += 1;
    this.read();
  }

  /**
   * Reads the editor, then carries the underlines over, repaints and asks for a check (apply).
   * A text read within SLICE_MS is applied in the same task, as typing needs; a larger one is
   * read in slices with the page running in between, and applied in a slice of its own. When
   * the editor changes between two slices, the read starts over (a read never mixes two
   * states of the editor); a read under way is not started twice.
   */
  read() {
    if (this.reading) return;
    this.reading = true;
    /** @type {() => void} */
    let done = () => {};
    this.readDone = new Promise((resolve) => { done = resolve; });
    let gen = this.gen;
    let steps = reading(this.editor, this.deps.blockSel);
    let slices = 0;
    const end = () => {
      this.reading = false;
      done();
    };
    const slice = () => {
      if (this.closed || this.composing || !this.editor.isConnected) {
        end(); // compositionend refreshes; a closed session reads nothing
        return;
      }
      if (gen !== this.gen) {
        gen = this.gen;
        steps = reading(this.editor, this.deps.blockSel);
      }
      slices += 1;
      /** @type {import('./textmap.js').TextMap | null} */
      let map = null;
      try {
        timed('maxRefreshMs', slices === 1 ? 'read' : 'read slice', () => {
          const t0 = performance.now();
          for (;;) {
            const r = steps.next();
            if (r.done) {
              map = r.value;
              break;
            }
            if (performance.now() - t0 > SLICE_MS) break;
          }
          if (map && slices === 1) {
            end();
            this.setMap(map, gen);
            this.apply(false);
          }
        });
      } catch (e) {
        end();
        throw e;
      }
      if (map && slices === 1) return;
      if (!map) {
        // The badge says "checking" at once: the result it shows is for the text before.
        if (slices === 1) timed('maxRefreshMs', 'read', () => this.deps.onState(this));
        nextTask().then(slice);
        return;
      }
      sessionStats.slicedReads += 1;
      sessionStats.maxReadSlices = Math.max(sessionStats.maxReadSlices, slices);
      const read = map;
      nextTask().then(() => {
        if (gen !== this.gen) {
          slice(); // changed after the last slice: read again
          return;
        }
        end();
        if (this.closed || !this.editor.isConnected) return;
        this.setMap(read, gen);
        timed('maxRefreshMs', 'apply', () => this.apply(true));
      });
    };
    slice();
  }

  /**
   * @param {import('./textmap.js').TextMap} map
   * @param {number} gen  the change it was read at
   */
  setMap(map, gen) {
    this.map = map;
    this.mapGen = gen;
  }

  /**
   * The editor's text now: the map on hand while fresh, else read (in slices; the session's
   * underlines follow). While composing, read at once as it is.
   * @returns {Promise<import('./textmap.js').TextMap>}
   */
  async mapNow() {
    for (let tries = 0; tries < 20; tries++) {
      if (!this.editor.isConnected || this.closed) return this.map;
      if (this.editor instanceof HTMLTextAreaElement || this.composing) return readText(this.editor, this.deps.blockSel);
      if (this.fresh()) return this.map;
      this.read();
      await this.readDone;
    }
    return readText(this.editor, this.deps.blockSel);
  }

  /**
   * After a read: carry the underlines over, repaint, ask for a check of a new text.
   * @param {boolean} large  the text took slices to read: the check is asked in a task of its
   *   own (handing a megabyte to the background takes a while in itself)
   */
  apply(large) {
    const text = this.map.text;
    // A draft that was posted or emptied starts over: nothing stays ignored.
    if (text.trim() === '') this.ignored.clear();
    if (this.result && this.fits(this.result, text)) {
      this.shown = this.visible(this.result);
    } else if (this.result && this.result.text === text) {
      // Same text, another context (a location tag set or removed): keep what is shown until the answer.
    } else {
      this.shown = shiftFindings(this.shown, this.shownText, text);
    }
    this.shownText = text;
    this.paintShown('maxRefreshMs');
    if (!large && !this.fits(this.result, text)) this.request();
    this.deps.onState(this);
    if (!large) return;
    const gen = this.gen;
    nextTask().then(() => {
      // Changed meanwhile: the read under way asks for the text it reads.
      if (gen === this.gen && !this.closed && !this.fits(this.result, text)) timed('maxRefreshMs', 'request', () => this.request());
    });
  }

  /**
   * Asks the checker about the current text, unless a check is under way.
   * @param {string} [text]  the text now (default: the map's)
   */
  request(text = this.map.text) {
    if (this.inflight !== null) return;
    const key = this.key();
    if (text.trim() === '') {
      this.settle({ text, key, findings: [] });
      return;
    }
    this.inflight = text;
    const epoch = this.epoch;
    this.deps.check(text, this.deps.context(this.editor)).then((res) => {
      this.inflight = null;
      if (this.closed) return;
      if (epoch !== this.epoch) {
        this.request(); // checked with the policy before the change: ask again
        return;
      }
      this.last = { rtt: res.rtt, ms: 'ms' in res ? res.ms : 0 };
      // A failed check (e.g. the service worker was stopped while it ran) is asked once more:
      // the next message restarts the worker. A checker that cannot run fails again; one that
      // did not answer in time is not asked again (it would only make the user wait again).
      if ('error' in res && !res.timeout && this.retried !== text) {
        this.retried = text;
        this.request();
        return;
      }
      this.settle('error' in res ? { text, key, ...res } : { text, key, findings: res.findings });
    });
  }

  /**
   * A result arrived: paint it if its text is still the editor's text, otherwise check again.
   * @param {Result} r
   */
  settle(r) {
    sessionStats.settles += 1;
    timed('maxSettleMs', 'settle', () => this.settleNow(r));
  }

  /** @param {Result} r */
  settleNow(r) {
    // A textarea's value is read now (no mutation tells of its changes).
    if (this.editor instanceof HTMLTextAreaElement && !this.composing && this.editor.isConnected) this.setMap(readText(this.editor, this.deps.blockSel), this.gen);
    // Whoever waits gets this result; they compare its text with the editor's and ask again.
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve(r);
    if (!this.fresh() && !(this.editor instanceof HTMLTextAreaElement)) {
      // The editor changed since its last read: the read under way (refresh) checks the latest
      // text when it ends. Not painted: it may not be for the text on screen.
      return;
    }
    if (!this.fits(r, this.map.text) || this.composing) {
      // Stale: the text changed since it was sent. Not painted; the latest text is checked.
      if (!this.composing) this.request();
      return;
    }
    this.result = r;
    this.shown = this.visible(r);
    this.shownText = r.text;
    this.paintShown('maxSettleMs');
    this.deps.onState(this);
  }

  /**
   * The result for the editor's current text, checking it first if needed.
   * @returns {Promise<Result>}
   */
  async current() {
    let retried = false;
    for (let tries = 0; tries < 20; tries++) {
      if (this.closed) break;
      const text = (await this.mapNow()).text;
      if (this.fits(this.result, text)) {
        const r = /** @type {Result} */ (this.result);
        if (!('error' in r) || r.timeout || retried) return r;
        // The check of this text failed: ask once more (the worker may have restarted).
        retried = true;
        this.result = null;
      }
      await new Promise((resolve) => {
        this.waiters.push({ text, resolve });
        this.request(text);
      });
    }
    return { text: this.map.text, error: 'the text kept changing' };
  }

  /**
   * Whether the result on hand is for the current text, decided at once: the map on hand is
   * the editor's text (no change since it was read; main.js takes the page's pending mutations
   * first) and the result is for it. Otherwise not (the gate then waits for current()).
   */
  isCurrent() {
    if (this.editor instanceof HTMLTextAreaElement) return this.fits(this.result, readText(this.editor, this.deps.blockSel).text);
    return this.fresh() && this.fits(this.result, this.map.text);
  }

  /** 'checking' | 'error' | 'clean' | severity */
  state() {
    // Changed since the last read (a large text being read in slices, IME composition): the
    // result on hand may be for the text before.
    if (!this.fresh() && !(this.editor instanceof HTMLTextAreaElement)) return 'checking';
    if (!this.fits(this.result, this.map.text)) return 'checking';
    if ('error' in this.result) return 'error';
    return maxSeverity(this.shown) ?? 'clean';
  }

  /**
   * The finding under the caret (collapsed selection in the editor), with its range.
   * @returns {{finding: Finding, range: Range | null} | null}
   */
  atCaret() {
    if (this.editor instanceof HTMLTextAreaElement) {
      const ta = this.editor;
      if (document.activeElement !== ta || ta.selectionStart !== ta.selectionEnd) return null;
      const off = ta.selectionStart;
      const i = this.shown.findIndex((f) => f.start < off && off <= f.end);
      return i >= 0 ? { finding: this.shown[i], range: null } : null;
    }
    const sel = getSelection();
    if (!sel || !sel.isCollapsed || !sel.focusNode || !this.editor.contains(sel.focusNode)) return null;
    const off = offsetOf(this.map, sel.focusNode, sel.focusOffset);
    const i = this.shown.findIndex((f) => f.start < off && off <= f.end);
    const range = this.ranges[i];
    return i >= 0 && range ? { finding: this.shown[i], range } : null;
  }

  /**
   * The finding whose underline is under the point, with the box hit.
   * @param {number} x
   * @param {number} y
   * @returns {{finding: Finding, rect: DOMRect} | null}
   */
  atPoint(x, y) {
    for (let i = 0; i < this.shown.length; i++) {
      const r = this.ranges[i];
      if (!r) continue;
      for (const rect of r.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom + 4) return { finding: this.shown[i], rect };
      }
    }
    return null;
  }

  close() {
    this.closed = true;
    clear(this.editor);
    for (const w of this.waiters) w.resolve({ text: w.text, error: 'editor closed' });
    this.waiters = [];
  }
}
