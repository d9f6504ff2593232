//! `opinion/casual-tone`: chatty sentence endings and laughter on an official account
//! (〜だよね, 〜じゃん, 〜わ～, マジで, w/ｗｗ, (笑), 草).
//!
//! Why: these are the marks of one person talking, not of the municipality; the guidelines keep
//! staff's personal voice off official accounts (吉備中央町 5(8), 流山市 基本原則 4,
//! 十和田市 4(7)).
//!
//! Quiet: じゃんけん大会, 草刈り, 笑顔, www.city.example.lg.jp, シャワー, anything on a personal
//! account.
use super::{closes_clause, is_han, is_hiragana, is_katakana, next_char, official_voice_matches, prev_char};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct CasualTone;

static META: RuleMeta = RuleMeta {
    id: "opinion/casual-tone",
    category: Category::PersonalOpinion,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(8)", "流山市 基本原則 4", "十和田市 4(7)"],
    message: Msg {
        ja: "公式アカウントで個人の口調（「〜じゃん」「w」「(笑)」など）が使われています",
        en: "A personal, chatty tone (じゃん, w, (笑)) on an official account",
    },
    why: Msg {
        ja: "くだけた語尾や笑いの表現は、職員個人のつぶやきとして読まれます。公式アカウントで個人的な発信をすることはガイドラインで禁じられています。",
        en: "Chatty endings and laughter read as one staff member's own remarks; the guidelines forbid personal posts on an official account.",
    },
    fix: Msg {
        ja: "「です・ます」の案内文に直し、笑いの記号は削ってください（例:「楽しいじゃん」→「楽しいイベントです」）。",
        en: "Use the polite です/ます voice of the office and drop laughter marks (e.g. \"fun, right? lol\" -> \"It is a fun event.\").",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "今日の会議長すぎじゃん", account: Account::Official, hits: &[("じゃん", Severity::Warn)] },
        Example { text: "ゆるキャラ、かわいすぎだよね", account: Account::Official, hits: &[("だよね", Severity::Warn)] },
        Example { text: "また雨だわ～ｗｗｗ", account: Account::Unknown, hits: &[("わ～", Severity::Warn), ("ｗｗｗ", Severity::Warn)] },
        Example { text: "課長が歌い出して(笑)", account: Account::Official, hits: &[("(笑)", Severity::Warn)] },
        Example { text: "マジで草", account: Account::Official, hits: &[("マジで", Severity::Warn), ("草", Severity::Warn)] },
        Example { text: "子ども会のじゃんけん大会を開催します。", account: Account::Official, hits: &[] },
        Example { text: "草刈り作業のため、河川敷の一部を通行止めにします。笑顔で参加しましょう！", account: Account::Official, hits: &[] },
        Example { text: "詳しくは https://www.town.kibichuo.lg.jp/ をご覧ください", account: Account::Official, hits: &[] },
        Example { text: "また雨だわ～ｗｗｗ", account: Account::Personal, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(r"だよね|だよな|じゃん|っしょ|マジで|まじで|マジか|まじか|ウケる|わ[〜~ー]+|w+|\(笑+\)|笑+|草")
}

/// A Japanese character a laughter mark or an ending may follow.
fn is_ja(c: char) -> bool {
    is_han(c) || is_hiragana(c) || is_katakana(c) || matches!(c, '!' | '?' | '。' | '、' | '〜' | '~' | '…' | ')') || super::is_emoji(c)
}

impl Rule for CasualTone {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = &cx.norm.text;
        for m in official_voice_matches(cx, re()) {
            let (a, b) = (m.start(), m.end());
            let prev = prev_char(t, a);
            let next = next_char(t, b);
            let s = m.as_str();
            let ok = match s.chars().next() {
                // じゃんけん, じゃんじゃん
                Some('じ') => !(t[b..].starts_with('け') || t[b..].starts_with("じゃん") || t[..a].ends_with("じゃん")),
                // わ～ after a word (疲れたわ～), not the interjection わー or うわ～.
                Some('わ') => prev.is_some_and(|c| (is_hiragana(c) || is_han(c)) && c != 'う'),
                // w as laughter: after Japanese, not inside a URL or a word.
                Some('w') => {
                    prev.is_some_and(is_ja) && !next.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_' | '@'))
                }
                Some('(') => true,
                // 笑 alone, after kana or punctuation (not 爆笑, 笑顔, 笑い).
                Some('笑') => prev.is_some_and(|c| !is_han(c)) && closes_clause(next) && !matches!(prev, Some('(')),
                // 草 as laughter: マジで草, これは草, 草生える; not 雑草, 草刈り, 草花.
                Some('草') => {
                    let after_ok = closes_clause(next) || t[b..].starts_with("生え") || t[b..].starts_with("不可避");
                    let before_ok = prev.is_none_or(|c| matches!(c, 'で' | 'て' | 'は' | 'も' | 'w' | ' ' | '、' | '!' | '?' | '。' | '\n') || is_emoji(c));
                    after_ok && before_ok
                }
                _ => true,
            };
            if ok {
                out.push(Hit::new(a, b));
            }
        }
    }
}

use super::is_emoji;
