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

/// Byte range of the sentence around `start..end` of `text`: from after the previous boundary
/// to before the next one (boundaries excluded).
pub(crate) fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let a = text[..start].char_indices().rev().find(|&(_, c)| is_sentence_end(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let b = text[end..].char_indices().find(|&(_, c)| is_sentence_end(c)).map_or(text.len(), |(i, _)| end + i);
    (a, b)
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
    fn neighbours_at_the_edges() {
        assert_eq!(prev_char("あい", 0), None);
        assert_eq!(next_char("あい", 6), None);
        assert_eq!(prev_char("あい", 3), Some('あ'));
        assert_eq!(&"残業つらいです"[..extend_okurigana("残業つらいです", "残業つら".len())], "残業つらい");
        assert!(closes_clause(None) && closes_clause(Some('。')) && !closes_clause(Some('方')));
    }
}
