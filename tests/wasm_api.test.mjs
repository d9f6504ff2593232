// The BUILT extension/pkg/postcheck.js (`make wasm`) under Node, loaded as the extension's
// background loads it: the module's default export initialised with the wasm bytes. Spans are
// checked with JavaScript's own string slicing, on text only JavaScript can hold (lone
// surrogates) as well as emoji, combining marks, half-width kana, CRLF and zero-width characters.
// Run: node --test tests/wasm_api.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import init, { Checker, rulesJson, version, imageReadPlan } from '../extension/pkg/postcheck.js';
import { Answers, readerOf } from '../extension/answer.js';

/** The answer of `checker.check(…)` as the extension reads it (one reader per checker). */
const read = (checker, json) => readerOf(checker).read(json);

const bytes = await readFile(new URL('../extension/pkg/postcheck_bg.wasm', import.meta.url));
await init({ module_or_path: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });

const URL_TEXT = 'bit.ly/3kIbIcU';

/** @returns {{rule: string, text: string, severity: string, start: number, end: number}[]} */
function findings(checker, text, context = '') {
  const out = read(checker, checker.check(text, context));
  assert.ok(Array.isArray(out.findings), `no findings in ${JSON.stringify(out)}`);
  return out.findings.map((f) => {
    assert.ok(Number.isInteger(f.start) && f.start < f.end && f.end <= text.length, `span ${f.start}..${f.end} of ${text.length}`);
    return { rule: f.rule, text: text.slice(f.start, f.end), severity: f.severity, start: f.start, end: f.end };
  });
}
const brief = (fs) => fs.map(({ rule, text, severity }) => ({ rule, text, severity }));

test('spans slice the offending characters after emoji, marks, half-width kana, CRLF and ZWJ', () => {
  const checker = new Checker('');
  const cases = [
    '【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU',
    '👨‍👩‍👧 家族みんなで運動会へ！ 詳細は bit.ly/3kIbIcU',
    '🇯🇵 国旗掲揚式を行います 👍🏽 詳細 bit.ly/3kIbIcU',
    'カ\u3099イドフ\u3099ックを配布します cafe\u0301 bit.ly/3kIbIcU',
    'ｶﾞｲﾄﾞﾌﾞｯｸ配布中 ﾊﾟﾝﾌﾚｯﾄ bit.ly/3kIbIcU',
    '【お知らせ】\r\n町民運動会\r\n\r\n詳細は bit.ly/3kIbIcU',
    '詳細は\u200Dbit.ly/3kIbIcU',
    '\uFEFF詳細は \u200B\u200Bbit.ly/3kIbIcU',
    '☎\uFE0F 詳細は\u3000bit.ly/3kIbIcU',
    '葛\u{E0100}飾区と𠮷野家の前で集合 bit.ly/3kIbIcU',
  ];
  for (const text of cases) {
    assert.deepEqual(brief(findings(checker, text)), [{ rule: 'url/shortener', text: URL_TEXT, severity: 'warn' }], text);
  }
  checker.free();
});

test('lone surrogates, which only JavaScript strings can hold, do not shift the spans', () => {
  const checker = new Checker('');
  for (const text of ['\uD83D詳細は bit.ly/3kIbIcU', '詳細は\uDC4D bit.ly/3kIbIcU \uD83D', '\uDE00\uD83D\uD83D 詳細は bit.ly/3kIbIcU']) {
    assert.deepEqual(brief(findings(checker, text)), [{ rule: 'url/shortener', text: URL_TEXT, severity: 'warn' }], JSON.stringify(text));
  }
});

test('location spans slice the offending characters', () => {
  const checker = new Checker('');
  const personal = '{"account":"personal"}';
  assert.deepEqual(brief(findings(checker, '👨‍👩‍👧 ｲﾏｺｺ📍 吉備高原の紅葉がきれい', personal)), [{ rule: 'location/here', text: 'ｲﾏｺｺ', severity: 'warn' }]);
  assert.deepEqual(findings(checker, 'お散歩中\r\n🇯🇵今ここ→35.6812, 139.7671 ちょっと寄り道中', personal), [
    { rule: 'location/here', text: '今ここ', severity: 'warn', start: 10, end: 13 },
    { rule: 'location/coordinates', text: '35.6812, 139.7671', severity: 'warn', start: 14, end: 31 },
  ]);
  const sample = '【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU\n今ここ、会場の準備中です！\n集合は岡山県加賀郡吉備中央町豊野１－２－３の公園前です。';
  assert.deepEqual(findings(checker, sample, personal), [
    { rule: 'url/shortener', text: URL_TEXT, severity: 'warn', start: 21, end: 35 },
    { rule: 'location/here', text: '今ここ', severity: 'warn', start: 36, end: 39 },
    { rule: 'location/address', text: '岡山県加賀郡吉備中央町豊野１－２－３', severity: 'warn', start: 53, end: 71 },
  ]);
});

test('exact spans, and spans that include invisible or full-width characters', () => {
  const checker = new Checker('');
  assert.deepEqual(findings(checker, '詳細は bit.ly/3kIbIcU へ'), [
    { rule: 'url/shortener', text: URL_TEXT, severity: 'warn', start: 4, end: 18 },
  ]);
  assert.deepEqual(brief(findings(checker, '詳細は bit\u200B.ly/3kIbIcU へ')), [
    { rule: 'url/shortener', text: 'bit\u200B.ly/3kIbIcU', severity: 'warn' },
  ]);
  const text = '運動会👟\r\n受付 bit.ly/3kIbIcU\r\n地図 ｂｉｔ．ｌｙ／４ｑＷｅＲｔＹ';
  assert.deepEqual(findings(checker, text, JSON.stringify({ account: 'official', site: 'x' })), [
    { rule: 'url/shortener', text: URL_TEXT, severity: 'warn', start: 10, end: 24 },
    { rule: 'url/shortener', text: 'ｂｉｔ．ｌｙ／４ｑＷｅＲｔＹ', severity: 'warn', start: 29, end: 43 },
  ]);
});

test('spans stay exact past 65,536 UTF-16 units (a long Facebook post)', () => {
  const checker = new Checker('');
  const filler = '本日は町役場の窓口を通常どおり開設します。'.repeat(3500); // 73,500 units
  const text = `${filler}👉 詳細は bit.ly/3kIbIcU`;
  const [f, ...rest] = findings(checker, text);
  assert.equal(rest.length, 0);
  assert.deepEqual([f.text, f.start, f.end], [URL_TEXT, text.length - 14, text.length]);
});

test('a finding carries rule, category, severity, span, ja/en texts and clauses', () => {
  const checker = new Checker(JSON.stringify({ preset: 'kibichuo' }));
  const { findings: [f] } = read(checker, checker.check('詳細は bit.ly/3kIbIcU へ', '{"account":"personal"}'));
  assert.deepEqual(Object.keys(f).sort(), ['category', 'clauses', 'end', 'fix', 'message', 'rule', 'severity', 'start', 'why']);
  assert.deepEqual([f.rule, f.category, f.severity, f.start, f.end, f.clauses], ['url/shortener', 'shortened-url', 'warn', 4, 18, ['吉備中央町 6(1)④']]);
  for (const key of ['message', 'why', 'fix']) {
    assert.ok(f[key].ja.length > 0 && f[key].en.length > 0, key);
  }
});

test('an ordinary municipal post has no findings', () => {
  const checker = new Checker('');
  const text = '【お知らせ】11月24日（火）は町役場の窓口を通常どおり開設します。\n詳しくは https://www.town.kibichuo.lg.jp/ をご覧ください。';
  assert.deepEqual(JSON.parse(checker.check(text, '{"account":"official","at":"2026-11-24T08:30:00+09:00"}')), { account: 'official', epoch: 0, explanations: [], findings: [] });
  assert.deepEqual(JSON.parse(checker.check('', '')), { account: 'unknown', epoch: 0, explanations: [], findings: [] });
});

test('each explanation is sent once per checker; Answers gives every finding its texts', () => {
  const checker = new Checker('');
  const line = '詳細は bit.ly/3kIbIcU へ。会場は吉備中央町豊野1-2-3です。\n';
  const text = line.repeat(3);
  const raw = JSON.parse(checker.check(text, '{"account":"personal"}'));
  assert.deepEqual(raw.findings.map((f) => [f.rule, f.explanation, text.slice(f.start, f.end)]), [
    ['url/shortener', 0, 'bit.ly/3kIbIcU'], ['location/address', 1, '吉備中央町豊野1-2-3'],
    ['url/shortener', 0, 'bit.ly/3kIbIcU'], ['location/address', 1, '吉備中央町豊野1-2-3'],
    ['url/shortener', 0, 'bit.ly/3kIbIcU'], ['location/address', 1, '吉備中央町豊野1-2-3'],
  ]);
  assert.deepEqual(raw.explanations.map((e) => e.id), [0, 1]);
  const reader = new Answers(checker);
  const out = reader.read(JSON.stringify(raw));
  assert.deepEqual(Object.keys(out).sort(), ['account', 'findings']);
  for (const f of out.findings) {
    assert.deepEqual(Object.keys(f).sort(), ['category', 'clauses', 'end', 'fix', 'message', 'rule', 'severity', 'start', 'why']);
  }
  assert.match(out.findings[4].message.ja, /短縮URL/);
  assert.deepEqual(out.findings[5].clauses, out.findings[1].clauses);
  // The next answer of the same checker names them without the texts; the reader kept them.
  const json = checker.check('地図は bit.ly/4qWeRtY です', '{"account":"personal"}');
  assert.deepEqual(JSON.parse(json).explanations, []);
  const next = reader.read(json);
  assert.deepEqual([next.findings[0].rule, next.findings[0].message], ['url/shortener', out.findings[0].message]);
  // A reader that missed the first answer asks the checker for the texts.
  const late = new Answers(checker).read(checker.check('会場は吉備中央町豊野1-2-3です', '{"account":"personal"}'));
  assert.deepEqual([late.findings[0].rule, late.findings[0].why], ['location/address', out.findings[1].why]);
  assert.throws(() => reader.read(JSON.stringify({ epoch: 0, findings: [{ explanation: 99 }], explanations: [] })), /without its explanation \(99, epoch 0\)/);
  // An error answer comes back as it is.
  assert.deepEqual(reader.read(checker.check('x', '{"account":3}')).error !== undefined, true);
});

test('the answer says which kind of account the post was checked as (official_handles; Facebook Pages by name or address)', () => {
  const checker = new Checker(JSON.stringify({ official_handles: { x: ['@kibichuo_town'], facebook: ['吉備中央町', 'kibichuo.town'] } }));
  const kind = (/** @type {object} */ context) => JSON.parse(checker.check('本日の窓口は17時までです。', JSON.stringify(context))).account;
  assert.equal(kind({ site: 'x', handle: '@Kibichuo_Town' }), 'official');
  assert.equal(kind({ site: 'x', handle: '@kibi_taro' }), 'personal', 'an account the policy does not list');
  assert.equal(kind({ site: 'facebook', handle: '吉備中央町' }), 'official');
  assert.equal(kind({ site: 'facebook', handle: 'Kibichuo Town\nhttps://www.facebook.com/kibichuo.town' }), 'official', 'by the Page\'s address');
  assert.equal(kind({ site: 'facebook', handle: '吉備 太郎' }), 'personal');
  assert.equal(kind({ site: 'facebook' }), 'unknown', 'no account shown');
  assert.equal(kind({ site: 'x', handle: '@kibi_taro', account: 'official' }), 'official', 'the context\'s own kind wins');
});

test('a malformed context gives {"error"} and never throws', () => {
  const checker = new Checker('');
  for (const [context, needle] of [
    ['{"account":', 'bad context'],
    ['{"acount":"official"}', 'acount'],
    ['{"account":"boss"}', 'boss'],
    ['{"at":"2026/11/24 10:00"}', '2026/11/24 10:00'],
    ['{"reply":"yes"}', 'bad context'],
  ]) {
    const out = JSON.parse(checker.check('詳細は bit.ly/3kIbIcU へ', context));
    assert.deepEqual(Object.keys(out), ['error'], context);
    assert.ok(out.error.includes(needle), `${context}: ${out.error}`);
  }
});

test('a bad policy is listed by key and value; the valid entries still apply', () => {
  const checker = new Checker('{"rules":{"url/shortner":"warn","url/shortener":"info"},"categories":{"location":"loud"},"notify":true}');
  const errors = JSON.parse(checker.policyErrors());
  assert.deepEqual(errors.map((e) => [e.key, e.value]), [['categories.location', '"loud"'], ['notify', 'true'], ['rules.url/shortner', '"warn"']]);
  for (const e of errors) assert.ok(e.message.includes(e.key) && e.message.includes(e.value) && e.problem.length > 0, e.message);
  // Each problem has a stable code and parameters, and its text in both languages.
  assert.deepEqual(errors.map((e) => [e.code, e.params, e.text]), [
    ['not_one_of', { allowed: 'off, info, warn, block' }, { ja: '「off」「info」「warn」「block」のいずれかを指定してください', en: 'expected one of "off", "info", "warn", "block"' }],
    ['unknown_key', {}, { ja: '不明なキーです', en: 'unknown key' }],
    ['unknown_rule', {}, { ja: '不明なルール ID です（一覧は `postcheck rules` または docs/rules.md）', en: 'unknown rule id (see `postcheck rules`)' }],
  ]);
  assert.deepEqual(brief(findings(checker, '詳細は bit.ly/3kIbIcU へ')), [{ rule: 'url/shortener', text: URL_TEXT, severity: 'info' }]);
  const broken = new Checker('{"preset":');
  assert.equal(JSON.parse(broken.policyErrors())[0].key, '(document)');
  assert.deepEqual(JSON.parse(new Checker('{"preset":"towada"}').policyErrors()), []);
});

test('the rule reference and the version come from the same build', async () => {
  const { rules, preset } = JSON.parse(rulesJson());
  assert.equal(preset, 'strict');
  assert.ok(rules.some((r) => r.id === 'url/shortener' && r.clauses.includes('吉備中央町 6(1)④')));
  // The examples are left out of the WASM build (the extension does not show them; `postcheck
  // rules` and docs/rules.md have them): every rule has its clauses and texts, no examples.
  for (const r of rules) {
    assert.ok(r.clauses.length > 0 && r.message.ja && r.why.en && r.fix.ja, r.id);
    assert.deepEqual(r.examples, [], r.id);
  }
  const cargo = await readFile(new URL('../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(version(), /^version = "(.*)"/m.exec(cargo)[1]);
});

test('many checkers and many checks in one instance', () => {
  for (let i = 0; i < 200; i++) {
    const c = new Checker(i % 2 ? '{"preset":"kibichuo"}' : '');
    assert.equal(findings(c, `第${i}回 町民運動会 bit.ly/3kIbIcU`).length, 1);
    c.free();
  }
});

// ---- attached images: checkImage, checkImageParts, imageReadPlan on tests/images ----------------

/** @param {string} name */
const photo = async (name) => new Uint8Array(await readFile(new URL(`images/${name}`, import.meta.url)));

/** (rule, category, severity, attachment) of each finding. @param {any} out */
const imageBrief = (out) => out.findings.map((f) => [f.rule, f.category, f.severity, f.attachment]);

test('checkImage: a GPS JPEG gives image/gps (location, warn) naming the coordinates and the date, and the reminder on a personal account', async () => {
  const checker = new Checker('');
  const bytes = await photo('gps-ne.jpg');
  const out = JSON.parse(checker.checkImage(bytes, '{"account":"personal"}', 'a1'));
  assert.equal(out.attachment, 'a1');
  assert.equal(out.format, 'jpeg');
  assert.equal(out.note, undefined);
  assert.equal(out.need, undefined);
  assert.deepEqual(imageBrief(out), [['image/gps', 'location', 'warn', 'a1'], ['image/people-consent', 'rights', 'info', 'a1']]);
  const gps = out.findings[0];
  // Where (the place's name is left to the Rust tests: it is being made finer) and when.
  assert.ok(gps.message.ja.startsWith('この画像には撮影場所の位置情報（GPS）が記録されています：'), gps.message.ja);
  assert.ok(gps.message.ja.endsWith('（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。'), gps.message.ja);
  assert.ok(gps.message.en.startsWith('This image records where it was taken (GPS): '), gps.message.en);
  assert.ok(gps.message.en.endsWith(' (34.8627° N, 133.6946° E), taken 2026-11-22 10:15.'), gps.message.en);
  assert.deepEqual(gps.clauses, ['吉備中央町 4(14)']);
  assert.ok(gps.why.ja && gps.fix.en.includes('location'), JSON.stringify(gps.fix));
  assert.equal(out.findings[1].message.ja, '写っている人がいる場合は、掲載について本人の同意を得ていますか。');
  assert.deepEqual(imageBrief(JSON.parse(checker.checkImage(bytes, '{"account":"official"}', 'a2'))), [['image/gps', 'location', 'warn', 'a2']]);
  checker.free();
});

test('checkImage: every container of the samples, and a position outside Japan given as coordinates alone', async () => {
  const checker = new Checker('');
  const official = '{"account":"official"}';
  for (const [name, format, where, when] of [
    ['gps.png', 'png', '北緯42.3152度、東経140.9737度', '2026年2月1日 9:00'],
    ['gps.webp', 'webp', '北緯40.6128度、東経141.2058度', '2026年7月14日 18:30'],
    ['gps.heic', 'heif', '北緯35.8563度、東経139.9027度', '2026年5月3日 11:20'],
  ]) {
    const out = JSON.parse(checker.checkImage(await photo(name), official, name));
    assert.equal(out.format, format, name);
    assert.deepEqual(imageBrief(out), [['image/gps', 'location', 'warn', name]], name);
    assert.ok(out.findings[0].message.ja.endsWith(`（${where}）、撮影日時 ${when}。`), out.findings[0].message.ja);
  }
  const sw = JSON.parse(checker.checkImage(await photo('gps-sw.jpg'), official, 'sw'));
  assert.deepEqual(sw.findings.map((f) => f.message.en), ['This image records where it was taken (GPS): 33.4489° S, 70.6693° W, taken 2025-03-09 16:42.']);
  const id = JSON.parse(checker.checkImage(await photo('identifying.jpg'), official, 'id'));
  assert.deepEqual(imageBrief(id), [['image/identifying-metadata', 'personal-info', 'info', 'id']]);
  assert.ok(id.findings[0].message.ja.includes('カメラのシリアル番号（BodySerialNumber）「********1234」'), id.findings[0].message.ja);
  assert.deepEqual(JSON.parse(checker.checkImage(await photo('no-gps.jpg'), official, 'n')), { attachment: 'n', format: 'jpeg', findings: [] });
});

test('checkImage: corrupt, cut-short and non-image bytes give no finding and a note, never an error; a bad context gives {"error"}', async () => {
  const checker = new Checker('');
  const personal = '{"account":"personal"}';
  const jpeg = await photo('gps-ne.jpg');
  for (const [bytes, note] of [
    [jpeg.subarray(0, 40), 'the file is cut short'],
    [new TextEncoder().encode('これは画像ではありません。'), 'not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)'],
    [new Uint8Array(0), 'not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)'],
  ]) {
    const out = JSON.parse(checker.checkImage(bytes, personal, 'c'));
    assert.deepEqual([out.findings, out.note], [[], note], `${bytes.length} bytes`);
  }
  assert.ok(JSON.parse(checker.checkImage(jpeg, '{"account":"boss"}', 'c')).error.includes('boss'));
});

test('imageReadPlan and checkImageParts: a 21 MB JPEG read from its head and tail gives what the whole file gives', async () => {
  assert.deepEqual(JSON.parse(imageReadPlan(813)), { size: 813, parts: [[0, 813]] });
  assert.deepEqual(JSON.parse(imageReadPlan(320 * 1024)), { size: 327680, parts: [[0, 327680]] });
  const size = 21 * 1024 * 1024;
  assert.deepEqual(JSON.parse(imageReadPlan(size)), { size, parts: [[0, 262144], [size - 65536, 65536]] });
  assert.deepEqual(JSON.parse(imageReadPlan(-1)), { size: 0, parts: [[0, 0]] });
  // gps-ne.jpg followed by 21 MB (a "motion photo"): only the planned parts are given.
  const head = await photo('gps-ne.jpg');
  const file = new Uint8Array(size);
  file.set(head);
  for (let i = head.length; i < size; i++) file[i] = (i * 2654435761) >>> 24;
  const { parts } = JSON.parse(imageReadPlan(size));
  const bytes = new Uint8Array(parts.reduce((n, [, len]) => n + len, 0));
  let at = 0;
  for (const [off, len] of parts) {
    bytes.set(file.subarray(off, off + len), at);
    at += len;
  }
  const checker = new Checker('');
  const out = JSON.parse(checker.checkImageParts(bytes, JSON.stringify({ size, parts }), '{"account":"official"}', 'big'));
  const whole = JSON.parse(checker.checkImage(file, '{"account":"official"}', 'big'));
  assert.deepEqual(imageBrief(out), [['image/gps', 'location', 'warn', 'big']]);
  assert.ok(out.findings[0].message.en.endsWith(' (34.8627° N, 133.6946° E), taken 2026-11-22 10:15.'), out.findings[0].message.en);
  assert.deepEqual(out, whole);
  // A WebP's EXIF chunk is at its end: from the head alone the checker names the range to read.
  const webp = await photo('gps.webp');
  const first = JSON.parse(checker.checkImageParts(webp.subarray(0, 40), JSON.stringify({ size: webp.length, parts: [[0, 40]] }), '{}', 'w'));
  assert.deepEqual([first.findings, first.need?.length], [[], 2], JSON.stringify(first));
  const [start, end] = first.need;
  const again = new Uint8Array([...webp.subarray(0, 40), ...webp.subarray(start, end)]);
  const second = JSON.parse(checker.checkImageParts(again, JSON.stringify({ size: webp.length, parts: [[0, 40], [start, end - start]] }), '{"account":"official"}', 'w'));
  assert.deepEqual(imageBrief(second), [['image/gps', 'location', 'warn', 'w']]);
  // Malformed parts: {"error"}, never a throw.
  for (const [json, needle] of [
    [JSON.stringify({ size: 10, parts: [[0, 2]] }), 'the parts cover 2 bytes, 3 were given'],
    [JSON.stringify({ size: 10, parts: [[0, 5]] }), 'the parts are longer than the bytes given'],
    [JSON.stringify({ size: 2, parts: [[0, 3]] }), 'reaches past the file size 2'],
    ['{"parts":[]}', 'missing field `size`'],
  ]) {
    const err = JSON.parse(checker.checkImageParts(new Uint8Array(3), json, '{}', 'x'));
    assert.deepEqual(Object.keys(err), ['error'], json);
    assert.ok(err.error.includes(needle), `${json}: ${err.error}`);
  }
});
