//! `link/insecure`: a link whose destination cannot be trusted as written: `http://` without
//! encryption, a bare IP address, a punycode or mixed-script host that can imitate a familiar
//! name, or user info that hides the real host (`https://town.example.lg.jp@other.example/`).
//!
//! 吉備中央町 4(11) requires confirming a link's destination and 6(1)② care with pages run by
//! third parties: such links cannot be confirmed by reading them, and readers cannot either. An
//! unencrypted link to a government domain is only `info`: the page is known, the connection is
//! not protected.
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::link::{is_allowed, is_blocked, reported_elsewhere, mimics_government, HostKind};
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct Insecure;

static META: RuleMeta = RuleMeta {
    id: "link/insecure",
    category: Category::Link,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(11)", "吉備中央町 6(1)②"],
    message: Msg {
        ja: "リンク先を確認できない形のURLです。",
        en: "This URL's destination cannot be confirmed as written.",
    },
    why: Msg {
        ja: "リンクを掲載するときはリンク先の内容を確認する必要があります。暗号化されていないhttp://、IPアドレス、見た目の似た文字を使ったドメインは、なりすましや改ざんのおそれがあり、読んだ人も安全か判断できません。",
        en: "A link's destination must be confirmed. Unencrypted http://, raw IP addresses and look-alike domains can be spoofed or tampered with, and readers cannot tell whether they are safe.",
    },
    fix: Msg {
        ja: "https:// で始まる正式なドメインのURLに差し替えてください。",
        en: "Use an https:// URL on the site's proper domain name.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "申込みはこちら http://event-entry.example.com/form", account: Account::Official, hits: &[("http://event-entry.example.com/form", Severity::Warn)] },
        Example { text: "資料は http://203.0.113.7/files/shiryo.pdf から", account: Account::Personal, hits: &[("http://203.0.113.7/files/shiryo.pdf", Severity::Warn)] },
        Example { text: "ログインはこちら https://xn--lgjp-9k4b.com/login", account: Account::Unknown, hits: &[("https://xn--lgjp-9k4b.com/login", Severity::Warn)] },
        Example { text: "詳しくは http://www.city.muroran.lg.jp/main/ へ", account: Account::Official, hits: &[("http://www.city.muroran.lg.jp/main/", Severity::Info)] },
        Example { text: "詳しくは https://www.city.muroran.lg.jp/main/ へ", account: Account::Official, hits: &[] },
        Example { text: "申込みはこちら https://event-entry.example.com/form", account: Account::Official, hits: &[] },
        Example { text: "ver.1.2.3.4 に更新しました", account: Account::Personal, hits: &[] },
    ],
};

impl Rule for Insecure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for l in cx.norm.links() {
            if reported_elsewhere(&l) || is_blocked(cx.policy, &l) {
                continue;
            }
            let (ja, en, severity) = match l.kind() {
                HostKind::Ip => ("IPアドレスで示されたリンク先です。どこのサイトか読む人には分かりません。", "The link points to a raw IP address: readers cannot tell whose site it is.", Severity::Warn),
                HostKind::LookAlike => (
                    "見た目の似た文字（国際化ドメイン・punycode）を使ったドメインです。なりすましサイトのおそれがあります。",
                    "The domain uses look-alike characters (internationalised domain / punycode): it may imitate another site.",
                    Severity::Warn,
                ),
                HostKind::Name if mimics_government(l.host) => (
                    "行政機関のドメイン（lg.jp・go.jp）に見せかけた別のドメインです。なりすましサイトのおそれがあります。",
                    "The domain imitates a government domain (lg.jp, go.jp) but belongs to someone else: it may be a spoof.",
                    Severity::Warn,
                ),
                HostKind::Name if l.userinfo => (
                    "URLの「@」より前は飾りで、実際のリンク先は「@」の後ろのドメインです。",
                    "Everything before the '@' is decoration: the link really goes to the domain after it.",
                    Severity::Warn,
                ),
                HostKind::Name if matches!(l.scheme, Some("http" | "ftp")) => {
                    let severity = if is_allowed(cx.policy, l.host) { Severity::Info } else { Severity::Warn };
                    ("暗号化されていない http:// のリンクです。https:// で開けるか確認してください。", "An unencrypted http:// link: check whether the page opens with https://.", severity)
                }
                HostKind::Name => continue,
            };
            out.push(Hit::new(l.start, l.end).severity(severity).message(Message { ja: ja.into(), en: en.into() }));
        }
    }
}
