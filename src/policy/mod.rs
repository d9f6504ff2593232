//! The policy: which guideline preset is in force and how an organisation changed it.
//!
//! One model for the CLI, the WASM checker, the extension's background and its options page. A
//! policy is a JSON object; every key is optional:
//!
//! ```json
//! { "preset": "kibichuo",
//!   "gate": "confirm",
//!   "rules": { "url/service-shortener": "info" },
//!   "categories": { "location": "block" },
//!   "custom_terms": [ { "term": "庁内限り", "category": "confidential", "severity": "block",
//!                       "message": { "ja": "庁内限りの資料です。", "en": "Internal only." } } ],
//!   "allowed_phone_numbers": ["0866-54-1301"],
//!   "checklist": [ { "ja": "所属長の承認を得ましたか", "en": "Has your head of section approved it?" } ],
//!   "organisation": { "name": { "ja": "吉備中央町", "en": "Kibichuo Town" }, "contact": "総務課 0866-54-1301" },
//!   "fail_mode": "open",
//!   "include_comments": false }
//! ```
//!
//! [`KEYS`] lists every key with its JSON type (`extension/managed_schema.json` mirrors it, kept in
//! step by `tests/schema.rs`). Validation names every bad key and value; a bad entry is reported
//! and ignored, and checking goes on with the rest and the preset. Precedence for a rule's
//! severity: `rules` > `categories` > the preset's table > the rule's default. Precedence
//! between sources (managed policy > local options > preset) is [`resolve`]'s.

mod custom;
mod org;
mod presets;
mod problem;
mod resolve;

pub use custom::{CustomTerm, Matcher, MAX_PATTERN_LEN, MAX_TERMS};
pub use org::{Hours, OfficialHandles, OrgSettings, DAY_IDS};
pub use presets::Preset;
pub use problem::{Effect, Problem, Shape};
pub use resolve::{resolve, resolve_json, Resolved, Source};

use crate::finding::{Category, Message, Severity};
use crate::rules::{self, RuleMeta};
use crate::json::{Map, ToJson, Value};
use std::borrow::Cow;
use std::fmt;

/// A JSON object of `pairs` (a later key replaces an earlier one). Not `collect()`: each
/// collected iterator type compiles its own sort into the WASM (about 4 KB each).
pub(crate) fn object(pairs: Vec<(String, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert(k, v);
    }
    Value::Object(m)
}

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

/// What the extension's gate does when the post button is pressed (`gate`). The checker itself
/// does not read it; the extension does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GateMode {
    /// The extension does not check this profile's posts at all: no underline, no badge, no
    /// dialog (the admin's switch for a group that must not be checked).
    Off,
    /// Underlines, badge and cards; the post is never stopped.
    Badge,
    /// A dialog asks before a post with a `warn` or `block` finding goes out; "post anyway" is
    /// offered unless a finding is `block`.
    #[default]
    Confirm,
    /// Any `warn` or `block` finding stops the post; no "post anyway".
    Block,
}

impl GateMode {
    pub const ALL: [GateMode; 4] = [GateMode::Off, GateMode::Badge, GateMode::Confirm, GateMode::Block];
    pub fn id(self) -> &'static str {
        match self {
            GateMode::Off => "off",
            GateMode::Badge => "badge",
            GateMode::Confirm => "confirm",
            GateMode::Block => "block",
        }
    }
    pub fn from_id(s: &str) -> Option<GateMode> {
        GateMode::ALL.into_iter().find(|g| g.id() == s)
    }
}

/// What the extension does when the checker cannot run (the WASM fails to load, a check times
/// out) (`fail_mode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailMode {
    /// Posts go out unchecked; the badge says the checker is not running.
    #[default]
    Open,
    /// The post button is stopped with a dialog saying the checker is not running and whom to
    /// contact (`organisation.contact`).
    Closed,
}

impl FailMode {
    pub const ALL: [FailMode; 2] = [FailMode::Open, FailMode::Closed];
    pub fn id(self) -> &'static str {
        match self {
            FailMode::Open => "open",
            FailMode::Closed => "closed",
        }
    }
    pub fn from_id(s: &str) -> Option<FailMode> {
        FailMode::ALL.into_iter().find(|g| g.id() == s)
    }
}

/// The JSON type of a policy key's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    String,
    Boolean,
    Array,
    Object,
}

impl JsonType {
    /// The JSON Schema name of the type.
    pub fn id(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Boolean => "boolean",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }
}

/// A top-level policy key: its name, its JSON type and, for a string with fixed values, those.
#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub name: &'static str,
    pub json: JsonType,
    pub values: &'static [&'static str],
}

const fn key(name: &'static str, json: JsonType) -> KeySpec {
    KeySpec { name, json, values: &[] }
}

/// Every top-level key of the model, in the order the effective policy lists them. The last,
/// `policy_json`, is input only: the whole policy as one JSON string (for the Windows registry,
/// where nested values are awkward); its keys merge under the keys set individually.
pub const KEYS: &[KeySpec] = &[
    KeySpec { name: "preset", json: JsonType::String, values: &["strict", "kibichuo", "muroran", "nagareyama", "towada"] },
    KeySpec { name: "gate", json: JsonType::String, values: &["off", "badge", "confirm", "block"] },
    key("rules", JsonType::Object),
    key("categories", JsonType::Object),
    key("custom_terms", JsonType::Array),
    key("allowed_domains", JsonType::Array),
    key("blocked_domains", JsonType::Array),
    key("allowed_email_domains", JsonType::Array),
    key("allowed_phone_numbers", JsonType::Array),
    key("official_handles", JsonType::Object),
    key("organisation_device", JsonType::Boolean),
    key("working_hours", JsonType::Object),
    key("posting_window", JsonType::Object),
    key("checklist", JsonType::Array),
    key("organisation", JsonType::Object),
    KeySpec { name: "fail_mode", json: JsonType::String, values: &["open", "closed"] },
    key("include_comments", JsonType::Boolean),
    KeySpec { name: "photo_consent_reminder", json: JsonType::String, values: &["off", "personal", "always"] },
    key(POLICY_JSON, JsonType::String),
];

/// The key holding a whole policy as one JSON string.
pub const POLICY_JSON: &str = "policy_json";

/// The values a rule or category setting takes (`rules.*`, `categories.*`).
pub const SETTING_IDS: [&str; 4] = ["off", "info", "warn", "block"];

/// The keys of the effective policy (every key but `policy_json`).
pub fn model_keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|k| k.name).filter(|k| *k != POLICY_JSON)
}

/// The organisation named in messages: its name and whom to contact (`organisation`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organisation {
    pub name: Option<Message>,
    pub contact: Option<String>,
}

/// Settings by key (rule id or category), in key order: a sorted list, a handful of entries,
/// where a `BTreeMap` compiled its B-tree code for each key type into the WASM (1 KB gzipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings<K>(Vec<(K, Setting)>);

impl<K> Default for Settings<K> {
    fn default() -> Self {
        Settings(Vec::new())
    }
}

impl<K: Ord> Settings<K> {
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&Setting>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// Sets `key`, replacing its setting if it has one.
    pub fn insert(&mut self, key: K, setting: Setting) {
        match self.find(&key) {
            Ok(i) => self.0[i].1 = setting,
            Err(i) => self.0.insert(i, (key, setting)),
        }
    }

    /// The settings in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &Setting)> {
        self.0.iter().map(|(k, s)| (k, s))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An organisation's policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub preset: Preset,
    /// What the extension's gate does (`gate`).
    pub gate: GateMode,
    /// Per-rule settings, by rule id.
    pub rules: Settings<&'static str>,
    /// Per-category settings.
    pub categories: Settings<Category>,
    /// The organisation's own terms and patterns, reported by `custom/term` (`custom_terms`).
    pub custom_terms: Vec<CustomTerm>,
    // --- allowed_email_domains (pii/email) ---
    /// Domains whose e-mail addresses may be posted (`allowed_email_domains`); a domain also
    /// allows its subdomains. `None`: the default, [`DEFAULT_EMAIL_DOMAINS`].
    pub allowed_email_domains: Option<Vec<String>>,
    // --- end allowed_email_domains ---
    /// Phone numbers `pii/phone` does not report (`allowed_phone_numbers`): national digits,
    /// e.g. `0866541301`.
    pub allowed_phone_numbers: Vec<String>,
    /// The organisation's settings the context rules read (links, hours, handles, devices).
    pub org: OrgSettings,
    /// Questions the gate's dialog asks on official accounts (`checklist`). `None`: the
    /// preset's.
    pub checklist: Option<Vec<Message>>,
    /// `None`: the preset's municipality, no contact.
    pub organisation: Option<Organisation>,
    pub fail_mode: FailMode,
    /// Check Facebook comment boxes too (`include_comments`).
    pub include_comments: bool,
    // --- photo_consent_reminder (image/people-consent) ---
    /// When to remind of the consent of the people in an attached photo: `"off"`,
    /// `"personal"` (the default: personal and unknown accounts) or `"always"`.
    pub photo_consent_reminder: crate::image::ConsentReminder,
    // --- end photo_consent_reminder ---
}

/// A problem in a policy: the key, the value found and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// Dotted path of the key, e.g. `rules.url/shortner`, `custom_terms[3].pattern`.
    pub key: String,
    /// The value found, as JSON.
    pub value: String,
    /// What is wrong: stable code, parameters, text in Japanese and English.
    pub problem: Problem,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "policy key `{}` = {}: {}", self.key, self.value, self.problem)
    }
}

fn push_err(errors: &mut Vec<PolicyError>, key: String, value: &Value, problem: Problem) {
    errors.push(PolicyError { key, value: value.to_string(), problem });
}

impl PolicyError {
    /// `{key, value, code, params, problem, text: {ja, en}, message}`: `problem` and `message`
    /// in English (as the CLI prints them), `text` in both languages for the options page.
    pub fn to_json(&self) -> Value {
        let params = object(self.problem.params().iter().map(|(k, v)| (k.to_string(), json!(v))).collect());
        json!({
            "key": self.key, "value": self.value, "code": self.problem.code(), "params": params,
            "problem": self.problem.en(), "text": { "ja": self.problem.ja(), "en": self.problem.en() }, "message": self.to_string(),
        })
    }
}

impl Policy {
    /// The setting in force for a rule. `custom/term` reports each term in the term's own
    /// category, so `categories` switch its terms one by one (in the rule) rather than the rule.
    pub fn setting(&self, meta: &RuleMeta) -> Setting {
        if let Some(s) = self.rules.get(meta.id) {
            return *s;
        }
        if meta.id != rules::custom::term::ID {
            if let Some(s) = self.categories.get(&meta.category) {
                return *s;
            }
        }
        self.preset.setting(meta)
    }

    /// Parses a policy from JSON. Returns the policy built from every valid entry and a list of
    /// the invalid ones (each ignored). Invalid JSON as a whole yields the default policy and one
    /// error.
    pub fn from_json(json: &str) -> (Policy, Vec<PolicyError>) {
        match crate::json::from_str(json) {
            Ok(v) => Policy::from_value(&v),
            Err(e) => (Policy::default(), vec![not_json(e)]),
        }
    }

    /// Parses a policy from a JSON value: [`resolve`] with this one source.
    pub fn from_value(v: &Value) -> (Policy, Vec<PolicyError>) {
        let r = resolve(Some(v), None);
        (r.policy, r.errors.into_iter().map(|(_, e)| e).collect())
    }

    /// Sets one top-level key from its JSON value. An error whose key is `key` itself means the
    /// value was rejected whole and the field is unchanged; errors deeper down (`key[2]`,
    /// `key.sub`) name entries that were dropped while the rest applied.
    fn apply(&mut self, key: &str, value: &Value, errors: &mut Vec<PolicyError>) {
        let key_s = || key.to_string();
        match key {
            "preset" => match value.as_str().and_then(Preset::from_id) {
                Some(preset) => self.preset = preset,
                None => push_err(errors, key_s(), value, Problem::unknown_preset(&preset_ids())),
            },
            "gate" => match value.as_str().and_then(GateMode::from_id) {
                Some(g) => self.gate = g,
                None => push_err(errors, key_s(), value, Problem::one_of(&["off", "badge", "confirm", "block"])),
            },
            "fail_mode" => match value.as_str().and_then(FailMode::from_id) {
                Some(f) => self.fail_mode = f,
                None => push_err(errors, key_s(), value, Problem::one_of(&["open", "closed"])),
            },
            // --- photo_consent_reminder (image/people-consent) ---
            "photo_consent_reminder" => match value.as_str().and_then(crate::image::ConsentReminder::from_id) {
                Some(c) => self.photo_consent_reminder = c,
                None => push_err(errors, key_s(), value, Problem::one_of(&["off", "personal", "always"])),
            },
            // --- end photo_consent_reminder ---
            "include_comments" => match value.as_bool() {
                Some(b) => self.include_comments = b,
                None => push_err(errors, key_s(), value, Problem::boolean()),
            },
            "rules" | "categories" => {
                let Some(map) = value.as_object() else {
                    push_err(errors, key_s(), value, Problem::expected(Shape::SeverityMap));
                    return;
                };
                for (id, s) in map {
                    let path = format!("{key}.{id}");
                    let Some(setting) = s.as_str().and_then(Setting::from_id) else {
                        push_err(errors, path, s, Problem::one_of(&["off", "info", "warn", "block"]));
                        continue;
                    };
                    if key == "rules" {
                        match rules::by_id(id) {
                            Some(r) => {
                                self.rules.insert(r.meta().id, setting);
                            }
                            None => push_err(errors, path, s, Problem::unknown_rule()),
                        }
                    } else {
                        match Category::from_id(id) {
                            Some(c) => {
                                self.categories.insert(c, setting);
                            }
                            None => push_err(errors, path, s, Problem::unknown_category(&category_ids())),
                        }
                    }
                }
            }
            "custom_terms" => {
                if let Some(terms) = custom::parse_terms(key, value, errors) {
                    self.custom_terms = terms;
                }
            }
            // --- allowed_email_domains (pii/email) ---
            "allowed_email_domains" => {
                let Some(list) = value.as_array() else {
                    push_err(errors, key_s(), value, Problem::expected(Shape::EmailDomainList));
                    return;
                };
                let mut domains = Vec::new();
                for (n, d) in list.iter().enumerate() {
                    match d.as_str().and_then(email_domain) {
                        Some(d) => domains.push(d),
                        None => push_err(
                            errors,
                            format!("{key}[{n}]"),
                            d,
                            Problem::not_an_email_domain(),
                        ),
                    }
                }
                self.allowed_email_domains = Some(domains);
            }
            // --- end allowed_email_domains ---
            "allowed_phone_numbers" => {
                let Some(list) = value.as_array() else {
                    push_err(errors, key_s(), value, Problem::expected(Shape::PhoneList));
                    return;
                };
                let mut numbers = Vec::new();
                for (n, d) in list.iter().enumerate() {
                    match d.as_str().and_then(phone_number) {
                        Some(d) => numbers.push(d),
                        None => push_err(
                            errors,
                            format!("{key}[{n}]"),
                            d,
                            Problem::not_a_phone_number(),
                        ),
                    }
                }
                self.allowed_phone_numbers = numbers;
            }
            "checklist" => {
                let Some(list) = value.as_array() else {
                    push_err(errors, key_s(), value, Problem::expected(Shape::MessageList));
                    return;
                };
                let mut items = Vec::new();
                for (n, item) in list.iter().enumerate() {
                    let path = format!("{key}[{n}]");
                    if n >= MAX_CHECKLIST {
                        push_err(errors, path, item, Problem::too_many_questions(MAX_CHECKLIST));
                        break;
                    }
                    if let Some(m) = parse_message(&path, item, errors) {
                        items.push(m);
                    }
                }
                self.checklist = Some(items);
            }
            "organisation" => {
                let Some(obj) = value.as_object() else {
                    push_err(errors, key_s(), value, Problem::expected(Shape::Organisation));
                    return;
                };
                let mut o = Organisation::default();
                for (k, v) in obj {
                    let path = format!("{key}.{k}");
                    match k.as_str() {
                        "name" => o.name = parse_message(&path, v, errors),
                        "contact" => match v.as_str().map(str::trim) {
                            Some(c) if !c.is_empty() && c.chars().count() <= MAX_TEXT => o.contact = Some(c.to_string()),
                            _ => push_err(errors, path, v, Problem::expected(Shape::Text)),
                        },
                        _ => push_err(errors, path, v, Problem::unknown_key(Some("name, contact"))),
                    }
                }
                self.organisation = Some(o);
            }
            POLICY_JSON => push_err(errors, key_s(), value, Problem::nested_policy_json()),
            k if OrgSettings::KEYS.contains(&k) => self.org.set(k, value, errors),
            _ => push_err(errors, key_s(), value, Problem::unknown_key(None)),
        }
    }

    /// Moves the field of top-level `key` from `from` into `self`.
    fn take(&mut self, from: &mut Policy, key: &str) {
        use std::mem::take;
        match key {
            "preset" => self.preset = from.preset,
            "gate" => self.gate = from.gate,
            "rules" => self.rules = take(&mut from.rules),
            "categories" => self.categories = take(&mut from.categories),
            "custom_terms" => self.custom_terms = take(&mut from.custom_terms),
            "allowed_email_domains" => self.allowed_email_domains = take(&mut from.allowed_email_domains),
            "allowed_phone_numbers" => self.allowed_phone_numbers = take(&mut from.allowed_phone_numbers),
            "checklist" => self.checklist = take(&mut from.checklist),
            "organisation" => self.organisation = take(&mut from.organisation),
            "fail_mode" => self.fail_mode = from.fail_mode,
            "include_comments" => self.include_comments = from.include_comments,
            "photo_consent_reminder" => self.photo_consent_reminder = from.photo_consent_reminder,
            k => self.org.take(&mut from.org, k),
        }
    }

    /// The questions the gate asks on official accounts: the policy's, else the preset's.
    pub fn checklist(&self) -> Vec<Message> {
        match &self.checklist {
            Some(list) => list.clone(),
            None => self.preset.checklist().iter().map(|m| Message::from(*m)).collect(),
        }
    }

    /// The organisation: the policy's, else the preset's municipality.
    pub fn organisation(&self) -> Organisation {
        match &self.organisation {
            Some(o) => o.clone(),
            None => Organisation { name: self.preset.organisation_name().map(Message::from), contact: None },
        }
    }

    /// The value of one top-level key in the effective policy (defaults filled in).
    pub fn value_of(&self, key: &str) -> Value {
        let settings = |it: &mut dyn Iterator<Item = (&str, Setting)>| -> Value {
            object(it.map(|(k, s)| (k.to_string(), json!(s.id()))).collect())
        };
        match key {
            "preset" => json!(self.preset.id()),
            "gate" => json!(self.gate.id()),
            "rules" => settings(&mut self.rules.iter().map(|(k, s)| (*k, *s))),
            "categories" => settings(&mut self.categories.iter().map(|(k, s)| (k.id(), *s))),
            "custom_terms" => Value::Array(self.custom_terms.iter().map(CustomTerm::to_value).collect()),
            "allowed_email_domains" => match &self.allowed_email_domains {
                Some(list) => json!(list),
                None => json!(DEFAULT_EMAIL_DOMAINS),
            },
            "allowed_phone_numbers" => json!(self.allowed_phone_numbers),
            "checklist" => Value::Array(self.checklist().iter().map(message_value).collect()),
            "organisation" => {
                let o = self.organisation();
                let mut m = Map::new();
                if let Some(n) = &o.name {
                    m.insert("name".into(), message_value(n));
                }
                if let Some(c) = o.contact {
                    m.insert("contact".into(), json!(c));
                }
                Value::Object(m)
            }
            "fail_mode" => json!(self.fail_mode.id()),
            "include_comments" => json!(self.include_comments),
            "photo_consent_reminder" => json!(self.photo_consent_reminder.id()),
            k => self.org.value_of(k),
        }
    }

    /// The effective policy as JSON: every key of the model, defaults filled in. Parsing it
    /// again gives a policy that checks the same way (and serialises the same).
    pub fn to_value(&self) -> Value {
        object(model_keys().map(|k| (k.to_string(), self.value_of(k))).collect())
    }

    /// Whether `pii/phone` may leave out this phone number (as found in the normalised text).
    pub fn phone_allowed(&self, found: &str) -> bool {
        !self.allowed_phone_numbers.is_empty() && {
            let digits = national_digits(found);
            self.allowed_phone_numbers.iter().any(|n| *n == digits)
        }
    }
}

impl ToJson for Policy {
    fn to_json(&self) -> Value {
        self.to_value()
    }
}

fn not_json(e: crate::json::Error) -> PolicyError {
    PolicyError { key: "(document)".into(), value: String::new(), problem: Problem::not_json(&e.to_string()) }
}

/// At most this many checklist questions.
pub const MAX_CHECKLIST: usize = 20;
/// At most this many characters in a message, a checklist question or a contact.
pub const MAX_TEXT: usize = 500;

fn message_value(m: &Message) -> Value {
    json!({ "ja": m.ja, "en": m.en })
}

/// A message as an admin writes it: `{"ja":"…","en":"…"}` (one of the two may be left out and
/// the other is used for both) or a string (the same in both languages).
fn parse_message(path: &str, v: &Value, errors: &mut Vec<PolicyError>) -> Option<Message> {
    let text = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.chars().count() <= MAX_TEXT).then(|| s.to_string())
    };
    if let Some(s) = v.as_str() {
        let Some(s) = text(s) else {
            push_err(errors, path.into(), v, Problem::expected(Shape::Message));
            return None;
        };
        return Some(Message { ja: Cow::Owned(s.clone()), en: Cow::Owned(s) });
    }
    let Some(obj) = v.as_object() else {
        push_err(errors, path.into(), v, Problem::expected(Shape::Message));
        return None;
    };
    let (mut ja, mut en) = (None, None);
    for (k, val) in obj {
        let slot = match k.as_str() {
            "ja" => &mut ja,
            "en" => &mut en,
            _ => {
                push_err(errors, format!("{path}.{k}"), val, Problem::unknown_key(Some("ja, en")));
                continue;
            }
        };
        match val.as_str().and_then(text) {
            Some(s) => *slot = Some(s),
            None => push_err(errors, format!("{path}.{k}"), val, Problem::expected(Shape::Text)),
        }
    }
    match (ja, en) {
        (Some(ja), Some(en)) => Some(Message { ja: Cow::Owned(ja), en: Cow::Owned(en) }),
        (Some(one), None) | (None, Some(one)) => Some(Message { ja: Cow::Owned(one.clone()), en: Cow::Owned(one) }),
        (None, None) => {
            if !obj.keys().any(|k| k == "ja" || k == "en") {
                push_err(errors, path.into(), v, Problem::expected(Shape::Message));
            }
            None
        }
    }
}

/// The national digits of a phone number as written (`+81 866-54-1301` → `0866541301`).
pub fn national_digits(s: &str) -> String {
    let s = s.trim();
    match s.strip_prefix("+81") {
        Some(rest) => {
            let rest = rest.trim_start_matches(|c: char| c == ' ' || crate::rules::pii::common::is_dash(c));
            let rest = rest.strip_prefix("(0)").unwrap_or(rest);
            let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
            if digits.starts_with('0') { digits } else { format!("0{digits}") }
        }
        None => s.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// A phone number as an admin writes it, to national digits; None when it is not a number
/// `pii/phone` would report.
fn phone_number(s: &str) -> Option<String> {
    let norm = crate::text::Normalized::new(s);
    let t = norm.text.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || crate::text::one_of(" -+()", c) || crate::rules::pii::common::is_dash(c)) {
        return None;
    }
    let digits = national_digits(t);
    rules::pii::phone::classify(&digits).map(|_| digits)
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
        assert!(e.iter().all(|e| e.problem.en().starts_with("not a domain")));
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
        assert!(errors[0].problem.en().starts_with("not valid JSON"));
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
mod model_tests {
    use super::*;
    use crate::post::{Account, Context};
    use crate::{Checker, Post};

    fn errors_of(json: &str) -> Vec<String> {
        Policy::from_json(json).1.iter().map(|e| format!("{} = {}", e.key, e.value)).collect()
    }

    #[test]
    fn gate_fail_mode_and_comments_parse_with_defaults() {
        let p = Policy::default();
        assert_eq!((p.gate, p.fail_mode, p.include_comments), (GateMode::Confirm, FailMode::Open, false));
        let (p, e) = Policy::from_json(r#"{"gate":"block","fail_mode":"closed","include_comments":true}"#);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!((p.gate, p.fail_mode, p.include_comments), (GateMode::Block, FailMode::Closed, true));
        let (p, e) = Policy::from_json(r#"{"gate":"Block","fail_mode":true,"include_comments":"yes"}"#);
        assert_eq!(p, Policy::default());
        let shown: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            shown,
            [
                "policy key `fail_mode` = true: expected \"open\" or \"closed\"",
                "policy key `gate` = \"Block\": expected one of \"off\", \"badge\", \"confirm\", \"block\"",
                "policy key `include_comments` = \"yes\": expected true or false",
            ]
        );
    }

    fn phone_findings(policy: &str, text: &str) -> Vec<String> {
        let (p, e) = Policy::from_json(policy);
        assert!(e.is_empty(), "{e:?}");
        let r = Checker::new(p).check(&Post { text, context: Context { account: Account::Official, ..Context::default() } });
        r.findings.iter().filter(|f| f.rule == "pii/phone").map(|f| crate::text::slice16(text, f.start, f.end)).collect()
    }

    #[test]
    fn allowed_phone_numbers_are_not_reported_in_any_form() {
        let text = "総務課 0866-54-1301、夜間は ０８６６（５４）１３０２、担当携帯 090-1234-5678 まで";
        assert_eq!(phone_findings("{}", text), ["0866-54-1301", "０８６６（５４）１３０２", "090-1234-5678"]);
        let policy = r#"{"allowed_phone_numbers":["0866-54-1301","+81 866 54 1302","＋８１ ９０ １２３４ ５６７８"]}"#;
        assert!(phone_findings(policy, text).is_empty());
        let (p, _) = Policy::from_json(policy);
        assert_eq!(p.allowed_phone_numbers, ["0866541301", "0866541302", "09012345678"]);
        // Only the listed numbers: the neighbour of an allowed number is still reported.
        assert_eq!(phone_findings(r#"{"allowed_phone_numbers":["0866541301"]}"#, "0866-54-1301 と 0866-54-1309"), ["0866-54-1309"]);
        assert_eq!(
            errors_of(r#"{"allowed_phone_numbers":["0866-54-1301","54-1301","tel:0866541301","0866-54-13011",7]}"#),
            ["allowed_phone_numbers[1] = \"54-1301\"", "allowed_phone_numbers[2] = \"tel:0866541301\"", "allowed_phone_numbers[3] = \"0866-54-13011\"", "allowed_phone_numbers[4] = 7"]
        );
        assert_eq!(errors_of(r#"{"allowed_phone_numbers":"0866-54-1301"}"#), ["allowed_phone_numbers = \"0866-54-1301\""]);
    }

    #[test]
    fn checklist_and_organisation_default_to_the_presets() {
        let (p, _) = Policy::from_json(r#"{"preset":"kibichuo"}"#);
        let list = p.checklist();
        assert_eq!(list[0].ja, "所属長が発信を認めた内容ですか（吉備中央町 4(9)②）");
        assert_eq!(p.organisation().name.map(|n| n.ja), Some("吉備中央町".into()));
        assert_eq!(Policy::default().organisation(), Organisation::default());
        for preset in Preset::ALL {
            let list = preset.checklist();
            assert!(!list.is_empty(), "{preset:?}");
            if let Some(m) = preset.municipality() {
                assert!(list.iter().all(|q| q.ja.contains(m) && q.en.contains(m)), "{preset:?}: every question cites its guideline");
            }
        }
        let (p, e) = Policy::from_json(
            r#"{"preset":"kibichuo","checklist":[{"ja":"所属長の承認を得ましたか","en":"Approved by your head of section?"},"写真の掲載許可は取りましたか",{"en":"Checked the link?"},{"ja":""},3],
                "organisation":{"name":{"ja":"吉備中央町 総務課","en":"Kibichuo Town, General Affairs"},"contact":"0866-54-1301","fax":"x"}}"#,
        );
        let shown: Vec<String> = e.iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
        assert_eq!(shown, ["checklist[3].ja = \"\"", "checklist[4] = 3", "organisation.fax = \"x\""]);
        let checklist = p.checklist();
        let list: Vec<(&str, &str)> = checklist.iter().map(|m| (m.ja.as_ref(), m.en.as_ref())).collect();
        assert_eq!(
            list,
            [
                ("所属長の承認を得ましたか", "Approved by your head of section?"),
                ("写真の掲載許可は取りましたか", "写真の掲載許可は取りましたか"),
                ("Checked the link?", "Checked the link?"),
            ]
        );
        let o = p.organisation();
        assert_eq!(o.name.map(|n| n.en.to_string()), Some("Kibichuo Town, General Affairs".into()));
        assert_eq!(o.contact.as_deref(), Some("0866-54-1301"));
        let many = vec![r#""確認しましたか""#; MAX_CHECKLIST + 1].join(",");
        assert_eq!(errors_of(&format!(r#"{{"checklist":[{many}]}}"#)), [format!("checklist[{MAX_CHECKLIST}] = \"確認しましたか\"")]);
    }

    #[test]
    fn the_effective_policy_lists_every_key_and_parses_back_the_same() {
        let rich = r#"{"preset":"nagareyama","gate":"badge","rules":{"url/shortener":"block"},"categories":{"location":"off"},
            "custom_terms":[{"id":"a","term":"庁内限り","category":"confidential","severity":"block"},{"pattern":"pj-\\d+","category":"security"}],
            "allowed_domains":["kanko.example.jp"],"blocked_domains":["bad.example"],"allowed_email_domains":["city.nagareyama.chiba.jp"],
            "allowed_phone_numbers":["04-7150-6076"],"official_handles":{"x":["@nagareyama_city"]},"organisation_device":true,
            "working_hours":{"start":"09:00","breaks":[]},"posting_window":{"days":["mon","wed"],"end":"17:00","holidays_off":false},
            "checklist":["確認しましたか"],"organisation":{"contact":"広報課"},"fail_mode":"closed","include_comments":true}"#;
        for json in ["{}", rich] {
            let (p, e) = Policy::from_json(json);
            assert!(e.is_empty(), "{e:?}");
            let v = p.to_value();
            let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
            let mut want: Vec<&str> = model_keys().collect();
            want.sort_unstable();
            assert_eq!(keys, want);
            let (again, e) = Policy::from_value(&v);
            assert!(e.is_empty(), "{e:?}");
            assert_eq!(again.to_value(), v);
            assert_eq!(crate::json::to_value(&p), v, "ToJson is the effective policy");
        }
        let (p, _) = Policy::from_json(rich);
        let v = p.to_value();
        assert_eq!(v["working_hours"], json!({"days":["mon","tue","wed","thu","fri"],"start":"09:00","end":"17:15","breaks":[],"holidays_off":true}));
        assert_eq!(v["posting_window"], json!({"days":["mon","wed"],"start":"08:30","end":"17:00","breaks":[],"holidays_off":false}));
        assert_eq!(v["allowed_phone_numbers"], json!(["0471506076"]));
        assert_eq!(v["organisation"], json!({"contact":"広報課"}));
        assert_eq!(v["custom_terms"][1]["id"], json!("custom-2"));
        let d = Policy::default().to_value();
        assert_eq!(d["allowed_email_domains"], json!(["lg.jp", "go.jp"]));
        assert_eq!(d["gate"], json!("confirm"));
        assert_eq!(d["official_handles"], json!({"x":[],"facebook":[]}));
    }

    #[test]
    fn keys_table_matches_what_the_parser_accepts() {
        // Every key of the table is known to the parser (a value of the wrong type is refused
        // with a type message, never as an unknown key), and an unknown key is refused.
        for k in KEYS {
            let mut scratch = Policy::default();
            let mut errors = Vec::new();
            scratch.apply(k.name, &json!(12345), &mut errors);
            assert_eq!(errors.len(), 1, "{}", k.name);
            assert_ne!(errors[0].problem.code(), "unknown_key", "{}", k.name);
        }
        assert_eq!(KEYS[0].values, Preset::ALL.map(Preset::id));
        assert_eq!(KEYS.iter().find(|k| k.name == "gate").unwrap().values, GateMode::ALL.map(GateMode::id));
        assert_eq!(KEYS.iter().find(|k| k.name == "fail_mode").unwrap().values, FailMode::ALL.map(FailMode::id));
        assert_eq!(errors_of(r#"{"gates":"block"}"#), ["gates = \"block\""]);
    }
}
