//! Policy documents built from fuzz bytes: the policy's own keys with plausible and wrong values.

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use postcheck::policy::{Preset, KEYS};
use postcheck::rules::RULES;
use postcheck::Category;
use postcheck::json::{self, Map, ToJson, Value};

/// Keys of nested objects (the top-level keys come from `postcheck::policy::KEYS`), and a few
/// no object knows.
const NESTED_KEYS: &[&str] = &[
    "days", "start", "end", "breaks", "holidays_off", "x", "facebook", "id", "term", "pattern", "category", "severity", "message",
    "ja", "en", "name", "contact", "mastodon", "colour", "",
];

fn key(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => string(u)?,
        1..=5 => KEYS[u.choose_index(KEYS.len())?].name.to_string(),
        _ => NESTED_KEYS[u.choose_index(NESTED_KEYS.len())?].to_string(),
    })
}

/// Regular expressions for `custom_terms[].pattern`: ordinary ones, ones that are invalid,
/// too large or match empty text, and the catastrophic ones of backtracking engines (nested
/// quantifiers, overlapping alternatives), which must stay linear here.
const PATTERNS: &[&str] = &[
    "プロジェクト[ABC]", "(未公表", "a*", "\\w{60}\\w{60}\\w{60}", "(a*)*b", "(a|aa)+$", "(\\w+\\s?)*$", "(.*a){20}",
    "(?:x+x+)+y", "^(\\d+)*$", "[\\s\\S]{500}", "(a|a?)+c", "\\p{Han}{2,}課", "(?i)ＡＢＣ", "\\bkey\\b", "[", "(?<n>a)\\k<n>",
];

/// Strings an admin may write, or get wrong.
const STRINGS: &[&str] = &[
    "off", "info", "warn", "block", "loud", "", " ", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "MON", " fri ", "funday",
    "08:30", "8:30", "17:15", "00:00", "23:59", "24:00", "12:60", "-1:00", "1:5", "０８:３０", "8:30:00", ":", "town.kibichuo.lg.jp",
    "*.example.org", ".example.org", "example.jp.", "https://x.jp/a", "-bad.jp", "a..b", "lg.jp", "jp", "例え.jp",
    "xn--eckwd4c7c.xn--zckzah", "@kibichuo_town", "@", "kibichuo.town", "bad handle", "https://www.facebook.com/kibichuo.town/",
    "@Ｋｉｂｉ", "true", "null", "庁内限り", "内部資料", "confidential", "location", "0866-54-1301", "+81-866-54-1301", "080-1234-5678",
    "warn_only", "block", "open", "closed", "ask",
];

fn string(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=6u8)? {
        6 => PATTERNS[u.choose_index(PATTERNS.len())?].to_string(),
        0 => Preset::ALL[u.choose_index(Preset::ALL.len())?].id().to_string(),
        1 => RULES[u.choose_index(RULES.len())?].meta().id.to_string(),
        2 => Category::ALL[u.choose_index(Category::ALL.len())?].id().to_string(),
        3 => u.arbitrary::<String>()?,
        // A long label or domain: length limits (63 per label, 253 in all).
        4 => {
            let n = u.int_in_range(60..=300usize)?;
            let dots = u.arbitrary::<bool>()?;
            (0..n).map(|i| if dots && i % 64 == 63 { '.' } else { 'a' }).collect()
        }
        _ => STRINGS[u.choose_index(STRINGS.len())?].to_string(),
    })
}

fn number(u: &mut Unstructured<'_>) -> Result<Value> {
    // Integers, and floats as an admin may write them (they print as written).
    Ok(match u.int_in_range(0..=3u8)? {
        0 => u.arbitrary::<i64>()?.to_json(),
        1 => u.arbitrary::<u64>()?.to_json(),
        2 => u.int_in_range(0..=9u8)?.to_json(),
        _ => json::from_str(["0.5", "-0.0", "1e300", "-2.5e-300", "17.15", "1E2"][u.choose_index(6)?]).unwrap_or_default(),
    })
}

fn value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    let max = if depth >= 5 { 3 } else { 6 };
    Ok(match u.int_in_range(0..=max)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => number(u)?,
        3 => Value::String(string(u)?),
        4 => {
            let n = u.int_in_range(0..=6usize)?;
            Value::Array((0..n).map(|_| value(u, depth + 1)).collect::<Result<_>>()?)
        }
        _ => Value::Object(object(u, depth + 1)?),
    })
}

fn object(u: &mut Unstructured<'_>, depth: u32) -> Result<Map> {
    let n = u.int_in_range(0..=8usize)?;
    let mut m = Map::new();
    for _ in 0..n {
        let key = key(u)?;
        m.insert(key, value(u, depth)?);
    }
    Ok(m)
}

/// A policy document: usually an object of the policy's keys, sometimes any JSON value.
pub fn policy_document(u: &mut Unstructured<'_>) -> Result<Value> {
    if u.ratio(1, 16)? {
        value(u, 0)
    } else {
        Ok(Value::Object(object(u, 0)?))
    }
}
