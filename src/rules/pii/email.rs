//! `pii/email`: e-mail addresses outside the policy's allowed domains
//! (`allowed_email_domains`, by default the government suffixes lg.jp and go.jp). An office's
//! address (info@town.kibichuo.lg.jp) passes; a private or personal address is `warn`. A role
//! address (info@, toiawase@) on an organisation's own domain (a tourism association, a
//! company) names no person and is `info`; on free mail or a mobile carrier it stays `warn`.

use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use crate::rules::scan::find_in_ascii_runs;
use crate::text::Normalized;
use std::sync::OnceLock;

pub struct Email;

/// Local parts of an organisation's role addresses (info@, toiawase@): such an address on an
/// association's or company's own domain names no person and is only `info`.
const ROLE: &[&str] = &[
    "info", "information", "contact", "office", "support", "koho", "kouhou", "kohou", "jimukyoku", "event",
    "events", "inquiry", "inquiries", "toiawase", "otoiawase", "webmaster", "press", "reception", "uketsuke", "help",
    "service", "kanko", "kankou", "kankoukyoukai", "sales", "shop", "recruit", "saiyo", "saiyou", "boshu", "entry", "apply",
    "moushikomi", "mosikomi", "madoguchi", "soudan", "sodan", "center", "desk", "hp", "web", "mail", "staff",
];

/// Free mail and mobile carrier domains: the address is always someone's own.
const PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com", "googlemail.com", "yahoo.co.jp", "ymail.ne.jp", "icloud.com", "me.com", "mac.com", "outlook.com", "outlook.jp",
    "hotmail.com", "hotmail.co.jp", "live.jp", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp",
    "ymobile.ne.jp", "rakuten.jp", "nifty.com", "biglobe.ne.jp", "so-net.ne.jp", "ocn.ne.jp",
];

fn role_address(local: &str, domain: &str) -> bool {
    if PERSONAL_DOMAINS.iter().any(|d| domain == *d || domain.ends_with(&format!(".{d}"))) {
        return false;
    }
    let local = local.split('+').next().unwrap_or(local);
    ROLE.iter().any(|r| {
        local.strip_prefix(r).is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_', '.']) || rest.bytes().all(|b| b.is_ascii_digit()))
    })
}

static META: RuleMeta = RuleMeta {
    id: "pii/email",
    category: Category::PersonalInfo,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "組織のドメイン以外のメールアドレスがあります。個人のアドレスではありませんか。",
        en: "An e-mail address outside the organisation's domains. Is it someone's personal address?",
    },
    why: Msg {
        ja: "個人のメールアドレスは個人情報です。問い合わせ先には組織のメールアドレスを使うことになっています（吉備中央町 4(2) も参照）。",
        en: "A personal e-mail address is personal information; contacts must be the organisation's addresses (see also 吉備中央町 4(2)).",
    },
    fix: Msg {
        ja: "課の公用メールアドレス（例：info@town.〇〇.lg.jp）に置き換えてください。",
        en: "Replace it with the section's official address (e.g. info@town.example.lg.jp).",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "申込みは taro.yamada@gmail.com まで", account: Account::Official, hits: &[("taro.yamada@gmail.com", Severity::Warn)] },
        Example { text: "連絡先：ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", account: Account::Personal, hits: &[("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", Severity::Warn)] },
        Example { text: "資料は Kibi-Staff01@Docomo.ne.jp に送ってください", account: Account::Unknown, hits: &[("Kibi-Staff01@Docomo.ne.jp", Severity::Warn)] },
        Example { text: "観光協会（info@kibichuo-kankou.jp）へどうぞ", account: Account::Official, hits: &[("info@kibichuo-kankou.jp", Severity::Info)] },
        Example { text: "お問い合わせは info@town.kibichuo.lg.jp まで", account: Account::Official, hits: &[] },
        Example { text: "応募は info@gmail.com ではなく窓口へ", account: Account::Official, hits: &[("info@gmail.com", Severity::Warn)] },
        Example { text: "総務省 soumu@soumu.go.jp", account: Account::Official, hits: &[] },
        Example { text: "@kibichuo_town をフォローしてください", account: Account::Official, hits: &[] },
        Example { text: "偽サイト https://kibichuo.lg.jp@kyufu-check.example.com/login に注意", account: Account::Official, hits: &[] },
    ],
};

/// Every e-mail address in the normalised text: byte range and domain. The pattern is ASCII
/// only, so only the ASCII runs that hold an `@` are searched (`scan::find_in_ascii_runs`).
pub fn emails(norm: &Normalized) -> Vec<(usize, usize, &str)> {
    static RE: OnceLock<Pattern> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Pattern::new(r"[a-z0-9][a-z0-9._%+_\-]*@(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24}")
            .unwrap_or_else(|e| panic!("email regex: {e}"))
    });
    let text = norm.text.as_str();
    let mut out = Vec::new();
    for (a, b) in find_in_ascii_runs(norm, re, &["@"]) {
        let prev = text[..a].chars().next_back();
        // A URL's user part (https://www.town.example.lg.jp@evil.example/) is not an address.
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || crate::text::one_of("._%+-/", p)) {
            continue;
        }
        // The domain: all after the `@` (the local part has none).
        let Some(at) = text[a..b].find('@') else { continue };
        out.push((a, b, &text[a + at + 1..b]));
    }
    out
}

impl Rule for Email {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for (a, b, domain) in emails(cx.norm) {
            if cx.policy.email_domain_allowed(domain) {
                continue;
            }
            let local = text[a..b].split('@').next().unwrap_or("");
            if role_address(local, domain) {
                out.push(Hit::new(a, b).severity(Severity::Info).message(Message::from(Msg {
                    ja: "組織の窓口と思われるメールアドレスがあります（許可ドメイン外）。公開されている窓口のアドレスか確認してください。",
                    en: "An organisation's role address outside the allowed domains. Check it is a published contact address.",
                })));
            } else {
                out.push(Hit::new(a, b));
            }
        }
    }
}
