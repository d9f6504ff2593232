// Reads `web-ext lint --output json` on stdin, prints every message with its file, and exits
// non-zero when there is any error or warning (notices are printed, not fatal).

let input = '';
for await (const chunk of process.stdin) input += chunk;
/** @type {{summary: {errors: number, warnings: number, notices: number}, errors: any[], warnings: any[], notices: any[]}} */
let report;
try {
  report = JSON.parse(input);
} catch {
  console.error(`web-ext lint did not print JSON:\n${input}`);
  process.exit(2);
}
for (const kind of /** @type {const} */ (['errors', 'warnings', 'notices'])) {
  for (const m of report[kind]) {
    console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''}: ${m.message}${m.description ? ` (${String(m.description).replace(/\s+/g, ' ')})` : ''}`);
  }
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors + warnings > 0 ? 1 : 0);
