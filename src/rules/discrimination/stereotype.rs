//! discrimination/stereotype: a group of people named and judged as a whole — `女のくせに`,
//! `外国人はみんな犯罪者`, `外国人お断り`, `生活保護は甘え`, `部落の人とは結婚させない`.
//!
//! The groups are those the guidelines list (race, belief, residence, occupation) and the
//! grounds human-rights education names (sex, disability, origin, 部落, age, sexual
//! orientation, welfare). A group alone never fires: a 人権啓発 post, a women-only class or a
//! post for older residents names groups every day. It fires only when the group is followed by
//! a put-down (`のくせに`, `の分際で`, `ごとき`), a sweeping judgement (`は(みんな)怖い`,
//! `はどうせ`, `は出ていけ`), a ban (`お断り`) or a marriage bar (`とは結婚させない`).
//! Reported speech (`「女のくせに」という言葉`) is shown at `info`.
//!
//! Severity: `warn`: the wording is judged from a pattern, not a list of slurs.

use super::super::lexicon::{is_reported_speech, script, Script};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Stereotype;

static META: RuleMeta = RuleMeta {
    id: "discrimination/stereotype",
    category: Category::Discrimination,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(6)", "室蘭市 5. 禁止事項", "十和田市 4(5)"],
    message: Msg {
        ja: "属性で人をひとくくりにして貶める表現です",
        en: "This judges people as a group by an attribute",
    },
    why: Msg {
        ja: "ガイドラインは人種、思想、信条、居住、職業等で差別すること、差別を助長することを禁止しています。性別・国籍・出身・障害などで人をひとくくりに決めつける表現は差別にあたります。",
        en: "The guideline forbids discriminating by race, belief, residence, occupation and the like, or encouraging it. Judging people as a group by sex, nationality, origin or disability is discrimination.",
    },
    fix: Msg {
        ja: "属性ではなく、個別の行為や事実について書いてください。",
        en: "Write about the specific act or fact, not about the group.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "女のくせに生意気だ", account: Account::Personal, hits: &[("女のくせに", Severity::Warn)] },
        Example { text: "外国人はみんな犯罪者予備軍", account: Account::Unknown, hits: &[("外国人はみんな犯罪者", Severity::Warn)] },
        Example { text: "うちの店は外国人お断りにしたい", account: Account::Personal, hits: &[("外国人お断り", Severity::Warn)] },
        Example { text: "生活保護は甘えだろ", account: Account::Personal, hits: &[("生活保護は甘え", Severity::Warn)] },
        Example { text: "「女のくせに」「男なんだから」という決めつけをなくしましょう", account: Account::Official, hits: &[("女のくせに", Severity::Info)] },
        Example { text: "女性は全員参加費無料です。高齢者の方もお気軽に", account: Account::Official, hits: &[] },
        Example { text: "部落差別解消推進法に基づく人権講演会を開催します", account: Account::Official, hits: &[] },
        Example { text: "障害者が使えないトイレをなくすため、改修工事を行います", account: Account::Official, hits: &[] },
        Example { text: "長女のくせ毛に悩んでいます", account: Account::Personal, hits: &[] },
    ],
};

const GROUPS: &str = "外国人|外人|中国人|韓国人|朝鮮人|在日|黒人|白人|アジア人|ベトナム人|フィリピン人|ブラジル人|クルド人|アイヌ|\
知的障害者|精神障害者|障害者|障がい者|障碍者|身障者|被差別部落|部落|同和|生活保護|生保|ナマポ|高齢者|老人|年寄り|若者|ゆとり|\
同性愛者|ゲイ|レズ|ホモ|オカマ|lgbtq?|移民|難民|シングルマザー|母子家庭|片親|田舎者|田舎もん|派遣|非正規|ニート|\
女性|男性|女子|男子|女|男";

const INFIX: &str = "(?:の方々|の方|出身者?|出身の(?:人|奴|連中)|地区の(?:人|者)|の(?:人間|人|奴ら|奴|連中|子ども|子供|子)|ども|共|連中)?";

const NEG: &str = "ろくな|ろくに|お断り|お断わり|入店禁止|信用でき|信用なら|怖い|こわい|汚い|汚らし|臭い|くさい|頭が悪|劣って|劣る|劣等|図々し|生意気|\
怠け|甘え|税金泥棒|犯罪者|犯罪予備軍|出ていけ|出て行け|出てけ|国に帰れ|帰れ|来るな|いらない|要らない|邪魔|害悪|ゴミ|クズ|\
寄生|お荷物|足手まとい|黙って(?:ろ|いろ|れ)|家(?:庭)?に(?:いろ|入れ|入るべき|引っ込ん)|感情的|すぐ泣|どうせ|所詮";

fn patterns() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        let g = GROUPS;
        let p = [
            format!("(?:{g})(?:のくせに|のくせして|の分際で|ごとき|風情が|風情の)"),
            format!("(?:{g}){INFIX}(?:は|って)(?:みんな|全員|皆|基本|大体|だいたい)?(?:{NEG})"),
            format!("(?:{g}){INFIX}(?:お断り|お断わり|入店禁止|入店お断り|出入り禁止|立入禁止)"),
            format!("これだから(?:{g})(?:は|って)"),
            format!("(?:{g}){INFIX}と(?:は)?(?:結婚|付き合|関わ)(?:らせ|させ|わせ|るな|しない|したくない|れない|りたくない|らない|いたくない)"),
        ];
        Pattern::new(&p.join("|")).expect("stereotype pattern")
    })
}

/// Sex alone is not a ban: `男性はお断り` is how a women-only class is announced.
fn is_gender_ban(m: &str) -> bool {
    let g = ["女性", "男性", "女子", "男子", "女", "男"];
    g.iter().any(|x| m.starts_with(x)) && (m.contains("お断") || m.contains("禁止"))
}

impl Rule for Stereotype {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        for m in patterns().find_iter(text) {
            let (a, b) = (m.start(), m.end());
            // The group must start a word: `長女のくせ毛` is not `女のくせに`.
            if let (Some(p), Some(f)) = (text[..a].chars().next_back(), m.as_str().chars().next()) {
                let sf = script(f);
                if sf != Script::Hiragana && sf != Script::Other && script(p) == sf {
                    continue;
                }
            }
            if is_gender_ban(m.as_str()) {
                continue;
            }
            let hit = Hit::new(a, b);
            out.push(if is_reported_speech(text, a, b) { hit.severity(Severity::Info) } else { hit });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity::Warn;
    use crate::post::Account::{Official, Personal};
    use crate::rules::testing::spans_of;

    #[test]
    fn group_plus_put_down_fires_group_alone_does_not() {
        let f = |t: &str| spans_of("discrimination/stereotype", t, Personal);
        assert_eq!(f("これだから女は"), [(0, 7, Warn)]);
        assert_eq!(f("外人は信用できない"), [(0, 7, Warn)]);
        assert!(f("彼女のくせ毛").is_empty());
        assert!(f("高齢者は早めの避難を").is_empty());
        assert!(spans_of("discrimination/stereotype", "女性限定です。男性はお断りしています", Official).is_empty());
    }
}
