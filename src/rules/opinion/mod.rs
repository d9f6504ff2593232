//! Rules about the author's personal opinion and situation (吉備中央町 5(8), 流山市 基本原則 4,
//! 十和田市 4(7)) and about staff identifying themselves on personal accounts (十和田市 5(4)).
//!
//! The small text helpers at the end of this file are shared with the `rumor`, `illegal` and
//! `political` families: they look at the sentence around a match in the normalised text.
pub mod casual_tone;
pub mod first_person;
pub mod personal_situation;
pub mod staff_identity;
pub mod subjective;

/// Is `c` a sentence boundary in normalised text (NFKC turns `！？` into `!?`)?
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '\n')
}

/// The most characters a sentence reaches on either side of a match. Real sentences are far
/// shorter; a text without boundaries (a long run of hashtags, a pasted log) would otherwise
/// make every match rescan the whole text, and a check quadratic in the text's length.
pub(crate) const MAX_SENTENCE_REACH: usize = 500;

/// Byte range of the sentence around `start..end` of `text`: from after the previous boundary
/// to before the next one (boundaries excluded), at most [`MAX_SENTENCE_REACH`] characters
/// on either side of the match. Out-of-range or non-boundary offsets are clamped, never split.
pub(crate) fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = floor_boundary(text, start.min(text.len()));
    let end = floor_boundary(text, end.clamp(start, text.len()));
    let mut a = start;
    for (i, c) in text[..start].char_indices().rev().take(MAX_SENTENCE_REACH) {
        if is_sentence_end(c) {
            break;
        }
        a = i;
    }
    let mut b = end;
    for c in text[end..].chars().take(MAX_SENTENCE_REACH) {
        if is_sentence_end(c) {
            break;
        }
        b += c.len_utf8();
    }
    (a, b)
}

/// The largest char boundary of `text` at or before `i` (`i <= text.len()`).
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The sentence around `start..end`.
pub(crate) fn sentence(text: &str, start: usize, end: usize) -> &str {
    let (a, b) = sentence_bounds(text, start, end);
    &text[a..b]
}

/// The character just before byte `pos`.
pub(crate) fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// The character at byte `pos`.
pub(crate) fn next_char(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The matches of `re` in the normalised text that a rule about the office's own voice looks
/// at: none on a personal account, and none inside 「」 or 『』 (someone else's words, quoted).
pub(crate) fn official_voice_matches<'t>(
    cx: &crate::rules::Cx<'t>,
    re: &'static crate::rules::pattern::Pattern,
) -> impl Iterator<Item = crate::rules::pattern::Match<'t>> + 't {
    let t: &'t str = &cx.norm.text;
    let official = cx.context.account != crate::post::Account::Personal;
    official.then(|| re.find_iter(t)).into_iter().flatten().filter(move |m| !in_quote(t, m.start()))
}

/// The kana-folded text a rule about what staff post on their own accounts scans, or `None`
/// on an official account.
pub(crate) fn own_account_kana<'t>(cx: &crate::rules::Cx<'t>) -> Option<&'t str> {
    (cx.context.account != crate::post::Account::Official).then(|| cx.norm.kana())
}

/// Whether byte `pos` lies inside Japanese quotation brackets 「」 or 『』 (a quoted voice).
pub(crate) fn in_quote(text: &str, pos: usize) -> bool {
    // Scan back within the line only (quotes in posts do not span lines), so the cost is the
    // line's length, not the text's: rules call this for every candidate match.
    let mut closed = 0usize;
    for c in text.get(..pos).unwrap_or("").chars().rev().take(MAX_QUOTE_SCAN) {
        match c {
            '\n' => break,
            '」' | '』' => closed += 1,
            '「' | '『' if closed == 0 => return true,
            '「' | '『' => closed -= 1,
            _ => {}
        }
    }
    false
}

/// How far back (in characters) `in_quote` looks for an opening bracket.
const MAX_QUOTE_SCAN: usize = 500;

pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}' | '々' | '〆' | 'ヶ')
}

pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A0}'..='\u{30FF}')
}

/// Pictographs and symbols people end a casual sentence with.
pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Whether the character after a predicate closes the clause (end of text, punctuation,
/// a trailing tilde or long mark, laughter, an emoji, a hashtag).
pub(crate) fn closes_clause(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            is_sentence_end(c)
                || is_emoji(c)
                || matches!(c, '、' | ',' | '.' | '…' | '‥' | '・' | '♪' | '〜' | '~' | 'ー' | 'w' | '笑' | '(' | ')' | ' ' | '　' | '#' | '」' | '』' | '*' | '☆' | '★' | '♡' | '♥' | '💦')
        }
    }
}

/// Extends a match that ends on a word stem (残業つら, 怒ら, 体調崩) over the inflection that
/// follows (い, れた, して), at most four kana, so the underline covers the whole word.
pub(crate) fn extend_okurigana(text: &str, end: usize) -> usize {
    let mut e = end;
    for c in text.get(end..).unwrap_or("").chars().take(4) {
        if matches!(c, 'い' | 'く' | 'け' | 'さ' | 'し' | 'す' | 'た' | 'ち' | 'つ' | 'て' | 'と' | 'れ' | 'る' | 'ら' | 'り' | 'ろ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ') {
            e += c.len_utf8();
        } else {
            break;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_is_cut_at_japanese_and_ascii_boundaries() {
        let t = "雨です。明日は晴れ!また来てね\n以上";
        let a = t.find("明日").unwrap();
        assert_eq!(sentence(t, a, a + 6), "明日は晴れ");
        let b = t.find("また").unwrap();
        assert_eq!(sentence(t, b, b + 6), "また来てね");
        assert_eq!(sentence(t, 0, 3), "雨です");
        let c = t.find("以上").unwrap();
        assert_eq!(sentence(t, c, t.len()), "以上");
    }

    #[test]
    fn quotes_are_tracked() {
        let t = "「私はこの町が好き」と話す方";
        assert!(in_quote(t, t.find("私").unwrap()));
        assert!(!in_quote(t, t.find("話す").unwrap()));
    }

    #[test]
    fn a_sentence_without_boundaries_is_cut_at_the_reach() {
        let long = "あ".repeat(2 * MAX_SENTENCE_REACH);
        let t = format!("{long}拡散{long}");
        let a = t.find("拡散").unwrap();
        let (s, e) = sentence_bounds(&t, a, a + "拡散".len());
        assert_eq!((a - s, e - a - "拡散".len()), (3 * MAX_SENTENCE_REACH, 3 * MAX_SENTENCE_REACH));
        // Offsets inside a character or past the end are clamped, not split.
        assert_eq!(sentence("雨です。晴れ", 1, 2), "雨です");
    }

    #[test]
    fn neighbours_at_the_edges() {
        assert_eq!(prev_char("あい", 0), None);
        assert_eq!(next_char("あい", 6), None);
        assert_eq!(prev_char("あい", 3), Some('あ'));
        assert_eq!(&"残業つらいです"[..extend_okurigana("残業つらいです", "残業つら".len())], "残業つらい");
        assert!(closes_clause(None) && closes_clause(Some('。')) && !closes_clause(Some('方')));
    }
}
