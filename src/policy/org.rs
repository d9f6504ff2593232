//! The organisation's settings read by the context rules (link/*, timing/*, account/*).

use super::{push_err, PolicyError, Problem, Shape};
use crate::json::{Value};

// ---------------------------------------------------------------------------------------------
// The organisation's settings read by the context rules (link/*, timing/*, account/*).
//
// ```json
// { "allowed_domains": ["example-kanko.jp"],          // links that need no confirmation
//   "blocked_domains": ["bad.example"],               // links never to post
//   "working_hours":  {"days":["mon","tue","wed","thu","fri"], "start":"08:30", "end":"17:15",
//                      "breaks":[{"start":"12:00","end":"13:00"}], "holidays_off": true},
//   "posting_window": {"days":["mon","tue","wed","thu","fri"], "start":"08:30", "end":"17:15"},
//   "official_handles": {"x":["@kibichuo_town"], "facebook":["kibichuo.town"]},
//   "organisation_device": true }
// ```
//
// A domain covers its subdomains. Times are local `HH:MM`; a window covers `start` through
// `end`, both minutes included (08:30–17:15 includes 17:15), and so does a break. With
// `holidays_off` (the default) national holidays of Japan and the year-end closure
// (12/29–1/3) are outside the window whatever the day of the week.
// ---------------------------------------------------------------------------------------------

/// A weekly time window: days of the week, a start and an end minute, breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hours {
    /// Indexed by weekday, 0 = Sunday … 6 = Saturday.
    pub days: [bool; 7],
    /// Minutes since midnight, both included.
    pub start: u16,
    pub end: u16,
    /// Breaks inside the window (start, end), both minutes included.
    pub breaks: Vec<(u16, u16)>,
    /// National holidays and 12/29–1/3 are days off.
    pub holidays_off: bool,
}

pub const DAY_IDS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

impl Hours {
    /// Weekdays 08:30–17:15, holidays and the year-end closure off (流山市's posting hours and
    /// the usual hours of a town hall).
    pub fn weekdays_0830_1715() -> Hours {
        Hours { days: [false, true, true, true, true, true, false], start: 8 * 60 + 30, end: 17 * 60 + 15, breaks: Vec::new(), holidays_off: true }
    }

    /// `mon–fri 08:30–17:15` for messages.
    pub fn describe(&self) -> String {
        let days: Vec<&str> = (0..7).filter(|&d| self.days[d]).map(|d| DAY_IDS[d]).collect();
        let days = if days == ["mon", "tue", "wed", "thu", "fri"] { "mon–fri".to_string() } else { days.join(",") };
        format!("{days} {}–{}", hhmm(self.start), hhmm(self.end))
    }

    /// Same in Japanese: `平日 8:30–17:15`.
    pub fn describe_ja(&self) -> String {
        const JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
        let days: Vec<&str> = (0..7).filter(|&d| self.days[d]).map(|d| JA[d]).collect();
        let days = if days == ["月", "火", "水", "木", "金"] { "平日".to_string() } else { days.join("・") };
        let t = |m: u16| format!("{}:{:02}", m / 60, m % 60);
        format!("{days} {}–{}", t(self.start), t(self.end))
    }

    /// As JSON, in the form the policy takes.
    pub fn to_value(&self) -> Value {
        let days: Vec<&str> = (0..7).filter(|&d| self.days[d]).map(|d| DAY_IDS[d]).collect();
        let breaks: Vec<Value> = self.breaks.iter().map(|(s, e)| json!({ "start": hhmm(*s), "end": hhmm(*e) })).collect();
        json!({ "days": days, "start": hhmm(self.start), "end": hhmm(self.end), "breaks": breaks, "holidays_off": self.holidays_off })
    }

    fn set(&mut self, key: &str, v: &Value, errors: &mut Vec<PolicyError>) {
        let Some(obj) = v.as_object() else {
            push_err(errors, key.into(), v, Problem::expected(Shape::WorkingHours));
            return;
        };
        let mut next = self.clone();
        for (k, val) in obj {
            let path = format!("{key}.{k}");
            match k.as_str() {
                "days" => {
                    let Some(list) = val.as_array() else {
                        push_err(errors, path, val, Problem::expected(Shape::DayList));
                        continue;
                    };
                    let mut days = [false; 7];
                    for (i, d) in list.iter().enumerate() {
                        match d.as_str().and_then(|s| DAY_IDS.iter().position(|x| x.eq_ignore_ascii_case(s.trim()))) {
                            Some(n) => days[n] = true,
                            None => push_err(errors, format!("{path}[{i}]"), d, Problem::not_a_day()),
                        }
                    }
                    next.days = days;
                }
                "start" | "end" => match val.as_str().and_then(parse_hhmm) {
                    Some(m) if k == "start" => next.start = m,
                    Some(m) => next.end = m,
                    None => push_err(errors, path, val, Problem::expected(Shape::Time)),
                },
                "breaks" => {
                    let Some(list) = val.as_array() else {
                        push_err(errors, path, val, Problem::expected(Shape::BreakList));
                        continue;
                    };
                    next.breaks.clear();
                    for (i, b) in list.iter().enumerate() {
                        let s = b.get("start").and_then(Value::as_str).and_then(parse_hhmm);
                        let e = b.get("end").and_then(Value::as_str).and_then(parse_hhmm);
                        match (s, e) {
                            (Some(s), Some(e)) if s <= e && b.as_object().is_some_and(|o| o.len() == 2) => next.breaks.push((s, e)),
                            _ => push_err(errors, format!("{path}[{i}]"), b, Problem::expected(Shape::Break)),
                        }
                    }
                }
                "holidays_off" => match val.as_bool() {
                    Some(b) => next.holidays_off = b,
                    None => push_err(errors, path, val, Problem::boolean()),
                },
                _ => push_err(errors, path, val, Problem::unknown_key(Some("days, start, end, breaks, holidays_off"))),
            }
        }
        if next.start > next.end {
            push_err(errors, key.into(), v, Problem::end_before_start());
            return;
        }
        *self = next;
    }
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `HH:MM` or `H:MM`, 00:00–23:59, to minutes since midnight.
fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}


/// The account handles of the organisation, per site. A post from one of them is official.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficialHandles {
    /// Lower-case, without `@`.
    pub x: Vec<String>,
    pub facebook: Vec<String>,
}

/// The organisation's settings for the context rules. See the comment above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgSettings {
    /// Domains the admin adds to the allow list (lower-case, no leading dot). The allow list
    /// always holds lg.jp, go.jp, the local-government names of the geographic .jp space
    /// (pref.*.jp, city.*.*.jp, …) and the preset's organisation.
    pub allowed_domains: Vec<String>,
    pub blocked_domains: Vec<String>,
    pub working_hours: Hours,
    pub posting_window: Hours,
    pub official_handles: OfficialHandles,
    /// The browser runs on a device of the organisation.
    pub organisation_device: bool,
}

impl Default for OrgSettings {
    fn default() -> Self {
        OrgSettings {
            allowed_domains: Vec::new(),
            blocked_domains: Vec::new(),
            working_hours: Hours { breaks: vec![(12 * 60, 13 * 60)], ..Hours::weekdays_0830_1715() },
            posting_window: Hours::weekdays_0830_1715(),
            official_handles: OfficialHandles::default(),
            organisation_device: false,
        }
    }
}

impl OrgSettings {
    pub const KEYS: [&'static str; 6] =
        ["allowed_domains", "blocked_domains", "working_hours", "posting_window", "official_handles", "organisation_device"];

    pub(super) fn set(&mut self, key: &str, v: &Value, errors: &mut Vec<PolicyError>) {
        match key {
            "allowed_domains" | "blocked_domains" => {
                let Some(list) = v.as_array() else {
                    push_err(errors, key.into(), v, Problem::expected(Shape::DomainList));
                    return;
                };
                let mut out = Vec::new();
                for (i, d) in list.iter().enumerate() {
                    match d.as_str().and_then(parse_domain) {
                        Some(d) => out.push(d),
                        None => push_err(errors, format!("{key}[{i}]"), d, Problem::not_a_domain()),
                    }
                }
                if key == "allowed_domains" { self.allowed_domains = out } else { self.blocked_domains = out }
            }
            "working_hours" => self.working_hours.set(key, v, errors),
            "posting_window" => self.posting_window.set(key, v, errors),
            "official_handles" => {
                let Some(obj) = v.as_object() else {
                    push_err(errors, key.into(), v, Problem::expected(Shape::HandleMap));
                    return;
                };
                for (site, list) in obj {
                    let path = format!("{key}.{site}");
                    if site != "x" && site != "facebook" {
                        push_err(errors, path, list, Problem::unknown_site());
                        continue;
                    }
                    let Some(list) = list.as_array() else {
                        push_err(errors, path, list, Problem::expected(Shape::HandleList));
                        continue;
                    };
                    let fb = site == "facebook";
                    let mut out = Vec::new();
                    for (i, h) in list.iter().enumerate() {
                        match h.as_str().and_then(|h| if fb { facebook_key(h) } else { parse_handle(h) }) {
                            Some(h) => out.push(h),
                            None if fb => push_err(errors, format!("{path}[{i}]"), h, Problem::not_a_page()),
                            None => push_err(errors, format!("{path}[{i}]"), h, Problem::not_a_handle()),
                        }
                    }
                    if site == "x" { self.official_handles.x = out } else { self.official_handles.facebook = out }
                }
            }
            "organisation_device" => match v.as_bool() {
                Some(b) => self.organisation_device = b,
                None => push_err(errors, key.into(), v, Problem::boolean()),
            },
            _ => push_err(errors, key.into(), v, Problem::unknown_key(None)),
        }
    }

    /// The value of one of [`OrgSettings::KEYS`] as JSON (the effective policy).
    pub fn value_of(&self, key: &str) -> Value {
        match key {
            "allowed_domains" => json!(self.allowed_domains),
            "blocked_domains" => json!(self.blocked_domains),
            "working_hours" => self.working_hours.to_value(),
            "posting_window" => self.posting_window.to_value(),
            "official_handles" => json!({ "x": self.official_handles.x, "facebook": self.official_handles.facebook }),
            "organisation_device" => json!(self.organisation_device),
            _ => Value::Null,
        }
    }

    /// Moves the setting of `key` from `from`.
    pub(super) fn take(&mut self, from: &mut OrgSettings, key: &str) {
        match key {
            "allowed_domains" => self.allowed_domains = std::mem::take(&mut from.allowed_domains),
            "blocked_domains" => self.blocked_domains = std::mem::take(&mut from.blocked_domains),
            "working_hours" => self.working_hours = from.working_hours.clone(),
            "posting_window" => self.posting_window = from.posting_window.clone(),
            "official_handles" => self.official_handles = std::mem::take(&mut from.official_handles),
            "organisation_device" => self.organisation_device = from.organisation_device,
            _ => {}
        }
    }

    /// Whether `handle` (with or without `@`, any case) is one of the organisation's on `site`
    /// (on an unknown site: on any). `handle` may hold several identifiers of the same account,
    /// one per line (Facebook: the Page's name as shown and its address): any one matching is
    /// enough. On Facebook a Page matches by name (NFKC, any case, spaces folded), vanity name
    /// or page id, each also read from a facebook.com address.
    pub fn is_official_handle(&self, site: crate::post::Site, handle: &str) -> bool {
        use crate::post::Site;
        let OfficialHandles { x, facebook } = &self.official_handles;
        handle.lines().any(|line| {
            let as_x = || {
                let h = line.trim().trim_start_matches(['@', '＠']).to_lowercase();
                let h = h.trim_end_matches('/');
                let h = h.rsplit('/').next().unwrap_or(h).to_string();
                (!h.is_empty()).then_some(h)
            };
            let on = |list: &Vec<String>, key: Option<String>| key.is_some_and(|k| list.iter().any(|o| *o == k));
            match site {
                Site::X => on(x, as_x()),
                Site::Facebook => on(facebook, facebook_key(line)),
                Site::Other => on(x, as_x()) || on(facebook, facebook_key(line)),
            }
        })
    }

    /// The kind of account a post goes out on: the context's own when the page said so;
    /// official when its handle is one of the organisation's (`official_handles`); personal
    /// when the page shows an account and the policy lists the organisation's accounts on that
    /// site but not this one; otherwise unknown (read as the stricter of the two by each rule).
    pub fn account_of(&self, context: &crate::post::Context) -> crate::post::Account {
        use crate::post::{Account, Site};
        if context.account != Account::Unknown {
            return context.account;
        }
        let Some(handle) = context.handle.as_deref().filter(|h| !h.trim().is_empty()) else { return Account::Unknown };
        if self.is_official_handle(context.site, handle) {
            return Account::Official;
        }
        let OfficialHandles { x, facebook } = &self.official_handles;
        let listed = match context.site {
            Site::X => !x.is_empty(),
            Site::Facebook => !facebook.is_empty(),
            Site::Other => false,
        };
        if listed { Account::Personal } else { Account::Unknown }
    }
}

/// A domain name as an admin writes it: lower-cased, a leading `*.` or `.` dropped.
fn parse_domain(s: &str) -> Option<String> {
    let d = s.trim().to_ascii_lowercase();
    let d = d.strip_prefix("*.").or_else(|| d.strip_prefix('.')).unwrap_or(&d).trim_end_matches('.');
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    ok.then(|| d.to_string())
}

/// A Facebook Page as an admin writes it or the page shows it, as the key it is compared by:
/// a facebook.com address gives its vanity name (`facebook.com/kibichuo.town`), or its page id
/// (`profile.php?id=100064…`, `people/<name>/<id>`); anything else is the Page's name or
/// vanity name as written, NFKC-normalised, lower-cased, spaces folded (`吉備中央町`,
/// `Kibichuo Town`, `kibichuo.town`, a bare page id). None when empty or too long.
fn facebook_key(s: &str) -> Option<String> {
    let folded: String = crate::nfkc::nfkc(s).to_lowercase();
    let v = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let v = v.trim_start_matches('@');
    let key = match v.find("facebook.com/") {
        Some(i) => {
            let rest = &v[i + "facebook.com/".len()..];
            let (path, query) = rest.split_once('?').map_or((rest, ""), |(p, q)| (p, q));
            let path = path.split('#').next().unwrap_or("");
            let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
            match segs.as_slice() {
                ["profile.php", ..] => query.split(['&', '#']).find_map(|kv| kv.strip_prefix("id=")).unwrap_or("").to_string(),
                ["people", .., id] => id.to_string(),
                [first, ..] => first.to_string(),
                [] => String::new(),
            }
        }
        None => v.trim_end_matches('/').to_string(),
    };
    (!key.is_empty() && key.chars().count() <= 100 && !key.chars().any(char::is_control)).then_some(key)
}

/// A handle: `@name` or `name` (X), lower-cased.
fn parse_handle(s: &str) -> Option<String> {
    let h = s.trim().trim_start_matches('@').to_ascii_lowercase();
    let ok = !h.is_empty() && h.len() <= 80 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
    ok.then_some(h)
}

#[cfg(test)]
mod org_tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn org_settings_parse_and_name_every_bad_entry() {
        let (p, errors) = Policy::from_json(
            r#"{"allowed_domains":["Kanko-Kibichuo.jp","*.example.org","https://x.jp/a",3],
                "blocked_domains":"bad.example",
                "working_hours":{"days":["mon","tue","wed","thu","fri","sat"],"start":"8:45","end":"17:3O",
                                 "breaks":[{"start":"12:00","end":"12:45"},{"start":"13:00"}],"lunch":true},
                "posting_window":{"start":"18:00","end":"09:00"},
                "official_handles":{"x":["@Kibichuo_Town","bad handle"],"mastodon":["@a"]},
                "organisation_device":"yes"}"#,
        );
        assert_eq!(p.org.allowed_domains, ["kanko-kibichuo.jp", "example.org"]);
        assert!(p.org.blocked_domains.is_empty());
        let wh = &p.org.working_hours;
        assert_eq!(wh.days, [false, true, true, true, true, true, true]);
        assert_eq!((wh.start, wh.end), (8 * 60 + 45, 17 * 60 + 15), "bad end ignored, default kept");
        assert_eq!(wh.breaks, [(720, 765)]);
        assert_eq!(p.org.posting_window, Hours::weekdays_0830_1715(), "a reversed window is ignored whole");
        assert_eq!(p.org.official_handles.x, ["kibichuo_town"]);
        assert!(!p.org.organisation_device);
        let shown: Vec<String> = errors.iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
        assert_eq!(
            shown,
            [
                "allowed_domains[2] = \"https://x.jp/a\"",
                "allowed_domains[3] = 3",
                "blocked_domains = \"bad.example\"",
                "official_handles.mastodon = [\"@a\"]",
                "official_handles.x[1] = \"bad handle\"",
                "organisation_device = \"yes\"",
                "posting_window = {\"end\":\"09:00\",\"start\":\"18:00\"}",
                "working_hours.breaks[1] = {\"start\":\"13:00\"}",
                "working_hours.end = \"17:3O\"",
                "working_hours.lunch = true",
            ]
        );
    }

    #[test]
    fn defaults_are_weekdays_0830_to_1715_with_a_lunch_break_for_work() {
        let o = OrgSettings::default();
        assert_eq!(o.posting_window.describe(), "mon–fri 08:30–17:15");
        assert_eq!(o.posting_window.describe_ja(), "平日 8:30–17:15");
        assert_eq!(o.working_hours.breaks, [(720, 780)]);
        assert!(o.allowed_domains.is_empty() && o.blocked_domains.is_empty() && !o.organisation_device);
    }

    #[test]
    fn official_handles_match_per_site_ignoring_at_and_case() {
        let (p, e) = Policy::from_json(r#"{"official_handles":{"x":["@Nagareyama_City"],"facebook":["nagareyama.city"]}}"#);
        assert!(e.is_empty(), "{e:?}");
        use crate::post::Site;
        assert!(p.org.is_official_handle(Site::X, "@nagareyama_city"));
        assert!(p.org.is_official_handle(Site::X, "NAGAREYAMA_CITY"));
        assert!(!p.org.is_official_handle(Site::Facebook, "@nagareyama_city"));
        assert!(p.org.is_official_handle(Site::Facebook, "https://www.facebook.com/nagareyama.city/"));
        assert!(p.org.is_official_handle(Site::Other, "nagareyama.city"));
        assert!(!p.org.is_official_handle(Site::X, "@nagareyama_city_fan"));
        assert!(!p.org.is_official_handle(Site::X, ""));
    }

    #[test]
    fn facebook_pages_match_by_name_vanity_name_or_page_id() {
        let (p, e) = Policy::from_json(
            r#"{"official_handles":{"facebook":["吉備中央町","https://www.facebook.com/kibichuo.town/","facebook.com/profile.php?id=100064123456789","Kibichuo　Kosodate",""]}}"#,
        );
        assert_eq!(p.org.official_handles.facebook, ["吉備中央町", "kibichuo.town", "100064123456789", "kibichuo kosodate"]);
        let shown: Vec<String> = e.iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
        assert_eq!(shown, ["official_handles.facebook[4] = \"\""]);
        use crate::post::Site::Facebook;
        let o = &p.org;
        assert!(o.is_official_handle(Facebook, "吉備中央町"));
        assert!(o.is_official_handle(Facebook, " 吉備中央町 "));
        assert!(o.is_official_handle(Facebook, "KIBICHUO  kosodate"), "case and spaces folded");
        assert!(o.is_official_handle(Facebook, "ｋｉｂｉｃｈｕｏ.ｔｏｗｎ"), "full-width folded (NFKC)");
        assert!(o.is_official_handle(Facebook, "https://www.facebook.com/kibichuo.town?ref=page"));
        assert!(o.is_official_handle(Facebook, "https://www.facebook.com/profile.php?id=100064123456789&sk=about"));
        assert!(o.is_official_handle(Facebook, "https://www.facebook.com/people/Kibichuo/100064123456789/"));
        assert!(o.is_official_handle(Facebook, "吉備 太郎\nhttps://www.facebook.com/kibichuo.town"), "any one line of several");
        assert!(!o.is_official_handle(Facebook, "吉備中央町観光協会"));
        assert!(!o.is_official_handle(Facebook, "吉備 太郎"));
        assert!(!o.is_official_handle(Facebook, "https://www.facebook.com/profile.php?id=1000641"));
        assert!(!o.is_official_handle(crate::post::Site::X, "吉備中央町"), "a Facebook Page is not an X account");
    }

    #[test]
    fn the_account_is_official_listed_personal_unlisted_unknown_without_a_list() {
        use crate::post::{Account, Context, Site};
        let cx = |site, handle: Option<&str>| Context { site, handle: handle.map(String::from), ..Context::default() };
        let (p, _) = Policy::from_json(r#"{"official_handles":{"facebook":["吉備中央町"]}}"#);
        let o = &p.org;
        assert_eq!(o.account_of(&cx(Site::Facebook, Some("吉備中央町"))), Account::Official);
        assert_eq!(o.account_of(&cx(Site::Facebook, Some("吉備 太郎"))), Account::Personal);
        assert_eq!(o.account_of(&cx(Site::Facebook, None)), Account::Unknown, "no account shown");
        assert_eq!(o.account_of(&cx(Site::X, Some("@kibi_taro"))), Account::Unknown, "no X account listed");
        let said = Context { account: Account::Official, ..cx(Site::Facebook, Some("吉備 太郎")) };
        assert_eq!(o.account_of(&said), Account::Official, "the context's own kind wins");
    }
}
