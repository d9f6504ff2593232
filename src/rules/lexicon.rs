//! Word-list matching shared by the word rules (insult, discrimination, obscene). Not a rule.
//!
//! A [`Lexicon`] is built once from one or more list files (`src/dict/*.txt`) into ONE index of
//! words filed by their first two characters (`scan::WordIndex`), and run over two views of the
//! normalised text:
//!
//! * the *joined* view: runs of up to three spaces, wave dashes (`〜`) and mask characters
//!   (`●○×＊…`) BETWEEN two Japanese letters are dropped, so `バ カ`, `ば〜か`, `バ●カ` and
//!   `し ね` read as `バカ`, `ばか`, `しね` (a middle dot `・` stays: it separates katakana
//!   words, `シネ・リーブル`);
//! * the *masked* view: spaces and wave dashes between letters are dropped, every mask
//!   character becomes `○` and stays, so `ﾁ○ﾁ○` (NFKC: `チ○チ○`) matches the masked
//!   variant `チ○チ○` generated for the entry `チンチン`.
//!
//! A match maps back to the normalised text from its first to its last character, so the
//! span covers the masks and spaces inside it.
//!
//! # Word boundaries
//!
//! Japanese has no spaces, so a boundary is a change of script. A match is rejected when the
//! character next to it continues the same script as the entry's edge character: katakana
//! next to katakana (`バカ` in `バカンス`, `アホ` in `アホウドリ`, `ブス` in `ブスケッツ`), kanji
//! next to kanji (`馬鹿` in `親馬鹿`), Latin next to Latin (`sex` in `sexy`). Hiragana is where
//! words meet their particles and endings, so:
//!
//! * an entry that ENDS in hiragana is open on the right (`死ね` in `死ねよ`);
//! * an entry that STARTS in hiragana accepts a hiragana character before it only when that
//!   is a particle (`の`, `は`, `が` …: `あのばか`), not inside a word (`こればかり`).
//!
//! The list file says more where the default is wrong, one entry per line:
//!
//! ```text
//! # comment (the header: source, commit, licence)
//! バカ          an entry, boundaries by script
//! *しろよ       `*` first: open on the left (a verb stem may precede)
//! 馬鹿*         `*` last: open on the right (`馬鹿市長`)
//! しね>         `>` last: closed on the right even though it ends in hiragana (`しねこ`)
//! !親バカ       a known compound: no entry fires inside it
//! ```
//!
//! Entries are normalised like the text (NFKC, lower case), so a list may use full-width
//! letters.

use crate::finding::Severity;
use crate::post::Account;
use crate::rules::{Cx, Hit};
use crate::text::Normalized;
use crate::rules::scan::WordIndex;
use std::sync::OnceLock;

#[cfg(test)]
use crate::rules::scan::web_address_ranges as url_ranges;

/// Characters that mask a letter or are inserted between letters to dodge filters.
fn is_mask(c: char) -> bool {
    matches!(
        c,
        '●' | '○' | '◯' | '〇' | '×' | '✕' | '✖' | '*' | '■' | '□' | '◆' | '◇' | '★' | '☆' | '△' | '▲'
    )
}

/// Characters inserted between letters that carry nothing (spaces, wave dashes).
fn is_spacer(c: char) -> bool {
    matches!(c, ' ' | '\t' | '〜' | '~' | '\u{3000}')
}

/// A mask or a spacer: what the views drop or mark between letters.
fn is_filler(c: char) -> bool {
    is_mask(c) || is_spacer(c)
}

/// The first filler ([`is_filler`]) at or after byte `from` of the UTF-8 `b`. A byte scan: every
/// filler is one of ` `, `\t`, `~`, `*`, U+3000, `〇`, `〜` (E3 80 80, 87, 9C) or starts with C3
/// (`×`) or E2 (the other symbols); only the last two are decoded.
fn next_filler(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'~' | b'*' => return Some(i),
            0xE3 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80 | 0x87 | 0x9C)) => return Some(i),
            0xC3 | 0xE2 if is_filler(crate::text::char_at(b, i).0) => return Some(i),
            _ => {}
        }
        // On to the next character (`from` is a character boundary, and so is every `i`).
        i += crate::text::utf8_width(b[i]);
    }
    None
}

/// The canonical mask in the masked view.
const MASK: char = '○';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Hiragana,
    Katakana,
    Kanji,
    Latin,
    Other,
}

pub fn script(c: char) -> Script {
    match c {
        '\u{3041}'..='\u{309F}' => Script::Hiragana,
        '・' => Script::Other,
        '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => Script::Katakana,
        '々' | '〆' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
            Script::Kanji
        }
        '\u{20000}'..='\u{3FFFF}' => Script::Kanji,
        'a'..='z' | 'A'..='Z' | '0'..='9' => Script::Latin,
        _ => Script::Other,
    }
}

/// A Japanese letter: what masks and spaces may sit between.
fn is_letter(c: char) -> bool {
    matches!(script(c), Script::Hiragana | Script::Katakana | Script::Kanji)
}

/// Hiragana that end a word and may stand before a word written in hiragana.
const PARTICLES: &str = "のはがをにもとよねやかへでら";

/// A view of the normalised text with a map back to it.
struct View<'t> {
    /// The text itself when nothing was dropped or masked (most posts): no copy, and the word
    /// index then finds its keys in the shared literal pass over the text.
    s: std::borrow::Cow<'t, str>,
    /// In order of `s`: what each stretch of the view comes from (fillers dropped between
    /// letters leave a gap). Only masks and dropped fillers start a new piece, so a text
    /// without them is one piece.
    pieces: Vec<Piece>,
}

/// A stretch of a view: `s[v..]` up to the next piece comes from `text[t..t_end]`, either
/// copied (`verbatim`) or as one [`MASK`] standing for the mask there.
#[derive(Clone, Copy, Debug)]
struct Piece {
    v: u32,
    t: u32,
    t_end: u32,
    verbatim: bool,
}

impl<'t> View<'t> {
    /// The view, and whether the text has a mask character ([`is_mask`]).
    #[cfg_attr(postcheck_fast, optimize(speed))]
    fn build(text: &'t str, masked: bool) -> (View<'t>, bool) {
        // The pieces first (`len`: the view's length so far), the view's text from them.
        let mut v = View { s: std::borrow::Cow::Borrowed(""), pieces: Vec::new() };
        let mut len = 0;
        let mut saw_mask = false;
        // Start of the text not yet in the view.
        let mut copied = 0;
        // Index loops (`text::char_at`) from filler to filler (`next_filler`, a byte scan): most
        // characters are none, and at opt-level "z" a `CharIndices::next` is a call per character.
        let bytes = text.as_bytes();
        let at = |k: usize| (k < bytes.len()).then(|| crate::text::char_at(bytes, k));
        let mut pos = 0;
        while let Some(b) = next_filler(bytes, pos) {
            let (c, w) = crate::text::char_at(bytes, b);
            pos = b + w;
            saw_mask |= is_mask(c);
            // A filler after a letter (a filler is none: the letter is never one a run of
            // fillers before it took).
            if text[..b].chars().next_back().is_some_and(is_letter) {
                // A run of at most three fillers between two letters?
                let mut run = 1;
                let mut run_end = b + w;
                let mut next = at(run_end);
                while let Some((_, wx)) = next.filter(|&(x, _)| is_filler(x) && run < 4) {
                    run += 1;
                    run_end += wx;
                    next = at(run_end);
                }
                if run <= 3 && next.is_some_and(|(x, _)| is_letter(x)) {
                    v.verbatim(&mut len, copied, b);
                    for (k, x) in text[b..run_end].char_indices() {
                        saw_mask |= is_mask(x);
                        if masked && is_mask(x) {
                            v.mask(&mut len, b + k, b + k + x.len_utf8());
                        }
                    }
                    copied = run_end;
                    pos = run_end;
                    continue;
                }
            }
            if masked && is_mask(c) && c != MASK {
                v.verbatim(&mut len, copied, b);
                v.mask(&mut len, b, b + c.len_utf8());
                copied = b + c.len_utf8();
            }
        }
        v.verbatim(&mut len, copied, text.len());
        v.s = match v.pieces[..] {
            [] => std::borrow::Cow::Borrowed(""),
            [p] if p.verbatim && p.t == 0 && p.t_end as usize == text.len() => std::borrow::Cow::Borrowed(text),
            _ => {
                let mut s = String::with_capacity(len);
                for p in &v.pieces {
                    if p.verbatim {
                        s.push_str(&text[p.t as usize..p.t_end as usize]);
                    } else {
                        s.push(MASK);
                    }
                }
                std::borrow::Cow::Owned(s)
            }
        };
        (v, saw_mask)
    }

    fn verbatim(&mut self, len: &mut usize, a: usize, b: usize) {
        if a < b {
            self.pieces.push(Piece { v: *len as u32, t: a as u32, t_end: b as u32, verbatim: true });
            *len += b - a;
        }
    }

    fn mask(&mut self, len: &mut usize, a: usize, b: usize) {
        self.pieces.push(Piece { v: *len as u32, t: a as u32, t_end: b as u32, verbatim: false });
        *len += MASK.len_utf8();
    }

    fn piece(&self, i: usize) -> Piece {
        let k = self.pieces.partition_point(|p| p.v as usize <= i);
        self.pieces[k.saturating_sub(1)]
    }

    /// Where in the text the view's character starting at byte `i` starts.
    fn start(&self, i: usize) -> usize {
        let p = self.piece(i);
        if p.verbatim { p.t as usize + (i - p.v as usize) } else { p.t as usize }
    }

    /// Where in the text the view's character ending at byte `i` (inclusive) ends.
    fn end(&self, i: usize) -> usize {
        let p = self.piece(i);
        if p.verbatim { p.t as usize + (i + 1 - p.v as usize) } else { p.t_end as usize }
    }
}

/// The two views of one text; build once per check and pass to every lexicon.
pub struct Views<'t> {
    joined: View<'t>,
    /// `None` when the text has no mask between letters: the masked view is the joined one.
    masked: Option<View<'t>>,
}

impl<'t> Views<'t> {
    pub fn new(text: &'t str) -> Views<'t> {
        let (joined, has_mask) = View::build(text, false);
        let masked = has_mask.then(|| View::build(text, true).0).filter(|m| m.s != joined.s);
        Views { joined, masked }
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Entry { left_open: bool, right_open: Option<bool> },
    Exclude,
}

/// One word of the index: which word list (group) it belongs to and what it is.
#[derive(Clone, Copy, Debug)]
struct Pat {
    group: usize,
    kind: Kind,
}

/// Compiled word lists: every pattern of every list in ONE index ([`WordIndex`]), searched once
/// per view; each match is credited to its list. Overlapping matches are all reported.
pub struct Lexicon {
    index: WordIndex,
    pats: Vec<Pat>,
    groups: usize,
}

impl Lexicon {
    /// One word list made of several files (see the module docs). Panics on an empty list: a
    /// programming error caught by the tests.
    pub fn new(files: &[&str]) -> Lexicon {
        Lexicon::groups(&[files])
    }

    /// Several word lists in one index; [`Lexicon::find_groups`] reports each list's matches.
    pub fn groups(groups: &[&[&str]]) -> Lexicon {
        let mut words: Vec<String> = Vec::new();
        let mut pats: Vec<Pat> = Vec::new();
        for (group, files) in groups.iter().enumerate() {
            let before = pats.len();
            for line in files.iter().flat_map(|f| f.lines()) {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(x) = line.strip_prefix('!') {
                    words.push(Normalized::new(x).text);
                    pats.push(Pat { group, kind: Kind::Exclude });
                    continue;
                }
                let (left_open, rest) = match line.strip_prefix('*') {
                    Some(r) => (true, r),
                    None => (false, line),
                };
                let (right_open, word) = if let Some(w) = rest.strip_suffix('*') {
                    (Some(true), w)
                } else if let Some(w) = rest.strip_suffix('>') {
                    (Some(false), w)
                } else {
                    (None, rest)
                };
                let word = Normalized::new(word).text;
                if word.is_empty() {
                    continue;
                }
                let kind = Kind::Entry { left_open, right_open };
                if word.contains('・') {
                    words.push(word.replace('・', ""));
                    pats.push(Pat { group, kind });
                }
                for v in masked_variants(&word) {
                    words.push(v);
                    pats.push(Pat { group, kind });
                }
                words.push(word);
                pats.push(Pat { group, kind });
            }
            assert!(pats.len() > before, "empty word list");
        }
        // Empty patterns were skipped above, so the index never matches the empty string.
        let words: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        Lexicon { index: WordIndex::new(&words), pats, groups: groups.len() }
    }

    /// Byte ranges in the normalised text of every entry of a one-list lexicon, in text order;
    /// overlapping matches are merged.
    pub fn find(&self, views: &Views) -> Vec<(usize, usize)> {
        self.find_groups(views).swap_remove(0)
    }

    /// For each list: byte ranges in the normalised text of its entries found, in text order;
    /// overlapping matches are merged.
    pub fn find_groups(&self, views: &Views) -> Vec<Vec<(usize, usize)>> {
        let mut found: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.groups];
        self.find_in(&views.joined, &mut found);
        if let Some(masked) = &views.masked {
            self.find_in(masked, &mut found);
        }
        for f in &mut found {
            // Overlapping matches make one span (`自分で調べろ` + `調べろよ`).
            f.sort_unstable();
            f.dedup();
            let mut out: Vec<(usize, usize)> = Vec::with_capacity(f.len());
            for &(a, b) in f.iter() {
                match out.last_mut() {
                    Some(last) if a < last.1 => last.1 = last.1.max(b),
                    _ => out.push((a, b)),
                }
            }
            *f = out;
        }
        found
    }

    #[cfg_attr(postcheck_fast, optimize(speed))]
    fn find_in(&self, view: &View<'_>, found: &mut [Vec<(usize, usize)>]) {
        let s: &str = &view.s;
        let mut entries: Vec<(usize, usize, usize)> = Vec::new();
        let mut excluded: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.groups];
        self.index.each_shared(s, |k, a, b| {
            let pat = self.pats[k];
            match pat.kind {
                Kind::Exclude => excluded[pat.group].push((a, b)),
                Kind::Entry { left_open, right_open } => {
                    if bounded(view, a, b, left_open, right_open) {
                        entries.push((pat.group, a, b));
                    }
                }
            }
        });
        let covers: Vec<Cover> = excluded.into_iter().map(Cover::new).collect();
        for (group, a, b) in entries {
            if !covers[group].covers(a, b) {
                found[group].push((view.start(a), view.end(b - 1)));
            }
        }
    }
}

/// Ranges (known compounds) and whether one of them contains a given range, in log time.
struct Cover {
    /// Sorted by start.
    ranges: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `ranges[..=i]`.
    max_end: Vec<usize>,
}

impl Cover {
    fn new(mut ranges: Vec<(usize, usize)>) -> Cover {
        ranges.sort_unstable();
        let mut m = 0;
        let max_end = ranges.iter().map(|r| {
            m = m.max(r.1);
            m
        }).collect();
        Cover { ranges, max_end }
    }

    /// Whether some range `x..y` has `x <= a` and `b <= y`.
    fn covers(&self, a: usize, b: usize) -> bool {
        let n = self.ranges.partition_point(|r| r.0 <= a);
        n > 0 && self.max_end[n - 1] >= b
    }
}

/// Whether `view.s[a..b]` stands on word boundaries (see the module docs). Where a space or
/// mask was dropped next to the match, that is a boundary (`アイツ バカ`).
fn bounded(view: &View<'_>, a: usize, b: usize, left_open: bool, right_open: Option<bool>) -> bool {
    let s: &str = &view.s;
    let word = &s[a..b];
    let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else {
        return false;
    };
    // A word repeated (`バーカバーカ`) is still the word.
    let repeated_before = s[..a].ends_with(word);
    let repeated_after = s[b..].starts_with(word);
    if !left_open && !repeated_before && (a == 0 || view.end(a - 1) == view.start(a)) {
        if let Some(p) = s[..a].chars().next_back() {
            let (sp, sf) = (script(p), script(first));
            if sf != Script::Other && sp == sf && !(sf == Script::Hiragana && crate::text::one_of(PARTICLES, p)) {
                return false;
            }
        }
    }
    let right_open = right_open.unwrap_or(script(last) == Script::Hiragana);
    if !right_open && !repeated_after && (b == s.len() || view.end(b - 1) == view.start(b)) {
        if let Some(n) = s[b..].chars().next() {
            let sl = script(last);
            if sl != Script::Other && script(n) == sl {
                return false;
            }
        }
    }
    true
}

/// Variants of an entry with some letters masked (`チンチン` → `チ○チ○`, `ちんこ` → `ち○こ`):
/// entries of three or more Japanese letters, never the first letter, at most half of them.
fn masked_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 3 || !chars.iter().all(|&c| is_letter(c)) {
        return Vec::new();
    }
    let max = (n / 2).min(2);
    let mut out = Vec::new();
    for i in 1..n {
        let mut v = chars.clone();
        v[i] = MASK;
        out.push(v.iter().collect());
        if max >= 2 {
            for j in i + 1..n {
                let mut w = v.clone();
                w[j] = MASK;
                out.push(w.iter().collect());
            }
        }
    }
    out
}

/// The word lists of the word rules, in one index. Each rule passes its list.
#[derive(Clone, Copy, Debug)]
pub enum Words {
    Insult = 0,
    Rude = 1,
    Discrimination = 2,
    Obscene = 3,
}

fn word_lexicon() -> &'static Lexicon {
    use crate::rules::{discrimination::slur, insult::abuse, insult::rude_address, obscene::sexual};
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    // In the order of `Words`.
    LEX.get_or_init(|| Lexicon::groups(&[abuse::LISTS, rude_address::LISTS, slur::LISTS, sexual::LISTS]))
}

impl Normalized {
    /// Every word rule's matches in this text (by [`Words`]), found in one pass and kept for
    /// the other word rules of the same check.
    fn word_matches(&self, list: Words) -> &[(usize, usize)] {
        let all = self.scans.words.get_or_init(|| word_lexicon().find_groups(&Views::new(&self.text)));
        all.get(list as usize).map_or(&[], Vec::as_slice)
    }
}

/// Pushes the hits of word list `list`: reported speech (`「バカ」と言われた`) at `info`, a
/// personal account's post at `personal` when given, otherwise the rule's severity.
#[cfg_attr(postcheck_fast, optimize(speed))]
pub fn push_word_hits(cx: &Cx<'_>, list: Words, personal: Option<Severity>, out: &mut Vec<Hit>) {
    let text = cx.norm.text.as_str();
    let urls = cx.norm.web_addresses();
    for &(a, b) in cx.norm.word_matches(list) {
        // Inside a link the letters are an address, not words (`essex`, `/sex-education/`);
        // where a link leads is for the link rules.
        let k = urls.partition_point(|&(x, _)| x <= a);
        if k > 0 && b <= urls[k - 1].1 {
            continue;
        }
        let hit = Hit::new(a, b);
        out.push(if is_reported_speech(text, a, b) {
            hit.severity(Severity::Info)
        } else {
            match (personal, cx.context.account) {
                (Some(s), Account::Personal) => hit.severity(s),
                _ => hit,
            }
        });
    }
}

/// Whether `text[a..b]` is reported speech: inside quotation marks that are followed by a
/// quoting particle (`「バカ」と言われた`, `「死ね」「うざい」などの言葉`). Such a mention
/// is shown but does not stop the post.
pub fn is_reported_speech(text: &str, a: usize, b: usize) -> bool {
    const OPEN: &str = "「『“〝\"'";
    const CLOSE: &str = "」』”〟\"'";
    // Find the opening quote before `a` on the same line, within 40 characters.
    let mut open = None;
    for (k, (i, c)) in text[..a].char_indices().rev().enumerate() {
        if k >= 40 || c == '\n' || crate::text::one_of(CLOSE, c) && !crate::text::one_of(OPEN, c) {
            break;
        }
        if crate::text::one_of(OPEN, c) {
            open = Some(i);
            break;
        }
    }
    if open.is_none() {
        return false;
    }
    // Find the closing quote after `b`.
    let mut rest = None;
    for (k, (i, c)) in text[b..].char_indices().enumerate() {
        if k >= 40 || c == '\n' || crate::text::one_of(OPEN, c) && !crate::text::one_of(CLOSE, c) {
            break;
        }
        if crate::text::one_of(CLOSE, c) {
            rest = Some(&text[b + i + c.len_utf8()..]);
            break;
        }
    }
    let Some(mut rest) = rest else { return false };
    // Skip further quoted items and separators: 「死ね」「うざい」、『消えろ』など
    loop {
        let t = rest.trim_start_matches([' ', '、', ',', '・', 'や']);
        match t.chars().next() {
            Some(c) if crate::text::one_of(OPEN, c) => {
                let close = t[c.len_utf8()..].find(|x: char| crate::text::one_of(CLOSE, x) || x == '\n');
                match close {
                    Some(k) if t[c.len_utf8() + k..].starts_with(|x: char| crate::text::one_of(CLOSE, x)) => {
                        let after = c.len_utf8() + k;
                        let cl = t[after..].chars().next().map_or(0, char::len_utf8);
                        rest = &t[after + cl..];
                    }
                    _ => return false,
                }
            }
            _ => {
                rest = t;
                break;
            }
        }
    }
    const QUOTING: [&str; 9] = ["と", "って", "など", "等", "みたいな", "のような", "のように", "という", "ってい"];
    QUOTING.iter().any(|q| rest.starts_with(q))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice16;

    /// The original characters of every match of `list` in `original`.
    fn hits(list: &str, original: &str) -> Vec<String> {
        let lex = Lexicon::new(&[list]);
        let n = Normalized::new(original);
        let views = Views::new(&n.text);
        lex.find(&views)
            .into_iter()
            .map(|(a, b)| {
                let (s, e) = n.span16(a, b);
                slice16(original, s, e)
            })
            .collect()
    }

    fn spans(list: &str, original: &str) -> Vec<(u32, u32)> {
        let lex = Lexicon::new(&[list]);
        let n = Normalized::new(original);
        lex.find(&Views::new(&n.text)).into_iter().map(|(a, b)| n.span16(a, b)).collect()
    }

    #[test]
    fn katakana_entries_do_not_fire_inside_longer_katakana_words() {
        let list = "バカ\nアホ\nブス\nハゲ\nデブ";
        assert!(hits(list, "夏のバカンスは町のキャンプ場へ").is_empty());
        assert!(hits(list, "アホウドリの保護活動").is_empty());
        assert!(hits(list, "ブスケッツ選手のサイン会").is_empty());
        assert!(hits(list, "ハゲワシとハゲタカの違い").is_empty());
        assert!(hits(list, "燃料デブリの取り出し").is_empty());
        assert_eq!(hits(list, "お前はバカか"), ["バカ"]);
        assert_eq!(spans(list, "お前はバカか"), [(3, 5)]);
        assert_eq!(hits(list, "バカ市長"), ["バカ"]);
        assert_eq!(spans(list, "バカバカ"), [(0, 2), (2, 4)]);
    }

    #[test]
    fn kanji_entries_need_a_boundary_unless_open() {
        let list = "馬鹿*\n!馬鹿囃子\n殺すぞ\nぶっ殺*";
        assert!(hits(list, "親馬鹿ですみません").is_empty());
        assert!(hits(list, "秋祭りの馬鹿囃子を披露します").is_empty());
        assert_eq!(hits(list, "馬鹿市長は辞めろ"), ["馬鹿"]);
        assert!(hits(list, "次亜塩素酸で殺菌しましょう").is_empty());
        assert_eq!(hits(list, "ぶっ殺してやる"), ["ぶっ殺"]);
        assert_eq!(spans(list, "次は殺すぞ"), [(2, 5)]);
    }

    #[test]
    fn hiragana_entries_meet_particles_but_not_words() {
        let list = "ばか\n!ばかり\nしね>\nしねよ\n死ね\n!死ねない\n!死ねる\n!死ねば\n死ねばいい";
        assert!(hits(list, "雨ばかりの一週間").is_empty());
        assert!(hits(list, "こればかりは").is_empty());
        assert_eq!(hits(list, "あのばかが"), ["ばか"]);
        assert!(hits(list, "もしねこを見かけたら").is_empty());
        assert_eq!(hits(list, "しね!"), ["しね"]);
        assert_eq!(hits(list, "お前しねよ"), ["しねよ"]);
        assert_eq!(hits(list, "死ねよ"), ["死ね"]);
        assert!(hits(list, "死んでも死ねない").is_empty());
        assert!(hits(list, "人は死ねば土に還る").is_empty());
        assert_eq!(hits(list, "死ねばいいのに"), ["死ねばいい"]);
    }

    #[test]
    fn spaced_and_masked_spellings_cover_the_masks() {
        let list = "バカ\nばか\nしね>\nチンチン\nちんこ";
        assert_eq!(hits(list, "バ カ"), ["バ カ"]);
        assert_eq!(hits(list, "ば〜か"), ["ば〜か"]);
        assert_eq!(spans(list, "お前バ●カだろ"), [(2, 5)]);
        assert_eq!(hits(list, "し ね"), ["し ね"]);
        assert_eq!(hits(list, "ｼﾈ"), Vec::<String>::new());
        assert_eq!(hits(list, "ﾁ○ﾁ○"), ["ﾁ○ﾁ○"]);
        assert_eq!(spans(list, "見てﾁ○ﾁ○"), [(2, 6)]);
        assert_eq!(hits(list, "ち×こ"), ["ち×こ"]);
        // A mask that does not sit between letters is not read into a word.
        assert!(hits(list, "○月○日 バカンス").is_empty());
    }

    #[test]
    fn spaces_do_not_fuse_words_into_an_entry() {
        let list = "ブス";
        assert!(hits(list, "ライブ スケジュール").is_empty());
        assert!(hits(list, "展示ブースを出展します").is_empty());
    }

    #[test]
    fn middle_dot_separates_katakana_words() {
        let list = "セックス\nマザー・ファッカー\nシネ\n!シネ・";
        assert_eq!(hits(list, "グループ・セックス"), ["セックス"]);
        assert_eq!(hits(list, "マザーファッカー"), ["マザーファッカー"]);
        assert!(hits(list, "シネ・リーブルで上映").is_empty());
        assert!(hits(list, "シネマ上映会").is_empty());
        assert_eq!(hits(list, "ｼﾈ"), ["ｼﾈ"]);
        assert_eq!(hits(list, "マジ シネ"), ["シネ"]);
    }

    #[test]
    fn latin_entries_need_latin_boundaries() {
        let list = "sex";
        assert!(hits(list, "Sexy Essex").is_empty());
        assert_eq!(hits(list, "ＳＥＸしたい"), ["ＳＥＸ"]);
    }

    #[test]
    fn overlapping_matches_merge() {
        let list = "バカ\nバカヤロー";
        assert_eq!(hits(list, "このバカヤロー!"), ["バカヤロー"]);
    }

    #[test]
    fn addresses_are_not_words() {
        assert_eq!(url_ranges("見て https://meet.sex/jp と www.a.jp/x。"), [(7, 26), (31, 41)]);
        assert!(crate::rules::testing::spans_of("obscene/sexual", "出会い https://meet.sex/jp", Account::Personal).is_empty());
    }

    #[test]
    fn reported_speech() {
        let t = "「バカ」と言われたら先生に相談しよう";
        let a = t.find("バカ").unwrap();
        assert!(is_reported_speech(t, a, a + "バカ".len()));
        let t = "「死ね」「うざい」などの言葉は人を傷つけます";
        let a = t.find("死ね").unwrap();
        assert!(is_reported_speech(t, a, a + "死ね".len()));
        let t = "「バカ」はお前だ";
        let a = t.find("バカ").unwrap();
        assert!(!is_reported_speech(t, a, a + "バカ".len()));
        let t = "バカと言われた";
        let a = t.find("バカ").unwrap();
        assert!(!is_reported_speech(t, a, a + "バカ".len()));
    }

    /// The view as first written: a per-byte map from a char-by-char walk.
    fn reference_view(text: &str, masked: bool) -> (String, Vec<usize>, Vec<usize>) {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let (mut s, mut start, mut end) = (String::new(), Vec::new(), Vec::new());
        let mut push = |c: char, a: usize, b: usize| {
            s.push(c);
            for _ in 0..c.len_utf8() {
                start.push(a);
                end.push(b);
            }
        };
        let filler = |c: char| is_mask(c) || is_spacer(c);
        let mut i = 0;
        while i < chars.len() {
            let (b, c) = chars[i];
            if filler(c) && i > 0 && is_letter(chars[i - 1].1) {
                let mut j = i;
                while j < chars.len() && filler(chars[j].1) && j - i < 4 {
                    j += 1;
                }
                if j - i <= 3 && j < chars.len() && is_letter(chars[j].1) {
                    for &(b, c) in &chars[i..j] {
                        if masked && is_mask(c) {
                            push(MASK, b, b + c.len_utf8());
                        }
                    }
                    i = j;
                    continue;
                }
            }
            let m = if masked && is_mask(c) { MASK } else { c };
            push(m, b, b + c.len_utf8());
            i += 1;
        }
        (s, start, end)
    }

    #[test]
    fn views_map_back_like_the_per_byte_reference() {
        let alphabet: Vec<char> = "バカあ漢a1 〜*●○×、\u{3000}~・".chars().collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..4000 {
            let mut t = String::new();
            for _ in 0..10 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            for masked in [false, true] {
                let (v, saw_mask) = View::build(&t, masked);
                assert_eq!(saw_mask, t.contains(is_mask), "{t:?}");
                let (s, start, end) = reference_view(&t, masked);
                assert_eq!(v.s, s, "{t:?} {masked}");
                for (i, c) in s.char_indices() {
                    assert_eq!(v.start(i), start[i], "{t:?} {masked} start {i}");
                    let last = i + c.len_utf8() - 1;
                    assert_eq!(v.end(last), end[last], "{t:?} {masked} end {last}");
                }
            }
        }
    }

    #[test]
    fn next_filler_finds_exactly_the_fillers() {
        let mut buf = [0u8; 4];
        for c in ('\0'..='\u{FFFF}').chain(['\u{1F600}', '\u{20000}']) {
            let s = format!("あ{}", c.encode_utf8(&mut buf));
            let want = is_filler(c).then_some('あ'.len_utf8());
            assert_eq!(next_filler(s.as_bytes(), 0), want, "{c:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let list = "バカ\nしね>";
        for t in ["", "○", "バ", "●●●●バ●●●●カ●", "\u{3099}ば\u{3099}か", "🎉バ カ🎉", "「", "」と"] {
            let _ = hits(list, t);
            let n = Normalized::new(t);
            for (i, _) in n.text.char_indices() {
                let _ = is_reported_speech(&n.text, i, i);
            }
        }
    }
}
