//! Links in a post, and whether they go through a URL shortener.
//!
//! Shared by `url/shortener` and `url/service-shortener`. One regex pass over the normalised
//! text finds link candidates (`https://host/path`, `host/path`, with or without scheme; the
//! normaliser has already folded full-width `ｂｉｔ．ｌｙ／…` to ASCII and lower-cased it). A
//! candidate's host and its parent suffixes (`www.bit.ly`, then `bit.ly`, then `ly`) are looked
//! up in hash sets built once from the data files in `src/dict/`. The lookup classifies each
//! link into exactly one tier, so the two rules never report the same link.
//!
//! Decisions:
//! - A link fires only with a path: `bit.ly/3abc` fires; `bit.ly` (the service named in prose,
//!   「bit.ly などの短縮URL」) and `https://bit.ly` (its home page) do not: they hide nothing.
//! - Hosts match at label boundaries: `rebit.ly` and `bit.lyrics` are not `bit.ly`;
//!   `user@bit.ly` is an e-mail address, not a link.
//! - The span ends before trailing punctuation (`.,:;!?'"*`, `…`), brackets that do not belong
//!   to the URL (`（bit.ly/3abc）`), and the first non-ASCII character (Japanese text, 。、「」).

use crate::rules::pattern::Pattern;
use std::sync::OnceLock;
use crate::rules::WordSet;

static ACTIVE: &str = dict!("shorteners-active.txt");
static INACTIVE: &str = dict!("shorteners-inactive.txt");
static JA: &str = dict!("shorteners-ja.txt");
static EXACT: &str = dict!("shorteners-exact.txt");
static SERVICES: &str = dict!("service-shorteners.txt");

/// A service whose short links municipalities use (`lin.ee` for LINE).
#[derive(Debug, PartialEq, Eq)]
pub struct Service {
    /// The entry as listed: `lin.ee`, `goo.gl/maps`.
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

/// What a link is, for the shortener rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// A general URL shortener (bit.ly, tinyurl.com, ...): the listed domain.
    General(&'static str),
    /// A service's own short link (lin.ee, forms.gle, youtu.be, ...).
    Service(&'static Service),
}

/// A shortened link: byte range in the normalised text, and its tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortLink {
    pub start: usize,
    pub end: usize,
    pub tier: Tier,
}

struct Lists {
    general: WordSet,
    exact: WordSet,
    /// The service entries; `service_paths` indexes into it, and a host is looked up among
    /// the keys without a path.
    entries: Vec<Service>,
    /// Entries with a path (`goo.gl/maps`): (host, path prefix, entry).
    service_paths: Vec<(&'static str, &'static str, usize)>,
}

/// The data lines of a data file: no comments, no blank lines, trimmed.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let general = WordSet::new([ACTIVE, INACTIVE, JA].into_iter().flat_map(data_lines));
        let exact = WordSet::new(data_lines(EXACT));
        let mut entries = Vec::new();
        let mut service_paths = Vec::new();
        for line in data_lines(SERVICES) {
            let mut cols = line.split('|').map(str::trim);
            let (Some(key), Some(ja), Some(en)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let i = entries.len();
            entries.push(Service { key, ja, en });
            if let Some(slash) = key.find('/') {
                service_paths.push((&key[..slash], &key[slash..], i));
            }
        }
        Lists { general, exact, entries, service_paths }
    })
}

/// Scheme (optional), host, port (optional), path (optional). Hosts are ASCII labels: the text
/// is normalised (NFKC, lower-case) before matching. Path characters are those RFC 3986 allows.
fn link_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(concat!(
            r"(?:https?://)?",
            r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?",
            r"(?::[0-9]{1,5})?",
            // A dash the normaliser does not fold (‐ ‑ ‒ – — ― − ー) inside a path is a hyphen
            // typed through the IME: part of the link when ASCII follows it, else the text's.
            r"(?:/[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*(?:[\x{2010}-\x{2015}\x{2212}\x{30FC}]+[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+)*)?",
        ))
        .expect("link regex")
    })
}

/// Trims what ends a sentence rather than a URL: an opening bracket that is never closed and
/// what follows it (`forms.gle/abc（11月30日まで）` normalises to `forms.gle/abc(11`), trailing
/// punctuation, and closing brackets that close nothing in the URL (`（bit.ly/3abc）`).
fn trim_path(path: &str) -> &str {
    let mut p = path;
    for (open, close) in [(b'(', b')'), (b'[', b']')] {
        let mut depth = 0usize;
        let mut first_unclosed = None;
        for (i, b) in p.bytes().enumerate() {
            if b == open {
                if depth == 0 {
                    first_unclosed = Some(i);
                }
                depth += 1;
            } else if b == close && depth > 0 {
                depth -= 1;
            }
        }
        if let (true, Some(i)) = (depth > 0, first_unclosed) {
            p = &p[..i];
        }
    }
    loop {
        let Some(&last) = p.as_bytes().last() else { return p };
        let drop = match last {
            b'.' | b',' | b':' | b';' | b'!' | b'?' | b'\'' | b'*' => true,
            b')' => p.bytes().filter(|&b| b == b'(').count() < p.bytes().filter(|&b| b == b')').count(),
            b']' => p.bytes().filter(|&b| b == b'[').count() < p.bytes().filter(|&b| b == b']').count(),
            _ => false,
        };
        if !drop {
            return p;
        }
        p = &p[..p.len() - 1];
    }
}

/// The tier of a link to `host` with `path` (`/…` or empty), or `None` if it is no short link.
pub fn classify(host: &str, path: &str) -> Option<Tier> {
    let l = lists();
    for &(h, prefix, i) in &l.service_paths {
        if host == h
            && path.starts_with(prefix)
            && matches!(path.as_bytes().get(prefix.len()), None | Some(b'/' | b'?' | b'#'))
        {
            return Some(Tier::Service(&l.entries[i]));
        }
    }
    // The host itself, then each parent suffix (www.bit.ly, bit.ly; never the bare TLD).
    // A service anywhere in the chain wins: on.fb.me is listed upstream, but it is Facebook's.
    // The last entry of a host wins, as when they were a map (a host never holds a `/`).
    if let Some(e) = suffixes(host).find_map(|(_, s)| l.entries.iter().rev().find(|e| e.key == s)) {
        return Some(Tier::Service(e));
    }
    suffixes(host).find_map(|(sub, s)| {
        let domain = l.general.get(s)?;
        (!(sub && l.exact.contains(domain))).then_some(Tier::General(domain))
    })
}

/// `host` and its parent domains with at least two labels, each with whether it is a proper
/// parent (the host is a subdomain of it).
fn suffixes(host: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut next = Some(host);
    std::iter::from_fn(move || {
        let s = next?;
        next = s.split_once('.').map(|(_, rest)| rest).filter(|rest| rest.contains('.'));
        Some((s.len() < host.len(), s))
    })
}

/// Shortened links in normalised text, in order. Allocates nothing.
impl crate::text::Normalized {
    /// [`short_links`] of the text, found once per check for both shortener rules.
    /// The link pattern is searched in the ASCII runs that hold a `.`, joined over the dashes an
    /// IME types into a path (`scan::find_in_runs`): the same links as [`short_links`] finds
    /// in the whole text (a test compares the two).
    pub fn short_links(&self) -> &[ShortLink] {
        self.scans.short_links.get_or_init(|| {
            let spans = crate::rules::scan::find_in_runs(self, link_re(), &["."], is_ime_dash);
            short_links_at(&self.text, spans.into_iter()).collect()
        })
    }
}

/// A dash the normaliser does not fold (‐ ‑ ‒ – — ― − ー), as `link_re` allows in a path.
fn is_ime_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}')
}

/// The shortened links in normalised `text`, searched in the whole text: the reference the tests
/// compare `Normalized::short_links` with.
#[cfg(test)]
pub fn short_links(text: &str) -> impl Iterator<Item = ShortLink> + '_ {
    short_links_at(text, link_re().find_iter(text).map(|m| (m.start(), m.end())))
}

/// The shortened links among the matches `spans` of `link_re` in `text`.
fn short_links_at<'t>(text: &'t str, spans: impl Iterator<Item = (usize, usize)> + 't) -> impl Iterator<Item = ShortLink> + 't {
    spans.filter_map(move |(m_start, m_end)| {
        let s = &text[m_start..m_end];
        let (scheme, rest) = match s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        // Without a scheme the host must start a word: not `user@bit.ly`, not `my_bit.ly`.
        if !scheme {
            if let Some(&b) = text.as_bytes()[..m_start].last() {
                if b == b'@' || b == b'_' || b == b'-' || b.is_ascii_alphanumeric() {
                    return None;
                }
            }
        }
        let host_end = rest.find([':', '/']).unwrap_or(rest.len());
        let host = &rest[..host_end];
        let after_host = &rest[host_end..];
        let path_at = after_host.find('/')?;
        let path = trim_path(&after_host[path_at..]);
        if path.len() <= 1 {
            return None; // `bit.ly` or `bit.ly/`: the service, not a short link
        }
        let tier = classify(host, path)?;
        let end = m_start + (s.len() - rest.len()) + host_end + path_at + path.len();
        Some(ShortLink { start: m_start, end, tier })
    })
}

/// Number of distinct general shortener domains in the lists (for tests and docs).
pub fn general_domain_count() -> usize {
    lists().general.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        short_links(text).map(|l| &text[l.start..l.end]).collect()
    }

    /// The links found in the runs (`Normalized::short_links`) are those found in the whole
    /// text: every corpus post, and links whose path holds IME dashes.
    #[test]
    fn links_in_the_runs_are_links_in_the_text() {
        let mut texts: Vec<String> = vec![
            "申込みは bit.ly/abcーdef から、詳細はｂｉｔ．ｌｙ／３ｋＩｂＩｃＵ（11月30日まで）".into(),
            "ーbit.ly/a―b−c‐d ー tinyurl.com/xyz‐ ー x.gd/q".into(),
            "http://t.co/abc、https://bit.ly/3abc。amzn.asia/d/xyz!forms.gle/abc".into(),
        ];
        texts.extend(crate::rules::testing::corpus_texts());
        let mut links = 0;
        for t in &texts {
            let norm = crate::text::Normalized::new(t);
            let whole: Vec<(usize, usize)> = short_links(&norm.text).map(|l| (l.start, l.end)).collect();
            let runs: Vec<(usize, usize)> = norm.short_links().iter().map(|l| (l.start, l.end)).collect();
            assert_eq!(runs, whole, "{t}");
            links += whole.len();
        }
        assert!(links >= 60, "{links} links compared");
    }

    #[test]
    fn the_lists_hold_at_least_1400_domains() {
        let n = general_domain_count();
        assert!(n >= 1400, "only {n} shortener domains");
        // Both upstream files and our supplement are all loaded.
        for d in ["bit.ly", "tinyurl.com", "adf.ly", "bit.do", "amzn.asia", "yahoo.jp"] {
            assert!(lists().general.contains(d), "{d} missing");
        }
    }

    #[test]
    fn data_files_start_with_source_and_licence() {
        // The files as written (the checker compiles them in without their headers).
        const ACTIVE: &str = include_str!("../../dict/shorteners-active.txt");
        const INACTIVE: &str = include_str!("../../dict/shorteners-inactive.txt");
        for (name, file, licence) in [
            ("shorteners-active.txt", ACTIVE, "CC-BY-SA-4.0"),
            ("shorteners-inactive.txt", INACTIVE, "CC-BY-SA-4.0"),
            ("shorteners-ja.txt", include_str!("../../dict/shorteners-ja.txt"), "MIT"),
            ("shorteners-exact.txt", include_str!("../../dict/shorteners-exact.txt"), "MIT"),
            ("service-shorteners.txt", include_str!("../../dict/service-shorteners.txt"), "MIT"),
        ] {
            let header: String = file.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
            assert!(header.contains("Source:"), "{name}: no source");
            assert!(header.contains(&format!("Licence: {licence}")), "{name}: no licence");
        }
        assert!(ACTIVE.contains("Attribution: Peter Dave Hello and contributors"));
        assert!(INACTIVE.contains("Attribution: Peter Dave Hello and contributors"));
    }

    #[test]
    fn data_lines_are_lower_case_hosts() {
        for file in [ACTIVE, INACTIVE, JA, EXACT] {
            for l in data_lines(file) {
                assert!(l.contains('.') && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'), "{l:?}");
            }
        }
        // Every exact-only entry is a listed domain, and every service line parsed.
        for l in data_lines(EXACT) {
            assert!(lists().general.contains(l), "{l} is not listed");
        }
        assert_eq!(lists().entries.len(), data_lines(SERVICES).count());
        assert_eq!(lists().entries.iter().filter(|e| !e.key.contains('/')).count() + lists().service_paths.len(), lists().entries.len());
    }

    #[test]
    fn hosts_match_at_label_boundaries() {
        assert_eq!(found("bit.ly/3abc"), ["bit.ly/3abc"]);
        assert_eq!(found("www.bit.ly/3abc"), ["www.bit.ly/3abc"]);
        assert!(found("rebit.ly/3abc").is_empty());
        assert!(found("bit.lyrics/3abc").is_empty());
        assert!(found("my_bit.ly/3abc").is_empty());
        assert!(found("mail tanaka@bit.ly/3abc").is_empty());
        assert!(found("tanaka@bit.ly").is_empty());
    }

    #[test]
    fn bare_hosts_and_file_names_do_not_fire() {
        assert!(found("bit.ly などの短縮url").is_empty());
        assert!(found("https://bit.ly").is_empty());
        assert!(found("https://bit.ly/").is_empty());
        assert!(found("report.pdf ver.1.2 3.14 令和8.11.24").is_empty());
    }

    #[test]
    fn trailing_punctuation_and_brackets_are_not_part_of_the_link() {
        assert_eq!(found("(bit.ly/3abc)。"), ["bit.ly/3abc"]);
        assert_eq!(found("see bit.ly/3abc."), ["bit.ly/3abc"]);
        assert_eq!(found("bit.ly/3abc!?"), ["bit.ly/3abc"]);
        assert_eq!(found("bit.ly/3abc..."), ["bit.ly/3abc"]);
        assert_eq!(found("bit.ly/3abc(外部サイト)"), ["bit.ly/3abc"]);
        assert_eq!(found("tinyurl.com/a_(b)"), ["tinyurl.com/a_(b)"]);
        assert_eq!(found("forms.gle/abcd(11月30日まで)"), ["forms.gle/abcd"]);
        assert_eq!(found("tinyurl.com/a(b)c(d"), ["tinyurl.com/a(b)c"]);
        assert_eq!(found("bit.ly/3abcをご覧"), ["bit.ly/3abc"]);
        assert_eq!(found("bit.ly/kibi‐event2026 です"), ["bit.ly/kibi‐event2026"]);
        assert_eq!(found("bit.ly/kibi−event"), ["bit.ly/kibi−event"]);
        assert_eq!(found("bit.ly/abcーをご覧"), ["bit.ly/abc"]);
        assert_eq!(found("bit.ly/abc―"), ["bit.ly/abc"]);
        assert_eq!(found("https://bit.ly/3abc?utm=x#top"), ["https://bit.ly/3abc?utm=x#top"]);
    }

    #[test]
    fn exact_only_domains_do_not_catch_their_subdomains() {
        assert!(matches!(classify("dw.com", "/p/3abc"), Some(Tier::General("dw.com"))));
        assert_eq!(classify("www.dw.com", "/en/top-stories"), None);
        assert_eq!(classify("www.taiwan.gov.tw", "/index.php"), None);
        assert!(matches!(classify("www.bit.ly", "/x"), Some(Tier::General("bit.ly"))));
    }

    #[test]
    fn service_tier_wins_over_the_general_list() {
        let key = |h: &str, p: &str| match classify(h, p) {
            Some(Tier::Service(s)) => s.key,
            Some(Tier::General(d)) => d,
            None => "",
        };
        assert_eq!(key("lin.ee", "/abc"), "lin.ee");
        assert_eq!(key("maps.app.goo.gl", "/abc"), "maps.app.goo.gl");
        assert_eq!(key("goo.gl", "/maps/abc"), "goo.gl/maps");
        assert_eq!(key("goo.gl", "/forms/abc"), "goo.gl/forms");
        assert_eq!(key("goo.gl", "/mapsabc"), "goo.gl");
        assert_eq!(key("goo.gl", "/abc"), "goo.gl");
        assert_eq!(key("on.fb.me", "/abc"), "fb.me");
        assert!(matches!(classify("lin.ee", "/abc"), Some(Tier::Service(_))));
        assert!(matches!(classify("goo.gl", "/abc"), Some(Tier::General(_))));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "/", "https://", "http:///x", "@", ".", "bit.ly/\u{1F600}", "a.b/c", "x@", "https://bit.ly:99999/a", "𠮷.ly/x", "bit.ly/((((", "bit.ly/)))"] {
            let _ = found(t);
        }
    }
}
