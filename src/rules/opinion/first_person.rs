//! `opinion/first-person`: the author states an opinion in the first person on an official
//! account: 「私は〜と思います」, 「僕的には好き」, a plain 「〜と思う」「〜と感じた」 at the end of a
//! clause, or the casual pronoun 俺/オレ.
//!
//! Why: the official account speaks for the municipality, not for the staff member who types
//! (吉備中央町 5(8), 流山市 基本原則 4, 十和田市 4(7)).
//!
//! Institutional voice stays quiet: 「ぜひお越しいただければと思います」「実施したいと思います」 are
//! the polite forms of the organisation, not opinions, and 「〜と思う方はご連絡ください」 is a
//! relative clause about readers.
use super::{closes_clause, in_quote, is_katakana, official_voice_matches, prev_char, sentence, sentence_bounds};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct FirstPerson;

static META: RuleMeta = RuleMeta {
    id: "opinion/first-person",
    category: Category::PersonalOpinion,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(8)", "流山市 基本原則 4", "十和田市 4(7)"],
    message: Msg {
        ja: "公式アカウントで職員個人の意見（一人称・「〜と思う」）が書かれています",
        en: "A first-person opinion (I, I think) on an official account",
    },
    why: Msg {
        ja: "公式アカウントの投稿は町・市の発信として読まれます。職員個人の意見や感想を書くことはガイドラインで禁じられています。",
        en: "Posts on an official account are read as the municipality's voice; the guidelines forbid posting a staff member's own opinions there.",
    },
    fix: Msg {
        ja: "一人称の意見をやめ、組織として伝える事実や案内に書き換えてください（例:「〜と思う」→「〜です」「〜をご案内します」）。",
        en: "Rewrite it as the organisation's facts or information instead of a personal opinion (e.g. \"I think X is great\" -> \"X opens on ...\").",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "私は今回の計画には反対です。", account: Account::Official, hits: &[("私は", Severity::Warn)] },
        Example { text: "新しい公園、すごくいいと思う！", account: Account::Official, hits: &[("思う", Severity::Warn)] },
        Example { text: "今日の会議、長すぎると感じた", account: Account::Unknown, hits: &[("感じた", Severity::Warn)] },
        Example { text: "オレも行ってきました！", account: Account::Official, hits: &[("オレも", Severity::Warn)] },
        Example { text: "皆さまにぜひお越しいただければと思います。", account: Account::Official, hits: &[] },
        Example { text: "参加したいと思う方は企画課までご連絡ください。", account: Account::Official, hits: &[] },
        Example { text: "「私はこの町が大好きです」と話す参加者の方も。", account: Account::Official, hits: &[] },
        Example { text: "新しい公園、すごくいいと思う！", account: Account::Personal, hits: &[] },
    ],
};

fn pronoun_re() -> &'static Pattern {
    static_regex!(r"(?:私|わたし|わたくし|僕|ぼく|俺|おれ|オレ|あたし|自分)(?:的には|的に|としては|は|も)")
}

/// Opinion predicates that, after a first-person subject in the same sentence, make it an opinion.
fn predicate_re() -> &'static Pattern {
    static_regex!(r"思う|思っ|思い(?:ます|ました)|感じ|考え|好き|嫌い|苦手|気がする|気がし|べき|反対|賛成|納得|おかし|微妙|ひどい|最高|最悪|残念|許せ|ムカ|むか|不満|疑問|信じ|推し|支持|イマイチ|いまいち")
}

/// The casual pronoun 俺/オレ: never the voice of an office.
fn casual_pronoun_re() -> &'static Pattern {
    static_regex!(r"(?:俺|オレ)(?:は|が|も|の|に|を|ら|たち|的)")
}

fn plain_re() -> &'static Pattern {
    static_regex!(r"(?:と|って|とは|とも)(思う|思った|思ってる|思ってた|思わない|感じる|感じた|感じてる)|な?(気がする)")
}

/// Sentences that ask the reader a rhetorical question (advice), not the author's stance.
fn rhetorical_re() -> &'static Pattern {
    static_regex!(r"ませんか|ないですか|ましょう|ください")
}

impl Rule for FirstPerson {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        if cx.context.account == Account::Personal {
            return;
        }
        let t = &cx.norm.text;
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for m in official_voice_matches(cx, casual_pronoun_re()) {
            if m.as_str().starts_with("オレ") && prev_char(t, m.start()).is_some_and(is_katakana) {
                continue;
            }
            taken.push((m.start(), m.end()));
        }
        for m in official_voice_matches(cx, pronoun_re()) {
            let s = m.as_str();
            if taken.iter().any(|&(a, b)| a < m.end() && m.start() < b) {
                continue;
            }
            if s.starts_with("自分") && (s.ends_with('は') || s.ends_with('も')) {
                continue;
            }
            let (_, b) = sentence_bounds(t, m.start(), m.end());
            let rest = &t[m.end()..b];
            if predicate_re().is_match(rest) && !rhetorical_re().is_match(sentence(t, m.start(), m.end())) {
                taken.push((m.start(), m.end()));
            }
        }
        for c in plain_re().captures_iter(t) {
            let Some(v) = c.get(1).or_else(|| c.get(2)) else { continue };
            if in_quote(t, v.start()) {
                continue;
            }
            let rest = &t[v.end()..];
            let closes = closes_clause(rest.chars().next())
                || ["よ", "な", "ね", "わ", "けど", "けれど", "んだ", "んです", "の?", "の!", "ぞ", "し、", "から", "んじゃ", "なあ"]
                    .iter()
                    .any(|p| rest.starts_with(p));
            if closes && !taken.iter().any(|&(a, b)| a < v.end() && v.start() < b) {
                taken.push((v.start(), v.end()));
            }
        }
        taken.sort_unstable();
        out.extend(taken.into_iter().map(|(a, b)| Hit::new(a, b)));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::texts_of;
    use crate::Account;

    fn hits(text: &str, account: Account) -> Vec<String> {
        texts_of("opinion/first-person", text, account)
    }

    #[test]
    fn institutional_polite_voice_is_not_an_opinion() {
        for t in [
            "多くの方にご参加いただきたいと思います。",
            "今年度も実施したいと思いますので、よろしくお願いいたします。",
            "ぜひお越しいただければと思います",
            "「自分は大丈夫」と思わず、早めの避難を心がけましょう。",
            "自分は大丈夫だと思っていませんか？",
            "カフェオレは売店で販売しています。",
            "おかしいと思ったら、すぐに警察へ相談してください。",
        ] {
            assert!(hits(t, Account::Official).is_empty(), "{t}: {:?}", hits(t, Account::Official));
        }
    }

    #[test]
    fn first_person_opinions_fire_with_the_pronoun_or_verb_underlined() {
        assert_eq!(hits("僕的にはこっちのデザインが好きです", Account::Official), ["僕的には"]);
        assert_eq!(hits("ここのラーメンは日本一だと思うよ", Account::Unknown), ["思う"]);
        assert_eq!(hits("ちょっと高い気がする…", Account::Official), ["気がする"]);
        assert_eq!(hits("わたしはこの案、賛成！", Account::Official), ["わたしは"]);
        // Full-width and half-width forms normalise to the same words.
        assert_eq!(hits("ｵﾚは反対だな", Account::Official), ["ｵﾚは"]);
    }
}
