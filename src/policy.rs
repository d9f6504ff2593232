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
            Preset::Kibichuo => &[
                // context rules (link, timing, account, rights)
                ("link/unlisted-domain", Setting::On(Severity::Info)), // 4(11), 6(1)②: confirm the destination; a reminder, not a stop
                ("account/reply", Setting::Off), // 6(1)①: the town answers other users' opinions, calmly and sincerely
                ("account/mention", Setting::Off), // same: addressing a user is part of answering
                ("timing/posting-window", Setting::Off), // no posting hours for official accounts
            ],
            Preset::Muroran => &[
                // context rules (link, timing, account, rights)
                ("link/blocked-domain", Setting::On(Severity::Block)), // 5. わいせつな内容を含むホームページへのリンク
                ("link/unlisted-domain", Setting::Off), // the leaflet asks nothing about other links
                ("timing/working-hours", Setting::On(Severity::Warn)), // 5. 就業時間中にプライベート利用してはなりません
                ("timing/posting-window", Setting::Off), // a leaflet for private use: no posting window for official posts
            ],
            Preset::Nagareyama => &[
                // context rules (link, timing, account, rights)
                ("timing/posting-window", Setting::On(Severity::Warn)), // 投稿時間は原則として(緊急時を除く)平日の8時30分〜17時15分
                ("timing/working-hours", Setting::Off), // no rule on private posts during working hours
                ("account/reply", Setting::On(Severity::Warn)), // 原則として問い合わせ(投稿への返信等)に対する回答は行いません
                ("account/mention", Setting::On(Severity::Warn)), // リプライ(特定の個人のみ閲覧できる環境)は使用しません
            ],
            Preset::Towada => &[
                // context rules (link, timing, account, rights)
                ("link/blocked-domain", Setting::On(Severity::Block)), // 4(3) わいせつ, 4(13) 公序良俗: an adult site is never linked
                ("account/device", Setting::On(Severity::Warn)), // 4(8) 市の情報資産・通信環境を使って個人の立場で発信しない
                ("timing/working-hours", Setting::Off), // no rule on private posts during working hours
            ],
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
    /// The organisation's settings the context rules read (links, hours, handles, devices).
    pub org: OrgSettings,
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
                k if OrgSettings::KEYS.contains(&k) => p.org.set(k, value, &mut errors),
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

// ---------------------------------------------------------------------------------------------
// The organisation's settings read by the context rules (link/*, timing/*, account/*).
//
// ```json
// { "allowed_domains": ["example-kanko.jp"],          // links that need no confirmation
//   "blocked_domains": ["bad.example"],               // links never to post
//   "working_hours":  {"days":["mon","tue","wed","thu","fri"], "start":"08:30", "end":"17:15",
//                      "breaks":[{"start":"12:00","end":"13:00"}], "holidays_off": true},
//   "posting_window": {"days":["mon","tue","wed","thu","fri"], "start":"08:30", "end":"17:15"},
//   "official_handles": {"x":["@kibichuo_town"], "facebook":["kibichuo.town"]},
//   "organisation_device": true }
// ```
//
// A domain covers its subdomains. Times are local `HH:MM`; a window covers `start` through
// `end`, both minutes included (08:30–17:15 includes 17:15), and so does a break. With
// `holidays_off` (the default) national holidays of Japan and the year-end closure
// (12/29–1/3) are outside the window whatever the day of the week.
// ---------------------------------------------------------------------------------------------

/// A weekly time window: days of the week, a start and an end minute, breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hours {
    /// Indexed by weekday, 0 = Sunday … 6 = Saturday.
    pub days: [bool; 7],
    /// Minutes since midnight, both included.
    pub start: u16,
    pub end: u16,
    /// Breaks inside the window (start, end), both minutes included.
    pub breaks: Vec<(u16, u16)>,
    /// National holidays and 12/29–1/3 are days off.
    pub holidays_off: bool,
}

pub const DAY_IDS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

impl Hours {
    /// Weekdays 08:30–17:15, holidays and the year-end closure off (流山市's posting hours and
    /// the usual hours of a town hall).
    pub fn weekdays_0830_1715() -> Hours {
        Hours { days: [false, true, true, true, true, true, false], start: 8 * 60 + 30, end: 17 * 60 + 15, breaks: Vec::new(), holidays_off: true }
    }

    /// `mon–fri 08:30–17:15` for messages.
    pub fn describe(&self) -> String {
        let days: Vec<&str> = (0..7).filter(|&d| self.days[d]).map(|d| DAY_IDS[d]).collect();
        let days = if days == ["mon", "tue", "wed", "thu", "fri"] { "mon–fri".to_string() } else { days.join(",") };
        format!("{days} {}–{}", hhmm(self.start), hhmm(self.end))
    }

    /// Same in Japanese: `平日 8:30–17:15`.
    pub fn describe_ja(&self) -> String {
        const JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
        let days: Vec<&str> = (0..7).filter(|&d| self.days[d]).map(|d| JA[d]).collect();
        let days = if days == ["月", "火", "水", "木", "金"] { "平日".to_string() } else { days.join("・") };
        let t = |m: u16| format!("{}:{:02}", m / 60, m % 60);
        format!("{days} {}–{}", t(self.start), t(self.end))
    }

    fn set(&mut self, key: &str, v: &Value, errors: &mut Vec<PolicyError>) {
        let Some(obj) = v.as_object() else {
            push_err(errors, key.into(), v, "expected an object {\"days\":[\"mon\",…], \"start\":\"08:30\", \"end\":\"17:15\"}");
            return;
        };
        let mut next = self.clone();
        for (k, val) in obj {
            let path = format!("{key}.{k}");
            match k.as_str() {
                "days" => {
                    let Some(list) = val.as_array() else {
                        push_err(errors, path, val, "expected an array of sun, mon, tue, wed, thu, fri, sat");
                        continue;
                    };
                    let mut days = [false; 7];
                    for (i, d) in list.iter().enumerate() {
                        match d.as_str().and_then(|s| DAY_IDS.iter().position(|x| x.eq_ignore_ascii_case(s.trim()))) {
                            Some(n) => days[n] = true,
                            None => push_err(errors, format!("{path}[{i}]"), d, "not a day; one of sun, mon, tue, wed, thu, fri, sat"),
                        }
                    }
                    next.days = days;
                }
                "start" | "end" => match val.as_str().and_then(parse_hhmm) {
                    Some(m) if k == "start" => next.start = m,
                    Some(m) => next.end = m,
                    None => push_err(errors, path, val, "expected a local time \"HH:MM\" from 00:00 to 23:59"),
                },
                "breaks" => {
                    let Some(list) = val.as_array() else {
                        push_err(errors, path, val, "expected an array of {\"start\":\"HH:MM\",\"end\":\"HH:MM\"}");
                        continue;
                    };
                    next.breaks.clear();
                    for (i, b) in list.iter().enumerate() {
                        let s = b.get("start").and_then(Value::as_str).and_then(parse_hhmm);
                        let e = b.get("end").and_then(Value::as_str).and_then(parse_hhmm);
                        match (s, e) {
                            (Some(s), Some(e)) if s <= e && b.as_object().is_some_and(|o| o.len() == 2) => next.breaks.push((s, e)),
                            _ => push_err(errors, format!("{path}[{i}]"), b, "expected {\"start\":\"HH:MM\",\"end\":\"HH:MM\"} with start not after end"),
                        }
                    }
                }
                "holidays_off" => match val.as_bool() {
                    Some(b) => next.holidays_off = b,
                    None => push_err(errors, path, val, "expected true or false"),
                },
                _ => push_err(errors, path, val, "unknown key; one of days, start, end, breaks, holidays_off"),
            }
        }
        if next.start > next.end {
            push_err(errors, key.into(), v, "end is before start (a window cannot cross midnight); the previous window stays");
            return;
        }
        *self = next;
    }
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `HH:MM` or `H:MM`, 00:00–23:59, to minutes since midnight.
fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

fn push_err(errors: &mut Vec<PolicyError>, key: String, value: &Value, problem: &str) {
    errors.push(PolicyError { key, value: value.to_string(), problem: problem.into() });
}

/// The account handles of the organisation, per site. A post from one of them is official.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficialHandles {
    /// Lower-case, without `@`.
    pub x: Vec<String>,
    pub facebook: Vec<String>,
}

/// The organisation's settings for the context rules. See the comment above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgSettings {
    /// Domains the admin adds to the allow list (lower-case, no leading dot). The allow list
    /// always holds lg.jp, go.jp, the local-government names of the geographic .jp space
    /// (pref.*.jp, city.*.*.jp, …) and the preset's organisation.
    pub allowed_domains: Vec<String>,
    pub blocked_domains: Vec<String>,
    pub working_hours: Hours,
    pub posting_window: Hours,
    pub official_handles: OfficialHandles,
    /// The browser runs on a device of the organisation.
    pub organisation_device: bool,
}

impl Default for OrgSettings {
    fn default() -> Self {
        OrgSettings {
            allowed_domains: Vec::new(),
            blocked_domains: Vec::new(),
            working_hours: Hours { breaks: vec![(12 * 60, 13 * 60)], ..Hours::weekdays_0830_1715() },
            posting_window: Hours::weekdays_0830_1715(),
            official_handles: OfficialHandles::default(),
            organisation_device: false,
        }
    }
}

impl OrgSettings {
    pub const KEYS: [&'static str; 6] =
        ["allowed_domains", "blocked_domains", "working_hours", "posting_window", "official_handles", "organisation_device"];

    fn set(&mut self, key: &str, v: &Value, errors: &mut Vec<PolicyError>) {
        match key {
            "allowed_domains" | "blocked_domains" => {
                let Some(list) = v.as_array() else {
                    push_err(errors, key.into(), v, "expected an array of domain names, e.g. [\"example.jp\"]");
                    return;
                };
                let mut out = Vec::new();
                for (i, d) in list.iter().enumerate() {
                    match d.as_str().and_then(parse_domain) {
                        Some(d) => out.push(d),
                        None => push_err(errors, format!("{key}[{i}]"), d, "not a domain name (write example.jp, without https:// or a path)"),
                    }
                }
                if key == "allowed_domains" { self.allowed_domains = out } else { self.blocked_domains = out }
            }
            "working_hours" => self.working_hours.set(key, v, errors),
            "posting_window" => self.posting_window.set(key, v, errors),
            "official_handles" => {
                let Some(obj) = v.as_object() else {
                    push_err(errors, key.into(), v, "expected an object {\"x\":[\"@handle\"], \"facebook\":[\"page\"]}");
                    return;
                };
                for (site, list) in obj {
                    let path = format!("{key}.{site}");
                    if site != "x" && site != "facebook" {
                        push_err(errors, path, list, "unknown site; one of x, facebook");
                        continue;
                    }
                    let Some(list) = list.as_array() else {
                        push_err(errors, path, list, "expected an array of handles");
                        continue;
                    };
                    let mut out = Vec::new();
                    for (i, h) in list.iter().enumerate() {
                        match h.as_str().and_then(parse_handle) {
                            Some(h) => out.push(h),
                            None => push_err(errors, format!("{path}[{i}]"), h, "not a handle (letters, digits, _ and ., optionally after @)"),
                        }
                    }
                    if site == "x" { self.official_handles.x = out } else { self.official_handles.facebook = out }
                }
            }
            "organisation_device" => match v.as_bool() {
                Some(b) => self.organisation_device = b,
                None => push_err(errors, key.into(), v, "expected true or false"),
            },
            _ => push_err(errors, key.into(), v, "unknown key"),
        }
    }

    /// Whether `handle` (with or without `@`, any case) is one of the organisation's on `site`
    /// (on an unknown site: on any).
    pub fn is_official_handle(&self, site: crate::post::Site, handle: &str) -> bool {
        let h = handle.trim().trim_start_matches(['@', '＠']).to_lowercase();
        let h = h.trim_end_matches('/');
        let h = h.rsplit('/').next().unwrap_or(h);
        let OfficialHandles { x, facebook } = &self.official_handles;
        let lists: &[&Vec<String>] = match site {
            crate::post::Site::X => &[x],
            crate::post::Site::Facebook => &[facebook],
            crate::post::Site::Other => &[x, facebook],
        };
        !h.is_empty() && lists.iter().any(|l| l.iter().any(|o| o == h))
    }
}

/// A domain name as an admin writes it: lower-cased, a leading `*.` or `.` dropped.
fn parse_domain(s: &str) -> Option<String> {
    let d = s.trim().to_ascii_lowercase();
    let d = d.strip_prefix("*.").or_else(|| d.strip_prefix('.')).unwrap_or(&d).trim_end_matches('.');
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    ok.then(|| d.to_string())
}

/// A handle: `@name` or `name` (X), a page name or URL slug (Facebook), lower-cased.
fn parse_handle(s: &str) -> Option<String> {
    let h = s.trim().trim_start_matches('@').to_ascii_lowercase();
    let ok = !h.is_empty() && h.len() <= 80 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
    ok.then_some(h)
}

#[cfg(test)]
mod org_tests {
    use super::*;

    #[test]
    fn org_settings_parse_and_name_every_bad_entry() {
        let (p, errors) = Policy::from_json(
            r#"{"allowed_domains":["Kanko-Kibichuo.jp","*.example.org","https://x.jp/a",3],
                "blocked_domains":"bad.example",
                "working_hours":{"days":["mon","tue","wed","thu","fri","sat"],"start":"8:45","end":"17:3O",
                                 "breaks":[{"start":"12:00","end":"12:45"},{"start":"13:00"}],"lunch":true},
                "posting_window":{"start":"18:00","end":"09:00"},
                "official_handles":{"x":["@Kibichuo_Town","bad handle"],"mastodon":["@a"]},
                "organisation_device":"yes"}"#,
        );
        assert_eq!(p.org.allowed_domains, ["kanko-kibichuo.jp", "example.org"]);
        assert!(p.org.blocked_domains.is_empty());
        let wh = &p.org.working_hours;
        assert_eq!(wh.days, [false, true, true, true, true, true, true]);
        assert_eq!((wh.start, wh.end), (8 * 60 + 45, 17 * 60 + 15), "bad end ignored, default kept");
        assert_eq!(wh.breaks, [(720, 765)]);
        assert_eq!(p.org.posting_window, Hours::weekdays_0830_1715(), "a reversed window is ignored whole");
        assert_eq!(p.org.official_handles.x, ["kibichuo_town"]);
        assert!(!p.org.organisation_device);
        let shown: Vec<String> = errors.iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
        assert_eq!(
            shown,
            [
                "allowed_domains[2] = \"https://x.jp/a\"",
                "allowed_domains[3] = 3",
                "blocked_domains = \"bad.example\"",
                "official_handles.mastodon = [\"@a\"]",
                "official_handles.x[1] = \"bad handle\"",
                "organisation_device = \"yes\"",
                "posting_window = {\"end\":\"09:00\",\"start\":\"18:00\"}",
                "working_hours.breaks[1] = {\"start\":\"13:00\"}",
                "working_hours.end = \"17:3O\"",
                "working_hours.lunch = true",
            ]
        );
    }

    #[test]
    fn defaults_are_weekdays_0830_to_1715_with_a_lunch_break_for_work() {
        let o = OrgSettings::default();
        assert_eq!(o.posting_window.describe(), "mon–fri 08:30–17:15");
        assert_eq!(o.posting_window.describe_ja(), "平日 8:30–17:15");
        assert_eq!(o.working_hours.breaks, [(720, 780)]);
        assert!(o.allowed_domains.is_empty() && o.blocked_domains.is_empty() && !o.organisation_device);
    }

    #[test]
    fn official_handles_match_per_site_ignoring_at_and_case() {
        let (p, e) = Policy::from_json(r#"{"official_handles":{"x":["@Nagareyama_City"],"facebook":["nagareyama.city"]}}"#);
        assert!(e.is_empty(), "{e:?}");
        use crate::post::Site;
        assert!(p.org.is_official_handle(Site::X, "@nagareyama_city"));
        assert!(p.org.is_official_handle(Site::X, "NAGAREYAMA_CITY"));
        assert!(!p.org.is_official_handle(Site::Facebook, "@nagareyama_city"));
        assert!(p.org.is_official_handle(Site::Facebook, "https://www.facebook.com/nagareyama.city/"));
        assert!(p.org.is_official_handle(Site::Other, "nagareyama.city"));
        assert!(!p.org.is_official_handle(Site::X, "@nagareyama_city_fan"));
        assert!(!p.org.is_official_handle(Site::X, ""));
    }
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

#[cfg(test)]
mod context_preset_tests {
    use super::*;

    fn under(preset: Preset, id: &str) -> Setting {
        preset.setting(rules::by_id(id).expect(id).meta())
    }

    #[test]
    fn each_guideline_gets_its_own_context_rules() {
        use Setting::{Off, On};
        use Severity::{Block, Info, Warn};
        // 流山市: posting window, no replies or mentions; nothing on private posts at work.
        assert_eq!(under(Preset::Nagareyama, "timing/posting-window"), On(Warn));
        assert_eq!(under(Preset::Nagareyama, "account/reply"), On(Warn));
        assert_eq!(under(Preset::Nagareyama, "timing/working-hours"), Off);
        // 室蘭市: private use at work is forbidden, obscene links blocked, no posting window.
        assert_eq!(under(Preset::Muroran, "timing/working-hours"), On(Warn));
        assert_eq!(under(Preset::Muroran, "timing/posting-window"), Off);
        assert_eq!(under(Preset::Muroran, "link/blocked-domain"), On(Block));
        assert_eq!(under(Preset::Muroran, "link/insecure"), Off);
        // 吉備中央町: links confirmed, replies allowed, personal posts from the town's devices warned.
        assert_eq!(under(Preset::Kibichuo, "link/unlisted-domain"), On(Info));
        assert_eq!(under(Preset::Kibichuo, "account/reply"), Off);
        assert_eq!(under(Preset::Kibichuo, "account/device"), On(Warn));
        // 十和田市: devices, obscene links.
        assert_eq!(under(Preset::Towada, "account/device"), On(Warn));
        assert_eq!(under(Preset::Towada, "link/blocked-domain"), On(Block));
        assert_eq!(Preset::Towada.clauses(rules::by_id("link/blocked-domain").unwrap().meta()), ["十和田市 4(3)"]);
        // strict: the union.
        for id in ["timing/posting-window", "timing/working-hours", "account/reply", "account/device", "link/insecure"] {
            assert_eq!(under(Preset::Strict, id), On(Warn), "{id}");
        }
    }
}
