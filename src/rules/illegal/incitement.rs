//! `illegal/incitement`: urging an offence: 「不法投棄しちゃえ」「飲酒運転しても大丈夫」「盗め」
//! 「立入禁止だけど入っちゃおう」. Any account.
//!
//! Severity: `block` where the act is a crime punishable by imprisonment (illegal dumping, drunk
//! driving, theft, tax evasion, arson, violence, drugs): no public servant's post may urge it and
//! no "post anyway" makes it right. `warn` for minor offences (littering, ignoring a signal,
//! parking, trespass on a closed area, graffiti, pirated downloads), where a joke is likelier.
//!
//! Why: 吉備中央町 5(7), 室蘭市 5. 禁止事項 「違法行為又は違法行為を煽る情報」, 流山市 基本原則 2,
//! 十和田市 4(6) 「法令に違反する行為をあおること」.
//!
//! Quiet: warnings AGAINST the act (「不法投棄は犯罪です」「飲酒運転は絶対にやめましょう」
//! 「『少しなら飲酒運転しても大丈夫』と思っていませんか」) and a request to clean up
//! (「落書きを消しちゃおう」).
use super::{warns_against, CLAUSES};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::{in_quote, sentence_bounds};
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct Incitement;

static META: RuleMeta = RuleMeta {
    id: "illegal/incitement",
    category: Category::Illegal,
    severity: Severity::Block,
    clauses: CLAUSES,
    message: Msg { ja: "法令に違反する行為をあおる表現です", en: "Urges others to break the law" },
    why: Msg {
        ja: "法令に違反する行為をあおる情報の発信はガイドラインで禁じられています。冗談のつもりでも、職員の発信として信用を大きく損ないます。",
        en: "The guidelines forbid posts that urge breaking the law. Even as a joke, it badly damages trust in a public servant's word.",
    },
    fix: Msg {
        ja: "違法行為を勧める表現は削除してください。注意喚起が目的なら「不法投棄は犯罪です。見かけたら役場へご連絡ください」のように書いてください。",
        en: "Delete the part that urges the offence. To warn people, write e.g. \"Illegal dumping is a crime. Please report it to the town office.\"",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "粗大ごみ、山に不法投棄しちゃえばいいじゃん", account: Account::Personal, hits: &[("不法投棄しちゃえ", Severity::Block)] },
        Example { text: "ちょっとくらい飲酒運転しても大丈夫でしょ", account: Account::Unknown, hits: &[("飲酒運転しても大丈夫", Severity::Block)] },
        Example { text: "立入禁止だけど入っちゃおうぜ", account: Account::Personal, hits: &[("立入禁止だけど入っちゃお", Severity::Warn)] },
        Example { text: "空き缶なんてポイ捨てしちゃえ", account: Account::Official, hits: &[("ポイ捨てしちゃえ", Severity::Warn)] },
        Example { text: "不法投棄は犯罪です。5年以下の懲役または1,000万円以下の罰金が科されます。", account: Account::Official, hits: &[] },
        Example { text: "飲酒運転は絶対にやめましょう。", account: Account::Official, hits: &[] },
        Example { text: "「少しなら飲酒運転しても大丈夫」と思っていませんか？", account: Account::Official, hits: &[] },
        Example { text: "みんなで公園の落書きを消しちゃおう！", account: Account::Official, hits: &[] },
    ],
};

/// Offences. Group 1: serious (block); group 2: minor (warn). Kana-folded text.
fn offence_re() -> &'static Pattern {
    static_regex!(concat!(
        r"(不法投棄|ふほうとうき|(?:川|山|海|道端|道路|空き地|空地|用水路|林|森|田んぼ|畑)に(?:ごみ|こっそり)?捨て|飲酒運転|酒気帯び|",
        r"(?:酒|さけ|おさけ|お酒|びーる)(?:を)?(?:飲んで|呑んで|のんで)(?:から)?(?:運転|車)|脱税|所得隠し|万引き|まんびき|盗(?:ん|っ|む|み)|放火|火を(?:つけ|付け)|",
        r"ぶん殴|ぶっ殺|殴(?:っ|る|り)|殺(?:し|っ|す)|大麻|覚醒剤|覚せい剤|違法薬物|脱法|ひき逃げ|当て逃げ|横領|着服|偽造|闇ばいと|不正受給|水増し)",
        r"|(ぽい捨て|ぽいすて|信号無視|すぴーど違反|無免許|違法駐車|路上駐車|路駐|無断駐車|立ち?入り?禁止|無断で(?:入|侵入)|不法侵入|",
        r"野焼き|落書き|らくがき|無賃乗車|きせる乗車|違法だうんろーど|違法dl|海賊版|密漁|密猟)",
    ))
}

/// Urging forms that follow the offence (しちゃえ, しても大丈夫, しろ, すればいい).
fn urge_re() -> &'static Pattern {
    static_regex!(concat!(
        r"ちゃえ|ちゃお|ちまえ|じゃえ|じゃお|てしまえ|でしまえ|しまえ|ちゃいな|ようぜ|よーぜ|ろうぜ|ろーぜ|しよう(?:ぜ|よ)|ばいい|ばok|りゃいい|",
        r"(?:て|で)も(?:いい|大丈夫|だいじょうぶ|平気|へーき|ok|おっけー|問題ない|構わない|かまわない|ばれない|せーふ|捕まらない|つかまらない|見つからない)|",
        r"しろ|やれ|せよ|すべき|するべき|推奨|おすすめ|したもん勝ち|した者勝ち|しないと損|",
        r"みんなやってる|余裕|せーふ",
    ))
}

/// Between the offence and the urging form: words that change the object (消しちゃおう).
fn cleanup_re() -> &'static Pattern {
    static_regex!(r"消|片付|拾|掃除|通報|止め|やめ|防|なくそ|減らそ|撲滅|ゼロ|ぜろ")
}

/// Imperatives that are an offence in themselves.
fn imperative_re() -> &'static Pattern {
    static_regex!(r"盗め|盗んじゃえ|殺せ|ぶっ殺せ|ぶっ殺す|殴れ|ぶん殴れ|燃やせ|火をつけろ|火を付けろ")
}

impl Rule for Incitement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.kana();
        let mut hits: Vec<Hit> = Vec::new();
        for m in imperative_re().find_iter(t) {
            let (a, b) = sentence_bounds(t, m.start(), m.end());
            if !in_quote(t, m.start()) && !warns_against(&t[a..b]) {
                hits.push(Hit::new(m.start(), m.end()));
            }
        }
        for c in offence_re().captures_iter(t) {
            let Some(o) = c.get(0) else { continue };
            if in_quote(t, o.start()) || hits.iter().any(|h| h.start < o.end() && o.start() < h.end) {
                continue;
            }
            // Warning words in the sentence, outside the offence itself (立入禁止 contains 禁止).
            let (sa, sb) = sentence_bounds(t, o.start(), o.end());
            if warns_against(&t[sa..o.start()]) || warns_against(&t[o.end()..sb]) {
                continue;
            }
            // The urging form within a few characters of the offence, in the same sentence.
            let window_end = t[o.end()..sb].char_indices().nth(12).map_or(sb, |(i, _)| o.end() + i);
            let Some(u) = urge_re().find(&t[o.end()..window_end]) else { continue };
            let gap = &t[o.end()..o.end() + u.start()];
            if gap.chars().count() > 8 || cleanup_re().is_match(gap) {
                continue;
            }
            let end = o.end() + u.end();
            let mut h = Hit::new(o.start(), end);
            if c.get(2).is_some() {
                h = h.severity(Severity::Warn);
            }
            hits.push(h);
        }
        crate::rules::sort_hits(&mut hits);
        out.extend(hits);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Account, Severity};

    fn hits(text: &str) -> Vec<(String, Severity)> {
        findings("illegal/incitement", text, Account::Personal).into_iter().map(|(t, _, _, s)| (t, s)).collect()
    }

    #[test]
    fn warnings_against_offences_are_quiet() {
        for t in [
            "不法投棄を見かけたら、役場環境課へご連絡ください。",
            "飲酒運転は「しない・させない・許さない」。",
            "ポイ捨て禁止！きれいな町を守りましょう",
            "万引きは犯罪です。",
            "「バレなければ大丈夫」と不法投棄する人が後を絶ちません。",
            "田んぼに捨てられたごみの回収にご協力いただきました。",
            "大麻の乱用防止キャンペーンを実施します",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }

    #[test]
    fn serious_offences_block_and_minor_ones_warn() {
        assert_eq!(hits("そんな店、盗め盗め"), [("盗め".to_string(), Severity::Block), ("盗め".to_string(), Severity::Block)]);
        assert_eq!(hits("確定申告？脱税すればいいよ"), [("脱税すればいい".to_string(), Severity::Block)]);
        assert_eq!(hits("赤信号でも信号無視しちゃえ"), [("信号無視しちゃえ".to_string(), Severity::Warn)]);
        assert_eq!(hits("ﾌﾎｳﾄｳｷしちゃおう"), [("ﾌﾎｳﾄｳｷしちゃお".to_string(), Severity::Block)]);
    }
}
