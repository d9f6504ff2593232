//! `opinion/subjective`: words that announce the author's own stance (個人的に, 私見, 正直,
//! ぶっちゃけ, 本音を言うと) in a post on an official account.
//!
//! Why: an official account speaks for the municipality; the guidelines forbid posting staff's
//! personal opinions there (吉備中央町 5(8), 流山市 基本原則 4, 十和田市 4(7)).
//!
//! Fires: 「個人的には今年の花火が一番でした」 (official) on 「個人的に」.
//! Quiet: 「正直に申告してください」 (正直 as "honest", not a stance), anything on a personal account.
use super::{next_char, official_voice_matches};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct Subjective;

static META: RuleMeta = RuleMeta {
    id: "opinion/subjective",
    category: Category::PersonalOpinion,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(8)", "流山市 基本原則 4", "十和田市 4(7)"],
    message: Msg {
        ja: "公式アカウントで個人の意見や本音を示す言葉が使われています",
        en: "Words that present the author's personal view, on an official account",
    },
    why: Msg {
        ja: "公式アカウントは町・市として発信するもので、職員個人の意見や感想を発信することはガイドラインで禁じられています。読み手には組織の見解と受け取られます。",
        en: "An official account speaks for the municipality; the guidelines forbid posting a staff member's personal opinions there. Readers take them as the organisation's position.",
    },
    fix: Msg {
        ja: "「個人的に」「正直」などを削り、事実と組織としての案内だけを書いてください（例:「今年の花火大会には約1万人が来場しました」）。",
        en: "Drop words like 個人的に or 正直 and state facts and the organisation's information only (e.g. \"About 10,000 people came to this year's fireworks\").",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "個人的には今年の花火が一番きれいでした！", account: Account::Official, hits: &[("個人的に", Severity::Warn)] },
        Example { text: "正直、この企画は微妙かなと…", account: Account::Unknown, hits: &[("正直", Severity::Warn)] },
        Example { text: "ぶっちゃけ、駅前の再開発はまだ先になりそうです", account: Account::Official, hits: &[("ぶっちゃけ", Severity::Warn)] },
        Example { text: "私見ですが、新しい図書館は使いやすいです", account: Account::Official, hits: &[("私見", Severity::Warn)] },
        Example { text: "確定申告は正直に、期限内に行いましょう。", account: Account::Official, hits: &[] },
        Example { text: "個人的には今年の花火が一番きれいでした！", account: Account::Personal, hits: &[] },
        Example { text: "個人の方も事業者の方もご参加いただけます。", account: Account::Official, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(r"個人的(?:に|な(?:意見|見解|感想|考え|好み|思い)|見解)|私見|ぶっちゃけ|ぶっちゃける|本音(?:を言う|を言え|では|で言う|を言っ)|正直")
}

/// What may follow 正直 when it announces a stance rather than meaning "honest".
fn stance_after_shoujiki(rest: &str) -> bool {
    const NEXT: &[&str] = &[
        "、", ",", " ", "言って", "いって", "に言う", "に言え", "なところ", "な話", "な感想", "な気持ち", "微妙", "しんど", "つら",
        "めんど", "面倒", "疲れ", "眠", "だる", "きつ", "驚", "びっくり", "やば", "ヤバ", "うれし", "嬉し", "感動", "すご", "凄",
        "あまり", "ちょっと", "かなり", "すごく", "めっちゃ", "思う", "思った", "よく分から", "よくわから", "どうかと", "いらない", "要らない", "不要", "困", "意味", "納得",
    ];
    NEXT.iter().any(|n| rest.starts_with(n))
}

impl Rule for Subjective {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = &cx.norm.text;
        for m in official_voice_matches(cx, re()) {
            let s = m.as_str();
            let end = if s == "正直" {
                if !stance_after_shoujiki(&t[m.end()..]) {
                    continue;
                }
                m.end()
            } else if s.starts_with("個人的") {
                // Underline 「個人的に」 or 「個人的な」, not the noun after it.
                let base = m.start() + "個人的".len();
                base + next_char(t, base).filter(|c| matches!(c, 'に' | 'な')).map_or(0, char::len_utf8)
            } else if s.starts_with("本音") {
                m.start() + "本音".len()
            } else {
                m.end()
            };
            out.push(Hit::new(m.start(), end));
        }
    }
}
