//! insult/rude-address: 非礼・不遜 forms — rude forms of address (てめえ, お前ら, 貴様), rude
//! imperatives (黙れ, 消えろ, 〜しろよ, ふざけるな) and brush-offs (知るか, 自分で調べろ).
//!
//! Matches postcheck's own list `src/dict/postcheck-rude.txt` on word boundaries. Fires: a
//! reply `嫌なら自分で調べろよ`. Does not fire: `お前立ち本尊の御開帳`, `帰れなくなった方へ`,
//! or a quoted report `「黙れ」と言われた`.
//!
//! Severity: `warn` on every account. These words are not abuse by themselves, but a reply in
//! this tone is what the guideline calls 非礼・不遜; the writer decides after a second look.

use super::super::lexicon::Words;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Example, RuleMeta};

pub struct RudeAddress;

static META: RuleMeta = RuleMeta {
    id: "insult/rude-address",
    category: Category::Insult,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(2)", "室蘭市 5. 禁止事項", "流山市 基本原則 9", "十和田市 4(2)"],
    message: Msg {
        ja: "乱暴な呼び方・命令口調（非礼・不遜な表現）です",
        en: "Rude form of address or rude imperative",
    },
    why: Msg {
        ja: "ガイドラインは非礼・不遜な態度や発言と受け取られるおそれのある発信を禁止しています。攻撃的な反応にも冷静に対応するのが原則です。",
        en: "The guideline forbids posts that may be taken as rude or arrogant, and asks staff to answer even hostile replies calmly.",
    },
    fix: Msg {
        ja: "「〜してください」「ご意見ありがとうございます」など丁寧な言い方に直してください。",
        en: "Rephrase politely (please …, thank you for your comment).",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "嫌なら自分で調べろよ", account: Account::Official, hits: &[("自分で調べろよ", Severity::Warn)] },
        Example { text: "てめえらの苦情なんか知るか", account: Account::Personal, hits: &[("てめえ", Severity::Warn), ("知るか", Severity::Warn)] },
        Example { text: "お前ら黙れ。ふざけんな", account: Account::Unknown, hits: &[("お前ら", Severity::Warn), ("黙れ", Severity::Warn), ("ふざけんな", Severity::Warn)] },
        Example { text: "大雪で帰れなくなった方は公民館をご利用ください", account: Account::Official, hits: &[] },
        Example { text: "本堂でお前立ち本尊を特別公開します", account: Account::Official, hits: &[] },
        Example { text: "「黙れ」と言われても、冷静に対応しましょう（職員研修）", account: Account::Official, hits: &[("黙れ", Severity::Info)] },
        Example { text: "こころよくご協力いただいたところよりお礼申し上げます", account: Account::Official, hits: &[] },
    ],
};

/// The word list: files matched together (see `lexicon` for the format).
pub(crate) static LISTS: &[&str] = &[
    dict!("postcheck-rude.txt"),
];

word_rule!(RudeAddress, Words::Rude, None);

#[cfg(test)]
mod tests {
    use crate::finding::Severity::Warn;
    use crate::post::Account::Official;
    use crate::rules::testing::spans_of;

    fn f(t: &str) -> Vec<(u32, u32, crate::Severity)> {
        spans_of("insult/rude-address", t, Official)
    }

    #[test]
    fn rude_forms_and_their_harmless_neighbours() {
        assert_eq!(f("早くしろよ"), [(2, 5, Warn)]);
        assert_eq!(f("知るか!"), [(0, 3, Warn)]);
        assert_eq!(f("家に帰れよ"), [(2, 5, Warn)]);
        for t in ["制度を知るかどうか", "子どもが甘えるなどの行動", "家に帰れない方", "なお前もってお申し込みください", "何様式でも構いません", "こころよく", "ところより"] {
            assert!(f(t).is_empty(), "{t}");
        }
    }
}
