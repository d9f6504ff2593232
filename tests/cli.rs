//! The `postcheck` command-line contract, run against the real binary: arguments, exit codes,
//! JSON and human output, stdin, `batch` (JSON Lines) and `rules`.
//!
//! Exit codes: 0 nothing at `warn` or above, 1 something at `warn` or above, 2 bad usage or
//! input (for `batch`: at least one malformed line, each answered with an `error` line).

use postcheck::rules::{all_examples, RULES};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `postcheck ARGS` started with its three standard streams piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_postcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the postcheck binary starts")
}

fn postcheck(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = spawn(args);
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The binary may exit before reading (bad usage): a broken pipe is fine then.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().expect("postcheck runs to the end");
    Run {
        code: out.status.code().expect("postcheck exits with a code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A file in Cargo's scratch directory for integration tests, with a unique name.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(format!("{}-{name}", N.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, contents).expect("scratch file written");
    path
}

fn json_of(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// The findings of `check --format json`, reduced to what a user acts on.
fn spans(v: &Value) -> Vec<(String, u64, u64, String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array in {v}"))
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["start"].as_u64().unwrap_or(u64::MAX),
                f["end"].as_u64().unwrap_or(u64::MAX),
                f["text"].as_str().unwrap_or_default().to_string(),
                f["category"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn finding(rule: &str, start: u64, end: u64, text: &str, category: &str, severity: &str) -> (String, u64, u64, String, String, String) {
    (rule.into(), start, end, text.into(), category.into(), severity.into())
}

const SHORT_POST: &str = "詳細は bit.ly/3kIbIcU へ";
const CLEAN_POST: &str = "【お知らせ】11月24日（火）は町役場の窓口を通常どおり開設します。\n\
    各種証明書の発行は午前8時30分から午後5時15分までです。\n";
/// An office's published number: information only (masked in the output), never a warning.
const OFFICE_PHONE_POST: &str = "各種証明書の発行は午前8時30分から午後5時15分までです。お問い合わせは住民課（0866-54-1313）まで。";

// ---- check: JSON ------------------------------------------------------------------------------

#[test]
fn check_json_gives_exact_utf16_spans_text_category_severity_and_clauses() {
    let r = postcheck(&["check", "--format", "json", "-"], SHORT_POST.as_bytes());
    assert_eq!(r.code, 1, "a warn finding exits 1; stderr: {}", r.stderr);
    let v = json_of(&r.stdout);
    assert_eq!(spans(&v), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
    let f = &v["findings"][0];
    assert_eq!(f["clauses"], json!(["吉備中央町 6(1)④"]));
    for key in ["message", "why", "fix"] {
        for lang in ["ja", "en"] {
            assert!(f[key][lang].as_str().is_some_and(|s| !s.trim().is_empty()), "{key}.{lang} empty in {f}");
        }
    }
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn spans_count_utf16_units_of_the_original_text_after_emoji_and_full_width_characters() {
    // 👉 is a surrogate pair (2 units); the full-width URL is matched after NFKC but reported
    // with its original characters.
    let text = "【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU\n申込みは ｂｉｔ．ｌｙ／４ｑＷｅＲｔＹ から";
    let r = postcheck(&["check", "--format", "json"], text.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        spans(&json_of(&r.stdout)),
        [
            finding("url/shortener", 21, 35, "bit.ly/3kIbIcU", "shortened-url", "warn"),
            finding("url/shortener", 41, 55, "ｂｉｔ．ｌｙ／４ｑＷｅＲｔＹ", "shortened-url", "warn"),
        ]
    );
}

#[test]
fn an_ordinary_municipal_post_has_no_findings_and_exits_0() {
    let r = postcheck(&["check", "--format", "json", "--account", "official"], CLEAN_POST.as_bytes());
    assert_eq!((r.code, r.stdout.trim(), r.stderr.as_str()), (0, r#"{"findings":[]}"#, ""));
    let r = postcheck(&["check", "--account", "official"], CLEAN_POST.as_bytes());
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "問題は見つかりませんでした / no findings\n");
}

#[test]
fn information_alone_exits_0_and_shows_masked_characters() {
    let r = postcheck(&["check", "--format", "json", "--account", "official"], OFFICE_PHONE_POST.as_bytes());
    assert_eq!(r.code, 0, "an info finding does not stop a post; {}", r.stderr);
    assert_eq!(spans(&json_of(&r.stdout)), [finding("pii/phone", 41, 53, "0866-**-1313", "personal-info", "info")]);
    let r = postcheck(&["check", "--account", "official"], OFFICE_PHONE_POST.as_bytes());
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("-:1:42: info [pii/phone] 「0866-**-1313」\n"), "{}", r.stdout);
    assert!(!r.stdout.contains("54-1313"), "the digits are masked: {}", r.stdout);
}

#[test]
fn an_official_link_is_not_a_shortened_url() {
    let text = "本日の防災訓練は予定どおり実施します。詳しくは町ホームページ https://www.town.kibichuo.lg.jp/soshiki/3/ をご覧ください。";
    let r = postcheck(&["check", "--format", "json", "--account", "official"], text.as_bytes());
    assert_eq!((r.code, spans(&json_of(&r.stdout))), (0, vec![]));
}

// ---- check: human ------------------------------------------------------------------------------

#[test]
fn human_output_names_file_line_column_rule_characters_messages_and_clause() {
    let text = "【お知らせ】町民運動会を開催します。\n詳細はこちら👉 bit.ly/3kIbIcU\n";
    let file = temp_file("post.txt", text.as_bytes());
    let file = file.to_str().expect("UTF-8 path");
    let human = postcheck(&["check", file], b"");
    assert_eq!(human.code, 1, "{}", human.stderr);
    // Line 2, column 9 in characters: 詳細はこちら👉 and a space (8 characters) come before the URL.
    let head = format!("{file}:2:9: warn [url/shortener] 「bit.ly/3kIbIcU」\n");
    assert!(human.stdout.starts_with(&head), "want {head:?} first in:\n{}", human.stdout);
    // The messages are the ones the JSON output carries for the same finding.
    let v = json_of(&postcheck(&["check", "--format", "json", file], b"").stdout);
    let f = &v["findings"][0];
    for key in ["message", "fix"] {
        for lang in ["ja", "en"] {
            let s = f[key][lang].as_str().unwrap_or_default();
            assert!(!s.is_empty() && human.stdout.contains(s), "{key}.{lang} {s:?} missing from:\n{}", human.stdout);
        }
    }
    assert!(human.stdout.contains("根拠 / clause: 吉備中央町 6(1)④\n"), "{}", human.stdout);
    assert!(human.stdout.ends_with("1 件 / 1 finding(s): block 0, warn 1, info 0\n"), "{}", human.stdout);
}

#[test]
fn human_line_and_column_follow_crlf_and_lone_cr_line_breaks() {
    for (text, line, col) in [
        ("運動会のお知らせ\r\n詳細は bit.ly/3kIbIcU\r\n", 2, 5),
        ("運動会のお知らせ\r\r詳細は bit.ly/3kIbIcU", 3, 5),
        ("お知らせ\r\n\r\nｶﾞｲﾄﾞ ﾍﾟｰｼﾞ: bit.ly/3kIbIcU", 3, 14),
    ] {
        let r = postcheck(&["check", "-"], text.as_bytes());
        let head = format!("-:{line}:{col}: warn [url/shortener] 「bit.ly/3kIbIcU」\n");
        assert!(r.stdout.starts_with(&head), "{text:?}: want {head:?} in:\n{}", r.stdout);
    }
}

#[test]
fn stdin_is_read_with_a_dash_or_without_a_file_and_gives_the_same_result_as_a_file() {
    let text = "【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU\n";
    let file = temp_file("same.txt", text.as_bytes());
    let from_file = postcheck(&["check", "--format", "json", file.to_str().unwrap()], b"");
    let dash = postcheck(&["check", "--format", "json", "-"], text.as_bytes());
    let none = postcheck(&["check", "--format", "json"], text.as_bytes());
    assert_eq!(from_file.code, 1);
    assert_eq!((dash.code, &dash.stdout), (1, &from_file.stdout));
    assert_eq!((none.code, &none.stdout), (1, &from_file.stdout));
    assert!(postcheck(&["check"], text.as_bytes()).stdout.starts_with("-:1:21: warn [url/shortener]"));
}

#[test]
fn empty_input_is_a_clean_post() {
    let r = postcheck(&["check", "--format", "json"], b"");
    assert_eq!((r.code, r.stdout.trim()), (0, r#"{"findings":[]}"#));
}

// ---- check: options ----------------------------------------------------------------------------

#[test]
fn context_options_are_accepted_in_both_spellings_and_change_the_outcome() {
    let r = postcheck(&["check", "--account=official", "--at", "2026-11-24T10:00:00+09:00", "--site=x", "--format=json", "-"], CLEAN_POST.as_bytes());
    assert_eq!((r.code, r.stdout.trim(), r.stderr.as_str()), (0, r#"{"findings":[]}"#, ""));
    // The same post as a reply from the official account (Nagareyama's guideline: no replies).
    let reply = "本日の窓口は17時15分までです。";
    let r = postcheck(&["check", "--account=official", "--at=2026-11-24T10:00:00+09:00", "--site", "x", "--reply", "--format", "json"], reply.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(spans(&json_of(&r.stdout)), [finding("account/reply", 0, 17, reply, "account", "warn")]);
    let r = postcheck(&["check", "--account", "personal", "--at=2026-11-22T23:30:00Z", "--site", "facebook", "--format", "json"], SHORT_POST.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(spans(&json_of(&r.stdout)), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
}

#[test]
fn a_preset_cites_only_its_own_guideline_and_runs_only_its_rules() {
    let r = postcheck(&["check", "--preset", "kibichuo", "--format", "json"], SHORT_POST.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(json_of(&r.stdout)["findings"][0]["clauses"], json!(["吉備中央町 6(1)④"]));
    // Muroran's guideline says nothing about shortened URLs: the rule is off under its preset.
    let r = postcheck(&["check", "--preset", "muroran", "--format", "json"], SHORT_POST.as_bytes());
    assert_eq!((r.code, r.stdout.trim()), (0, r#"{"findings":[]}"#));
}

#[test]
fn a_policy_file_lowers_or_turns_off_a_rule() {
    let info = temp_file("info.json", br#"{"preset":"strict","rules":{"url/shortener":"info"}}"#);
    let r = postcheck(&["check", "--format", "json", "--policy", info.to_str().unwrap()], SHORT_POST.as_bytes());
    assert_eq!(r.code, 0, "info findings alone exit 0; {}", r.stderr);
    assert_eq!(spans(&json_of(&r.stdout)), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "info")]);

    let off = temp_file("off.json", br#"{"categories":{"shortened-url":"off"}}"#);
    let r = postcheck(&["check", "--format", "json", "--policy", off.to_str().unwrap()], SHORT_POST.as_bytes());
    assert_eq!((r.code, r.stdout.trim()), (0, r#"{"findings":[]}"#));

    let block = temp_file("block.json", br#"{"rules":{"url/shortener":"block"}}"#);
    let r = postcheck(&["check", "--policy", block.to_str().unwrap()], SHORT_POST.as_bytes());
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("-:1:5: block [url/shortener] 「bit.ly/3kIbIcU」"), "{}", r.stdout);
}

#[test]
fn an_organisation_that_accepts_service_short_links_still_hears_about_general_shorteners() {
    let text = "LINE公式アカウントの友だち登録はこちら https://lin.ee/AbCdEfG\nアンケートは bit.ly/3kIbIcU から";
    let r = postcheck(&["check", "--format", "json", "--account", "official"], text.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(
        spans(&json_of(&r.stdout)),
        [
            finding("url/service-shortener", 22, 44, "https://lin.ee/AbCdEfG", "shortened-url", "warn"),
            finding("url/shortener", 52, 66, "bit.ly/3kIbIcU", "shortened-url", "warn"),
        ]
    );
    let pol = temp_file("services-ok.json", br#"{"preset":"kibichuo","rules":{"url/service-shortener":"info"}}"#);
    let pol = pol.to_str().unwrap();
    let r = postcheck(&["check", "--format", "json", "--account", "official", "--policy", pol], text.as_bytes());
    assert_eq!(r.code, 1, "bit.ly is still a warning");
    assert_eq!(
        spans(&json_of(&r.stdout)),
        [
            finding("url/service-shortener", 22, 44, "https://lin.ee/AbCdEfG", "shortened-url", "info"),
            finding("url/shortener", 52, 66, "bit.ly/3kIbIcU", "shortened-url", "warn"),
        ]
    );
    // The LINE link alone is now only information: exit 0, and the human output still shows it.
    let line_only = "LINE公式アカウントの友だち登録はこちら https://lin.ee/AbCdEfG";
    let r = postcheck(&["check", "--account", "official", "--policy", pol], line_only.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.starts_with("-:1:23: info [url/service-shortener] 「https://lin.ee/AbCdEfG」\n"), "{}", r.stdout);
    assert!(r.stdout.ends_with("1 件 / 1 finding(s): block 0, warn 0, info 1\n"), "{}", r.stdout);
}

#[test]
fn the_sample_post_reports_a_shortener_a_here_and_an_address_on_their_lines() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sample/post.txt");
    let r = postcheck(&["check", "--account", "personal", "--format", "json", sample], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        spans(&json_of(&r.stdout)),
        [
            finding("url/shortener", 21, 35, "bit.ly/3kIbIcU", "shortened-url", "warn"),
            finding("location/here", 36, 39, "今ここ", "location", "warn"),
            finding("location/address", 53, 71, "岡山県加賀郡吉備中央町豊野１－２－３", "location", "warn"),
        ]
    );
    let human = postcheck(&["check", "--account", "personal", sample], b"").stdout;
    let heads: Vec<&str> = human.lines().filter(|l| l.starts_with(sample)).collect();
    assert_eq!(
        heads,
        [
            format!("{sample}:1:21: warn [url/shortener] 「bit.ly/3kIbIcU」"),
            format!("{sample}:2:1: warn [location/here] 「今ここ」"),
            format!("{sample}:3:4: warn [location/address] 「岡山県加賀郡吉備中央町豊野１－２－３」"),
        ]
    );
    assert!(human.contains("根拠 / clause: 吉備中央町 4(14)\n"), "{human}");
}

#[test]
fn a_public_venue_address_is_information_on_the_official_account_and_a_warning_on_a_personal_one() {
    let text = "【防災訓練】会場：町民体育館（吉備中央町豊野1-2）　11月24日 9:00〜";
    let official = postcheck(&["check", "--account", "official", "--format", "json"], text.as_bytes());
    assert_eq!(official.code, 0);
    assert_eq!(spans(&json_of(&official.stdout)), [finding("location/address", 15, 25, "吉備中央町豊野1-2", "location", "info")]);
    let personal = postcheck(&["check", "--account", "personal", "--format", "json"], text.as_bytes());
    assert_eq!(personal.code, 1);
    assert_eq!(spans(&json_of(&personal.stdout)), [finding("location/address", 15, 25, "吉備中央町豊野1-2", "location", "warn")]);
}

#[test]
fn an_admin_can_raise_street_addresses_to_block_while_venues_and_towns_stay_information() {
    let text = "【防災訓練】会場：町民体育館（吉備中央町豊野1-2）。集合は東京都千代田区丸の内一丁目9番1号、解散は豊野地区。";
    for (name, policy) in [("rule", &br#"{"rules":{"location/address":"block"}}"#[..]), ("category", &br#"{"categories":{"location":"block"}}"#[..])] {
        let pol = temp_file(&format!("raise-{name}.json"), policy);
        let personal = postcheck(&["check", "--account", "personal", "--format", "json", "--policy", pol.to_str().unwrap()], text.as_bytes());
        assert_eq!(personal.code, 1, "{name}");
        assert_eq!(
            spans(&json_of(&personal.stdout)),
            [
                finding("location/address", 15, 25, "吉備中央町豊野1-2", "location", "block"),
                finding("location/address", 30, 47, "東京都千代田区丸の内一丁目9番1号", "location", "block"),
            ],
            "{name}"
        );
        // On the official account the venue's address is judged minor: raising the rule does not
        // raise it; the street address of the meeting point is raised.
        let official = postcheck(&["check", "--account", "official", "--format", "json", "--policy", pol.to_str().unwrap()], text.as_bytes());
        assert_eq!(
            spans(&json_of(&official.stdout)),
            [
                finding("location/address", 15, 25, "吉備中央町豊野1-2", "location", "info"),
                finding("location/address", 30, 47, "東京都千代田区丸の内一丁目9番1号", "location", "block"),
            ],
            "{name}"
        );
    }
}

#[test]
fn the_preset_option_wins_over_the_policy_files_preset() {
    let pol = temp_file("muroran.json", br#"{"preset":"muroran"}"#);
    let r = postcheck(&["check", "--policy", pol.to_str().unwrap(), "--format", "json"], SHORT_POST.as_bytes());
    assert_eq!(r.code, 0);
    let r = postcheck(&["check", "--policy", pol.to_str().unwrap(), "--preset", "kibichuo", "--format", "json"], SHORT_POST.as_bytes());
    assert_eq!(r.code, 1);
}

// ---- check: bad usage and input (exit 2) -------------------------------------------------------

/// Runs a bad invocation: exit 2, nothing on stdout, and an error naming `needles` on stderr.
fn usage_error(args: &[&str], stdin: &[u8], needles: &[&str]) {
    let r = postcheck(args, stdin);
    assert_eq!(r.code, 2, "{args:?} should exit 2; stdout {:?} stderr {:?}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "{args:?}: nothing on stdout, got {:?}", r.stdout);
    assert!(r.stderr.starts_with("postcheck: "), "{args:?}: {:?}", r.stderr);
    for n in needles {
        assert!(r.stderr.contains(n), "{args:?}: stderr should name {n:?}: {:?}", r.stderr);
    }
}

#[test]
fn bad_options_exit_2_and_say_what_is_wrong() {
    usage_error(&["check", "--acount", "official"], b"", &["unknown option --acount"]);
    usage_error(&["check", "-x"], b"", &["unknown option -x"]);
    usage_error(&["check", "--at", "2026-11-24 10:00"], b"", &["--at", "\"2026-11-24 10:00\""]);
    usage_error(&["check", "--at", "2026-02-30T10:00:00+09:00"], b"", &["2026-02-30T10:00:00+09:00"]);
    usage_error(&["check", "--at"], b"", &["--at needs"]);
    usage_error(&["check", "--preset", "sapporo"], b"", &["unknown preset \"sapporo\"", "kibichuo"]);
    usage_error(&["check", "--account", "staff"], b"", &["--account", "\"staff\""]);
    usage_error(&["check", "--site", "instagram"], b"", &["--site", "\"instagram\""]);
    usage_error(&["check", "--format", "yaml"], b"", &["--format", "\"yaml\""]);
    usage_error(&["check", "--reply=yes"], b"", &["--reply"]);
    usage_error(&["check", "a.txt", "b.txt"], b"", &["unexpected argument \"b.txt\""]);
    usage_error(&["check", "a.txt", "-"], b"", &["unexpected argument \"-\""]);
    usage_error(&["lint"], b"", &["unknown command \"lint\""]);
    usage_error(&["rules", "--format", "html"], b"", &["\"html\""]);
    usage_error(&["batch", "--format", "json"], b"", &["unknown option --format"]);
}

#[test]
fn a_missing_file_exits_2_and_names_it() {
    usage_error(&["check", "/nonexistent/post-2026.txt"], b"", &["/nonexistent/post-2026.txt"]);
    usage_error(&["check", "--policy", "/nonexistent/policy.json"], SHORT_POST.as_bytes(), &["/nonexistent/policy.json"]);
}

#[test]
fn input_that_is_not_utf8_exits_2() {
    // "お知らせ" in Shift_JIS, as an old Windows editor saves it.
    let sjis = b"\x82\xa8\x92\x6d\x82\xe7\x82\xb9 bit.ly/3kIbIcU";
    usage_error(&["check", "-"], sjis, &["not UTF-8"]);
    let file = temp_file("sjis.txt", sjis);
    usage_error(&["check", file.to_str().unwrap()], b"", &["not UTF-8", file.to_str().unwrap()]);
}

#[test]
fn a_policy_with_a_bad_key_or_value_exits_2_naming_each_key_and_value() {
    let pol = temp_file(
        "bad-policy.json",
        r#"{"preset":"sapporo","rules":{"url/shortner":"warn","url/shortener":"loud"},"categories":{"location":"block","colour":"off"},"notify":true}"#
            .as_bytes(),
    );
    let path = pol.to_str().unwrap();
    usage_error(
        &["check", "--policy", path],
        SHORT_POST.as_bytes(),
        &[
            path,
            "5 problem(s)",
            "policy key `preset` = \"sapporo\": unknown preset",
            "policy key `rules.url/shortner` = \"warn\": unknown rule id",
            "policy key `rules.url/shortener` = \"loud\": expected one of \"off\", \"info\", \"warn\", \"block\"",
            "policy key `categories.colour` = \"off\": unknown category",
            "policy key `notify` = true: unknown key",
        ],
    );
    // The same policy stops a batch before any line is read.
    usage_error(&["batch", "--policy", path], b"{\"id\":1,\"text\":\"x\"}\n", &["policy key `notify` = true"]);
    let broken = temp_file("broken.json", b"{\"preset\": \"kibichuo\",");
    usage_error(&["check", "--policy", broken.to_str().unwrap()], b"", &["not valid JSON"]);
}

#[test]
fn help_and_version() {
    let r = postcheck(&["--help"], b"");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("postcheck check [--preset P]") && r.stdout.contains("postcheck batch"), "{}", r.stdout);
    let r = postcheck(&[], b"");
    assert_eq!(r.code, 2, "no command is bad usage");
    assert!(r.stdout.contains("USAGE:"));
    let r = postcheck(&["--version"], b"");
    assert_eq!((r.code, r.stdout.as_str()), (0, concat!("postcheck ", env!("CARGO_PKG_VERSION"), "\n")));
}

// ---- batch -------------------------------------------------------------------------------------

fn batch(args: &[&str], lines: &[&str]) -> (i32, Vec<Value>, String) {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let r = postcheck(&[&["batch"], args].concat(), input.as_bytes());
    let out = r.stdout.lines().map(json_of).collect();
    (r.code, out, r.stderr)
}

fn batch_spans(v: &Value) -> Vec<(String, u64, u64, String, String, String)> {
    spans(v)
}

#[test]
fn batch_answers_each_line_in_order_with_the_same_findings_as_check() {
    let posts = [
        json!({"id": "kouhou-0412", "text": CLEAN_POST, "account": "official", "at": "2026-11-24T10:00:00+09:00", "site": "x"}),
        json!({"id": 2, "text": SHORT_POST}),
        json!({"id": "fb-77", "text": "【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU", "account": "personal", "site": "facebook"}),
        json!({"id": "kouhou-0413", "text": "本日の窓口は17時15分までです。", "account": "official", "reply": true}),
    ];
    let lines: Vec<String> = posts.iter().map(Value::to_string).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (code, out, stderr) = batch(&[], &lines);
    assert_eq!(code, 1, "a warn finding and no malformed line exits 1; {stderr}");
    assert_eq!(out.len(), posts.len());
    let ids: Vec<&Value> = out.iter().map(|v| &v["id"]).collect();
    assert_eq!(ids, [&json!("kouhou-0412"), &json!(2), &json!("fb-77"), &json!("kouhou-0413")]);
    assert_eq!(batch_spans(&out[0]), []);
    assert_eq!(batch_spans(&out[1]), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
    assert_eq!(batch_spans(&out[2]), [finding("url/shortener", 21, 35, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
    // The context is read per line: a reply from the official account.
    assert_eq!(batch_spans(&out[3]), [finding("account/reply", 0, 17, "本日の窓口は17時15分までです。", "account", "warn")]);
    // Exactly what `check --format json` prints for the same post and context.
    let check = postcheck(&["check", "--format", "json", "--account", "personal", "--site", "facebook"], posts[2]["text"].as_str().unwrap().as_bytes());
    assert_eq!(out[2]["findings"], json_of(&check.stdout)["findings"]);
}

#[test]
fn batch_of_clean_posts_exits_0() {
    let (code, out, _) = batch(
        &[],
        &[
            r#"{"id":"a","text":"【防災】台風接近に伴い、本日17時に町内5か所に避難所を開設しました。"}"#,
            r#"{"id":"b","text":"町長の定例記者会見は11月25日（水）10時からです。","account":"official"}"#,
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(out.iter().map(|v| v["findings"].clone()).collect::<Vec<_>>(), [json!([]), json!([])]);
}

#[test]
fn a_malformed_batch_line_gets_an_error_line_and_the_batch_goes_on() {
    let (code, out, stderr) = batch(
        &[],
        &[
            r#"{"id":1,"text":"詳細は bit.ly/3kIbIcU へ"}"#,
            r#"{"id":2,"text":"閉庁日のお知らせ""#,
            r#"{"id":3,"account":"official"}"#,
            r#"{"id":4,"text":["町民運動会"]}"#,
            r#"{"id":5,"text":"町民運動会","acount":"official"}"#,
            r#"{"id":6,"text":"町民運動会","at":"2026/11/24 10:00"}"#,
            r#"{"id":7,"text":"町民運動会","account":"boss"}"#,
            r#"{"id":8,"text":"町民運動会","reply":"yes"}"#,
            r#"["町民運動会"]"#,
            r#"{"text":"町民運動会"}"#,
            r#"{"id":"last","text":"【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU"}"#,
        ],
    );
    assert_eq!(code, 2, "a malformed line makes the batch exit 2; {stderr}");
    assert_eq!(out.len(), 11, "one line out per line in");
    let errors: Vec<(Value, String)> = out.iter().map(|v| (v["id"].clone(), v["error"].as_str().unwrap_or("").to_string())).collect();
    let expect_error = |i: usize, id: Value, needles: &[&str]| {
        let (got_id, e) = &errors[i];
        assert_eq!(got_id, &id, "line {}: {}", i + 1, out[i]);
        assert!(e.starts_with(&format!("line {}: ", i + 1)), "line {}: {e:?}", i + 1);
        for n in needles {
            assert!(e.contains(n), "line {}: error should name {n:?}: {e:?}", i + 1);
        }
        assert!(out[i].get("findings").is_none(), "an error line has no findings: {}", out[i]);
    };
    assert_eq!(batch_spans(&out[0]), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
    expect_error(1, Value::Null, &["not JSON"]);
    expect_error(2, json!(3), &["missing \"text\""]);
    expect_error(3, json!(4), &["\"text\" must be a string"]);
    expect_error(4, json!(5), &["unknown field `acount`"]);
    expect_error(5, json!(6), &["2026/11/24 10:00"]);
    expect_error(6, json!(7), &["boss"]);
    expect_error(7, json!(8), &["yes"]);
    expect_error(8, Value::Null, &["expected a JSON object"]);
    expect_error(9, Value::Null, &["\"id\""]);
    assert_eq!(out[10]["id"], json!("last"));
    assert_eq!(batch_spans(&out[10]), [finding("url/shortener", 21, 35, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
}

#[test]
fn a_batch_line_that_is_not_utf8_is_an_error_line_and_the_next_line_is_read() {
    let mut input = b"{\"id\":1,\"text\":\"\x82\xa8\x92\x6d\x82\xe7\x82\xb9\"}\n".to_vec();
    input.extend_from_slice(r#"{"id":2,"text":"詳細は bit.ly/3kIbIcU へ"}"#.as_bytes());
    input.push(b'\n');
    let r = postcheck(&["batch"], &input);
    let out: Vec<Value> = r.stdout.lines().map(json_of).collect();
    assert_eq!(r.code, 2);
    assert_eq!(out.len(), 2, "{}", r.stdout);
    assert!(out[0]["error"].as_str().is_some_and(|e| e.starts_with("line 1: ") && e.contains("UTF-8")), "{}", out[0]);
    assert_eq!(out[1]["id"], json!(2));
    assert_eq!(batch_spans(&out[1]), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "warn")]);
}

#[test]
fn batch_skips_blank_lines_and_reads_crlf_lines() {
    let input = "{\"id\":1,\"text\":\"詳細は bit.ly/3kIbIcU へ\"}\r\n\r\n   \n{\"id\":2,\"text\":\"本日は閉庁日です。\"}\r\n";
    let r = postcheck(&["batch"], input.as_bytes());
    let out: Vec<Value> = r.stdout.lines().map(json_of).collect();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(out.iter().map(|v| v["id"].clone()).collect::<Vec<_>>(), [json!(1), json!(2)]);
    // An error line on line 4 would name line 4: the numbers count blank lines too.
    let r = postcheck(&["batch"], b"\n\n\n{\"id\":9}\n");
    assert_eq!(r.code, 2);
    assert!(json_of(r.stdout.trim())["error"].as_str().is_some_and(|e| e.starts_with("line 4: ")), "{}", r.stdout);
}

#[test]
fn batch_applies_the_preset_and_the_policy() {
    let line = r#"{"id":"p1","text":"詳細は bit.ly/3kIbIcU へ"}"#;
    let (code, out, _) = batch(&["--preset", "muroran"], &[line]);
    assert_eq!((code, out[0]["findings"].clone()), (0, json!([])));
    let pol = temp_file("batch-info.json", br#"{"rules":{"url/shortener":"info"}}"#);
    let (code, out, _) = batch(&["--policy", pol.to_str().unwrap()], &[line]);
    assert_eq!(code, 0);
    assert_eq!(batch_spans(&out[0]), [finding("url/shortener", 4, 18, "bit.ly/3kIbIcU", "shortened-url", "info")]);
}

#[test]
fn an_empty_batch_exits_0_with_no_output() {
    let r = postcheck(&["batch"], b"");
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

// ---- rules -------------------------------------------------------------------------------------

#[test]
fn rules_json_lists_every_rule_with_its_clauses_and_examples() {
    let r = postcheck(&["rules", "--format", "json"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_of(&r.stdout);
    assert_eq!(v["preset"], json!("strict"));
    let listed: Vec<&str> = v["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let registered: Vec<&str> = RULES.iter().map(|r| r.meta().id).collect();
    assert_eq!(listed, registered);
    for (rule, r) in v["rules"].as_array().unwrap().iter().zip(RULES) {
        let meta = r.meta();
        assert_eq!(rule["category"], json!(meta.category.id()), "{}", meta.id);
        assert_eq!(rule["clauses"], json!(meta.clauses), "{}", meta.id);
        let examples = all_examples(*r);
        // Text examples first, then attachment examples (photos), which have no text.
        let shown_all = rule["examples"].as_array().unwrap();
        let (shown_text, shown_attached): (Vec<&Value>, Vec<&Value>) = shown_all.iter().partition(|e| e.get("text").is_some());
        assert_eq!(shown_text.len(), examples.len(), "{}", meta.id);
        assert_eq!(shown_attached.len(), r.attachment_examples().len(), "{}", meta.id);
        for (shown, e) in shown_text.iter().zip(&examples) {
            assert_eq!(shown["text"], json!(e.text), "{}", meta.id);
            assert_eq!(shown["hits"].as_array().map(Vec::len), Some(e.hits.len()), "{}: {}", meta.id, e.text);
        }
        assert!(rule["examples"].as_array().unwrap().iter().any(|e| !e["hits"].as_array().unwrap().is_empty()), "{}: no example that fires", meta.id);
        for p in ["strict", "kibichuo", "muroran", "nagareyama", "towada"] {
            assert!(matches!(rule["presets"][p].as_str(), Some("off" | "info" | "warn" | "block")), "{}: {p}", meta.id);
        }
    }
    // url/shortener's entry as a user reads it.
    let short = v["rules"].as_array().unwrap().iter().find(|r| r["id"] == "url/shortener").unwrap();
    assert_eq!((short["category"].clone(), short["severity"].clone()), (json!("shortened-url"), json!("warn")));
    assert_eq!(short["clauses"], json!(["吉備中央町 6(1)④"]));
    assert_eq!(short["presets"]["muroran"], json!("off"));
}

#[test]
fn rules_under_a_preset_cite_only_that_municipality() {
    let v = json_of(&postcheck(&["rules", "--preset", "kibichuo", "--format", "json"], b"").stdout);
    assert_eq!(v["preset"], json!("kibichuo"));
    for r in v["rules"].as_array().unwrap() {
        for c in r["clauses"].as_array().unwrap() {
            assert!(c.as_str().unwrap().starts_with("吉備中央町 "), "{}: {c}", r["id"]);
        }
        if r["severity"] != "off" {
            assert!(!r["clauses"].as_array().unwrap().is_empty(), "{} is on under kibichuo but cites none of its clauses", r["id"]);
        }
    }
}

#[test]
fn rules_text_and_markdown_list_every_rule_with_clauses_and_examples() {
    let text = postcheck(&["rules"], b"");
    let md = postcheck(&["rules", "--format", "md"], b"");
    assert_eq!((text.code, md.code), (0, 0));
    for r in RULES {
        let m = r.meta();
        let head = format!("{}  [{}]  {}\n", m.id, m.category.id(), m.severity.id());
        assert!(text.stdout.contains(&head), "text: {head:?} missing");
        assert!(text.stdout.contains(&format!("  clauses: {}\n", m.clauses.join(", "))), "text: clauses of {}", m.id);
        assert!(md.stdout.contains(&format!("\n## `{}`\n", m.id)), "md: section for {}", m.id);
        assert!(md.stdout.contains(&format!("- clauses: {}\n", m.clauses.join(", "))), "md: clauses of {}", m.id);
        for e in all_examples(*r) {
            let shown = e.text.replace('|', "\\|").replace('\n', "⏎");
            assert!(md.stdout.contains(&format!("| {shown} | {:?}", e.account)), "md: example {:?} of {}", e.text, m.id);
            assert!(text.stdout.contains(&format!("  example ({:?}", e.account)), "text: account of {:?} of {}", e.text, m.id);
            assert!(text.stdout.contains(&format!("): {} → ", e.text)), "text: example {:?} of {}", e.text, m.id);
        }
    }
    assert!(text.stdout.contains("→ fires on 「bit.ly/"), "{}", text.stdout);
}

/// Runs `postcheck ARGS` with `stdin`, reads at most one line of its output (byte by byte, so
/// that the pipe fills) and closes the pipe, as `postcheck rules | head -1` does; with
/// `read_first` false, closes it before reading anything. Returns the exit code and stderr.
fn with_stdout_closed_early(args: &[&str], stdin: Vec<u8>, read_first: bool) -> (i32, String) {
    use std::io::Read;
    let mut child = spawn(args);
    let mut input = child.stdin.take().expect("stdin is piped");
    // The binary stops reading once nobody reads its answers: a broken pipe here is expected.
    let feeder = std::thread::spawn(move || drop(input.write_all(&stdin)));
    let mut stdout = child.stdout.take().expect("stdout is piped");
    if read_first {
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).expect("stdout is readable") == 1 && byte[0] != b'\n' {}
    }
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().expect("stderr is piped").read_to_string(&mut stderr).expect("stderr is UTF-8");
    let status = child.wait().expect("postcheck runs to the end");
    feeder.join().expect("stdin written");
    (status.code().expect("postcheck exits with a code, not a signal"), stderr)
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly_with_the_normal_exit_code() {
    // Outputs far larger than a pipe holds (64 KiB): the writes after the first line must fail
    // with a broken pipe, which ends the output without a panic.
    let addresses = "吉備中央町豊野1-2-3 ".repeat(600).into_bytes();
    let lines: String = (0..5_000).map(|n| format!("{{\"id\":{n},\"text\":\"自宅は豊野1-2-3です\"}}\n")).collect();
    let cases: [(&[&str], Vec<u8>, i32); 5] = [
        (&["rules"], vec![], 0),
        (&["rules", "--format", "json"], vec![], 0),
        (&["check", "--format", "json", "-"], addresses.clone(), 1),
        (&["check", "-"], addresses, 1),
        (&["batch"], lines.into_bytes(), 1),
    ];
    for (args, stdin, code) in cases {
        let (got, stderr) = with_stdout_closed_early(args, stdin, true);
        assert!(!stderr.contains("panicked") && stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(got, code, "{args:?}: {stderr}");
    }
    // Short outputs, the pipe closed before the binary writes.
    for (args, code) in [(&["--help"][..], 0), (&["--version"][..], 0), (&["policy", "schema"][..], 0), (&["rules", "--format", "md"][..], 0)] {
        let (got, stderr) = with_stdout_closed_early(args, vec![], false);
        assert!(!stderr.contains("panicked") && stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(got, code, "{args:?}: {stderr}");
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error() {
    // A full disk is no reader that went away: exit 2, naming the failure.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_postcheck")).arg("rules").stdout(full).output().expect("postcheck runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("writing the output") && !stderr.contains("panicked"), "{stderr}");
}
