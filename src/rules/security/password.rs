//! `security/password`: a password, PIN or ID/password pair written out: パスワード：…,
//! PW=…, pass: …, 暗証番号は1234, ID/PW: user / pass. `block`. Advice about passwords
//! (パスワードは定期的に変更しましょう, 8文字以上にしてください) has no value after the label and
//! does not fire; examples of weak passwords in such advice (「123456」のような…は避けましょう)
//! do not either.
//!
//! The span is the secret alone, not the label: that is what has to be deleted.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Password;

/// Words of advice: a value in the same sentence is an example of what not to do.
const ADVICE: &[&str] = &[
    "推測されやすい", "推測されにくい", "避け", "使わない", "使用しない", "しないで", "ダメ", "だめ", "危険", "悪い例", "例えば",
    "などの", "のような", "といった", "禁止", "例:", "例)", "弱い",
];

static META: RuleMeta = RuleMeta {
    id: "security/password",
    category: Category::Security,
    severity: Severity::Block,
    clauses: &["吉備中央町 5(15)", "室蘭市 5. 禁止事項", "十和田市 4(12)"],
    message: Msg {
        ja: "パスワード（暗証番号）が書かれています。",
        en: "A password (or PIN) is written out.",
    },
    why: Msg {
        ja: "パスワードを発信するとアカウントやシステムへの不正アクセスを招き、組織の情報セキュリティを脅かします。",
        en: "A posted password opens accounts and systems to unauthorised access and threatens the organisation's information security.",
    },
    fix: Msg {
        ja: "投稿から削除し、すでに公開された可能性があればすぐにパスワードを変更してください。",
        en: "Delete it from the post, and change the password at once if it may already have been seen.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "公式Xのパスワード：Kibi2026!koho", account: Account::Unknown, hits: &[("Kibi2026!koho", Severity::Block)] },
        Example { text: "Wi-Fi の PW=hanako0401 です", account: Account::Personal, hits: &[("hanako0401", Severity::Block)] },
        Example { text: "ID/PW: koho01 / Kibi2026", account: Account::Official, hits: &[("koho01 / Kibi2026", Severity::Block)] },
        Example { text: "キャッシュカードの暗証番号は4321です", account: Account::Personal, hits: &[("4321", Severity::Block)] },
        Example { text: "パスワードは定期的に変更しましょう", account: Account::Official, hits: &[] },
        Example { text: "パスワードは英数字を混在した8文字以上にしてください", account: Account::Official, hits: &[] },
        Example { text: "パスワード：12345678 のような推測されやすいものは避けましょう", account: Account::Official, hits: &[] },
        Example { text: "パスワード：********（非公開）", account: Account::Official, hits: &[] },
    ],
};

/// Every password value in `text` (normalised): byte range.
pub fn passwords(text: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Pattern> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Pattern::new(concat!(
            r"(?P<label>(?:id\s*[/・&]\s*)?(?:パスワード|ぱすわーど|password|passwd|passcode|pass|pwd|pw|暗証番号|pin))",
            r"(?P<sep>\s*(?:は|:|=|→|->)\s*|\s+)(?:[「『\x22'])?",
            r"(?P<val>[!-~]+)",
            r"(?:\s*/\s*(?P<val2>[!-~]+))?",
        ))
        .unwrap_or_else(|e| panic!("password regex: {e}"))
    });
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(label), Some(sep), Some(val)) = (c.name("label"), c.name("sep"), c.name("val")) else { continue };
        let l = label.as_str();
        // "bypass", "spin", "upwd": an ASCII label must start a word.
        if l.is_ascii() && text[..label.start()].chars().next_back().is_some_and(|p| p.is_ascii_alphanumeric()) {
            continue;
        }
        let pair = l.contains('/') || l.contains('・') || l.contains('&');
        let end = match c.name("val2") {
            Some(v2) if pair => v2.end(),
            _ => val.end(),
        };
        // Trailing punctuation is not part of the secret.
        let value = text[val.start()..end].trim_end_matches(['.', ',', ';', ':', '(', ')', '[', ']', '{', '}', '\x22', '\'']);
        let end = val.start() + value.len();
        let v = &text[val.start()..end];
        let digits = v.bytes().filter(|b| b.is_ascii_digit()).count();
        let only_space_sep = sep.as_str().trim().is_empty();
        if v.chars().count() < 4
            || v.bytes().all(|b| matches!(b, b'*' | b'x' | b'#' | b'?' | b'.' | b'-' | b'_'))
            || v.starts_with("http")
            || (only_space_sep && digits == 0)
            || (l.ends_with("pin") && digits < v.len() / 2)
        {
            continue;
        }
        // Followed by a unit: パスワードは1234文字…, 暗証番号は1234桁…
        let after = text[end..].trim_start();
        if ["文字", "桁", "字", "回", "日", "か月", "ヶ月", "以上", "以内", "種類"].iter().any(|u| after.starts_with(u)) {
            continue;
        }
        let (sa, sb) = super::super::pii::common::sentence(text, label.start(), end);
        if ADVICE.iter().any(|w| text[sa..sb].contains(w)) {
            continue;
        }
        out.push((val.start(), end));
    }
    out
}

impl Rule for Password {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for (a, b) in passwords(&cx.norm.text) {
            out.push(Hit::new(a, b));
        }
    }
}
