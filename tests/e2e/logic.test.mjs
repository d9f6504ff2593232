// Unit tests of the content script's pure logic (no browser): the gate's decision and how
// underlines are carried over an edit until the new result arrives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, maxSeverity, gateAction, uncheckedAction } from '../../extension/content/decide.js';
import { shiftFindings, carrySpans } from '../../extension/content/textmap.js';
import { toBase64 } from '../../extension/content/client.js';

/** @param {'info' | 'warn' | 'block'} severity @param {number} start @param {number} end */
const f = (severity, start, end) => ({ severity, start, end });

test('gate decision: post when clean or info only, confirm at warn, block with any block', (t) => {
  t.diagnostic('[] → post; [info] → post; [info, warn] → confirm; [warn, block] → block');
  assert.equal(decide([]), 'post');
  assert.equal(decide([f('info', 0, 1)]), 'post');
  assert.equal(decide([f('info', 0, 1), f('warn', 2, 3)]), 'confirm');
  assert.equal(decide([f('warn', 0, 1), f('block', 2, 3)]), 'block');
  assert.equal(maxSeverity([f('warn', 0, 1), f('info', 2, 3)]), 'warn');
  assert.equal(maxSeverity([]), null);
});

test('underlines carried over an edit: before the edit kept, after it shifted, touching it dropped', (t) => {
  const before = '詳細は bit.ly/3kIbIcU から！集合は吉備中央町豊野1-2-3です。';
  const url = [before.indexOf('bit.ly'), before.indexOf('bit.ly') + 'bit.ly/3kIbIcU'.length];
  const addr = [before.indexOf('吉備'), before.indexOf('吉備') + '吉備中央町豊野1-2-3'.length];
  const findings = [f('warn', url[0], url[1]), f('warn', addr[0], addr[1])];
  t.diagnostic('inserting "今週末の" at the start shifts both underlines by 4 and they still cover the same characters');
  const after1 = `今週末の${before}`;
  const s1 = shiftFindings(findings, before, after1);
  assert.deepEqual(s1.map((x) => after1.slice(x.start, x.end)), ['bit.ly/3kIbIcU', '吉備中央町豊野1-2-3']);
  t.diagnostic('typing right after the URL drops the URL underline (its extent is unknown until checked), keeps the address');
  const after2 = before.replace('3kIbIcU', '3kIbIcUx');
  assert.deepEqual(shiftFindings(findings, before, after2).map((x) => after2.slice(x.start, x.end)), ['吉備中央町豊野1-2-3']);
  t.diagnostic('deleting inside the address drops it, keeps the URL; an unchanged text keeps everything');
  const after3 = before.replace('1-2-3', '1-2');
  assert.deepEqual(shiftFindings(findings, before, after3).map((x) => after3.slice(x.start, x.end)), ['bit.ly/3kIbIcU']);
  assert.equal(shiftFindings(findings, before, before), findings);
  t.diagnostic('a repeated character edit ("ああ" → "あああ") is located without overlapping prefix and suffix');
  const s4 = shiftFindings([f('warn', 0, 1), f('warn', 4, 5)], 'xああ-y', 'xあああ-y');
  assert.deepEqual(s4.map((x) => 'xあああ-y'.slice(x.start, x.end)), ['x', 'y']);
});

test('gate modes from the policy: off and badge never stop; confirm asks at warn; block refuses at warn', (t) => {
  const info = [f('info', 0, 1)], warn = [f('info', 0, 1), f('warn', 2, 3)], block = [f('block', 0, 1)];
  t.diagnostic('rows: mode × (clean, info, warn, block) → action');
  const table = Object.fromEntries(['off', 'badge', 'confirm', 'block'].map((m) => [m, [[], info, warn, block].map((x) => gateAction(x, /** @type {any} */ (m)))]));
  assert.deepEqual(table, {
    off: ['post', 'post', 'post', 'post'],
    badge: ['post', 'post', 'post', 'post'],
    confirm: ['post', 'post', 'confirm', 'block'],
    block: ['post', 'post', 'block', 'block'],
  });
  t.diagnostic('with a checklist, a post that would go out is asked first (confirm and block modes only)');
  assert.equal(gateAction([], 'confirm', true), 'checklist');
  assert.equal(gateAction(info, 'block', true), 'checklist');
  assert.equal(gateAction(warn, 'confirm', true), 'confirm');
  assert.equal(gateAction([], 'badge', true), 'post');
  assert.equal(gateAction(warn, 'off', true), 'post');
});

test('a text that could not be checked: fail_mode closed holds in every mode but off; open asks once, badge lets it out', (t) => {
  const table = Object.fromEntries(['off', 'badge', 'confirm', 'block'].map((m) => [m, [undefined, 'open', 'closed'].map((fm) => uncheckedAction(/** @type {any} */ (m), /** @type {any} */ (fm)))]));
  t.diagnostic(`mode × (default, open, closed): ${JSON.stringify(table)}`);
  assert.deepEqual(table, {
    off: ['post', 'post', 'post'],
    badge: ['post', 'post', 'held'],
    confirm: ['unchecked', 'unchecked', 'held'],
    block: ['unchecked', 'unchecked', 'held'],
  });
});

test('image bytes as base64 for runtime messaging: the 32 KB pieces join into the base64 of the whole', (t) => {
  t.diagnostic(`Uint8Array#toBase64 in this Node: ${typeof (/** @type {any} */ (new Uint8Array(0))).toBase64} (the btoa fallback is what runs here without it)`);
  for (const n of [0, 1, 2, 3, 32765, 32766, 32767, 65532, 65533, 262144, 327680]) {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = (i * 2654435761) >>> 24;
    assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'), `${n} bytes`);
  }
});

test('announced spans carried over an edit while any of their characters remain (live region: a warning is read out once)', (t) => {
  const before = '集合は吉備中央町豊野1-2-3です。詳細は bit.ly/3kIbIcU へ';
  const addr = { id: 'addr', start: before.indexOf('吉備'), end: before.indexOf('吉備') + '吉備中央町豊野1-2-3'.length };
  const url = { id: 'url', start: before.indexOf('bit.ly'), end: before.indexOf('bit.ly') + 'bit.ly/3kIbIcU'.length };
  const spans = [addr, url];
  t.diagnostic('unchanged text: the same spans');
  assert.equal(carrySpans(spans, before, before), spans);
  t.diagnostic('typing "1" inside the address (it grows): the span keeps its start and covers the new character; the URL shifts by 1');
  const grown = before.replace('1-2-3', '1-12-3');
  const g = carrySpans(spans, before, grown);
  assert.deepEqual(g.map((s) => [s.id, grown.slice(s.start, s.end)]), [['addr', '吉備中央町豊野1-12-3'], ['url', 'bit.ly/3kIbIcU']]);
  t.diagnostic('typing right after the address does not stretch its span (a new word may begin there)');
  const after = before.replace('1-2-3', '1-2-3-4');
  assert.deepEqual(carrySpans(spans, before, after).map((s) => [s.id, after.slice(s.start, s.end)]), [['addr', '吉備中央町豊野1-2-3'], ['url', 'bit.ly/3kIbIcU']]);
  t.diagnostic('replacing 豊野 inside the address: the span is kept (characters of it remain)');
  const inside = before.replace('豊野', '吉川');
  assert.deepEqual(carrySpans(spans, before, inside).map((s) => [s.id, inside.slice(s.start, s.end)]), [['addr', '吉備中央町吉川1-2-3'], ['url', 'bit.ly/3kIbIcU']]);
  t.diagnostic('deleting the whole URL: its span is dropped, the address stays where it was');
  const noUrl = before.replace('bit.ly/3kIbIcU', '');
  assert.deepEqual(carrySpans(spans, before, noUrl).map((s) => [s.id, noUrl.slice(s.start, s.end)]), [['addr', '吉備中央町豊野1-2-3']]);
  t.diagnostic('inserting at the very start shifts both by the insertion');
  const front = `今週末、${before}`;
  assert.deepEqual(carrySpans(spans, before, front).map((s) => [s.id, s.start - (spans.find((x) => x.id === s.id)?.start ?? 0)]), [['addr', 4], ['url', 4]]);
});
