//! The policy: which guideline preset is in force and how an organisation changed it.
//!
//! One model for the CLI, the WASM checker and the extension. A policy is JSON:
//!
//! ```json
//! { "preset": "kibichuo",
//!   "rules": { "url/service-shortener": "info" },
//!   "categories": { "location": "block" } }
//! ```
//!
//! Validation names every bad key and value; a bad entry is reported and ignored, and checking
//! goes on with the rest and the preset. Precedence for a rule's severity: `rules` >
//! `categories` > the preset's table > the rule's default.

use crate::finding::{Category, Severity};
use crate::rules::{self, RuleMeta};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A rule's or category's setting: off, or on at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Off,
    On(Severity),
}

impl Setting {
    pub fn from_id(s: &str) -> Option<Setting> {
        if s == "off" {
            Some(Setting::Off)
        } else {
            Severity::from_id(s).map(Setting::On)
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Setting::Off => "off",
            Setting::On(s) => s.id(),
        }
    }
}

/// A guideline preset: each municipality's rules and clause numbers, or the union of all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    /// Every rule of every guideline (the default).
    #[default]
    Strict,
    Kibichuo,
    Muroran,
    Nagareyama,
    Towada,
}

impl Preset {
    pub const ALL: [Preset; 5] = [Preset::Strict, Preset::Kibichuo, Preset::Muroran, Preset::Nagareyama, Preset::Towada];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Strict => "strict",
            Preset::Kibichuo => "kibichuo",
            Preset::Muroran => "muroran",
            Preset::Nagareyama => "nagareyama",
            Preset::Towada => "towada",
        }
    }

    pub fn from_id(s: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == s)
    }

    /// The municipality whose guideline this preset enforces; clauses cited start with it.
    pub fn municipality(self) -> Option<&'static str> {
        match self {
            Preset::Strict => None,
            Preset::Kibichuo => Some("吉備中央町"),
            Preset::Muroran => Some("室蘭市"),
            Preset::Nagareyama => Some("流山市"),
            Preset::Towada => Some("十和田市"),
        }
    }

    /// The preset's own table: deviations from the rules' defaults, by rule id or category id.
    /// A municipality's preset enables exactly the rules that cite one of its clauses.
    fn table(self) -> &'static [(&'static str, Setting)] {
        match self {
            // strict: every rule at its default severity.
            Preset::Strict => &[],
            Preset::Kibichuo => &[],
            Preset::Muroran => &[],
            Preset::Nagareyama => &[],
            Preset::Towada => &[],
        }
    }

    /// The clauses of `meta` this preset cites.
    pub fn clauses(self, meta: &RuleMeta) -> Vec<&'static str> {
        match self.municipality() {
            None => meta.clauses.to_vec(),
            Some(m) => meta.clauses.iter().copied().filter(|c| c.starts_with(m)).collect(),
        }
    }

    /// The setting of a rule under this preset alone.
    pub fn setting(self, meta: &RuleMeta) -> Setting {
        let table = self.table();
        if let Some((_, s)) = table.iter().find(|(k, _)| *k == meta.id) {
            return *s;
        }
        if let Some((_, s)) = table.iter().find(|(k, _)| *k == meta.category.id()) {
            return *s;
        }
        if self.municipality().is_some() && self.clauses(meta).is_empty() {
            return Setting::Off;
        }
        Setting::On(meta.severity)
    }
}

/// An organisation's policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub preset: Preset,
    /// Per-rule settings, by rule id.
    pub rules: BTreeMap<&'static str, Setting>,
    /// Per-category settings.
    pub categories: BTreeMap<Category, Setting>,
    // --- allowed_email_domains (pii/email) ---
    /// Domains whose e-mail addresses may be posted (`allowed_email_domains`); a domain also
    /// allows its subdomains. `None`: the default, [`DEFAULT_EMAIL_DOMAINS`].
    pub allowed_email_domains: Option<Vec<String>>,
    // --- end allowed_email_domains ---
}

/// A problem in a policy: the key, the value found and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// Dotted path of the key, e.g. `rules.url/shortner`.
    pub key: String,
    /// The value found, as JSON.
    pub value: String,
    pub problem: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "policy key `{}` = {}: {}", self.key, self.value, self.problem)
    }
}

impl Policy {
    /// The setting in force for a rule.
    pub fn setting(&self, meta: &RuleMeta) -> Setting {
        if let Some(s) = self.rules.get(meta.id) {
            return *s;
        }
        if let Some(s) = self.categories.get(&meta.category) {
            return *s;
        }
        self.preset.setting(meta)
    }

    /// Parses a policy from JSON. Returns the policy built from every valid entry and a list of
    /// the invalid ones (each ignored). Invalid JSON as a whole yields the default policy and one
    /// error.
    pub fn from_json(json: &str) -> (Policy, Vec<PolicyError>) {
        match serde_json::from_str::<Value>(json) {
            Ok(v) => Policy::from_value(&v),
            Err(e) => (
                Policy::default(),
                vec![PolicyError { key: "(document)".into(), value: String::new(), problem: format!("not valid JSON: {e}") }],
            ),
        }
    }

    pub fn from_value(v: &Value) -> (Policy, Vec<PolicyError>) {
        let mut p = Policy::default();
        let mut errors = Vec::new();
        let err = |errors: &mut Vec<PolicyError>, key: String, value: &Value, problem: String| {
            errors.push(PolicyError { key, value: value.to_string(), problem });
        };
        let Some(obj) = v.as_object() else {
            err(&mut errors, "(document)".into(), v, "a policy is a JSON object".into());
            return (p, errors);
        };
        for (key, value) in obj {
            match key.as_str() {
                "preset" => match value.as_str().and_then(Preset::from_id) {
                    Some(preset) => p.preset = preset,
                    None => err(&mut errors, key.clone(), value, format!("unknown preset; one of {}", preset_ids())),
                },
                "rules" | "categories" => {
                    let Some(map) = value.as_object() else {
                        err(&mut errors, key.clone(), value, "expected an object of id → \"off\"|\"info\"|\"warn\"|\"block\"".into());
                        continue;
                    };
                    for (id, s) in map {
                        let path = format!("{key}.{id}");
                        let Some(setting) = s.as_str().and_then(Setting::from_id) else {
                            err(&mut errors, path, s, "expected one of \"off\", \"info\", \"warn\", \"block\"".into());
                            continue;
                        };
                        if key == "rules" {
                            match rules::by_id(id) {
                                Some(r) => {
                                    p.rules.insert(r.meta().id, setting);
                                }
                                None => err(&mut errors, path, s, "unknown rule id (see `postcheck rules`)".into()),
                            }
                        } else {
                            match Category::from_id(id) {
                                Some(c) => {
                                    p.categories.insert(c, setting);
                                }
                                None => err(&mut errors, path, s, format!("unknown category; one of {}", category_ids())),
                            }
                        }
                    }
                }
                // --- allowed_email_domains (pii/email) ---
                "allowed_email_domains" => {
                    let Some(list) = value.as_array() else {
                        err(&mut errors, key.clone(), value, "expected an array of domains, e.g. [\"town.kibichuo.lg.jp\"]".into());
                        continue;
                    };
                    let mut domains = Vec::new();
                    for (n, d) in list.iter().enumerate() {
                        match d.as_str().and_then(email_domain) {
                            Some(d) => domains.push(d),
                            None => err(
                                &mut errors,
                                format!("{key}[{n}]"),
                                d,
                                "not a domain (write e.g. town.kibichuo.lg.jp: letters, digits, hyphens and dots, without @, * or a scheme)".into(),
                            ),
                        }
                    }
                    p.allowed_email_domains = Some(domains);
                }
                // --- end allowed_email_domains ---
                _ => err(&mut errors, key.clone(), value, "unknown key".into()),
            }
        }
        (p, errors)
    }
}

// --- allowed_email_domains (pii/email) ---
/// The domains allowed when a policy names none: government addresses (LGWAN-ASP and national
/// government suffixes).
pub const DEFAULT_EMAIL_DOMAINS: &[&str] = &["lg.jp", "go.jp"];

impl Policy {
    /// Whether an e-mail address on `domain` (lower-case) may be posted: the domain is an
    /// allowed domain or one of its subdomains.
    pub fn email_domain_allowed(&self, domain: &str) -> bool {
        let domain = domain.trim_end_matches('.');
        let allowed = |d: &str| domain == d || domain.strip_suffix(d).is_some_and(|rest| rest.ends_with('.'));
        match &self.allowed_email_domains {
            Some(list) => list.iter().any(|d| allowed(d)),
            None => DEFAULT_EMAIL_DOMAINS.iter().any(|d| allowed(d)),
        }
    }
}

/// A domain name as written in a policy, lower-cased; None when it is not one. Labels of ASCII
/// letters, digits and inner hyphens, 1–63 characters, at most 253 in all; a trailing dot is
/// dropped. A single label (`jp`) is allowed: an admin may allow a whole top-level domain.
fn email_domain(s: &str) -> Option<String> {
    let d = s.trim().trim_end_matches('.').to_ascii_lowercase();
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    (!d.is_empty() && d.len() <= 253 && d.split('.').all(label_ok)).then_some(d)
}
// --- end allowed_email_domains ---

fn preset_ids() -> String {
    Preset::ALL.iter().map(|p| p.id()).collect::<Vec<_>>().join(", ")
}

fn category_ids() -> String {
    Category::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_key_and_value_is_named_and_the_rest_applies() {
        let (p, errors) = Policy::from_json(
            r#"{"preset":"kibichuo","rules":{"url/shortner":"warn","location/address":"loud","url/shortener":"info"},
                "categories":{"location":"block","colour":"off"},"colour":1}"#,
        );
        assert_eq!(p.preset, Preset::Kibichuo);
        assert_eq!(p.rules.get("url/shortener"), Some(&Setting::On(Severity::Info)));
        assert_eq!(p.categories.get(&Category::Location), Some(&Setting::On(Severity::Block)));
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            shown,
            [
                "policy key `categories.colour` = \"off\": unknown category; one of location, shortened-url, personal-opinion, insult, discrimination, obscene, rumor, illegal, confidential, personal-info, security, political, rights, link, timing, account",
                "policy key `colour` = 1: unknown key",
                "policy key `rules.location/address` = \"loud\": expected one of \"off\", \"info\", \"warn\", \"block\"",
                "policy key `rules.url/shortner` = \"warn\": unknown rule id (see `postcheck rules`)",
            ]
        );
    }

    // --- allowed_email_domains (pii/email) ---
    #[test]
    fn allowed_email_domains_default_to_government_suffixes() {
        let p = Policy::default();
        assert!(p.email_domain_allowed("town.kibichuo.lg.jp"));
        assert!(p.email_domain_allowed("lg.jp"));
        assert!(p.email_domain_allowed("soumu.go.jp"));
        assert!(!p.email_domain_allowed("gmail.com"));
        assert!(!p.email_domain_allowed("notlg.jp"));
        assert!(!p.email_domain_allowed("lg.jp.example.com"));
    }

    #[test]
    fn allowed_email_domains_replace_the_default_and_allow_subdomains() {
        let (p, e) = Policy::from_json(r#"{"allowed_email_domains":["City.Nagareyama.Chiba.JP","lg.jp."]}"#);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(p.allowed_email_domains, Some(vec!["city.nagareyama.chiba.jp".to_string(), "lg.jp".to_string()]));
        assert!(p.email_domain_allowed("city.nagareyama.chiba.jp"));
        assert!(p.email_domain_allowed("koho.city.nagareyama.chiba.jp"));
        assert!(p.email_domain_allowed("town.kibichuo.lg.jp"));
        assert!(!p.email_domain_allowed("nagareyama.chiba.jp"));
        assert!(!p.email_domain_allowed("soumu.go.jp"));
        // An empty list allows no domain at all.
        let (p, e) = Policy::from_json(r#"{"allowed_email_domains":[]}"#);
        assert!(e.is_empty());
        assert!(!p.email_domain_allowed("town.kibichuo.lg.jp"));
    }

    #[test]
    fn bad_email_domains_are_named_and_the_good_ones_kept() {
        let (p, e) = Policy::from_json(r#"{"allowed_email_domains":["town.kibichuo.lg.jp","@gmail.com","*.lg.jp","https://example.jp",3,"-bad.jp",""]}"#);
        assert_eq!(p.allowed_email_domains, Some(vec!["town.kibichuo.lg.jp".to_string()]));
        let shown: Vec<String> = e.iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
        assert_eq!(
            shown,
            [
                "allowed_email_domains[1] = \"@gmail.com\"",
                "allowed_email_domains[2] = \"*.lg.jp\"",
                "allowed_email_domains[3] = \"https://example.jp\"",
                "allowed_email_domains[4] = 3",
                "allowed_email_domains[5] = \"-bad.jp\"",
                "allowed_email_domains[6] = \"\"",
            ]
        );
        assert!(e.iter().all(|e| e.problem.starts_with("not a domain")));
        let (_, e) = Policy::from_json(r#"{"allowed_email_domains":"lg.jp"}"#);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].to_string(), "policy key `allowed_email_domains` = \"lg.jp\": expected an array of domains, e.g. [\"town.kibichuo.lg.jp\"]");
    }
    // --- end allowed_email_domains ---

    #[test]
    fn invalid_json_is_one_error_and_the_default_policy() {
        let (p, errors) = Policy::from_json("{\"preset\": ");
        assert_eq!(p, Policy::default());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].problem.starts_with("not valid JSON"));
    }

    #[test]
    fn a_municipality_preset_enables_the_rules_citing_its_guideline() {
        let short = rules::by_id("url/shortener").unwrap().meta();
        assert_eq!(Preset::Kibichuo.setting(short), Setting::On(short.severity));
        assert_eq!(Preset::Muroran.setting(short), Setting::Off);
        assert_eq!(Preset::Strict.setting(short), Setting::On(short.severity));
        assert_eq!(Preset::Kibichuo.clauses(short), ["吉備中央町 6(1)④"]);
    }

    #[test]
    fn rule_setting_beats_category_beats_preset() {
        let addr = rules::by_id("location/address").unwrap().meta();
        let (p, e) = Policy::from_json(r#"{"categories":{"location":"off"},"rules":{"location/address":"block"}}"#);
        assert!(e.is_empty());
        assert_eq!(p.setting(addr), Setting::On(Severity::Block));
        let here = rules::by_id("location/here").unwrap().meta();
        assert_eq!(p.setting(here), Setting::Off);
    }
}
