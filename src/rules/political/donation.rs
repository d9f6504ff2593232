//! `political/donation`: asking for political money: 「献金をお願いします」, selling political
//! fund-raising party tickets (政治資金パーティー券), recruiting for a politician's 後援会.
//! Any account.
//!
//! Why: 地方公務員法 36条 restricts staff from soliciting contributions for a party or candidate;
//! the guidelines require compliance (吉備中央町 4(9)③, 室蘭市 4. 基本ルール, 流山市 基本原則 2,
//! 十和田市 3(2)).
//!
//! Quiet: the election committee's reminders (「政治家の寄附は禁止されています」), reports of
//! published accounts (「政治資金収支報告書を公表しました」), a community party's tickets
//! (「クリスマスパーティー券販売中」), a school club's 後援会.
use super::CLAUSES;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::in_quote;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct Donation;

static META: RuleMeta = RuleMeta {
    id: "political/donation",
    category: Category::Political,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg { ja: "政治献金やパーティー券、後援会への加入を呼びかけています", en: "Asks for political donations, party tickets or support-group membership" },
    why: Msg {
        ja: "地方公務員法36条は、職員が政党や候補者のために寄附や会費を集めることに関与するのを制限しています。ガイドラインは同法の遵守を求めています。",
        en: "Article 36 of the Local Public Service Act restricts staff from taking part in collecting money for a party or candidate; the guidelines require compliance.",
    },
    fix: Msg {
        ja: "政治資金への協力の呼びかけは削除してください。",
        en: "Remove the appeal for political money.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "〇〇先生への献金をお願いします", account: Account::Personal, hits: &[("献金をお願い", Severity::Warn)] },
        Example { text: "県議の政治資金パーティー券、まだあります！", account: Account::Unknown, hits: &[("政治資金パーティー券", Severity::Warn)] },
        Example { text: "田中議員の後援会への入会をお願いします", account: Account::Personal, hits: &[("後援会への入会", Severity::Warn)] },
        Example { text: "政治家が選挙区内の方に寄附をすることは禁止されています。", account: Account::Official, hits: &[] },
        Example { text: "政治資金収支報告書の要旨を公表しました。", account: Account::Official, hits: &[] },
        Example { text: "公民館のクリスマスパーティー券、販売中です！", account: Account::Official, hits: &[] },
        Example { text: "野球部後援会への入会をお願いします", account: Account::Official, hits: &[] },
    ],
};

/// Money for politics that is political in itself.
fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"(?:政治|企業)?献金(?:を|の|に|へ)?(?:お願い|ください|下さい|募|受付|受け付け|して(?:ください|下さい|ね)|しよう|しましょう|よろしく|ご協力|協力)",
        r"|政治資金ぱーてぃー(?:券)?|政経(?:ぱーてぃー|塾|懇話会)(?:券)?",
    ))
}

/// Tickets, membership and collections that are political only with a politician named.
fn contextual_re() -> &'static Pattern {
    static_regex!(concat!(
        r"ぱーてぃー券|ぱー券|(?:を)?励ます会(?:の)?(?:券|会費|参加費)",
        r"|後援会(?:への|に)?(?:ご)?(?:入会|加入|会費)|(?:党費|かんぱ)(?:を|の)?(?:お願い|ください|下さい|募|よろしく|ご協力)",
    ))
}

fn politician_re() -> &'static Pattern {
    static_regex!(r"議員|[町市県村区都府道]議|党|候補|政治|政経|選挙|国政|代議士|大臣|後援会長|先生")
}

impl Rule for Donation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.kana();
        let mut hits: Vec<(usize, usize)> = re().find_iter(t).map(|m| (m.start(), m.end())).collect();
        if politician_re().is_match(t) {
            for m in contextual_re().find_iter(t) {
                if !hits.iter().any(|&(a, b)| a < m.end() && m.start() < b) {
                    hits.push((m.start(), m.end()));
                }
            }
        }
        hits.sort_unstable();
        for (a, b) in hits {
            if !in_quote(t, a) {
                out.push(Hit::new(a, b));
            }
        }
    }
}
