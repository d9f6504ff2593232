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
