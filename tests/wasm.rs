//! The WASM API as the extension's background calls it, run under Node by
//! wasm-bindgen-test-runner (`make test-wasm`). Spans are checked AS JAVASCRIPT SEES THEM: the
//! text becomes a JS string and each finding's `start..end` is cut with `String.prototype.substring`.
#![cfg(target_arch = "wasm32")]

use js_sys::JsString;
use postcheck::wasm::{rules_json, set_place_data, version, WasmChecker};
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// `(rule, the characters JavaScript's substring gives, severity)` for each finding.
fn js_findings(checker: &WasmChecker, text: &str, context: &str) -> Vec<(String, String, String)> {
    let out = parse(&checker.check(text, context));
    let js = JsString::from(text);
    out["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings in {out}"))
        .iter()
        .map(|f| {
            let (start, end) = (f["start"].as_u64().unwrap() as u32, f["end"].as_u64().unwrap() as u32);
            assert!(start < end && end <= js.length(), "span {start}..{end} outside 0..{} of {text:?}", js.length());
            (
                f["rule"].as_str().unwrap().to_string(),
                String::from(js.substring(start, end)),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn hit(rule: &str, text: &str, severity: &str) -> (String, String, String) {
    (rule.into(), text.into(), severity.into())
}

const URL: &str = "bit.ly/3kIbIcU";

#[wasm_bindgen_test]
fn spans_cut_the_same_characters_in_javascript_after_tricky_text() {
    let checker = WasmChecker::new("");
    let cases = [
        // Surrogate pairs: one emoji, a ZWJ family, a flag, an emoji with a skin tone.
        "【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU",
        "👨‍👩‍👧 家族みんなで運動会へ！ 詳細は bit.ly/3kIbIcU",
        "🇯🇵 国旗掲揚式を行います 👍🏽 詳細 bit.ly/3kIbIcU",
        // Combining marks: か + U+3099 (が), e + U+0301, a base with two marks.
        "カ\u{3099}イドフ\u{3099}ックを配布します caf\u{E9}e\u{301} bit.ly/3kIbIcU",
        "a\u{301}\u{323} テスト bit.ly/3kIbIcU",
        // Half-width kana with their voiced marks.
        "ｶﾞｲﾄﾞﾌﾞｯｸ配布中 ﾊﾟﾝﾌﾚｯﾄ bit.ly/3kIbIcU",
        // CRLF and a lone CR.
        "【お知らせ】\r\n町民運動会\r\n\r\n詳細は bit.ly/3kIbIcU",
        "町民運動会\r詳細は bit.ly/3kIbIcU",
        // Zero-width characters right before the link: ZWJ, ZWSP, BOM, a variation selector.
        "詳細は\u{200D}bit.ly/3kIbIcU",
        "詳細は \u{200B}\u{200B}bit.ly/3kIbIcU",
        "\u{FEFF}詳細は bit.ly/3kIbIcU",
        "☎\u{FE0F} 詳細は bit.ly/3kIbIcU",
        // Ideographic variation sequence (葛 + VS17) and a supplementary-plane kanji (𠮷).
        "葛\u{E0100}飾区と𠮷野家の前で集合 bit.ly/3kIbIcU",
    ];
    for text in cases {
        assert_eq!(js_findings(&checker, text, ""), [hit("url/shortener", URL, "warn")], "in {text:?}");
    }
}

#[wasm_bindgen_test]
fn location_spans_cut_the_same_characters_in_javascript() {
    let checker = WasmChecker::new("");
    let personal = r#"{"account":"personal"}"#;
    // Half-width katakana after a ZWJ family emoji: the span is the four half-width characters.
    assert_eq!(js_findings(&checker, "👨‍👩‍👧 ｲﾏｺｺ📍 吉備高原の紅葉がきれい", personal), [hit("location/here", "ｲﾏｺｺ", "warn")]);
    // CRLF and a flag before, a coordinate pair after.
    assert_eq!(
        js_findings(&checker, "お散歩中\r\n🇯🇵今ここ→35.6812, 139.7671 ちょっと寄り道中", personal),
        [hit("location/here", "今ここ", "warn"), hit("location/coordinates", "35.6812, 139.7671", "warn")]
    );
    let sample = "【お知らせ】町民運動会の詳細はこちら👉 bit.ly/3kIbIcU\n今ここ、会場の準備中です！\n集合は岡山県加賀郡吉備中央町豊野１－２－３の公園前です。";
    assert_eq!(
        js_findings(&checker, sample, personal),
        [hit("url/shortener", URL, "warn"), hit("location/here", "今ここ", "warn"), hit("location/address", "岡山県加賀郡吉備中央町豊野１－２－３", "warn")]
    );
    // A public venue on the official account is information only.
    let venue = "【防災訓練】会場：町民体育館（吉備中央町豊野1-2）　11月24日 9:00〜";
    assert_eq!(js_findings(&checker, venue, r#"{"account":"official"}"#), [hit("location/address", "吉備中央町豊野1-2", "info")]);
}

#[wasm_bindgen_test]
fn a_span_covers_invisible_and_full_width_characters_inside_the_match() {
    let checker = WasmChecker::new("");
    assert_eq!(
        js_findings(&checker, "詳細は bit\u{200B}.ly/3kIbIcU へ", ""),
        [hit("url/shortener", "bit\u{200B}.ly/3kIbIcU", "warn")]
    );
    assert_eq!(
        js_findings(&checker, "👉申込みは ｂｉｔ．ｌｙ／３ｋＩｂＩｃＵ から", ""),
        [hit("url/shortener", "ｂｉｔ．ｌｙ／３ｋＩｂＩｃＵ", "warn")]
    );
    // Two links on two lines, after an emoji and a CRLF: both spans land on their characters.
    let text = "運動会👟\r\n受付 bit.ly/3kIbIcU\r\n地図 ｂｉｔ．ｌｙ／４ｑＷｅＲｔＹ";
    let out = parse(&checker.check(text, r#"{"account":"official","site":"x"}"#));
    let spans: Vec<(u64, u64)> = out["findings"].as_array().unwrap().iter().map(|f| (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap())).collect();
    assert_eq!(spans, [(10, 24), (29, 43)]);
    assert_eq!(
        js_findings(&checker, text, r#"{"account":"official","site":"x"}"#),
        [hit("url/shortener", URL, "warn"), hit("url/shortener", "ｂｉｔ．ｌｙ／４ｑＷｅＲｔＹ", "warn")]
    );
}

#[wasm_bindgen_test]
fn findings_carry_category_clauses_and_messages() {
    let checker = WasmChecker::new(r#"{"preset":"kibichuo"}"#);
    let out = parse(&checker.check("詳細は bit.ly/3kIbIcU へ", r#"{"account":"personal"}"#));
    let f = &out["findings"][0];
    // The texts are in the finding's explanation, sent with its id in the checker's first answer.
    assert_eq!((f["explanation"].clone(), out["explanations"].as_array().map(Vec::len)), (json!(0), Some(1)), "{out}");
    let e = &out["explanations"][0];
    assert_eq!((e["id"].clone(), out["epoch"].clone()), (json!(0), json!(0)));
    assert_eq!((f["start"].clone(), f["end"].clone()), (json!(4), json!(18)));
    assert_eq!((f["category"].clone(), e["clauses"].clone()), (json!("shortened-url"), json!(["吉備中央町 6(1)④"])));
    for key in ["message", "why", "fix"] {
        assert!(e[key]["ja"].as_str().is_some_and(|s| !s.is_empty()) && e[key]["en"].as_str().is_some_and(|s| !s.is_empty()), "{key}: {e}");
    }
    // The checker's next answers name it by the same id without its texts; it gives them again.
    let again = parse(&checker.check("地図は bit.ly/4qWeRtY です", r#"{"account":"personal"}"#));
    assert_eq!((again["explanations"].clone(), again["findings"][0]["explanation"].clone()), (json!([]), json!(0)), "{again}");
    assert_eq!(parse(&checker.explanation(0)), *e);
    assert_eq!(checker.explanation(1), "null");
}

#[wasm_bindgen_test]
fn an_ordinary_post_has_no_findings() {
    let checker = WasmChecker::new("");
    let text = "【お知らせ】11月24日（火）は町役場の窓口を通常どおり開設します。\n詳しくは https://www.town.kibichuo.lg.jp/ をご覧ください。";
    assert_eq!(parse(&checker.check(text, r#"{"account":"official","at":"2026-11-24T08:30:00+09:00"}"#)), json!({"findings": [], "epoch": 0, "explanations": [], "account": "official"}));
    assert_eq!(parse(&checker.check("", "")), json!({"findings": [], "epoch": 0, "explanations": [], "account": "unknown"}));
}

#[wasm_bindgen_test]
fn a_malformed_context_gives_an_error_and_no_findings() {
    let checker = WasmChecker::new("");
    for (context, needle) in [
        ("{\"account\":", "bad context"),
        ("[1,2]", "bad context"),
        (r#"{"acount":"official"}"#, "unknown field `acount`"),
        (r#"{"account":"boss"}"#, "boss"),
        (r#"{"at":"2026/11/24 10:00"}"#, "2026/11/24 10:00"),
        (r#"{"reply":"yes"}"#, "bad context"),
        (r#"{"site":"instagram"}"#, "instagram"),
    ] {
        let out = parse(&checker.check("詳細は bit.ly/3kIbIcU へ", context));
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["error"], "{context}: {out}");
        assert!(out["error"].as_str().unwrap().contains(needle), "{context}: {out}");
    }
    // A whitespace-only context is the default context, not an error.
    assert_eq!(js_findings(&checker, "詳細は bit.ly/3kIbIcU へ", "  \n"), [hit("url/shortener", URL, "warn")]);
}

#[wasm_bindgen_test]
fn a_bad_policy_is_listed_by_key_and_value_and_the_rest_applies() {
    let checker = WasmChecker::new(
        r#"{"preset":"kibichuo","rules":{"url/shortner":"warn","url/shortener":"info"},"categories":{"location":"loud"},"notify":true}"#,
    );
    let errors = parse(&checker.policy_errors());
    let got: Vec<(&str, &str)> = errors.as_array().unwrap().iter().map(|e| (e["key"].as_str().unwrap(), e["value"].as_str().unwrap())).collect();
    assert_eq!(got, [("categories.location", "\"loud\""), ("notify", "true"), ("rules.url/shortner", "\"warn\"")]);
    for e in errors.as_array().unwrap() {
        let message = e["message"].as_str().unwrap();
        assert!(message.contains(e["key"].as_str().unwrap()) && message.contains(e["value"].as_str().unwrap()), "{e}");
        assert!(!e["problem"].as_str().unwrap().is_empty(), "{e}");
    }
    // The valid entries hold: url/shortener at info.
    assert_eq!(js_findings(&checker, "詳細は bit.ly/3kIbIcU へ", ""), [hit("url/shortener", URL, "info")]);

    let good = WasmChecker::new(r#"{"preset":"muroran"}"#);
    assert_eq!(parse(&good.policy_errors()), json!([]));
    assert_eq!(js_findings(&good, "詳細は bit.ly/3kIbIcU へ", ""), []);
    assert_eq!(parse(&WasmChecker::new("").policy_errors()), json!([]));

    for broken in ["{\"preset\":", "[]", "\"strict\"", "null"] {
        let checker = WasmChecker::new(broken);
        let errors = parse(&checker.policy_errors());
        assert_eq!(errors.as_array().map(Vec::len), Some(1), "{broken}: {errors}");
        assert_eq!(errors[0]["key"], json!("(document)"), "{broken}");
        // A broken policy falls back to the default one: the checker still checks.
        assert_eq!(js_findings(&checker, "詳細は bit.ly/3kIbIcU へ", ""), [hit("url/shortener", URL, "warn")], "{broken}");
    }
}

#[wasm_bindgen_test]
fn rules_json_and_version() {
    let rules = parse(&rules_json());
    let ids: Vec<&str> = rules["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let registered: Vec<&str> = postcheck::rules::RULES.iter().map(|r| r.meta().id).collect();
    assert_eq!(ids, registered);
    assert!(ids.contains(&"url/shortener"));
    // Examples are left out of the WASM build (`RuleMeta::examples`).
    assert!(rules["rules"].as_array().unwrap().iter().all(|r| r["examples"] == json!([])));
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

/// A small deterministic generator (xorshift) so the robustness test is reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[wasm_bindgen_test]
fn random_tricky_text_never_panics_and_spans_never_split_a_character() {
    const PIECES: &[&str] = &[
        "bit.ly/", "3kIbIcU", "ｂｉｔ．ｌｙ／", "t.co/", "https://", "www.", ".jp/", "/", ".", " ", "\n", "\r", "\r\n",
        "👉", "👨‍👩‍👧", "🇯🇵", "𠮷", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{FE0F}", "\u{E0100}", "\u{301}", "\u{3099}",
        "ﾞ", "ﾟ", "ｶ", "ﾊ", "が", "町役場", "今ここ", "岡山県加賀郡吉備中央町豊野1-2-3", "１－２－３", "34.85, 133.75",
        "北緯34度", "maps.app.goo.gl/", "ー", "―", "〒716-1192", "＃拡散希望", "@kibichuo_town", "e", "A", "0", "%",
    ];
    let checker = WasmChecker::new("");
    let contexts = ["", r#"{"account":"official"}"#, r#"{"account":"personal","at":"2026-11-22T23:30:00+09:00","site":"facebook","reply":true}"#];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut findings = 0;
    for i in 0..1500 {
        let len = (rng.next() % 24) as usize;
        let text: String = (0..len).map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize]).collect();
        let out = parse(&checker.check(&text, contexts[i % contexts.len()]));
        let js = JsString::from(text.as_str());
        for f in out["findings"].as_array().unwrap_or_else(|| panic!("{text:?}: {out}")) {
            let (start, end) = (f["start"].as_u64().unwrap() as u32, f["end"].as_u64().unwrap() as u32);
            assert!(start < end && end <= js.length(), "{text:?}: {f}");
            let first = js.char_code_at(start) as u32;
            let last = js.char_code_at(end - 1) as u32;
            assert!(!(0xDC00..0xE000).contains(&first), "{text:?}: span starts inside a surrogate pair: {f}");
            assert!(!(0xD800..0xDC00).contains(&last), "{text:?}: span ends inside a surrogate pair: {f}");
            findings += 1;
        }
    }
    assert!(findings > 0, "the generator should produce some findings");
}

/// The municipality grid is not in the module: photos are placed by prefecture until the
/// extension hands `places.bin` over, and by municipality after.
#[wasm_bindgen_test]
fn photos_are_placed_by_municipality_once_the_place_data_is_set() {
    let checker = WasmChecker::new(r#"{"preset":"strict"}"#);
    let photo = include_bytes!("images/gps-ne.jpg");
    let message = |checker: &WasmChecker| {
        let out = parse(&checker.check_image(photo, r#"{"account":"official"}"#, "a1"));
        let gps: Vec<String> = out["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "image/gps")
            .map(|f| format!("{} | {}", f["message"]["ja"].as_str().unwrap(), f["message"]["en"].as_str().unwrap()))
            .collect();
        gps
    };
    assert_eq!(
        message(&checker),
        ["この画像には撮影場所の位置情報（GPS）が記録されています：岡山県内（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。 | \
          This image records where it was taken (GPS): in Okayama Prefecture (34.8627° N, 133.6946° E), taken 2026-11-22 10:15."]
    );
    assert_eq!(parse(&set_place_data(b"PCPG\x01\x80".to_vec())), json!({ "error": "not a place data file" }));
    assert_eq!(parse(&set_place_data(include_bytes!("../src/dict/places.bin").to_vec())), json!({ "municipalities": 1892, "version": "19.0b" }));
    assert_eq!(
        message(&checker),
        ["この画像には撮影場所の位置情報（GPS）が記録されています：岡山県加賀郡吉備中央町付近（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。 | \
          This image records where it was taken (GPS): near 加賀郡吉備中央町, Okayama Prefecture (34.8627° N, 133.6946° E), taken 2026-11-22 10:15."]
    );
    assert_eq!(parse(&set_place_data(include_bytes!("../src/dict/places.bin").to_vec())), json!({ "error": "place data already set" }));
}
