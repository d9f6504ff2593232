//! `location/map-link`: a link to a map, a `geo:` URI or a plus code.
//!
//! Google Maps (`google.com/maps`, `google.co.jp/maps`, `maps.google.*`, `goo.gl/maps`,
//! `maps.app.goo.gl`, and any URL with `@lat,lng,zoom`), Yahoo!地図 (`map.yahoo.co.jp`), Apple
//! Maps (`maps.apple.com`, `maps.apple/…`), `geo:` URIs and Open Location Codes (plus codes:
//! `8Q7XMQ9G+2V`, and short codes with a locality, `MQ9G+2V 千代田区`). The span is the whole link.
//!
//! Severity: on an official account a map to an event venue or a facility is an ordinary part of
//! a municipal notice, so it is `info` there; on a personal or unknown account it is `warn`.
//!
//! Fires: `今ここ https://maps.app.goo.gl/AbC123` (personal, warn on the link).
//! Does not fire: `詳しくは https://www.town.kibichuo.lg.jp/ をご覧ください`.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::scan::find_in_ascii_runs;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct MapLink;

static META: RuleMeta = RuleMeta {
    id: "location/map-link",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg {
        ja: "地図へのリンク（または位置を示すコード）が含まれています。場所がそのまま伝わります。",
        en: "The post links to a map (or contains a location code). It gives the place away.",
    },
    why: Msg {
        ja: "吉備中央町ガイドライン 4(14) は、位置情報を他人に知られることの影響に留意するよう求めています。地図のリンクには正確な座標が含まれていることが多く、自宅や今いる場所を特定されるおそれがあります。",
        en: "Kibichuo guideline 4(14) asks staff to mind what happens when others learn a location. Map links usually carry exact coordinates, which can reveal a home or where someone is now.",
    },
    fix: Msg {
        ja: "個人の投稿では地図のリンクを削除してください。公式アカウントで会場や施設の地図を示すときは、その施設の地図であることを確かめてから投稿してください。",
        en: "On a personal post, remove the map link. On an official account, check that the map shows the venue or facility itself before posting.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "今ここ https://maps.app.goo.gl/AbC123xyz みんなおいでー",
            account: Account::Personal,
            hits: &[("https://maps.app.goo.gl/AbC123xyz", Severity::Warn)],
        },
        Example {
            text: "うちの場所→https://www.google.com/maps/@34.8645,133.6917,17z",
            account: Account::Unknown,
            hits: &[("https://www.google.com/maps/@34.8645,133.6917,17z", Severity::Warn)],
        },
        Example {
            text: "会場までの地図はこちら https://goo.gl/maps/Xy12Ab 駐車場あり",
            account: Account::Official,
            hits: &[("https://goo.gl/maps/Xy12Ab", Severity::Info)],
        },
        Example {
            text: "待ち合わせは MQ9G+2V 千代田区 で！",
            account: Account::Personal,
            hits: &[("MQ9G+2V", Severity::Warn)],
        },
        Example {
            text: "詳しくは町ホームページ https://www.town.kibichuo.lg.jp/ をご覧ください。",
            account: Account::Official,
            hits: &[],
        },
        Example { text: "C++とC#の勉強会、参加費は2000+500円です", account: Account::Personal, hits: &[] },
        Example { text: "地図アプリで現在地から避難所までの経路を確認しておきましょう。", account: Account::Official, hits: &[] },
    ],
};

const URL_CHARS: &str = r"[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]";

fn map_url() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(&format!(
            concat!(
                r"(?:https?://)?(?:[a-z0-9-]+\.)*(?:",
                r"google\.(?:com|co\.jp|[a-z]{{2,3}}(?:\.[a-z]{{2}})?)/maps\b",
                r"|maps\.google\.(?:com|co\.jp|[a-z]{{2,3}}(?:\.[a-z]{{2}})?)\b",
                r"|goo\.gl/maps\b|maps\.app\.goo\.gl\b|map\.yahoo\.co\.jp\b",
                r"|maps\.apple\.com\b|maps\.apple/",
                r"){}*",
            ),
            URL_CHARS
        ))
        .expect("map url regex")
    })
}

fn any_url() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(&format!(r"(?:https?://|www\.){}+", URL_CHARS)).expect("url regex"))
}

/// `@lat,lng,zoom` as Google Maps puts it in its URLs.
fn at_lat_lng_zoom() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"@-?[0-9]{1,2}\.[0-9]+,-?[0-9]{1,3}\.[0-9]+,[0-9]+(?:\.[0-9]+)?z").expect("at regex"))
}

fn geo_uri() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(&format!(r"geo:-?[0-9]{{1,2}}(?:\.[0-9]+)?,-?[0-9]{{1,3}}(?:\.[0-9]+)?(?:[,;?]{}*)?", URL_CHARS)).expect("geo regex")
    })
}

/// Open Location Codes: full (8 + 2-3) and short (4 + 2-3) codes, lower-cased by normalisation.
/// A match with four characters before the `+` is a short code.
fn plus_code() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(concat!(
            r"[2-9c][2-9cfghjmpqrv][2-9cfghjmpqrvwx]{6}\+[2-9cfghjmpqrvwx]{2,3}",
            r"|[2-9cfghjmpqrvwx]{4}\+[2-9cfghjmpqrvwx]{2,3}",
        ))
        .expect("plus code regex")
    })
}

/// Trims punctuation that ends a sentence rather than the link, and an unbalanced `)`.
fn trim_url(s: &str) -> usize {
    let mut end = s.len();
    loop {
        let u = &s[..end];
        let Some(c) = u.chars().next_back() else { break };
        let unbalanced = (c == ')' && u.matches('(').count() < u.matches(')').count())
            || (c == ']' && u.matches('[').count() < u.matches(']').count());
        if matches!(c, '.' | ',' | '!' | '?' | ':' | ';' | '\'') || unbalanced {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// A Google Maps place URL may carry the place name in Japanese (`/maps/place/吉備中央町役場/@…`):
/// extends the link over it when the URL goes on after it in the same word.
fn extend_over_place_name(t: &str, end: usize) -> usize {
    let head = &t[..end];
    if head.ends_with("q=") || head.ends_with("query=") {
        // ?q=吉備中央町役場: the query runs to the next space or Japanese punctuation.
        let mut hi = (end + 300).min(t.len());
        while !t.is_char_boundary(hi) {
            hi -= 1;
        }
        let stop = t[end..hi].find(|c: char| c.is_whitespace() || crate::text::one_of("、。，．！？!?「」『』()（）【】", c));
        return stop.map_or(hi, |n| end + n);
    }
    if !(head.ends_with("/place/") || head.ends_with("/search/") || head.ends_with("/dir/") || head.ends_with("/place/+")) {
        return end;
    }
    let mut hi = (end + 300).min(t.len());
    while !t.is_char_boundary(hi) {
        hi -= 1;
    }
    let word_end = t[end..hi].find(char::is_whitespace).map_or(hi, |n| end + n);
    let word = &t[end..word_end];
    if let Some(slash) = word.find("/@").or_else(|| word.find("/data=")) {
        let rest_start = end + slash;
        let ascii_len = t[rest_start..hi].find(|c: char| !c.is_ascii() || c.is_whitespace()).unwrap_or(hi - rest_start);
        return rest_start + trim_url(&t[rest_start..rest_start + ascii_len]);
    }
    end
}

fn is_alnum_or_plus(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+'
}

impl Rule for MapLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.text.as_str();
        let sev = if cx.context.account == Account::Official { Severity::Info } else { Severity::Warn };
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let overlaps = |spans: &[(usize, usize)], a: usize, b: usize| spans.iter().any(|&(s, e)| a < e && s < b);

        // Every pattern matches printable ASCII only: search only the ASCII runs that hold
        // one of its literals (every map host has `goo` or `map` in it).
        for (a, b) in find_in_ascii_runs(cx.norm, map_url(), &["goo", "map"]) {
            if t[..a].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '/') {
                continue;
            }
            let end = extend_over_place_name(t, a + trim_url(&t[a..b]));
            spans.push((a, end));
        }
        for (a, b) in find_in_ascii_runs(cx.norm, any_url(), &["http", "www."]) {
            let end = a + trim_url(&t[a..b]);
            if at_lat_lng_zoom().is_match(&t[a..end]) && !overlaps(&spans, a, end) {
                spans.push((a, end));
            }
        }
        for (a, b) in find_in_ascii_runs(cx.norm, geo_uri(), &["geo:"]) {
            if t[..a].ends_with(|c: char| c.is_ascii_alphanumeric()) || overlaps(&spans, a, b) {
                continue;
            }
            spans.push((a, a + trim_url(&t[a..b])));
        }
        for (a, b) in find_in_ascii_runs(cx.norm, plus_code(), &["+"]) {
            if t[..a].ends_with(is_alnum_or_plus) || t[b..].starts_with(is_alnum_or_plus) || overlaps(&spans, a, b) {
                continue;
            }
            let code = &t[a..b];
            let mixed = code.contains(|c: char| c.is_ascii_digit()) && code.contains(|c: char| c.is_ascii_alphabetic());
            if !mixed {
                continue;
            }
            if code.find('+') == Some(4) {
                // A short code names a place only with a locality after it, or when called a plus code.
                let after = t[b..].trim_start_matches([' ', ',']);
                let locality = after.starts_with(|c: char| {
                    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{30A1}'..='\u{30FA}').contains(&c) || c.is_ascii_alphabetic()
                });
                let before = t[..a].trim_end_matches([' ', ':']);
                let named = before.ends_with("plus code") || before.ends_with("プラスコード") || before.ends_with("pluscode");
                if !(locality && t[b..].starts_with([' ', ',']) || named) {
                    continue;
                }
            }
            spans.push((a, b));
        }
        spans.sort_unstable();
        for (a, b) in spans {
            if b > a {
                out.push(Hit::new(a, b).severity(sev));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, account: Account) -> Vec<(String, u32, u32, Severity)> {
        crate::rules::testing::run_tuples(&MapLink, text, account)
    }

    fn texts(text: &str) -> Vec<String> {
        run(text, Account::Personal).into_iter().map(|h| h.0).collect()
    }

    #[test]
    fn google_maps_forms() {
        for link in [
            "https://www.google.com/maps/place/Tokyo+Station/@35.6812,139.7671,17z",
            "https://www.google.co.jp/maps?q=35.6812,139.7671",
            "https://maps.google.co.jp/maps?ll=34.86,133.69",
            "maps.google.com/?q=吉備中央町役場",
            "https://goo.gl/maps/AbCdEf12345",
            "https://maps.app.goo.gl/AbCd1234",
            "https://example.jp/map/@34.8645,133.6917,15z",
        ] {
            let t = format!("ここ→{link} です");
            assert_eq!(texts(&t), [link], "{link}");
        }
    }

    #[test]
    fn place_name_in_japanese_inside_the_url() {
        let link = "https://www.google.com/maps/place/吉備中央町役場/@34.8645,133.6917,17z";
        assert_eq!(texts(&format!("役場はこちら{link}")), [link]);
    }

    #[test]
    fn yahoo_apple_geo_with_exact_spans() {
        assert_eq!(
            run("🗾 https://map.yahoo.co.jp/place?lat=34.86&lon=133.69。", Account::Personal),
            vec![("https://map.yahoo.co.jp/place?lat=34.86&lon=133.69".into(), 3, 53, Severity::Warn)]
        );
        assert_eq!(texts("(https://maps.apple.com/?ll=34.86,133.69)"), ["https://maps.apple.com/?ll=34.86,133.69"]);
        assert_eq!(texts("https://maps.apple/p/AbCdEf"), ["https://maps.apple/p/AbCdEf"]);
        assert_eq!(texts("ｇｅｏ：３４．８６，１３３．６９"), ["ｇｅｏ：３４．８６，１３３．６９"]);
        assert_eq!(texts("geo:35.68,139.76\r\nよろしく"), ["geo:35.68,139.76"]);
    }

    #[test]
    fn plus_codes() {
        assert_eq!(texts("集合は8Q7XMQ9G+2Vで"), ["8Q7XMQ9G+2V"]);
        assert_eq!(texts("MQ9G+2V 千代田区"), ["MQ9G+2V"]);
        assert_eq!(texts("プラスコード: MQ9G+2V"), ["MQ9G+2V"]);
        assert!(texts("MQ9G+2Vです").is_empty());
        assert!(texts("2345+67 と 9999+99 は足し算").is_empty());
    }

    #[test]
    fn official_account_is_info() {
        let t = "会場の地図 https://goo.gl/maps/Xy12Ab";
        assert_eq!(run(t, Account::Official)[0].3, Severity::Info);
        assert_eq!(run(t, Account::Unknown)[0].3, Severity::Warn);
    }

    #[test]
    fn other_links_do_not_fire() {
        for t in [
            "https://www.town.kibichuo.lg.jp/soshiki/2/",
            "https://www.google.com/search?q=吉備中央町",
            "https://www.youtube.com/@kibichuo_town",
            "mymaps.google.example.org.fake",
            "メールは info@town.kibichuo.lg.jp まで",
            "https://example.com/roadmaps/plan",
        ] {
            assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
        }
    }
}
