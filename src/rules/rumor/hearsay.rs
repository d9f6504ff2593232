//! `rumor/hearsay`: passing on what one heard: 「〜らしい」「〜みたい」 as hearsay, 「〜という噂」,
//! 「〜って聞いた」, and a sentence that ends in the quotative 「って」 (「明日の朝本震来るって」,
//! 「休校なんだって」: measured on real rumours, see docs/evaluation.md). Any account: the
//! guidelines apply to staff's personal posts too.
//!
//! Why: the guidelines forbid spreading rumours and information whose truth cannot be checked
//! (吉備中央町 4(12), 5(5), 室蘭市 4. 基本ルール, 5. 禁止事項, 流山市 基本原則 6, 十和田市 4(4)).
//!
//! Quiet: the te-form (「言って」「行って」 never follow る), insistence (「バレないって」), 「って」 in mid-sentence
//! (「断水するって本当？」 asks, it does not pass on), らしい as an adjective ending (素晴らしい, 新しい, 子どもらしい, 春らしい陽気, 可愛らしい),
//! みたい as "want to try" (行ってみたい), a sentence that names its source (「気象台によると」),
//! and a post that corrects a rumour (「〜という噂がありますが、事実ではありません」).
use super::{cites_source, rumor_kana, CLAUSES};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::{closes_clause, in_quote, prev_char, sentence};
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct Hearsay;

static META: RuleMeta = RuleMeta {
    id: "rumor/hearsay",
    category: Category::Rumor,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg {
        ja: "伝聞（「〜らしい」「〜という噂」など）で、確認できていない情報を発信しようとしています",
        en: "Hearsay (\"apparently\", \"rumour has it\"): information you have not confirmed",
    },
    why: Msg {
        ja: "噂や、正否を確認できない情報を発信することはガイドラインで禁じられています。職員の発信は正確な情報として受け取られ、誤りでも拡散すると取り消せません。",
        en: "The guidelines forbid posting rumours or information whose truth cannot be checked. A staff member's post is taken as accurate, and once spread it cannot be taken back.",
    },
    fix: Msg {
        ja: "発信元（町・市、警察、気象庁などの公式発表）を確認し、確認できた事実だけを出典とともに書いてください。確認できないなら投稿を控えてください。",
        en: "Check the source (the municipality's, police's or weather agency's announcement) and post only confirmed facts with the source; if you cannot confirm it, do not post.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "駅前のスーパー、来月で閉店するらしい", account: Account::Personal, hits: &[("らしい", Severity::Warn)] },
        Example { text: "〇〇小学校でインフルエンザが流行っているという噂", account: Account::Official, hits: &[("という噂", Severity::Warn)] },
        Example { text: "明日の花火大会、中止になったみたいです", account: Account::Unknown, hits: &[("みたい", Severity::Warn)] },
        Example { text: "国道沿いに新しい店ができるって聞いた", account: Account::Personal, hits: &[("って聞いた", Severity::Warn)] },
        Example { text: "明日の朝、また大きいのが来るって。みんな気をつけて", account: Account::Personal, hits: &[("って", Severity::Warn)] },
        Example { text: "〇〇小、来週から休校なんだって！", account: Account::Personal, hits: &[("って", Severity::Warn)] },
        Example { text: "「全域で断水する」って本当ですか？とのお問い合わせをいただいています。", account: Account::Official, hits: &[] },
        Example { text: "皆さんで声を掛け合って、早めに避難してください。", account: Account::Official, hits: &[] },
        Example { text: "素晴らしい新しい図書館で、子どもらしい笑顔があふれました。", account: Account::Official, hits: &[] },
        Example { text: "春らしい陽気の中、ぜひ一度行ってみたい場所です。", account: Account::Official, hits: &[] },
        Example { text: "SNSで「断水する」という噂が広まっていますが、そのような事実はありません。", account: Account::Official, hits: &[] },
        Example { text: "気象台によると、今夜から雪が強まるみたいです。", account: Account::Official, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"らしい|みたい",
        r"|(?:という|との|って|っていう)噂|噂(?:では|によると|によれば|だけど|だけれど|です|だよ|なんだけど|を聞|で聞|になって|が(?:ある|あり|出て|流れ|広ま|立っ))",
        r"|って聞いた|って聞いて|と聞いた(?:んだ|けど|よ|[。!\n]|$)|って話(?:だ|です|よ|[。!\n]|$)|(?:から|に)聞いた(?:んだ|けど|けれど|話|よ)",
    ))
}

fn quotative() -> &'static Pattern {
    static_regex!(r"(?:る|んだ)って")
}

/// Words ending in らしい that are adjectives or "-like", not hearsay (kana-folded).
const NOT_HEARSAY: &[&str] = &[
    "あた", "新", "めず", "珍", "すば", "素晴", "かわい", "可愛", "愛", "いじ", "しお", "みすぼ", "ばか", "馬鹿", "あほ", "ほこ", "誇",
    "もっとも", "きたな", "汚", "にくた", "憎た", "ながた", "長た", "わざと", "いや", "嫌", "こども", "子ども", "子供", "おとな", "大人",
    "あなた", "わたし", "私", "自分", "君", "彼", "彼女", "女性", "男性", "男", "女", "人間", "春", "夏", "秋", "冬", "季節", "日本", "学生",
    "若者", "町", "まち", "市", "村", "地元", "田舎", "都会", "本物", "先生", "職人", "秋田", "らしい",
];

/// Nouns of reputation: 「人気らしい」「評判みたい」 pass on taste, not a rumour of fact.
const EVALUATION: &[&str] = &["人気", "評判", "話題", "好評", "大人気", "おすすめ", "美味", "絶品"];

/// Whether the text before らしい/みたい ends in an い-adjective (おいしい, 面白い, すごい): hearsay
/// about taste or quality, not a rumour. ない (negation, 危ない) stays hearsay: 「今年はないらしい」.
fn adjective_before(before: &str) -> bool {
    before.ends_with('い') && !before.ends_with("ない") && !before.ends_with("たい") && !before.ends_with("てい") && !before.ends_with("でい")
}

impl Rule for Hearsay {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let Some(t) = rumor_kana(cx.norm) else { return };
        for m in re().find_iter(t) {
            let (a, b) = (m.start(), m.end());
            if in_quote(t, a) || cites_source(sentence(t, a, b)) {
                continue;
            }
            let before = &t[..a];
            let rest = &t[b..];
            let prev = prev_char(t, a);
            let ok = match m.as_str() {
                "らしい" => {
                    if NOT_HEARSAY.iter().any(|w| before.ends_with(w)) || rest.starts_with('さ') {
                        false
                    } else if adjective_before(before) || EVALUATION.iter().any(|w| before.ends_with(w)) {
                        // 「おいしいらしい」「人気らしい」: hearsay about taste, not a rumour of fact.
                        false
                    } else if prev.is_some_and(|c| matches!(c, 'る' | 'た' | 'い' | 'う' | 'く' | 'す' | 'つ' | 'ぬ' | 'む' | 'ぶ' | 'ぐ' | 'ず' | 'だ')) {
                        // After a predicate: 閉店するらしい, 中止になったらしい, ないらしい.
                        true
                    } else {
                        // After a noun (通行止め, 中止), only when it closes the clause:
                        // 中止らしい。 (not 春らしい陽気).
                        prev.is_some()
                            && (closes_clause(rest.chars().next())
                                || ["よ", "けど", "って", "ぞ", "ね", "ぜ", "し、", "じゃん", "ので", "から"].iter().any(|p| rest.starts_with(p)))
                    }
                }
                "みたい" => {
                    // 閉店するみたい, 中止になったみたい, ないみたい; not 行ってみたい (want to try).
                    prev.is_some_and(|c| matches!(c, 'る' | 'た' | 'い' | 'う' | 'く' | 'す' | 'つ' | 'ぬ' | 'む' | 'ぶ' | 'ぐ'))
                        && !before.ends_with("見")
                        && !adjective_before(before)
                        && !EVALUATION.iter().any(|w| before.ends_with(w))
                        && (closes_clause(rest.chars().next())
                            || ["です", "だ", "よ", "ね", "けど", "じゃん", "っす", "なので", "で、"].iter().any(|p| rest.starts_with(p)))
                }
                _ => true,
            };
            if ok {
                out.push(Hit::new(a, b));
            }
        }
        // Sentence-final quotative 「って」 after a plain predicate: 「来るって。」「休校なんだって！」.
        // Only the marker is highlighted. る never precedes the te-form (言って, 行って); 「ないって」
        // is mostly insistence (「バレないって」), not hearsay, and is left alone. In
        // mid-sentence (「断水するって本当？」) it asks or explains; って聞いた/って話/って噂 are above.
        for m in quotative().find_iter(t) {
            let b = m.end();
            let a = b - "って".len();
            let rest = &t[b..];
            let end = rest.chars().next();
            let closes = (closes_clause(end) && end != Some('、')) || ["よ", "さ", "ね", "ば"].iter().any(|p| rest.starts_with(p));
            if closes && !in_quote(t, a) && !cites_source(sentence(t, a, b)) && !out.iter().any(|h| h.start <= a && a < h.end) {
                out.push(Hit::new(a, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::texts_of;
    use crate::Account;

    fn hits(text: &str) -> Vec<String> {
        texts_of("rumor/hearsay", text, Account::Personal)
    }

    #[test]
    fn adjectives_in_rashii_are_not_hearsay() {
        for t in [
            "素晴らしい景色でした",
            "新しい庁舎が完成しました",
            "あたらしい給食メニュー",
            "子どもらしい元気な歌声",
            "めずらしい鳥が飛来しています",
            "かわいらしい花が咲きました",
            "吉備中央町らしい、のどかな風景です",
            "自分らしく働ける職場",
            "秋らしい一日になりました",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }

    #[test]
    fn hearsay_in_any_script_fires() {
        assert_eq!(hits("給食センター、閉鎖になるﾗｼｲ"), ["ﾗｼｲ"]);
        assert_eq!(hits("明日は休校らしいよ"), ["らしい"]);
        assert_eq!(hits("市長が辞めるって噂"), ["って噂"]);
        assert_eq!(hits("ダム、放流するみたい！"), ["みたい"]);
        assert_eq!(hits("あの旅館、経営が危ないみたいです"), ["みたい"]);
    }

    #[test]
    fn hearsay_about_taste_is_not_a_rumour() {
        for t in ["このラーメン屋、めちゃくちゃうまいらしいから行ってみたい", "あの映画、すごく面白いみたいだね", "駅前のパン屋、人気らしいよ"] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }
}
