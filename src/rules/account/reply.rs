//! `account/reply`: a reply from an official account.
//!
//! 流山市's official accounts do not answer enquiries or replies ("原則として問い合わせ(投稿への
//! 返信等)に対する回答は行いません") and do not use replies; enquiries go to the city's website.
//! On an account of unknown kind the reminder is `info`.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::timing::post_span;
use crate::rules::{ContextExample, Cx, Hit, Rule, RuleMeta};

pub struct Reply;

static META: RuleMeta = RuleMeta {
    id: "account/reply",
    category: Category::Account,
    severity: Severity::Warn,
    clauses: &["流山市 返信・フォロー・DM を行わない"],
    message: Msg {
        ja: "公式アカウントから返信しようとしています。",
        en: "You are replying from the official account.",
    },
    why: Msg {
        ja: "公式アカウントでは、匿名性に鑑み、原則として投稿への返信や問い合わせへの回答は行わないことにしています。",
        en: "The official account does not, as a rule, reply to posts or answer enquiries, given the anonymity of social media.",
    },
    fix: Msg {
        ja: "返信はせず、問い合わせは市ホームページの問い合わせフォームなど他の窓口へ案内してください。全体に伝えるべき内容なら通常の投稿にしてください。",
        en: "Do not reply; direct enquiries to the website's contact form. If everyone should know, make it a normal post.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample {
        text: "ご指摘ありがとうございます。担当課に確認します。",
        account: Account::Official,
        reply: true,
        hits: &[("ご指摘ありがとうございます。担当課に確認します。", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "\n開館時間は9時から17時です。\n休館日は月曜日です。",
        account: Account::Official,
        reply: true,
        site: crate::post::Site::X,
        hits: &[("開館時間は9時から17時です。", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "ありがとうございます！",
        account: Account::Unknown,
        reply: true,
        hits: &[("ありがとうございます！", Severity::Info)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "お問い合わせありがとうございます。",
        account: Account::Unknown,
        reply: true,
        site: crate::post::Site::X,
        handle: Some("@nagareyama_city"),
        policy: r#"{"official_handles":{"x":["@nagareyama_city"]}}"#,
        hits: &[("お問い合わせありがとうございます。", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample { text: "市民まつりは11月3日に開催します。", account: Account::Official, ..ContextExample::DEFAULT },
    ContextExample { text: "行ってみたい！", account: Account::Personal, reply: true, ..ContextExample::DEFAULT },
    ContextExample { text: "ありがとうございます。", account: Account::Personal, reply: true, handle: Some("@taro_123"), policy: r#"{"official_handles":{"x":["@nagareyama_city"]}}"#, ..ContextExample::DEFAULT },
];

impl Rule for Reply {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        if !cx.context.reply {
            return;
        }
        let severity = match cx.context.account {
            Account::Official => Severity::Warn,
            Account::Unknown => Severity::Info,
            Account::Personal => return,
        };
        if let Some((a, b)) = post_span(cx.norm) {
            out.push(Hit::new(a, b).severity(severity));
        }
    }
}
