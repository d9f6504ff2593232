//! The context rules end to end through the checker: policy keys change what is reported, the
//! organisation's handles make a post official, and no context makes the checker panic.

use postcheck::policy::Policy;
use postcheck::post::{LocalTime, Site};
use postcheck::text::slice16;
use postcheck::{Account, Checker, Context, Post, Severity};
use proptest::prelude::*;

fn findings(policy: &str, text: &str, context: Context) -> Vec<(String, String, Severity)> {
    let (p, errors) = Policy::from_json(policy);
    assert!(errors.is_empty(), "{errors:?}");
    Checker::new(p)
        .check(&Post { text, context })
        .findings
        .iter()
        .filter(|f| ["link", "timing", "account", "rights"].contains(&f.category.id()))
        .map(|f| (f.rule.to_string(), slice16(text, f.start, f.end), f.severity))
        .collect()
}

fn at(s: &str) -> Option<LocalTime> {
    Some(LocalTime::parse(s).unwrap())
}

#[test]
fn an_official_handle_makes_an_unknown_account_official() {
    let policy = r#"{"official_handles":{"x":["@nagareyama_city"]}}"#;
    let ctx = |handle: &str| Context {
        account: Account::Unknown,
        site: Site::X,
        handle: Some(handle.into()),
        at: at("2026-11-24T21:00:00+09:00"),
        ..Context::default()
    };
    let text = "市民まつりのボランティアを募集しています。";
    assert_eq!(
        findings(policy, text, ctx("@Nagareyama_City")),
        [("timing/posting-window".to_string(), text.to_string(), Severity::Warn)]
    );
    assert!(findings(policy, text, ctx("@someone_else")).is_empty());
}

#[test]
fn working_hours_and_posting_window_come_from_the_policy() {
    let personal = |t: &str| Context { account: Account::Personal, at: at(t), ..Context::default() };
    let text = "今日のお昼はカレー";
    // Default: lunch break 12:00–13:00 is free time.
    assert!(findings("{}", text, personal("2026-11-24T12:30:00+09:00")).is_empty());
    // A policy without breaks: 12:30 is working time.
    let no_break = r#"{"working_hours":{"breaks":[]}}"#;
    assert_eq!(findings(no_break, text, personal("2026-11-24T12:30:00+09:00")).len(), 1);
    // An official window that includes Saturdays.
    let official = Context { account: Account::Official, at: at("2026-11-28T10:00:00+09:00"), ..Context::default() };
    let notice = "道の駅で新米フェアを開催中です。";
    assert_eq!(findings("{}", notice, official.clone()).len(), 1);
    let sat = r#"{"posting_window":{"days":["mon","tue","wed","thu","fri","sat"]}}"#;
    assert!(findings(sat, notice, official).is_empty());
}

#[test]
fn allowed_and_blocked_domains_come_from_the_policy() {
    let official = Context { account: Account::Official, ..Context::default() };
    let text = "観光情報は https://www.nagareyama-kanko.example/ で";
    assert_eq!(findings("{}", text, official.clone())[0].2, Severity::Info);
    assert!(findings(r#"{"allowed_domains":["nagareyama-kanko.example"]}"#, text, official.clone()).is_empty());
    assert_eq!(
        findings(r#"{"blocked_domains":["nagareyama-kanko.example"]}"#, text, official),
        [("link/blocked-domain".to_string(), "https://www.nagareyama-kanko.example/".to_string(), Severity::Block)]
    );
}

#[test]
fn a_short_link_is_left_to_the_url_rules() {
    let official = Context { account: Account::Official, ..Context::default() };
    assert!(findings("{}", "申込みは http://bit.ly/3abcXYZ から", official).is_empty());
}

#[test]
fn the_muroran_preset_reports_private_posts_at_work_but_no_posting_window() {
    let t = "会議つまらない";
    let personal = Context { account: Account::Personal, at: at("2026-11-24T15:00:00+09:00"), ..Context::default() };
    assert_eq!(findings(r#"{"preset":"muroran"}"#, t, personal)[0].0, "timing/working-hours");
    let official = Context { account: Account::Official, at: at("2026-11-24T22:00:00+09:00"), ..Context::default() };
    assert!(findings(r#"{"preset":"muroran"}"#, "図書館の休館日のお知らせ", official).is_empty());
}

fn any_context() -> impl Strategy<Value = Context> {
    (0u8..3, any::<bool>(), 2020i32..2030, 1u8..13, 1u8..29, 0u8..24, 0u8..60, any::<bool>()).prop_map(|(a, reply, y, m, d, h, mi, has_at)| {
        let account = [Account::Official, Account::Personal, Account::Unknown][a as usize];
        let at = has_at.then_some(LocalTime { year: y, month: m, day: d, hour: h, minute: mi, second: 0, offset_minutes: 540 });
        Context { account, reply, at, site: Site::X, handle: Some("@nagareyama_city".into()), ..Context::default() }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn no_context_makes_the_checker_panic(t in "\\PC{0,120}", ctx in any_context()) {
        let (p, _) = Policy::from_json(r#"{"organisation_device":true,"official_handles":{"x":["nagareyama_city"]},"blocked_domains":["example.com"]}"#);
        let checker = Checker::new(p);
        let units = t.encode_utf16().count() as u32;
        for f in checker.check(&Post { text: &t, context: ctx }).findings {
            prop_assert!(f.start < f.end && f.end <= units);
        }
    }

    #[test]
    fn links_with_odd_characters_never_panic(t in "(https?://|www\\.|@)[a-zа-я0-9.:@\\[\\]/%-]{0,40}[。）)]?") {
        let checker = Checker::new(Policy::default());
        let ctx = Context { account: Account::Official, ..Context::default() };
        let _ = checker.check(&Post { text: &t, context: ctx });
    }
}
