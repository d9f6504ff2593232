//! Prints the time each rule takes on a text (for finding hot spots), then the whole check:
//! `cargo run --profile release-native --example rule_cost -- FILE [official|personal]`
//!
//! Times are this thread's CPU time (Linux, `CLOCK_THREAD_CPUTIME_ID`; wall time elsewhere), so
//! a busy machine inflates them less. Shared scans that [`Normalized`] makes lazily
//! are counted in `cold` (on a fresh text: what the rule costs alone, its shared scans
//! included), not in `warm` (the scans already made by an earlier rule of the same check).
use postcheck::policy::Policy;
use postcheck::rules::{Cx, RULES};
use postcheck::text::Normalized;
use postcheck::{Account, Checker, Context, Post};

#[path = "../benches/support/cpu_clock.rs"]
mod cpu_clock;

/// This thread's CPU time, in ms.
fn now_ms() -> f64 {
    cpu_clock::cpu_now().as_secs_f64() * 1e3
}

/// Best of `n` runs of `f`, in ms.
fn best(n: usize, mut f: impl FnMut()) -> f64 {
    (0..n)
        .map(|_| {
            let t = now_ms();
            f();
            now_ms() - t
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: rule_cost FILE [official|personal]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).expect("read file");
    let account = match args.get(2).map(String::as_str) {
        Some("personal") => Account::Personal,
        _ => Account::Official,
    };
    let policy = Policy::default();
    let context = Context { account, ..Context::default() };
    let runs = 5;
    println!("{} chars, {} UTF-8 bytes; best of {runs} runs (thread CPU time)", text.chars().count(), text.len());
    let _ = Normalized::new(&text); // warm
    println!("{:<32} {:>9.3} ms", "(normalise)", best(runs, || drop(Normalized::new(&text))));
    // One check of a short sentence first: every rule's patterns are then registered with the
    // shared literal pass (`rules::pattern`), as after the first check of a session. Their
    // regexes are compiled only when their literals occur, so the first calls below still show
    // the compilation cost.
    let checker = Checker::new(policy.clone());
    let post = Post { text: &text, context: context.clone() };
    let _ = checker.check(&Post { text: "本日は晴天なり。", context: context.clone() });
    let norm = Normalized::new(&text);
    let cx = Cx { norm: &norm, context: &context, policy: &policy };
    let mut rows = Vec::new();
    for r in RULES {
        let mut out = Vec::new();
        // First call: compiles the rule's patterns (cold start) and makes its shared scans.
        let t = now_ms();
        r.check(&cx, &mut out);
        let first = now_ms() - t;
        let warm = best(runs, || {
            out.clear();
            r.check(&cx, &mut out);
        });
        // Cold: on a fresh normalised text, so the shared scans the rule uses are made again.
        let cold = (0..runs)
            .map(|_| {
                let fresh = Normalized::new(&text);
                let cx = Cx { norm: &fresh, context: &context, policy: &policy };
                let mut out = Vec::new();
                let t = now_ms();
                r.check(&cx, &mut out);
                now_ms() - t
            })
            .fold(f64::INFINITY, f64::min);
        rows.push((cold, warm, first, r.meta().id, out.len()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rows.iter().map(|r| r.1).sum();
    let first_total: f64 = rows.iter().map(|r| r.2).sum();
    println!("{:<32} {:>12} {:>12} {:>12}", "rule", "cold", "warm", "first call");
    for (cold, warm, first, id, n) in rows {
        println!("{id:<32} {cold:>9.3} ms {warm:>9.3} ms {first:>9.3} ms  {n:>6} hits");
    }
    println!("{:<32} {:>12} {:>12} {first_total:>9.3} ms", "(first calls: pattern compilation)", "", "");
    println!("{:<32} {:>12} {total:>9.3} ms", "(all rules, warm)", "");
    let mut n = 0;
    let ms = best(runs, || n = checker.check(&post).findings.len());
    println!("{:<32} {ms:>9.3} ms  {n:>6} findings", "(Checker::check, end to end)");
}
