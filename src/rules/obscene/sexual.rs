//! obscene/sexual: pornographic and sexual-slang terms (セックス, エロ, ちんこ, デリヘル …),
//! including masked spellings (`ﾁ○ﾁ○`, `セッ○ス`, `ま○こ`).
//!
//! Matches the sexual lists in `src/dict/` (MosasoM, MIT; LDNOOBW `ja`, CC-BY-4.0; curated)
//! on word boundaries. The anatomical and medical words of health checks and sex education
//! (乳房, 乳首, 性交, 射精, 膣, コンドーム) and the words of prevention campaigns (児童ポルノ,
//! パパ活, 援助交際, リベンジポルノ) are left out. Fires: `昨日のエロ動画`. Does not fire:
//! `乳がん検診`, `エッチング教室`, `フェラーリ展`, `ファックスで申込み`, `ちんちん電車`.
//!
//! Severity: `block` on an official account (no official post needs these words), `warn` on
//! a personal one (still 公序良俗, the writer may be quoting), `info` for reported speech.

use super::super::lexicon::Words;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Example, RuleMeta};

pub struct Sexual;

static META: RuleMeta = RuleMeta {
    id: "obscene/sexual",
    category: Category::Obscene,
    severity: Severity::Block,
    clauses: &["吉備中央町 5(3)", "吉備中央町 5(4)", "室蘭市 5. 禁止事項", "十和田市 4(3)", "十和田市 4(13)"],
    message: Msg {
        ja: "性的・わいせつな言葉が含まれています",
        en: "This is a sexual or obscene term",
    },
    why: Msg {
        ja: "ガイドラインはわいせつな内容を含む情報や公序良俗に反する表現の発信を禁止しています。伏せ字にしても同じです。",
        en: "The guideline forbids obscene content and expressions against public order and morals, masked spellings included.",
    },
    fix: Msg {
        ja: "その言葉を削除してください。健康や性教育の話題なら、医学的な用語（性感染症、性行為など）で書いてください。",
        en: "Delete the term. For health or sex education, use the medical terms instead.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "昨日のエロ動画がさ", account: Account::Personal, hits: &[("エロ", Severity::Warn)] },
        Example { text: "駅前にデリヘルの看板が増えた", account: Account::Official, hits: &[("デリヘル", Severity::Block)] },
        Example { text: "ﾁ○ﾁ○の話はやめろw", account: Account::Unknown, hits: &[("ﾁ○ﾁ○", Severity::Block)] },
        Example { text: "セッ○スしたい", account: Account::Personal, hits: &[("セッ○ス", Severity::Warn)] },
        Example { text: "乳がん検診と子宮頸がん検診のご案内。性感染症の相談もお受けします", account: Account::Official, hits: &[] },
        Example { text: "銅版画のエッチング教室とフェラーリ展。申込みはファックスで", account: Account::Official, hits: &[] },
        Example { text: "児童ポルノやリベンジポルノの被害を相談できる窓口があります", account: Account::Official, hits: &[] },
    ],
};

/// The word list: files matched together (see `lexicon` for the format).
pub(crate) static LISTS: &[&str] = &[
    dict!("mosasom-obscene.txt"),
    dict!("ldnoobw-obscene.txt"),
    dict!("postcheck-obscene.txt"),
];

word_rule!(Sexual, Words::Obscene, Some(Severity::Warn));

#[cfg(test)]
mod tests {
    use crate::finding::Severity::{Block, Warn};
    use crate::post::Account::{Official, Personal};
    use crate::rules::testing::spans_of;

    fn f(t: &str) -> Vec<(u32, u32, crate::Severity)> {
        spans_of("obscene/sexual", t, Official)
    }

    #[test]
    fn masked_spellings_and_compounds() {
        assert_eq!(f("ﾁ○ﾁ○"), [(0, 4, Block)]);
        assert_eq!(f("見てﾁ○ﾁ○w"), [(2, 6, Block)]);
        assert_eq!(f("ま○こ"), [(0, 3, Block)]);
        assert_eq!(spans_of("obscene/sexual", "セッ○スしたい", Personal), [(0, 4, Warn)]);
        for t in ["乳がん検診", "性感染症", "正常位置", "停電マップ", "ノーパンクタイヤ", "スマホ別売り", "中性処理", "ポルノグラフィティ", "児童ポルノ", "ちんちん電車", "お目こぼし", "おめこぼし", "エロイカ"] {
            assert!(f(t).is_empty(), "{t}");
        }
    }
}
