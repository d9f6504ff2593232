//! `account/device`: a personal account used on the organisation's device.
//!
//! 吉備中央町 5(11) and 十和田市 4(8) forbid posting in a personal capacity with the
//! organisation's information assets and network. The policy says whether the browser runs on
//! such a device (`organisation_device`, set by the IT admin; default false). Only an account
//! known to be personal is reported: an unknown one might be the official account.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::timing::post_span;
use crate::rules::{ContextExample, Cx, Hit, Rule, RuleMeta};

pub struct Device;

static META: RuleMeta = RuleMeta {
    id: "account/device",
    category: Category::Account,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(11)", "十和田市 4(8)"],
    message: Msg {
        ja: "職場の端末から個人アカウントで投稿しようとしています。",
        en: "You are posting from a personal account on the organisation's device.",
    },
    why: Msg {
        ja: "町（市）の情報資産・通信環境を使って、個人や他団体の立場で情報を発信することは禁止されています。",
        en: "Posting in a personal capacity with the organisation's devices and network is forbidden.",
    },
    fix: Msg {
        ja: "個人の投稿は私物の端末から、勤務時間外に行ってください。業務の投稿なら公式アカウントに切り替えてください。",
        en: "Post personal things from your own device, outside working hours; for work, switch to the official account.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
const ON_DEVICE: &str = r#"{"organisation_device":true}"#;

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample { text: "週末のキャンプ楽しかった⛺", account: Account::Personal, policy: ON_DEVICE, hits: &[("週末のキャンプ楽しかった⛺", Severity::Warn)], ..ContextExample::DEFAULT },
    ContextExample { text: "\n  新しいラーメン屋、当たりでした  \n#ラーメン", account: Account::Personal, policy: ON_DEVICE, hits: &[("新しいラーメン屋、当たりでした", Severity::Warn)], ..ContextExample::DEFAULT },
    ContextExample { text: "推しのライブ当選した！", account: Account::Personal, at: Some("2026-11-24T19:00:00+09:00"), policy: ON_DEVICE, hits: &[("推しのライブ当選した！", Severity::Warn)], ..ContextExample::DEFAULT },
    ContextExample { text: "本日の窓口は17時15分までです。", account: Account::Official, policy: ON_DEVICE, ..ContextExample::DEFAULT },
    ContextExample { text: "週末のキャンプ楽しかった⛺", account: Account::Personal, ..ContextExample::DEFAULT },
    ContextExample { text: "週末のキャンプ楽しかった⛺", account: Account::Unknown, policy: ON_DEVICE, ..ContextExample::DEFAULT },
];

impl Rule for Device {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        if cx.context.account != Account::Personal || !cx.policy.org.organisation_device {
            return;
        }
        if let Some((a, b)) = post_span(cx.norm) {
            out.push(Hit::new(a, b));
        }
    }
}
