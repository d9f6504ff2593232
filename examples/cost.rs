//! Per-character cost of the checker and of each rule on long inputs of one shape, to find
//! rules whose cost grows faster than the text (superlinear: a regex with nested quantifiers,
//! a per-hit rescan of the whole text, an O(n*m) window search).
//!
//! ```text
//! cargo run --profile release-native --example cost            # the table, every shape
//! cargo run --profile release-native --example cost -- digits  # shapes whose name contains "digits"
//! ```
//!
//! For each shape and size it prints the whole check's cost in ns per character, and flags every
//! rule whose per-character cost at 100k characters is more than 3 times its cost at 10k.

use postcheck::policy::Policy;
use postcheck::rules::{Cx, Hit, RULES};
use postcheck::text::Normalized;
use postcheck::{Account, Checker, Context, LocalTime, Post, Site};
use std::time::Duration;

/// Realistic posts of a town hall and of its staff: most are clean, some trigger rules.
const PROSE: &[&str] = &[
    "【お知らせ】11月24日（火）は町役場の窓口を通常どおり開設します。",
    "本日の町民運動会は予定どおり開催します。熱中症に注意してご参加ください。",
    "詳しくは https://www.town.kibichuo.lg.jp/soshiki/ をご覧ください。",
    "明日の14時から中央公民館で防災講座を開きます。申込みは不要です。",
    "問い合わせ先：総務課 電話 0866-54-1301（平日8時30分から17時15分）",
    "行方不明者の情報提供にご協力ください。#拡散希望",
    "個人的には今回の決定は最悪だと思う。",
    "友達から聞いたんだけど、あの店で食中毒が出たらしい。",
    "今、駅前のカフェにいます！",
    "投票日は12月1日です。期日前投票もご利用ください。",
    "マイナンバーは1234 5678 9012です。",
    "パスワードはkibi2026!です。",
];

fn repeat_to(unit: &str, chars: usize) -> String {
    unit.chars().cycle().take(chars).collect()
}

fn prose(chars: usize) -> String {
    PROSE.iter().flat_map(|s| s.chars().chain("\n".chars())).cycle().take(chars).collect()
}

/// The shapes measured: a name and a generator of `chars` characters.
#[allow(clippy::type_complexity)]
fn shapes() -> Vec<(&'static str, Box<dyn Fn(usize) -> String>)> {
    vec![
        ("japanese-prose", Box::new(prose)),
        ("digits", Box::new(|n| repeat_to("0123456789", n))),
        ("one-digit", Box::new(|n| repeat_to("1", n))),
        ("digits-hyphens", Box::new(|n| repeat_to("090-1234-5678-", n))),
        ("digits-spaces", Box::new(|n| repeat_to("1234 ", n))),
        ("urls", Box::new(|n| repeat_to("https://example.com/a/b?q=1 ", n))),
        ("one-long-url", Box::new(|n| format!("https://example.com/{}", repeat_to("a", n.saturating_sub(20))))),
        ("domain-labels", Box::new(|n| repeat_to("a.", n))),
        ("mentions", Box::new(|n| repeat_to("@kibi_town ", n))),
        ("hashtags", Box::new(|n| repeat_to("#拡散希望 ", n))),
        ("trigger-words", Box::new(|n| repeat_to("らしい。拡散希望。最悪。投票してください。", n))),
        ("emails", Box::new(|n| repeat_to("a.b@example.com ", n))),
        ("at-signs", Box::new(|n| repeat_to("@", n))),
        ("dots", Box::new(|n| repeat_to(".", n))),
        ("one-kana", Box::new(|n| repeat_to("あ", n))),
        ("one-letter", Box::new(|n| repeat_to("a", n))),
        ("letters-digits", Box::new(|n| repeat_to("a1b2c3d4e5", n))),
        ("spaces", Box::new(|n| repeat_to(" ", n))),
        ("newlines", Box::new(|n| repeat_to("\n", n))),
        ("crlf", Box::new(|n| repeat_to("\r\n", n))),
        ("brackets", Box::new(|n| format!("{}{}", repeat_to("(", n / 2), repeat_to(")", n - n / 2)))),
        ("ja-brackets", Box::new(|n| format!("{}{}", repeat_to("「", n / 2), repeat_to("」", n - n / 2)))),
        ("combining", Box::new(|n| format!("a{}", repeat_to("\u{0301}", n - 1)))),
        ("combining-kana", Box::new(|n| repeat_to("ｶﾞ", n))),
        ("zero-width", Box::new(|n| repeat_to("\u{200B}", n))),
        ("zw-between", Box::new(|n| repeat_to("拡\u{200B}散", n))),
        ("replacement", Box::new(|n| repeat_to("\u{FFFD}", n))),
        ("emoji", Box::new(|n| repeat_to("🎉", n))),
        ("full-width", Box::new(|n| repeat_to("０９０－１２３４－５６７８　", n))),
        ("addresses", Box::new(|n| repeat_to("岡山県加賀郡吉備中央町豊野1番地2 ", n))),
        ("addresses-kana", Box::new(|n| repeat_to("千代田区丸の内1-9-1 横浜市西区みなとみらい2-3-1 霞が関1-3-1 ", n))),
        ("district-pieces", Box::new(|n| repeat_to("千代田区丸の内霞が関みなとみらい", n))),
        ("keys", Box::new(|n| repeat_to("password=abc api_key=AKIA", n))),
        ("dashes", Box::new(|n| repeat_to("1‐2―3−4ー", n))),
    ]
}

#[path = "../benches/support/cpu_clock.rs"]
mod cpu_clock;
use cpu_clock::cpu_now;

/// Smallest CPU time of `f` over a few runs (at least `min` in all, at least 3 runs): the
/// minimum is the run least disturbed by other processes.
fn time<F: FnMut()>(mut f: F, min: Duration) -> Duration {
    let mut best = Duration::MAX;
    let start = cpu_now();
    let mut runs = 0;
    while runs < 3 || (cpu_now() - start < min && runs < 50) {
        let t = cpu_now();
        f();
        best = best.min(cpu_now() - t);
        runs += 1;
    }
    best
}

fn ns_per_char(d: Duration, chars: usize) -> f64 {
    d.as_nanos() as f64 / chars as f64
}

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    // Sizes can be given as a second argument: `-- one-long-url 10000,100000,400000`.
    let sizes: Vec<usize> = std::env::args()
        .nth(2)
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| v.len() == 3)
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let policy = Policy::default();
    let checker = Checker::new(policy.clone());
    let context = Context {
        account: Account::Unknown,
        at: LocalTime::parse("2026-11-24T20:00:00+09:00").ok(),
        site: Site::X,
        reply: true,
        handle: None,
        location_tag: false,
    };
    let k = |n: usize| if n % 1000 == 0 { format!("{}k", n / 1000) } else { n.to_string() };
    let (s0, s1, s2) = (k(sizes[0]), k(sizes[1]), k(sizes[2]));
    println!("whole check, ns per character (thread CPU time, best of several runs)");
    println!("{:<16} {s0:>10} {s1:>10} {s2:>10}   {:>9}  slowest rule at {s2} (ns/char)", "shape", format!("{s2}/{s1}"));
    let mut flagged: Vec<String> = Vec::new();
    for (name, make) in shapes() {
        if !name.contains(filter.as_str()) {
            continue;
        }
        let mut whole = Vec::new();
        let mut per_rule: Vec<Vec<f64>> = vec![Vec::new(); RULES.len()];
        for &n in &sizes {
            let text = make(n);
            let chars = text.chars().count();
            let post = Post { text: &text, context: context.clone() };
            let budget = Duration::from_millis(if n >= 100_000 { 300 } else { 100 });
            let large = n >= 100_000;
            whole.push(ns_per_char(time(|| drop(checker.check(&post)), budget), chars));
            let norm = Normalized::new(&text);
            let _ = norm.kana();
            let cx = Cx { norm: &norm, context: &context, policy: &policy };
            let mut hits: Vec<Hit> = Vec::new();
            for (i, rule) in RULES.iter().enumerate() {
                let d = time(
                    || {
                        hits.clear();
                        rule.check(&cx, &mut hits);
                    },
                    Duration::from_millis(if large { 40 } else { 10 }),
                );
                per_rule[i].push(ns_per_char(d, chars));
            }
        }
        let (slow_i, slow) = per_rule
            .iter()
            .enumerate()
            .map(|(i, v)| (i, v[2]))
            .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
        println!(
            "{:<16} {:>10.1} {:>10.1} {:>10.1}   {:>9.2}  {} ({:.1})",
            name,
            whole[0],
            whole[1],
            whole[2],
            whole[2] / whole[1],
            RULES[slow_i].meta().id,
            slow
        );
        for (i, v) in per_rule.iter().enumerate() {
            // Ignore rules that cost next to nothing (timer noise) at 100k.
            if v[2] > 5.0 && v[2] / v[1] > 3.0 {
                flagged.push(format!(
                    "{name}: {} {:.1} / {:.1} / {:.1} ns/char (x{:.1} from {s1} to {s2})",
                    RULES[i].meta().id,
                    v[0],
                    v[1],
                    v[2],
                    v[2] / v[1]
                ));
            }
        }
    }
    if flagged.is_empty() {
        println!("\nno rule's per-character cost grows more than 3x from {s1} to {s2} characters");
    } else {
        println!("\nsuperlinear (per-character cost at {s2} > 3x that at {s1}):");
        for f in flagged {
            println!("  {f}");
        }
    }
}
