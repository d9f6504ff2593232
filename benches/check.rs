//! `cargo bench --bench check --profile release-native` (`make bench`; the CLI's profile):
//! native check time per call for posts of 140 to
//! 100,000 characters of municipal text built from tests/bench/corpus.txt (the same texts as
//! tests/bench/wasm_bench.mjs), clean and with findings. Prints ms/call and ns/char.
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it checks each text once and verifies
//! the corpus: clean texts give nothing at warn or above, texts with findings give some.

use postcheck::policy::Policy;
use postcheck::text::Normalized;
use postcheck::{Account, Checker, Context, Post, Severity};
use std::hint::black_box;
use std::time::Duration;

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

#[path = "support/cpu_clock.rs"]
mod cpu_clock;
use cpu_clock::{cpu_now, wall_now};

/// Median CPU and wall-clock time per call of `f`, over batches that together run at least
/// `budget` of CPU time.
fn time_per_call<R>(mut f: impl FnMut() -> R, budget: Duration) -> (Duration, Duration) {
    for _ in 0..3 {
        black_box(f());
    }
    let one = {
        let t = cpu_now();
        black_box(f());
        (cpu_now() - t).max(Duration::from_micros(1))
    };
    // About 15 batches, each of at least one call and long enough for the clock's resolution.
    let per_batch = ((budget.as_nanos() / 15) / one.as_nanos()).max(1) as u32;
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    let start = cpu_now();
    while cpu.len() < 5 || (cpu_now() - start < budget && cpu.len() < 200) {
        let (c, w) = (cpu_now(), wall_now());
        for _ in 0..per_batch {
            black_box(f());
        }
        cpu.push((cpu_now() - c) / per_batch);
        wall.push((wall_now() - w) / per_batch);
    }
    cpu.sort();
    wall.sort();
    (cpu[cpu.len() / 2], wall[wall.len() / 2])
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let checker = Checker::new(Policy::default());
    let context = Context { account: Account::Personal, ..Context::default() };
    if benchmarking {
        println!("postcheck native check (default policy, personal account): median of batches, thread CPU time");
        println!("(wall: wall-clock time, higher when other processes share the CPU; normalise: the text's normalisation alone)");
        println!("{:>8} {:>9} {:>9} {:>6} {:>10} {:>8} {:>10} {:>10}", "chars", "variant", "findings", "warn+", "ms/call", "ns/char", "wall ms", "normalise");
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
                let (cpu, wall) = time_per_call(|| checker.check(black_box(&post)), budget);
                let (norm, _) = time_per_call(|| Normalized::new(black_box(&text)).kana().len(), budget / 2);
                let ms = |d: Duration| d.as_secs_f64() * 1e3;
                println!(
                    "{n:>8} {variant:>9} {:>9} {warn:>6} {:>10.4} {:>8.1} {:>10.4} {:>10.4}",
                    report.findings.len(),
                    ms(cpu),
                    cpu.as_nanos() as f64 / n as f64,
                    ms(wall),
                    ms(norm)
                );
            }
        }
    }
    if !benchmarking {
        println!("bench corpus verified for {} sizes (run `make bench` for timings)", SIZES.len());
    }
}
