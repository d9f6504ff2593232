//! Properties that hold for ANY input: the checker never panics, and every finding's span lies
//! inside the text on UTF-16 boundaries that do not split a surrogate pair.

use postcheck::policy::Policy;
use postcheck::{Account, Checker, Context, Post};
use proptest::prelude::*;

/// Characters that stress normalisation: ASCII, full-width, half-width kana and voiced marks,
/// combining marks, zero-width and bidi controls, CR/LF, emoji (surrogate pairs) and ZWJ, CJK,
/// dashes, and a few characters that NFKC expands.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range(' ', '~'),
        proptest::char::range('\u{3041}', '\u{30FF}'),
        proptest::char::range('\u{4E00}', '\u{4E80}'),
        proptest::char::range('\u{FF01}', '\u{FF9F}'),
        proptest::char::range('\u{0300}', '\u{036F}'),
        proptest::char::range('\u{1F300}', '\u{1F64F}'),
        proptest::char::range('\u{20000}', '\u{20100}'),
        prop::sample::select(vec![
            '\r', '\n', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{202E}', '\u{FE0F}', '\u{3099}', '\u{309A}',
            '\u{FF9E}', '\u{FF9F}', '①', '㈱', '㍻', 'ﬁ', '‐', '―', '−', 'ー', '〜', '。', '、', '「', '」', '丁', '目', '番',
            '号', '@', '.', '/', ':', '0', '9',
        ]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..200).prop_map(|v| v.into_iter().collect())
}

fn check_spans(t: &str, checker: &Checker, account: Account) {
    let units: Vec<u16> = t.encode_utf16().collect();
    let report = checker.check(&Post { text: t, context: Context { account, ..Context::default() } });
    for f in &report.findings {
        assert!(f.start < f.end, "{f:?} is empty in {t:?}");
        assert!(f.end as usize <= units.len(), "{f:?} beyond the text in {t:?}");
        for b in [f.start as usize, f.end as usize] {
            if b > 0 && b < units.len() {
                let (prev, next) = (units[b - 1], units[b]);
                let splits = (0xD800..0xDC00).contains(&prev) && (0xDC00..0xE000).contains(&next);
                assert!(!splits, "{f:?} splits a surrogate pair in {t:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_inside_the_text_and_never_split_a_surrogate_pair(t in text()) {
        let checker = Checker::new(Policy::default());
        check_spans(&t, &checker, Account::Unknown);
        check_spans(&t, &checker, Account::Official);
    }

    #[test]
    fn arbitrary_unicode_never_panics(t in "\\PC{0,300}") {
        let checker = Checker::new(Policy::default());
        check_spans(&t, &checker, Account::Personal);
    }
}

// ---- The result does not depend on how the text reached the checker ------------------------
//
// Posts are built from realistic Japanese: every rule's documented examples (posts that must
// fire and posts that must not) and the corpora's posts, one to four of them joined with line
// breaks, spaces or nothing.

use postcheck::rules::RULES;
use postcheck::text::slice16;
use postcheck::{Finding, Report, Severity};
use std::sync::OnceLock;

fn pool() -> &'static [String] {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut v: Vec<String> = RULES.iter().flat_map(|r| r.meta().examples.iter().map(|e| e.text.to_string())).collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        for sub in [dir.to_string(), format!("{dir}/clean")] {
            let mut files: Vec<_> = std::fs::read_dir(&sub).expect("corpus dir").flatten().map(|e| e.path()).collect();
            files.sort();
            for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "jsonl")) {
                for line in std::fs::read_to_string(&path).expect("corpus file").lines().filter(|l| !l.trim().is_empty()) {
                    let post: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
                    v.push(post["text"].as_str().expect("text").to_string());
                }
            }
        }
        // Posts written with CRLF or zero-width characters would not test what the
        // properties below add to them.
        v.retain(|t| !t.contains('\r') && !t.chars().any(postcheck::text::is_invisible));
        assert!(v.len() > 500, "pool of {} posts", v.len());
        v
    })
}

/// One to four realistic posts joined by line breaks, spaces or nothing.
fn post() -> impl Strategy<Value = String> {
    let part = (0..pool().len()).prop_map(|i| pool()[i].clone());
    let sep = prop::sample::select(vec!["\n", "\n\n", "", " ", "　"]);
    prop::collection::vec((part, sep), 1..=4).prop_map(|parts| {
        let mut s = String::new();
        for (i, (p, sep)) in parts.into_iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(&p);
        }
        s
    })
}

fn account() -> impl Strategy<Value = Account> {
    prop::sample::select(vec![Account::Official, Account::Personal, Account::Unknown])
}

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(Policy::default()))
}

fn check(t: &str, account: Account) -> Report {
    checker().check(&Post { text: t, context: Context { account, ..Context::default() } })
}

/// (rule, severity, underlined original characters) of each finding, in order.
fn seen(t: &str, r: &Report, drop: impl Fn(char) -> bool) -> Vec<(&'static str, Severity, String)> {
    r.findings.iter().map(|f| (f.rule, f.severity, slice16(t, f.start, f.end).chars().filter(|&c| !drop(c)).collect())).collect()
}

/// Number of `\n` in the UTF-16 prefix `..o` of `t`.
fn newlines_before(units: &[u16], o: u32) -> u32 {
    units[..o as usize].iter().filter(|&&u| u == u16::from(b'\n')).count() as u32
}

/// Whether `c` attaches to the character before it (a zero-width character put between them
/// would change how they normalise: か + ゛ is が, か + ZWSP + ゛ is not).
fn attaches(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{3099}' | '\u{309A}' | '\u{FF9E}' | '\u{FF9F}' | '\u{20D0}'..='\u{20FF}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// A post typed on Windows (CRLF) gets the same findings as the same post with LF, each
    /// shifted by the CRs before it.
    #[test]
    fn crlf_and_lf_line_breaks_give_the_same_findings(t in post(), account in account()) {
        let crlf = t.replace('\n', "\r\n");
        let (lf_report, crlf_report) = (check(&t, account), check(&crlf, account));
        prop_assert_eq!(seen(&t, &lf_report, |_| false), seen(&crlf, &crlf_report, |c| c == '\r'));
        let units: Vec<u16> = t.encode_utf16().collect();
        let shifted: Vec<(u32, u32)> = lf_report.findings.iter().map(|f: &Finding| {
            // A finding that starts on a line break starts on its LF, after the CR.
            let on_lf = units.get(f.start as usize) == Some(&u16::from(b'\n'));
            (f.start + newlines_before(&units, f.start) + u32::from(on_lf), f.end + newlines_before(&units, f.end))
        }).collect();
        let spans: Vec<(u32, u32)> = crlf_report.findings.iter().map(|f| (f.start, f.end)).collect();
        prop_assert_eq!(spans, shifted);
    }

    /// Zero-width characters (pasted from a web page, or typed to dodge the checker) change no
    /// finding: the same rules underline the same characters, the zero-width ones aside.
    #[test]
    fn zero_width_characters_change_no_finding(
        t in post(),
        account in account(),
        inserts in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'])), 1..12),
    ) {
        let mut chars: Vec<char> = t.chars().collect();
        for (at, zw) in inserts {
            let i = at.index(chars.len() + 1);
            if chars.get(i).is_none_or(|&c| !attaches(c)) {
                chars.insert(i, zw);
            }
        }
        let hidden: String = chars.into_iter().collect();
        let invisible = postcheck::text::is_invisible;
        prop_assert_eq!(seen(&t, &check(&t, account), |_| false), seen(&hidden, &check(&hidden, account), invisible));
    }

    /// Full-width letters and digits (what an IME types in full-width mode) give exactly the
    /// findings of their ASCII forms, at the same places.
    #[test]
    fn full_width_letters_and_digits_give_the_same_findings(t in post(), account in account()) {
        let wide: String = t.chars().map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c }).collect();
        let key = |r: &Report| r.findings.iter().map(|f| (f.rule, f.severity, f.start, f.end)).collect::<Vec<_>>();
        prop_assert_eq!(key(&check(&t, account)), key(&check(&wide, account)));
    }
}
