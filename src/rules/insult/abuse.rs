//! insult/abuse: words that abuse a person (バカ, 死ね, クズ, ババア, 税金泥棒 …).
//!
//! Matches the insult lists in `src/dict/` (MosasoM inappropriate-words-ja, MIT, curated, and
//! postcheck's own additions) on word boundaries, including spaced and masked spellings
//! (`バ カ`, `ば〜か`, `バ●カ`, `し ね`). Fires: `あのバカ市長`. Does not fire: `バカンス`,
//! `親バカ`, `アホウドリ`, or a quoted report such as `「死ね」と言われたら相談を`.
//!
//! Severity: `block` on an official account (an insult from the town is never right and is
//! screenshotted at once), `warn` on a personal one (venting and self-mockery are frequent,
//! the guideline still forbids insulting others), `info` for reported speech.

use super::super::lexicon::Words;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Example, RuleMeta};

pub struct Abuse;

static META: RuleMeta = RuleMeta {
    id: "insult/abuse",
    category: Category::Insult,
    severity: Severity::Block,
    clauses: &["吉備中央町 5(1)", "室蘭市 5. 禁止事項", "流山市 基本原則 9", "十和田市 4(1)"],
    message: Msg {
        ja: "人をののしる言葉（誹謗中傷）が含まれています",
        en: "This word abuses a person (defamation or insult)",
    },
    why: Msg {
        ja: "ガイドラインは誹謗中傷や他者を侮辱する情報の発信を禁止しています。職員の投稿は個人アカウントでも町・市の発言として受け取られ、削除しても記録が残ります。",
        en: "The guideline forbids defaming or insulting others. A staff member's post is read as the town's voice even on a personal account, and it stays online after deletion.",
    },
    fix: Msg {
        ja: "相手を評価する言葉を外し、事実と対応だけを冷静に書いてください。腹が立ったときは投稿を一晩置きましょう。",
        en: "Remove the words that judge the person; state the facts and what you will do, calmly. If you are angry, wait before posting.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "あのバカ市長はいつになったら辞めるのか", account: Account::Official, hits: &[("バカ", Severity::Block)] },
        Example { text: "窓口で怒鳴る客、本当にクズだわ", account: Account::Personal, hits: &[("クズ", Severity::Warn)] },
        Example { text: "文句ばかり言う奴はし ね", account: Account::Unknown, hits: &[("し ね", Severity::Block)] },
        Example { text: "税金泥棒と言われても仕方ない職員", account: Account::Official, hits: &[("税金泥棒", Severity::Block)] },
        Example { text: "「バカ」「死ね」と言われたら、ひとりで悩まず相談してください", account: Account::Official, hits: &[("バカ", Severity::Info), ("死ね", Severity::Info)] },
        Example { text: "夏のバカンスは町営キャンプ場へ。アホウドリの写真展も開催中です", account: Account::Official, hits: &[] },
        Example { text: "うちの子が初めて歩きました。親バカですみません", account: Account::Personal, hits: &[] },
        Example { text: "秋祭りで馬鹿囃子を披露します。時差ボケにご注意を", account: Account::Official, hits: &[] },
        Example { text: "食器の殺菌には熱湯が効果的です", account: Account::Official, hits: &[] },
    ],
};

/// The word list: files matched together (see `lexicon` for the format).
pub(crate) static LISTS: &[&str] = &[
    dict!("mosasom-insult.txt"),
    dict!("postcheck-insult.txt"),
];

word_rule!(Abuse, Words::Insult, Some(Severity::Warn));

#[cfg(test)]
mod tests {
    use crate::finding::Severity::{Block, Info, Warn};
    use crate::post::Account::{Official, Personal};
    use crate::rules::testing::spans_of;

    fn f(t: &str) -> Vec<(u32, u32, crate::Severity)> {
        spans_of("insult/abuse", t, Official)
    }

    #[test]
    fn boundaries_with_the_real_lists() {
        for t in ["夏のバカンス", "アホウドリ", "ブスケッツ選手", "殺菌消毒", "バカラのグラス", "カスタネット", "カスハラ対策", "デブリ", "ハゲワシ", "シネマ", "雨ばかり", "死ねない", "親バカ", "釣りバカ日誌"] {
            assert!(f(t).is_empty(), "{t}");
        }
        assert_eq!(f("あのバカ市長"), [(2, 4, Block)]);
        assert_eq!(f("死ねよ"), [(0, 2, Block)]);
        assert_eq!(f("死ねばいいのに"), [(0, 5, Block)]);
    }

    #[test]
    fn masked_and_spaced_spellings_span_the_masks() {
        assert_eq!(f("お前バ●カだろ"), [(2, 5, Block)]);
        assert_eq!(f("ば〜か"), [(0, 3, Block)]);
        assert_eq!(f("みんな し ね"), [(4, 7, Block)]);
        assert_eq!(f("上司ｼﾈ"), [(2, 4, Block)]);
        assert_eq!(f("🎉バ カ🎉"), [(2, 5, Block)]);
    }

    #[test]
    fn personal_account_and_reported_speech_lower_the_severity() {
        assert_eq!(spans_of("insult/abuse", "課長ほんと無能", Personal), [(5, 7, Warn)]);
        assert_eq!(f("「バカ」と言われたら相談を"), [(1, 3, Info)]);
    }
}
