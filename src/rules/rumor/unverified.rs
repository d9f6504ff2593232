//! `rumor/unverified`: the post itself says its information is unconfirmed: 「真偽不明」
//! 「未確認ですが」「ソース不明」「友だちから回ってきた」「本当かどうか分からないけど」.
//! Any account. Also a dated forecast of an earthquake or tsunami (「5、6時間後に本震が来る」,
//! 「明日大地震が起きる」): earthquakes cannot be predicted, so such a post is a rumour whatever it
//! says about its source (the commonest real disaster hoax, see docs/evaluation.md).
//!
//! Why: the guidelines forbid posting information whose truth cannot be checked
//! (吉備中央町 4(12), 5(5), 室蘭市 4. 基本ルール 「真偽を確認できない情報の発信は控えましょう」,
//! 室蘭市 5. 禁止事項, 流山市 基本原則 6, 十和田市 4(4)).
//!
//! Quiet: a post warning against such information (「未確認情報に惑わされないでください」),
//! 「被害状況は確認中です」 (an office reporting that it is checking), and the official wording of
//! a forecast (「1週間程度は大きな地震が発生するおそれ」「地震が来る前に備えを」).
use super::{rumor_kana, CLAUSES};
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::in_quote;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct Unverified;

static META: RuleMeta = RuleMeta {
    id: "rumor/unverified",
    category: Category::Rumor,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg {
        ja: "真偽を確認していない情報であることが書かれています",
        en: "The post says its information is unconfirmed",
    },
    why: Msg {
        ja: "真偽を確認できない情報の発信は、デマの拡散に加担するおそれがあり、ガイドラインで禁じられています。",
        en: "Posting information you cannot verify can make you part of spreading a hoax; the guidelines forbid it.",
    },
    fix: Msg {
        ja: "公式の発表（町・市、警察、気象庁など）で確認してから、出典を添えて発信してください。確認できない情報は投稿しないでください。",
        en: "Confirm it against an official announcement (municipality, police, weather agency) and post it with the source; if you cannot confirm it, do not post it.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "真偽不明ですが、〇〇橋が通行止めになっているそうです", account: Account::Personal, hits: &[("真偽不明", Severity::Warn)] },
        Example { text: "未確認ですが、川の水位がかなり上がっているとの情報があります", account: Account::Official, hits: &[("未確認ですが", Severity::Warn)] },
        Example { text: "ママ友から回ってきたんだけど、給食費が値上げになるって", account: Account::Personal, hits: &[("ママ友から回ってきた", Severity::Warn)] },
        Example { text: "ソース不明だけど、地震の予言があるみたい", account: Account::Unknown, hits: &[("ソース不明", Severity::Warn)] },
        Example { text: "SNS上の未確認情報に惑わされないよう、町の公式情報をご確認ください。", account: Account::Official, hits: &[] },
        Example { text: "被害状況は現在確認中です。分かり次第お知らせします。", account: Account::Official, hits: &[] },
        Example { text: "LINEで回覧板を配信しています。", account: Account::Official, hits: &[] },
        Example { text: "地鳴りがしてる。あと5、6時間で本震が来る", account: Account::Personal, hits: &[("本震が来る", Severity::Warn)] },
        Example { text: "明日の朝、大地震が起きるので備えてください", account: Account::Unknown, hits: &[("大地震が起きる", Severity::Warn)] },
        Example { text: "今後1週間程度は、大きな地震が発生するおそれがあります。家具の固定を確認しましょう。", account: Account::Official, hits: &[] },
        Example { text: "大きな地震が来る前に、今日から備蓄を見直しましょう。", account: Account::Official, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"真偽不明|真偽(?:は|のほどは)(?:わから|分から|わかりません|分かりません|わかんない|分かんない|不明|定か)|真偽のほど",
        r"|未確認(?:です|だ|な)?(?:が|けど|けれど|情報|の情報|の話)",
        r"|(?:確認|裏)(?:は|が)?(?:取れて|とれて)(?:い)?ない|裏取りしてない",
        r"|(?:そーす|出典|情報源|出どころ|出所)(?:は)?(?:不明|ない|なし|わから|分から)",
        r"|(?:友だち|友達|ともだち|友人|知り合い|知人|まま友|親戚|同僚)から回ってきた",
        r"|(?:line|らいん)(?:ぐるーぷ)?で回ってきた|回ってきた(?:情報|話|んだけど|ので|けど|やつ|画像|めーる)",
        r"|(?:本当|ほんと|本物)(?:か|かどうか)(?:は)?(?:わから|分から|わかんない|知らない|不明|定かでは)",
    ))
}

/// A forecast of an earthquake or tsunami stated as fact: 「本震が来る」「大地震が起きる」.
fn forecast() -> &'static Pattern {
    static_regex!(concat!(
        r"(?:本震|大地震|巨大地震|大きな地震|大きい地震|大きいの|でかい地震|震度[5-7][強弱]?(?:の地震)?|大津波|津波)",
        r"(?:が|は)?(?:来る|くる|来ます|きます|起きる|起きます|起こる|起こります|発生する|発生します)",
    ))
}

/// When the forecast is dated: 「5、6時間後」「3日以内」「明日」「今夜」.
fn dated() -> &'static Pattern {
    static_regex!(r"\d+(?:[~〜～\-、,・]\d+)?(?:時間|日|分)(?:以内|後|で|のうちに)|あと\d|明日|あした|明朝|今夜|今晩|今日中|数時間|今週中|\d+日に|\d+時(?:ごろ|頃)?に")
}

/// Words after the forecast that make it official wording (a warning of possibility, a
/// preparation call), not a prediction.
const HEDGED: &[&str] = &["前", "時", "とき", "際", "場合", "と想定", "ことが", "ことも", "可能性", "おそれ", "恐れ", "かも", "かどうか", "という想定", "ものと", "と言われ", "といわれ", "と予想", "って本当", "という情報", "との情報", "という噂", "というでま"];

const FORECAST: Msg = Msg {
    ja: "地震や津波の発生を、日時を区切って断定しています。地震の予知はできず、根拠のない情報（デマ）として拡散するおそれがあります。",
    en: "The post states that an earthquake or tsunami will come at a given time. Earthquakes cannot be predicted; this spreads as a hoax.",
};

impl Rule for Unverified {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let Some(t) = rumor_kana(cx.norm) else { return };
        for m in re().find_iter(t) {
            if !in_quote(t, m.start()) {
                out.push(Hit::new(m.start(), m.end()));
            }
        }
        for m in forecast().find_iter(t) {
            let (a, b) = (m.start(), m.end());
            let rest = &t[b..];
            let sentence = crate::rules::opinion::sentence(t, a, b);
            if in_quote(t, a) || HEDGED.iter().any(|h| rest.starts_with(h)) || !dated().is_match(sentence) {
                continue;
            }
            out.push(Hit::new(a, b).message(Message::from(FORECAST)));
        }
    }
}
