//! The sample policy files under docs/policies/ (one directory per preset: Chrome's managed
//! JSON, Firefox's policies.json, a Windows .reg for Chrome and Edge with the `policy_json`
//! string form) hold the extension's policy where each browser looks for it, pass the managed
//! schema, and go through the model with zero errors; the three forms give the same policy.
//! Also `postcheck policy check` on good and bad files.

use postcheck::policy::{resolve, Policy, Preset};
use postcheck::json;
use postcheck::json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROME_ID: &str = "heigapdgdkhdkmecenjcbklchhhaachj";
const FIREFOX_ID: &str = "postcheck@postcheck.jp";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(p: &Path) -> Value {
    json::from_str(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn schema() -> Value {
    read_json(&root().join("extension/managed_schema.json"))
}

/// What Chrome checks: types, enums, known properties.
fn conforms(path: &str, v: &Value, s: &Value, problems: &mut Vec<String>) {
    let ok = match s["type"].as_str() {
        Some("string") => v.is_string(),
        Some("boolean") => v.is_boolean(),
        Some("array") => v.is_array(),
        Some("object") => v.is_object(),
        _ => false,
    };
    if !ok {
        problems.push(format!("{path}: {v} is not {}", s["type"]));
        return;
    }
    if let Some(e) = s["enum"].as_array() {
        if !e.contains(v) {
            problems.push(format!("{path}: {v} not in {e:?}"));
        }
    }
    if let Some(items) = v.as_array() {
        for (i, item) in items.iter().enumerate() {
            conforms(&format!("{path}[{i}]"), item, &s["items"], problems);
        }
    }
    if let Some(obj) = v.as_object() {
        for (k, val) in obj {
            match s["properties"].get(k).or(s.get("additionalProperties")) {
                Some(sub) => conforms(&format!("{path}.{k}"), val, sub, problems),
                None => problems.push(format!("{path}.{k}: not in the schema")),
            }
        }
    }
}

/// The policy values of one registry key of a .reg file, as Chrome reads them: REG_SZ strings
/// (JSON for array and object policies), REG_DWORD for booleans.
fn reg_policy(text: &str, section: &str, schema: &Value) -> Value {
    let mut out = Map::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('[') {
            inside = line == format!("[{section}]");
            continue;
        }
        if !inside || !line.starts_with('"') {
            continue;
        }
        let (name, value) = line.split_once("\"=").expect("name=value");
        let name = &name[1..];
        let v = if let Some(hex) = value.strip_prefix("dword:") {
            Value::Bool(u32::from_str_radix(hex, 16).expect("dword") != 0)
        } else {
            let raw = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).expect("quoted string");
            let mut s = String::new();
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                s.push(if c == '\\' { chars.next().expect("escape") } else { c });
            }
            match schema["properties"][name]["type"].as_str() {
                Some("array" | "object") => json::from_str(&s).expect("JSON in REG_SZ"),
                _ => Value::String(s),
            }
        };
        assert!(text.is_ascii(), "a .reg file stays ASCII (JSON \\u escapes) so regedit reads it in any code page");
        out.insert(name.to_string(), v);
    }
    assert!(!out.is_empty(), "no values under [{section}]");
    Value::Object(out)
}

fn effective(policy: &Value, what: &str) -> Value {
    let r = resolve(Some(policy), None);
    let errors: Vec<String> = r.errors.iter().map(|(_, e)| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    r.policy.to_value()
}

#[test]
fn every_sample_policy_is_valid_in_each_browsers_form() {
    let schema = schema();
    let mut checked = 0;
    for preset in Preset::ALL {
        let dir = root().join("docs/policies").join(preset.id());
        // Chrome (Linux /etc/opt/chrome/policies/managed/, also the macOS profile's content).
        let chrome = read_json(&dir.join("chrome-managed.json"));
        let settings = &chrome["ExtensionSettings"][CHROME_ID];
        assert_eq!(settings["installation_mode"], "force_installed", "{}", preset.id());
        assert!(settings["update_url"].as_str().is_some_and(|u| u.starts_with("https://")));
        let from_chrome = &chrome["3rdparty"]["extensions"][CHROME_ID];
        let mut problems = Vec::new();
        conforms("chrome", from_chrome, &schema, &mut problems);
        assert!(problems.is_empty(), "{}: {problems:#?}", preset.id());
        let want = effective(from_chrome, &format!("{}/chrome-managed.json", preset.id()));
        assert_eq!(want["preset"], preset.id());
        // Firefox policies.json.
        let firefox = read_json(&dir.join("firefox-policies.json"));
        assert_eq!(firefox["policies"]["ExtensionSettings"][FIREFOX_ID]["installation_mode"], "force_installed");
        let from_firefox = &firefox["policies"]["3rdparty"]["Extensions"][FIREFOX_ID];
        assert_eq!(effective(from_firefox, &format!("{}/firefox-policies.json", preset.id())), want);
        // Windows registry, Chrome and Edge: simple keys one by one, the rest in policy_json.
        let reg = std::fs::read_to_string(dir.join("windows.reg")).expect("windows.reg");
        assert!(reg.starts_with("Windows Registry Editor Version 5.00"));
        for base in [r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome", r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge"] {
            assert!(reg.contains(&format!("[{base}\\ExtensionInstallForcelist]\r\n\"1\"=\"{CHROME_ID};https://")), "{base}");
            let v = reg_policy(&reg, &format!(r"{base}\3rdparty\extensions\{CHROME_ID}\policy"), &schema);
            let mut problems = Vec::new();
            conforms("reg", &v, &schema, &mut problems);
            assert!(problems.is_empty(), "{}: {problems:#?}", preset.id());
            assert_eq!(effective(&v, &format!("{}/windows.reg {base}", preset.id())), want, "{base}");
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * Preset::ALL.len());
    let updates = std::fs::read_to_string(root().join("docs/policies/updates.xml")).expect("updates.xml");
    assert!(updates.contains(&format!("<app appid='{CHROME_ID}'>")));
}

fn postcheck(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_postcheck")).args(args).output().expect("run postcheck");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn policy_check_prints_the_effective_policy_of_a_good_file() {
    for file in ["kibichuo/chrome-managed.json", "nagareyama/firefox-policies.json"] {
        let path = root().join("docs/policies").join(file);
        let (code, out) = postcheck(&["policy", "check", path.to_str().unwrap_or_default()]);
        assert_eq!(code, 0, "{out}");
        let v: Value = json::from_str(&out).expect("effective policy JSON");
        assert_eq!(v["preset"], file.split('/').next().unwrap_or_default());
        let (p, e) = Policy::from_value(&v);
        assert!(e.is_empty());
        assert_eq!(p.to_value(), v);
    }
}

#[test]
fn policy_check_reads_a_managed_file_keyed_by_a_self_hosted_id() {
    // A package signed with the admin's own key has another id (docs/admin.md 6.1).
    let sample: Value = json::from_str(&std::fs::read_to_string(root().join("docs/policies/muroran/chrome-managed.json")).expect("sample")).expect("json");
    let own = json!({ "3rdparty": { "extensions": { "abcdefghijklmnopabcdefghijklmnop": sample["3rdparty"]["extensions"][CHROME_ID].clone() } } });
    let path = std::env::temp_dir().join(format!("postcheck-own-id-{}.json", std::process::id()));
    std::fs::write(&path, own.to_string()).expect("write");
    let (code, out) = postcheck(&["policy", "check", path.to_str().unwrap_or_default()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 0, "{out}");
    let v: Value = json::from_str(&out).expect("effective policy JSON");
    assert_eq!(v["preset"], "muroran");
}

#[test]
fn policy_check_names_every_bad_key_and_value_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("postcheck-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.json");
    std::fs::write(
        &path,
        r#"{"preset":"kibichuo","gate":"stop","custom_terms":[{"term":"庁内限り","category":"confidential"},{"pattern":"(未公表","category":"confidential"}],
            "allowed_phone_numbers":["0866-54-1301","54-1301"],"policy_json":"{\"fail_mode\":\"half\"}"}"#,
    )
    .expect("write");
    let (code, out) = postcheck(&["policy", "check", path.to_str().unwrap_or_default()]);
    assert_eq!(code, 2, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let p = path.display();
    // Each problem: the English line naming key and value, then the problem in Japanese.
    assert_eq!(lines.len(), 9, "{out}");
    assert_eq!(lines[0], format!("{p}: policy key `policy_json.fail_mode` = \"half\": expected \"open\" or \"closed\""));
    assert_eq!(lines[1], "    「open」「closed」のいずれかを指定してください");
    assert_eq!(lines[2], format!("{p}: policy key `allowed_phone_numbers[1]` = \"54-1301\": not a Japanese phone number (write e.g. 0866-54-1301 or +81 866 54 1301: 10 or 11 digits from 0)"));
    assert_eq!(lines[3], "    日本の電話番号ではありません（0866-54-1301 や +81 866 54 1301 のように、0 から始まる 10 桁か 11 桁で書いてください）");
    assert!(lines[4].starts_with(&format!("{p}: policy key `custom_terms[1].pattern` = \"(未公表\": not a valid regular expression")), "{}", lines[4]);
    assert!(lines[5].starts_with("    正規表現として正しくありません: ") && lines[5].ends_with("。この語句は使いません"), "{}", lines[5]);
    assert_eq!(lines[6], format!("{p}: policy key `gate` = \"stop\": expected one of \"off\", \"badge\", \"confirm\", \"block\""));
    assert_eq!(lines[7], "    「off」「badge」「confirm」「block」のいずれかを指定してください");
    assert!(lines[8].starts_with("4 件の問題 / 4 problem(s)"));
    let (code, out) = postcheck(&["policy", "check", dir.join("missing.json").to_str().unwrap_or_default()]);
    assert_eq!((code, out.as_str()), (2, ""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_json_examples_in_the_admin_guide_are_valid_policies() {
    let guide = std::fs::read_to_string(root().join("docs/admin.md")).expect("docs/admin.md");
    let mut checked = 0;
    for block in guide.split("```json\n").skip(1) {
        let body = block.split("```").next().unwrap_or_default();
        // The fragment of section 4 is one key; wrap it.
        let text = if body.trim_start().starts_with('"') { format!("{{{body}}}") } else { body.to_string() };
        let v: Value = json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        let policy = v
            .pointer(&format!("/3rdparty/extensions/{CHROME_ID}"))
            .or(v.pointer(&format!("/policies/3rdparty/Extensions/{FIREFOX_ID}")))
            .unwrap_or(&v);
        if policy.get("ExtensionSettings").is_some() {
            continue;
        }
        effective(policy, &text);
        checked += 1;
    }
    assert!(checked >= 4, "{checked} examples checked");
}

/// Chrome and Edge check managed values against the schema and drop a failing key whole before
/// the extension sees it: chrome://policy lists it as "Not set." with no error, and the options
/// page cannot show it (docs/admin.md section 5; admin.test.mjs sees it missing from managed
/// storage). `policy check` names each such key and value before deployment.
#[test]
fn policy_check_names_the_values_chrome_drops_for_failing_the_schema() {
    let policy = r#"{"preset":"muroran","gate":5,"organisation_device":"yes",
        "custom_terms":[{"term":"庁内限り","category":"confidential","severity":"loud"},{"term":"取扱注意","category":"confidential","severity":"warn"}]}"#;
    let v: Value = json::from_str(policy).expect("policy");
    let s = schema();
    let mut dropped = Vec::new();
    for (k, val) in v.as_object().expect("object") {
        let mut problems = Vec::new();
        conforms(k, val, &s["properties"][k.as_str()], &mut problems);
        if !problems.is_empty() {
            dropped.push(k.clone());
        }
    }
    dropped.sort();
    assert_eq!(dropped, ["custom_terms", "gate", "organisation_device"], "the keys Chrome drops");

    let path = std::env::temp_dir().join(format!("postcheck-schema-invalid-{}.json", std::process::id()));
    std::fs::write(&path, format!(r#"{{"3rdparty":{{"extensions":{{"{CHROME_ID}":{policy}}}}}}}"#)).expect("write");
    let (code, out) = postcheck(&["policy", "check", path.to_str().unwrap_or_default()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 2, "{out}");
    let p = path.display();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{p}: policy key `custom_terms[0].severity` = \"loud\": expected \"info\", \"warn\" or \"block\"; the term is reported at warn"),
            "    「info」「warn」「block」のいずれかを指定してください。この語句は「注意」として示します".to_string(),
            format!("{p}: policy key `gate` = 5: expected one of \"off\", \"badge\", \"confirm\", \"block\""),
            "    「off」「badge」「confirm」「block」のいずれかを指定してください".to_string(),
            format!("{p}: policy key `organisation_device` = \"yes\": expected true or false"),
            "    true か false で指定してください".to_string(),
            "3 件の問題 / 3 problem(s); each entry named above is ignored, the rest applies".to_string(),
        ],
        "{out}"
    );
}
