//! Where each key of the effective policy comes from: the admin's managed policy (Chrome/Edge
//! `storage.managed`, Firefox `policies.json`), the user's local options, or the preset.
//!
//! Precedence, key by key (top-level keys: `rules` set by the admin replaces the user's `rules`
//! whole): managed > local > preset. A managed key whose value is rejected whole (wrong type,
//! unknown preset, a reversed window) is reported and does NOT lock: the local or preset value
//! applies. Entries rejected inside an accepted value (`allowed_domains[2]`, `rules.x/y`) are
//! reported and dropped; the key still applies, and locks when managed.
//!
//! Either source may also carry the whole policy as one JSON string in `policy_json` (as
//! uBlock Origin accepts for the Windows registry); its keys merge under the keys set
//! individually in the same source, and its problems are named `policy_json.<key>`.

use super::{model_keys, not_json, object, push_err, Policy, PolicyError, Problem, Shape, POLICY_JSON};
use crate::rules::RULES;
use crate::json::{Value};

/// Where a key's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Set by the admin (enterprise policy); the user cannot change it.
    Managed,
    /// Set by the user on the options page.
    Local,
    /// Nobody set it: the preset's (or the model's) default.
    Preset,
}

impl Source {
    pub fn id(self) -> &'static str {
        match self {
            Source::Managed => "managed",
            Source::Local => "local",
            Source::Preset => "preset",
        }
    }
}

/// The policy in force and how it came about.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub policy: Policy,
    /// Every key of the model (in [`super::KEYS`] order) and where its value comes from.
    pub sources: Vec<(&'static str, Source)>,
    /// The keys the managed policy set: the options page shows them locked.
    pub locked: Vec<&'static str>,
    /// Every problem, managed first, each with its source.
    pub errors: Vec<(Source, PolicyError)>,
}

/// Resolves the effective policy from a managed and a local policy (each a JSON object, or
/// None when there is none).
pub fn resolve(managed: Option<&Value>, local: Option<&Value>) -> Resolved {
    let mut errors = Vec::new();
    let mut managed = managed.map(|v| Layer::new(v, Source::Managed, &mut errors));
    let mut local = local.map(|v| Layer::new(v, Source::Local, &mut errors));
    let mut policy = Policy::default();
    let mut sources = Vec::new();
    let mut locked = Vec::new();
    for key in model_keys() {
        let from = [managed.as_mut(), local.as_mut()].into_iter().flatten().find(|l| l.accepted.contains(&key));
        match from {
            Some(layer) => {
                policy.take(&mut layer.policy, key);
                sources.push((key, layer.source));
                if layer.source == Source::Managed {
                    locked.push(key);
                }
            }
            None => sources.push((key, Source::Preset)),
        }
    }
    Resolved { policy, sources, locked, errors }
}

/// [`resolve`] from JSON texts, as the extension has them: an empty text or `null` is no
/// policy; invalid JSON is one error and no policy from that source.
pub fn resolve_json(managed: &str, local: &str) -> Resolved {
    let mut early = Vec::new();
    let mut parse = |text: &str, source: Source| -> Option<Value> {
        if text.trim().is_empty() {
            return None;
        }
        match crate::json::from_str(text) {
            Ok(Value::Null) => None,
            Ok(v) => Some(v),
            Err(e) => {
                early.push((source, not_json(e)));
                None
            }
        }
    };
    let (m, l) = (parse(managed, Source::Managed), parse(local, Source::Local));
    let mut r = resolve(m.as_ref(), l.as_ref());
    early.append(&mut r.errors);
    r.errors = early;
    r
}

impl Resolved {
    /// `{effective, sources, locked, errors, rule_settings}`: what `resolvePolicy` returns to
    /// the extension. `rule_settings` is every rule's setting under the effective policy.
    pub fn to_value(&self) -> Value {
        let sources = object(self.sources.iter().map(|(k, s)| (k.to_string(), json!(s.id()))).collect());
        let errors: Vec<Value> = self
            .errors
            .iter()
            .map(|(s, e)| {
                let mut v = e.to_json();
                v["source"] = json!(s.id());
                v
            })
            .collect();
        let rule_settings = object(RULES.iter().map(|r| (r.meta().id.to_string(), json!(self.policy.setting(r.meta()).id()))).collect());
        json!({
            "effective": self.policy.to_value(),
            "sources": sources,
            "locked": self.locked,
            "errors": errors,
            "rule_settings": rule_settings,
        })
    }
}

/// One source's accepted keys, their values held in `policy`.
struct Layer {
    source: Source,
    policy: Policy,
    accepted: Vec<&'static str>,
}

impl Layer {
    fn new(v: &Value, source: Source, errors: &mut Vec<(Source, PolicyError)>) -> Layer {
        let mut layer = Layer { source, policy: Policy::default(), accepted: Vec::new() };
        let mut errs = Vec::new();
        let Some(obj) = v.as_object() else {
            push_err(&mut errs, "(document)".into(), v, Problem::expected(Shape::PolicyObject));
            errors.extend(errs.into_iter().map(|e| (source, e)));
            return layer;
        };
        // The whole policy as one string: under the keys set individually.
        if let Some(pj) = obj.get(POLICY_JSON) {
            match pj.as_str().map(crate::json::from_str) {
                Some(Ok(Value::Object(inner))) => {
                    for (k, val) in &inner {
                        layer.accept(k, val, "policy_json.", &mut errs);
                    }
                }
                Some(Ok(_)) => push_err(&mut errs, POLICY_JSON.into(), pj, Problem::expected(Shape::PolicyJsonObject)),
                Some(Err(e)) => push_err(&mut errs, POLICY_JSON.into(), pj, Problem::not_json(&e.to_string())),
                None => push_err(&mut errs, POLICY_JSON.into(), pj, Problem::expected(Shape::PolicyJsonString)),
            }
        }
        for (k, val) in obj {
            if k != POLICY_JSON {
                layer.accept(k, val, "", &mut errs);
            }
        }
        errors.extend(errs.into_iter().map(|e| (source, e)));
        layer
    }

    /// Validates one key; keeps its value unless it was rejected whole.
    fn accept(&mut self, key: &str, value: &Value, prefix: &str, errors: &mut Vec<PolicyError>) {
        let mut scratch = Policy::default();
        let mut errs = Vec::new();
        scratch.apply(key, value, &mut errs);
        let rejected = errs.iter().any(|e| e.key == key);
        errors.extend(errs.into_iter().map(|mut e| {
            e.key.insert_str(0, prefix);
            e
        }));
        if rejected {
            return;
        }
        if let Some(k) = model_keys().find(|m| *m == key) {
            self.policy.take(&mut scratch, k);
            if !self.accepted.contains(&k) {
                self.accepted.push(k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{GateMode, Preset};

    fn source_of(r: &Resolved, key: &str) -> &'static str {
        r.sources.iter().find(|(k, _)| *k == key).map_or("?", |(_, s)| s.id())
    }

    fn errors(r: &Resolved) -> Vec<String> {
        r.errors.iter().map(|(s, e)| format!("{} {} = {}", s.id(), e.key, e.value)).collect()
    }

    #[test]
    fn managed_beats_local_beats_preset_key_by_key() {
        let managed = json!({"preset":"kibichuo","rules":{"url/shortener":"block"}});
        let local = json!({"preset":"towada","gate":"badge","rules":{"location/address":"off"},"include_comments":true});
        let r = resolve(Some(&managed), Some(&local));
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.policy.preset, Preset::Kibichuo);
        assert_eq!(r.policy.gate, GateMode::Badge);
        assert!(r.policy.include_comments);
        // `rules` set by the admin replaces the user's whole.
        assert_eq!(r.policy.rules.keys().copied().collect::<Vec<_>>(), ["url/shortener"]);
        assert_eq!(r.locked, ["preset", "rules"]);
        assert_eq!(
            [source_of(&r, "preset"), source_of(&r, "gate"), source_of(&r, "rules"), source_of(&r, "checklist"), source_of(&r, "fail_mode")],
            ["managed", "local", "managed", "preset", "preset"]
        );
        assert_eq!(r.sources.len(), KEYS_IN_MODEL);
        // The preset's defaults follow the preset in force.
        assert!(r.policy.checklist()[0].ja.contains("吉備中央町"));
    }

    const KEYS_IN_MODEL: usize = 18;

    #[test]
    fn a_bad_managed_value_is_reported_and_does_not_lock() {
        let managed = json!({"preset":"kibichuo-town","gate":"strict","working_hours":{"start":"18:00","end":"09:00"},
                             "allowed_domains":["kanko.example.jp","https://bad/"],"colour":"red"});
        let local = json!({"preset":"muroran","gate":"block","working_hours":{"start":"09:00"}});
        let r = resolve(Some(&managed), Some(&local));
        assert_eq!(
            errors(&r),
            [
                "managed allowed_domains[1] = \"https://bad/\"",
                "managed colour = \"red\"",
                "managed gate = \"strict\"",
                "managed preset = \"kibichuo-town\"",
                "managed working_hours = {\"end\":\"09:00\",\"start\":\"18:00\"}",
            ]
        );
        assert_eq!(r.policy.preset, Preset::Muroran);
        assert_eq!(r.policy.gate, GateMode::Block);
        assert_eq!(r.policy.org.working_hours.start, 9 * 60);
        // The list with one bad entry applies (and locks) with the good one.
        assert_eq!(r.policy.org.allowed_domains, ["kanko.example.jp"]);
        assert_eq!(r.locked, ["allowed_domains"]);
        assert_eq!([source_of(&r, "preset"), source_of(&r, "working_hours")], ["local", "local"]);
        // With no local value, the preset's.
        let r = resolve(Some(&managed), None);
        assert_eq!((r.policy.preset, source_of(&r, "preset")), (Preset::Strict, "preset"));
    }

    #[test]
    fn policy_json_merges_under_the_keys_set_individually() {
        let inner = r#"{"preset":"towada","gate":"block","fail_mode":"closed","custom_terms":[{"pattern":"(x","category":"confidential"}],"policy_json":"{}","colour":1}"#;
        let managed = json!({"policy_json": inner, "gate":"badge"});
        let r = resolve(Some(&managed), Some(&json!({"include_comments":true})));
        assert_eq!((r.policy.preset, r.policy.gate), (Preset::Towada, GateMode::Badge));
        assert_eq!(r.policy.fail_mode, crate::policy::FailMode::Closed);
        assert!(r.policy.custom_terms.is_empty());
        assert_eq!(
            errors(&r),
            [
                "managed policy_json.colour = 1",
                "managed policy_json.custom_terms[0].pattern = \"(x\"",
                "managed policy_json.policy_json = \"{}\"",
            ]
        );
        assert_eq!(r.locked, ["preset", "gate", "custom_terms", "fail_mode"]);
        assert_eq!(source_of(&r, "include_comments"), "local");
        // A bad individual key falls back to policy_json's value of the same source.
        let r = resolve(Some(&json!({"policy_json": r#"{"gate":"block"}"#, "gate":"stop"})), None);
        assert_eq!(r.policy.gate, GateMode::Block);
        assert_eq!(errors(&r), ["managed gate = \"stop\""]);
        // policy_json that is not a JSON object string.
        for (pj, problem) in [(json!("{\"gate\":"), "not valid JSON"), (json!("[1]"), "expected a string holding a JSON object"), (json!({"gate":"block"}), "expected a string")] {
            let r = resolve(Some(&json!({ "policy_json": pj })), None);
            assert_eq!(r.errors.len(), 1, "{pj}");
            assert_eq!(r.errors[0].1.key, "policy_json");
            assert!(r.errors[0].1.problem.en().starts_with(problem), "{}", r.errors[0].1.problem);
            assert!(r.locked.is_empty());
        }
    }

    #[test]
    fn resolve_json_takes_the_extensions_texts() {
        let r = resolve_json("", "null");
        assert!(r.errors.is_empty() && r.locked.is_empty());
        assert_eq!(r.policy.to_value(), Policy::default().to_value());
        let r = resolve_json("{\"gate\":", "[1]");
        assert_eq!(errors(&r).len(), 2);
        assert_eq!(r.errors[0].0, Source::Managed);
        assert!(r.errors[0].1.problem.en().starts_with("not valid JSON"));
        assert_eq!((r.errors[1].0, r.errors[1].1.key.as_str()), (Source::Local, "(document)"));
        let v = resolve_json(r#"{"preset":"muroran","gate":"loud"}"#, r#"{"gate":"badge"}"#).to_value();
        assert_eq!(v["effective"]["preset"], json!("muroran"));
        assert_eq!(v["effective"]["gate"], json!("badge"));
        assert_eq!(v["sources"]["preset"], json!("managed"));
        assert_eq!(v["sources"]["gate"], json!("local"));
        assert_eq!(v["sources"]["checklist"], json!("preset"));
        assert_eq!(v["locked"], json!(["preset"]));
        assert_eq!(
            v["errors"],
            json!([{"source":"managed","key":"gate","value":"\"loud\"",
                    "code":"not_one_of","params":{"allowed":"off, badge, confirm, block"},
                    "problem":"expected one of \"off\", \"badge\", \"confirm\", \"block\"",
                    "text":{"ja":"「off」「badge」「confirm」「block」のいずれかを指定してください",
                            "en":"expected one of \"off\", \"badge\", \"confirm\", \"block\""},
                    "message":"policy key `gate` = \"loud\": expected one of \"off\", \"badge\", \"confirm\", \"block\""}])
        );
        // Every rule's setting under the effective policy: muroran turns url/shortener off.
        assert_eq!(v["rule_settings"]["url/shortener"], json!("off"));
        assert_eq!(v["rule_settings"]["link/blocked-domain"], json!("block"));
        assert_eq!(v["rule_settings"].as_object().map(|o| o.len()), Some(RULES.len()));
    }
}
