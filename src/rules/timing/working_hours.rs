//! `timing/working-hours`: a post from a personal account during working hours.
//!
//! 吉備中央町 5(9) forbids posting in a personal capacity during working hours, 5(10) anything that
//! suggests neglect of duty (職務専念義務); 室蘭市 forbids private use during working hours. The
//! hours come from the policy (`working_hours`, default weekdays 8:30–17:15 with a lunch break
//! 12:00–13:00; national holidays and 12/29–1/3 off). Needs the post's local time; an account
//! of unknown kind is not judged (either reading would cry wolf on every post).
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::timing::{outside, post_span};
use crate::rules::{ContextExample, Cx, Hit, Rule, RuleMeta};

pub struct WorkingHours;

static META: RuleMeta = RuleMeta {
    id: "timing/working-hours",
    category: Category::Timing,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(9)", "吉備中央町 5(10)", "室蘭市 5. 禁止事項"],
    message: Msg {
        ja: "勤務時間中に個人アカウントから投稿しようとしています。",
        en: "You are posting from a personal account during working hours.",
    },
    why: Msg {
        ja: "勤務時間中に個人の立場で情報を発信することは禁止されています。職務に専念していないと受け取られるおそれもあります。",
        en: "The guideline forbids posting in a personal capacity during working hours; it can also be read as neglect of duty.",
    },
    fix: Msg {
        ja: "休憩時間か勤務時間外に投稿してください。業務の投稿なら公式アカウントに切り替えてください。",
        en: "Post during your break or after hours; if this is work, switch to the official account.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample {
        text: "今日のランチは駅前の新しいカフェ☕",
        account: Account::Personal,
        at: Some("2026-11-24T10:12:00+09:00"),
        hits: &[("今日のランチは駅前の新しいカフェ☕", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "会議が長い…\n早く帰りたい",
        account: Account::Personal,
        at: Some("2026-11-24T08:30:00+09:00"),
        hits: &[("会議が長い…", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "定時までもう少し！",
        account: Account::Personal,
        at: Some("2026-11-24T17:15:00+09:00"),
        hits: &[("定時までもう少し！", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "土曜出勤、さすがに眠い😪",
        account: Account::Personal,
        at: Some("2026-11-28T10:00:00+09:00"),
        policy: r#"{"working_hours":{"days":["mon","tue","wed","thu","fri","sat"],"start":"09:00","end":"18:00"}}"#,
        hits: &[("土曜出勤、さすがに眠い😪", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    // After work, at lunch, on a holiday, on an official account, without a time: nothing.
    ContextExample { text: "定時で上がれた！", account: Account::Personal, at: Some("2026-11-24T17:16:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "お昼は庁舎裏の定食屋さん", account: Account::Personal, at: Some("2026-11-24T12:20:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "紅葉を見に来ました🍁", account: Account::Personal, at: Some("2026-11-23T11:00:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "本日は窓口を通常どおり開設しています。", account: Account::Official, at: Some("2026-11-24T10:00:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "今日のランチは駅前の新しいカフェ☕", account: Account::Personal, ..ContextExample::DEFAULT },
];

impl Rule for WorkingHours {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let (Account::Personal, Some(at)) = (cx.context.account, cx.context.at) else { return };
        let hours = &cx.policy.org.working_hours;
        if outside(hours, &at).is_some() {
            return;
        }
        let Some((a, b)) = post_span(cx.norm) else { return };
        let msg = Message {
            ja: format!("勤務時間中（{}）に個人アカウントから投稿しようとしています。", hours.describe_ja()).into(),
            en: format!("You are posting from a personal account during working hours ({}).", hours.describe()).into(),
        };
        out.push(Hit::new(a, b).message(msg));
    }
}
