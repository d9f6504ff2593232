//! `pii/email`: e-mail addresses outside the policy's allowed domains
//! (`allowed_email_domains`, by default the government suffixes lg.jp and go.jp). An office's
//! address (info@town.kibichuo.lg.jp) passes; a private or personal address is `warn`.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

pub struct Email;

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
    examples: &[
        Example { text: "申込みは taro.yamada@gmail.com まで", account: Account::Official, hits: &[("taro.yamada@gmail.com", Severity::Warn)] },
        Example { text: "連絡先：ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", account: Account::Personal, hits: &[("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", Severity::Warn)] },
        Example { text: "資料は Kibi-Staff01@Docomo.ne.jp に送ってください", account: Account::Unknown, hits: &[("Kibi-Staff01@Docomo.ne.jp", Severity::Warn)] },
        Example { text: "お問い合わせは info@town.kibichuo.lg.jp まで", account: Account::Official, hits: &[] },
        Example { text: "総務省 soumu@soumu.go.jp", account: Account::Official, hits: &[] },
        Example { text: "@kibichuo_town をフォローしてください", account: Account::Official, hits: &[] },
    ],
};

/// Every e-mail address in `text` (normalised): byte range and domain.
pub fn emails(text: &str) -> Vec<(usize, usize, &str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[a-z0-9][a-z0-9._%+_\-]*@((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24})")
            .unwrap_or_else(|e| panic!("email regex: {e}"))
    });
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(m), Some(d)) = (c.get(0), c.get(1)) else { continue };
        let prev = text[..m.start()].chars().next_back();
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || "._%+-".contains(p)) {
            continue;
        }
        out.push((m.start(), m.end(), d.as_str()));
    }
    out
}

impl Rule for Email {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for (a, b, domain) in emails(&cx.norm.text) {
            if !cx.policy.email_domain_allowed(domain) {
                out.push(Hit::new(a, b));
            }
        }
    }
}
