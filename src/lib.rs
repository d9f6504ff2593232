//! postcheck: checks a social-media post of a Japanese municipality's staff against the
//! organisation's guideline and reports what it forbids, with the clause it comes from.
//!
//! ```
//! use postcheck::{Checker, Post, policy::Policy};
//! let checker = Checker::new(Policy::default());
//! let report = checker.check(&Post { text: "詳細は bit.ly/3xYzAb をご覧ください", ..Default::default() });
//! assert_eq!(report.findings[0].rule, "url/shortener");
//! assert_eq!((report.findings[0].start, report.findings[0].end), (4, 17));
//! ```

// The rules' examples are left out of the WASM build (`rules::RuleMeta::examples`); the imports
// they use are then unused there. Native builds still report unused imports.
#![cfg_attr(target_arch = "wasm32", allow(unused_imports))]
// The WASM build compiles its hot functions for speed (`--cfg postcheck_fast`, Makefile): the rest
// of the crate is compiled for size.
#![cfg_attr(postcheck_fast, feature(optimize_attribute))]

/// A data file of `src/dict/` as the checker uses it: without its comment and blank lines,
/// which `build.rs` strips (the headers' attributions ship in `extension/NOTICE.txt`).
macro_rules! dict {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/dict/", $name))
    };
}

#[macro_use]
pub mod json;
pub mod finding;
pub mod image;
pub mod mask;
pub mod nfkc;
pub mod policy;
pub mod post;
pub mod reference;
pub mod rules;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use finding::{Category, Finding, Message, Msg, Severity};
pub use post::{Account, Context, LocalTime, Post, Site};

use policy::{Policy, Setting};
use rules::{Cx, Hit, Rule};
use json::{Map, ToJson, Value};
use text::Normalized;

/// The checker for one policy. Build once, check many posts.
pub struct Checker {
    policy: Policy,
    /// The rules in force, with their configured severity.
    active: Vec<(&'static dyn Rule, Severity)>,
}

/// The result of a check.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Sorted by position, then rule id.
    pub findings: Vec<Finding>,
}

/// `{"findings":[…]}`.
impl ToJson for Report {
    fn to_json(&self) -> Value {
        Value::Object(Map::ordered(vec![("findings".into(), self.findings.to_json())]))
    }
}

impl Report {
    /// The WASM's answer with every explanation written out (a fresh [`Sent`]): what the first
    /// check of a checker answers.
    pub fn to_wasm_json(&self, account: Account) -> String {
        self.to_wasm_answer(account, &mut Sent::default())
    }

    /// The WASM's answer: `{"account":…,"epoch":…,"explanations":[…],"findings":[…]}`, every
    /// object's keys sorted. A finding names its explanation (`{clauses, fix, message, why}`)
    /// by id (`"explanation":3`) instead of carrying the texts; `explanations` holds, with their
    /// `id`, those that `sent` has not numbered yet, and `sent` numbers them. The extension
    /// keeps the explanations it was sent for its checker (`extension/answer.js`), so a post
    /// checked at every keystroke gets each rule's texts once, not on every check: a long
    /// post has hundreds of findings of a few dozen rules, and the texts were nine tenths of
    /// the answer (350 KB for 435 findings of 63,206 characters), and most of a short post's
    /// answer, which the WASM wrote and JavaScript decoded each time. `epoch` changes when
    /// `sent` starts over (an answer after it holds [`Sent::MAX`] explanations): ids of an
    /// earlier epoch mean nothing. The CLI keeps the texts in every finding. Written straight
    /// into the string, not through a [`Value`] tree.
    pub fn to_wasm_answer(&self, account: Account, sent: &mut Sent) -> String {
        use std::fmt::Write;
        // Each finding's explanation id; explanations new to `sent`, in order.
        if sent.kept.len() >= Sent::MAX {
            // Full: start over (within one answer it may grow beyond).
            sent.kept.clear();
            sent.epoch += 1;
        }
        let mut which: Vec<usize> = Vec::with_capacity(self.findings.len());
        let mut fresh: Vec<(usize, &Finding)> = Vec::new();
        for f in &self.findings {
            let k = match sent.find(f) {
                Some(k) => k,
                None => {
                    sent.kept.push(f.clone());
                    fresh.push((sent.kept.len() - 1, f));
                    sent.kept.len() - 1
                }
            };
            which.push(k);
        }
        let mut out = String::with_capacity(64 + 100 * self.findings.len() + 800 * fresh.len());
        out.push_str("{\"account\":");
        let _ = json::write_str(&mut out, account.id());
        let _ = write!(out, ",\"epoch\":{},\"explanations\":[", sent.epoch);
        for (i, (id, f)) in fresh.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_explanation(&mut out, f, *id);
        }
        out.push_str("],\"findings\":[");
        for (i, (f, k)) in self.findings.iter().zip(&which).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"category\":");
            let _ = json::write_str(&mut out, f.category.id());
            let _ = write!(out, ",\"end\":{},\"explanation\":{k},\"rule\":", f.end);
            let _ = json::write_str(&mut out, f.rule);
            out.push_str(",\"severity\":");
            let _ = json::write_str(&mut out, f.severity.id());
            let _ = write!(out, ",\"start\":{}}}", f.start);
        }
        out.push_str("]}");
        out
    }

    /// The highest severity found, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// The explanations a WASM checker has sent, numbered by their index (see
/// [`Report::to_wasm_answer`]): one finding of each, compared by rule and texts.
#[derive(Default)]
pub struct Sent {
    kept: Vec<Finding>,
    epoch: u32,
}

impl Sent {
    /// Explanations kept before the numbering starts over: every rule's, with room for the
    /// admin's own terms and the few messages that name what they found.
    pub const MAX: usize = 512;

    /// A numbering of its own (epoch `u32::MAX`), for an answer outside the checker's.
    pub fn detached() -> Sent {
        Sent { kept: Vec::new(), epoch: u32::MAX }
    }

    /// The id of `f`'s explanation, if it was sent.
    fn find(&self, f: &Finding) -> Option<usize> {
        self.kept.iter().position(|e| same_explanation(e, f))
    }

    /// Explanation `id` of the current epoch as JSON (`{clauses, fix, id, message, why}`), or
    /// `null`.
    pub fn explanation_json(&self, id: usize) -> String {
        let mut out = String::new();
        match self.kept.get(id) {
            Some(f) => write_explanation(&mut out, f, id),
            None => out.push_str("null"),
        }
        out
    }
}

/// Whether two findings have the same explanation: rule, message, why, fix and clauses. A
/// rule's texts are static strings: texts at the same address are equal without comparing
/// their bytes.
fn same_explanation(e: &Finding, f: &Finding) -> bool {
    let same_text = |a: &str, b: &str| a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b);
    let same_msg = |a: &Message, b: &Message| same_text(&a.ja, &b.ja) && same_text(&a.en, &b.en);
    std::ptr::eq(e.rule.as_ptr(), f.rule.as_ptr())
        && same_msg(&e.message, &f.message)
        && same_msg(&e.why, &f.why)
        && same_msg(&e.fix, &f.fix)
        && e.clauses.len() == f.clauses.len()
        && e.clauses.iter().zip(&f.clauses).all(|(a, b)| same_text(a, b))
}

/// `{"clauses":[…],"fix":{…},"id":…,"message":{…},"why":{…}}` of `f`.
fn write_explanation(out: &mut String, f: &Finding, id: usize) {
    use std::fmt::Write;
    let msg = |out: &mut String, key: &str, m: &Message| {
        out.push_str(key);
        out.push_str("{\"en\":");
        let _ = json::write_str(out, &m.en);
        out.push_str(",\"ja\":");
        let _ = json::write_str(out, &m.ja);
        out.push('}');
    };
    out.push_str("{\"clauses\":[");
    for (j, c) in f.clauses.iter().enumerate() {
        if j > 0 {
            out.push(',');
        }
        let _ = json::write_str(out, c);
    }
    out.push(']');
    msg(out, ",\"fix\":", &f.fix);
    let _ = write!(out, ",\"id\":{id}");
    msg(out, ",\"message\":", &f.message);
    msg(out, ",\"why\":", &f.why);
    out.push('}');
}

impl Checker {
    pub fn new(policy: Policy) -> Checker {
        let active = rules::RULES
            .iter()
            .filter_map(|&r| match policy.setting(r.meta()) {
                Setting::Off => None,
                Setting::On(s) => Some((r, s)),
            })
            .collect();
        Checker { policy, active }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The rules in force and their severities.
    pub fn active_rules(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        self.active.iter().copied()
    }

    pub fn check(&self, post: &Post<'_>) -> Report {
        let norm = Normalized::new(post.text);
        // A post from one of the organisation's handles (policy `official_handles`) is official;
        // from another account on a site where the policy lists them, personal.
        let account = self.policy.org.account_of(&post.context);
        let resolved;
        let context = if account != post.context.account {
            resolved = Context { account, ..post.context.clone() };
            &resolved
        } else {
            &post.context
        };
        let cx = Cx { norm: &norm, context, policy: &self.policy };
        let mut hits: Vec<Hit> = Vec::new();
        let mut findings = Vec::new();
        for &(rule, configured) in &self.active {
            hits.clear();
            rule.check(&cx, &mut hits);
            let meta = rule.meta();
            for h in hits.drain(..) {
                if h.start >= h.end || h.end > norm.text.len() {
                    continue;
                }
                let (start, end) = norm.span16(h.start, h.end);
                let severity = h.severity.map_or(configured, |s| s.min(configured));
                findings.push(Finding {
                    rule: meta.id,
                    category: h.category.unwrap_or(meta.category),
                    severity,
                    start,
                    end,
                    message: h.message.unwrap_or_else(|| meta.message.into()),
                    why: meta.why.into(),
                    fix: meta.fix.into(),
                    clauses: self.policy.preset.clauses(meta),
                });
            }
        }
        findings.sort_by(|a, b| (a.start, a.end, a.rule).cmp(&(b.start, b.end, b.rule)));
        findings.dedup_by(|a, b| a.rule == b.rule && a.start == b.start && a.end == b.end);
        Report { findings }
    }
}
