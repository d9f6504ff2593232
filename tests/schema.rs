//! `extension/managed_schema.json` and the policy model stay in step: every key of the model is
//! in the schema with the same JSON type, every schema key is known to the model, the fixed
//! values (presets, gate modes, fail modes, severities, settings, categories, days) are the
//! model's, and the schema uses only what Chrome accepts for 3rdparty managed storage.

use postcheck::policy::{FailMode, GateMode, Preset, DAY_IDS, KEYS, SETTING_IDS};
use postcheck::{Category, Severity};
use serde_json::Value;

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/extension/managed_schema.json")).expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn enum_of(v: &Value) -> Vec<&str> {
    v["enum"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

#[test]
fn every_model_key_is_in_the_schema_with_its_type_and_no_other() {
    let s = schema();
    let props = s["properties"].as_object().expect("top-level properties");
    for k in KEYS {
        let p = props.get(k.name).unwrap_or_else(|| panic!("schema lacks key {}", k.name));
        assert_eq!(p["type"].as_str(), Some(k.json.id()), "type of {}", k.name);
        assert_eq!(enum_of(p), k.values, "enum of {}", k.name);
    }
    for name in props.keys() {
        assert!(KEYS.iter().any(|k| k.name == name), "schema key {name} is unknown to the model");
    }
}

#[test]
fn fixed_values_are_the_models() {
    let s = schema();
    let p = &s["properties"];
    assert_eq!(enum_of(&p["preset"]), Preset::ALL.map(Preset::id));
    assert_eq!(enum_of(&p["gate"]), GateMode::ALL.map(GateMode::id));
    assert_eq!(enum_of(&p["fail_mode"]), FailMode::ALL.map(FailMode::id));
    let category_ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
    let term = &p["custom_terms"]["items"]["properties"];
    assert_eq!(enum_of(&term["severity"]), Severity::ALL.map(Severity::id));
    assert_eq!(enum_of(&term["category"]), category_ids);
    assert_eq!(enum_of(&p["rules"]["additionalProperties"]), SETTING_IDS);
    let cats = p["categories"]["properties"].as_object().expect("categories.properties");
    assert_eq!(cats.keys().map(String::as_str).collect::<Vec<_>>(), { let mut c = category_ids.clone(); c.sort_unstable(); c });
    assert!(cats.values().all(|c| enum_of(c) == SETTING_IDS));
    for hours in ["working_hours", "posting_window"] {
        assert_eq!(enum_of(&p[hours]["properties"]["days"]["items"]), DAY_IDS, "{hours}");
    }
}

/// Walks every schema node: exactly one `type`, a string (no type arrays), from the types
/// Chrome knows, and only keywords Chrome's schema parser accepts.
fn check_node(path: &str, v: &Value, problems: &mut Vec<String>) {
    const KEYWORDS: [&str; 7] = ["type", "title", "description", "properties", "additionalProperties", "items", "enum"];
    const TYPES: [&str; 6] = ["string", "boolean", "integer", "number", "array", "object"];
    let Some(obj) = v.as_object() else {
        problems.push(format!("{path}: not an object"));
        return;
    };
    match obj.get("type") {
        Some(Value::String(t)) if TYPES.contains(&t.as_str()) => {}
        other => problems.push(format!("{path}: type {other:?}")),
    }
    for k in obj.keys() {
        if !KEYWORDS.contains(&k.as_str()) {
            problems.push(format!("{path}: keyword {k}"));
        }
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            check_node(&format!("{path}.{k}"), p, problems);
        }
    }
    for k in ["items", "additionalProperties"] {
        if let Some(n) = obj.get(k) {
            check_node(&format!("{path}.{k}"), n, problems);
        }
    }
}

#[test]
fn the_schema_is_one_chrome_accepts() {
    let s = schema();
    assert_eq!(s["type"], "object");
    assert!(s.get("additionalProperties").is_none(), "no additionalProperties at the top");
    let mut problems = Vec::new();
    check_node("(top)", &s, &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    // A key that is an object or a string (messages) is modelled as one type: the object.
    assert_eq!(s["properties"]["checklist"]["items"]["type"], "object");
    assert_eq!(s["properties"]["policy_json"]["type"], "string");
}

#[test]
fn the_cli_prints_the_schema_file() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_postcheck")).args(["policy", "schema"]).output().expect("run postcheck");
    assert_eq!(out.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(printed, schema());
}
