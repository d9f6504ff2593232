//! What the CLI prints of personal information and secrets is masked: in the JSON `text` field,
//! in the human output and in `batch`, the numbers, addresses and keys never appear in full.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const POST: &str = "担当 山田 090-1234-5678、taro.yamada@gmail.com へ。\n\
カード 4111-1111-1111-1111、マイナンバー 1234 5678 9018。\n\
キー AKIAIOSFODNN7EXAMPLE、パスワード：Kibi2026!koho、サーバ 192.168.10.5:8080\n\
お問い合わせ 0866-54-1301";

/// The secrets in [`POST`] that must never be printed whole.
const SECRETS: &[&str] = &[
    "1234-5678", "1234", "taro.yamada", "4111-1111-1111-1111", "1111-1111-1111", "5678 9018", "AKIAIOSFODNN7EXAMPLE",
    "IOSFODNN7", "Kibi2026", "10.5",
];

fn run(args: &[&str], stdin: &str) -> (String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("postcheck runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("postcheck finishes");
    (String::from_utf8(out.stdout).expect("UTF-8 output"), out.status.code().unwrap_or(-1))
}

fn texts(findings: &Value) -> Vec<(String, String)> {
    findings
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| (f["rule"].as_str().unwrap_or("").to_string(), f["text"].as_str().unwrap_or("").to_string()))
        .collect()
}

fn assert_no_secret(out: &str) {
    for s in SECRETS {
        assert!(!out.contains(s), "{s:?} printed unmasked in:\n{out}");
    }
}

#[test]
fn json_text_fields_are_masked() {
    let (out, code) = run(&["check", "--account", "official", "--format", "json", "-"], POST);
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(
        texts(&v["findings"]),
        [
            ("pii/phone", "090-****-5678"),
            ("pii/email", "t***@gmail.com"),
            ("pii/credit-card", "****-****-****-1111"),
            ("pii/my-number", "**** **** 9018"),
            ("security/api-key", "AKIA************MPLE"),
            ("security/password", "K************"),
            ("security/internal-address", "192.168.*.*:8080"),
            ("pii/phone", "0866-**-1301"),
        ]
        .map(|(r, t)| (r.to_string(), t.to_string()))
    );
    // Spans still point at the original characters: the extension underlines the real text.
    let first = &v["findings"][0];
    let units: Vec<u16> = POST.encode_utf16().collect();
    let (s, e) = (first["start"].as_u64().unwrap() as usize, first["end"].as_u64().unwrap() as usize);
    assert_eq!(String::from_utf16_lossy(&units[s..e]), "090-1234-5678");
    assert_no_secret(&out);
}

#[test]
fn human_output_is_masked() {
    let (out, code) = run(&["check", "--account", "official", "-"], POST);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("-:1:7: warn [pii/phone] 「090-****-5678」"), "{out}");
    assert!(out.contains("block [pii/credit-card] 「****-****-****-1111」"), "{out}");
    assert!(out.contains("block [security/password] 「K************」"), "{out}");
    assert!(out.contains("info [pii/phone] 「0866-**-1301」"), "{out}");
    assert_no_secret(&out);
}

#[test]
fn batch_output_is_masked() {
    let line = serde_json::json!({ "id": "p1", "text": POST, "account": "personal" }).to_string();
    let (out, code) = run(&["batch"], &format!("{line}\n"));
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(out.trim()).expect("one JSON line");
    assert_eq!(v["id"], "p1");
    assert!(texts(&v["findings"]).contains(&("security/api-key".to_string(), "AKIA************MPLE".to_string())));
    assert_no_secret(&out);
}

#[test]
fn full_width_input_is_masked_in_ascii() {
    let (out, _) = run(&["check", "--format", "json", "-"], "連絡先 ０９０－１２３４－５６７８ ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ");
    let v: Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(
        texts(&v["findings"]),
        [("pii/phone", "090-****-5678"), ("pii/email", "h***@example.co.jp")].map(|(r, t)| (r.to_string(), t.to_string()))
    );
    assert!(!out.contains("１２３４") && !out.contains("ｈａｎａｋｏ"), "{out}");
}
