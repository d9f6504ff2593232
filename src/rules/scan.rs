//! Scans of the normalised text that several rules need, computed at most once per check and
//! kept in the [`Normalized`] text they were made from (lazily: a policy that turns the rules
//! off never pays for them). Rules reach them through methods on `Normalized`.
//!
//! * [`Normalized::web_addresses`]: `http://…`, `https://…`, `www.…` runs (word rules skip them).
//! * [`Normalized::ascii_runs`]: maximal runs of printable ASCII, where every link, address,
//!   number or code lives; [`find_in_ascii_runs`] runs a regex over only those that can hold a
//!   match instead of over the whole (mostly Japanese) text.
//! * [`Normalized::links`]: the links the `link/*` rules check.
//! * [`Normalized::digit_runs`]: digit groups the `pii/*` number rules check.
//! * the word rules' dictionary matches (one index for every list: see `lexicon`).

use crate::text::Normalized;
use crate::rules::pattern::{packed, unpacked, Key, KeyFilter, Pattern};
use std::sync::OnceLock;

/// A set of words found with every occurrence (overlapping ones too): the word rules' lists
/// (thousands of words) and each pattern's own literals (`rules::pattern`). Each word is filed under its
/// first two characters (one if it has one), and a pass over the text tests each character and
/// each pair of adjacent characters against a `pattern::KeyFilter`; only where it lets a key
/// through are the words filed there compared. The Aho-Corasick automaton it replaced
/// stepped through every byte, a tenth of a long post's check in the WASM (and without it the
/// aho-corasick crate is no longer linked).
pub struct WordIndex {
    words: Vec<Box<[u8]>>,
    /// `(key, word)`, sorted by key (`pattern::packed`).
    filed: Vec<(u64, u32)>,
    filter: KeyFilter,
    /// Its id in the shared literal pass, once its keys joined it ([`WordIndex::each_shared`]).
    shared: OnceLock<u32>,
}

impl WordIndex {
    /// Every word must be non-empty UTF-8 (others are never found).
    pub fn new(words: &[&[u8]]) -> WordIndex {
        let mut filter = KeyFilter::new();
        let mut filed = Vec::with_capacity(words.len());
        for (k, w) in words.iter().enumerate() {
            let mut cs = std::str::from_utf8(w).unwrap_or_default().chars();
            let Some(c) = cs.next() else { continue };
            let key = (c, cs.next());
            filter.insert(key);
            filed.push((packed(key), k as u32));
        }
        filed.sort_unstable();
        WordIndex { words: words.iter().map(|w| Box::from(*w)).collect(), filed, filter, shared: OnceLock::new() }
    }

    /// [`WordIndex::each`], the same calls in the same order. Where `h` lies in a text view of
    /// the shared literal pass (`rules::pattern`), the words' keys join that pass and only the
    /// places where one of them starts are looked at, not every character of `h`.
    pub fn each_shared(&self, h: &str, f: impl FnMut(usize, usize, usize)) {
        let id = *self.shared.get_or_init(|| {
            let mut keys: Vec<u64> = self.filed.iter().map(|&(k, _)| k).collect();
            keys.dedup();
            crate::rules::pattern::register_keys(keys.into_iter().map(unpacked))
        });
        match crate::rules::pattern::key_positions(id, h) {
            Some(places) => self.each_at(h, &places, f),
            None => self.each(h, f),
        }
    }

    /// What [`WordIndex::each`] does at the byte offsets `places` of `h` (increasing), if every
    /// place where one of the keys starts is among them.
    fn each_at(&self, h: &str, places: &[usize], mut f: impl FnMut(usize, usize, usize)) {
        let b = h.as_bytes();
        for &i in places {
            if i >= b.len() {
                break;
            }
            let (c, n) = crate::text::char_at(b, i);
            if self.filter.single(c) {
                self.words_at(b, (c, None), i, &mut f);
            }
            if i + n < b.len() {
                let (d, _) = crate::text::char_at(b, i + n);
                if self.filter.pair(c, d) {
                    self.words_at(b, (c, Some(d)), i, &mut f);
                }
            }
        }
    }

    /// The words filed under `key` that start at byte `i` of `b`, as `f(word, start, end)`.
    fn words_at(&self, b: &[u8], key: Key, i: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let key = packed(key);
        let lo = self.filed.partition_point(|e| e.0 < key);
        for &(_, w) in self.filed[lo..].iter().take_while(|e| e.0 == key) {
            let word = &self.words[w as usize];
            if b[i..].starts_with(word) {
                f(w as usize, i, i + word.len());
            }
        }
    }

    /// Every occurrence of every word in `h` as `f(word index, start, end)`, by start.
    pub fn each(&self, h: &str, mut f: impl FnMut(usize, usize, usize)) {
        let b = h.as_bytes();
        let mut at = |key: Key, i: usize| self.words_at(b, key, i, &mut f);
        let mut i = 0;
        let mut cur = (!b.is_empty()).then(|| crate::text::char_at(b, 0));
        while let Some((c, n)) = cur {
            let j = i + n;
            let next = (j < b.len()).then(|| crate::text::char_at(b, j));
            if self.filter.single(c) {
                at((c, None), i);
            }
            if let Some((d, _)) = next {
                if self.filter.pair(c, d) {
                    at((c, Some(d)), i);
                }
            }
            cur = next;
            i = j;
        }
    }
}

/// The cache itself; one per [`Normalized`].
#[derive(Default)]
pub struct Scans {
    pub(crate) web: OnceLock<Vec<(usize, usize)>>,
    pub(crate) ascii: OnceLock<Vec<AsciiRun>>,
    /// The digit runs the `pii/*` number rules check (`pii::common::digit_runs`).
    pub(crate) digits: OnceLock<Vec<crate::rules::pii::common::DigitRun>>,
    /// The shortened links both `url/*` rules check (`url::links::short_links`).
    pub(crate) short_links: OnceLock<Vec<crate::rules::url::links::ShortLink>>,
    /// The links the `link/*` rules check (`link::links`).
    pub(crate) links: OnceLock<Vec<crate::rules::link::LinkAt>>,
    /// Whether the whole text warns against a rumour (`rumor::text_debunks`).
    pub(crate) debunks: OnceLock<bool>,
    /// Per word list (`lexicon::Words`): merged matches, in text order.
    pub(crate) words: OnceLock<Vec<Vec<(usize, usize)>>>,
}

impl Normalized {
    /// Byte ranges of the web addresses in the text: `http://`, `https://` or `www.` up to the
    /// first character that cannot be in an address (a space, Japanese text). Sorted, disjoint.
    pub fn web_addresses(&self) -> &[(usize, usize)] {
        self.scans.web.get_or_init(|| web_addresses_in_runs(&self.text, self.ascii_runs()))
    }
}

/// A maximal run of printable ASCII (`!` to `~`) in the normalised text.
#[derive(Clone, Copy, Debug)]
pub struct AsciiRun {
    pub start: usize,
    pub end: usize,
    /// Bit `b` set: byte `b` occurs in the run (a post has thousands of runs, mostly a date's or
    /// a time's digits: a search that needs a `.` or an `@` skips them on one test). Two words,
    /// not a `u128`: the WASM shifts a `u128` by a call.
    bytes: [u64; 2],
}

impl AsciiRun {
    /// Whether the byte `b` (ASCII) occurs in the run.
    pub fn holds(&self, b: u8) -> bool {
        b < 128 && self.bytes[usize::from(b >> 6 & 1)] >> (b & 63) & 1 == 1
    }

    /// Whether `needle` may occur in the run: its first byte does (a byte outside ASCII is not
    /// recorded: a joined run may hold one).
    fn may_hold(&self, needle: &[u8]) -> bool {
        needle.first().is_none_or(|&b| b >= 128 || self.holds(b))
    }
}

impl Normalized {
    /// The maximal runs of printable ASCII (`!` to `~`) in the text. Sorted, disjoint, never
    /// empty.
    pub fn ascii_runs(&self) -> &[AsciiRun] {
        self.scans.ascii.get_or_init(|| {
            let b = self.text.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_graphic() {
                    let start = i;
                    let mut bytes = [0u64; 2];
                    while i < b.len() && b[i].is_ascii_graphic() {
                        bytes[usize::from(b[i] >> 6 & 1)] |= 1 << (b[i] & 63);
                        i += 1;
                    }
                    out.push(AsciiRun { start, end: i, bytes });
                } else {
                    // A character outside ASCII is skipped whole (by its lead byte).
                    i += crate::text::utf8_width(b[i]);
                }
            }
            out
        })
    }
}

/// The matches of `re` in the text, as `find_iter` over the whole text would give them, for a
/// regex whose matches consist of printable ASCII only. Only the runs of
/// [`Normalized::ascii_runs`] that contain one of `needles` are searched (pass every literal
/// that a match must contain, or `&[]` for all runs). Each run is searched with the character
/// before and after it as context, so `\b` sees what it would see in the whole text.
pub fn find_in_ascii_runs(norm: &Normalized, re: &Pattern, needles: &[&str]) -> Vec<(usize, usize)> {
    search_runs(norm, re, needles, None, |_, _| Ok(()))
}

/// [`find_in_ascii_runs`] for a regex whose matches may also hold characters outside ASCII for
/// which `joins` is true (the dashes an IME types into a path, the letters of a look-alike
/// host): the ASCII runs are extended over such characters on either side, and runs that they
/// then reach are joined. Every match must still hold an ASCII character.
pub fn find_in_runs(norm: &Normalized, re: &Pattern, needles: &[&str], joins: fn(char) -> bool) -> Vec<(usize, usize)> {
    search_runs(norm, re, needles, Some(joins), |_, _| Ok(()))
}

/// [`find_in_runs`], keeping only the matches `accept` takes (text byte ranges): after a match
/// it refuses (`Err(p)`), the search goes on at the next character instead of after the
/// match, as a regex that could not match there would (see `link::links`), or at text byte
/// `p` if that is further: `accept` vouches that it would refuse every match starting before.
#[cfg_attr(postcheck_fast, optimize(speed))]
pub fn search_runs(
    norm: &Normalized,
    re: &Pattern,
    needles: &[&str],
    joins: Option<fn(char) -> bool>,
    mut accept: impl FnMut(usize, usize) -> Result<(), usize>,
) -> Vec<(usize, usize)> {
    let t = norm.text.as_str();
    let runs = norm.ascii_runs();
    let mut out = Vec::new();
    // Where the pattern's literals occur in the whole text (the shared literal pass): runs
    // without one are skipped at once, instead of a literal lookup per run. Where they are
    // where matches start, a run is searched only there (`find_among`); where every match only
    // contains one, the run is searched by the regex. `None`: no literal set, or one too common
    // to be worth it; every run is searched by the regex.
    let hits = re.literal_hits_for_runs(t);
    let at_starts = hits.is_some() && re.hits_are_starts();
    let min_len = re.min_len();
    let mut s = 0;
    let mut k = 0;
    while k < runs.len() {
        let first = runs[k];
        let (mut a, mut b, mut bytes) = (first.start, first.end, first.bytes);
        k += 1;
        if let Some(joins) = joins {
            while let Some(c) = t[..a].chars().next_back().filter(|&c| joins(c)) {
                a -= c.len_utf8();
            }
            loop {
                while let Some(c) = t[b..].chars().next().filter(|&c| joins(c)) {
                    b += c.len_utf8();
                }
                match runs.get(k) {
                    Some(next) if next.start == b => {
                        b = next.end;
                        bytes = [bytes[0] | next.bytes[0], bytes[1] | next.bytes[1]];
                        k += 1;
                    }
                    _ => break,
                }
            }
        }
        // A run shorter than the shortest match has none (most runs are a date's digits).
        if b - a < min_len {
            continue;
        }
        let joined = AsciiRun { start: a, end: b, bytes };
        let run = &t[a..b];
        // Where the run's last needle starts (`None`: no needles given). Every match holds a
        // needle: a run without one has no match, and once the search is past the last one
        // the rest of the run has none (no search to find that out, which costs more).
        let last_needle = if needles.is_empty() {
            None
        } else {
            let last = needles.iter().filter(|n| joined.may_hold(n.as_bytes())).filter_map(|n| last_index(run.as_bytes(), n.as_bytes())).max();
            let Some(k) = last else { continue };
            Some(a + k)
        };
        let lo = t[..a].chars().next_back().map_or(a, |c| a - c.len_utf8());
        let hi = t[b..].chars().next().map_or(b, |c| b + c.len_utf8());
        let hay = &t[lo..hi];
        if let Some(hits) = &hits {
            // The places in `hay` (runs are disjoint and in order: `s` only moves on).
            while s < hits.len() && hits[s] < lo {
                s += 1;
            }
            if hits.get(s).is_none_or(|&p| p >= hi) {
                continue;
            }
        }
        let mut at = a - lo;
        while at <= b - lo {
            if last_needle.is_some_and(|p| p < lo + at) {
                break;
            }
            let found = match &hits {
                Some(starts) if at_starts => re.find_among(hay, starts[s..].iter().map(|&p| p - lo).skip_while(|&p| p < at)),
                _ => re.find_plain_at(hay, at),
            };
            let Some(m) = found else { break };
            if m.end() > b - lo || m.start() < a - lo {
                break; // cannot happen for a regex of such characters; stay inside the run regardless
            }
            if m.is_empty() {
                at = m.end() + 1;
                continue;
            }
            if let Err(resume) = accept(lo + m.start(), lo + m.end()) {
                at = (m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8)).max(resume.saturating_sub(lo));
                continue;
            }
            out.push((lo + m.start(), lo + m.end()));
            at = m.end();
        }
    }
    out
}

/// Where the last occurrence of `n` in `h` starts (`str::rfind` builds a two-way searcher per
/// call, which costs more than the short runs it is asked about).
fn last_index(h: &[u8], n: &[u8]) -> Option<usize> {
    (n.len() <= h.len()).then(|| (0..=h.len() - n.len()).rev().find(|&i| h[i..].starts_with(n))).flatten()
}

/// A fixed list of literal words, each found with every occurrence as `match_indices` per word
/// would find it. Build it in a `static` (`Literals::new(&[…])`). The words' first characters
/// join the built-in patterns' shared literal pass (`rules::pattern`): a search of the
/// normalised text then looks only where one of them occurs, without a pass of its own.
pub struct Literals {
    words: &'static [&'static str],
    /// The words as one alternation: its literal set gives the places to look.
    starts: OnceLock<Pattern>,
}

impl Literals {
    pub const fn new(words: &'static [&'static str]) -> Literals {
        Literals { words, starts: OnceLock::new() }
    }

    fn starts(&self) -> &Pattern {
        self.starts.get_or_init(|| {
            let alternation: Vec<String> = self.words.iter().map(|w| regex_syntax::escape(w)).collect();
            Pattern::new(&alternation.join("|")).expect("literal words")
        })
    }

    /// Exactly what `for (k, w) in words.iter().enumerate() { for (a, _) in text.match_indices(w) { … } }`
    /// visits, in that order: `(k, start, end)` sorted by word, then position, each word's
    /// occurrences non-overlapping from the left.
    pub fn match_indices(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut all: Vec<(usize, usize, usize)> = Vec::new();
        match self.starts().literal_starts(text) {
            Some(places) => {
                for p in places {
                    for (k, w) in self.words.iter().enumerate() {
                        if text[p..].starts_with(w) {
                            all.push((k, p, p + w.len()));
                        }
                    }
                }
            }
            // Only a word list without a usable literal set (an empty word) comes here.
            None => {
                for (k, w) in self.words.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
                    all.extend(text.match_indices(w).map(|(a, _)| (k, a, a + w.len())));
                }
            }
        }
        all.sort_unstable();
        // `match_indices` resumes after each match: drop a word's occurrences that overlap the
        // previous one kept.
        let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(all.len());
        for m in all {
            if out.last().is_some_and(|l| l.0 == m.0 && m.1 < l.2) {
                continue;
            }
            out.push(m);
        }
        out
    }
}

/// [`web_address_ranges`] from the text's ASCII runs: an address starts at `http://`,
/// `https://` or `www.` inside a run and ends with it (a byte scan of the whole text was a
/// thirtieth of a long post's check in the WASM).
fn web_addresses_in_runs(text: &str, runs: &[AsciiRun]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for run in runs.iter().filter(|r| r.holds(b'/') || r.holds(b'.')) {
        for i in run.start..run.end {
            let rest = &b[i..run.end];
            let start = match rest[0] {
                b'h' => rest.starts_with(b"http://") || rest.starts_with(b"https://"),
                b'w' => rest.starts_with(b"www."),
                _ => false,
            };
            if start {
                out.push((i, run.end));
                break;
            }
        }
    }
    out
}

/// See [`Normalized::web_addresses`] (the reference its tests compare with).
#[cfg(test)]
pub fn web_address_ranges(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let start = match rest[0] {
            b'h' => rest.starts_with(b"http://") || rest.starts_with(b"https://"),
            b'w' => rest.starts_with(b"www."),
            _ => false,
        };
        if start {
            let len = rest.iter().position(|c| !c.is_ascii_graphic()).unwrap_or(rest.len());
            out.push((i, i + len));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// `WordIndex` finds every occurrence of every word, overlapping ones too, as a naive
    /// search at every character does: one- and two-character words, words that are prefixes
    /// of others, repeated words, emoji and ASCII.
    #[test]
    fn word_index_finds_every_occurrence() {
        let words: Vec<&[u8]> = ["バカ", "バカ者", "カ", "ばか", "ばか", "死ね", "a", "ab", "🎉x", "〇〇", "○"].iter().map(|w| w.as_bytes()).collect();
        let index = super::WordIndex::new(&words);
        for t in ["バカ者のバカ、ばかばか死ね", "", "abab a", "🎉x🎉🎉x", "〇〇〇○", "カ", "xバ"] {
            let mut want = Vec::new();
            for (i, _) in t.char_indices() {
                for (k, w) in words.iter().enumerate() {
                    if t.as_bytes()[i..].starts_with(w) {
                        want.push((k, i, i + w.len()));
                    }
                }
            }
            let mut got = Vec::new();
            index.each(t, |k, a, b| got.push((k, a, b)));
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{t}");
        }
    }

    /// `each_shared` makes the calls `each` makes, in the same order: on a text of the shared
    /// pass (places from it) and on one outside it (a pass of its own); on the corpora and on
    /// words at the ends of the text, one-character words, emoji and kana the kana view folds.
    #[test]
    fn each_shared_is_each() {
        let words: Vec<&[u8]> =
            ["バカ", "バカ者", "カ", "ばか", "死ね", "a", "ab", "🎉x", "〇〇", "○", "町役場", "の", "お知らせ", "ホーム", "ー"].iter().map(|w| w.as_bytes()).collect();
        let index = super::WordIndex::new(&words);
        // The first search registers the keys; texts normalised after it are scanned for them.
        index.each_shared(&Normalized::new("バカ").text, |_, _, _| {});
        let texts = crate::rules::testing::cases_and_corpus(&["バカ者のバカ、ばかばか死ね", "", "abab a", "🎉x🎉🎉x", "〇〇〇○", "カ", "xバ", "ホームページのお知らせ。町役場"]);
        let mut calls = 0;
        for t in &texts {
            let n = Normalized::new(t);
            let mut want = Vec::new();
            index.each(&n.text, |k, a, b| want.push((k, a, b)));
            for h in [&n.text[..], &n.text.clone()[..]] {
                let mut got = Vec::new();
                index.each_shared(h, |k, a, b| got.push((k, a, b)));
                assert_eq!(got, want, "{t}");
            }
            assert!(super::super::pattern::key_positions(*index.shared.get().unwrap(), &n.text).is_some());
            calls += want.len();
        }
        assert!(calls > 1000, "{calls} words found");
    }

    /// A run with a match every few bytes (a long dotted number, no space) is searched match
    /// by match to its end, finding what the whole-text search finds; after its last needle
    /// the search stops without another look at the run.
    #[test]
    fn a_long_run_of_matches_is_searched_to_its_end() {
        let ip = Pattern::new(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}").unwrap();
        for t in ["1.2.3.4.".repeat(5000) + "end", "10.0.0.1x".repeat(3000), "1.2.3.4".to_string(), "ver1.2.3".to_string()] {
            let n = Normalized::new(&t);
            let want: Vec<(usize, usize)> = regex::Regex::new(ip.as_str()).unwrap().find_iter(&n.text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(find_in_ascii_runs(&n, &ip, &["."]), want, "{}", &t[..t.len().min(20)]);
        }
        assert_eq!(last_index(b"a.b.c", b"."), Some(3));
        assert_eq!(last_index(b"abc", b"."), None);
        assert_eq!(last_index(b".", b".."), None);
    }

    #[test]
    fn a_run_may_hold_a_needle_only_if_it_holds_its_first_byte() {
        let n = Normalized::new("日付 2026-11-24 と a.b@c");
        let runs = n.ascii_runs();
        assert_eq!(runs.len(), 2);
        assert!(runs[0].may_hold(b"-") && runs[0].may_hold(b"2026") && !runs[0].may_hold(b".") && !runs[0].may_hold(b"@"));
        assert!(runs[1].may_hold(b"@") && runs[1].may_hold(b".b") && !runs[1].may_hold(b"-"));
        // Not ASCII: not recorded, so possible; and the empty needle is in every run.
        assert!(runs[0].may_hold("ー".as_bytes()) && runs[0].may_hold(b""));
    }

    #[test]
    fn last_index_is_str_rfind() {
        let hay = ["", "a", ".lan", "x.local:8080/a", "abc.intra", "..", "a.b.c", "www.example.jp"];
        let needles = ["", ".", ".lan", ".local", ".intra", "@", "c", "jp", "a.b.c.d"];
        for h in hay {
            for n in needles {
                assert_eq!(super::last_index(h.as_bytes(), n.as_bytes()), h.rfind(n), "{h:?} {n:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn web_addresses_run_to_the_first_non_address_character() {
        assert_eq!(web_address_ranges("見て https://meet.sex/jp と www.a.jp/x。"), [(7, 26), (31, 41)]);
        assert_eq!(web_address_ranges("http://a.jp/x\nhttps://b.jp"), [(0, 13), (14, 26)]);
        assert!(web_address_ranges("htt www ww.a https:/ http").is_empty());
        assert_eq!(Normalized::new("ＷＷＷ．ａ．ｊｐ").web_addresses(), [(0, 8)]);
        let mut texts = crate::rules::testing::corpus_texts();
        texts.extend(["xhttp://a.jp/bwww.c", "www.", "見てhttps://a", "ah www.x", "http://"].map(String::from));
        for t in &texts {
            let n = Normalized::new(t);
            assert_eq!(n.web_addresses(), web_address_ranges(&n.text), "{t:?}");
        }
    }

    #[test]
    fn literals_visit_what_match_indices_per_word_would() {
        static L: Literals = Literals::new(&["障害", "障害者", "ああ", "hiv", "害", "a.b", "(秘)"]);
        let per_word = |t: &str| {
            let mut expected = Vec::new();
            for (k, w) in L.words.iter().enumerate() {
                for (a, _) in t.match_indices(w) {
                    expected.push((k, a, a + w.len()));
                }
            }
            expected
        };
        for t in ["障害者の障害、ああああ、あああ。hivhiv 害", "", "障害障害者害", "a.b axb (秘)(秘"] {
            // A string of its own (the pattern's own automaton) and a normalised text (the
            // shared pass, registered on the first search, used on the second).
            assert_eq!(L.match_indices(t), per_word(t), "{t}");
            for _ in 0..2 {
                let n = Normalized::new(t);
                assert_eq!(L.match_indices(&n.text), per_word(&n.text), "{t}");
            }
        }
        assert!(!L.match_indices("障害障害者害").is_empty());
    }

    #[test]
    fn ascii_runs_and_regexes_over_them_match_as_over_the_whole_text() {
        let n = Normalized::new("地図 maps.x/a は、id:abc_1。maps.y/b\nmapsz");
        assert_eq!(n.ascii_runs().len(), 4);
        let re = Pattern::new(r"maps\b[a-z./]*").unwrap();
        let whole: Vec<(usize, usize)> = re.find_iter(&n.text).map(|m| (m.start(), m.end())).collect();
        assert_eq!(find_in_ascii_runs(&n, &re, &["maps"]), whole);
        assert_eq!(whole.len(), 2);
        // `\b` sees the Japanese letter after the run: no boundary, as over the whole text.
        let n = Normalized::new("maps地図 mapsです");
        assert!(find_in_ascii_runs(&n, &re, &[]).is_empty());
        assert_eq!(re.find_iter(&n.text).count(), 0);
    }
}
