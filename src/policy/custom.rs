//! `custom_terms`: the organisation's own terms and regular expressions, reported by the rule
//! `custom/term` in the category, at the severity and with the message the admin gives.
//!
//! ```json
//! "custom_terms": [
//!   { "id": "internal", "term": "庁内限り", "category": "confidential", "severity": "block",
//!     "message": { "ja": "庁内限りの情報です。", "en": "Internal-only information." } },
//!   { "pattern": "プロジェクト[ABC]", "category": "confidential" } ]
//! ```
//!
//! A `term` is normalised like the post (NFKC, ASCII lower case), so `ＡＢＣ` also finds `abc`
//! and `ｱｲｳ` finds `アイウ`; a term that starts or ends with an ASCII letter or digit matches
//! only as a whole word there. A `pattern` is a regular expression (Rust `regex` syntax, case
//! insensitive) over the normalised text, compiled once with size limits; one too large or
//! invalid is reported with its key path (`custom_terms[3].pattern`) and left out.

use super::{push_err, PolicyError};
use crate::finding::{Category, Message, Severity};
use crate::text::Normalized;
use regex::{Regex, RegexBuilder};
use serde_json::{json, Value};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// At most this many custom terms; the rest are reported and left out.
pub const MAX_TERMS: usize = 200;
/// At most this many characters in a term.
pub const MAX_TERM_LEN: usize = 100;
/// At most this many characters in a pattern.
pub const MAX_PATTERN_LEN: usize = 500;
/// Compiled size limit of one pattern (`RegexBuilder::size_limit`), in bytes.
pub const PATTERN_SIZE_LIMIT: usize = 128 * 1024;
/// Lazy DFA cache limit of one pattern (`RegexBuilder::dfa_size_limit`), in bytes.
pub const PATTERN_DFA_LIMIT: usize = 512 * 1024;

/// What a custom term matches.
#[derive(Clone, Debug)]
pub enum Matcher {
    /// A literal term: as written, and normalised (what is searched for).
    Term { written: String, normalised: String },
    /// A regular expression: as written, and compiled.
    Pattern { written: String, regex: Regex },
}

impl PartialEq for Matcher {
    fn eq(&self, other: &Matcher) -> bool {
        match (self, other) {
            (Matcher::Term { written: a, .. }, Matcher::Term { written: b, .. }) => a == b,
            (Matcher::Pattern { written: a, .. }, Matcher::Pattern { written: b, .. }) => a == b,
            _ => false,
        }
    }
}
impl Eq for Matcher {}

/// One of the organisation's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomTerm {
    /// The admin's name for the term (`custom-1`, `custom-2`, … when none is given).
    pub id: String,
    pub matcher: Matcher,
    /// The category its findings are reported in.
    pub category: Category,
    pub severity: Severity,
    pub message: Message,
}

impl CustomTerm {
    /// The term in the form the policy takes.
    pub fn to_value(&self) -> Value {
        let mut v = json!({
            "id": self.id,
            "category": self.category.id(),
            "severity": self.severity.id(),
            "message": { "ja": self.message.ja, "en": self.message.en },
        });
        if let Some(o) = v.as_object_mut() {
            match &self.matcher {
                Matcher::Term { written, .. } => o.insert("term".into(), json!(written)),
                Matcher::Pattern { written, .. } => o.insert("pattern".into(), json!(written)),
            };
        }
        v
    }
}

/// Parses `custom_terms`. None when the value is not an array (an error at `key`); otherwise
/// every good term, each bad one reported under `key[n]…` and left out.
pub(super) fn parse_terms(key: &str, value: &Value, errors: &mut Vec<PolicyError>) -> Option<Vec<CustomTerm>> {
    let Some(list) = value.as_array() else {
        push_err(errors, key.into(), value, "expected an array of {\"term\" or \"pattern\", \"category\", \"severity\", \"message\"}");
        return None;
    };
    let mut out: Vec<CustomTerm> = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let path = format!("{key}[{n}]");
        if n >= MAX_TERMS {
            push_err(errors, path, item, &format!("too many terms (at most {MAX_TERMS}); this and the rest are left out"));
            break;
        }
        if let Some(t) = parse_term(&path, n, item, errors) {
            if out.iter().any(|o| o.id == t.id) {
                push_err(errors, format!("{path}.id"), &json!(t.id), "another term has this id; this term is left out");
                continue;
            }
            out.push(t);
        }
    }
    Some(out)
}

fn parse_term(path: &str, n: usize, item: &Value, errors: &mut Vec<PolicyError>) -> Option<CustomTerm> {
    let Some(obj) = item.as_object() else {
        push_err(errors, path.into(), item, "expected an object {\"term\":\"…\" or \"pattern\":\"…\", \"category\":\"…\", …}");
        return None;
    };
    let mut id = format!("custom-{}", n + 1);
    let mut matcher = None;
    let mut category = None;
    let mut severity = Severity::Warn;
    let mut message = None;
    let mut ok = true;
    for (k, v) in obj {
        let p = format!("{path}.{k}");
        match k.as_str() {
            "id" => match v.as_str().map(str::trim) {
                Some(s) if (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) => id = s.to_string(),
                _ => push_err(errors, p, v, "expected an id of 1–64 ASCII letters, digits, -, _ or ."),
            },
            "term" | "pattern" => {
                if obj.contains_key("term") && obj.contains_key("pattern") {
                    push_err(errors, p, v, "give either \"term\" or \"pattern\", not both; this term is left out");
                    ok = false;
                    continue;
                }
                let Some(s) = v.as_str() else {
                    push_err(errors, p, v, "expected a string; this term is left out");
                    ok = false;
                    continue;
                };
                let m = if k == "term" { literal(s) } else { pattern(s) };
                match m {
                    Ok(m) => matcher = Some(m),
                    Err(problem) => {
                        push_err(errors, p, v, &format!("{problem}; this term is left out"));
                        ok = false;
                    }
                }
            }
            "category" => match v.as_str().and_then(Category::from_id) {
                Some(c) => category = Some(c),
                None => {
                    push_err(errors, p, v, &format!("unknown category; one of {}; this term is left out", super::category_ids()));
                    ok = false;
                }
            },
            "severity" => match v.as_str().and_then(Severity::from_id) {
                Some(s) => severity = s,
                None => push_err(errors, p, v, "expected \"info\", \"warn\" or \"block\"; the term is reported at warn"),
            },
            "message" => message = super::parse_message(&p, v, errors),
            _ => push_err(errors, p, v, "unknown key; one of id, term, pattern, category, severity, message"),
        }
    }
    if !ok {
        return None;
    }
    let Some(matcher) = matcher else {
        push_err(errors, path.into(), item, "needs \"term\" or \"pattern\"; this term is left out");
        return None;
    };
    let Some(category) = category else {
        push_err(errors, path.into(), item, "needs a \"category\" (e.g. \"confidential\"); this term is left out");
        return None;
    };
    let message = message.unwrap_or_else(|| default_message(&matcher, category));
    Some(CustomTerm { id, matcher, category, severity, message })
}

fn literal(s: &str) -> Result<Matcher, String> {
    let written = s.trim();
    if written.chars().count() > MAX_TERM_LEN {
        return Err(format!("longer than {MAX_TERM_LEN} characters"));
    }
    let normalised = Normalized::new(written).text.trim().to_string();
    if normalised.is_empty() {
        return Err("empty term".into());
    }
    Ok(Matcher::Term { written: written.to_string(), normalised })
}

fn pattern(s: &str) -> Result<Matcher, String> {
    if s.chars().count() > MAX_PATTERN_LEN {
        return Err(format!("longer than {MAX_PATTERN_LEN} characters"));
    }
    if s.trim().is_empty() {
        return Err("empty pattern".into());
    }
    // Full-width letters and symbols as the post's text has them (NFKC); case is ignored.
    let source: String = s.nfkc().collect();
    let regex = RegexBuilder::new(&source)
        .case_insensitive(true)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_DFA_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("pattern too large once compiled (over {limit} bytes); use fewer alternatives or smaller repetitions")
            }
            regex::Error::Syntax(msg) => {
                let line = msg.lines().find_map(|l| l.trim().strip_prefix("error: ")).unwrap_or(msg.trim());
                format!("not a valid regular expression: {line}")
            }
            other => format!("not a valid regular expression: {other}"),
        })?;
    if regex.is_match("") {
        return Err("the pattern matches empty text; it would underline nothing".into());
    }
    Ok(Matcher::Pattern { written: s.to_string(), regex })
}

fn default_message(m: &Matcher, category: Category) -> Message {
    let label = category.label();
    match m {
        Matcher::Term { written, .. } => Message {
            ja: Cow::Owned(format!("「{written}」は、所属のルールで投稿に使わないことになっている語句です（{}）。", label.ja)),
            en: Cow::Owned(format!("\"{written}\" is a term your organisation keeps out of posts ({}).", label.en)),
        },
        Matcher::Pattern { .. } => Message {
            ja: Cow::Owned(format!("所属のルールで投稿に使わないことになっている表現です（{}）。", label.ja)),
            en: Cow::Owned(format!("An expression your organisation keeps out of posts ({}).", label.en)),
        },
    }
}

