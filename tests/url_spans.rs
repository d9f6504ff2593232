//! The shortened-URL corpus, checked more strictly than `tests/corpus.rs` does: every expected
//! link must be underlined exactly (not merely overlapped), with nothing more, and the clean
//! URL posts must produce no shortened-url finding at any severity.

use postcheck::policy::Policy;
use postcheck::text::slice16;
use postcheck::{Account, Category, Checker, Context, Post};
use postcheck::json::{self, Value};
use std::path::Path;

fn cases(rel: &str) -> Vec<(String, String, Context, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = json::from_str(l).unwrap_or_else(|e| panic!("{rel}: {e}"));
            let id = v["id"].as_str().unwrap_or_default().to_string();
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let account = v["account"].as_str().and_then(Account::from_id).unwrap_or_default();
            let want = v["expect"]
                .as_array()
                .map(|a| a.iter().filter_map(|e| e["text"].as_str().map(String::from)).collect())
                .unwrap_or_default();
            (id, text, Context { account, ..Context::default() }, want)
        })
        .collect()
}

fn shortened(checker: &Checker, text: &str, context: Context) -> Vec<String> {
    checker
        .check(&Post { text, context })
        .findings
        .iter()
        .filter(|f| f.category == Category::ShortenedUrl)
        .map(|f| slice16(text, f.start, f.end))
        .collect()
}

#[test]
fn every_shortened_link_of_the_corpus_is_underlined_exactly() {
    let checker = Checker::new(Policy::default());
    let cases = cases("tests/corpus/shortened-url.jsonl");
    assert!(cases.len() >= 40, "only {} positives", cases.len());
    let failures: Vec<String> = cases
        .into_iter()
        .filter_map(|(id, text, context, want)| {
            let got = shortened(&checker, &text, context);
            (got != want).then(|| format!("{id}: want {want:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn clean_url_posts_have_no_shortened_url_finding_at_all() {
    let checker = Checker::new(Policy::default());
    let cases = cases("tests/corpus/clean/url.jsonl");
    assert!(cases.len() >= 40, "only {} clean posts", cases.len());
    for (id, text, context, _) in cases {
        let got = shortened(&checker, &text, context);
        assert!(got.is_empty(), "{id}: {got:?}");
    }
}
