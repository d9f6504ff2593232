//! `cargo bench --bench check` (`make bench`): native check time per call for posts of 140 to
//! 100,000 characters of municipal text built from tests/bench/corpus.txt (the same texts as
//! tests/bench/wasm_bench.mjs), clean and with findings. Prints ms/call and ns/char.
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it checks each text once and verifies
//! the corpus: clean texts give nothing at warn or above, texts with findings give some.

use postcheck::policy::Policy;
use postcheck::{Account, Checker, Context, Post, Severity};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZES: [usize; 6] = [140, 280, 1_000, 10_000, 63_206, 100_000];

/// The [clean] and [findings] sentences of the corpus.
fn corpus() -> (Vec<&'static str>, Vec<&'static str>) {
    let (mut clean, mut findings, mut section) = (Vec::new(), Vec::new(), "");
    for line in include_str!("../tests/bench/corpus.txt").lines() {
        match line.trim_end() {
            "" => {}
            l if l.starts_with('#') => {}
            "[clean]" => section = "clean",
            "[findings]" => section = "findings",
            l if section == "clean" => clean.push(l),
            l if section == "findings" => findings.push(l),
            l => panic!("corpus line outside a section: {l}"),
        }
    }
    assert!(!clean.is_empty() && !findings.is_empty(), "corpus has both sections");
    (clean, findings)
}

/// A text of exactly `n` characters, built as tests/bench/corpus.txt describes.
fn text(n: usize, with_findings: bool) -> String {
    let (clean, findings) = corpus();
    let (mut s, mut chars, mut i, mut c, mut f) = (String::new(), 0, 0usize, 0usize, 0usize);
    while chars < n {
        let sentence = if with_findings && i % 4 == 0 {
            f += 1;
            findings[(f - 1) % findings.len()]
        } else {
            c += 1;
            clean[(c - 1) % clean.len()]
        };
        let line = format!("{}\n", sentence.replace("{d}", &((i * 7) % 28 + 1).to_string()));
        chars += line.chars().count();
        s += &line;
        i += 1;
    }
    let cut = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    s.truncate(cut);
    s
}

/// Median time per call over batches that together run at least `budget`.
fn time_per_call(checker: &Checker, post: &Post<'_>, budget: Duration) -> Duration {
    for _ in 0..3 {
        black_box(checker.check(black_box(post)));
    }
    let one = {
        let t = Instant::now();
        black_box(checker.check(black_box(post)));
        t.elapsed().max(Duration::from_nanos(100))
    };
    // About 15 batches of at least one call each.
    let per_batch = ((budget.as_nanos() / 15) / one.as_nanos()).max(1) as u32;
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 5 || (start.elapsed() < budget && samples.len() < 200) {
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(checker.check(black_box(post)));
        }
        samples.push(t.elapsed() / per_batch);
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let checker = Checker::new(Policy::default());
    let context = Context { account: Account::Personal, ..Context::default() };
    if benchmarking {
        println!("postcheck native check (default policy, personal account), median of batches");
        println!("{:>8} {:>9} {:>9} {:>9} {:>11} {:>9}", "chars", "variant", "findings", "warn+", "ms/call", "ns/char");
    }
    for n in SIZES {
        for with_findings in [false, true] {
            let text = text(n, with_findings);
            assert_eq!(text.chars().count(), n);
            let post = Post { text: &text, context: context.clone() };
            let report = checker.check(&post);
            let warn = report.findings.iter().filter(|f| f.severity >= Severity::Warn).count();
            let variant = if with_findings { "findings" } else { "clean" };
            if !with_findings {
                let shown: Vec<String> = report.findings.iter().filter(|f| f.severity >= Severity::Warn).take(5).map(|f| format!("{} at {}..{}", f.rule, f.start, f.end)).collect();
                assert_eq!(warn, 0, "clean corpus text of {n} chars has findings at warn or above: {shown:?}");
            } else {
                assert!(warn > 0, "the corpus text with findings of {n} chars gives none at warn or above");
            }
            if benchmarking {
                let budget = Duration::from_millis(if n >= 10_000 { 600 } else { 300 });
                let t = time_per_call(&checker, &post, budget);
                let ms = t.as_secs_f64() * 1e3;
                println!("{n:>8} {variant:>9} {:>9} {warn:>9} {ms:>11.4} {:>9.1}", report.findings.len(), t.as_nanos() as f64 / n as f64);
            }
        }
    }
    if !benchmarking {
        println!("bench corpus verified for {} sizes (run `make bench` for timings)", SIZES.len());
    }
}
