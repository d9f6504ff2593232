//! `link/unlisted-domain`: on an official account, a link to a domain outside the allow list —
//! a reminder to confirm the destination (`info`).
//!
//! 吉備中央町 4(11): confirm that a linked page is lawful and decent; 6(1)②: a link to a page run by
//! a third party may be read as an endorsement. The allow list holds lg.jp, go.jp, the
//! local-government names of the geographic .jp space, the organisation's domain and the policy's
//! `allowed_domains`. Links that another link rule already reports are left to it.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::link::{is_allowed, is_blocked, reported_elsewhere, mimics_government, HostKind};
use crate::rules::{ContextExample, Cx, Example, Hit, Rule, RuleMeta};

pub struct UnlistedDomain;

static META: RuleMeta = RuleMeta {
    id: "link/unlisted-domain",
    category: Category::Link,
    severity: Severity::Info,
    clauses: &["吉備中央町 4(11)", "吉備中央町 6(1)②"],
    message: Msg {
        ja: "外部サイトへのリンクです。リンク先の内容を確認しましたか。",
        en: "A link to an outside site: have you checked the page it leads to?",
    },
    why: Msg {
        ja: "リンク先が法令や公序良俗に反していないか確認する必要があります。第三者のページへのリンクは、町がその内容を保証していると受け取られるおそれがあります。",
        en: "A linked page must be checked to be lawful and decent; a link to a third party's page may be read as the organisation vouching for it.",
    },
    fix: Msg {
        ja: "リンク先を開いて内容を確認してください。よく使う信頼できるドメインは、管理者がポリシーの allowed_domains に追加できます。",
        en: "Open the page and check it. Your administrator can add trusted domains you use often to the policy's allowed_domains.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "詳しくは主催者のサイト https://www.example-matsuri.jp/2026/ をご覧ください。", account: Account::Official, hits: &[("https://www.example-matsuri.jp/2026/", Severity::Info)] },
        Example { text: "動画はこちら：https://www.youtube.com/watch?v=abc123", account: Account::Official, hits: &[("https://www.youtube.com/watch?v=abc123", Severity::Info)] },
        Example { text: "予約は reserve-navi.com/kibichuo から", account: Account::Unknown, hits: &[("reserve-navi.com/kibichuo", Severity::Info)] },
        Example { text: "詳しくは https://www.town.kibichuo.lg.jp/soshiki/ をご覧ください。", account: Account::Official, hits: &[] },
        Example { text: "気象情報は https://www.jma.go.jp/bosai/ で確認できます。", account: Account::Official, hits: &[] },
        Example { text: "このブログ面白い https://blog.example.com/", account: Account::Personal, hits: &[] },
        Example { text: "申込フォーム https://forms.gle/AbCdEf12345", account: Account::Official, hits: &[] },
    ],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[ContextExample {
    text: "流山観光の情報は https://www.nagareyama-kanko.example/ へ",
    account: Account::Official,
    policy: r#"{"allowed_domains":["nagareyama-kanko.example"]}"#,
    ..ContextExample::DEFAULT
}];

impl Rule for UnlistedDomain {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        if cx.context.account == Account::Personal {
            return;
        }
        for l in cx.norm.links() {
            let insecure = l.kind() != HostKind::Name || l.userinfo || matches!(l.scheme, Some("http" | "ftp")) || mimics_government(l.host);
            if insecure || reported_elsewhere(&l) || is_blocked(cx.policy, &l) || is_allowed(cx.policy, l.host) {
                continue;
            }
            out.push(Hit::new(l.start, l.end));
        }
    }
}
