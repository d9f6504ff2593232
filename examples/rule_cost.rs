//! Prints the time each rule takes on a text (for finding hot spots):
//! `cargo run --profile release-native --example rule_cost -- FILE [official|personal]`
use postcheck::policy::Policy;
use postcheck::rules::{Cx, RULES};
use postcheck::text::Normalized;
use postcheck::{Account, Context};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read file");
    let account = match args.get(2).map(String::as_str) {
        Some("personal") => Account::Personal,
        _ => Account::Official,
    };
    let policy = Policy::default();
    let context = Context { account, ..Context::default() };
    let t = Instant::now();
    let norm = Normalized::new(&text);
    println!("{:<32} {:>9.3} ms", "(normalise)", t.elapsed().as_secs_f64() * 1e3);
    let _ = norm.kana();
    let cx = Cx { norm: &norm, context: &context, policy: &policy };
    let mut rows = Vec::new();
    for r in RULES {
        let mut out = Vec::new();
        r.check(&cx, &mut out); // warm (statics)
        out.clear();
        let t = Instant::now();
        for _ in 0..3 {
            out.clear();
            r.check(&cx, &mut out);
        }
        rows.push((t.elapsed().as_secs_f64() * 1e3 / 3.0, r.meta().id, out.len()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rows.iter().map(|r| r.0).sum();
    for (ms, id, n) in rows {
        println!("{id:<32} {ms:>9.3} ms  {n:>6} hits");
    }
    println!("{:<32} {total:>9.3} ms", "(all rules)");
}
