//! The checker's own JSON (`postcheck::json`) against serde_json 1.0, which the checker used
//! before: the same texts accepted, the same values (numbers bit for bit), the same error
//! messages with their line and column, and the same printed text. Floats are the one
//! difference: the checker prints them as written (docs/performance.md, "Size").

use postcheck::json::{self, Number, Value};
use proptest::prelude::*;

/// Whether the checker's value is serde_json's: same kinds, numbers (floats bit for bit), keys
/// in the same order.
fn same(mine: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as S;
    match (mine, theirs) {
        (Value::Null, S::Null) => true,
        (Value::Bool(a), S::Bool(b)) => a == b,
        (Value::Number(Number::U64(a)), S::Number(b)) => b.as_u64() == Some(*a),
        (Value::Number(Number::I64(a)), S::Number(b)) => b.is_i64() && b.as_i64() == Some(*a),
        (Value::Number(Number::F64(a, _)), S::Number(b)) => b.is_f64() && b.as_f64().map(f64::to_bits) == Some(a.to_bits()),
        (Value::String(a), S::String(b)) => a == b,
        (Value::Array(a), S::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Value::Object(a), S::Object(b)) => a.len() == b.len() && a.iter().zip(b).all(|((ka, va), (kb, vb))| ka == kb && same(va, vb)),
        _ => false,
    }
}

/// Parses `text` with both and asserts they agree: the same value, or the same message.
fn agree(text: &str) {
    match (json::from_str(text), serde_json::from_str::<serde_json::Value>(text)) {
        (Ok(mine), Ok(theirs)) => assert!(same(&mine, &theirs), "{text:?}: {mine:?} vs {theirs:?}"),
        (Err(mine), Err(theirs)) => assert_eq!(mine.to_string(), theirs.to_string(), "{text:?}"),
        (mine, theirs) => panic!("{text:?}: {mine:?} vs {theirs:?}"),
    }
}

#[test]
fn invalid_json_gets_serde_jsons_message_and_position() {
    let cases = [
        "", " ", "{", "[", "}", "]", "{\"gate\":", "{\"gate\" \"block\"}", "{\"gate\":\"block\",}", "[1,]", "[1 2]", "{\"a\":1 \"b\":2}",
        "{1:2}", "{,}", "[,1]", "{\"a\":1,,}", "{\"a\"}", "nul", "nulx", "tru", "falsy", "t", "-", "-a", "01", "1.", "1.e3", "1e", "1e+",
        "1ea", ".5", "+1", "1 2", "\"abc", "\"a\\", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\uD83D\"", "\"\\uD83Dx\"", "\"\\uD83D\\n\"",
        "\"\\uDE00\"", "\"\\uD83D\\u0041\"", "\"a\u{1}b\"", "\"tab\there\"", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "-0", "0.1e1", "1E2",
        "{\n  \"preset\": \"kibichuo\",\n  \"gate\": block\n}", "[\n1,\n2\n,]", "{\"a\":1}\n\nx", "\u{feff}{}", "{\"日本\":\"語\" x}",
        "1e2147483648", "0e2147483648", "1e-2147483648", "1.00000000000000000000000000001", "0.000000000000000000000000000000001",
        "[1e308, 1.7976931348623157e308, 2e308]", "{\"a\":{\"b\":[true,false,null]}}", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
    ];
    for text in cases {
        agree(text);
    }
}

#[test]
fn nesting_is_capped_where_serde_json_caps_it() {
    for depth in [126, 127, 128, 200] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            agree(&text);
            assert_eq!(json::from_str(&text).is_ok(), depth <= 127, "{depth}");
        }
    }
    // Hostile input: a megabyte of brackets is refused at once, without deep recursion.
    let err = json::from_str(&"[".repeat(1 << 20)).unwrap_err();
    assert_eq!(err.to_string(), "recursion limit exceeded at line 1 column 128");
}

#[test]
fn strings_print_with_serde_jsons_escapes() {
    let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
    for s in [all.as_str(), "", "\u{7f}\u{2028}\u{1F600}", "a\"b\\c/d"] {
        let mine = Value::String(s.into());
        assert_eq!(mine.to_string(), serde_json::Value::String(s.into()).to_string());
    }
}

/// A JSON value built by serde_json (no floats: the checker prints those as written).
fn serde_value() -> impl Strategy<Value = serde_json::Value> {
    let text = || prop::collection::vec(prop_oneof![any::<char>(), prop::sample::select(vec!['"', '\\', '\n', '\u{1}', '\u{1f}', 'a', '日'])], 0..8);
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        text().prop_map(|c| serde_json::Value::String(c.into_iter().collect())),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((prop::sample::select(vec!["a", "b", "preset", "gate", "", "日本", "a\"b"]), inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Text from JSON's pieces, mostly not JSON.
fn json_ish() -> impl Strategy<Value = String> {
    let pieces = vec![
        "{", "}", "[", "]", ",", ":", "\"", "\"a\"", "\"k\":", "0", "1", "-", "12", ".", "5", "e", "E", "+", "-1.5e3", "true", "tru", "null",
        "nul", "false", " ", "\n", "\r\n", "\t", "\\", "\\u", "D83D", "\\uDE00", "\\n", "\u{1}", "é", "日", "1e400", "18446744073709551616",
        "-9223372036854775809", "0.1", "1e-400", "{\"a\":1}", "[1,2]", "x",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// What serde_json prints, the checker reads to the same value and prints byte for byte
    /// the same, compact and pretty.
    #[test]
    fn round_trips_serde_jsons_text(v in serde_value()) {
        for text in [v.to_string(), serde_json::to_string_pretty(&v).unwrap()] {
            let mine = json::from_str(&text).unwrap();
            prop_assert!(same(&mine, &v), "{}", text);
        }
        let mine = json::from_str(&v.to_string()).unwrap();
        prop_assert_eq!(mine.to_string(), v.to_string());
        prop_assert_eq!(mine.to_string_pretty(), serde_json::to_string_pretty(&v).unwrap());
    }

    /// Any text: both accept it with the same value, or both refuse it with the same message.
    #[test]
    fn parses_any_text_as_serde_json(text in json_ish()) {
        agree(&text);
    }

    /// Serde_json's own text with one byte changed, inserted or removed.
    #[test]
    fn parses_damaged_json_as_serde_json(v in serde_value(), at in any::<prop::sample::Index>(), piece in prop::sample::select(vec!["", "\"", ",", "}", "]", "1", "\\", " ", "e"]), cut in any::<bool>()) {
        let text = v.to_string();
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        if cut && i < chars.len() {
            chars.remove(i);
        }
        let mut damaged: String = chars[..i.min(chars.len())].iter().collect();
        damaged.push_str(piece);
        damaged.extend(&chars[i.min(chars.len())..]);
        agree(&damaged);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    /// A float serde_json printed reads back and prints the same.
    #[test]
    fn prints_serde_jsons_floats_back(bits in any::<u64>(), small in -1e7f64..1e7, digits in 1u32..8) {
        let rounded = (small * 10f64.powi(digits as i32)).round() / 10f64.powi(digits as i32);
        for x in [f64::from_bits(bits), small, rounded] {
            if !x.is_finite() {
                continue;
            }
            let text = serde_json::to_string(&x).unwrap();
            prop_assert_eq!(json::from_str(&text).unwrap().to_string(), text);
        }
    }

    /// A float as an admin may write it prints as serde_json printed it, or, when serde_json
    /// printed other digits, as written.
    #[test]
    fn prints_written_floats_as_serde_json(int in "-?(0|[1-9][0-9]{0,8})", frac in "(\\.[0-9]{1,8})?", exp in "([eE][+-]?[0-9]{1,3})?") {
        let text = format!("{int}{frac}{exp}");
        if let (Ok(mine), Ok(theirs)) = (json::from_str(&text), serde_json::from_str::<serde_json::Value>(&text)) {
            let (mine, theirs) = (mine.to_string(), theirs.to_string());
            prop_assert!(mine == theirs || mine == text || mine == format!("{text}.0"), "{} → {} vs {}", text, mine, theirs);
            if frac.len() + int.len() <= 12 && exp.trim_start_matches(|c| c == 'e' || c == 'E' || c == '+' || c == '-').len() <= 1 && !(int.is_empty() || frac.is_empty() && exp.is_empty()) {
                prop_assert_eq!(mine, theirs, "{}", text);
            }
        }
    }
}
