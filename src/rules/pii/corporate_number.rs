//! `pii/corporate-number`: a 法人番号, 13 digits whose first is the check digit. Corporate
//! numbers are public (the National Tax Agency publishes them), so this is only `info`: it tells
//! the writer the number was recognised and is not a personal number.

use super::common::{corporate_number_valid, near};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct CorporateNumber;

/// Words that say a 13-digit number is something else (a product barcode, an order number).
const OTHER: &[&str] = &["jan", "ean", "バーコード", "isbn", "注文番号", "伝票番号", "問い合わせ番号", "口座"];

static META: RuleMeta = RuleMeta {
    id: "pii/corporate-number",
    category: Category::PersonalInfo,
    severity: Severity::Info,
    clauses: &["吉備中央町 4(10)", "十和田市 3(4)"],
    message: Msg {
        ja: "法人番号（13桁）があります。法人番号は公表情報ですが、個人番号と取り違えていないか確認してください。",
        en: "A corporate number (13 digits). Corporate numbers are public; check it is not a personal number by mistake.",
    },
    why: Msg {
        ja: "法人番号は国税庁が公表しているため発信できますが、桁数の近いマイナンバー（12桁）と取り違えると個人情報の漏えいになります。",
        en: "Corporate numbers are published by the National Tax Agency, but mixing one up with a 12-digit My Number would leak personal information.",
    },
    fix: Msg {
        ja: "国税庁の法人番号公表サイトで番号と名称が一致することを確かめてください。",
        en: "Check the number against the name on the National Tax Agency's corporate number site.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "吉備中央町（法人番号 4000020343234）が発注します", account: Account::Official, hits: &[("4000020343234", Severity::Info)] },
        Example { text: "法人番号：6-0123-4567-8901", account: Account::Official, hits: &[("6-0123-4567-8901", Severity::Info)] },
        Example { text: "委託先 株式会社サンプル 2876543210987", account: Account::Official, hits: &[("2876543210987", Severity::Info)] },
        Example { text: "法人番号 2000020343234（誤記）", account: Account::Official, hits: &[] },
        Example { text: "JANコード 4000020343234 の商品", account: Account::Personal, hits: &[] },
        Example { text: "令和8年度の一般会計予算は 6,012,345,678,901円です", account: Account::Official, hits: &[] },
    ],
};

impl Rule for CorporateNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for run in cx.norm.digit_runs() {
            if !run.plain_or_grouped(13, &[1, 4, 4, 4]) || !run.uniform(text) {
                continue;
            }
            if !corporate_number_valid(&run.digits) || text[run.end..].starts_with('円') || near(text, run.start, run.end, 15, 0, OTHER) {
                continue;
            }
            out.push(Hit::new(run.start, run.end));
        }
    }
}
