//! confidential/deliberation: information from a decision still being made (意思形成過程) or
//! shared in confidence — `素案`, `未定稿`, `内部資料`, `検討中の案`, `庁議`, `人事異動の内示`,
//! `発表前だけど`, `ここだけの話`, `オフレコ`, `まだ公表されていない`.
//!
//! Three kinds of wording, judged differently:
//!
//! * draft documents (`素案`, `未定稿`, `内部資料`, `検討中の計画`, `たたき台`): fire unless the
//!   post asks for comments (パブリックコメント, 意見募集, 説明会 …): the clause itself excepts
//!   the case where the town actively asks for opinions. On an official account they also stay
//!   quiet when the post says the draft has been published (`公表しました`, `ホームページに掲載`);
//! * leaks in confidence (`ここだけの話`, `発表前だけど`, `まだ公表されていない`, `オフレコ`):
//!   fire on a personal account; on an official account only `オフレコ`, `他言無用`, `口外禁止`
//!   (an official teaser such as `ここだけの話、新メニューは…` is the town's own decision);
//! * meetings and personnel (`庁議`, `人事異動の内示`, `内示が出た`, `人事案`): fire on a
//!   personal account only; the town announces its own 内示 and 庁議 decisions.
//!
//! Left out because private life uses them as much as work: `内緒だけど`, `まだ言えない`,
//! `未発表の` (a band's new song), bare `解禁前` (鮎釣り解禁前の清掃), `発表前の` (学会発表前の準備).
//!
//! Severity: `warn`; reported speech is `info`.

use super::super::lexicon::is_reported_speech;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Deliberation;

static META: RuleMeta = RuleMeta {
    id: "confidential/deliberation",
    category: Category::Confidential,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(13)", "室蘭市 5. 禁止事項", "流山市 基本原則 5", "十和田市 4(10)", "十和田市 5(1)"],
    message: Msg {
        ja: "検討中・公表前の情報（意思形成過程）の可能性があります",
        en: "This may be information from a decision still being made, or not yet public",
    },
    why: Msg {
        ja: "ガイドラインは重要施策の意思形成過程の情報の発信を禁止しています（町・市が積極的に意見を求める場合を除く）。公表前の案や人事の情報が出ると、誤解や混乱を招き、率直な検討ができなくなります。",
        en: "The guideline forbids posting information from decisions still being made, except when the town actively asks for opinions. Drafts and personnel news out before their time mislead and stifle frank discussion.",
    },
    fix: Msg {
        ja: "正式に公表されるまで投稿を控えてください。意見募集として公開する場合は、パブリックコメント等の案内として投稿してください。",
        en: "Wait until it is officially published. To ask for opinions, post it as a public-comment notice.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "ここだけの話、来年度から支所が統合されるらしい", account: Account::Personal, hits: &[("ここだけの話", Severity::Warn)] },
        Example { text: "今日人事異動の内示が出た。4月から税務課です", account: Account::Personal, hits: &[("人事異動の内示", Severity::Warn)] },
        Example { text: "総合計画の素案、まだ公表されていないけど見せちゃう", account: Account::Unknown, hits: &[("素案", Severity::Warn), ("まだ公表されていない", Severity::Warn)] },
        Example { text: "庁議資料によると新庁舎は駅北に決まりそう", account: Account::Personal, hits: &[("庁議資料", Severity::Warn)] },
        Example { text: "第3次総合計画の素案について、パブリックコメント（意見募集）を実施します", account: Account::Official, hits: &[] },
        Example { text: "子ども・子育て支援事業計画の素案を公表しました。ホームページでご覧いただけます", account: Account::Official, hits: &[] },
        Example { text: "ここだけの話、ゆるキャラの好物はりんごです", account: Account::Official, hits: &[] },
        Example { text: "令和8年度の交付金の内示がありました（国土交通省）", account: Account::Official, hits: &[] },
    ],
};

fn drafts() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            "素案|未定稿|内部資料|内部文書|庁内資料|庁議資料|非公開資料|たたき台|叩き台|検討段階の|決定前の|決裁前の|\
             検討中の(?:案|計画|内容|方針|事業|資料)|協議中の(?:案|内容|計画)",
        )
        .expect("draft pattern")
    })
}

fn leaks() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            "ここだけの話|オフレコ|他言無用|口外禁止|\
             まだ(?:公表|発表|公開|公式発表)(?:されて|して)?い?(?:ない|ません)|未公表の|\
             公表前(?:だ|です)?(?:けど|けれど|が|の|なので|ですが)|(?:正式|公式)?発表前(?:だ|です)?(?:けど|けれど|ですが)|\
             情報解禁前|解禁前(?:だ|です)?(?:けど|けれど|ですが)|リークする|リークします",
        )
        .expect("leak pattern")
    })
}

fn personnel() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new("庁議|(?:人事異動|異動|昇任|昇格|転勤)の内示|内示(?:が出|があ|を受け|をもら|もら|出た|きた|来た)|人事案|異動案")
            .expect("personnel pattern")
    })
}

/// The post asks for opinions (the clause's own exception).
fn asks_for_comments(text: &str) -> bool {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            "パブリックコメント|パブコメ|意見募集|意見公募|ご意見(?:を|の)?(?:募集|お寄せ|お聞かせ|お待ち|ください)|\
             意見を(?:募集|お寄せ|求め|お聞かせ)|意見交換会|説明会|縦覧|アンケート|ワークショップ",
        )
        .expect("comment pattern")
    })
    .is_match(text)
}

/// The post says the material has been published.
fn says_published(text: &str) -> bool {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new("公表しました|公開しました|発表しました|掲載しました|策定しました|公表します|公開します|公開中|掲載中|閲覧でき|ホームページ|ご覧ください|ご覧いただけ")
            .expect("published pattern")
    })
    .is_match(text)
}

const OFFICIAL_LEAKS: [&str; 3] = ["オフレコ", "他言無用", "口外禁止"];

impl Rule for Deliberation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        let official = cx.context.account == Account::Official;
        let mut found: Vec<(usize, usize)> = Vec::new();
        let excepted = asks_for_comments(text) || (official && says_published(text));
        if !excepted {
            found.extend(drafts().find_iter(text).map(|m| (m.start(), m.end())));
        }
        for m in leaks().find_iter(text) {
            if !official || OFFICIAL_LEAKS.contains(&m.as_str()) {
                found.push((m.start(), m.end()));
            }
        }
        if !official {
            found.extend(personnel().find_iter(text).map(|m| (m.start(), m.end())));
        }
        found.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in found {
            match merged.last_mut() {
                Some(last) if a < last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        for (a, b) in merged {
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
    fn public_comment_is_the_exception_personnel_is_personal() {
        let p = |t: &str| spans_of("confidential/deliberation", t, Personal);
        let o = |t: &str| spans_of("confidential/deliberation", t, Official);
        assert_eq!(p("計画の素案を見た"), [(3, 5, Warn)]);
        assert!(p("町の素案にパブコメを出してきた").is_empty());
        assert!(o("素案への意見募集を始めました").is_empty());
        assert_eq!(o("素案をお見せします"), [(0, 2, Warn)]);
        assert_eq!(p("人事異動の内示が出た"), [(0, 7, Warn)]);
        assert!(o("人事異動の内示について").is_empty());
        assert!(p("鮎釣り解禁前の清掃").is_empty());
    }
}
