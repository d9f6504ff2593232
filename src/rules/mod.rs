//! The rule registry. One rule per file; every rule is listed once in [`RULES`].
//!
//! A rule has a stable id (`url/shortener`), a category, a default severity, the guideline
//! clauses it enforces, ja/en texts (message, why, what to do instead) and examples: at least
//! one that fires, with the exact characters it must underline, and one that must not. The
//! examples are rendered by `postcheck rules` and run as tests (`tests/rules.rs`).

use crate::finding::{Category, Message, Msg, Severity};
use crate::policy::Policy;
use crate::post::{Account, Context};
use crate::text::Normalized;

pub mod confidential;
pub mod discrimination;
pub mod insult;
pub mod lexicon;
pub mod location;
pub mod obscene;
pub mod url;

/// Everything a rule may look at.
pub struct Cx<'a> {
    pub norm: &'a Normalized,
    pub context: &'a Context,
    pub policy: &'a Policy,
}

/// A match, in byte offsets of [`Normalized::text`] (equally of [`Normalized::kana`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// A lower severity for this match than the rule's (e.g. `info` for a public venue's
    /// address on an official account). The effective severity is the lower of this and the
    /// rule's configured severity, so an admin can always lower a rule, and raising it never
    /// raises what the rule itself judged minor.
    pub severity: Option<Severity>,
    /// A message for this match instead of the rule's.
    pub message: Option<Message>,
}

impl Hit {
    pub fn new(start: usize, end: usize) -> Hit {
        Hit { start, end, severity: None, message: None }
    }
    pub fn severity(mut self, s: Severity) -> Hit {
        self.severity = Some(s);
        self
    }
    pub fn message(mut self, m: Message) -> Hit {
        self.message = Some(m);
        self
    }
}

/// An example in a rule's documentation, run as a test.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub text: &'static str,
    /// The account the example is posted on.
    pub account: Account,
    /// What the rule must find, in order: the exact original characters and the severity.
    /// Empty: the rule must find nothing.
    pub hits: &'static [(&'static str, Severity)],
}

/// A rule's metadata.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, `family/name`.
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Clauses enforced, each beginning with the municipality's name: `吉備中央町 6(1)④`.
    pub clauses: &'static [&'static str],
    /// What was found.
    pub message: Msg,
    /// Why the guideline forbids it.
    pub why: Msg,
    /// What to do instead.
    pub fix: Msg,
    pub examples: &'static [Example],
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>);
}

/// Every rule, in the order the reference lists them.
pub static RULES: &[&dyn Rule] = &[
    &url::shortener::Shortener,
    &url::service_short_link::ServiceShortLink,
    &location::coordinates::Coordinates,
    &location::map_link::MapLink,
    &location::address::Address,
    &location::here::Here,
    &insult::abuse::Abuse,
    &insult::rude_address::RudeAddress,
    &discrimination::slur::Slur,
    &discrimination::stereotype::Stereotype,
    &obscene::sexual::Sexual,
    &confidential::classification::Classification,
    &confidential::deliberation::Deliberation,
];

pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}
