//! `pii/credit-card`: payment card numbers: 13–19 digits written plain or in the usual groups,
//! with a known issuer's prefix and length (Visa, Mastercard 51–55/2221–2720, American Express
//! 34/37, JCB 3528–3589, Diners Club, Discover, UnionPay) and a valid Luhn check digit. `block`.
//! Numbers failing the Luhn check never fire.

use super::common::{card_issuer, luhn_valid};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct CreditCard;

static META: RuleMeta = RuleMeta {
    id: "pii/credit-card",
    category: Category::PersonalInfo,
    severity: Severity::Block,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "クレジットカード番号と思われる番号があります。",
        en: "This looks like a payment card number.",
    },
    why: Msg {
        ja: "カード番号が公開されると不正利用の被害につながります。個人情報を含む情報の発信はガイドラインで禁じられています。",
        en: "A published card number invites fraud; the guideline forbids posting personal information.",
    },
    fix: Msg {
        ja: "番号を削除してください。支払方法の案内なら番号は載せず、使えるカードの種類だけを書いてください。",
        en: "Delete the number. To explain payment, name the accepted card brands without any number.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "カード番号 4111 1111 1111 1111 で決済しました", account: Account::Personal, hits: &[("4111 1111 1111 1111", Severity::Block)] },
        Example { text: "JCB：3530-1113-3330-0000", account: Account::Unknown, hits: &[("3530-1113-3330-0000", Severity::Block)] },
        Example { text: "amex 378282246310005", account: Account::Personal, hits: &[("378282246310005", Severity::Block)] },
        Example { text: "５５５５－５５５５－５５５５－４４４４", account: Account::Personal, hits: &[("５５５５－５５５５－５５５５－４４４４", Severity::Block)] },
        Example { text: "カード番号 4111 1111 1111 1112（チェックが合わない）", account: Account::Personal, hits: &[] },
        Example { text: "受付番号 1234-5678-9012-3456 をお控えください", account: Account::Official, hits: &[] },
        Example { text: "ふるさと納税はクレジットカード（VISA・JCB）でもお支払いいただけます", account: Account::Official, hits: &[] },
    ],
};

/// Group layouts card numbers are written in.
const LAYOUTS: &[&[usize]] = &[&[4, 4, 4, 4], &[4, 6, 5], &[4, 6, 4], &[4, 4, 4, 4, 3], &[4, 4, 4, 3], &[4, 4, 4, 2]];

impl Rule for CreditCard {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for run in cx.norm.digit_runs() {
            let n = run.digits.len();
            let shaped = (run.groups.len() == 1 && (13..=19).contains(&n)) || (LAYOUTS.iter().any(|l| run.has_layout(l)) && run.uniform(text));
            if shaped && luhn_valid(&run.digits) && card_issuer(&run.digits).is_some() && !text[run.end..].starts_with('円') {
                out.push(Hit::new(run.start, run.end));
            }
        }
    }
}
