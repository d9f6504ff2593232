//! NFKC (Unicode normalisation form KC) from compact tables, for [`crate::text`] and the
//! admin's custom patterns.
//!
//! The tables in `nfkc_tables.rs` are generated from the `unicode-normalization` crate's data
//! by `examples/gen_nfkc.rs` (the header of that file says how). They are about a sixth of that
//! crate's tables, which kept them out of the WASM budget: the decompositions of Arabic and
//! Hebrew presentation forms and Arabic mathematical letters are left out (those characters
//! stay as they are; see `tables::LEFT_OUT`), and Hangul syllables are not decomposed (no mark
//! composes with a syllable, so a syllable and its marks come out as they went in); jamo still
//! compose into syllables by arithmetic.
//! `tests` compares the result with `unicode-normalization` for every code point.

#[path = "nfkc_tables.rs"]
mod tables;

use tables::{CCC, COMPOSITIONS, DECOMPOSITIONS, POOL};

/// The canonical combining class of `c` (0 for a starter).
pub fn canonical_combining_class(c: char) -> u8 {
    let c = c as u32;
    if c < 0x300 {
        return 0;
    }
    let i = CCC.partition_point(|&(first, _)| first >> 8 <= c);
    match i.checked_sub(1).map(|i| CCC[i]) {
        Some((first, last)) if c <= last => (first & 0xFF) as u8,
        _ => 0,
    }
}

/// The compatibility decomposition (NFKD) of `c` alone, when it has one.
fn decomposition(c: char) -> Option<&'static str> {
    let c = c as u32;
    if c < 0xA0 {
        return None;
    }
    let i = DECOMPOSITIONS.partition_point(|&(k, _)| k >> 11 <= c);
    let (k, v) = DECOMPOSITIONS[i.checked_sub(1)?];
    let first = k >> 11;
    if c > first + (k & 0x7FF) {
        return None;
    }
    let len = (v & 0xFF) as usize;
    let at = (v >> 8) as usize + (c - first) as usize * len;
    POOL.get(at..at + len)
}

/// Whether `c` alone is its own NFKC.
pub fn is_stable(c: char) -> bool {
    decomposition(c).is_none()
}

/// The primary composite of `a` and `b`, if any.
fn compose(a: char, b: char) -> Option<char> {
    // Hangul by arithmetic: a leading and a vowel jamo, a syllable without and a trailing jamo
    // (`㈎` is `(` `ᄀ` `ᅡ` `)` decomposed).
    let (a32, b32) = (a as u32, b as u32);
    if (0x1100..0x1113).contains(&a32) && (0x1161..0x1176).contains(&b32) {
        return char::from_u32(0xAC00 + ((a32 - 0x1100) * 21 + (b32 - 0x1161)) * 28);
    }
    if (0xAC00..=0xD7A3).contains(&a32) && (a32 - 0xAC00) % 28 == 0 && (0x11A8..0x11C3).contains(&b32) {
        return char::from_u32(a32 + (b32 - 0x11A7));
    }
    let key = (u64::from(a as u32) << 42) | (u64::from(b as u32) << 21);
    let i = COMPOSITIONS.partition_point(|&p| p < key);
    let p = *COMPOSITIONS.get(i)?;
    if p & !0x1F_FFFF != key {
        return None;
    }
    char::from_u32((p & 0x1F_FFFF) as u32)
}

/// Appends the NFKC of `s` to `out`: decomposition, canonical ordering, canonical composition.
pub fn nfkc_into(s: &str, out: &mut Vec<char>) {
    let start = out.len();
    for c in s.chars() {
        match decomposition(c) {
            Some(d) => out.extend(d.chars()),
            None => out.push(c),
        }
    }
    // Canonical ordering: each run of non-starters sorted by class, stably (runs are short).
    for i in start + 1..out.len() {
        let cc = canonical_combining_class(out[i]);
        let mut j = i;
        while cc != 0 && j > start && canonical_combining_class(out[j - 1]) > cc {
            out.swap(j - 1, j);
            j -= 1;
        }
    }
    // Canonical composition: a character composes with the last starter unless something
    // between them has class 0 or a class at least its own.
    let mut w = start;
    let mut starter: Option<usize> = None;
    let mut last_cc: Option<u8> = None;
    for r in start..out.len() {
        let c = out[r];
        let cc = canonical_combining_class(c);
        if let Some(si) = starter {
            let blocked = last_cc.is_some_and(|l| l == 0 || l >= cc);
            if let Some(p) = compose(out[si], c).filter(|_| !blocked) {
                out[si] = p;
                continue;
            }
        }
        if cc == 0 {
            starter = Some(w);
            last_cc = None;
        } else {
            last_cc = Some(cc);
        }
        out[w] = c;
        w += 1;
    }
    out.truncate(w);
}

/// The NFKC of `s`.
pub fn nfkc(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len());
    nfkc_into(s, &mut buf);
    buf.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn left_out(c: char) -> bool {
        tables::LEFT_OUT.iter().any(|&(a, b)| (a..=b).contains(&(c as u32)))
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn the_tables_are_unicode_normalizations_version() {
        assert_eq!(tables::UNICODE_VERSION, unicode_normalization::UNICODE_VERSION);
    }

    #[test]
    fn combining_classes_are_unicode_normalizations_for_every_code_point() {
        for c in all_chars() {
            assert_eq!(canonical_combining_class(c), unicode_normalization::char::canonical_combining_class(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_code_point_outside_the_left_out_blocks_normalises_as_unicode_normalization_does() {
        let mut buf = Vec::new();
        for c in all_chars() {
            buf.clear();
            nfkc_into(c.encode_utf8(&mut [0; 4]), &mut buf);
            if left_out(c) {
                // Documented: left as it is.
                assert_eq!(buf, [c], "U+{:04X}", c as u32);
            } else {
                assert!(buf.iter().copied().eq(std::iter::once(c).nfkc()), "U+{:04X}: {buf:?}", c as u32);
            }
            if is_stable(c) {
                assert_eq!(buf, [c], "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_left_out_blocks_are_presentation_forms_and_arabic_math() {
        // What the compact tables leave unnormalised, and that unicode-normalization would
        // have changed (so the list says something).
        let names: Vec<(u32, u32)> = tables::LEFT_OUT.to_vec();
        assert_eq!(names, [(0xFB1D, 0xFB4F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x1EE00, 0x1EEFF)]);
        for &(a, b) in tables::LEFT_OUT {
            let changed = (a..=b).filter_map(char::from_u32).filter(|&c| !std::iter::once(c).nfkc().eq(std::iter::once(c))).count();
            assert!(changed > 10, "U+{a:04X}..U+{b:04X}");
        }
        assert_eq!(nfkc("ﷺ ﻼ"), "ﷺ ﻼ");
    }

    #[test]
    fn characters_with_marks_normalise_as_unicode_normalization_does() {
        // Every character of the scripts a Japanese post uses, alone and followed by marks
        // (in and out of canonical order, with the half-width voiced marks).
        let marks: [&[char]; 10] = [
            &['\u{301}'],
            &['\u{308}', '\u{301}'],
            &['\u{323}', '\u{302}'],
            &['\u{302}', '\u{323}'],
            &['\u{31B}', '\u{309}'],
            &['\u{327}'],
            &['\u{3099}'],
            &['\u{309A}'],
            &['\u{FF9E}'],
            &['\u{FF9F}', '\u{3099}'],
        ];
        let ranges = [0x20..=0x2FF, 0x370..=0x4FF, 0x1E00..=0x1FFF, 0x2000..=0x33FF, 0xF900..=0xFB06, 0xFE10..=0xFE6F, 0xFF00..=0xFFEF, 0x1D400..=0x1D7FF, 0x1F100..=0x1F2FF];
        let mut buf = Vec::new();
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            for m in marks {
                let s: String = std::iter::once(c).chain(m.iter().copied()).collect();
                buf.clear();
                nfkc_into(&s, &mut buf);
                assert!(buf.iter().copied().eq(s.nfkc()), "{s:?}: {buf:?}");
            }
        }
    }

    #[test]
    fn japanese_text_normalises_as_unicode_normalization_does() {
        let corpus = include_str!("../tests/bench/corpus.txt");
        let samples = "ﾊﾞｶﾝｽ ｶﾞｰﾃﾞﾝ か\u{3099}いしゃ cafe\u{301} ①番地 ㈱テスト ㍻ ㋿ ℡ ℃ Ⅻ ⑴ ﬁle ＡＢＣ１２３ 　 𝐛𝐨𝐥𝐝 🈁 ⽇本 丽 ゟ ヿ ｡｢｣､";
        for t in [corpus, samples] {
            assert_eq!(nfkc(t), t.nfkc().collect::<String>());
        }
    }
}
