//! PLACEHOLDER: url/shortener (being written).
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct Shortener;

static META: RuleMeta = RuleMeta {
    id: "url/shortener",
    category: Category::ShortenedUrl,
    severity: Severity::Warn,
    clauses: &["吉備中央町 6(1)④"],
    message: Msg { ja: "", en: "" },
    why: Msg { ja: "", en: "" },
    fix: Msg { ja: "", en: "" },
    examples: &[Example { text: "", account: Account::Unknown, hits: &[] }],
};

impl Rule for Shortener {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, _cx: &Cx<'_>, _out: &mut Vec<Hit>) {}
}
