//! `opinion/staff-identity`: on a personal account, the post says the author is a staff member
//! (町職員として, 市役所で働いて, うちの課) AND talks about work. An `info` note, not a warning:
//! a person may post on their own account, but readers will take it as the municipality's word.
//!
//! Why: 十和田市 5(4): even in personal use, a staff member who makes their position known may be
//! read as speaking for the city, and must be aware of that weight.
//!
//! Quiet: identity without work talk (「市役所で働いています。週末は釣り」), work talk without
//! identity, and official accounts (the account itself is the municipality's).
use super::own_account_kana;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct StaffIdentity;

static META: RuleMeta = RuleMeta {
    id: "opinion/staff-identity",
    category: Category::PersonalOpinion,
    severity: Severity::Info,
    clauses: &["十和田市 5(4)"],
    message: Msg {
        ja: "職員であることを明かして仕事の話をしています（個人アカウント）",
        en: "You say you are a staff member and talk about work (personal account)",
    },
    why: Msg {
        ja: "個人の立場の投稿でも、職員であることを明らかにしていると、市を代表した発言や関係職員としての発信と受け取られる可能性があります。影響の大きさを自覚して発信してください。",
        en: "Even on a personal account, once you say you work for the municipality readers may take your words as the municipality's or an insider's. Be aware of that weight.",
    },
    fix: Msg {
        ja: "仕事に関する話題では職員であることに触れない、または公式の発表に沿った事実だけを書いてください。",
        en: "Either leave out that you are a staff member when talking about work, or keep to facts the municipality has published.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "町職員として言わせてもらうと、今度の補助金の窓口はかなり混みます",
            account: Account::Personal,
            hits: &[("町職員として", Severity::Info)],
        },
        Example { text: "市役所で働いてるけど、来年度の予算は厳しいらしい", account: Account::Personal, hits: &[("市役所で働", Severity::Info)] },
        Example { text: "うちの課、今月は会議ばかり", account: Account::Personal, hits: &[("うちの課", Severity::Info)] },
        Example { text: "市役所で働いています。週末は釣りとキャンプが趣味です🎣", account: Account::Personal, hits: &[] },
        Example { text: "今日は窓口がすごく混んでいた", account: Account::Personal, hits: &[] },
        Example { text: "町職員として、防災訓練の窓口を担当しました", account: Account::Official, hits: &[] },
    ],
};

fn identity_re() -> &'static Pattern {
    static_regex!(concat!(
        r"(?:町|市|村|区|県|役場の|役所の|市役所の|町役場の)?職員(?:として|です|なので|だけど|だけれど|ですが|の私|のわたし|の僕|の自分|やって|をして|してます|をやって|になって)",
        r"|(?:地方)?公務員(?:として|です|なので|だけど|ですが|やって|の私|してます|をして|になって)",
        r"|(?:町役場|村役場|市役所|区役所|役場|役所|県庁)(?:で|に)(?:働|勤め|勤務)",
        r"|(?:町役場|村役場|市役所|区役所|役場|役所|県庁)(?:勤め|勤務)",
        r"|うちの(?:課|係|部署|町役場|村役場|市役所|役場|役所)",
        r"|職場の(?:町役場|村役場|市役所|役場|役所)",
    ))
}

fn work_re() -> &'static Pattern {
    static_regex!(r"仕事|業務|課|係|担当|窓口|会議|決裁|議会|上司|部署|事業|予算|住民|市民|町民|村民|庁舎|残業|職場|出勤|異動|施策|計画|条例|議員|市長|町長|村長|申請|手続|補助金|選挙|庁内")
}

impl Rule for StaffIdentity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let Some(t) = own_account_kana(cx) else { return };
        let ids: Vec<_> = identity_re().find_iter(t).map(|m| (m.start(), m.end())).collect();
        if ids.is_empty() {
            return;
        }
        let talks_work = work_re().find_iter(t).any(|w| !ids.iter().any(|&(a, b)| w.start() < b && a < w.end()));
        if talks_work {
            out.extend(ids.into_iter().map(|(a, b)| Hit::new(a, b)));
        }
    }
}
