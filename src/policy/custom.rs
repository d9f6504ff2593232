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

use super::{push_err, Effect, PolicyError, Problem, Shape};
use crate::finding::{Category, Message, Severity};
use crate::text::Normalized;
use regex::{Regex, RegexBuilder};
use crate::json::{Value};
use std::borrow::Cow;

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
        push_err(errors, key.into(), value, Problem::expected(Shape::TermList));
        return None;
    };
    let mut out: Vec<CustomTerm> = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let path = format!("{key}[{n}]");
        if n >= MAX_TERMS {
            push_err(errors, path, item, Problem::too_many_terms(MAX_TERMS));
            break;
        }
        if let Some(t) = parse_term(&path, n, item, errors) {
            if out.iter().any(|o| o.id == t.id) {
                push_err(errors, format!("{path}.id"), &json!(t.id), Problem::duplicate_term_id());
                continue;
            }
            out.push(t);
        }
    }
    Some(out)
}

fn parse_term(path: &str, n: usize, item: &Value, errors: &mut Vec<PolicyError>) -> Option<CustomTerm> {
    let Some(obj) = item.as_object() else {
        push_err(errors, path.into(), item, Problem::expected(Shape::Term));
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
                _ => push_err(errors, p, v, Problem::expected(Shape::TermId)),
            },
            "term" | "pattern" => {
                if obj.contains_key("term") && obj.contains_key("pattern") {
                    push_err(errors, p, v, Problem::term_and_pattern());
                    ok = false;
                    continue;
                }
                let Some(s) = v.as_str() else {
                    push_err(errors, p, v, Problem::expected(Shape::TermText).then(Effect::TermLeftOut));
                    ok = false;
                    continue;
                };
                let m = if k == "term" { literal(s) } else { pattern(s) };
                match m {
                    Ok(m) => matcher = Some(m),
                    Err(problem) => {
                        push_err(errors, p, v, problem.then(Effect::TermLeftOut));
                        ok = false;
                    }
                }
            }
            "category" => match v.as_str().and_then(Category::from_id) {
                Some(c) => category = Some(c),
                None => {
                    push_err(errors, p, v, Problem::unknown_category(&super::category_ids()).then(Effect::TermLeftOut));
                    ok = false;
                }
            },
            "severity" => match v.as_str().and_then(Severity::from_id) {
                Some(s) => severity = s,
                None => push_err(errors, p, v, Problem::one_of(&["info", "warn", "block"]).then(Effect::ReportedAtWarn)),
            },
            "message" => message = super::parse_message(&p, v, errors),
            _ => push_err(errors, p, v, Problem::unknown_key(Some("id, term, pattern, category, severity, message"))),
        }
    }
    if !ok {
        return None;
    }
    let Some(matcher) = matcher else {
        push_err(errors, path.into(), item, Problem::missing_term());
        return None;
    };
    let Some(category) = category else {
        push_err(errors, path.into(), item, Problem::missing_category());
        return None;
    };
    let message = message.unwrap_or_else(|| default_message(&matcher, category));
    Some(CustomTerm { id, matcher, category, severity, message })
}

fn literal(s: &str) -> Result<Matcher, Problem> {
    let written = s.trim();
    if written.chars().count() > MAX_TERM_LEN {
        return Err(Problem::too_long(MAX_TERM_LEN));
    }
    let normalised = Normalized::new(written).text.trim().to_string();
    if normalised.is_empty() {
        return Err(Problem::empty_term());
    }
    Ok(Matcher::Term { written: written.to_string(), normalised })
}

fn pattern(s: &str) -> Result<Matcher, Problem> {
    if s.chars().count() > MAX_PATTERN_LEN {
        return Err(Problem::too_long(MAX_PATTERN_LEN));
    }
    if s.trim().is_empty() {
        return Err(Problem::empty_pattern());
    }
    // Full-width letters and symbols as the post's text has them (NFKC); case is ignored.
    let source = crate::nfkc::nfkc(s);
    let regex = RegexBuilder::new(&source)
        .case_insensitive(true)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_DFA_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => Problem::pattern_too_large(limit),
            regex::Error::Syntax(msg) => {
                let line = msg.lines().find_map(|l| l.trim().strip_prefix("error: ")).unwrap_or(msg.trim());
                Problem::bad_pattern(line)
            }
            other => Problem::bad_pattern(&other.to_string()),
        })?;
    if regex.is_match("") {
        return Err(Problem::pattern_matches_empty());
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


#[cfg(test)]
mod tests {
    use crate::policy::{Matcher, Policy};
    use crate::{Category, Checker, Post, Severity};
    use crate::post::{Account, Context};

    fn shown(json: &str) -> (Policy, Vec<String>) {
        let (p, e) = Policy::from_json(json);
        (p, e.iter().map(|e| format!("{} = {}", e.key, e.value)).collect())
    }

    #[test]
    fn terms_take_defaults_for_id_severity_and_message() {
        let (p, e) = shown(r#"{"custom_terms":[{"term":" 庁内限り ","category":"confidential"},
            {"id":"pj","pattern":"pj-\\d+","category":"confidential","severity":"block","message":"プロジェクト名です"}]}"#);
        assert!(e.is_empty(), "{e:?}");
        let [a, b] = &p.custom_terms[..] else { panic!("{:?}", p.custom_terms) };
        assert_eq!((a.id.as_str(), a.severity, a.category), ("custom-1", Severity::Warn, Category::Confidential));
        assert_eq!(a.message.ja, "「庁内限り」は、所属のルールで投稿に使わないことになっている語句です（秘密・意思形成過程）。");
        assert_eq!(a.message.en, "\"庁内限り\" is a term your organisation keeps out of posts (Confidential or pre-decision information).");
        assert!(matches!(&a.matcher, Matcher::Term { written, normalised } if written == "庁内限り" && normalised == "庁内限り"));
        assert_eq!((b.id.as_str(), b.severity), ("pj", Severity::Block));
        assert_eq!((b.message.ja.as_ref(), b.message.en.as_ref()), ("プロジェクト名です", "プロジェクト名です"));
        assert_eq!(
            b.to_value(),
            json!({"id":"pj","pattern":"pj-\\d+","category":"confidential","severity":"block",
                               "message":{"ja":"プロジェクト名です","en":"プロジェクト名です"}})
        );
    }

    #[test]
    fn every_bad_term_is_named_by_its_key_path_and_the_rest_apply() {
        let (p, e) = shown(
            r#"{"custom_terms":[
              {"term":"極秘","category":"confidential","severity":"loud","colour":"red"},
              {"term":"部外秘","pattern":"部外秘","category":"confidential"},
              {"term":"内部資料"},
              {"pattern":"(未公表","category":"confidential"},
              {"pattern":"\\w{60}\\w{60}\\w{60}","category":"confidential"},
              {"pattern":"a*","category":"confidential"},
              {"term":"取扱注意","category":"secret"},
              "極秘",
              {"id":"x y","term":"未定稿","category":"confidential","message":{"ja":"","fr":"x"}},
              {"id":"custom-1","term":"非公開","category":"confidential"}]}"#,
        );
        assert_eq!(
            e,
            [
                "custom_terms[0].colour = \"red\"",
                "custom_terms[0].severity = \"loud\"",
                "custom_terms[1].pattern = \"部外秘\"",
                "custom_terms[1].term = \"部外秘\"",
                "custom_terms[2] = {\"term\":\"内部資料\"}",
                "custom_terms[3].pattern = \"(未公表\"",
                "custom_terms[4].pattern = \"\\\\w{60}\\\\w{60}\\\\w{60}\"",
                "custom_terms[5].pattern = \"a*\"",
                "custom_terms[6].category = \"secret\"",
                "custom_terms[7] = \"極秘\"",
                "custom_terms[8].id = \"x y\"",
                "custom_terms[8].message.fr = \"x\"",
                "custom_terms[8].message.ja = \"\"",
                "custom_terms[9].id = \"custom-1\"",
            ]
        );
        let kept: Vec<(&str, Severity)> = p.custom_terms.iter().map(|t| (t.id.as_str(), t.severity)).collect();
        assert_eq!(kept, [("custom-1", Severity::Warn), ("custom-9", Severity::Warn)]);
        let (_, errs) = Policy::from_json(r#"{"custom_terms":[{"pattern":"(未公表","category":"confidential"},{"pattern":"\\w{60}\\w{60}\\w{60}","category":"confidential"}]}"#);
        assert!(errs[0].problem.en().starts_with("not a valid regular expression: unclosed group"), "{}", errs[0].problem);
        assert!(errs[1].problem.en().starts_with("pattern too large once compiled"), "{}", errs[1].problem);
        let (_, errs) = Policy::from_json(r#"{"custom_terms":"極秘"}"#);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].key, "custom_terms");
    }

    #[test]
    fn at_most_max_terms_and_long_patterns_are_refused() {
        let many: Vec<String> = (0..super::MAX_TERMS + 2).map(|n| format!(r#"{{"term":"語{n}","category":"confidential"}}"#)).collect();
        let (p, e) = shown(&format!(r#"{{"custom_terms":[{}]}}"#, many.join(",")));
        assert_eq!(p.custom_terms.len(), super::MAX_TERMS);
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with(&format!("custom_terms[{}] = ", super::MAX_TERMS)), "{e:?}");
        let long = "a".repeat(super::MAX_PATTERN_LEN + 1);
        let (p, e) = shown(&format!(r#"{{"custom_terms":[{{"pattern":"{long}","category":"confidential"}}]}}"#));
        assert!(p.custom_terms.is_empty());
        assert_eq!(e.len(), 1);
    }

    fn check(policy: &str, text: &str) -> Vec<(String, String, Severity, String)> {
        let (p, e) = Policy::from_json(policy);
        assert!(e.is_empty(), "{e:?}");
        let report = Checker::new(p).check(&Post { text, context: Context { account: Account::Official, ..Context::default() } });
        report
            .findings
            .iter()
            .filter(|f| f.rule == "custom/term")
            .map(|f| (crate::text::slice16(text, f.start, f.end), f.category.id().to_string(), f.severity, f.message.ja.to_string()))
            .collect()
    }

    #[test]
    fn findings_carry_the_admins_category_severity_and_message_in_any_width() {
        let policy = r#"{"custom_terms":[
            {"term":"ｺﾞｳｶﾞｲ","category":"confidential","severity":"block","message":{"ja":"号外は広報課が出します","en":"Extras come from PR"}},
            {"pattern":"ＰＪ－[Ａ-Ｚ]\\d{2}","category":"security","severity":"info"},
            {"term":"NG","category":"insult"}]}"#;
        assert_eq!(
            check(policy, "ゴウガイ！ pj-k07 の件、ＮＧでした。longな話"),
            [
                ("ゴウガイ".to_string(), "confidential".to_string(), Severity::Block, "号外は広報課が出します".to_string()),
                ("pj-k07".to_string(), "security".to_string(), Severity::Info, "所属のルールで投稿に使わないことになっている表現です（情報セキュリティ）。".to_string()),
                ("ＮＧ".to_string(), "insult".to_string(), Severity::Warn, "「NG」は、所属のルールで投稿に使わないことになっている語句です（誹謗中傷・非礼）。".to_string()),
            ]
        );
        // Whole words only at ASCII edges: not inside "long", "NGO" or "ING".
        assert!(check(policy, "NGO と PING の long な話").is_empty());
    }

    #[test]
    fn categories_switch_terms_and_the_rule_setting_caps_them() {
        let terms = r#""custom_terms":[{"term":"庁内限り","category":"confidential","severity":"block"},{"term":"速報値","category":"rumor","severity":"block"}]"#;
        let text = "庁内限りの速報値です";
        // A category switched off silences its terms only; a category's severity does not
        // override a term's own.
        let got = check(&format!(r#"{{{terms},"categories":{{"confidential":"off","rumor":"info"}}}}"#), text);
        assert_eq!(got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(), [("速報値", Severity::Block)]);
        let got = check(&format!(r#"{{{terms},"rules":{{"custom/term":"warn"}}}}"#), text);
        assert_eq!(got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(), [("庁内限り", Severity::Warn), ("速報値", Severity::Warn)]);
        assert!(check(&format!(r#"{{{terms},"rules":{{"custom/term":"off"}}}}"#), text).is_empty());
        // Every municipality preset keeps the organisation's terms.
        for preset in ["kibichuo", "muroran", "nagareyama", "towada"] {
            assert_eq!(check(&format!(r#"{{{terms},"preset":"{preset}"}}"#), text).len(), 2, "{preset}");
        }
    }
}
