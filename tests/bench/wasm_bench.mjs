// `make bench`: check time per call of the BUILT WASM (extension/pkg) under Node, for the same
// texts as benches/check.rs (built from tests/bench/corpus.txt by the procedure it describes).
// The time includes what the extension pays on every call: passing the text and context in,
// the check, and the JSON string coming back (not JSON.parse). Figures are printed, not asserted.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import init, { Checker } from '../../extension/pkg/postcheck.js';

const SIZES = [140, 280, 1_000, 10_000, 63_206, 100_000];

function corpus() {
  const clean = [];
  const findings = [];
  let section = '';
  for (const raw of readFileSync(new URL('./corpus.txt', import.meta.url), 'utf8').split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    if (line === '[clean]' || line === '[findings]') section = line.slice(1, -1);
    else if (section === 'clean') clean.push(line);
    else if (section === 'findings') findings.push(line);
    else throw new Error(`corpus line outside a section: ${line}`);
  }
  return { clean, findings };
}

/** A text of exactly `n` characters (Unicode scalar values), as corpus.txt describes. */
function text(n, withFindings) {
  const { clean, findings } = corpus();
  const parts = [];
  let chars = 0;
  let c = 0;
  let f = 0;
  for (let i = 0; chars < n; i++) {
    const sentence = withFindings && i % 4 === 0 ? findings[f++ % findings.length] : clean[c++ % clean.length];
    const line = `${sentence.replaceAll('{d}', String(((i * 7) % 28) + 1))}\n`;
    chars += [...line].length;
    parts.push(line);
  }
  return [...parts.join('')].slice(0, n).join('');
}

/** Median time per call in ms, over batches that together run at least `budgetMs`. */
function timePerCall(fn, budgetMs) {
  for (let i = 0; i < 3; i++) fn();
  let t = performance.now();
  fn();
  const one = Math.max(performance.now() - t, 1e-4);
  const perBatch = Math.max(1, Math.floor(budgetMs / 15 / one));
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start < budgetMs && samples.length < 200)) {
    t = performance.now();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push((performance.now() - t) / perBatch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const bytes = readFileSync(new URL('../../extension/pkg/postcheck_bg.wasm', import.meta.url));
let t0 = performance.now();
await init({ module_or_path: bytes });
const initMs = performance.now() - t0;
t0 = performance.now();
const checker = new Checker('');
const context = JSON.stringify({ account: 'personal' });
checker.check('詳細は bit.ly/3kIbIcU へ', context);
const firstMs = performance.now() - t0;

console.log(`postcheck WASM under Node ${process.version} (default policy, personal account), median of batches`);
console.log(`init (compile + instantiate): ${initMs.toFixed(1)} ms; first checker + check: ${firstMs.toFixed(1)} ms`);
console.log(['chars', 'variant', 'findings', 'warn+', 'ms/call', 'ns/char'].map((h, i) => h.padStart([8, 9, 9, 9, 11, 9][i])).join(' '));
const results = new Map();
for (const n of SIZES) {
  for (const withFindings of [false, true]) {
    const s = text(n, withFindings);
    const { findings } = JSON.parse(checker.check(s, context));
    const warn = findings.filter((f) => f.severity !== 'info').length;
    const ms = timePerCall(() => checker.check(s, context), n >= 10_000 ? 600 : 300);
    results.set(`${n}/${withFindings}`, ms);
    const row = [n, withFindings ? 'findings' : 'clean', findings.length, warn, ms.toFixed(4), ((ms * 1e6) / n).toFixed(1)];
    console.log(row.map((v, i) => String(v).padStart([8, 9, 9, 9, 11, 9][i])).join(' '));
  }
}
const worst = (n) => Math.max(results.get(`${n}/false`), results.get(`${n}/true`));
console.log(`target 280 chars <= 0.1 ms: ${worst(280).toFixed(4)} ms (${worst(280) <= 0.1 ? 'met' : 'NOT met'})`);
console.log(`target 63,206 chars <= 10 ms: ${worst(63_206).toFixed(2)} ms (${worst(63_206) <= 10 ? 'met' : 'NOT met'})`);
