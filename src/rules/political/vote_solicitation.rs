//! `political/vote-solicitation`: asking for votes or support for a candidate or party:
//! 「〇〇候補に投票を」「〇〇党をよろしく」「清き一票をお願いします」「比例は〇〇党へ」,
//! 「応援よろしくお願いします」 in a post about a candidacy. Any account: 地方公務員法 36条
//! restricts staff's political acts whoever's account they use.
//!
//! Why: 吉備中央町 4(9)③, 室蘭市 4. 基本ルール, 流山市 基本原則 2 and 十和田市 3(2) require
//! posts to follow the Local Public Service Act, whose article 36 forbids soliciting votes.
//!
//! Quiet: the election committee's neutral reminders (「投票日は11月24日です」「期日前投票は役場で」
//! 「選挙公報」「投票所入場券」「投票に行きましょう」「あなたの清き一票を大切に」).
use super::{name_start, CLAUSES};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::in_quote;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct VoteSolicitation;

static META: RuleMeta = RuleMeta {
    id: "political/vote-solicitation",
    category: Category::Political,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg {
        ja: "特定の候補者・政党への投票や支援を呼びかけています",
        en: "Asks for votes or support for a candidate or party",
    },
    why: Msg {
        ja: "地方公務員法36条は、職員が特定の政党や候補者のために投票を勧誘することを制限しています。ガイドラインは同法の遵守を求めています。",
        en: "Article 36 of the Local Public Service Act restricts staff from soliciting votes for a party or candidate; the guidelines require compliance with that Act.",
    },
    fix: Msg {
        ja: "特定の候補者・政党への呼びかけは削除してください。選挙の周知は「投票日は〇月〇日です」のように中立に書いてください。",
        en: "Remove the appeal for a candidate or party. Announce elections neutrally (\"Polling day is ...\").",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "山田太郎候補に投票をお願いします！", account: Account::Personal, hits: &[("山田太郎候補に投票を", Severity::Warn)] },
        Example { text: "今度の選挙はみらい党をよろしく！", account: Account::Unknown, hits: &[("みらい党をよろしく", Severity::Warn)] },
        Example { text: "町議選、鈴木はなこに清き一票をお願いします", account: Account::Personal, hits: &[("清き一票を", Severity::Warn)] },
        Example { text: "佐藤さんが町長選に立候補しました。応援よろしくお願いします！", account: Account::Official, hits: &[("応援よろしく", Severity::Warn)] },
        Example { text: "町長選挙の投票日は11月24日（日）です。期日前投票は役場1階で受け付けています。", account: Account::Official, hits: &[] },
        Example { text: "投票所入場券と選挙公報をお届けしました。投票に行きましょう！", account: Account::Official, hits: &[] },
        Example { text: "あなたの清き一票を大切に。", account: Account::Official, hits: &[] },
        Example { text: "山田候補に投票してきました", account: Account::Personal, hits: &[] },
    ],
};

/// 「〇〇候補に投票を」「〇〇党に一票を」: group 1 is the name's marker (its start is found by
/// [`name_start`]).
fn target_re() -> &'static Pattern {
    static_regex!(concat!(
        r"(候補者?|党|氏|さん|先生|議員|くん|君)(?:に|へ)(?:の)?(?:清き)?(?:一票|投票)",
        r"(?:を(?:お願い|よろしく|ください|下さい|託|投じて|入れて|!|。|$|\n|#| )|して(?:ください|下さい|ね|ほしい|欲しい|くれ|!|ちょうだい)|しよう|しましょう|お願い)",
        r"|(候補者?|党)(?:を|も)?(?:よろしく|(?:の)?(?:応援|支援)(?:を)?(?:お願い|よろしく|して(?:ください|下さい|ね|ほしい|欲しい)|しよう|しましょう|ください))",
        r"|(候補者?|党|氏|さん|先生|議員)(?:に|へ)入れて(?:ください|下さい|ね|ほしい|欲しい|!)",
    ))
}

/// 「清き一票をお願いします」 and its variants: the solicitation words that follow.
fn kiyoki_re() -> &'static Pattern {
    static_regex!(r"清き一票(?:を)?")
}

fn hiirei_re() -> &'static Pattern {
    static_regex!(r"比例(?:代表)?は[^。!?\n、]{1,12}?(?:党|へ)")
}

/// 「応援よろしくお願いします」: solicitation when the post is about a candidacy.
fn support_re() -> &'static Pattern {
    static_regex!(r"(?:応援|支援|ご支援|ご支持|支持)(?:を)?(?:よろしく|お願い)|一票を(?:お願い|よろしく|託して)")
}

/// A public election in the post (not a student council's or a contest's).
fn candidacy_re() -> &'static Pattern {
    static_regex!(r"[町市県村区都府道]議|[町市村区]長選|知事|議員|議会|選挙|参院選|衆院選|政党|党|公約|出馬|陣営|当選(?:に向け|のため|を目指)")
}

/// Elections that are not public ones: a student council, the PTA, a contest's popularity vote.
fn private_vote_re() -> &'static Pattern {
    static_regex!(r"生徒会|児童会|学級|pta|自治会|町内会|子ども会|部活|こんてすと|人気投票|総選挙|ぐらんぷり|gp")
}

/// Whether the post is about a public election.
fn public_election(t: &str) -> bool {
    candidacy_re().is_match(t) && !private_vote_re().is_match(t)
}

impl Rule for VoteSolicitation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.kana();
        let text = &cx.norm.text;
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for c in target_re().captures_iter(t) {
            let (Some(all), Some(marker)) = (c.get(0), c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))) else { continue };
            // 「〇〇さんに投票して」 is a vote for a person only in a public election.
            if matches!(marker.as_str(), "さん" | "くん" | "君" | "先生") && !public_election(t) {
                continue;
            }
            // Underline up to 「投票を」/「一票を」 (not the request words after it), else the whole
            // appeal without its closing mark.
            let m = all.as_str();
            let mut end = match (c.get(1), m.find('票')) {
                (Some(_), Some(i)) => {
                    let e = all.start() + i + '票'.len_utf8();
                    if t[e..].starts_with('を') { e + 'を'.len_utf8() } else { e }
                }
                _ => all.end(),
            };
            if let Some(ch) = t[..end].chars().next_back() {
                if matches!(ch, '!' | '。' | '\n' | '#' | ' ') {
                    end -= ch.len_utf8();
                }
            }
            // The name before 候補/党: read on the original script (katakana names stay whole).
            let mut a = name_start(text, marker.start());
            // A hiragana name before 党 (みらい党): take the hiragana run after a particle.
            if a == marker.start() {
                a = hiragana_name_start(t, marker.start());
            }
            hits.push((a, end));
        }
        for m in kiyoki_re().find_iter(t) {
            let rest = t[m.end()..].trim_start_matches(['、', ',', ' ', '　']);
            let before = &t[..m.start()];
            let asks = ["お願い", "よろしく", "お寄せ", "賜", "託して", "ください", "下さい"].iter().any(|p| rest.starts_with(p))
                || before.ends_with('に')
                || before.ends_with('へ');
            if asks {
                hits.push((m.start(), m.end()));
            }
        }
        for m in hiirei_re().find_iter(t) {
            hits.push((m.start(), m.end()));
        }
        if public_election(t) {
            for m in support_re().find_iter(t) {
                hits.push((m.start(), m.end()));
            }
        }
        hits.sort_unstable();
        let mut last_end = 0;
        for (a, b) in hits {
            if a < last_end || in_quote(t, a) {
                continue;
            }
            last_end = b;
            out.push(Hit::new(a, b));
        }
    }
}

/// Start of a hiragana party or candidate name ending at `end`: the hiragana run before it (at
/// most eight characters), cut after the last particle in it (「選挙はみらい党」 → 「みらい党」).
fn hiragana_name_start(t: &str, end: usize) -> usize {
    let mut a = end;
    for c in t[..end].chars().rev().take(8) {
        if !('\u{3041}'..='\u{3096}').contains(&c) {
            break;
        }
        a -= c.len_utf8();
    }
    let run = &t[a..end];
    let mut cut = 0;
    for (i, c) in run.char_indices() {
        if matches!(c, 'は' | 'を' | 'が' | 'も' | 'の' | 'に' | 'で' | 'へ') && i + c.len_utf8() < run.len() {
            cut = i + c.len_utf8();
        }
    }
    a + cut
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::texts_of;
    use crate::Account;

    fn hits(text: &str) -> Vec<String> {
        texts_of("political/vote-solicitation", text, Account::Personal)
    }

    #[test]
    fn neutral_election_notices_are_quiet() {
        for t in [
            "期日前投票は11月23日まで、役場2階の会議室で行えます。",
            "選挙公報は町ホームページでもご覧いただけます。",
            "候補者の政見放送は11月20日から放送されます。",
            "18歳になったら投票へ。あなたの一票がまちの未来をつくります。",
            "清き一票を投じましょう。投票日は11月24日です。",
            "新しく着任した田中さんをよろしくお願いします。",
            "ボランティアの皆さまの応援をお願いします。",
            "息子が生徒会長に立候補したので応援よろしく！",
            "フォトコンテスト、うちの子の写真に投票してね！山田さんに投票してくれた方もありがとう",
            "懸賞に当選しました！これからも応援よろしくお願いします",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }

    #[test]
    fn solicitations_fire_with_the_name() {
        assert_eq!(hits("比例は未来党へ！"), ["比例は未来党"]);
        assert_eq!(hits("ヤマダ候補の応援をお願いします"), ["ヤマダ候補の応援をお願い"]);
        assert_eq!(hits("あおぞら党に一票を！"), ["あおぞら党に一票を"]);
    }
}
