//! PLACEHOLDER: location/address (being written).
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct Address;

static META: RuleMeta = RuleMeta {
    id: "location/address",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg { ja: "", en: "" },
    why: Msg { ja: "", en: "" },
    fix: Msg { ja: "", en: "" },
    examples: &[Example { text: "", account: Account::Unknown, hits: &[] }],
};

impl Rule for Address {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, _cx: &Cx<'_>, _out: &mut Vec<Hit>) {}
}
