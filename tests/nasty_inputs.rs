//! Inputs a fuzzer is unlikely to build but a user (or a paste) can: very long runs of one
//! character, deep brackets, a Facebook-length run of digits, a huge URL, nothing but combining
//! marks or zero-width characters, lone surrogates as JavaScript hands them over (U+FFFD), and
//! thousands of mentions, URLs or trigger words. Each must be checked without a panic, with
//! spans inside the text, under every preset and account. The time each check takes is printed
//! (`cargo test --test nasty_inputs -- --nocapture`); the per-character cost of each rule on
//! such inputs is measured by `cargo run --profile release-native --example cost`. See [`SCALE`]
//! for the sizes in unoptimised builds.

use postcheck::policy::{Policy, Preset};
use postcheck::{Account, Category, Checker, Context, LocalTime, Post, Report, Site};
use std::time::Instant;

/// Sizes are as named in optimised builds (`cargo test --profile release-native --test
/// nasty_inputs`, which `make fuzz` runs); an unoptimised `cargo test` divides them by 10 to
/// stay fast (the rules' own code is not optimised there, and a 100,000-character check takes
/// seconds).
const SCALE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

/// `chars` characters (divided by [`SCALE`]) of `unit` repeated.
fn rep(unit: &str, chars: usize) -> String {
    unit.chars().cycle().take(chars / SCALE).collect()
}

/// Every finding lies inside the text and does not split a surrogate pair.
fn assert_sane(name: &str, text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    for f in &report.findings {
        assert!(f.start < f.end && f.end as usize <= units.len(), "{name}: bad span {}..{} ({})", f.start, f.end, f.rule);
        for b in [f.start as usize, f.end as usize] {
            if b > 0 && b < units.len() {
                let split = (0xD800..0xDC00).contains(&units[b - 1]) && (0xDC00..0xE000).contains(&units[b]);
                assert!(!split, "{name}: {} splits a surrogate pair at {b}", f.rule);
            }
        }
    }
}

/// Checks `text` on an unknown and an official account under the strict preset (every rule in force; the
/// other presets only turn rules off or change their severity), late in the evening and as a
/// reply, and returns the report on an unknown account. Prints the slowest check.
fn check_everywhere(name: &str, text: &str) -> Report {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    let checker = CHECKER.get_or_init(|| Checker::new(Policy::default()));
    assert_eq!(checker.policy().preset, Preset::Strict);
    let mut slowest = 0.0f64;
    let mut unknown = None;
    // (A personal account runs a subset of the rules an unknown one runs.)
    for account in [Account::Unknown, Account::Official] {
        let context = Context {
            account,
            at: LocalTime::parse("2026-11-28T22:30:00+09:00").ok(),
            site: Site::X,
            reply: true,
            handle: Some("@someone".into()),
            location_tag: false,
        };
        let t = Instant::now();
        let report = checker.check(&Post { text, context });
        slowest = slowest.max(t.elapsed().as_secs_f64());
        assert_sane(name, text, &report);
        if account == Account::Unknown {
            unknown = Some(report);
        }
    }
    let chars = text.chars().count();
    println!("{name:<34} {chars:>7} chars  slowest check {:>8.1} ms", slowest * 1e3);
    unknown.expect("checked on an unknown account")
}

/// The rules that found something in the text itself (not the context rules, which speak of a
/// reply or the time of posting whatever the text).
fn rules_found(r: &Report) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> =
        r.findings.iter().filter(|f| !matches!(f.category, Category::Account | Category::Timing)).map(|f| f.rule).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[test]
fn long_runs_of_one_character() {
    for c in ["あ", "a", "1", "１", "@", ".", "/", "ー", "#", "「", "」", "\n", "　", "😀", "ｶ", "ﾞ"] {
        let r = check_everywhere(&format!("100,000 x {c:?}"), &rep(c, 100_000));
        // One character repeated is no post; nothing to underline beyond what that character
        // alone means (a run of digits may read as a number, which is checked below).
        if !matches!(c, "1" | "１") {
            assert!(rules_found(&r).is_empty(), "{c:?}: {:?}", rules_found(&r));
        }
    }
}

#[test]
fn deep_brackets() {
    for (open, close) in [("(", ")"), ("[", "]"), ("「", "」"), ("『", "』"), ("（", "）"), ("{", "}")] {
        let text = format!("{}〇〇候補に投票してください{}", rep(open, 10_000), rep(close, 10_000));
        let r = check_everywhere(&format!("10,000 nested {open}{close}"), &text);
        // Inside quotation brackets an appeal to vote is a quoted voice; elsewhere it is one.
        let found = rules_found(&r).contains(&"political/vote-solicitation");
        assert_eq!(found, !matches!(open, "「" | "『"), "{open}: {:?}", rules_found(&r));
        let unbalanced = rep(close, 10_000) + &rep(open, 10_000);
        check_everywhere(&format!("10,000 unbalanced {close}{open}"), &unbalanced);
    }
}

#[test]
fn a_facebook_length_run_of_digits() {
    // 63,206 characters is the longest Facebook post.
    for (name, text) in [
        ("63,206 digits", rep("1234567890", 63_206)),
        ("63,206 full-width digits", rep("１２３４５６７８９０", 63_206)),
        ("63,206 digits and hyphens", rep("090-1234-5678-", 63_206)),
        ("63,206 digits and spaces", rep("1234 ", 63_206)),
    ] {
        let r = check_everywhere(name, &text);
        // A run of digits this long is no phone, card or My Number: the number rules check the
        // run's shape (length, separators) and do not read arbitrary windows of it.
        let n = r.findings.iter().filter(|f| f.category != Category::Account && f.category != Category::Timing).count();
        assert!(n < 100, "{name}: {n} findings {:?}", rules_found(&r));
    }
}

#[test]
fn a_url_of_50000_characters() {
    for (name, text) in [
        ("50,000-char URL", format!("詳しくは https://www.example.com/{} をご覧ください", rep("a", 50_000))),
        ("50,000-char shortener URL", format!("https://bit.ly/{}", rep("Ab3", 50_000))),
        ("50,000-char host", format!("http://{}.jp/", rep("a.", 50_000))),
        ("50,000-char query", format!("https://www.town.kibichuo.lg.jp/?{}", rep("q=1&", 50_000))),
    ] {
        let r = check_everywhere(name, &text);
        assert!(r.findings.len() < 10, "{name}: {:?}", rules_found(&r));
    }
}

#[test]
fn nothing_but_invisible_or_combining_characters() {
    for (name, text) in [
        ("100,000 combining marks", format!("a{}", rep("\u{0301}", 100_000))),
        ("100,000 dakuten", format!("か{}", rep("\u{3099}", 100_000))),
        ("100,000 half-width dakuten", format!("ｶ{}", rep("ﾞ", 100_000))),
        ("combining marks alone", rep("\u{0300}\u{0301}\u{0302}\u{0303}\u{0308}\u{20DD}", 50_000)),
        ("100,000 zero-width", rep("\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}", 100_000)),
        ("bidi and variation selectors", rep("\u{202E}\u{2066}\u{FE0F}\u{E0100}", 100_000)),
    ] {
        let r = check_everywhere(name, &text);
        assert!(rules_found(&r).is_empty(), "{name}: {:?}", rules_found(&r));
    }
    // Zero-width characters between the letters of a trigger word hide nothing.
    let hidden = rep("拡\u{200B}散\u{200D}希\u{FEFF}望 ", 60_000);
    let r = check_everywhere("zero-width inside 拡散希望 x10,000", &hidden);
    assert!(rules_found(&r).contains(&"rumor/spread-request"), "{:?}", rules_found(&r));
}

#[test]
fn lone_surrogates_from_javascript() {
    // The extension hands JavaScript strings over; a lone surrogate arrives as U+FFFD.
    let units: Vec<u16> = "電話は090-1234-5678です"
        .encode_utf16()
        .chain([0xD800, 0xDC00, 0xDBFF, 0x0041, 0xDFFF])
        .cycle()
        .take(100_000 / SCALE)
        .collect();
    let text = String::from_utf16_lossy(&units);
    assert!(text.contains('\u{FFFD}'));
    let r = check_everywhere("lone surrogates (U+FFFD)", &text);
    assert!(rules_found(&r).contains(&"pii/phone"), "{:?}", rules_found(&r));
    check_everywhere("100,000 x U+FFFD", &rep("\u{FFFD}", 100_000));
}

#[test]
fn thousands_of_mentions_urls_and_trigger_words() {
    for (name, unit, rule) in [
        ("10,000 mentions", "@kibichuo_town ", "account/mention"),
        ("5,000 URLs", "https://example.com/a?b=1 ", "link/unlisted-domain"),
        ("5,000 short URLs", "bit.ly/3xYzAb ", "url/shortener"),
        ("10,000 hashtags 拡散希望", "#拡散希望 ", "rumor/spread-request"),
        ("10,000 らしい", "事故があったらしい。", "rumor/hearsay"),
        ("10,000 e-mail addresses", "taro@gmail.com ", "pii/email"),
        ("10,000 phone numbers", "090-1234-5678 ", "pii/phone"),
        ("10,000 addresses 丸の内", "千代田区丸の内1-9-1 ", "location/address"),
        ("10,000 addresses みなとみらい", "横浜市西区みなとみらい2-3-1 ", "location/address"),
        ("10,000 laughs", "マジでウケるｗｗｗ ", "opinion/casual-tone"),
        ("10,000 votes", "〇〇候補に投票してください！", "political/vote-solicitation"),
        ("10,000 quotes", "「最悪だと思う」と話していました。", "rumor/hearsay"),
    ] {
        let n = if name.starts_with("5,000") { 5_000 } else { 10_000 };
        let text = unit.repeat(n / SCALE);
        let r = check_everywhere(name, &text);
        if name == "10,000 quotes" {
            // Quoted voices are not the author's opinion.
            assert!(!rules_found(&r).contains(&"opinion/subjective"), "{:?}", rules_found(&r));
        } else {
            assert!(r.findings.iter().any(|f| f.rule == rule), "{name}: {:?}", rules_found(&r));
        }
    }
}

#[test]
fn long_realistic_posts() {
    // A long Facebook post: town notices with a few problems in it, 100,000 characters.
    let post = "【お知らせ】11月24日（火）は町役場の窓口を通常どおり開設します。\n\
                詳しくは https://www.town.kibichuo.lg.jp/ をご覧ください。\n\
                友達から聞いたんだけど、あの店で食中毒が出たらしい。\n\
                問い合わせ先：総務課 電話 0866-54-1301\n";
    let text = rep(post, 100_000);
    let r = check_everywhere("100,000 chars of notices", &text);
    assert!(rules_found(&r).contains(&"rumor/hearsay"), "{:?}", rules_found(&r));
    // One paragraph with no sentence end at all.
    let run_on = rep("町内の皆さまへ、", 100_000) + "拡散希望";
    check_everywhere("one 100,000-char sentence", &run_on);
}

#[test]
fn runs_of_district_name_pieces() {
    // What location/address walks over in a district's name (kanji, joiners, hiragana after a
    // municipality, lot numbers), run together with no end: each walk is bounded.
    for (name, unit) in [
        ("丸の内1-9-1 run together", "丸の内1-9-1"),
        ("千代田区丸の内 x", "千代田区丸の内"),
        ("横浜市西区みなとみらい x", "横浜市西区みなとみらい"),
        ("霞が関が関が x", "霞が関が関が"),
        ("吉備中央町 then kana", "吉備中央町みなとみらいみなとみらい"),
        ("の x 100,000", "の"),
    ] {
        check_everywhere(name, &rep(unit, 100_000));
    }
}

/// An admin's `custom_terms` pattern written the way that brings backtracking engines to a halt
/// (nested quantifiers, overlapping alternatives) on 100,000 characters it nearly matches. The
/// `regex` crate never backtracks: each check stays linear, whatever the pattern; a pattern too
/// large to compile is refused with its key named, never a panic.
#[test]
fn catastrophic_custom_patterns() {
    let patterns = [
        r"(a*)*b",
        r"(a|aa)+b",
        r"(a|a?)+c",
        r"(\w+\s?)*課長",
        r"^(\d+)*x$",
        r"(?:x+x+)+y",
        r"(.*a){12}z",
        r"([a-z0-9]+\.)+[a-z]{2,}/(\w+/)*x",
    ];
    let terms: Vec<String> =
        patterns.iter().enumerate().map(|(i, p)| format!(r#"{{"id":"p{i}","pattern":{},"category":"confidential"}}"#, serde_json::json!(p))).collect();
    let (policy, errors) = Policy::from_json(&format!(r#"{{"custom_terms":[{}]}}"#, terms.join(",")));
    // Each pattern either compiles or is refused as too large: never silently dropped.
    for e in &errors {
        assert!(e.key.starts_with("custom_terms[") && e.problem.en().contains("too large"), "{e}");
    }
    assert!(policy.custom_terms.len() + errors.len() == patterns.len(), "{} + {errors:?}", policy.custom_terms.len());
    assert!(policy.custom_terms.len() >= 6, "most patterns compile: {errors:?}");
    let checker = Checker::new(policy);
    for (name, text) in [
        ("100,000 x a", rep("a", 100_000)),
        ("100,000 x a, then b", rep("a", 100_000) + "b"),
        ("100,000 digits", rep("1", 100_000)),
        ("words and spaces", rep("word ", 20_000)),
        ("a URL path", format!("https://example.com/{}", rep("ab/", 30_000))),
        ("x then no y", rep("x", 100_000)),
    ] {
        let t = Instant::now();
        let report = checker.check(&Post { text: &text, context: Context::default() });
        println!("custom patterns on {name:<24} {:>7} chars  {:>8.1} ms", text.chars().count(), t.elapsed().as_secs_f64() * 1e3);
        assert_sane(name, &text, &report);
        let custom = report.findings.iter().filter(|f| f.rule == "custom/term").count();
        // Only `(a*)*b` and `(a|aa)+b` can match, and only where a b follows an a.
        assert_eq!(custom > 0, name.contains("then b") || name == "a URL path", "{name}: {custom} custom findings");
    }
}
