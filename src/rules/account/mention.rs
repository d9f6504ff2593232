//! `account/mention`: an official post addressed to a user with `@handle` at its start.
//!
//! A post that begins with `@someone` is a reply in all but name, shown first to that user;
//! 流山市's official accounts do not use replies ("リプライ…は使用しません"). A mention inside the
//! text (a credit, a partner organisation) is not reported, nor one of the organisation's own
//! handles (policy `official_handles`). On an account of unknown kind the reminder is `info`.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{ContextExample, Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Mention;

static META: RuleMeta = RuleMeta {
    id: "account/mention",
    category: Category::Account,
    severity: Severity::Warn,
    clauses: &["流山市 返信・フォロー・DM を行わない"],
    message: Msg {
        ja: "公式アカウントから特定の利用者に宛てた投稿（@で始まる投稿）です。",
        en: "An official post addressed to a particular user (it starts with @).",
    },
    why: Msg {
        ja: "公式アカウントでは、特定の個人に向けたリプライやメッセージは使わないことにしています。全体に提供する情報は全員に向けて投稿します。",
        en: "The official account does not address individual users with replies or messages; information is posted for everyone.",
    },
    fix: Msg {
        ja: "先頭の@を外して全体向けの投稿にするか、問い合わせは市ホームページの問い合わせフォームへ案内してください。",
        en: "Remove the leading @ and post for everyone, or direct the user to the website's contact form.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "@taro_nagareyama ご意見ありがとうございます。", account: Account::Official, hits: &[("@taro_nagareyama", Severity::Warn)] },
        Example { text: "＠hanako123 @jiro_k 申込みは窓口でお願いします。", account: Account::Official, hits: &[("＠hanako123", Severity::Warn), ("@jiro_k", Severity::Warn)] },
        Example { text: "@user_abc 確認します", account: Account::Unknown, hits: &[("@user_abc", Severity::Info)] },
        Example { text: "写真提供：@photo_nagareyama さん", account: Account::Official, hits: &[] },
        Example { text: "お問い合わせはinfo@city.nagareyama.chiba.jpまで", account: Account::Official, hits: &[] },
        Example { text: "@friend_01 今度ご飯行こう", account: Account::Personal, hits: &[] },
    ],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[ContextExample {
    text: "@nagareyama_kosodate 子育て情報はこちらのアカウントでも発信しています。",
    account: Account::Official,
    policy: r#"{"official_handles":{"x":["@nagareyama_city","@nagareyama_kosodate"]}}"#,
    ..ContextExample::DEFAULT
}];

/// Handles at the very start of the post (after blank space), one after another.
fn leading() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| Pattern::new(r"^@([a-z0-9_]{1,15})(?:[^a-z0-9_@.]|$)").expect("mention"))
}

impl Rule for Mention {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let severity = match cx.context.account {
            Account::Official => Severity::Warn,
            Account::Unknown => Severity::Info,
            Account::Personal => return,
        };
        let text = &cx.norm.text;
        let mut pos = text.len() - text.trim_start().len();
        while let Some(c) = leading().captures(&text[pos..]) {
            let Some(name) = c.get(1) else { break };
            let end = pos + name.end();
            // Digits only, or a floor (`@2F会議室`, `@B1F`), is not a user.
            let handle = name.as_str();
            let floor = handle.strip_prefix('b').unwrap_or(handle).strip_suffix('f').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
            let user = handle.bytes().any(|b| b.is_ascii_alphabetic() || b == b'_') && !floor;
            if user && !cx.policy.org.is_official_handle(cx.context.site, handle) {
                out.push(Hit::new(pos, end).severity(severity));
            }
            let rest = &text[end..];
            pos = end + (rest.len() - rest.trim_start().len());
        }
    }
}
