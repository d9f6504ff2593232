//! `opinion/personal-situation`: the author's own situation on an official account: feeling
//! ill or tired (体調崩した, 眠い, 疲れた), a hangover, paid leave, overtime, complaints about the boss.
//!
//! Why: the guidelines forbid posting staff's personal circumstances on an account used for
//! work (吉備中央町 5(8) 「職員の個人的な状況や意見等」, 流山市 基本原則 4, 十和田市 4(7)).
//!
//! Quiet: advice to readers (「体調管理にご注意ください」「二日酔い運転は絶対にやめましょう」),
//! notices (「講師の体調不良により中止します」「年次有給休暇の取得促進期間です」「ノー残業デー」).
use super::{closes_clause, extend_okurigana, in_quote, sentence};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct PersonalSituation;

static META: RuleMeta = RuleMeta {
    id: "opinion/personal-situation",
    category: Category::PersonalOpinion,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(8)", "流山市 基本原則 4", "十和田市 4(7)"],
    message: Msg {
        ja: "公式アカウントで職員個人の状況（体調・休暇・残業・職場の愚痴など）が書かれています",
        en: "The author's own situation (health, leave, overtime, the boss) on an official account",
    },
    why: Msg {
        ja: "職員の個人的な状況を公式アカウントで発信することはガイドラインで禁じられています。住民には町・市の発信として届きます。",
        en: "The guidelines forbid posting a staff member's personal circumstances on an official account; residents read it as the municipality speaking.",
    },
    fix: Msg {
        ja: "個人の体調や職場の事情は書かず、住民に必要な案内だけにしてください。窓口の休止などは「本日は都合により休止します」のように組織として伝えてください。",
        en: "Leave out personal health and workplace matters and give residents only the information they need; announce closures as the office (\"closed today\").",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "二日酔いで頭が痛い…", account: Account::Official, hits: &[("二日酔い", Severity::Warn)] },
        Example { text: "今週ずっと残業つらい", account: Account::Official, hits: &[("残業つらい", Severity::Warn)] },
        Example { text: "明日は有給取ります！", account: Account::Unknown, hits: &[("有給取り", Severity::Warn)] },
        Example { text: "眠い。", account: Account::Official, hits: &[("眠い", Severity::Warn)] },
        Example { text: "上司がまた理不尽なことを言ってくる", account: Account::Official, hits: &[("上司がまた理不尽", Severity::Warn)] },
        Example { text: "寒暖差が大きい時期です。体調管理にご注意ください。", account: Account::Official, hits: &[] },
        Example { text: "講師の体調不良により、本日の講座は中止します。", account: Account::Official, hits: &[] },
        Example { text: "二日酔い運転も飲酒運転です。絶対にやめましょう。", account: Account::Official, hits: &[] },
        Example { text: "10月は年次有給休暇の取得促進期間です。", account: Account::Official, hits: &[] },
        Example { text: "今週ずっと残業つらい", account: Account::Personal, hits: &[] },
    ],
};

/// Situations that are personal whatever follows.
fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"二日酔い|二日酔|ふつか酔い|ふつかよい",
        r"|有給(?:休暇)?(?:を)?(?:取っ|とっ|取り|とり|取ろ|取れ|とれ|取る|とる|使っ|使い|使う|消化|もら|げっと|中|で休|なので|だから)",
        r"|残業(?:つら|辛|きつ|しんど|続き|確定|地獄|多すぎ|明け|疲れ|なう|中|しすぎ|ばかり|ばっか|やだ|いや)",
        r"|上司(?:が|に|の)[^。!?\n]{0,12}?(?:うざ|むか|怒ら|怒っ|叱ら|うるさ|理不尽|ひど|最悪|嫌い|苦手|めんど|面倒|こわ|怖|ぱわはら|機嫌|文句)",
        r"|うちの上司|職場の愚痴",
        r"|体調(?:が|を)?(?:悪|崩|最悪|いまいち|微妙|やば|不良で休|すぐれ|悪化|戻ら)",
        r"|(?:風邪|かぜ)(?:を)?(?:ひい|引い)(?:た|ちゃ|てしま)",
        r"|仕事(?:行きたくない|いきたくない|やめたい|辞めたい|めんどくさい|めんどい|だるい|つらい|したくない)",
        r"|早く帰りたい|家に帰りたい|仕事休みたい|寝不足|徹夜明け|寝てない|給料(?:が)?(?:安い|少ない|上がらない)",
    ))
}

/// Feelings that are personal when they close a clause (眠い。 / 疲れた～), not before a noun
/// (疲れた体を癒す温泉, 眠い季節).
fn feeling_re() -> &'static Pattern {
    static_regex!(r"眠い|ねむい|眠たい|ねむたい|眠すぎ|疲れた|つかれた|疲れました|疲れすぎ|へとへと|くたくた|しんどい|だるい|だるすぎ|つらい|憂鬱|ゆううつ|月曜つら")
}

/// Sentences that advise readers or announce for the office: the words are not about the author.
fn advice_re() -> &'static Pattern {
    static_regex!(concat!(
        r"注意|気をつけ|気を付け|ましょう|ください|下さい|控え|避け|予防|対策|危険|禁止|しないで|ないよう|相談|受診|場合|方は|方へ|方に|方の|方も",
        r"|皆さま|皆様|みなさま|みなさん|職場づくり|制度|促進|推進|のため|により|中止|延期|休止|変更|講師|出演|選手|運転|事業所|事業者|働き方",
    ))
}

impl Rule for PersonalSituation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        if cx.context.account == Account::Personal {
            return;
        }
        let t = cx.norm.kana();
        let quiet = |a: usize, b: usize| in_quote(t, a) || advice_re().is_match(sentence(t, a, b));
        for m in re().find_iter(t) {
            if !quiet(m.start(), m.end()) {
                out.push(Hit::new(m.start(), extend_okurigana(t, m.end())));
            }
        }
        for m in feeling_re().find_iter(t) {
            let rest = &t[m.end()..];
            let closes = closes_clause(rest.chars().next())
                || ["よ", "な", "ね", "わ", "けど", "し", "です", "。", "んだ", "って", "ので", "から"].iter().any(|p| rest.starts_with(p));
            if closes && !quiet(m.start(), m.end()) && !out.iter().any(|h| h.start < m.end() && m.start() < h.end) {
                out.push(Hit::new(m.start(), m.end()));
            }
        }
        crate::rules::sort_hits(out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::texts_of;
    use crate::Account;

    fn hits(text: &str) -> Vec<String> {
        texts_of("opinion/personal-situation", text, Account::Official)
    }

    #[test]
    fn advice_and_notices_are_not_the_authors_situation() {
        for t in [
            "体調がすぐれない場合は、無理をせず参加を見合わせてください。",
            "日頃の疲れを癒しに、温泉へお出かけしませんか。",
            "疲れた体にうれしい、地元野菜のスープをご紹介します",
            "眠い季節ですが、運転中の居眠りにはご注意を。",
            "一人で抱え込んでつらい…そんな時はご相談ください。",
            "毎週水曜日はノー残業デーです。",
            "有給休暇を取りやすい職場づくりを進めています。",
            "上司が部下の育児休業取得を後押しする「イクボス宣言」を行いました。",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }

    #[test]
    fn the_authors_own_state_fires() {
        assert_eq!(hits("今日は疲れた～"), ["疲れた"]);
        assert_eq!(hits("体調崩して昨日休みました"), ["体調崩して"]);
        assert_eq!(hits("上司にまた怒られた"), ["上司にまた怒られた"]);
        assert_eq!(hits("ﾈﾑｲ…"), ["ﾈﾑｲ"]);
        assert_eq!(hits("ほんとにダルい"), ["ダルい"]);
        assert_eq!(hits("うちの上司、話が長い"), ["うちの上司"]);
    }
}
