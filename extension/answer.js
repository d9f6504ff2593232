// The checker's answer as the rest of the extension reads it. The WASM writes each distinct
// explanation of its findings ({clauses, fix, message, why}) once, in `explanations`, and each
// finding names its own by index (src/lib.rs `Report::to_wasm_json`): a long post's hundreds of
// findings come from a few dozen rules, and repeating the texts made the answer several times
// larger for the WASM to write and for JavaScript to decode and parse.

/**
 * Puts each finding's explanation back into it (the same objects, shared between findings of
 * one explanation: read them, never change them) and drops the table. Returns `out`, changed.
 * @param {{findings?: {explanation?: number}[], explanations?: object[]}} out  the parsed answer
 * @returns {any}
 */
export function expandAnswer(out) {
  const table = out.explanations ?? [];
  for (const f of out.findings ?? []) {
    const e = table[/** @type {number} */ (f.explanation)];
    if (!e) throw new Error(`finding without its explanation (${f.explanation} of ${table.length})`);
    delete f.explanation;
    Object.assign(f, e);
  }
  delete out.explanations;
  return out;
}
