//! Text normalisation for matching, with a map back to the original text.
//!
//! Rules match on [`Normalized::text`]: NFKC (full-width ASCII to ASCII, half-width kana to
//! full-width, compatibility characters such as `①` or `㈱` expanded; [`crate::nfkc`], which
//! leaves Hebrew and Arabic presentation forms as they are), ASCII lower-cased,
//! zero-width and other invisible format characters removed, CRLF and CR turned into `\n`.
//! [`Normalized::kana`] additionally folds katakana to hiragana for rules that want it; it has
//! the same byte offsets as `text`, so both share one offset map.
//!
//! Every byte of the normalised text knows the UTF-16 range of the original characters it came
//! from, so a match `a..b` in normalised bytes becomes `start..end` in UTF-16 code units of the
//! original text (what JavaScript counts), cutting exactly the characters that produced it.
//! A base character and the combining marks after it (including half-width `ﾞ`/`ﾟ`) are
//! normalised together and map to their whole original range.

use crate::nfkc::{canonical_combining_class, is_stable, nfkc_into};

/// A normalised view of a text, with its offset map.
pub struct Normalized {
    /// The normalised text rules match on.
    pub text: String,
    /// For each byte of `text`: the UTF-16 range of the original character(s) it came from.
    map: OffsetMap,
    /// UTF-16 length of the original text.
    len16: u32,
    /// The kana-folded view, and both views' literal hits for the rules' patterns
    /// (`rules::pattern`).
    views: std::rc::Rc<crate::rules::pattern::Views>,
    /// Scans several rules share, made on first use (`rules::scan`).
    pub(crate) scans: crate::rules::scan::Scans,
}

/// Whether `c` is one of the characters of `set` (`set.contains(c)`). `str::contains` with a
/// `char` builds a substring searcher for each call; the rules ask this at almost every
/// character, so this compares the encoded character at each position where its first byte
/// occurs (a lead byte only occurs at a character boundary).
pub fn one_of(set: &str, c: char) -> bool {
    let mut buf = [0u8; 4];
    let e = c.encode_utf8(&mut buf).as_bytes();
    let s = set.as_bytes();
    let mut i = 0;
    while i + e.len() <= s.len() {
        if s[i] == e[0] && s[i..i + e.len()] == *e {
            return true;
        }
        i += 1;
    }
    false
}

/// The character of valid UTF-8 `b` that starts at `i`, and its length in bytes. For loops that
/// visit every character of a long text: at opt-level "z" (the WASM) `Chars::next` is a call per
/// character, this is inlined.
#[inline(always)]
pub fn char_at(b: &[u8], i: usize) -> (char, usize) {
    let x = b[i];
    let (v, n) = if x < 0x80 {
        (u32::from(x), 1)
    } else if x < 0xE0 {
        ((u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2)
    } else if x < 0xF0 {
        ((u32::from(x & 0x0F) << 12) | (u32::from(b[i + 1] & 0x3F) << 6) | u32::from(b[i + 2] & 0x3F), 3)
    } else {
        let v = (u32::from(x & 0x07) << 18)
            | (u32::from(b[i + 1] & 0x3F) << 12)
            | (u32::from(b[i + 2] & 0x3F) << 6)
            | u32::from(b[i + 3] & 0x3F);
        (v, 4)
    };
    (char::from_u32(v).unwrap_or('\u{FFFD}'), n)
}

/// The length of the UTF-8 sequence that `lead` starts (1 for a byte that starts none): byte
/// loops that look for ASCII step over other characters whole with it.
pub fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Characters that are invisible and carry no meaning for matching: removed.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                 // soft hyphen
        | '\u{180E}'               // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}'  // zero-width space, ZWNJ, ZWJ, LRM, RLM
        | '\u{202A}'..='\u{202E}'  // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'  // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'  // bidi isolates
        | '\u{FE00}'..='\u{FE0F}'  // variation selectors
        | '\u{FEFF}'               // BOM, zero-width no-break space
        | '\u{E0100}'..='\u{E01EF}' // ideographic variation selectors
    )
}

/// Marks that attach to the character before them and must be normalised together with it.
fn attaches(c: char) -> bool {
    // Half-width voiced/semi-voiced sound marks have combining class 0 but NFKC turns them into
    // combining marks that compose with the kana before them.
    c == '\u{FF9E}' || c == '\u{FF9F}' || (!c.is_ascii() && canonical_combining_class(c) != 0)
}

/// Hiragana, katakana (with ー and ・), CJK punctuation (、。「」【】〜) and the CJK unified ideographs:
/// three UTF-8 bytes, one UTF-16 unit, NFKC-stable, combining class 0, and no NFKC composition
/// starts from them except with a mark that attaches (checked separately). Most of a Japanese
/// post is made of them. (`tests::plain_cjk_is_nfkc_stable` checks every one, and that
/// [`plain_cjk_at`], which tests the code point itself, agrees.)
#[cfg(test)]
fn is_plain_cjk(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{301F}' | '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}'
        | '\u{30A1}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

/// The ASCII byte NFKC makes of the full-width character (U+FF01..=U+FF5E) or ideographic
/// space (U+3000) at byte `i` of the UTF-8 `b`.
fn fullwidth_ascii_at(b: &[u8], i: usize) -> Option<u8> {
    match b.get(i..i + 3)? {
        &[0xEF, 0xBC, x @ 0x81..=0xBF] => Some(x - 0x81 + 0x21),
        &[0xEF, 0xBD, x @ 0x80..=0x9E] => Some(x - 0x80 + 0x60),
        &[0xE3, 0x80, 0x80] => Some(b' '),
        _ => None,
    }
}

/// Whether a plain character ([`is_plain_cjk`]) starts at byte `i` of the UTF-8 `b`.
#[inline(always)]
fn plain_cjk_at(b: &[u8], i: usize) -> bool {
    match b.get(i..i + 3) {
        Some(&[b0, b1, b2]) if b0 & 0xF0 == 0xE0 && b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 => {
            let cp = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            // `is_plain_cjk` on the code point itself (no `char` made: this runs at every kana
            // and kanji; no surrogate is in these ranges).
            matches!(cp, 0x3001..=0x301F | 0x3041..=0x3096 | 0x309D..=0x309E | 0x30A1..=0x30FE | 0x4E00..=0x9FFF)
        }
        _ => false,
    }
}

/// The end of the run of plain characters ([`plain_cjk_at`]) that starts at byte `i` of `b`
/// (`i` itself if none does): one loop instead of a call per character.
#[cfg_attr(postcheck_fast, optimize(speed))]
fn plain_cjk_end(b: &[u8], mut i: usize) -> usize {
    while plain_cjk_at(b, i) {
        i += 3;
    }
    i
}

/// Whether the character at byte `i` of `s` (if any) attaches to the one before it. ASCII and
/// plain kana/kanji never do; the table lookup is left for the rest.
fn next_attaches(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => false,
        Some(_) if plain_cjk_at(s.as_bytes(), i) => false,
        Some(_) => s.get(i..).and_then(|r| r.chars().next()).is_some_and(attaches),
    }
}

impl Normalized {
    #[cfg_attr(postcheck_fast, optimize(speed))]
    pub fn new(original: &str) -> Normalized {
        Normalized::build::<true>(original)
    }

    /// `FAST = false` turns the kana/kanji fast path off (tests compare both).
    fn build<const FAST: bool>(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut map = OffsetMap::default();
        let mut pos16: u32 = 0;

        let bytes = original.as_bytes();
        let mut nfkc: Vec<char> = Vec::new();
        let mut i = 0;
        while i < original.len() {
            // ASCII fast path (ASCII is NFKC-stable; only case and CR need handling): a run
            // without CR at once; its last character alone if a mark attaches to it.
            let b = bytes[i];
            if FAST && b < 0x80 && b != b'\r' {
                let run_end = bytes[i..].iter().position(|&c| c >= 0x80 || c == b'\r').map_or(bytes.len(), |k| i + k);
                let end = if next_attaches(original, run_end) { run_end - 1 } else { run_end };
                if end > i {
                    let at = text.len();
                    text.push_str(&original[i..end]);
                    text[at..].make_ascii_lowercase();
                    let n = (end - i) as u32;
                    map.run(at, pos16, n, 1);
                    pos16 += n;
                    i = end;
                    continue;
                }
            }
            if b < 0x80 {
                if !next_attaches(original, i + 1) {
                    if b == b'\r' {
                        if bytes.get(i + 1) != Some(&b'\n') {
                            map.run(text.len(), pos16, 1, 1);
                            text.push('\n');
                        }
                    } else {
                        map.run(text.len(), pos16, 1, 1);
                        text.push(b.to_ascii_lowercase() as char);
                    }
                    pos16 += 1;
                    i += 1;
                    continue;
                }
            }
            // Kana and kanji fast path: NFKC-stable characters that nothing is composed into
            // and that stand alone (the next character does not attach): copied as they are.
            if FAST && plain_cjk_at(bytes, i) {
                let mut end = plain_cjk_end(bytes, i);
                if next_attaches(original, end) {
                    end -= 3; // the last one goes with its marks
                }
                if end > i {
                    let n = ((end - i) / 3) as u32;
                    map.run(text.len(), pos16, n, 3);
                    text.push_str(&original[i..end]);
                    pos16 += n;
                    i = end;
                    continue;
                }
            }
            // Full-width ASCII (`Ａ`, `！`, `（`) and the ideographic space: NFKC makes them the
            // ASCII character 0xFEE0 below (U+3000: a space); lower-cased like ASCII.
            if FAST {
                if let Some(a) = fullwidth_ascii_at(bytes, i).filter(|_| !next_attaches(original, i + 3)) {
                    map.run(text.len(), pos16, 1, 1);
                    text.push(a.to_ascii_lowercase() as char);
                    pos16 += 1;
                    i += 3;
                    continue;
                }
            }
            let Some(first) = original[i..].chars().next() else { break };
            // One segment: a character and the marks that attach to it.
            let seg_start = i;
            i += first.len_utf8();
            while let Some(c) = original[i..].chars().next() {
                if attaches(c) && !is_invisible(c) {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            let seg = &original[seg_start..i];
            let seg16: u32 = seg.chars().map(|c| c.len_utf16() as u32).sum();
            let (s, e) = (pos16, pos16 + seg16);
            pos16 = e;
            if seg.len() == first.len_utf8() {
                if is_invisible(first) {
                    continue;
                }
                if is_stable(first) {
                    map.whole(text.len(), s, e);
                    text.push(first);
                    continue;
                }
            }
            nfkc.clear();
            nfkc_into(seg, &mut nfkc);
            for &c in &nfkc {
                if !is_invisible(c) {
                    map.whole(text.len(), s, e);
                    text.push(c.to_ascii_lowercase());
                }
            }
        }
        let views = crate::rules::pattern::Views::new(&text);
        Normalized { text, map, len16: pos16, views, scans: Default::default() }
    }

    /// The UTF-16 range of the original text that produced normalised bytes `a..b`.
    /// `a..b` must lie on char boundaries of [`Normalized::text`]; an empty range maps to an
    /// empty range at the position of the next character.
    pub fn span16(&self, a: usize, b: usize) -> (u32, u32) {
        debug_assert!(a <= b && b <= self.text.len());
        if a >= b {
            let p = if a < self.text.len() { self.map.at(a).0 } else { self.len16 };
            return (p, p);
        }
        (self.map.at(a).0, self.map.at(b - 1).1)
    }

    /// UTF-16 length of the original text.
    pub fn len16(&self) -> u32 {
        self.len16
    }

    /// [`Normalized::text`] with katakana folded to hiragana; same length, same byte offsets.
    pub fn kana(&self) -> &str {
        self.views.kana().unwrap_or(&self.text)
    }
}

/// Where each byte of the normalised text came from, as pieces that map regularly: a run of
/// characters copied one for one (ASCII: one byte per UTF-16 unit; kana and kanji: three bytes
/// per unit), or the bytes of characters NFKC made of one segment of the original (all map to
/// the segment's whole range). A Japanese post is a few long runs between punctuation and
/// ASCII, so this is a small fraction of the two per-byte arrays it replaces (8 bytes per byte
/// written and read on every check: a tenth of the normalisation of a long post in the WASM).
#[derive(Default)]
struct OffsetMap {
    /// In text order, by `at`.
    pieces: Vec<Piece>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece {
    /// The piece's first byte in the normalised text.
    at: u32,
    /// The original UTF-16 range of the piece (a run: of all its characters).
    s16: u32,
    e16: u32,
    /// Bytes per UTF-16 unit in a run (1 or 3); 0: every byte maps to `s16..e16`.
    step: u8,
}

impl OffsetMap {
    /// `n` characters of `step` bytes each at byte `at`, one UTF-16 unit each from `s16` on.
    fn run(&mut self, at: usize, s16: u32, n: u32, step: u8) {
        if let Some(last) = self.pieces.last_mut() {
            // Continues the last run: the same step, and both texts continue where it ends.
            if last.step == step && last.e16 == s16 && last.at as usize + ((last.e16 - last.s16) * u32::from(step)) as usize == at {
                last.e16 += n;
                return;
            }
        }
        self.pieces.push(Piece { at: at as u32, s16, e16: s16 + n, step });
    }

    /// A character at byte `at` made of the original's `s16..e16`.
    fn whole(&mut self, at: usize, s16: u32, e16: u32) {
        if self.pieces.last().is_some_and(|l| l.step == 0 && (l.s16, l.e16) == (s16, e16)) {
            return; // another character of the same segment
        }
        self.pieces.push(Piece { at: at as u32, s16, e16, step: 0 });
    }

    /// The original UTF-16 range of the character(s) byte `i` came from (`i` < the text's length).
    fn at(&self, i: usize) -> (u32, u32) {
        let k = self.pieces.partition_point(|p| p.at as usize <= i);
        let Some(p) = k.checked_sub(1).and_then(|k| self.pieces.get(k)) else { return (0, 0) };
        if p.step == 0 {
            return (p.s16, p.e16);
        }
        let u = p.s16 + (i as u32 - p.at) / u32::from(p.step);
        (u, u + 1)
    }
}

/// The hiragana that [`fold_kana`] makes of code point `cp`, if it is a katakana it folds.
pub(crate) fn hiragana_of(cp: u32) -> Option<u32> {
    matches!(cp, 0x30A1..=0x30F6 | 0x30FD..=0x30FE).then(|| cp - 0x60)
}

/// Katakana to hiragana, keeping every character's UTF-8 length (both blocks are 3 bytes).
pub fn fold_kana(s: &str) -> String {
    // Byte-wise: U+30A1..=U+30F6 and U+30FD..=U+30FE are `E3 82 A1`..`E3 83 B6` and
    // `E3 83 BD`..`E3 83 BE`; minus 0x60 they are the hiragana `E3 81 81`..`E3 82 96`. The runs
    // between are copied as they are (no second UTF-8 validation of the whole text).
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] != 0xE3 {
            i += 1;
            continue;
        }
        let cp = 0x3000 | (u32::from(b[i + 1] & 0x3F) << 6) | u32::from(b[i + 2] & 0x3F);
        if let Some(h) = hiragana_of(cp).filter(|_| matches!(b[i + 1], 0x82 | 0x83)) {
            out.push_str(&s[copied..i]);
            out.push(char::from_u32(h).unwrap_or(char::REPLACEMENT_CHARACTER));
            copied = i + 3;
        }
        i += 3;
    }
    out.push_str(&s[copied..]);
    out
}

/// UTF-16 offset of byte `b` of `s` (for tests and callers holding original byte offsets).
pub fn utf16_offset(s: &str, b: usize) -> u32 {
    s[..b].chars().map(|c| c.len_utf16() as u32).sum()
}

/// The original characters at UTF-16 range `start..end` of `s` (lossy on split surrogates,
/// which the checker never produces).
pub fn slice16(s: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    let end = (end as usize).min(units.len());
    let start = (start as usize).min(end);
    String::from_utf16_lossy(&units[start..end])
}

#[cfg(test)]
mod tests {

    #[test]
    fn char_at_and_one_of_agree_with_core() {
        let text = "住所は東京都千代田区１－２－３。a\u{0}é€😀\u{10FFFF}ｱﾞ\r\n";
        let b = text.as_bytes();
        let mut i = 0;
        let mut seen = Vec::new();
        while i < b.len() {
            let (c, n) = super::char_at(b, i);
            seen.push((i, c));
            assert_eq!(n, c.len_utf8());
            i += n;
        }
        assert_eq!(seen, text.char_indices().collect::<Vec<_>>());
        for c in text.chars().chain("〇一九十百千".chars()) {
            for set in ["〇一二三四五六七八九十百千", "a-é", "😀", "", "\u{0}\r"] {
                assert_eq!(super::one_of(set, c), set.contains(c), "{c:?} in {set:?}");
            }
        }
    }
    use super::*;
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

    /// Finds `needle` in the normalised text and returns the original characters it maps to.
    fn cut(original: &str, needle: &str) -> String {
        let n = Normalized::new(original);
        let a = n.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", n.text));
        let (s, e) = n.span16(a, a + needle.len());
        slice16(original, s, e)
    }

    #[test]
    fn full_width_ascii_folds_and_maps_back() {
        let t = "詳しくはｂｉｔ．ｌｙ／３ａｂｃ！";
        assert_eq!(Normalized::new(t).text, "詳しくはbit.ly/3abc!");
        assert_eq!(cut(t, "bit.ly/3abc"), "ｂｉｔ．ｌｙ／３ａｂｃ");
    }

    #[test]
    fn emoji_before_the_match_counts_two_units() {
        let t = "🎉🎉 bit.ly/x 👍";
        let n = Normalized::new(t);
        let a = n.text.find("bit.ly/x").unwrap();
        assert_eq!(n.span16(a, a + 8), (5, 13));
        assert_eq!(slice16(t, 5, 13), "bit.ly/x");
        assert_eq!(n.len16(), t.encode_utf16().count() as u32);
    }

    #[test]
    fn zero_width_joiners_and_spaces_are_removed_inside_words() {
        let t = "👨\u{200D}👩 ba\u{200B}ka";
        let n = Normalized::new(t);
        assert_eq!(n.text, "👨👩 baka");
        assert_eq!(cut(t, "baka"), "ba\u{200B}ka");
        assert_eq!(cut(t, "👨👩"), "👨\u{200D}👩");
    }

    #[test]
    fn half_width_kana_with_voiced_marks_compose() {
        let t = "ﾊﾞｶﾝｽ と ｶﾞｰﾃﾞﾝ";
        let n = Normalized::new(t);
        assert_eq!(n.text, "バカンス と ガーデン");
        assert_eq!(cut(t, "ガーデン"), "ｶﾞｰﾃﾞﾝ");
        assert_eq!(cut(t, "バ"), "ﾊﾞ");
    }

    #[test]
    fn combining_marks_map_to_base_and_marks() {
        // か + combining dakuten, e + combining acute
        let t = "か\u{3099}いしゃ cafe\u{301}";
        let n = Normalized::new(t);
        assert_eq!(n.text, "がいしゃ café");
        assert_eq!(cut(t, "が"), "か\u{3099}");
        assert_eq!(cut(t, "café"), "cafe\u{301}");
    }

    #[test]
    fn crlf_and_cr_become_newline() {
        let t = "一行目\r\n二行目\r三行目";
        let n = Normalized::new(t);
        assert_eq!(n.text, "一行目\n二行目\n三行目");
        assert_eq!(cut(t, "二行目"), "二行目");
        assert_eq!(cut(t, "三行目"), "三行目");
        let a = n.text.find("三").unwrap();
        assert_eq!(n.span16(a, a + 3).0, 9);
    }

    #[test]
    fn compatibility_characters_expand_and_map_to_the_whole_source() {
        let t = "①番地 ㈱テスト";
        let n = Normalized::new(t);
        assert_eq!(n.text, "1番地 (株)テスト");
        assert_eq!(cut(t, "(株)"), "㈱");
        assert_eq!(cut(t, "株"), "㈱");
    }

    #[test]
    fn surrogate_pair_kanji_and_ideographic_variation_selector() {
        let t = "𠮷野家\u{E0100}の前";
        let n = Normalized::new(t);
        assert_eq!(n.text, "𠮷野家の前");
        assert_eq!(cut(t, "𠮷野家"), "𠮷野家");
        let a = n.text.find("の前").unwrap();
        assert_eq!(n.span16(a, n.text.len()), (6, 8));
    }

    #[test]
    fn plain_cjk_is_nfkc_stable() {
        let mut buf = [0u8; 4];
        for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{20000}']) {
            assert_eq!(plain_cjk_at(c.encode_utf8(&mut buf).as_bytes(), 0), is_plain_cjk(c), "{c:?}");
        }
        for c in (0x3000..=0xA000).filter_map(char::from_u32).filter(|&c| is_plain_cjk(c)) {
            assert_eq!(c.len_utf8(), 3, "{c}");
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c}");
            assert_eq!(canonical_combining_class(c), 0, "{c}");
            assert!(!is_invisible(c) && !attaches(c), "{c}");
            // Nothing composes with it but a mark that attaches: a following plain or ASCII
            // character leaves it as it is.
            for next in ['a', 'あ', 'ア', '一', '。'] {
                let pair: String = [c, next].iter().collect();
                assert_eq!(pair.nfkc().collect::<String>(), pair, "{c}{next}");
            }
        }
    }

    #[test]
    fn full_width_ascii_is_its_nfkc() {
        for c in (0xFF01..=0xFF5E).chain([0x3000]).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let a = fullwidth_ascii_at(c.encode_utf8(&mut buf).as_bytes(), 0);
            assert_eq!(a.map(char::from), std::iter::once(c).nfkc().next(), "{c}");
        }
        for c in ['｟', '｠', 'ｰ', '～', 'ｱ', '・', 'あ'] {
            let mut buf = [0u8; 4];
            let want = std::iter::once(c).nfkc().next().filter(char::is_ascii);
            assert_eq!(fullwidth_ascii_at(c.encode_utf8(&mut buf).as_bytes(), 0).map(char::from), want, "{c}");
        }
    }

    #[test]
    fn the_fast_path_changes_nothing() {
        // Every pairing of plain characters with marks, half-width kana, compatibility and
        // invisible characters, in a deterministic pseudo-random walk.
        let alphabet: Vec<char> = "あかはアカハー漢字。「」、ｶﾊﾞﾟ\u{3099}\u{309A}\u{301}\u{200B}\u{FE0F}①㈱ＡaBz.\r\n 🎉ゟヿ゛（！ｚ\u{3000}〜・ゝ"
            .chars()
            .collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..12 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let (fast, slow) = (Normalized::build::<true>(&t), Normalized::build::<false>(&t));
            assert_eq!(fast.text, slow.text, "{t:?}");
            let per_byte = |n: &Normalized| (0..n.text.len()).map(|i| n.map.at(i)).collect::<Vec<_>>();
            assert_eq!((per_byte(&fast), fast.len16), (per_byte(&slow), slow.len16), "{t:?}");
        }
    }

    #[test]
    fn fold_kana_matches_the_char_by_char_fold() {
        let all: String = (0x3000..=0x3100).filter_map(char::from_u32).chain("ｱｲｳ漢字abc🎉ヴヵヶヽヾ".chars()).collect();
        let by_char: String = all
            .chars()
            .map(|c| match c {
                '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
                _ => c,
            })
            .collect();
        assert_eq!(fold_kana(&all), by_char);
        // The view the shared literal pass makes as it goes (`rules::pattern::Views`) is the same.
        let n = Normalized::new(&all);
        assert_eq!(n.kana(), fold_kana(&n.text));
    }

    #[test]
    fn kana_and_kanji_before_a_combining_mark_still_compose() {
        let t = "漢か\u{3099}ハ\u{309A}字";
        let n = Normalized::new(t);
        assert_eq!(n.text, "漢がパ字");
        assert_eq!(cut(t, "が"), "か\u{3099}");
        assert_eq!(cut(t, "字"), "字");
    }

    #[test]
    fn utf8_width_is_the_length_of_the_character_a_byte_starts() {
        let mut buf = [0u8; 4];
        for c in ('\0'..='\u{FFFF}').step_by(7).chain(['\u{7F}', '\u{80}', '\u{7FF}', '\u{800}', '\u{FFFF}', '\u{10000}', '\u{1F600}', '\u{10FFFF}']) {
            assert_eq!(utf8_width(c.encode_utf8(&mut buf).as_bytes()[0]), c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn kana_folding_keeps_offsets() {
        let n = Normalized::new("イマココ です ｲﾏｺｺ");
        assert_eq!(n.kana(), "いまここ です いまここ");
        assert_eq!(n.kana().len(), n.text.len());
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert_eq!(Normalized::new("").text, "");
        assert_eq!(Normalized::new("").span16(0, 0), (0, 0));
        assert_eq!(Normalized::new("\u{200B}\u{FEFF}").text, "");
        assert_eq!(Normalized::new("\u{200B}\u{FEFF}").len16(), 2);
    }

    #[test]
    fn leading_combining_mark_does_not_panic() {
        let t = "\u{3099}\u{301}abc";
        let n = Normalized::new(t);
        assert!(n.text.ends_with("abc"));
        assert_eq!(cut(t, "abc"), "abc");
    }
}
