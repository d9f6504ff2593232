//! `location/tag`: a location tag is set on the post (X's location button, Facebook's check-in).
//!
//! 吉備中央町 4(14): services attach location data to posts automatically or at a tap; staff
//! must mind what others learn from it and turn it off where it is not needed. The text checker
//! cannot see the tag: the extension reads it from the composer (`Context::location_tag`) and
//! the finding is on the post (the first line, as for the other rules about the whole post).
//! On an official account, tagging a public venue is usually deliberate: `info`.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::timing::post_span;
use crate::rules::{ContextExample, Cx, Hit, Rule, RuleMeta};

pub struct Tag;

static META: RuleMeta = RuleMeta {
    id: "location/tag",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg {
        ja: "この投稿には位置情報（場所のタグ・チェックイン）が付いています。",
        en: "This post carries a location tag (a place or check-in).",
    },
    why: Msg {
        ja: "場所のタグやチェックインを付けると、投稿を見た人に今いる場所や行動範囲が伝わります。自宅や職場、よく行く場所が知られるおそれがあります。",
        en: "A place tag or check-in tells everyone who sees the post where you are and where you go; it can reveal your home, your workplace or places you visit often.",
    },
    fix: Msg {
        ja: "必要がなければ、投稿する前に場所のタグ（X の位置情報ボタン、Facebook のチェックイン）を外してください。",
        en: "Unless it is needed, remove the place tag before posting (X's location button, Facebook's check-in).",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample {
        text: "紅葉がきれいでした🍁\n週末の散歩",
        account: Account::Personal,
        location_tag: true,
        hits: &[("紅葉がきれいでした🍁", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "ランチなう",
        account: Account::Unknown,
        location_tag: true,
        site: crate::post::Site::Facebook,
        hits: &[("ランチなう", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "本日、吉備高原都市で秋まつりを開催しています。",
        account: Account::Official,
        location_tag: true,
        hits: &[("本日、吉備高原都市で秋まつりを開催しています。", Severity::Info)],
        ..ContextExample::DEFAULT
    },
    ContextExample { text: "紅葉がきれいでした🍁", account: Account::Personal, ..ContextExample::DEFAULT },
    ContextExample { text: "ランチなう", account: Account::Personal, location_tag: true, policy: r#"{"rules":{"location/tag":"off"}}"#, ..ContextExample::DEFAULT },
];

impl Rule for Tag {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        if !cx.context.location_tag {
            return;
        }
        let Some((a, b)) = post_span(cx.norm) else { return };
        let hit = Hit::new(a, b);
        out.push(if cx.context.account == Account::Official { hit.severity(Severity::Info) } else { hit });
    }
}
