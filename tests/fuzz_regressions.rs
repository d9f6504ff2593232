//! Inputs the fuzzers (fuzz/, `make fuzz`) found, replayed natively in `make test`.
//!
//! - `tests/fuzz/check/*`: inputs of the `check` target, byte for byte (a 9-byte context header,
//!   then the text: see fuzz/src/input.rs, compiled in here). Copy a crash from
//!   fuzz/artifacts/check/ here to keep it.
//! - `tests/fuzz/policy/*.json`: policy documents for the `policy` and `policy_json` targets
//!   (for `policy_json`, the document its generator built, as JSON).
//!
//! Each is replayed with the invariants the fuzz targets assert.

#[allow(dead_code)]
#[path = "../fuzz/src/input.rs"]
mod input;

use postcheck::policy::Policy;
use std::path::Path;

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<_> = std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    v.sort();
    v
}

fn replay_policy(json: &str) -> Vec<postcheck::policy::PolicyError> {
    let (policy, errors) = Policy::from_json(json);
    for e in &errors {
        assert!(!e.problem.en().is_empty() && e.to_string().contains(&format!("`{}`", e.key)), "{e:?}");
    }
    input::check_under(policy);
    errors
}

#[test]
fn every_saved_check_input_replays_cleanly() {
    let saved = files("tests/fuzz/check");
    assert!(!saved.is_empty(), "tests/fuzz/check holds the saved inputs");
    for path in saved {
        let data = std::fs::read(&path).expect("readable");
        input::check_and_verify(&input::decode(&data));
    }
}

#[test]
fn every_saved_policy_replays_cleanly() {
    let saved = files("tests/fuzz/policy");
    assert!(!saved.is_empty(), "tests/fuzz/policy holds the saved documents");
    for path in saved {
        let data = std::fs::read(&path).expect("readable");
        replay_policy(&String::from_utf8_lossy(&data));
    }
}

/// policy_json, crash-cadd723c: `{"": null}`. An empty key is a key like any other: reported
/// as unknown under its own (empty) name, the rest of the policy applies. (The fuzz target's
/// assertion that every error has a non-empty key was wrong; the message names the key "".)
#[test]
fn an_empty_key_is_reported_as_unknown() {
    let errors = replay_policy(r#"{"": null, "preset": "towada"}"#);
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(shown, ["policy key `` = null: unknown key"]);
    let (p, _) = Policy::from_json(r#"{"": null, "preset": "towada"}"#);
    assert_eq!(p.preset, postcheck::policy::Preset::Towada);
}

/// A decoded input keeps the context its header gives (what the seeds and saved inputs rely on).
#[test]
fn the_fuzz_header_decodes_to_the_context_it_names() {
    let mut data = input::header(3, 1, true, 0x40 | 0x10 | 0x20 | 0x01, 2026, 11, 28, 22, 30).to_vec();
    data.extend_from_slice("今、駅前のカフェにいます！".as_bytes());
    let i = input::decode(&data);
    assert_eq!(i.checker, 3 + 5, "nagareyama with the organisation's settings");
    assert_eq!(i.context.account, postcheck::Account::Personal);
    assert!(i.context.reply && i.context.handle.as_deref() == Some("@kibichuo_town"));
    let at = i.context.at.expect("a time");
    assert_eq!((at.year, at.month, at.day, at.hour, at.minute, at.offset_minutes), (2026, 11, 28, 22, 30, 540));
    assert_eq!(i.text, "今、駅前のカフェにいます！");
    input::check_and_verify(&i);
    // Short and invalid input: padded header, invalid UTF-8 becomes U+FFFD.
    let i = input::decode(&[0xFF, 0xFF, 0xFF]);
    assert_eq!(i.text, "");
    let i = input::decode(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0xED, 0xA0, 0x80, b'a']);
    assert_eq!(i.text, "\u{FFFD}\u{FFFD}\u{FFFD}a");
}
