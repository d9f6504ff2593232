//! `illegal/not-caught`: 「バレなければ大丈夫」「見つからなきゃOK」「捕まらないから平気」: telling
//! people an offence is fine as long as nobody finds out. Any account.
//!
//! Why: it encourages breaking rules and laws (吉備中央町 5(7), 室蘭市 5. 禁止事項
//! 「違法行為又は違法行為を煽る情報」, 流山市 基本原則 2, 十和田市 4(6)).
//!
//! Quiet: the phrase quoted or questioned in a warning (「『バレなければ大丈夫』と思っていませんか」,
//! 「バレなければいい、ではありません」), and a surprise kept secret (「サプライズがバレないように」).
use super::{warns_against, CLAUSES};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::{in_quote, is_han, is_hiragana, next_char, prev_char, sentence};
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct NotCaught;

static META: RuleMeta = RuleMeta {
    id: "illegal/not-caught",
    category: Category::Illegal,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg {
        ja: "「バレなければ大丈夫」のように、違反を勧める表現です",
        en: "\"Fine as long as nobody finds out\": encourages breaking the rules",
    },
    why: Msg {
        ja: "見つからなければよいという発信は、法令違反をあおる情報にあたり、ガイドラインで禁じられています。",
        en: "Saying it is fine if nobody finds out urges people to break the law; the guidelines forbid it.",
    },
    fix: Msg {
        ja: "この表現は削除してください。ルールを伝えたいときは、正しい手続きや窓口を案内してください。",
        en: "Delete it. To explain a rule, point to the proper procedure or office instead.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "こんなのバレなければ大丈夫だって", account: Account::Personal, hits: &[("バレなければ大丈夫", Severity::Warn)] },
        Example { text: "夜中ならばれなきゃOK", account: Account::Unknown, hits: &[("ばれなきゃOK", Severity::Warn)] },
        Example { text: "夜の川なら見つからないから平気平気", account: Account::Official, hits: &[("見つからないから平気", Severity::Warn)] },
        Example { text: "「バレなければ大丈夫」と思っていませんか？不法投棄は犯罪です。", account: Account::Official, hits: &[] },
        Example { text: "サプライズがバレないように準備中です", account: Account::Personal, hits: &[] },
        Example { text: "バレなければ大丈夫？いいえ、防犯カメラで確認しています。", account: Account::Official, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"(?:ばれ|見つから|みつから|捕まら|つかまら)(?:なければ|なきゃ|ないなら|ないから|なかったら|ねーなら|ねーから|へんから|ないって)",
        r"[^。!?\n]{0,4}?(?:大丈夫|だいじょうぶ|平気|へーき|ok|おっけー|せーふ|問題ない|余裕|いいんだよ|いいじゃん|いいでしょ|いいって)",
        r"|(?:絶対|ぜったい|どうせ)(?:に)?(?:ばれ|見つから|捕まら)(?:ない|ません|へん|ねー)(?:って|から|よ|し)",
    ))
}

impl Rule for NotCaught {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.kana();
        for m in re().find_iter(t) {
            let (a, b) = (m.start(), m.end());
            // A question (バレなければ大丈夫？) is the set-up of a warning, not advice.
            let rest = &t[b..];
            let question = next_char(t, b) == Some('?') || rest.starts_with("だと?") || rest.starts_with("なの?") || rest.starts_with("か?");
            // Hiragana ばれ only as a word of its own (not 呼ばれ, がんばれ, あばれ).
            if t[a..].starts_with("ばれ") && !cx.norm.text[a..].starts_with("バレ") {
                let p = prev_char(t, a);
                let free = p.is_none_or(|c| !(is_han(c) || is_hiragana(c)) || matches!(c, 'が' | 'は' | 'も' | 'ら' | 'て' | 'ど'));
                if !free {
                    continue;
                }
            }
            if in_quote(t, a) || question || warns_against(sentence(t, a, b)) {
                continue;
            }
            out.push(Hit::new(a, b));
        }
    }
}
