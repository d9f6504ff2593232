//! `location/coordinates`: latitude and longitude written out in the text.
//!
//! Decimal pairs (`35.6812, 139.7671`, `(35.6812 139.7671)`, `lat=35.6812&lng=139.7671`),
//! degrees-minutes-seconds (`35°40'52"N 139°46'01"E`, `35度40分52秒 139度46分1秒`) and
//! 北緯/南緯/東経/西経 (`北緯35度40分52秒 東経139度46分1秒`, `北緯35.68度`). Only valid ranges
//! (latitude up to 90, longitude up to 180), and only with the precision of a real position: a
//! bare pair needs four decimals on both numbers (three when one of them is 10 or more) and each
//! at least 1 in size, so that ordinary
//! pairs of numbers (`1.5, 2.3`, `3.14, 2.71`, `12.5, 13.2万人`) never fire. Numbers inside a map
//! link are left to `location/map-link`.
//!
//! Fires: `今ここ→35.6812, 139.7671` (warn on `35.6812, 139.7671`).
//! Does not fire: `比率は3.14, 2.71でした`.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::{Captures, Pattern};
use std::sync::OnceLock;

pub struct Coordinates;

static META: RuleMeta = RuleMeta {
    id: "location/coordinates",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg {
        ja: "緯度・経度（座標）が書かれています。正確な位置を知られるおそれがあります。",
        en: "The post contains latitude and longitude. It gives away an exact position.",
    },
    why: Msg {
        ja: "吉備中央町ガイドライン 4(14) は、位置情報を他人に知られることの影響に留意するよう求めています。座標は数メートル単位で場所を特定でき、自宅や今いる場所が分かってしまいます。",
        en: "Kibichuo guideline 4(14) asks staff to mind what happens when others learn a location. Coordinates pinpoint a place to within metres, such as a home or where someone is now.",
    },
    fix: Msg {
        ja: "座標は削除してください。場所を伝える必要があるときは、施設名や地区名で書いてください。",
        en: "Remove the coordinates. When a place must be given, name the facility or the district.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "今ここ→35.6812, 139.7671 ちょっと寄り道中",
            account: Account::Personal,
            hits: &[("35.6812, 139.7671", Severity::Warn)],
        },
        Example {
            text: "家の裏の畑の位置：北緯34度51分52秒 東経133度41分30秒",
            account: Account::Personal,
            hits: &[("北緯34度51分52秒 東経133度41分30秒", Severity::Warn)],
        },
        Example {
            text: "ドローン撮影地点 34°51'52\"N 133°41'30\"E（職員の自宅から撮影）",
            account: Account::Official,
            hits: &[("34°51'52\"N 133°41'30\"E", Severity::Warn)],
        },
        Example {
            text: "位置 lat=34.8645&lng=133.6917",
            account: Account::Unknown,
            hits: &[("lat=34.8645&lng=133.6917", Severity::Warn)],
        },
        Example { text: "比率は3.14, 2.71でした。誤差は1.5, 2.3程度です。", account: Account::Official, hits: &[] },
        Example { text: "人口 12.5, 13.2万人と推移しています。", account: Account::Official, hits: &[] },
        Example { text: "本日の最高気温は35度、10時40分52秒に地震がありました。", account: Account::Official, hits: &[] },
    ],
};

/// One latitude or longitude, as written.
#[derive(Debug, Clone, Copy)]
struct Coord {
    start: usize,
    end: usize,
    value: f64,
    /// Decimals of a decimal number; minutes count as precise (`Some(9)`).
    precision: u32,
    /// 1 latitude, 2 longitude, 0 unknown.
    kind: u8,
    /// Marked by a prefix or suffix (北緯, N, lat=…).
    explicit: bool,
}

fn component() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(concat!(
            r"(?P<pre>北緯|南緯|東経|西経|(?:lat(?:itude)?|lng|lon(?:g(?:itude)?)?|緯度|経度) ?[:=]? ?|[nsew])?",
            r"(?:(?P<d>[0-9]{1,3}) ?(?:°|度|º) ?(?P<m>[0-9]{1,2}(?:\.[0-9]+)?) ?(?:'|′|’|分)",
            r"(?: ?(?P<s>[0-9]{1,2}(?:\.[0-9]+)?) ?(?:''|′′|\x22|″|”|秒))?",
            r"|(?P<dec>-?[0-9]{1,3}\.(?P<frac>[0-9]+)) ?(?:°|度|º)?)",
        ))
        .expect("coordinate regex")
    })
}

/// The most bytes from the start of a [`component`] match to the end of its first group of
/// digits: the prefix `longitude : ` (12), a minus sign and three digits.
const REACH: usize = 16;

/// Where a [`component`] match can start in the normalised text, sorted: every match has a
/// first group of digits (ASCII, so in one of the text's ASCII runs) that ends either at a `.`
/// followed by a digit (a decimal) or before `°`, `度` or `º`, with or without a space between
/// (degrees); the match starts at most [`REACH`] bytes before that end. Such ends are rare in a
/// post (dates, times and prices have none), so the pattern is tried at a few places instead
/// of running over the whole text at every digit.
fn starts(norm: &crate::text::Normalized) -> Vec<usize> {
    let t = norm.text.as_str();
    let b = t.as_bytes();
    let mut ends: Vec<usize> = Vec::new();
    for run in norm.ascii_runs() {
        if run.holds(b'.') {
            for i in run.start + 1..run.end.saturating_sub(1) {
                if b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit() {
                    ends.push(i);
                }
            }
        }
        if b[run.end - 1].is_ascii_digit() {
            let rest = &t[run.end..];
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            if rest.starts_with(['°', '度', 'º']) {
                ends.push(run.end);
            }
        }
    }
    // `ends` is in text order: the runs are, and a run's decimal points come before its end.
    let mut out: Vec<usize> = Vec::new();
    for e in ends {
        let from = out.last().map_or(0, |&p| p + 1).max(e.saturating_sub(REACH));
        out.extend((from..e).filter(|&p| t.is_char_boundary(p)));
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_'
}

/// Whether `pos` lies in a map link (left to `location/map-link`).
fn in_map_link(t: &str, pos: usize) -> bool {
    // Look back at most 512 bytes: a link is no longer, and long texts stay linear.
    let mut lo = pos.saturating_sub(512);
    while !t.is_char_boundary(lo) {
        lo -= 1;
    }
    // The token is what follows the last white space, which may be wider than one byte (U+2028).
    let token = t[lo..pos].rsplit(char::is_whitespace).next().unwrap_or_default();
    ["google.", "goo.gl", "map.yahoo", "maps.apple", "geo:", "@", "://"].iter().any(|m| token.contains(m))
}

fn parse(t: &str, m: &Captures<'_>) -> Option<Coord> {
    let whole = m.get(0)?;
    let start = whole.start();
    let mut end = whole.end();
    // A trailing space belongs to no number.
    while end > start && t[..end].ends_with(' ') {
        end -= 1;
    }
    let pre = m.name("pre").map(|p| p.as_str().trim_end_matches([' ', ':', '=']));
    // Left boundary: not inside a word or a longer number (`xn35.68`, `v1.2`, `2026.11`).
    if t[..start].chars().next_back().is_some_and(|c| is_word(c) || c == '-') {
        return None;
    }
    let mut kind = match pre {
        Some("北緯" | "南緯" | "n" | "s" | "lat" | "latitude" | "緯度") => 1,
        Some(_) => 2,
        None => 0,
    };
    let mut explicit = pre.is_some();
    let mut negative = matches!(pre, Some("南緯" | "西経" | "s" | "w"));
    // Suffix letter: 35.68n, 35°40'52"N.
    let after = &t[end..];
    let sp = usize::from(after.starts_with(' '));
    if let Some(c) = after[sp..].chars().next().filter(|c| matches!(c, 'n' | 's' | 'e' | 'w')) {
        if kind == 0 && !after[sp + 1..].starts_with(is_word) {
            kind = if matches!(c, 'n' | 's') { 1 } else { 2 };
            explicit = true;
            negative = matches!(c, 's' | 'w');
            end += sp + 1;
        }
    }
    // Right boundary: not a longer number, not a count.
    if t[end..].starts_with(|c: char| is_word(c) || crate::text::one_of("%万億円倍人個件名歳kmg℃", c)) {
        return None;
    }
    let (value, precision) = if let Some(dec) = m.name("dec") {
        (decimal(dec.as_str()), m.name("frac").map_or(0, |f| f.as_str().len() as u32))
    } else {
        let d = decimal(m.name("d")?.as_str());
        let mi = decimal(m.name("m")?.as_str());
        let s = m.name("s").map_or(0.0, |s| decimal(s.as_str()));
        if mi >= 60.0 || s >= 60.0 {
            return None;
        }
        (d + mi / 60.0 + s / 3600.0, 9)
    };
    let value = if negative { -value.abs() } else { value };
    Some(Coord { start, end, value, precision, kind, explicit })
}

/// The value of `-?[0-9]+(\.[0-9]+)?` as the patterns above capture it. Within a unit in the last
/// place of `str::parse::<f64>`, which the rules only compare with 60, 90 and 180 (its correctly
/// rounded parser and tables cost the WASM about 8 KB).
fn decimal(s: &str) -> f64 {
    let (negative, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    // The first 19 significant digits (they fit a u64) and how many of them are decimals.
    let (mut sig, mut digits, mut decimals, mut point) = (0u64, 0, 0i32, false);
    for b in s.bytes() {
        if b == b'.' {
            point = true;
        } else if digits < 19 {
            sig = sig * 10 + u64::from(b.wrapping_sub(b'0') % 10);
            digits += usize::from(sig != 0);
            decimals += i32::from(point);
        } else if !point {
            decimals -= 1;
        }
    }
    let v = if decimals >= 0 { sig as f64 / 10f64.powi(decimals) } else { sig as f64 * 10f64.powi(-decimals) };
    if negative { -v } else { v }
}

fn lat_ok(c: &Coord) -> bool {
    c.kind != 2 && c.value.abs() <= 90.0
}

fn lng_ok(c: &Coord) -> bool {
    c.kind != 1 && c.value.abs() <= 180.0
}

fn precise(c: &Coord, explicit: bool) -> bool {
    c.precision >= if explicit { 2 } else { 3 }
}

impl Rule for Coordinates {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.text.as_str();
        let coords: Vec<Coord> = component()
            .captures_iter_at(t, starts(cx.norm))
            .filter_map(|m| parse(t, &m))
            .filter(|c| !in_map_link(t, c.start))
            .collect();
        let mut i = 0;
        while i < coords.len() {
            let a = coords[i];
            if let Some(b) = coords.get(i + 1) {
                let gap = &t[a.end..b.start];
                let sep_ok = gap.chars().count() <= 3 && gap.chars().all(|c| matches!(c, ' ' | ',' | '、' | '/' | '&' | ';' | '\t'));
                let explicit = a.explicit || b.explicit;
                let big = a.value.abs() >= 1.0 && b.value.abs() >= 1.0;
                let spaced_only = gap.chars().all(|c| c == ' ' || c == '\t');
                let enough = if explicit {
                    precise(&a, true) && precise(b, true)
                } else {
                    // 3 decimals only for a position away from 0,0 (not 3.141, 2.718).
                    let large = a.value.abs().max(b.value.abs()) >= 10.0;
                    let need = if spaced_only || !large { 4 } else { 3 };
                    big && a.precision >= need && b.precision >= need
                };
                if sep_ok && lat_ok(&a) && lng_ok(b) && enough {
                    out.push(Hit::new(a.start, b.end));
                    i += 2;
                    continue;
                }
            }
            // A single coordinate counts when marked as one (北緯…, N, lat=).
            if a.explicit && precise(&a, true) && (a.kind == 1 && a.value.abs() <= 90.0 || a.kind == 2 && a.value.abs() <= 180.0) {
                out.push(Hit::new(a.start, a.end));
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_reads_what_parse_reads() {
        let mut cases: Vec<String> = ["0", "90", "180", "35.681236", "-33.8688", "139.767125", "59.99", "60", "0.1", "89.999999999999999999999"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut x: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let int = x % 1000;
            let frac_len = (x >> 10) % 24;
            let frac: String = (0..frac_len).map(|k| char::from(b'0' + ((x >> (k % 50)) % 10) as u8)).collect();
            let neg = if x & (1 << 60) != 0 { "-" } else { "" };
            cases.push(if frac.is_empty() { format!("{neg}{int}") } else { format!("{neg}{int}.{frac}") });
        }
        for c in &cases {
            let want: f64 = c.parse().unwrap();
            let got = super::decimal(c);
            assert!((got - want).abs() <= want.abs() * 4.0 * f64::EPSILON, "{c}: {got} vs {want}");
            for limit in [60.0, 90.0, 180.0] {
                assert_eq!(got <= limit, want <= limit, "{c}");
                assert_eq!(got >= limit, want >= limit, "{c}");
            }
        }
    }

    /// `starts` holds every match's start: the rule's search finds what a search of the whole
    /// text finds, on the corpora and on made-up texts full of near misses.
    #[test]
    fn starts_hold_every_match_start() {
        let mut texts = crate::rules::testing::corpus_texts();
        let pieces = [
            "北緯", "南緯", "東経", "西経", "lat", "latitude", "lng", "lon", "longitude", "緯度", "経度", "N", "S", "E", "W", ":",
            "=", " ", "-", "34", "135", "7", "0.5", ".", "°", "度", "º", "'", "′", "’", "分", "\"", "″", "”", "秒", "52", "41.2",
            "123456", "、", "，", "円", "あ", "町", "v1.2", "ｰ", "３４", "．", "１２３",
        ];
        // Prefixes as long as they come, numbers of every length, units or none.
        let heads = ["", "北緯", "lat", "longitude", "longitude : ", "lon=", "緯度 ", "n", "ｘ", "あ "];
        let signs = ["", "-", " -", " "];
        let units = ["", ".", ".5", ".123456", "°", " °", "度", " 度", "º", "°30'", " ° 5 ′ 3 ″"];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for _ in 0..6000 {
            let mut t = String::new();
            for _ in 0..1 + next(6) {
                if next(2) == 0 {
                    t.push_str(pieces[next(pieces.len())]);
                } else {
                    t.push_str(heads[next(heads.len())]);
                    t.push_str(signs[next(signs.len())]);
                    t.push_str(&"1234"[..1 + next(4)]);
                    t.push_str(units[next(units.len())]);
                }
            }
            texts.push(t);
        }
        let re = regex::Regex::new(component().as_str()).unwrap();
        let mut found = 0;
        for text in &texts {
            let norm = crate::text::Normalized::new(text);
            let t = norm.text.as_str();
            let want: Vec<Vec<Option<(usize, usize)>>> =
                re.captures_iter(t).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect();
            let got: Vec<Vec<Option<(usize, usize)>>> = component()
                .captures_iter_at(t, starts(&norm))
                .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                .collect();
            assert_eq!(got, want, "{text:?}");
            found += want.len();
        }
        assert!(found > 1000, "the made-up texts hold matches: {found}");
    }

    fn run(text: &str) -> Vec<(String, u32, u32)> {
        crate::rules::testing::run(&Coordinates, text, Account::Personal).into_iter().map(|s| (s.text, s.start, s.end)).collect()
    }

    fn texts(text: &str) -> Vec<String> {
        run(text).into_iter().map(|h| h.0).collect()
    }

    #[test]
    fn wide_white_space_before_a_pair_is_no_token_boundary_problem() {
        // U+2028 is three bytes: the map-link look-back used to slice inside it and panic.
        assert_eq!(run("集合\u{2028}35.6812, 139.7671 です"), vec![("35.6812, 139.7671".into(), 3, 20)]);
        assert!(run("地図\u{2028}https://www.google.com/maps/@35.6812,139.7671,17z").is_empty());
    }

    #[test]
    fn decimal_pairs_with_exact_spans() {
        assert_eq!(run("集合 35.6812, 139.7671 です"), vec![("35.6812, 139.7671".into(), 3, 20)]);
        assert_eq!(texts("35.6812,139.7671"), ["35.6812,139.7671"]);
        assert_eq!(texts("（35.6812 139.7671）"), ["35.6812 139.7671"]);
        assert_eq!(texts("座標:-33.8568, 151.2153"), ["-33.8568, 151.2153"]);
        // full-width digits and comma, emoji before
        assert_eq!(run("📍３５．６８１２，１３９．７６７１"), vec![("３５．６８１２，１３９．７６７１".into(), 2, 18)]);
    }

    #[test]
    fn keyed_pairs() {
        assert_eq!(texts("lat=35.6812&lng=139.7671"), ["lat=35.6812&lng=139.7671"]);
        assert_eq!(texts("緯度：35.68、経度：139.76"), ["緯度：35.68、経度：139.76"]);
    }

    #[test]
    fn dms_and_kanji_forms() {
        assert_eq!(texts("35°40'52\"N 139°46'01\"E"), ["35°40'52\"N 139°46'01\"E"]);
        assert_eq!(texts("35°40′52″N, 139°46′01″E"), ["35°40′52″N, 139°46′01″E"]);
        assert_eq!(texts("35度40分52秒 139度46分1秒"), ["35度40分52秒 139度46分1秒"]);
        assert_eq!(texts("北緯35度40分52秒 東経139度46分1秒"), ["北緯35度40分52秒 東経139度46分1秒"]);
        assert_eq!(texts("ここは北緯35.68度です"), ["北緯35.68度"]);
        assert_eq!(texts("ｍｅｍｏ：N35.6812 E139.7671\r\nﾖﾛｼｸ"), ["N35.6812 E139.7671"]);
    }

    #[test]
    fn ordinary_numbers_do_not_fire() {
        for t in [
            "1.5, 2.3",
            "3.14, 2.71",
            "人口 12.5, 13.2万人",
            "0.123, 0.456",
            "1.234 5.678",
            "試合は3.141, 2.718のスコア",
            "Ver 1.234, 5.678 をリリース",
            "北緯40度線が通る町",
            "気温35度、湿度40%",
            "10時40分52秒に発生",
            "バージョン1.2.3, 4.5.6",
            "2026.11.24, 2026.11.25",
            "95.1234, 139.7671",
            "35.6812, 189.7671",
            "35.1234%, 40.5678%",
            "身長170.5cm、体重65.25kg",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }

    #[test]
    fn numbers_inside_map_links_are_left_to_map_link() {
        assert!(run("https://www.google.com/maps/@35.6812,139.7671,17z").is_empty());
        assert!(run("geo:35.6812,139.7671").is_empty());
    }
}
