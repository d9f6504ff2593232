//! Rules about other people's rights: copyright (転載, copying news or lyrics, borrowed images)
//! and portrait rights (hidden shots, people photographed or posted without consent).
//! 吉備中央町 5(14), 5(16); 室蘭市 4. 基本ルール; 流山市 基本原則 3; 十和田市 3(3), 4(11).
//!
//! Both rules read what the post says about itself ("転載します", "許可は取っていません"). A sentence
//! that warns about the practice or forbids it (「無断転載を禁じます」, 「無断で撮影しないでください」)
//! or says permission was obtained (「掲載の許可をいただいています」) is not reported.
pub mod copy;
pub mod portrait;

use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

/// The sentence around `a..b` (bounded by 。！？!? and line breaks).
pub fn sentence(text: &str, a: usize, b: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '。' | '!' | '?' | '\n' | '！' | '？');
    let start = text[..a].char_indices().rev().find(|&(_, c)| is_end(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[b..].char_indices().find(|&(_, c)| is_end(c)).map_or(text.len(), |(i, _)| b + i);
    (start, end)
}

/// Words that make a sentence a notice, a warning or a statement of permission (kana-folded).
fn notice() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(concat!(
            "禁止|禁じ|お断り|おことわり|厳禁|ご遠慮|遠慮くだ|お控え|ないでくだ|ないで下さ|しないで|ないように|ないよう|",
            "なりません|いけません|しません|できません|だめです|ましょう|やめて|気をつけ|気を付け|ご注意|注意して|注意が|おそれ|恐れ|可能性|",
            "侵害|違反|犯罪|罰金|懲役|被害|防止|対策|相談|",
            "許可を得|許可をいただ|許可を頂|許可をもら|許可済|許可のもと|掲載許可|了承を得|了承済|了承をいただ|承諾を得|承諾済|",
            "許諾を得|許諾済|同意を得|同意をいただ|同意済|提供|転載可|転載自由|ご自由に|使用可|ok"
        ))
        .expect("notice words")
    })
}

/// Whether the sentence around `a..b`, outside the match itself, is a notice or states consent.
pub fn is_notice(text: &str, a: usize, b: usize) -> bool {
    let (s, e) = sentence(text, a, b);
    notice().is_match(&text[s..a]) || notice().is_match(&text[b..e])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_bounds() {
        let t = "前の文。無断転載を禁じます！次";
        let a = t.find("無断").unwrap();
        let (s, e) = sentence(t, a, a + "無断転載".len());
        assert_eq!(&t[s..e], "無断転載を禁じます");
        assert!(is_notice(t, a, a + "無断転載".len()));
    }
}
