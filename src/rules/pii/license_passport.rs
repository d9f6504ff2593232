//! `pii/license-passport`: a driving licence number (12 digits) after 免許証番号 / 運転免許, or
//! a passport number (two letters and seven digits) after 旅券 / パスポート. The keyword is
//! required: such numbers alone are too common to judge. `warn`.

use super::common::{near};
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct LicensePassport;

const LICENCE: &[&str] = &["免許証番号", "免許番号", "運転免許", "免許証"];
const PASSPORT: &[&str] = &["旅券", "パスポート", "passport"];

static META: RuleMeta = RuleMeta {
    id: "pii/license-passport",
    category: Category::PersonalInfo,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "運転免許証の番号があります。",
        en: "A driving licence number.",
    },
    why: Msg {
        ja: "免許証や旅券の番号は本人確認に使われる個人情報で、なりすましや詐欺に悪用されるおそれがあります。",
        en: "Licence and passport numbers identify a person and can be abused for identity fraud.",
    },
    fix: Msg {
        ja: "番号を削除してください。写真を載せる場合も番号の部分が写らないようにしてください。",
        en: "Delete the number, and keep it out of any photo you attach.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "免許証番号：第123456789012号", account: Account::Personal, hits: &[("123456789012", Severity::Warn)] },
        Example { text: "拾得物の運転免許証（番号 6200 1234 5678）を預かっています", account: Account::Official, hits: &[("6200 1234 5678", Severity::Warn)] },
        Example { text: "パスポート番号 TK1234567 を控えてください", account: Account::Personal, hits: &[("TK1234567", Severity::Warn)] },
        Example { text: "旅券番号：ＭＺ７６５４３２１", account: Account::Unknown, hits: &[("ＭＺ７６５４３２１", Severity::Warn)] },
        Example { text: "パスポートの申請は県の旅券窓口で受け付けています。", account: Account::Official, hits: &[] },
        Example { text: "運転免許証の自主返納の相談会を開きます（受付 0866-54-1301）", account: Account::Official, hits: &[] },
        Example { text: "品番 AB1234567 の部品", account: Account::Personal, hits: &[] },
    ],
};

impl Rule for LicensePassport {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for run in cx.norm.digit_runs() {
            if run.plain_or_grouped(12, &[4, 4, 4]) && near(text, run.start, run.end, 25, 5, LICENCE) {
                out.push(Hit::new(run.start, run.end));
            }
        }
        static RE: OnceLock<Pattern> = OnceLock::new();
        let re = RE.get_or_init(|| Pattern::new(r"[a-z]{2}[0-9]{7}").unwrap_or_else(|e| panic!("passport regex: {e}")));
        // ASCII only (digits as the other number rules read them): only the ASCII runs are searched.
        for (ms, me) in crate::rules::scan::find_in_ascii_runs(cx.norm, re, &[]) {
            let before = text[..ms].chars().next_back();
            let after = text[me..].chars().next();
            if before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            if near(text, ms, me, 25, 5, PASSPORT) {
                out.push(Hit::new(ms, me).message(Message::from(Msg {
                    ja: "旅券（パスポート）の番号があります。",
                    en: "A passport number.",
                })));
            }
        }
    }
}
