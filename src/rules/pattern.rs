//! [`Pattern`]: the built-in rules' regular expressions, searched through one shared literal
//! pass per check instead of one regex search (with its own setup and literal scan) per rule.
//!
//! Every pattern keeps its *prefix literal set* (regex-syntax's extractor, each literal cut to
//! its first two characters): when that set is finite and has no empty literal, every match
//! begins with one of those literals. The literals of all patterns used so far are looked up in
//! ONE pass over the text when it is normalised, for both views rules search
//! ([`Normalized::text`] and [`Normalized::kana`], which that pass also makes), giving every
//! pattern the positions where one of its literals starts. A search on a haystack
//! that lies inside such a view (rules often search sub-slices like `&t[a..b]`) then looks only
//! at those positions: none → no match, without running (or even compiling) the regex;
//! otherwise an *anchored* search at each position in turn. The haystack is still the one the
//! rule passed, so `\b`, `^` and `$` see exactly what they would see in a plain search, and the
//! first anchored match at the smallest position ≥ the previous match's end is the leftmost-first
//! match the unanchored search would find: results are identical to `regex::Regex`'s.
//!
//! A pattern is registered with the shared pass on first use (its tables are rebuilt when the
//! set has grown, at the next text's pass); until then, and on haystacks outside the views,
//! its own small literal automaton gives the positions. Its regex is compiled only when one of
//! its literals occurs. Patterns without a literal set (those that begin with `[^。]` or `.`, say)
//! are searched as a plain regex.
//!
//! [`Normalized::text`]: crate::text::Normalized::text
//! [`Normalized::kana`]: crate::text::Normalized::kana

use crate::rules::scan::WordIndex;
use regex_automata::meta;
use regex_automata::util::captures::Captures as Caps;
use regex_automata::{Anchored, Input};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex, OnceLock};

/// A regular expression of a built-in rule (see the module documentation). The API follows
/// `regex::Regex`, and so do the results. Make each pattern once, in a `static`
/// (`static_regex!`): a pattern once searched stays in the shared set for the process.
pub struct Pattern {
    source: Box<str>,
    /// The prefix literal set, cut to two characters, shortest prefixes only, or (`inner`) a
    /// literal set every match contains; `None`: no usable set.
    literals: Option<Vec<Box<[u8]>>>,
    /// The literals are not prefixes but required inside every match (the pattern has no prefix
    /// set): a haystack without them has no match; otherwise a plain search.
    inner: bool,
    regex: OnceLock<meta::Regex>,
    /// This pattern's own literal automaton (searches outside the shared pass).
    own: OnceLock<WordIndex>,
    /// Its index in the shared registry, once registered.
    id: OnceLock<u32>,
    /// The length in bytes of the shortest match (`None`: it has no match).
    min_len: Option<usize>,
    /// The literal set holds a single ASCII character or only digits (`[0-9]{1,3}\.` gives the
    /// ten digits): found almost everywhere in a post, it would cost the shared pass more than
    /// it saves a search of the ASCII runs ([`Pattern::literal_hits_for_runs`]).
    broad: bool,
}

/// The regex configuration `regex::Regex::new` uses.
fn builder() -> meta::Builder {
    let mut b = meta::Builder::new();
    b.configure(
        meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true),
    )
    .syntax(regex_automata::util::syntax::Config::new().utf8(true));
    b
}

impl Pattern {
    /// Parses `source` (a syntax error is returned; the regex itself is compiled on first need).
    pub fn new(source: &str) -> Result<Pattern, regex_syntax::Error> {
        let hir = regex_syntax::ParserBuilder::new().utf8(true).build().parse(source)?;
        let (literals, inner) = match literal_set(&hir) {
            Some(l) => (Some(l), false),
            None => {
                let l = inner_literals(&hir);
                let inner = l.is_some();
                (l, inner)
            }
        };
        let broad = literals
            .as_ref()
            .is_some_and(|l| l.iter().any(|l| l.len() == 1 && l[0] < 0x80) || l.iter().all(|l| l.iter().all(u8::is_ascii_digit)));
        Ok(Pattern {
            source: source.into(),
            literals,
            inner,
            regex: OnceLock::new(),
            own: OnceLock::new(),
            id: OnceLock::new(),
            min_len: hir.properties().minimum_len(),
            broad,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn regex(&self) -> &meta::Regex {
        self.regex.get_or_init(|| {
            builder().build(&self.source).unwrap_or_else(|e| panic!("built-in pattern {}: {e}", self.source))
        })
    }

    fn own(&self, literals: &[Box<[u8]>]) -> &WordIndex {
        self.own.get_or_init(|| {
            let words: Vec<&[u8]> = literals.iter().map(|l| &l[..]).collect();
            WordIndex::new(&words)
        })
    }

    /// Every position in `h` where one of the literals starts, in order (`None`: the pattern has
    /// no literal set). Without `inner`, where a match may start.
    fn candidates(&self, h: &str) -> Option<Vec<usize>> {
        let literals = self.literals.as_deref()?;
        if h.is_empty() {
            return Some(Vec::new());
        }
        let id = *self.id.get_or_init(|| {
            #[cfg(test)]
            SOURCES.lock().unwrap_or_else(|e| e.into_inner()).push(self.source.to_string());
            register(literals)
        });
        if let Some(c) = from_views(id, h) {
            return Some(c);
        }
        // By start already: only repeats (two literals at one place) go.
        let mut c: Vec<usize> = Vec::new();
        self.own(literals).each(h, |_, a, _| c.push(a));
        c.dedup();
        Some(c)
    }

    /// Every position in `h` where one of the pattern's prefix literals (cut to two characters)
    /// starts, in order: every match starts at one of them. `None` when the pattern has no
    /// such set.
    pub fn literal_starts(&self, h: &str) -> Option<Vec<usize>> {
        if self.inner {
            return None;
        }
        self.candidates(h)
    }

    /// Every position in `h` where one of the pattern's literals starts: its prefix literals
    /// ([`Pattern::literal_starts`]) or, for a pattern without such a set, the literals every
    /// match contains (`inner`). A slice of `h` in which none starts has no match. `None` when
    /// the pattern has no literal set.
    pub fn literal_hits(&self, h: &str) -> Option<Vec<usize>> {
        self.candidates(h)
    }

    /// [`Pattern::literal_hits`] for a search of the text's ASCII runs, or `None` when the
    /// literals are too common to be worth the shared pass (`broad`): each run is then
    /// searched by the regex, which the runs' needles and lengths keep to a few.
    pub fn literal_hits_for_runs(&self, h: &str) -> Option<Vec<usize>> {
        if self.broad {
            return None;
        }
        self.literal_hits(h)
    }

    /// The length in bytes of the shortest match (`usize::MAX` if there is none): a shorter
    /// haystack has no match.
    pub fn min_len(&self) -> usize {
        self.min_len.unwrap_or(usize::MAX)
    }

    /// Whether [`Pattern::literal_hits`] are where matches start (not only what they contain).
    pub fn hits_are_starts(&self) -> bool {
        !self.inner
    }

    /// The first match in `h` at or after byte `start` by the regex alone, without a look at
    /// the literals: for a caller that has ruled out, by [`Pattern::literal_hits`] of a text `h`
    /// is a slice of, a slice without any (then this is [`Pattern::find_at`]).
    pub fn find_plain_at<'h>(&self, h: &'h str, start: usize) -> Option<Match<'h>> {
        let m = self.regex().search(&Input::new(h).span(start..h.len()))?;
        Some(Match { h, start: m.start(), end: m.end() })
    }

    /// The first match in `h` that starts at one of `starts` (increasing byte offsets of `h`),
    /// by an anchored search at each in turn. The caller vouches that every match it is after
    /// starts at one of them: [`Pattern::literal_starts`] of a text that `h` is a slice of,
    /// shifted to `h` (a literal that runs past the end of `h` is then no match in `h`, as it
    /// should be). Many slices of one text are then searched without a literal pass each.
    pub fn find_among<'h>(&self, h: &'h str, starts: impl IntoIterator<Item = usize>) -> Option<Match<'h>> {
        for p in starts {
            if p > h.len() {
                break;
            }
            if let Some(m) = self.regex().search(&anchored_at(h, p)) {
                return Some(Match { h, start: m.start(), end: m.end() });
            }
        }
        None
    }

    /// Whether the pattern matches somewhere in `h`.
    pub fn is_match(&self, h: &str) -> bool {
        match self.candidates(h) {
            None => self.regex().is_match(h),
            Some(c) if self.inner => !c.is_empty() && self.regex().is_match(h),
            // The regex is compiled only when there is a candidate to try.
            Some(c) => !c.is_empty() && c.iter().any(|&p| self.regex().is_match(anchored_at(h, p))),
        }
    }

    /// The first match in `h`.
    pub fn find<'h>(&self, h: &'h str) -> Option<Match<'h>> {
        self.find_at(h, 0)
    }

    /// The first match in `h` starting at or after byte `start` (look-around sees all of `h`).
    pub fn find_at<'h>(&self, h: &'h str, start: usize) -> Option<Match<'h>> {
        self.find_iter_from(h, start).next()
    }

    /// Successive non-overlapping matches in `h`.
    pub fn find_iter<'p, 'h>(&'p self, h: &'h str) -> Matches<'p, 'h> {
        self.find_iter_from(h, 0)
    }

    fn find_iter_from<'p, 'h>(&'p self, h: &'h str, start: usize) -> Matches<'p, 'h> {
        let search = match self.candidates(h) {
            Some(c) if self.inner && c.is_empty() => Search::Anchored { cands: c, next: 0, from: start },
            Some(_) if self.inner => Search::Plain(self.regex().find_iter(Input::new(h).span(start..h.len()))),
            None => Search::Plain(self.regex().find_iter(Input::new(h).span(start..h.len()))),
            Some(cands) => Search::Anchored { cands, next: 0, from: start },
        };
        Matches { pattern: self, h, search }
    }

    /// The capture groups of the first match in `h`.
    pub fn captures<'h>(&self, h: &'h str) -> Option<Captures<'h>> {
        self.captures_iter(h).next()
    }

    /// The capture groups of successive non-overlapping matches in `h`.
    pub fn captures_iter<'p, 'h>(&'p self, h: &'h str) -> CaptureMatches<'p, 'h> {
        CaptureMatches { inner: self.find_iter(h) }
    }

    /// [`Pattern::captures_iter`] for a caller that knows where matches can start: `starts`
    /// (sorted byte offsets of `h`) must hold the start of every match in `h`; an anchored search
    /// is made at each in turn, and neither the shared literal pass nor a search over the rest
    /// of `h` is made. The results are then those of `captures_iter`.
    pub fn captures_iter_at<'p, 'h>(&'p self, h: &'h str, starts: Vec<usize>) -> CaptureMatches<'p, 'h> {
        CaptureMatches { inner: Matches { pattern: self, h, search: Search::Anchored { cands: starts, next: 0, from: 0 } } }
    }
}

/// `Input` for an anchored search at byte `p` of `h`, look-around seeing all of `h`.
fn anchored_at(h: &str, p: usize) -> Input<'_> {
    Input::new(h).span(p..h.len()).anchored(Anchored::Yes)
}

/// Literals one of which every match contains: the [`literal_set`] of a part of the pattern's
/// top-level concatenation (`@` in `[a-z0-9.]+@[a-z.]+`).
fn inner_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<Box<[u8]>>> {
    use regex_syntax::hir::HirKind;
    let mut h = hir;
    while let HirKind::Capture(c) = h.kind() {
        h = &c.sub;
    }
    let HirKind::Concat(parts) = h.kind() else { return None };
    parts.iter().find_map(literal_set)
}

/// The finite prefix literal set of `hir` without an empty literal, cut to [`PREFIX_CHARS`] and
/// reduced to the literals no other one is a prefix of (a match starting with the longer one
/// starts with the shorter).
fn literal_set(hir: &regex_syntax::hir::Hir) -> Option<Vec<Box<[u8]>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    // Up to 1,000 literals before they are cut (the default, 250, gave up on the alternations of
    // long word groups: `discrimination/stereotype` then scanned every text with its regex).
    let seq = Extractor::new().kind(ExtractKind::Prefix).limit_total(1000).extract(hir);
    let lits = seq.literals()?;
    let mut v: Vec<Box<[u8]>> = lits.iter().map(|l| Box::from(trim_chars(l.as_bytes(), PREFIX_CHARS))).collect();
    // Whole characters only: the shared pass looks at character starts.
    if v.is_empty() || v.iter().any(|l| l.is_empty() || std::str::from_utf8(l).is_err()) {
        return None;
    }
    v.sort_unstable();
    v.dedup();
    // Sorted, a literal's extensions follow it directly.
    let mut out: Vec<Box<[u8]>> = Vec::with_capacity(v.len());
    for l in v {
        if !out.last().is_some_and(|p| l.starts_with(p)) {
            out.push(l);
        }
    }
    Some(out)
}

/// Literals are cut to their first two characters: still prefixes of every match, and the
/// shared pass is a lookup per character (on the bench text of 63,206 characters: 694 literals
/// instead of 2,604, for about twice the candidate positions, 5,354 instead of 2,799; cut to one
/// character, 25 times as many candidates). An Aho-Corasick DFA over the literals cost 2 MB and
/// 6 ns per byte (cache misses), 20 MB for the whole literals.
const PREFIX_CHARS: usize = 2;

/// The first `n` characters of the UTF-8 `b` (all of it if shorter or not UTF-8).
fn trim_chars(b: &[u8], n: usize) -> &[u8] {
    let mut chars = 0;
    for (i, &c) in b.iter().enumerate() {
        if c & 0xC0 != 0x80 {
            if chars == n {
                return &b[..i];
            }
            chars += 1;
        }
    }
    b
}

enum Search<'p, 'h> {
    Plain(meta::FindMatches<'p, 'h>),
    /// Candidates not yet tried start at index `next`; matches may start at `from` or later.
    Anchored { cands: Vec<usize>, next: usize, from: usize },
}

/// The iterator of [`Pattern::find_iter`].
pub struct Matches<'p, 'h> {
    pattern: &'p Pattern,
    h: &'h str,
    search: Search<'p, 'h>,
}

impl<'p, 'h> Matches<'p, 'h> {
    /// The next match as a span and, if wanted, its capture groups.
    fn advance(&mut self, mut caps: Option<&mut Caps>) -> Option<(usize, usize)> {
        match &mut self.search {
            Search::Plain(it) => {
                let m = it.next()?;
                if let Some(caps) = caps {
                    let input = Input::new(self.h).span(m.start()..self.h.len()).anchored(Anchored::Yes);
                    self.pattern.regex().search_captures(&input, caps);
                }
                Some((m.start(), m.end()))
            }
            Search::Anchored { cands, next, from } => {
                while *next < cands.len() {
                    let p = cands[*next];
                    *next += 1;
                    if p < *from {
                        continue;
                    }
                    let re = self.pattern.regex();
                    let input = anchored_at(self.h, p);
                    let span = match caps.as_deref_mut() {
                        Some(caps) => {
                            re.search_captures(&input, caps);
                            caps.get_match().map(|m| (m.start(), m.end()))
                        }
                        None => re.search(&input).map(|m| (m.start(), m.end())),
                    };
                    if let Some((s, e)) = span {
                        *from = e;
                        return Some((s, e));
                    }
                }
                None
            }
        }
    }
}

impl<'p, 'h> Iterator for Matches<'p, 'h> {
    type Item = Match<'h>;
    fn next(&mut self) -> Option<Match<'h>> {
        let (start, end) = self.advance(None)?;
        Some(Match { h: self.h, start, end })
    }
}

/// The iterator of [`Pattern::captures_iter`].
pub struct CaptureMatches<'p, 'h> {
    inner: Matches<'p, 'h>,
}

impl<'p, 'h> Iterator for CaptureMatches<'p, 'h> {
    type Item = Captures<'h>;
    fn next(&mut self) -> Option<Captures<'h>> {
        // No candidate left: neither compile the regex nor allocate its capture slots (most
        // checks, most patterns).
        if let Search::Anchored { cands, next, .. } = &self.inner.search {
            if *next >= cands.len() {
                return None;
            }
        }
        let mut caps = self.inner.pattern.regex().create_captures();
        self.inner.advance(Some(&mut caps))?;
        Some(Captures { h: self.inner.h, caps })
    }
}

/// A match: a byte range of the haystack (as `regex::Match`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    h: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.h[self.start..self.end]
    }
}

/// The capture groups of a match (as `regex::Captures`).
pub struct Captures<'h> {
    h: &'h str,
    caps: Caps,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| Match { h: self.h, start: s.start, end: s.end })
    }
    /// The named group, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get_group_by_name(name).map(|s| Match { h: self.h, start: s.start, end: s.end })
    }
    /// The number of groups, the whole match included.
    pub fn len(&self) -> usize {
        self.caps.group_len()
    }
}

impl<'h> std::ops::Index<usize> for Captures<'h> {
    type Output = str;
    /// Group `i`'s text; panics if it did not take part (as `regex::Captures`).
    fn index(&self, i: usize) -> &str {
        self.get(i).map(|m| m.as_str()).unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

impl<'h> std::ops::Index<&str> for Captures<'h> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        self.name(name).map(|m| m.as_str()).unwrap_or_else(|| panic!("no group named '{name}'"))
    }
}

// ---- The shared literal pass ----

/// A literal cut to its first two characters ([`PREFIX_CHARS`]): the first, and the second if any.
pub(crate) type Key = (char, Option<char>);

/// A key as one integer, ordered as the key.
pub(crate) fn packed((c, second): Key) -> u64 {
    (u64::from(c) << 32) | second.map_or(0, |d| u64::from(d) + 1)
}

/// The key of [`packed`].
pub(crate) fn unpacked(k: u64) -> Key {
    let c = char::from_u32((k >> 32) as u32).unwrap_or_default();
    let second = (k as u32).checked_sub(1).and_then(char::from_u32);
    (c, second)
}

/// Every registered pattern's literals, deduplicated, with the patterns each belongs to.
#[derive(Default)]
struct Registry {
    owners: BTreeMap<Key, Vec<u32>>,
    patterns: u32,
    /// The lookup tables over `owners`; `None` when they must be (re)built.
    built: Option<Arc<Shared>>,
}

/// A snapshot of the registry, for one pass over a text: the literals with their patterns,
/// and the [`KeyFilter`] that lets the pass skip almost every position at once.
struct Shared {
    filter: KeyFilter,
    /// `owners` with each key packed into a `u64` (`packed`), in key order.
    entries: Vec<(u64, Vec<u32>)>,
    /// An open-addressing table over `entries` (index + 1; 0: empty), a power of two at least
    /// twice their number: a lookup is one or two probes instead of a binary search.
    slots: Box<[u32]>,
    /// Patterns `0..patterns` are covered.
    patterns: u32,
}

impl Shared {
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (self.slots.len() - 1)
    }

    /// The patterns whose literals include `key`.
    fn owners(&self, key: Key) -> Option<&[u32]> {
        let key = packed(key);
        let mut i = self.slot(key);
        loop {
            let e = *self.slots.get(i)? as usize;
            let (k, owners) = self.entries.get(e.checked_sub(1)?)?;
            if *k == key {
                return Some(owners);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// Two bitsets over a set of [`Key`]s: one over the one-character keys (by the character's low
/// 16 bits), one over a 16-bit hash of the two-character ones. A clear bit: no key there; a set
/// bit: look the key up. The shared literal pass and `scan::WordIndex` test every character
/// and every pair of adjacent characters of a text against them.
pub(crate) struct KeyFilter {
    // Fixed sizes: a test (a 16-bit index) needs no bounds check.
    singles: Box<[u64; 1 << 10]>,
    doubles: Box<[u64; 1 << 10]>,
}

impl KeyFilter {
    pub(crate) fn new() -> KeyFilter {
        KeyFilter { singles: Box::new([0u64; 1 << 10]), doubles: Box::new([0u64; 1 << 10]) }
    }

    pub(crate) fn insert(&mut self, (c, second): Key) {
        match second {
            None => set_bit(&mut self.singles, c as u32),
            Some(d) => set_bit(&mut self.doubles, pair_hash(c, d)),
        }
    }

    /// Whether the one-character key `c` may be in the set.
    pub(crate) fn single(&self, c: char) -> bool {
        bit(&self.singles, c as u32)
    }

    /// Whether the two-character key `c`, `d` may be in the set.
    pub(crate) fn pair(&self, c: char, d: char) -> bool {
        bit(&self.doubles, pair_hash(c, d))
    }
}

#[inline(always)]
fn bit(bits: &[u64; 1 << 10], k: u32) -> bool {
    let k = (k & 0xFFFF) as usize;
    bits[k >> 6] >> (k & 63) & 1 == 1
}

fn set_bit(bits: &mut [u64; 1 << 10], k: u32) {
    let k = (k & 0xFFFF) as usize;
    bits[k >> 6] |= 1 << (k & 63);
}

fn pair_hash(a: char, b: char) -> u32 {
    ((a as u32).wrapping_mul(0x9E37_79B1) ^ b as u32).wrapping_mul(0x85EB_CA6B) >> 16
}

static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);

fn registry<T>(f: impl FnOnce(&mut Registry) -> T) -> T {
    let mut g = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    f(g.get_or_insert_with(Registry::default))
}

/// The literal as a [`Key`] (literals are whole characters, at most two: [`literal_set`]).
fn key(literal: &[u8]) -> Key {
    let s = std::str::from_utf8(literal).unwrap_or_default();
    let mut cs = s.chars();
    (cs.next().unwrap_or_default(), cs.next())
}

/// Adds a pattern's literals to the shared set; returns its id.
fn register(literals: &[Box<[u8]>]) -> u32 {
    registry(|r| {
        let id = r.patterns;
        r.patterns += 1;
        for l in literals {
            r.owners.entry(key(l)).or_default().push(id);
        }
        r.built = None;
        id
    })
}

/// Adds a set of keys to the shared pass as if they were a pattern's literals (a word list's:
/// `scan::WordIndex::each_shared`); returns its id for [`key_positions`].
pub(crate) fn register_keys(keys: impl Iterator<Item = Key>) -> u32 {
    let literals: Vec<Box<[u8]>> = keys
        .map(|(c, second)| {
            let mut s = String::from(c);
            s.extend(second);
            s.into_bytes().into_boxed_slice()
        })
        .collect();
    register(&literals)
}

/// Where in `h` one of the keys registered as `id` starts, from the shared pass, if `h` lies in
/// a live view that was scanned for them.
pub(crate) fn key_positions(id: u32, h: &str) -> Option<Vec<usize>> {
    from_views(id, h)
}

/// The current tables, built if the set has grown.
fn shared() -> Arc<Shared> {
    registry(|r| {
        r.built
            .get_or_insert_with(|| {
                let mut filter = KeyFilter::new();
                for &key in r.owners.keys() {
                    filter.insert(key);
                }
                let entries: Vec<(u64, Vec<u32>)> = r.owners.iter().map(|(k, v)| (packed(*k), v.clone())).collect();
                let mut shared = Shared {
                    filter,
                    slots: vec![0u32; (entries.len() * 2).next_power_of_two().max(2)].into_boxed_slice(),
                    entries,
                    patterns: r.patterns,
                };
                for e in 0..shared.entries.len() {
                    let mut i = shared.slot(shared.entries[e].0);
                    while shared.slots[i] != 0 {
                        i = (i + 1) & (shared.slots.len() - 1);
                    }
                    shared.slots[i] = e as u32 + 1;
                }
                Arc::new(shared)
            })
            .clone()
    })
}

// ---- Text views and their literal hits ----

/// The views of one [`crate::text::Normalized`] that patterns find their literals in: the
/// normalised text (rules search `Normalized::text`, recognised by its address) and the
/// kana-folded text (owned here), with the literal hits of both, made in one pass when the
/// text is normalised: every check searches both.
pub(crate) struct Views {
    /// Address and length of `Normalized::text`'s buffer.
    text_at: usize,
    text_len: usize,
    /// `None` when the text has no katakana: the view is the text.
    kana: Option<String>,
    /// Per view (text, kana): literal hits of the patterns registered when it was scanned (the
    /// same hits when they are the same).
    hits: [Rc<Hits>; 2],
}

/// The literal hits of one view: for pattern `i`, `pos[offs[i]..offs[i + 1]]`, sorted.
struct Hits {
    patterns: u32,
    offs: Vec<u32>,
    pos: Vec<u32>,
}

thread_local! {
    /// The views of the live `Normalized` texts of this thread.
    static LIVE: RefCell<Vec<Weak<Views>>> = const { RefCell::new(Vec::new()) };
}

impl Views {
    /// The views of a normalised text whose buffer is `text`; registered for this thread.
    pub(crate) fn new(text: &str) -> Rc<Views> {
        let (text_hits, kana_hits, kana) = scan(&shared(), text);
        let text_hits = Rc::new(text_hits);
        let kana_hits = kana_hits.map_or_else(|| text_hits.clone(), Rc::new);
        let v = Rc::new(Views {
            text_at: text.as_ptr() as usize,
            text_len: text.len(),
            kana,
            hits: [text_hits, kana_hits],
        });
        LIVE.with(|l| {
            let mut l = l.borrow_mut();
            l.retain(|w| w.strong_count() > 0);
            l.push(Rc::downgrade(&v));
        });
        v
    }

    /// The kana-folded view, if it is not the text itself.
    pub(crate) fn kana(&self) -> Option<&str> {
        self.kana.as_deref()
    }

    /// Which view `h` lies in, and its offset there.
    fn locate(&self, h: &str) -> Option<(usize, usize)> {
        let (a, len) = (h.as_ptr() as usize, h.len());
        if a >= self.text_at && a + len <= self.text_at + self.text_len {
            return Some((0, a - self.text_at));
        }
        let k = self.kana.as_deref()?;
        let at = k.as_ptr() as usize;
        (a >= at && a + len <= at + k.len()).then(|| (1, a - at))
    }

    /// The literal hits of `view` (0: the text, 1: the kana-folded text).
    fn hits(&self, view: usize) -> Rc<Hits> {
        self.hits[view].clone()
    }
}

/// The kana-folded character (`text::fold_kana` for one character).
fn fold(c: char) -> char {
    crate::text::hiragana_of(c as u32).and_then(char::from_u32).unwrap_or(c)
}

/// One pass over `text` for both views: every position where a registered literal starts, per
/// pattern, in the text and in its kana-folded view (`text::fold_kana`: the same bytes but for
/// katakana, which it turns into hiragana of the same length), and that view itself if the text
/// has katakana (`None`: the view is the text; hits `None`: the text's). Each character (and
/// each pair of adjacent characters) costs a bit test; only a set bit costs a lookup, made once
/// for both views where neither character is katakana.
#[cfg_attr(postcheck_fast, optimize(speed))]
#[inline(never)]
fn scan(s: &Shared, text: &str) -> (Hits, Option<Hits>, Option<String>) {
    let (mut pairs, mut kana_pairs): (Vec<(u32, u32)>, Vec<(u32, u32)>) = (Vec::with_capacity(text.len() / 16), Vec::with_capacity(text.len() / 16));
    let push = |pairs: &mut Vec<(u32, u32)>, owners: Option<&[u32]>, at: usize| {
        if let Some(o) = owners {
            pairs.extend(o.iter().map(|&p| (p, at as u32)));
        }
    };
    // The previous character: its position, itself, folded.
    let mut prev: Option<(usize, char, char)> = None;
    let bytes = text.as_bytes();
    // The kana view: the text up to `copied`, each katakana folded (from the first one).
    let mut kana: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (c, n) = crate::text::char_at(bytes, i);
        let k = fold(c);
        if k != c {
            let kana = kana.get_or_insert_with(|| String::with_capacity(text.len()));
            kana.push_str(&text[copied..i]);
            kana.push(k);
            copied = i + n;
        }
        if let Some((j, b, bk)) = prev {
            let text_pair = s.filter.pair(b, c).then(|| s.owners((b, Some(c)))).flatten();
            push(&mut pairs, text_pair, j);
            if (bk, k) == (b, c) {
                push(&mut kana_pairs, text_pair, j);
            } else if s.filter.pair(bk, k) {
                push(&mut kana_pairs, s.owners((bk, Some(k))), j);
            }
        }
        let single = s.filter.single(c).then(|| s.owners((c, None))).flatten();
        push(&mut pairs, single, i);
        if k == c {
            push(&mut kana_pairs, single, i);
        } else if s.filter.single(k) {
            push(&mut kana_pairs, s.owners((k, None)), i);
        }
        prev = Some((i, c, k));
        i += n;
    }
    if let Some(kana) = &mut kana {
        kana.push_str(&text[copied..]);
    }
    // Without katakana, or none where a literal starts, the kana view's hits are the text's.
    let kana_hits = (kana_pairs != pairs).then(|| collect(s.patterns, &kana_pairs));
    (collect(s.patterns, &pairs), kana_hits, kana)
}

/// The hits per pattern from `(pattern, position)` pairs in text order.
#[cfg_attr(postcheck_fast, optimize(speed))]
fn collect(patterns: u32, pairs: &[(u32, u32)]) -> Hits {
    // The pairs come in text order (a pair's start, then the single at the next character):
    // a counting sort by pattern keeps each pattern's positions in order, then repeats (two
    // literals of one pattern at one position) go. (`sort_unstable` is a heapsort in the WASM's
    // size-optimised core: a twentieth of a long post's check.) Two allocations: the offsets
    // and the positions, sorted and then compacted in place.
    let n = patterns as usize;
    // Counts of pattern `p` at `offs[p + 2]`; summed, `offs[p + 1]` is where `p` starts; filled,
    // where it ends.
    let mut offs = vec![0u32; n + 2];
    for &(p, _) in pairs {
        offs[p as usize + 2] += 1;
    }
    for p in 2..n + 2 {
        offs[p] += offs[p - 1];
    }
    let mut pos = vec![0u32; pairs.len()];
    for &(p, a) in pairs {
        let at = &mut offs[p as usize + 1];
        pos[*at as usize] = a;
        *at += 1;
    }
    offs.truncate(n + 1);
    // Now pattern `p` holds `pos[offs[p]..offs[p + 1]]`: drop repeats, moving each range down.
    let mut w = 0usize;
    let mut from = 0usize;
    for p in 0..n {
        let end = offs[p + 1] as usize;
        offs[p] = w as u32;
        let first = w;
        for r in from..end {
            let a = pos[r];
            if w == first || pos[w - 1] != a {
                pos[w] = a;
                w += 1;
            }
        }
        from = end;
    }
    offs[n] = w as u32;
    pos.truncate(w);
    Hits { patterns, offs, pos }
}

/// The candidates of pattern `id` in `h` from the shared pass, if `h` lies in a live view that
/// the pattern was scanned for.
fn from_views(id: u32, h: &str) -> Option<Vec<usize>> {
    let views = LIVE.with(|l| {
        l.borrow().iter().rev().find_map(|w| {
            let v = w.upgrade()?;
            let at = v.locate(h)?;
            Some((v, at))
        })
    });
    let (v, (view, off)) = views?;
    let hits = v.hits(view);
    if id >= hits.patterns {
        return None;
    }
    let all = &hits.pos[hits.offs[id as usize] as usize..hits.offs[id as usize + 1] as usize];
    let lo = all.partition_point(|&p| (p as usize) < off);
    let hi = all.partition_point(|&p| (p as usize) < off + h.len());
    Some(all[lo..hi].iter().map(|&p| p as usize - off).collect())
}

/// The sources of the patterns registered so far (tests compare each with `regex::Regex`).
#[cfg(test)]
pub(crate) fn registered_sources() -> Vec<String> {
    SOURCES.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

#[cfg(test)]
static SOURCES: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[cfg(test)]
mod tests_support {
    use super::Pattern;

    /// Everything `Pattern` answers about `h`, as `regex::Regex` answers it.
    pub(super) fn compare(p: &Pattern, re: &regex::Regex, h: &str) {
        let spans = |it: &mut dyn Iterator<Item = (usize, usize)>| it.collect::<Vec<_>>();
        let want = spans(&mut re.find_iter(h).map(|m| (m.start(), m.end())));
        assert_eq!(spans(&mut p.find_iter(h).map(|m| (m.start(), m.end()))), want, "find_iter {:?} on {h:?}", p.as_str());
        assert_eq!(p.is_match(h), re.is_match(h), "is_match {:?} on {h:?}", p.as_str());
        let groups = |c: Vec<Vec<Option<(usize, usize)>>>| c;
        let want_caps = groups(
            re.captures_iter(h).map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()).collect(),
        );
        let got_caps = groups(
            p.captures_iter(h).map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect()).collect(),
        );
        assert_eq!(got_caps, want_caps, "captures_iter {:?} on {h:?}", p.as_str());
        for (at, _) in h.char_indices().chain([(h.len(), ' ')]) {
            assert_eq!(
                p.find_at(h, at).map(|m| (m.start(), m.end(), m.as_str())),
                re.find_at(h, at).map(|m| (m.start(), m.end(), m.as_str())),
                "find_at {at} {:?} on {h:?}",
                p.as_str()
            );
        }
    }

}

#[cfg(test)]
mod tests {
    use super::tests_support::compare as same_on;
    use super::*;
    use crate::text::Normalized;

    /// [`same_on`] for `text` as a string of its own (the pattern's own literal pass) and for
    /// every sub-slice of a normalised view of it on character boundaries (the shared pass).
    fn same(p: &Pattern, text: &str) {
        let re = regex::Regex::new(p.as_str()).unwrap();
        same_on(p, &re, text);
        let norm = Normalized::new(text);
        for view in [norm.text.as_str(), norm.kana()] {
            let cuts: Vec<usize> = view.char_indices().map(|(i, _)| i).chain([view.len()]).collect();
            for (k, &a) in cuts.iter().enumerate() {
                for &b in &cuts[k..] {
                    same_on(p, &re, &view[a..b]);
                }
            }
        }
    }

    const CASES: &[(&str, &[&str])] = &[
        // `\b`, `^`, `$` at the edges of sub-slices.
        (r"\bmaps\b", &["maps.x maps地図 amaps maps", "maps"]),
        (r"^お知らせ|です$", &["お知らせです", "本日のお知らせです。\nお知らせ"]),
        (r"(?m)^第[0-9]+条$", &["第1条\n第12条\nx第3条"]),
        // Overlapping literal hits: a match may start inside another candidate's literal.
        (r"aba|bab", &["abababa", "xbabx"]),
        (r"ああい|あいう", &["ああいう", "あああいう"]),
        // Leftmost-first among alternatives that start at the same position.
        (r"自宅|自宅の住所|自", &["自宅の住所は自分で"]),
        (r"(清き一票)(を)?(お願い)?", &["清き一票をお願い、清き一票"]),
        (r"(?:口座番号|普通)\s*(\d{7})", &["普通 1234567 口座番号1234567"]),
        // No literal set: plain search.
        (r"[^。\n]{1,3}です", &["これです。あれです"]),
        (r"[0-9]{3}-[0-9]{4}", &["〒700-0001 と 123-45678"]),
        (r"(?i)Bit\.ly/\w+", &["BIT.LY/abc と bit.ly/x"]),
        // Named groups.
        (r"(?P<lat>\d+\.\d+),(?P<lng>\d+\.\d+)", &["34.6,133.9 と 1.0,2"]),
        // Characters outside the BMP, and one that shares the low 16 bits of 📸 (U+1F4F8).
        (r"📸|写真を?", &["📸写真を\u{F4F8}撮った📸"]),
        // No prefix set, but a literal every match contains.
        (r"[a-z0-9][a-z0-9._%+\-]*@((?:[a-z0-9]+\.)+[a-z]{2,24})", &["連絡先 info@town.example.jp まで", "a@b @ x@y.jp"]),
        (r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})", &["192.168.1.1 と 1.2", "番号は１２３"]),
        // Katakana literals in the kana view never occur; hiragana ones do.
        (r"イマココ|いまここ", &["イマココ いまここ"]),
    ];

    #[test]
    fn patterns_find_what_regex_finds() {
        for &(src, texts) in CASES {
            let p = Pattern::new(src).unwrap();
            for t in texts {
                same(&p, t);
            }
        }
    }

    #[test]
    fn literal_sets_are_prefixes_or_inner_literals_of_two_characters_or_none() {
        let lits = |s: &str| Pattern::new(s).unwrap().literals.map(|v| v.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect::<Vec<_>>());
        assert_eq!(lits(r"清き一票(?:を)?"), Some(vec!["清き".to_string()]));
        assert_eq!(lits(r"自宅|自宅の住所|自"), Some(vec!["自".to_string()]));
        assert_eq!(lits(r"[県都]議|党"), Some(vec!["党".to_string(), "県議".to_string(), "都議".to_string()]));
        assert_eq!(lits(r"[^。]+"), None);
        assert_eq!(lits(r"x?です"), Some(vec!["xで".to_string(), "です".to_string()]));
        assert_eq!(lits(r"a*"), None);
        // Inner literals when there is no prefix set.
        assert_eq!(lits(r"[a-z]+@[a-z]+"), Some(vec!["@".to_string()]));
        assert!(Pattern::new(r"[a-z]+@[a-z]+").unwrap().inner);
        assert!(!Pattern::new(r"清き一票").unwrap().inner);
        assert_eq!(lits(r"[^。]+です"), Some(vec!["です".to_string()]));
        assert_eq!(lits(r"[a-z]+|@"), None);
    }

    #[test]
    fn a_pattern_whose_literals_do_not_occur_is_never_compiled() {
        let p = Pattern::new(r"不法投棄(?:しちゃえ|しよう)").unwrap();
        let norm = Normalized::new("本日は晴天なり。ごみは分別してください。");
        assert!(p.find(&norm.text).is_none());
        assert!(!p.is_match(norm.kana()));
        assert!(p.regex.get().is_none());
        assert!(p.is_match("不法投棄しちゃえ"));
        assert!(p.regex.get().is_some());
    }

    #[test]
    fn a_view_scanned_before_a_pattern_was_registered_still_answers_right() {
        let norm = Normalized::new("駅前で清き一票をお願いします");
        // The views are scanned for the patterns registered now...
        assert!(Pattern::new(r"駅前").unwrap().is_match(&norm.text));
        // ...and a pattern registered afterwards uses its own literal pass on them.
        let late = Pattern::new(r"一票を(お願い|よろしく)").unwrap();
        assert_eq!(late.find(&norm.text).map(|m| m.as_str()), Some("一票をお願い"));
        let again = Normalized::new("駅前で清き一票をお願いします");
        assert_eq!(late.captures(&again.text[3..]).and_then(|c| c.get(1)).map(|m| m.as_str()), Some("お願い"));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::text::Normalized;
    use proptest::prelude::*;

    /// Registers every built-in pattern with a literal set: the whole checker over the corpus.
    fn builtin_sources() -> Vec<String> {
        let checker = crate::Checker::new(crate::policy::Policy::default());
        for text in corpus() {
            for account in [crate::Account::Personal, crate::Account::Official] {
                let context = crate::post::Context { account, ..Default::default() };
                checker.check(&crate::Post { text: &text, context });
            }
        }
        let mut v = registered_sources();
        v.sort();
        v.dedup();
        v
    }

    /// The corpus posts and bench sentences.
    fn corpus() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut out = Vec::new();
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for sub in ["corpus", "corpus/clean"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "jsonl") {
                    files.push(p);
                }
            }
        }
        for f in files {
            for line in std::fs::read_to_string(f).unwrap().lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                out.push(v["text"].as_str().unwrap().to_string());
            }
        }
        for line in std::fs::read_to_string(dir.join("bench/corpus.txt")).unwrap().lines() {
            if !line.starts_with('#') && !line.starts_with('[') && !line.is_empty() {
                out.push(line.replace("{d}", "3"));
            }
        }
        out
    }

    fn pieces() -> &'static [String] {
        static P: OnceLock<Vec<String>> = OnceLock::new();
        P.get_or_init(|| {
            // Every corpus text cut into pieces of up to 6 characters.
            let mut out = Vec::new();
            for t in corpus() {
                let chars: Vec<char> = t.chars().collect();
                for c in chars.chunks(6) {
                    out.push(c.iter().collect());
                }
            }
            out
        })
    }

    fn text() -> impl Strategy<Value = String> {
        let piece = (0..pieces().len()).prop_map(|i| pieces()[i].clone());
        let ch = prop::sample::select(vec!["a", "B", "0", "7", ".", "/", "@", " ", "\n", "。", "、", "ー", "ア", "あ", "市", "「", "」", "ｶ", "゙", "１"]).prop_map(String::from);
        prop::collection::vec(prop_oneof![3 => piece, 1 => ch], 0..24).prop_map(|v| v.concat())
    }

    fn sources() -> &'static [(String, Pattern, regex::Regex)] {
        static S: OnceLock<Vec<(String, Pattern, regex::Regex)>> = OnceLock::new();
        S.get_or_init(|| {
            let v: Vec<_> = builtin_sources()
                .into_iter()
                .map(|s| {
                    let p = Pattern::new(&s).unwrap();
                    let re = regex::Regex::new(&s).unwrap();
                    (s, p, re)
                })
                .collect();
            assert!(v.len() >= 50, "only {} built-in patterns with a literal set registered", v.len());
            v
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        /// Every built-in pattern with a literal set finds what `regex::Regex` finds, on random
        /// Japanese/ASCII text, as a string of its own and as sub-slices of both views.
        #[test]
        fn builtin_patterns_match_as_regex_does(t in text(), cut in 0usize..8) {
            let norm = Normalized::new(&t);
            for (_, p, re) in sources() {
                super::tests_support::compare(p, re, &t);
                for view in [norm.text.as_str(), norm.kana()] {
                    let cuts: Vec<usize> = view.char_indices().map(|(i, _)| i).chain([view.len()]).collect();
                    let a = cuts[cut.min(cuts.len() - 1)];
                    let b = cuts[cuts.len() - 1 - cut.min(cuts.len() - 1)].max(a);
                    super::tests_support::compare(p, re, view);
                    super::tests_support::compare(p, re, &view[a..b]);
                }
            }
        }
    }
}
