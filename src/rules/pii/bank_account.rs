//! `pii/bank-account`: a bank account number, 7 digits after 口座番号, 普通, 当座, 預金 or a
//! branch (支店). The keyword is required: 7-digit numbers alone are everywhere. `warn`; an
//! appeal for donations to the organisation's own account (義援金, 寄附) is only `info`.

use super::common::near;
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct BankAccount;

/// Words of an appeal for money paid into a public account.
const APPEAL: &[&str] = &["義援金", "募金", "寄附", "寄付", "ふるさと納税", "納付先", "振込先口座（町", "振込先口座(町", "支援金"];

static META: RuleMeta = RuleMeta {
    id: "pii/bank-account",
    category: Category::PersonalInfo,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "銀行口座の番号があります。個人の口座ではありませんか。",
        en: "A bank account number. Is it someone's personal account?",
    },
    why: Msg {
        ja: "個人の口座番号は個人情報で、詐欺や不正な引き落としに悪用されるおそれがあります。",
        en: "A person's account number is personal information and can be abused for fraud.",
    },
    fix: Msg {
        ja: "口座番号を削除してください。公金の振込先を案内する場合は、公式ホームページの案内ページへのリンクにしてください。",
        en: "Delete the account number. For a public account, link to the official web page that gives it.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "振込先：中国銀行 吉備支店 普通 1234567 ヤマダタロウ", account: Account::Personal, hits: &[("1234567", Severity::Warn)] },
        Example { text: "口座番号：７６５４３２１", account: Account::Unknown, hits: &[("７６５４３２１", Severity::Warn)] },
        Example { text: "当座預金 0012345 に入金してください", account: Account::Personal, hits: &[("0012345", Severity::Warn)] },
        Example { text: "義援金の受付口座：〇〇銀行 本店 普通預金 1234567 口座名義 吉備中央町", account: Account::Official, hits: &[("1234567", Severity::Info)] },
        Example { text: "口座振替の手続きは役場窓口で受け付けています。", account: Account::Official, hits: &[] },
        Example { text: "普通の日曜日、参加者は1234567人ではありません", account: Account::Official, hits: &[] },
        Example { text: "〒716-1192 岡山県加賀郡吉備中央町豊野1-2", account: Account::Official, hits: &[] },
    ],
};

impl Rule for BankAccount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        static RE: OnceLock<Pattern> = OnceLock::new();
        let re = RE.get_or_init(|| {
            Pattern::new(r"(?:口座番号|口座no\.?|普通預金|当座預金|普通|当座|貯蓄預金|支店|口座)\s*(?:口座)?\s*(?:番号)?\s*[:：]?\s*(?:no\.?\s*)?(\d{7})")
                .unwrap_or_else(|e| panic!("bank regex: {e}"))
        });
        let text = cx.norm.text.as_str();
        for c in re.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let after = text[m.end()..].chars().next();
            if after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '人' | '円' | '件' | '名' | '個' | '-' | '年')) {
                continue;
            }
            let hit = Hit::new(m.start(), m.end());
            if near(text, m.start(), m.end(), 80, 40, APPEAL) {
                out.push(hit.severity(Severity::Info).message(Message::from(Msg {
                    ja: "義援金などの振込先口座があります。組織の公式口座であることを確認してください。",
                    en: "An account for donations or payments. Check it is the organisation's official account.",
                })));
            } else {
                out.push(hit);
            }
        }
    }
}
