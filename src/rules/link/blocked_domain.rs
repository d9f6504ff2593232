//! `link/blocked-domain`: a link to a domain the organisation blocks, or to an adult top-level
//! domain (.xxx, .adult, .porn, .sex).
//!
//! 室蘭市 forbids links to pages with obscene content; 吉備中央町 4(11) requires confirming that a
//! link's destination is lawful and decent; 十和田市 4(3) forbids obscene content. The policy's `blocked_domains` (each with its
//! subdomains) are the organisation's list; the adult top-level domains are blocked everywhere.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::link::{is_blocked, reported_elsewhere};
use crate::rules::{ContextExample, Cx, Example, Hit, Rule, RuleMeta};

pub struct BlockedDomain;

static META: RuleMeta = RuleMeta {
    id: "link/blocked-domain",
    category: Category::Link,
    severity: Severity::Block,
    clauses: &["吉備中央町 4(11)", "室蘭市 5. 禁止事項", "十和田市 4(3)"],
    message: Msg {
        ja: "掲載が禁止されているリンク先です。",
        en: "This link leads to a domain that may not be posted.",
    },
    why: Msg {
        ja: "法令や公序良俗に反する内容、わいせつな内容を含むページへのリンクは掲載できません。組織が禁止しているドメインも同じです。",
        en: "Links to unlawful, indecent or obscene pages may not be posted, nor links to domains the organisation blocks.",
    },
    fix: Msg {
        ja: "リンクを削除してください。必要な情報は公式ホームページなど信頼できるページで案内してください。",
        en: "Remove the link; point to the official website or another trustworthy page instead.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "詳しくはhttps://free-videos.xxx/jp/ まで", account: Account::Personal, hits: &[("https://free-videos.xxx/jp/", Severity::Block)] },
        Example { text: "こちら→ www.hot-date.adult", account: Account::Unknown, hits: &[("www.hot-date.adult", Severity::Block)] },
        Example { text: "話題のサイト：live-cam.porn/top", account: Account::Official, hits: &[("live-cam.porn/top", Severity::Block)] },
        Example { text: "詳しくは町ホームページ https://www.town.kibichuo.lg.jp/ をご覧ください。", account: Account::Official, hits: &[] },
        Example { text: "観光情報は https://www.okayama-kanko.jp/ で。", account: Account::Official, hits: &[] },
        Example { text: "お問い合わせ：info@town.kibichuo.lg.jp", account: Account::Official, hits: &[] },
    ],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample {
        text: "限定クーポンはこちら https://coupon.bad-shop.example/get",
        account: Account::Official,
        policy: r#"{"blocked_domains":["bad-shop.example"]}"#,
        hits: &[("https://coupon.bad-shop.example/get", Severity::Block)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "限定クーポンはこちら https://good-shop.example/get",
        account: Account::Official,
        policy: r#"{"blocked_domains":["bad-shop.example"]}"#,
        ..ContextExample::DEFAULT
    },
];

impl Rule for BlockedDomain {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for l in cx.norm.links() {
            if !reported_elsewhere(&l) && is_blocked(cx.policy, &l) {
                out.push(Hit::new(l.start, l.end));
            }
        }
    }
}
