// The checker's answer as the rest of the extension reads it. A finding names its explanation
// ({clauses, fix, message, why}) by id; an answer carries, with their ids, only the explanations
// its checker has not sent before (src/lib.rs `Report::to_wasm_answer`), so a draft checked at
// every keystroke gets each rule's texts once instead of on every check (they were most of a
// short post's answer, and nine tenths of a long one's, for the WASM to write and for JavaScript
// to decode). `Answers` keeps what one checker sent and puts the texts back into each finding.

/**
 * @typedef {{explanation(id: number): string}} ExplainingChecker
 */

export class Answers {
  /**
   * One per checker: ids mean something only to the checker that gave them.
   * @param {ExplainingChecker} checker  asked for an explanation this reader has not seen
   *   (an answer read elsewhere, or none at all)
   */
  constructor(checker) {
    this.checker = checker;
    /** @type {number | undefined} */
    this.epoch = undefined;
    /** @type {Map<number, object>} */
    this.known = new Map();
  }

  /**
   * The answer of `checker.check(…)` parsed, each finding given its explanation's texts (the
   * same objects, shared between findings of one explanation: read them, never change them).
   * `{error}` answers come back as they are.
   * @param {string} json
   * @returns {any}
   */
  read(json) {
    const out = JSON.parse(json);
    if (out.error) return out;
    if (out.epoch !== this.epoch) {
      // The checker started its numbering over: what was kept means nothing now.
      this.epoch = out.epoch;
      this.known.clear();
    }
    for (const e of out.explanations ?? []) this.keep(e);
    for (const f of out.findings ?? []) {
      let e = this.known.get(f.explanation);
      if (!e) {
        const again = JSON.parse(this.checker.explanation(f.explanation));
        if (!again) throw new Error(`finding without its explanation (${f.explanation}, epoch ${out.epoch})`);
        e = this.keep(again);
      }
      delete f.explanation;
      Object.assign(f, e);
    }
    delete out.explanations;
    delete out.epoch;
    return out;
  }

  /**
   * Keeps an explanation as sent (`{id, clauses, fix, message, why}`); returns its texts.
   * @param {{id: number}} sent
   * @returns {object}
   */
  keep(sent) {
    const { id, ...texts } = sent;
    this.known.set(id, texts);
    return texts;
  }
}

/** Each checker's reader. @type {WeakMap<ExplainingChecker, Answers>} */
const readers = new WeakMap();

/**
 * The one reader of `checker`'s answers (made on first use).
 * @param {ExplainingChecker} checker
 * @returns {Answers}
 */
export function readerOf(checker) {
  let r = readers.get(checker);
  if (!r) {
    r = new Answers(checker);
    readers.set(checker, r);
  }
  return r;
}
