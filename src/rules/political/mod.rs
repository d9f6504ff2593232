//! Rules about political activity restricted for local public servants (地方公務員法 36条):
//! soliciting votes, signature drives, political donations (吉備中央町 4(9)③, 室蘭市 4. 基本ルール,
//! 流山市 基本原則 2, 十和田市 3(2)).
pub mod donation;
pub mod signature_drive;
pub mod vote_solicitation;

use crate::rules::opinion::{is_han, is_katakana};

pub(crate) const CLAUSES: &[&str] = &["吉備中央町 4(9)③", "室蘭市 4. 基本ルール", "流山市 基本原則 2", "十和田市 3(2)"];

/// Start of the name (kanji or katakana, at most ten characters) that ends at byte `end` of
/// `text`: 「山田太郎」 in 「山田太郎候補」, 「みらい」 is not taken (hiragana reads as grammar).
pub(crate) fn name_start(text: &str, end: usize) -> usize {
    let mut a = end;
    for c in text.get(..end).unwrap_or("").chars().rev().take(10) {
        if is_han(c) || is_katakana(c) || c == 'ー' {
            a -= c.len_utf8();
        } else {
            break;
        }
    }
    a
}
