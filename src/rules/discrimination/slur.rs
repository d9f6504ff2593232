//! discrimination/slur: slurs for disability, illness, ethnicity, origin, sexual orientation
//! and social status (きちがい, めくら, ガイジ, 支那人, ニガー, オカマ, ナマポ …).
//!
//! Matches the slur lists in `src/dict/` (MosasoM, MIT; LDNOOBW `ja`, CC-BY-4.0; postcheck's
//! own) on word boundaries, including masked spellings. Neutral words that a human-rights post
//! needs (部落, 同和, 黒人, 障害者, ゲイ, レズビアン) are not in the lists; generalisations
//! about such groups are `discrimination/stereotype`. Fires: `あいつガイジかよ`. Does not fire:
//! `朝鮮人参`, `粘土人形`, `東シナ海`, `かたわらに`, `ホモ・サピエンス`.
//!
//! Severity: `block` on every account: there is no ordinary use of a slur in a post, and a
//! quoted one in an awareness post (`「○○」という言葉`) is reported speech, shown at `info`.

use super::super::lexicon::Words;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Example, RuleMeta};

pub struct Slur;

static META: RuleMeta = RuleMeta {
    id: "discrimination/slur",
    category: Category::Discrimination,
    severity: Severity::Block,
    clauses: &["吉備中央町 5(6)", "室蘭市 5. 禁止事項", "十和田市 4(5)"],
    message: Msg {
        ja: "差別用語が含まれています",
        en: "This is a discriminatory slur",
    },
    why: Msg {
        ja: "ガイドラインは人種、思想、信条、居住、職業等による差別や、差別を助長する情報の発信を禁止しています。差別用語は冗談や引用のつもりでも人を傷つけ、差別を広げます。",
        en: "The guideline forbids discriminating by race, belief, residence, occupation and the like, or encouraging discrimination. A slur hurts and spreads discrimination even as a joke.",
    },
    fix: Msg {
        ja: "差別用語を削除してください。人や集団を指す必要があるときは、本人たちが使う中立的な呼び方にしてください。",
        en: "Delete the slur. If you must refer to a person or group, use the neutral name they use themselves.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "あいつガイジかよ", account: Account::Personal, hits: &[("ガイジ", Severity::Block)] },
        Example { text: "支那人の観光客が多すぎる", account: Account::Unknown, hits: &[("支那人", Severity::Block)] },
        Example { text: "あの課長はキ○ガイだ", account: Account::Personal, hits: &[("キ○ガイ", Severity::Block)] },
        Example { text: "「めくら」「つんぼ」などの言葉は差別用語です（人権啓発）", account: Account::Official, hits: &[("めくら", Severity::Info), ("つんぼ", Severity::Info)] },
        Example { text: "朝鮮人参と粘土人形の展示、東シナ海の写真展を開催します", account: Account::Official, hits: &[] },
        Example { text: "本のページをめくらないで待っていてね。かたわらに置いてください", account: Account::Official, hits: &[] },
        Example { text: "企画展「ホモ・サピエンスの歩み」", account: Account::Official, hits: &[] },
    ],
};

/// The word list: files matched together (see `lexicon` for the format).
pub(crate) static LISTS: &[&str] = &[
    dict!("mosasom-discrimination.txt"),
    dict!("ldnoobw-discrimination.txt"),
    dict!("postcheck-discrimination.txt"),
];

word_rule!(Slur, Words::Discrimination, None);

#[cfg(test)]
mod tests {
    use crate::finding::Severity::Block;
    use crate::post::Account::Official;
    use crate::rules::testing::spans_of;

    fn f(t: &str) -> Vec<(u32, u32, crate::Severity)> {
        spans_of("discrimination/slur", t, Official)
    }

    #[test]
    fn slurs_on_boundaries_only() {
        assert_eq!(f("あいつガイジかよ"), [(3, 6, Block)]);
        assert_eq!(f("キ○ガイ"), [(0, 4, Block)]);
        for t in ["朝鮮人参", "粘土人形", "郷土人物", "雰囲気違い", "ちびっこ相撲", "とびっこ", "アスペルガー症候群", "ガイジン", "支那そば", "東シナ海", "ルンペンストーブ", "ホモ接合"] {
            assert!(f(t).is_empty(), "{t}");
        }
    }
}
