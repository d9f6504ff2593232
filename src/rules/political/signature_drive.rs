//! `political/signature-drive`: asking for signatures for a political cause: 「〇〇建設反対の
//! 署名にご協力を」「町長リコールの署名を集めています」. Any account.
//!
//! Why: 地方公務員法 36条 restricts staff from organising or soliciting signatures for a
//! petition that supports or opposes a party, the cabinet or the local executive; the guidelines
//! require compliance (吉備中央町 4(9)③, 室蘭市 4. 基本ルール, 流山市 基本原則 2, 十和田市 3(2)).
//!
//! Quiet: signatures on forms (「申請書に署名してください」) and petitions with no political
//! stance in the post (「北方領土返還要求署名」 run by the municipality itself).
use super::CLAUSES;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::in_quote;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct SignatureDrive;

static META: RuleMeta = RuleMeta {
    id: "political/signature-drive",
    category: Category::Political,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg { ja: "政治的な目的の署名への協力を呼びかけています", en: "Asks for signatures for a political cause" },
    why: Msg {
        ja: "地方公務員法36条は、職員が政治的な目的で署名運動を企画・主宰し、または勧誘することを制限しています。ガイドラインは同法の遵守を求めています。",
        en: "Article 36 of the Local Public Service Act restricts staff from organising or soliciting political signature drives; the guidelines require compliance with that Act.",
    },
    fix: Msg {
        ja: "署名の呼びかけは削除してください。職員として発信するのは、決定済みの事業や手続きの案内に限ってください。",
        en: "Remove the call for signatures. As a staff member, post only about decided projects and procedures.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "産廃処分場の建設反対の署名にご協力ください！", account: Account::Personal, hits: &[("署名にご協力", Severity::Warn)] },
        Example { text: "町長リコールの署名を集めています。", account: Account::Unknown, hits: &[("署名を集め", Severity::Warn)] },
        Example { text: "増税撤回を求めるオンライン署名、よろしくお願いします", account: Account::Personal, hits: &[("オンライン署名", Severity::Warn)] },
        Example { text: "申請書の裏面に署名してください。", account: Account::Official, hits: &[] },
        Example { text: "北方領土返還要求署名にご協力をお願いします。", account: Account::Official, hits: &[] },
        Example { text: "電子署名に対応したオンライン申請が始まりました。", account: Account::Official, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"署名(?:に|へ|への|、|,)?(?:ご)?(?:協力|参加|賛同)|署名(?:を|の)?(?:集め|お願い|して(?:ください|下さい|ほしい|欲しい)|よろしく|募)",
        r"|署名活動|署名運動|ねっと署名|おんらいん署名|change\.org",
    ))
}

/// A political stance in the post: opposing or supporting a party, the cabinet, the executive
/// or a policy (kana-folded).
fn cause_re() -> &'static Pattern {
    static_regex!(concat!(
        r"反対|撤回|りこーる|解職|退陣|辞任|罷免|政党|党|候補|政権|内閣|議員|選挙|改憲|憲法改正|護憲|原発|基地|増税|",
        r"(?:廃止|中止|撤去|見直し|白紙|解散|辞職)を求め|阻止|建設を止め",
    ))
}

impl Rule for SignatureDrive {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.kana();
        if !cause_re().is_match(t) {
            return;
        }
        for m in re().find_iter(t) {
            if !in_quote(t, m.start()) {
                out.push(Hit::new(m.start(), m.end()));
            }
        }
    }
}
