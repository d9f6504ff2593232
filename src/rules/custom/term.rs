//! `custom/term`: the terms and patterns the admin listed in the policy (`custom_terms`).
//!
//! Each finding carries the term's category, severity and message, as the admin wrote them. A
//! term matches the normalised text, so full-width and half-width forms (`ＰＪ－Ｘ`, `ｺﾞｳｶﾞｲ`)
//! are found too; a term that starts or ends with an ASCII letter or digit matches only as a
//! whole word there (`ng` is not found inside `long`). `categories` in the policy switch terms
//! off by their category (`"confidential": "off"`), and `rules."custom/term"` switches all of
//! them off or caps their severity. Without `custom_terms` the rule finds nothing.

use crate::finding::{Category, Msg, Severity};
use crate::policy::{Matcher, Setting};
use crate::post::Account;
use crate::rules::{ContextExample, Cx, Hit, Rule, RuleMeta};

/// The rule's id; the policy reads `categories` per term for it.
pub const ID: &str = "custom/term";

pub struct Term;

static META: RuleMeta = RuleMeta {
    id: ID,
    // Each finding is reported in its term's category; this one shows in the reference only.
    category: Category::Confidential,
    // The term's own severity applies (a hit's severity is capped by the rule's).
    severity: Severity::Block,
    clauses: &["吉備中央町 4(9)③", "室蘭市 4. 基本ルール", "流山市 基本原則 2", "十和田市 3(2)"],
    message: Msg {
        ja: "所属のルールで投稿に使わないことになっている語句があります。",
        en: "A term your organisation keeps out of posts.",
    },
    why: Msg {
        ja: "ガイドラインは、職員の服務や情報の取扱いに関する所属の規程を守るよう求めています。この語句は、管理者がその規程に基づいて登録したものです。",
        en: "The guideline asks staff to keep the organisation's rules on conduct and information; your administrator listed this term under those rules.",
    },
    fix: Msg {
        ja: "語句を削除するか言い換えてください。判断に迷うときは所属長や広報担当に確認してください。",
        en: "Remove or rephrase it; when unsure, ask your head of section or the public-relations office.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
const TERMS: &str = r#"{"custom_terms":[
  {"id":"internal","term":"庁内限り","category":"confidential","severity":"block",
   "message":{"ja":"「庁内限り」の資料は公開できません。","en":"Internal-only material cannot be published."}},
  {"id":"project","pattern":"pj-[a-z]\\d{2}","category":"confidential","severity":"warn"},
  {"id":"ng","term":"NG","category":"personal-opinion","severity":"info"}]}"#;

#[cfg(not(target_arch = "wasm32"))]
const TERMS_CONFIDENTIAL_OFF: &str = r#"{"custom_terms":[{"term":"庁内限り","category":"confidential","severity":"block"}],
  "categories":{"confidential":"off"}}"#;

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample {
        text: "【庁内限り】来年度の組織改編案について",
        account: Account::Official,
        policy: TERMS,
        hits: &[("庁内限り", Severity::Block)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "ＰＪ－Ｋ０７の進捗を共有します",
        account: Account::Personal,
        policy: TERMS,
        hits: &[("ＰＪ－Ｋ０７", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample { text: "今日の試合はNGシーン集が面白かった", account: Account::Personal, policy: TERMS, hits: &[("NG", Severity::Info)], ..ContextExample::DEFAULT },
    ContextExample { text: "長い行列ができています（long queue）", account: Account::Official, policy: TERMS, ..ContextExample::DEFAULT },
    ContextExample { text: "【庁内限り】来年度の組織改編案について", account: Account::Official, ..ContextExample::DEFAULT },
    ContextExample { text: "【庁内限り】来年度の組織改編案について", account: Account::Official, policy: TERMS_CONFIDENTIAL_OFF, ..ContextExample::DEFAULT },
    ContextExample { text: "本日の窓口は17時15分までです。", account: Account::Official, policy: TERMS, ..ContextExample::DEFAULT },
];

impl Rule for Term {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for term in &cx.policy.custom_terms {
            if cx.policy.categories.get(&term.category) == Some(&Setting::Off) {
                continue;
            }
            let hit = |a: usize, b: usize| Hit::new(a, b).severity(term.severity).category(term.category).message(term.message.clone());
            match &term.matcher {
                Matcher::Term { normalised, .. } => {
                    let word_start = normalised.starts_with(|c: char| c.is_ascii_alphanumeric());
                    let word_end = normalised.ends_with(|c: char| c.is_ascii_alphanumeric());
                    for (a, _) in text.match_indices(normalised.as_str()) {
                        let b = a + normalised.len();
                        let before = text[..a].chars().next_back();
                        let after = text[b..].chars().next();
                        if (word_start && before.is_some_and(|c| c.is_ascii_alphanumeric()))
                            || (word_end && after.is_some_and(|c| c.is_ascii_alphanumeric()))
                        {
                            continue;
                        }
                        out.push(hit(a, b));
                    }
                }
                Matcher::Pattern { regex, .. } => {
                    for m in regex.find_iter(text) {
                        if m.start() < m.end() {
                            out.push(hit(m.start(), m.end()));
                        }
                    }
                }
            }
        }
    }
}
