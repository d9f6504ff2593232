//! confidential/classification: a document's classification marker in the post — `部外秘`,
//! `機密性2`, `取扱注意文書`, `【極秘】`, `(秘)`, `㊙`, `【転送禁止】`.
//!
//! A marker means the text was copied from an internal document. Words that are markers only
//! in a marker's place are matched only there: `極秘` and `秘` in brackets, at the start of a
//! line or before a document noun (`極秘資料`, `㊙情報`), never `極秘レシピ`, `秘書`, `秘境`,
//! `便秘`, `神秘`; `取扱注意` only bracketed or as `取扱注意文書`, never `取扱注意の薬品`.
//! Reported speech (`「部外秘」と表示された文書は…` in a security training post) is `info`.
//!
//! Words a museum, a shop or a training post also uses (`社外秘のレシピ`, `丸秘テクニック`,
//! `幕末の秘密文書`, `秘密区分に応じた管理`) are markers only in a marker's place, or not at all.
//!
//! Severity: `block`: an organisation's marker has no place in a post. On an official account
//! the playful markers (`【極秘】`, `㊙`, `【転送禁止】`) are `info`: an approved official post
//! uses them as a teaser, not as a leak.

use super::super::lexicon::{is_reported_speech, script, Script};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Classification;

static META: RuleMeta = RuleMeta {
    id: "confidential/classification",
    category: Category::Confidential,
    severity: Severity::Block,
    clauses: &[
        "吉備中央町 4(1)",
        "吉備中央町 5(12)",
        "室蘭市 5. 禁止事項",
        "流山市 基本原則 5",
        "十和田市 4(9)",
        "十和田市 5(1)",
    ],
    message: Msg {
        ja: "秘密区分の表示（部外秘・極秘など）があります",
        en: "Classification marker (internal only, secret, …)",
    },
    why: Msg {
        ja: "秘密区分の表示は内部文書の印です。職務上知り得た秘密や機密情報の発信はガイドラインで禁止され、地方公務員法の守秘義務にも反します。",
        en: "A classification marker comes from an internal document. Posting secrets learnt at work is forbidden by the guideline and breaches the duty of confidentiality.",
    },
    fix: Msg {
        ja: "内部文書の内容は投稿しないでください。公表済みの資料なら、公表されたページへのリンクにしてください。",
        en: "Do not post internal documents. If the material has been published, link to the published page instead.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "【部外秘】来年度の組織改編案（総務課）", account: Account::Personal, hits: &[("部外秘", Severity::Block)] },
        Example { text: "機密性2情報なので扱いに注意、とのこと", account: Account::Unknown, hits: &[("機密性2", Severity::Block)] },
        Example { text: "(秘)入札参加業者一覧を共有します", account: Account::Personal, hits: &[("(秘)", Severity::Block)] },
        Example { text: "㊙情報：庁舎移転の候補地", account: Account::Personal, hits: &[("㊙情報", Severity::Block)] },
        Example { text: "【極秘】新キャラクターの名前は…来週発表!", account: Account::Official, hits: &[("【極秘】", Severity::Info)] },
        Example { text: "市長秘書が秘境の温泉を紹介。便秘予防の体操と神秘の滝も", account: Account::Official, hits: &[] },
        Example { text: "店主の極秘レシピで作るご当地カレー", account: Account::Official, hits: &[] },
        Example { text: "スプレー缶は取扱注意。中身を使い切って出してください", account: Account::Official, hits: &[] },
        Example { text: "研修：「部外秘」と表示された文書は持ち出さないでください", account: Account::Official, hits: &[("部外秘", Severity::Info)] },
    ],
};

/// Markers that are markers wherever they stand.
fn strong() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            "部外秘|庁外秘|課外秘|局外秘|外部秘|関係者外秘|取扱厳重注意|機密性[23]|\
             (?:取扱注意|取扱い注意|取り扱い注意)(?:文書|資料|情報|扱い)|関係者限り(?:の)?(?:資料|情報|文書|データ)|\
             [【\\[(〔<《〈](?:取扱注意|取扱い注意|取り扱い注意|関係者限り|庁内限り|内部限り)[】\\])〕>》〉]",
        )
        .expect("classification pattern")
    })
}

/// Words that are markers only in a marker's place: bracketed, alone on a line's start, or
/// before a document noun.
fn placed() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            "[【\\[(〔<《〈] ?(?:極秘|秘|マル秘|まる秘|丸秘|社外秘|複製禁止|転送禁止|配布禁止|持出禁止|持ち出し禁止) ?[】\\])〕>》〉]|\
             (?m:^[ \\t]*(?:極秘|取扱注意|関係者限り|転送禁止|複製禁止)[ \\t]*(?::|$))|\
             (?:極秘|マル秘|まる秘|丸秘)(?:文書|資料|扱い|事項|案件)",
        )
        .expect("classification marker pattern")
    })
}

/// A `秘` standing alone (`㊙` normalises to it): no letter before it, and no letter after it
/// or a document noun.
fn lone_secret(text: &str, out: &mut Vec<(usize, usize)>) {
    const NOUNS: [&str; 5] = ["情報", "文書", "資料", "扱い", "事項"];
    // `match_indices` looks for the character's bytes (not a call per character decoded).
    for (i, m) in text.match_indices('秘') {
        let c = '秘';
        debug_assert_eq!(m, "秘");
        let prev = text[..i].chars().next_back();
        if prev.is_some_and(|p| matches!(script(p), Script::Hiragana | Script::Katakana | Script::Kanji)) {
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let next = rest.chars().next();
        if next.is_none_or(|n| !matches!(script(n), Script::Hiragana | Script::Katakana | Script::Kanji)) {
            out.push((i, i + c.len_utf8()));
        } else if let Some(noun) = NOUNS.iter().find(|n| rest.starts_with(*n)) {
            out.push((i, i + c.len_utf8() + noun.len()));
        }
    }
}

impl Rule for Classification {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        let official = cx.context.account == Account::Official;
        let mut found: Vec<(usize, usize, bool)> = Vec::new();
        for m in strong().find_iter(text) {
            found.push((m.start(), m.end(), true));
        }
        let mut weak = Vec::new();
        for m in placed().find_iter(text) {
            weak.push((m.start(), m.end()));
        }
        lone_secret(text, &mut weak);
        for (a, b) in weak {
            // A line-start marker match may carry the spaces and colon around the word.
            let s = &text[a..b];
            let a2 = a + (s.len() - s.trim_start().len());
            let b2 = a2 + s.trim().trim_end_matches(':').trim_end().len();
            if a2 < b2 {
                found.push((a2, b2, false));
            }
        }
        found.sort_unstable();
        let mut last_end = 0;
        for (a, b, is_strong) in found {
            if a < last_end {
                continue;
            }
            last_end = b;
            let hit = Hit::new(a, b);
            let quiet = is_reported_speech(text, a, b) || (official && !is_strong);
            out.push(if quiet { hit.severity(Severity::Info) } else { hit });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity::{Block, Info};
    use crate::post::Account::{Official, Personal};
    use crate::rules::testing::spans_of;

    fn f(t: &str) -> Vec<(u32, u32, crate::Severity)> {
        spans_of("confidential/classification", t, Personal)
    }

    #[test]
    fn lone_secret_is_a_marker_inside_words_it_is_not() {
        assert_eq!(f("㊙"), [(0, 1, Block)]);
        assert_eq!(f("【秘】人事案"), [(0, 3, Block)]);
        assert_eq!(f("（秘）"), [(0, 3, Block)]);
        assert_eq!(f("転送禁止\n本文"), [(0, 4, Block)]);
        for t in ["秘書", "市長秘書", "秘境", "便秘", "神秘", "秘湯", "秘宝展", "極秘レシピ", "丸秘テクニック", "取扱注意の薬品"] {
            assert!(f(t).is_empty(), "{t}");
        }
        assert_eq!(spans_of("confidential/classification", "【極秘】新キャラ", Official), [(0, 4, Info)]);
        assert_eq!(spans_of("confidential/classification", "部外秘資料", Official), [(0, 3, Block)]);
    }
}
