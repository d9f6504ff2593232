//! Rules about where a link leads (吉備中央町 4(11) リンク先の確認, 6(1)② 第三者のページへのリンク;
//! 室蘭市 5. 禁止事項: わいせつな内容を含むホームページへのリンク).
//!
//! The links of a post are found once per rule on the normalised text: URLs with a scheme, and
//! bare host names (`www.example.jp`, `example.com/path`, a known top-level domain). Short links
//! (`bit.ly/…`, `forms.gle/…`) are left to the `url/*` rules so that nothing is reported twice.
pub mod blocked_domain;
pub mod insecure;
pub mod unlisted_domain;

use crate::policy::{Policy, Preset};
use crate::text::Normalized;
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

/// A link found in the normalised text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link<'a> {
    /// Byte range of the whole link in the normalised text.
    pub start: usize,
    pub end: usize,
    /// `http`, `https`, `ftp`, or `None` for a bare host name.
    pub scheme: Option<&'a str>,
    /// The host, lower-case, without user info, port or trailing dot.
    pub host: &'a str,
    /// Whether the URL has user info before the host (`https://trusted.jp@other.example/`).
    pub userinfo: bool,
    /// The path (`/…`, with query and fragment), or empty.
    pub path: &'a str,
}

/// What kind of host a link names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Name,
    /// An IPv4 or IPv6 address.
    Ip,
    /// A punycode label (`xn--`) or letters outside ASCII (Cyrillic, Greek, accented Latin)
    /// that can imitate a familiar name.
    LookAlike,
}

/// Characters of a host as people type it (ASCII, and the non-ASCII letters a look-alike uses).
const HOST: &str = r"[a-z0-9\-._\u{00C0}-\u{024F}\u{0370}-\u{03FF}\u{0400}-\u{04FF}]";
const PATH: &str = r"[a-z0-9\-._~%!$&'()*+,;=:@/?#\[\]]";

fn scheme_re() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(&format!(r"(https?|ftp)://((?:[a-z0-9\-._~%!$&'()*+,;=:]*@)?(?:\[[0-9a-f:.]+\]|{HOST}+)(?::[0-9]{{1,5}})?)({PATH}*)"))
            .expect("scheme url")
    })
}

/// The groups of the [`scheme_re`] match `a..b` of `text`, read off it as the regex takes them:
/// where the scheme ends, and the authority (group 2). `None` if the reading does not end
/// where the match does (then ask the regex).
///
/// After `://`: user info (the longest run of its characters) only if an `@` follows it and a
/// host follows that; the host, `[…]` or the longest run of host characters; `:` and up to
/// five digits; then the path, the longest run of path characters.
fn scheme_groups(text: &str, a: usize, b: usize) -> Option<(usize, (usize, usize))> {
    let t = &text[a..b];
    let scheme = ["https://", "http://", "ftp://"].iter().find(|s| t.starts_with(**s))?;
    let scheme_end = a + scheme.len() - 3;
    let auth = a + scheme.len();
    let userinfo = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~%!$&'()*+,;=:".contains(c);
    let host_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_') || is_host_letter(c);
    let path_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~%!$&'()*+,;=:@/?#[]".contains(c);
    let run = |from: usize, f: &dyn Fn(char) -> bool| text[from..].find(|c: char| !f(c)).map_or(text.len(), |k| from + k);
    // The host at `h`: its end, if there is one.
    let host = |h: usize| -> Option<usize> {
        if let Some(inner) = text[h..].strip_prefix('[') {
            let n = inner.find(|c: char| !(c.is_ascii_digit() || matches!(c, 'a'..='f' | ':' | '.'))).unwrap_or(inner.len());
            return (n > 0 && inner[n..].starts_with(']')).then_some(h + 1 + n + 1);
        }
        let e = run(h, &host_char);
        (e > h).then_some(e)
    };
    let u = run(auth, &userinfo);
    let host_end = match text[u..].starts_with('@').then(|| host(u + 1)).flatten() {
        Some(e) => e,
        None => host(auth)?,
    };
    let digits = text[host_end..].strip_prefix(':').map_or(0, |p| p.bytes().take_while(u8::is_ascii_digit).take(5).count());
    let auth_end = if digits > 0 { host_end + 1 + digits } else { host_end };
    (run(auth_end, &path_char) == b).then_some((scheme_end, (auth, auth_end)))
}

/// Top-level domains accepted for a bare host name without `www.` or a path.
const BARE_TLDS: &[&str] = &[
    "jp", "com", "net", "org", "info", "biz", "io", "co", "me", "tv", "app", "dev", "xyz", "site", "online", "shop", "store", "blog",
    "link", "club", "asia", "tokyo", "osaka", "nagoya", "yokohama", "kyoto", "okinawa", "us", "uk", "kr", "cn", "tw", "xxx", "adult",
    "porn", "sex",
];

/// A bare host and its port and path (group 1, group 2). The character before must not continue
/// a host, a path or an e-mail address ([`continues_host`]): written as
/// `(?:^|[^a-z0-9\-._@/…])` in front of the host, that character would have been part of the
/// match, and the regex could then not be searched in the text's ASCII runs only; the search
/// checks it instead (`links`), with the same results (a test keeps both).
fn bare_re() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(&format!(r"((?:[a-z0-9\-\u{{00C0}}-\u{{024F}}\u{{0370}}-\u{{03FF}}\u{{0400}}-\u{{04FF}}]+\.)+(?:[a-z]{{2,}}|xn--[a-z0-9\-]+))((?::[0-9]{{1,5}})?/{PATH}*)?"))
            .expect("bare host")
    })
}

/// A letter outside ASCII that a host may hold (Latin-1 and Latin Extended, Greek, Cyrillic).
fn is_host_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}')
}

/// A character that continues a host, a path or an e-mail address: none may stand right before
/// a bare host.
fn continues_host(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_' | '@' | '/') || is_host_letter(c)
}

/// The bare hosts of `text` as `(?:^|[^…])` + [`bare_re`] finds them in the whole text: byte
/// ranges of the host and of its port and path (group 2, empty if none). A match needs the
/// character before it, which must not continue a host and must not be the end of the
/// previous match (the regex had consumed it).
fn bare_hosts(norm: &Normalized) -> Vec<((usize, usize), (usize, usize))> {
    let t = norm.text.as_str();
    let mut last_end = 0;
    let spans = crate::rules::scan::search_runs(norm, bare_re(), &["."], Some(is_host_letter), |s, e| {
        let ok = match t[..s].chars().next_back() {
            None => true,
            Some(p) => !continues_host(p) && s - p.len_utf8() >= last_end,
        };
        if !ok {
            // No match starts after a character that continues a host (the host's own
            // characters, then its path): go on after them, not one character later.
            let run = t[s..].find(|c: char| !continues_host(c)).map_or(t.len(), |k| s + k);
            return Err(run + t[run..].chars().next().map_or(0, char::len_utf8));
        }
        last_end = e;
        Ok(())
    });
    spans
        .into_iter()
        .map(|(s, e)| {
            let host_end = t[s..e].find([':', '/']).map_or(e, |k| s + k);
            ((s, host_end), (host_end, e))
        })
        .collect()
}

/// Trailing characters that end a sentence rather than a URL.
fn trim_tail(s: &str) -> usize {
    let mut end = s.len();
    loop {
        let t = &s[..end];
        let Some(c) = t.chars().last() else { return end };
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' => true,
            ')' => t.matches('(').count() < t.matches(')').count(),
            ']' => t.matches('[').count() < t.matches(']').count(),
            _ => false,
        };
        if !drop {
            return end;
        }
        end -= c.len_utf8();
    }
}

/// The host of an authority: user info, port and brackets removed.
fn host_of(authority: &str) -> (&str, bool) {
    let (userinfo, rest) = match authority.rfind('@') {
        Some(i) => (true, &authority[i + 1..]),
        None => (false, authority),
    };
    let host = if let Some(inner) = rest.strip_prefix('[') {
        inner.split(']').next().unwrap_or(inner)
    } else {
        match rest.rfind(':') {
            Some(i) if rest[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &rest[..i],
            _ => rest,
        }
    };
    (host.trim_end_matches('.'), userinfo)
}

/// Every link in the normalised text, in order.
pub fn links(norm: &Normalized) -> Vec<Link<'_>> {
    let text = norm.text.as_str();
    let mut out: Vec<Link<'_>> = Vec::new();
    for m in scheme_re().find_iter(text) {
        // The groups read off the match (a capturing search costs a backtracking pass over the
        // URL); a regex's own, should the reading disagree with the match.
        let groups = scheme_groups(text, m.start(), m.end()).or_else(|| {
            let c = scheme_re().captures(&text[m.start()..])?;
            let (scheme, auth) = (c.get(1)?, c.get(2)?);
            Some((m.start() + scheme.end(), (m.start() + auth.start(), m.start() + auth.end())))
        });
        let Some((scheme_end, (auth_start, auth_end))) = groups else { continue };
        let end = m.start() + trim_tail(m.as_str());
        let auth_str = &text[auth_start..auth_end.min(end)];
        let (host, userinfo) = host_of(auth_str);
        if host.is_empty() {
            continue;
        }
        let path = &text[auth_end.min(end)..end];
        out.push(Link { start: m.start(), end, scheme: Some(&text[m.start()..scheme_end]), host, userinfo, path });
    }
    let mut bare = Vec::new();
    for ((h_start, h_end), (p_start, p_end)) in bare_hosts(norm) {
        let path = (p_start < p_end).then_some(p_end);
        let host = text[h_start..h_end].trim_end_matches('.');
        if host.is_empty() || out.iter().any(|l| l.start < h_end && h_start < l.end) {
            continue;
        }
        let tld = host.rsplit('.').next().unwrap_or("");
        let known = BARE_TLDS.contains(&tld) || tld.starts_with("xn--");
        if !(host.starts_with("www.") || known) {
            continue;
        }
        let end = path.map_or(h_end, |p_end| h_start + trim_tail(&text[h_start..p_end]));
        let rest = &text[h_end.min(end)..end];
        let path = rest.find('/').map_or("", |i| &rest[i..]);
        bare.push(Link { start: h_start, end, scheme: None, host, userinfo: false, path });
    }
    out.extend(bare);
    out.sort_by_key(|l| l.start);
    out
}

/// A [`Link`] as byte ranges of the normalised text: what the per-check cache keeps.
#[derive(Clone, Copy, Debug)]
pub struct LinkAt {
    start: usize,
    end: usize,
    scheme: Option<(usize, usize)>,
    host: (usize, usize),
    userinfo: bool,
    path: (usize, usize),
}

impl Normalized {
    /// The links of the text ([`links`]), found once per check for the three link rules.
    pub fn links(&self) -> Vec<Link<'_>> {
        let t = self.text.as_str();
        let at = self.scans.links.get_or_init(|| {
            // Every &str of a Link is a slice of `t` (or empty): keep its offsets.
            let range = |s: &str| {
                let a = (s.as_ptr() as usize).wrapping_sub(t.as_ptr() as usize);
                if s.is_empty() || a > t.len() { (0, 0) } else { (a, a + s.len()) }
            };
            links(self)
                .iter()
                .map(|l| LinkAt {
                    start: l.start,
                    end: l.end,
                    scheme: l.scheme.map(range),
                    host: range(l.host),
                    userinfo: l.userinfo,
                    path: range(l.path),
                })
                .collect()
        });
        let get = |(a, b): (usize, usize)| t.get(a..b).unwrap_or("");
        at.iter()
            .map(|l| Link {
                start: l.start,
                end: l.end,
                scheme: l.scheme.map(get),
                host: get(l.host),
                userinfo: l.userinfo,
                path: get(l.path),
            })
            .collect()
    }
}

impl Link<'_> {
    pub fn kind(&self) -> HostKind {
        let h = self.host;
        let ipv4 = {
            let parts: Vec<&str> = h.split('.').collect();
            parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n <= 255))
        };
        if ipv4 || h.contains(':') {
            HostKind::Ip
        } else if !h.is_ascii() || h.split('.').any(|l| l.starts_with("xn--")) {
            HostKind::LookAlike
        } else {
            HostKind::Name
        }
    }

    /// The top-level domain.
    pub fn tld(&self) -> &str {
        self.host.rsplit('.').next().unwrap_or("")
    }
}

/// Whether `host` is `domain` or one of its subdomains.
pub fn under(host: &str, domain: &str) -> bool {
    host == domain || (host.len() > domain.len() && host.ends_with(domain) && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// A host that contains a government domain but is not under it: `city.x.lg.jp.evil.example`.
pub fn mimics_government(host: &str) -> bool {
    let embedded = |d: &str| host.starts_with(&format!("{d}.")) || host.contains(&format!(".{d}."));
    (embedded("lg.jp") && !under(host, "lg.jp")) || (embedded("go.jp") && !under(host, "go.jp"))
}

/// Whether another rule reports this link: a short link (`url/shortener`,
/// `url/service-shortener`: the same classification they use) or an address of the internal
/// network (private and loopback addresses, `localhost`, hosts without a dot or under `.local`,
/// `.lan`, `.internal`, `.intranet`, `.corp`: `security/internal-address`). The link rules stay
/// quiet on them so that nothing is reported twice.
pub fn reported_elsewhere(link: &Link<'_>) -> bool {
    let short = link.path.len() > 1 && crate::rules::url::links::classify(link.host, link.path).is_some();
    short || is_internal(link.host)
}

fn is_internal(host: &str) -> bool {
    let octets: Vec<u32> = host.split('.').filter_map(|p| p.parse().ok()).collect();
    let private_v4 = host.split('.').count() == 4
        && octets.len() == 4
        && match octets[..] {
            [10, ..] | [127, ..] => true,
            [172, b, ..] => (16..=31).contains(&b),
            [192, 168, ..] => true,
            _ => false,
        };
    let private_v6 = host == "::1" || host.starts_with("fc") || host.starts_with("fd") || host.starts_with("fe80:");
    let local_name = !host.contains('.')
        || host.starts_with("intranet")
        || [".local", ".lan", ".internal", ".intranet", ".corp", ".localhost"].iter().any(|t| host.ends_with(t));
    private_v4 || (host.contains(':') && private_v6) || (!host.contains(':') && local_name)
}

/// Top-level domains made for adult content.
const ADULT_TLDS: &[&str] = &["xxx", "adult", "porn", "sex"];

/// Whether a link's host is blocked: the policy's `blocked_domains` or an adult top-level domain.
pub fn is_blocked(policy: &Policy, link: &Link<'_>) -> bool {
    ADULT_TLDS.contains(&link.tld()) || policy.org.blocked_domains.iter().any(|d| under(link.host, d))
}

/// The organisation's own web domain under each preset.
fn organisation_domain(preset: Preset) -> Option<&'static str> {
    match preset {
        Preset::Strict => None,
        Preset::Kibichuo => Some("town.kibichuo.lg.jp"),
        Preset::Muroran => Some("city.muroran.lg.jp"),
        Preset::Nagareyama => Some("city.nagareyama.chiba.jp"),
        Preset::Towada => Some("city.towada.lg.jp"),
    }
}

/// Whether a host is on the allow list: lg.jp, go.jp, a local government's name in the geographic
/// .jp space (`pref.chiba.jp`, `city.okayama.jp`, `city.nagareyama.chiba.jp`, `metro.tokyo.jp`;
/// reserved for local governments by the registry), the organisation's domain and the policy's `allowed_domains`.
pub fn is_allowed(policy: &Policy, host: &str) -> bool {
    if under(host, "lg.jp") || under(host, "go.jp") || under(host, "metro.tokyo.jp") {
        return true;
    }
    if organisation_domain(policy.preset).is_some_and(|d| under(host, d)) || policy.org.allowed_domains.iter().any(|d| under(host, d)) {
        return true;
    }
    // Geographic .jp: pref.<pref>.jp, or (city|town|vill).<name>.<pref>.jp, with any subdomains.
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n >= 3 && labels[n - 1] == "jp" {
        // pref.<pref>.jp, and city.<designated city>.jp (政令指定都市: city.okayama.jp).
        if matches!(labels[n - 3], "pref" | "city") {
            return true;
        }
        if n >= 4 && matches!(labels[n - 4], "city" | "town" | "vill") {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `bare_hosts` gives what the regex with the character before in it, searched over the
    /// whole text, gives: the corpora, and cases made where the two ways could part (a
    /// refused host whose path holds another one, a host right after a match's last character,
    /// look-alike letters, hosts at the start and the end).
    #[test]
    fn bare_hosts_are_those_of_the_whole_text_regex() {
        let whole = regex::Regex::new(&format!(r"(?:^|[^a-z0-9\-._@/\u{{00C0}}-\u{{024F}}\u{{0370}}-\u{{03FF}}\u{{0400}}-\u{{04FF}}])((?:[a-z0-9\-\u{{00C0}}-\u{{024F}}\u{{0370}}-\u{{03FF}}\u{{0400}}-\u{{04FF}}]+\.)+(?:[a-z]{{2,}}|xn--[a-z0-9\-]+))((?::[0-9]{{1,5}})?/{PATH}*)?"))
            .expect("regex");
        let texts = crate::rules::testing::cases_and_corpus(&[
            "u@a.jp/x)b.jp", "a.jp/x)пример.com", "x.jp)y.jp", "example.com", "見てexample.com/aです", "@a.b.jp c.jp",
            "https://a.jp/b c.jp/d", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ／ａ", "lіne.me/ti/p/abc", "а.рф.com xn--eckwd4c7c.jp", "a.jp-b.jp.c.jp",
            "k.lg.jp:8080/x?y=1#z、m.jp:99", "/a.jp _b.jp -c.jp .d.jp é.jp", "1.2.3.4 v1.2.jp", "a..b.jp", "x.jp)",
            // A refused host is passed over to the first character that cannot continue it.
            "https://a.jp/b.jp,c.jp", "u@a.jp@b.jp d.jp", "/x.jp!y.jp", "/a.jpé.jp~b.jp", "_a.jp:8/b.jp(c.jp",
        ]);
        let mut hosts = 0;
        for t in &texts {
            let n = Normalized::new(t);
            let want: Vec<((usize, usize), (usize, usize))> = whole
                .captures_iter(&n.text)
                .filter_map(|c| {
                    let h = c.get(1)?;
                    let p = c.get(2).map_or((h.end(), h.end()), |p| (p.start(), p.end()));
                    Some(((h.start(), h.end()), p))
                })
                .collect();
            assert_eq!(bare_hosts(&n), want, "{t}");
            hosts += want.len();
        }
        assert!(hosts >= 60, "{hosts} hosts compared");
    }

    /// `scheme_groups` reads the groups the regex captures: the corpora and URLs with user
    /// info, an `@` without a host after it, brackets, long ports, look-alike letters and
    /// Japanese text around them.
    #[test]
    fn scheme_groups_are_the_captures() {
        let whole = regex::Regex::new(scheme_re().as_str()).expect("regex");
        let mut texts: Vec<String> = [
            "https://user:pw@example.com:8080/a?b=c#d", "http://a@/x", "http://a:b@c.jp", "http://a.jp:80/x", "ftp://[fe80::1]/a",
            "http://[zz]/a", "http://a:123456/x", "http://user@[::1]:99/p", "https://lіne.me/ti", "見てhttps://bit.ly/3abc。と",
            "http://x@y@z.jp/", "https://a.jp:/b", "http://@a.jp", "https://a.b-c_d.jp/~x/(y)/[z]", "http://:@a", "https://é.jp:1/",
        ]
        .iter()
        .map(|s| Normalized::new(s).text)
        .collect();
        texts.extend(crate::rules::testing::corpus_texts().iter().map(|t| Normalized::new(t).text));
        let mut n = 0;
        for t in &texts {
            for c in whole.captures_iter(t) {
                let (m, scheme, auth) = (c.get(0).unwrap(), c.get(1).unwrap(), c.get(2).unwrap());
                assert_eq!(scheme_groups(t, m.start(), m.end()), Some((scheme.end(), (auth.start(), auth.end()))), "{t}");
                n += 1;
            }
        }
        assert!(n >= 40, "{n} URLs compared");
    }

    fn found(text: &str) -> Vec<(String, Option<String>, String)> {
        let n = Normalized::new(text);
        links(&n).iter().map(|l| (n.text[l.start..l.end].to_string(), l.scheme.map(String::from), l.host.to_string())).collect()
    }

    #[test]
    fn the_cached_links_are_the_links() {
        for t in ["詳しくは https://www.city.x.lg.jp/a.html と example.com と http://user@10.0.0.1:8080/x?y", "www.a.jp", "", "ftp://[fe80::1]/a"] {
            let n = Normalized::new(t);
            assert_eq!(n.links(), links(&n), "{t}");
            assert_eq!(n.links(), links(&n), "{t} (second call, from the cache)");
        }
    }

    #[test]
    fn finds_scheme_urls_and_trims_sentence_punctuation() {
        assert_eq!(
            found("詳しくはhttps://www.city.nagareyama.chiba.jp/life/1001.html。"),
            [("https://www.city.nagareyama.chiba.jp/life/1001.html".into(), Some("https".into()), "www.city.nagareyama.chiba.jp".into())]
        );
        assert_eq!(
            found("（詳細：http://example.com:8080/a_(b)）"),
            [("http://example.com:8080/a_(b)".into(), Some("http".into()), "example.com".into())]
        );
        assert_eq!(found("ＨＴＴＰＳ：／／ｅｘａｍｐｌｅ．ｃｏｍ／"), [("https://example.com/".into(), Some("https".into()), "example.com".into())]);
    }

    #[test]
    fn finds_bare_hosts_but_not_mail_addresses_or_versions() {
        assert_eq!(found("www.example.com をご覧ください")[0].0, "www.example.com");
        assert_eq!(found("予約はexample.jp/yoyakuから")[0].0, "example.jp/yoyaku");
        assert!(found("お問い合わせ：info@town.kibichuo.lg.jp").is_empty());
        assert!(found("ver.2.0 と node.js と 1.5倍").is_empty());
        assert!(found("12.5kg").is_empty());
    }

    #[test]
    fn host_kinds() {
        let kind = |t: &str| {
            let n = Normalized::new(t);
            links(&n)[0].kind()
        };
        assert_eq!(kind("http://192.168.10.5/admin"), HostKind::Ip);
        assert_eq!(kind("http://[2001:db8::1]/"), HostKind::Ip);
        assert_eq!(kind("https://xn--80ak6aa92e.com/"), HostKind::LookAlike);
        assert_eq!(kind("https://аррӏе.com/login"), HostKind::LookAlike);
        assert_eq!(kind("https://www.example.com/"), HostKind::Name);
        let n = Normalized::new("https://www.city.towada.lg.jp@evil.example/");
        let l = &links(&n)[0];
        assert_eq!((l.host, l.userinfo), ("evil.example", true));
    }

    #[test]
    fn short_and_internal_links_are_left_to_other_rules() {
        let elsewhere = |t: &str| {
            let n = Normalized::new(t);
            let l = &links(&n)[0];
            reported_elsewhere(l)
        };
        assert!(elsewhere("http://bit.ly/3abcXYZ"));
        assert!(elsewhere("https://forms.gle/AbCdEf12345"));
        assert!(elsewhere("http://192.168.1.1/admin"));
        assert!(elsewhere("http://localhost:3000/"));
        assert!(elsewhere("http://intranet.town.local/kessai"));
        assert!(elsewhere("http://kintai/login"));
        assert!(!elsewhere("http://203.0.113.7/files/"));
        assert!(!elsewhere("https://bit.ly"), "a shortener's home page hides nothing");
        assert!(!elsewhere("http://www.example.com/a"));
    }

    #[test]
    fn allow_list() {
        let p = Policy::default();
        for h in ["www.town.kibichuo.lg.jp", "www.jma.go.jp", "www.city.nagareyama.chiba.jp", "www.pref.chiba.jp", "www.city.okayama.jp", "www.metro.tokyo.jp", "lg.jp"] {
            assert!(is_allowed(&p, h), "{h}");
        }
        for h in ["example.com", "nagareyama-kanko.jp", "lg.jp.example.com", "xlg.jp", "city.example.com"] {
            assert!(!is_allowed(&p, h), "{h}");
        }
        let (p, _) = Policy::from_json(r#"{"allowed_domains":["nagareyama-kanko.jp"]}"#);
        assert!(is_allowed(&p, "www.nagareyama-kanko.jp"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["http://", "https://@", "http://[::", "www.", "a.b.c.d.e.f.g.h", "https://a@b@c/", "http://:80/", "ｈｔｔｐ://あ"] {
            let n = Normalized::new(t);
            for l in links(&n) {
                let _ = (l.kind(), l.tld());
            }
        }
    }
}
