//! Labelled corpora: precision and recall per category at `warn` and above.
//!
//! `tests/corpus/<category>.jsonl` holds positives, `tests/corpus/clean/*.jsonl` ordinary posts
//! that must produce nothing at `warn` or above. One JSON object per line:
//!
//! ```json
//! {"id":"loc-001","text":"…","account":"personal","at":"2026-11-24T10:00:00+09:00",
//!  "expect":[{"category":"location","text":"豊野1-2-3","nth":0}]}
//! ```
//!
//! `account`, `at`, `site`, `reply` are the check context (optional). Each `expect` item names a
//! category and the exact original characters (`nth` picks among repeated occurrences, default
//! the first) that a finding at `warn` or above must overlap. A finding at `warn` or above that
//! overlaps no expected item of its category is a false positive. The test prints precision and
//! recall per category and fails when either is under 0.9 for a category with data.

use postcheck::policy::Policy;
use postcheck::text::utf16_offset;
use postcheck::{Category, Checker, Context, Post, Severity};
use postcheck::json::{self, Value};
use std::collections::BTreeMap;
use std::path::Path;

struct Case {
    file: String,
    id: String,
    text: String,
    context: Context,
    expect: Vec<(Category, u32, u32, String)>,
}

fn load(path: &Path, cases: &mut Vec<Case>) {
    let file = path.display().to_string();
    let body = std::fs::read_to_string(path).unwrap();
    for (n, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{file}:{}", n + 1);
        let mut v: Value = json::from_str(line).unwrap_or_else(|e| panic!("{at}: {e}"));
        let obj = v.as_object_mut().unwrap_or_else(|| panic!("{at}: not an object"));
        let id = obj.remove("id").and_then(|v| v.as_str().map(String::from)).unwrap_or_else(|| at.clone());
        let text = obj.remove("text").and_then(|v| v.as_str().map(String::from)).unwrap_or_else(|| panic!("{at}: no text"));
        let expect_v = obj.remove("expect").unwrap_or(Value::Array(vec![]));
        obj.remove("note");
        let context = Context::from_value(&Value::Object(obj.clone())).unwrap_or_else(|e| panic!("{at}: {e}"));
        let mut expect = Vec::new();
        for item in expect_v.as_array().unwrap_or_else(|| panic!("{at}: expect is not an array")) {
            let cat = item["category"].as_str().and_then(Category::from_id).unwrap_or_else(|| panic!("{at}: bad category {item}"));
            let want = item["text"].as_str().unwrap_or_else(|| panic!("{at}: expect item without text"));
            let nth = item["nth"].as_u64().unwrap_or(0) as usize;
            let b = text.match_indices(want).nth(nth).unwrap_or_else(|| panic!("{at}: {want:?} (#{nth}) not in text")).0;
            expect.push((cat, utf16_offset(&text, b), utf16_offset(&text, b + want.len()), want.to_string()));
        }
        cases.push(Case { file: file.clone(), id, text, context, expect });
    }
}

#[test]
fn corpus_precision_and_recall_per_category() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().chain(std::fs::read_dir(dir.join("clean")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in &files {
        load(f, &mut cases);
    }
    let checker = Checker::new(Policy::default());
    // category -> (true positives, false positives, expected, expected found)
    let mut stats: BTreeMap<Category, [usize; 4]> = BTreeMap::new();
    let mut misses = Vec::new();
    let clean = cases.iter().filter(|c| c.expect.is_empty()).count();
    for c in &cases {
        let report = checker.check(&Post { text: &c.text, context: c.context.clone() });
        let flagged: Vec<_> = report.findings.iter().filter(|f| f.severity >= Severity::Warn).collect();
        for f in &flagged {
            let s = stats.entry(f.category).or_default();
            if c.expect.iter().any(|(cat, a, b, _)| *cat == f.category && f.start < *b && *a < f.end) {
                s[0] += 1;
            } else {
                s[1] += 1;
                let t = postcheck::text::slice16(&c.text, f.start, f.end);
                misses.push(format!("FP {} [{}] {}: 「{t}」 in {} ({})", f.category, f.rule, f.severity, c.id, c.file));
            }
        }
        for (cat, a, b, want) in &c.expect {
            let s = stats.entry(*cat).or_default();
            s[2] += 1;
            if flagged.iter().any(|f| f.category == *cat && f.start < *b && *a < f.end) {
                s[3] += 1;
            } else {
                misses.push(format!("FN {cat}: 「{want}」 in {} ({})", c.id, c.file));
            }
        }
    }
    println!("corpus: {} posts ({} clean) from {} files", cases.len(), clean, files.len());
    println!("{:<18} {:>9} {:>9} {:>6} {:>6} {:>5}", "category", "precision", "recall", "TP", "FP", "want");
    let mut failing = Vec::new();
    for (cat, [tp, fp, want, found]) in &stats {
        let p = if tp + fp == 0 { 1.0 } else { *tp as f64 / (tp + fp) as f64 };
        let r = if *want == 0 { 1.0 } else { *found as f64 / *want as f64 };
        println!("{:<18} {:>9.3} {:>9.3} {:>6} {:>6} {:>5}", cat.id(), p, r, tp, fp, want);
        if p < 0.9 || r < 0.9 {
            failing.push(cat.id());
        }
    }
    for m in &misses {
        println!("  {m}");
    }
    assert!(failing.is_empty(), "precision or recall under 0.9 for: {failing:?}");
}

/// The texts of `Report::to_wasm_json`'s explanations put back into each finding by id, as
/// extension/answer.js does; also checks that no explanation is written twice and that the
/// answer is of epoch 0.
fn expand(answer: &str) -> Value {
    let mut v = json::from_str(answer).unwrap_or_else(|e| panic!("{e}: {answer}"));
    let obj = v.as_object_mut().expect("an object");
    assert_eq!(obj.remove("epoch").and_then(|e| e.as_u64()), Some(0), "{answer}");
    let explanations = obj.remove("explanations").expect("explanations");
    let mut by_id: Vec<(u64, Value)> = Vec::new();
    for e in explanations.as_array().expect("an array") {
        let mut e = e.clone();
        let id = e.as_object_mut().and_then(|o| o.remove("id")).and_then(|k| k.as_u64()).expect("an id");
        assert!(!by_id.iter().any(|(k, x)| *k == id || *x == e), "explanation {id} written twice: {answer}");
        by_id.push((id, e));
    }
    for f in obj.get_mut("findings").and_then(|f| match f { Value::Array(a) => Some(a), _ => None }).expect("findings") {
        let f = f.as_object_mut().expect("a finding");
        let k = f.remove("explanation").and_then(|k| k.as_u64()).expect("an explanation id");
        let (_, e) = by_id.iter().find(|(id, _)| *id == k).unwrap_or_else(|| panic!("explanation {k} not in {answer}"));
        for (key, value) in e.as_object().expect("an explanation").iter() {
            f.insert(key.clone(), value.clone());
        }
    }
    v.sort_keys();
    v
}

/// The WASM's answer (`Report::to_wasm_json`, written straight into a string), its
/// explanations put back, is exactly what the `Value` tree of the report with `account` added
/// prints: every corpus post on two accounts, and an admin's term whose message needs escapes
/// (quotes, a backslash, a newline, a control character).
#[test]
fn the_wasm_answer_carries_what_the_report_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut cases = Vec::new();
    for d in [dir.clone(), dir.join("clean")] {
        let mut files: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
        files.sort();
        for f in &files {
            load(f, &mut cases);
        }
    }
    let policy = r#"{"custom_terms":[{"term":"庁内限り","category":"confidential","severity":"block","message":{"ja":"「庁内限り」は\"外に出さない\"\\資料\n\u0001です","en":"Tab\there"}}]}"#;
    let (custom, errors) = Policy::from_json(policy);
    assert!(errors.is_empty(), "{errors:?}");
    let (mut findings, mut escaped) = (0, 0);
    for (checker, extra) in [(Checker::new(Policy::default()), ""), (Checker::new(custom), "この資料は庁内限りです。")] {
        for c in &cases {
            let text = format!("{}{extra}", c.text);
            let report = checker.check(&Post { text: &text, context: c.context.clone() });
            for account in [postcheck::Account::Official, postcheck::Account::Unknown] {
                let mut v = json::to_value(&report);
                v["account"] = Value::String(account.id().into());
                let mine = report.to_wasm_json(account);
                assert_eq!(expand(&mine).to_string(), v.to_string(), "{}", c.id);
                escaped += usize::from(mine.contains(r#"は\"外に出さない\"\\資料\n\u0001です"#));
            }
            findings += report.findings.len();
        }
    }
    // A long post: 12 shortened links and 12 addresses, two explanations.
    let long = "詳細は bit.ly/3kIbIcU へ。会場は吉備中央町豊野1-2-3です。\n".repeat(12);
    let report = Checker::new(Policy::default()).check(&Post { text: &long, ..Default::default() });
    let mine = json::from_str(&report.to_wasm_json(postcheck::Account::Personal)).expect("json");
    let n = mine["findings"].as_array().map_or(0, Vec::len);
    assert_eq!((mine["explanations"].as_array().map(Vec::len), n), (Some(2), 24), "{mine}");
    assert!(findings > 1000, "{findings} findings compared");
    // Answers of one checker: an explanation is sent once, later answers name it by the same
    // id; the numbering starts over (a new epoch) once `Sent::MAX` explanations were sent.
    let mut sent = postcheck::Sent::default();
    let first = json::from_str(&report.to_wasm_answer(postcheck::Account::Personal, &mut sent)).expect("json");
    let again = json::from_str(&report.to_wasm_answer(postcheck::Account::Personal, &mut sent)).expect("json");
    assert_eq!(first["explanations"].as_array().map(Vec::len), Some(2), "{first}");
    assert_eq!((again["explanations"].as_array().map(Vec::len), again["epoch"].as_u64()), (Some(0), Some(0)), "{again}");
    assert_eq!(again["findings"], first["findings"]);
    assert_eq!(json::from_str(&sent.explanation_json(1)).expect("json"), first["explanations"][1]);
    assert_eq!(sent.explanation_json(2), "null");
    // Policies allow 200 terms: three checkers' answers of 200 explanations each.
    for block in 0..3 {
        let (mut terms, mut text) = (Vec::new(), String::new());
        for k in block * 200..(block + 1) * 200 {
            terms.push(format!(r#"{{"term":"語{k}号","category":"confidential","message":{{"ja":"語{k}","en":"term {k}"}}}}"#));
            text.push_str(&format!("語{k}号、"));
        }
        let (many, errors) = Policy::from_json(&format!(r#"{{"custom_terms":[{}]}}"#, terms.join(",")));
        assert!(errors.is_empty(), "{errors:?}");
        let big = Checker::new(many).check(&Post { text: &text, ..Default::default() });
        let full = json::from_str(&big.to_wasm_answer(postcheck::Account::Personal, &mut sent)).expect("json");
        // Numbered on within the epoch, past `Sent::MAX` within one answer.
        assert_eq!((full["epoch"].as_u64(), full["explanations"].as_array().map(Vec::len)), (Some(0), Some(200)), "block {block}");
        assert_eq!(full["explanations"][0]["id"].as_u64(), Some(2 + 200 * block as u64));
    }
    let over = json::from_str(&report.to_wasm_answer(postcheck::Account::Personal, &mut sent)).expect("json");
    assert_eq!((over["epoch"].as_u64(), over["explanations"].as_array().map(Vec::len)), (Some(1), Some(2)), "{over}");
    assert_eq!(expand_ids(&over), expand_ids(&first));
    assert_eq!(escaped, 2 * cases.len(), "the admin's message, escaped, in every answer of the second checker");
}

/// The findings of an answer with each explanation id replaced by the explanation's texts.
fn expand_ids(answer: &Value) -> Vec<Value> {
    let explanations = answer["explanations"].as_array().expect("explanations");
    answer["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let mut f = f.clone();
            let id = f["explanation"].as_u64().expect("an id");
            let mut e = explanations.iter().find(|e| e["id"].as_u64() == Some(id)).expect("sent").clone();
            e.as_object_mut().map(|o| o.remove("id"));
            f["explanation"] = e;
            f
        })
        .collect()
}
