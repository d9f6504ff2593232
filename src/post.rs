//! What is checked: the text of a post and its context (account kind, local time, site, reply).

use crate::json::{ToJson, Value};
use std::fmt;

/// Whose account the post goes out on. `Unknown` reads as the stricter of the two for each rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Deserialize), serde(rename_all = "lowercase"))]
pub enum Account {
    Official,
    Personal,
    #[default]
    Unknown,
}

impl Account {
    pub fn from_id(s: &str) -> Option<Account> {
        match s {
            "official" => Some(Account::Official),
            "personal" => Some(Account::Personal),
            "unknown" => Some(Account::Unknown),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Deserialize), serde(rename_all = "lowercase"))]
pub enum Site {
    X,
    Facebook,
    #[default]
    Other,
}

impl Site {
    pub fn from_id(s: &str) -> Option<Site> {
        match s {
            "x" => Some(Site::X),
            "facebook" => Some(Site::Facebook),
            "other" => Some(Site::Other),
            _ => None,
        }
    }
}

/// A local date and time as the post's author sees it, parsed from RFC 3339
/// (`2026-11-24T10:00:00+09:00`). The wall-clock fields are the local time at `offset_minutes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset_minutes: i16,
}

impl LocalTime {
    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t` or a space may separate.
    pub fn parse(s: &str) -> Result<LocalTime, String> {
        let bad = || format!("not an RFC 3339 date-time (e.g. 2026-11-24T10:00:00+09:00): {s:?}");
        let b = s.as_bytes();
        if b.len() < 20 || !s.is_ascii() {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, String> {
            s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit())).and_then(|t| t.parse().ok()).ok_or_else(bad)
        };
        if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
            return Err(bad());
        }
        let (year, month, day) = (num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8);
        let (hour, minute, second) = (num(11..13)? as u8, num(14..16)? as u8, num(17..19)? as u8);
        let mut i = 19;
        if b[i] == b'.' {
            i += 1;
            let f = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == f {
                return Err(bad());
            }
        }
        let offset_minutes = match b.get(i) {
            Some(b'Z' | b'z') if i + 1 == b.len() => 0,
            Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
                let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
                if h > 23 || m > 59 {
                    return Err(bad());
                }
                let v = (h * 60 + m) as i16;
                if sign == b'-' { -v } else { v }
            }
            _ => return Err(bad()),
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        if !(1..=12).contains(&month) || day == 0 || day > days[month as usize - 1] || hour > 23 || minute > 59 || second > 60 {
            return Err(bad());
        }
        Ok(LocalTime { year, month, day, hour, minute, second, offset_minutes })
    }

    /// Minutes since local midnight.
    pub fn minute_of_day(&self) -> u16 {
        self.hour as u16 * 60 + self.minute as u16
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (Sakamoto's method).
    pub fn weekday(&self) -> u8 {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let (m, d) = (self.month as i32, self.day as i32);
        let y = if m < 3 { self.year - 1 } else { self.year };
        ((y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + d).rem_euclid(7)) as u8
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sign, off) = if self.offset_minutes < 0 { ('-', -self.offset_minutes) } else { ('+', self.offset_minutes) };
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second, sign, off / 60, off % 60
        )
    }
}

#[cfg(test)]
impl<'de> serde::Deserialize<'de> for LocalTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        LocalTime::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Account {
    /// The account kind's stable id: `official`, `personal`, `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            Account::Official => "official",
            Account::Personal => "personal",
            Account::Unknown => "unknown",
        }
    }
}

impl ToJson for Account {
    fn to_json(&self) -> Value {
        Value::String(self.id().into())
    }
}

impl ToJson for LocalTime {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

/// The context a post is written in, as the extension reads it from the page.
///
/// The checker reads it with [`Context::from_value`]; serde's derive (in the tests only) is what
/// that function answers exactly as (`context_from_value_says_what_serde_says`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Deserialize), serde(default, deny_unknown_fields))]
pub struct Context {
    pub account: Account,
    /// The author's local time when posting (or checking).
    pub at: Option<LocalTime>,
    pub site: Site,
    /// Whether the post is a reply.
    pub reply: bool,
    /// The account handle, when the page shows it (e.g. `@kibichuo_town`).
    pub handle: Option<String>,
    /// Whether a location tag is set on the post (X's location button, Facebook's check-in).
    pub location_tag: bool,
}

/// The fields of a context, as serde names them when one is unknown.
const CONTEXT_FIELDS: &str = "`account`, `at`, `site`, `reply`, `handle`, `location_tag`";

impl Context {
    /// The context from its JSON form (`{"account":"official","at":"2026-11-24T10:00:00+09:00",
    /// "site":"x","reply":false,"handle":"@kibichuo_town","location_tag":false}`, every field
    /// optional), or what is wrong with it in serde's words: the first problem in key order
    /// (`unknown field `acount`, expected one of …`, `invalid type: string "yes", expected a
    /// boolean`, `unknown variant `boss`, …`). The same as `serde_json::from_value::<Context>`,
    /// without serde's deserializer in the WASM (13 KB gzipped with `parse_parts`'s), except
    /// that a JSON array is refused instead of read as the fields in order.
    pub fn from_value(v: &Value) -> Result<Context, String> {
        let Value::Object(map) = v else {
            return Err(invalid_type(v, "struct Context"));
        };
        let mut c = Context::default();
        for (k, v) in map {
            match k.as_str() {
                "account" => c.account = variant(v, &["official", "personal", "unknown"], Account::from_id)?,
                "site" => c.site = variant(v, &["x", "facebook", "other"], Site::from_id)?,
                "at" => {
                    c.at = match v {
                        Value::Null => None,
                        Value::String(s) => Some(LocalTime::parse(s)?),
                        _ => return Err(invalid_type(v, "a string")),
                    }
                }
                "handle" => {
                    c.handle = match v {
                        Value::Null => None,
                        Value::String(s) => Some(s.clone()),
                        _ => return Err(invalid_type(v, "a string")),
                    }
                }
                "reply" => c.reply = v.as_bool().ok_or_else(|| invalid_type(v, "a boolean"))?,
                "location_tag" => c.location_tag = v.as_bool().ok_or_else(|| invalid_type(v, "a boolean"))?,
                _ => return Err(format!("unknown field `{k}`, expected one of {CONTEXT_FIELDS}")),
            }
        }
        Ok(c)
    }
}

/// serde's `invalid type: <what v is>, expected <expected>`.
pub fn invalid_type(v: &Value, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", unexpected(v))
}

/// What serde calls a JSON value in its messages: `null`, `boolean `true``, `integer `3``,
/// `floating point `1.5``, `string "yes"`, `sequence`, `map`.
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => {
            let s = n.to_string();
            let point = if s.contains(['.', 'e', 'E']) || s.contains("inf") || s.contains("NaN") { "" } else { ".0" };
            format!("floating point `{s}{point}`")
        }
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// A unit variant of an enum named `names` in JSON: `"official"` (or serde's `{"official":null}`).
fn variant<T>(v: &Value, names: &[&str], from_id: fn(&str) -> Option<T>) -> Result<T, String> {
    let name = match v {
        Value::String(s) => s,
        Value::Object(m) => match (m.len(), m.iter().next()) {
            (1, Some((k, Value::Null))) => k,
            (1, Some((_, other))) => return Err(invalid_type(other, "unit")),
            _ => return Err("invalid value: map, expected map with a single key".into()),
        },
        _ => return Err(invalid_type(v, "string or map")),
    };
    from_id(name).ok_or_else(|| {
        let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        format!("unknown variant `{name}`, expected one of {}", expected.join(", "))
    })
}

/// A post to check.
#[derive(Clone, Debug, Default)]
pub struct Post<'a> {
    pub text: &'a str,
    pub context: Context,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_with_offset_and_fraction() {
        let t = LocalTime::parse("2026-11-24T10:05:09.123+09:00").unwrap();
        assert_eq!((t.year, t.month, t.day, t.hour, t.minute, t.second, t.offset_minutes), (2026, 11, 24, 10, 5, 9, 540));
        assert_eq!(t.minute_of_day(), 605);
        assert_eq!(t.to_string(), "2026-11-24T10:05:09+09:00");
        assert_eq!(LocalTime::parse("2026-01-01T00:00:00Z").unwrap().offset_minutes, 0);
    }

    #[test]
    fn rejects_bad_dates_with_the_value_in_the_message() {
        for s in ["2026-02-30T10:00:00+09:00", "2026-11-24", "2026-11-24T25:00:00Z", "２０２６-11-24T10:00:00Z", "2026-11-24T10:00:00+9:00"] {
            let e = LocalTime::parse(s).unwrap_err();
            assert!(e.contains(s), "{e}");
        }
    }

    #[test]
    fn context_from_value_says_what_serde_says() {
        let cases = [
            r#"{}"#,
            r#"{"account":"official","at":"2026-11-24T10:00:00+09:00","site":"x","reply":true,"handle":"@kibichuo_town","location_tag":true}"#,
            r#"{"account":"personal","site":"facebook","at":null,"handle":null}"#,
            r#"{"account":"unknown","site":"other"}"#,
            r#"{"account":{"official":null}}"#,
            r#"{"acount":"official"}"#,
            r#"{"zzz":1,"account":"boss"}"#,
            r#"{"account":"boss"}"#,
            r#"{"account":"Official"}"#,
            r#"{"account":"\"職員\"\n"}"#,
            r#"{"account":3}"#,
            r#"{"account":-3}"#,
            r#"{"account":1.5}"#,
            r#"{"account":null}"#,
            r#"{"account":true}"#,
            r#"{"account":[]}"#,
            r#"{"account":{"official":1}}"#,
            r#"{"account":{"official":null,"personal":null}}"#,
            r#"{"account":{"boss":null}}"#,
            r#"{"site":"instagram"}"#,
            r#"{"site":2}"#,
            r#"{"at":"2026/11/24 10:00"}"#,
            r#"{"at":"2026-02-30T10:00:00+09:00"}"#,
            r#"{"at":20261124}"#,
            r#"{"at":{}}"#,
            r#"{"reply":"yes"}"#,
            r#"{"reply":1}"#,
            r#"{"reply":null}"#,
            r#"{"reply":1.0}"#,
            r#"{"reply":-0.25}"#,
            r#"{"handle":5}"#,
            r#"{"handle":false}"#,
            r#"{"handle":["@a"]}"#,
            r#"{"reply":1e300}"#,
            r#"{"reply":2.50}"#,
            r#"{"location_tag":"true"}"#,
            r#"{"location_tag":{"a":1}}"#,
            r#"{"reply":true,"account":"boss"}"#,
            r#""official""#,
            r#"null"#,
            r#"3"#,
        ];
        for json in cases {
            let v: Value = crate::json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            let sv: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            let serde = serde_json::from_value::<Context>(sv).map_err(|e| e.to_string());
            assert_eq!(Context::from_value(&v), serde, "{json}");
        }
        // An array: serde reads it as the fields in order, the checker refuses it.
        let v: Value = crate::json::from_str(r#"["official"]"#).unwrap();
        assert!(serde_json::from_value::<Context>(serde_json::json!(["official"])).is_ok());
        assert_eq!(Context::from_value(&v), Err("invalid type: sequence, expected struct Context".into()));
    }

    #[test]
    fn weekday() {
        // 2026-11-22 is a Sunday, 2026-11-24 a Tuesday, 2024-02-29 a Thursday.
        assert_eq!(LocalTime::parse("2026-11-22T09:00:00+09:00").unwrap().weekday(), 0);
        assert_eq!(LocalTime::parse("2026-11-24T09:00:00+09:00").unwrap().weekday(), 2);
        assert_eq!(LocalTime::parse("2024-02-29T09:00:00+09:00").unwrap().weekday(), 4);
    }
}
