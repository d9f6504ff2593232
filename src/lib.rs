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
    /// The WASM's answer: `{"account":…,"explanations":[…],"findings":[…]}`, every object's
    /// keys sorted. Each distinct `{clauses, fix, message, why}` of the findings is written once
    /// in `explanations`, and a finding names its own by index (`"explanation":0`) instead of
    /// carrying the texts: a long post has hundreds of findings of a few dozen rules, and the
    /// texts repeated were nine tenths of the answer (350 KB for 435 findings of 63,206
    /// characters), which the WASM wrote and JavaScript decoded on every check. The extension
    /// puts them back (`extension/answer.js`); the CLI keeps the texts in every finding.
    /// Written straight into the string, not through a [`Value`] tree.
    pub fn to_wasm_json(&self, account: Account) -> String {
        use std::fmt::Write;
        // A rule's id is one static string: a different address is a different rule, and texts
        // borrowed from the same static are equal without comparing their bytes.
        let same_text = |a: &str, b: &str| a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b);
        let same_msg = |a: &Message, b: &Message| same_text(&a.ja, &b.ja) && same_text(&a.en, &b.en);
        let same = |e: &Finding, f: &Finding| {
            std::ptr::eq(e.rule.as_ptr(), f.rule.as_ptr())
                && same_msg(&e.message, &f.message)
                && same_msg(&e.why, &f.why)
                && same_msg(&e.fix, &f.fix)
                && e.clauses.len() == f.clauses.len()
                && e.clauses.iter().zip(&f.clauses).all(|(a, b)| same_text(a, b))
        };
        // The first finding of each explanation, and each finding's explanation.
        let mut firsts: Vec<&Finding> = Vec::new();
        let mut which: Vec<usize> = Vec::with_capacity(self.findings.len());
        for f in &self.findings {
            let k = match firsts.iter().position(|e| same(e, f)) {
                Some(k) => k,
                None => {
                    firsts.push(f);
                    firsts.len() - 1
                }
            };
            which.push(k);
        }
        let mut out = String::with_capacity(64 + 100 * self.findings.len() + 800 * firsts.len());
        let msg = |out: &mut String, key: &str, m: &Message| {
            out.push_str(key);
            out.push_str("{\"en\":");
            let _ = json::write_str(out, &m.en);
            out.push_str(",\"ja\":");
            let _ = json::write_str(out, &m.ja);
            out.push('}');
        };
        out.push_str("{\"account\":");
        let _ = json::write_str(&mut out, account.id());
        out.push_str(",\"explanations\":[");
        for (i, f) in firsts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"clauses\":[");
            for (j, c) in f.clauses.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                let _ = json::write_str(&mut out, c);
            }
            out.push(']');
            msg(&mut out, ",\"fix\":", &f.fix);
            msg(&mut out, ",\"message\":", &f.message);
            msg(&mut out, ",\"why\":", &f.why);
            out.push('}');
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
