//! `pii/my-number`: a マイナンバー (個人番号), 12 digits whose last is the official check digit,
//! written plain, in groups of four (spaces, hyphens, dashes) or in full-width digits.
//!
//! With a keyword such as マイナンバー or 個人番号 within reach it is `block`; a valid number
//! without one is `warn` (it may be another 12-digit number that happens to pass the check).
//! Numbers failing the check digit never fire.

use super::common::{my_number_valid, near};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct MyNumber;

/// Words that say the number is a My Number.
const CONTEXT: &[&str] = &["マイナンバー", "まいなんばー", "個人番号", "番号カード", "マイナカード", "通知カード", "my number", "mynumber"];
/// Words that say it is some other number (a parcel, an order, a driving licence).
const OTHER: &[&str] = &[
    "問い合わせ番号", "問合せ番号", "お問合せ番号", "伝票番号", "追跡番号", "送り状", "注文番号", "受付番号", "予約番号",
    "整理番号", "管理番号", "免許", "口座", "会員番号", "顧客番号", "jan",
];

static META: RuleMeta = RuleMeta {
    id: "pii/my-number",
    category: Category::PersonalInfo,
    severity: Severity::Block,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "マイナンバー（個人番号）と思われる12桁の番号があります。",
        en: "This looks like a My Number (12-digit individual number).",
    },
    why: Msg {
        ja: "マイナンバーは番号法で利用や提供が厳しく制限された特定個人情報です。ガイドラインは個人情報を含む情報の発信を禁じています。",
        en: "A My Number is specific personal information whose use and disclosure the My Number Act strictly limits; the guideline forbids posting personal information.",
    },
    fix: Msg {
        ja: "番号を削除してください。手続きの案内なら番号の例は載せず「12桁の番号」と書いてください。",
        en: "Delete the number. To explain a procedure, write \"the 12-digit number\" instead of an example number.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "マイナンバー：1234 5678 9018 の方、窓口までお越しください", account: Account::Official, hits: &[("1234 5678 9018", Severity::Block)] },
        Example { text: "個人番号は１２３４－５６７８－９０１８です", account: Account::Personal, hits: &[("１２３４－５６７８－９０１８", Severity::Block)] },
        Example { text: "この番号 987654321093 で登録されていました", account: Account::Personal, hits: &[("987654321093", Severity::Warn)] },
        Example { text: "番号カードの裏面：3141-5926-5352", account: Account::Unknown, hits: &[("3141-5926-5352", Severity::Block)] },
        Example { text: "マイナンバー：1234 5678 9012（チェックデジットが合わない番号）", account: Account::Personal, hits: &[] },
        Example { text: "マイナンバーカードの申請サポートを11月24日に役場で行います。", account: Account::Official, hits: &[] },
        Example { text: "お問い合わせ番号 987654321093 の荷物が届きました", account: Account::Personal, hits: &[] },
        Example { text: "令和8年度予算 123,456,789,018円", account: Account::Official, hits: &[] },
    ],
};

impl Rule for MyNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for run in cx.norm.digit_runs() {
            if !run.plain_or_grouped(12, &[4, 4, 4]) || !run.uniform(text) {
                continue;
            }
            if !my_number_valid(&run.digits) || text[run.end..].starts_with('円') {
                continue;
            }
            let context = near(text, run.start, run.end, 30, 12, CONTEXT);
            if !context && near(text, run.start, run.end, 20, 0, OTHER) {
                continue;
            }
            let hit = Hit::new(run.start, run.end);
            out.push(if context { hit } else { hit.severity(Severity::Warn) });
        }
    }
}
