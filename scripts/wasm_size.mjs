// `make size` (after the total it prints with gzip -9): the shipped WASM by section, raw and
// gzipped alone (zlib level 9), and the code by crate from the linker's module (function
// names; before wasm-opt, so larger than the shipped code, but in proportion).
//   node scripts/wasm_size.mjs extension/pkg/postcheck_bg.wasm [target/.../postcheck.wasm]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gz = (b) => gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

function leb(b, i) {
  let r = 0;
  let s = 0;
  for (;;) {
    const x = b[i++];
    r += (x & 0x7f) * 2 ** s;
    s += 7;
    if (x < 0x80) return [r, i];
  }
}

/** The module's sections: [{ id, name, body }]. */
function sections(b) {
  const out = [];
  for (let i = 8; i < b.length; ) {
    const id = b[i++];
    const [n, at] = leb(b, i);
    const body = b.subarray(at, at + n);
    let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id];
    if (id === 0) {
      const [l, j] = leb(body, 0);
      name = `custom:${body.subarray(j, j + l).toString()}`;
    }
    out.push({ id, name, body });
    i = at + n;
  }
  return out;
}

/** The crate a function name belongs to: plain, legacy-mangled (`_ZN5regex…`) or v0-mangled
 * (`_RNv…Cs2l5wVurZya3_14regex_automata…`, which the size-optimised std build produces). */
function crateOf(name) {
  let s = name;
  const v0 = /^_R.*?C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_])/.exec(s);
  if (v0) {
    const at = v0.index + v0[0].length - 1;
    return s.substr(at, Number(v0[1]));
  }
  const m = /^_ZN(\d+)/.exec(s);
  if (m) s = s.substr(m[0].length, Number(m[1])).replace(/^_/, '').replace(/\$LT\$|\$RF\$|\$u20\$/g, ' ');
  return /^[\s<&]*([A-Za-z_][A-Za-z0-9_]*)/.exec(s)?.[1] ?? 'other';
}

const [shipped, linked] = process.argv.slice(2);
const wasm = readFileSync(shipped);
for (const s of sections(wasm).filter((s) => s.body.length > 4096)) {
  console.log(`  ${s.name.padEnd(8)} ${kb(s.body.length).padStart(9)} raw ${kb(gz(s.body)).padStart(9)} gzipped alone`);
}

if (linked) {
  // Function bodies by crate: the code section's bodies, named by the "name" section.
  const secs = sections(readFileSync(linked));
  let imported = 0;
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    let [n, i] = leb(imp.body, 0);
    for (; n > 0; n--) {
      for (let k = 0; k < 2; k++) {
        const [l, j] = leb(imp.body, i);
        i = j + l;
      }
      const kind = imp.body[i++];
      if (kind === 0) {
        imported++;
        i = leb(imp.body, i)[1];
      } else if (kind === 1) {
        i += 1;
        const flags = imp.body[i++];
        i = leb(imp.body, i)[1];
        if (flags & 1) i = leb(imp.body, i)[1];
      } else if (kind === 2) {
        const flags = imp.body[i++];
        i = leb(imp.body, i)[1];
        if (flags & 1) i = leb(imp.body, i)[1];
      } else {
        i += 2;
      }
    }
  }
  const names = new Map();
  const nameSec = secs.find((s) => s.name === 'custom:name');
  if (nameSec) {
    let i = leb(nameSec.body, 0);
    i = i[1] + i[0];
    while (i < nameSec.body.length) {
      const sub = nameSec.body[i++];
      const [len, at] = leb(nameSec.body, i);
      if (sub === 1) {
        let [n, j] = leb(nameSec.body, at);
        for (; n > 0; n--) {
          const [idx, k] = leb(nameSec.body, j);
          const [l, m] = leb(nameSec.body, k);
          names.set(idx, nameSec.body.subarray(m, m + l).toString());
          j = m + l;
        }
      }
      i = at + len;
    }
  }
  const code = secs.find((s) => s.id === 10);
  const byCrate = new Map();
  if (code && names.size > 0) {
    let [n, i] = leb(code.body, 0);
    for (let f = 0; f < n; f++) {
      const [size, at] = leb(code.body, i);
      const name = names.get(imported + f) ?? '?';
      byCrate.set(crateOf(name), (byCrate.get(crateOf(name)) ?? 0) + size + (at - i));
      i = at + size;
    }
    const sum = [...byCrate.values()].reduce((a, b) => a + b, 0);
    const top = [...byCrate.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log(`  code by crate before wasm-opt (${kb(sum)}): ${top.map(([c, s]) => `${c} ${Math.round((100 * s) / sum)}%`).join(', ')}`);
  }
}
