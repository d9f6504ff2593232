//! `timing/posting-window`: an official post outside the posting window, unless it is urgent.
//!
//! 流山市's official accounts post "原則として(緊急時を除く)、平日の8時30分〜17時15分". The window
//! comes from the policy (`posting_window`, default weekdays 8:30–17:15, national holidays and
//! 12/29–1/3 off). A post about a disaster, an alert, an evacuation, an outage or a missing
//! person is urgent and goes out whenever it must: nothing is reported. Needs the local time.
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::timing::{outside, post_span, Outside};
use crate::rules::{ContextExample, Cx, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct PostingWindow;

static META: RuleMeta = RuleMeta {
    id: "timing/posting-window",
    category: Category::Timing,
    severity: Severity::Warn,
    clauses: &["流山市 投稿時間 平日 8:30–17:15"],
    message: Msg {
        ja: "公式アカウントの投稿時間外です。",
        en: "This is outside the official account's posting hours.",
    },
    why: Msg {
        ja: "公式アカウントの投稿時間は原則として平日の8時30分から17時15分までと定めています（緊急時を除く）。時間外の投稿には問い合わせや反応に対応できません。",
        en: "Official posts go out on weekdays from 8:30 to 17:15 except in emergencies; after hours nobody can follow up on reactions.",
    },
    fix: Msg {
        ja: "投稿時間内に投稿するか、予約投稿を使ってください。緊急の情報ならそのまま投稿してかまいません。",
        en: "Post within the posting hours or schedule the post; urgent information may go out now.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[ContextExample] = &[
    ContextExample {
        text: "【イベント】来週の市民まつりのボランティアを募集しています。",
        account: Account::Official,
        at: Some("2026-11-24T21:05:00+09:00"),
        hits: &[("【イベント】来週の市民まつりのボランティアを募集しています。", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "図書館の年末年始の開館日をお知らせします。",
        account: Account::Official,
        at: Some("2026-12-29T10:00:00+09:00"),
        hits: &[("図書館の年末年始の開館日をお知らせします。", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "おはようございます。今日も一日がんばりましょう！",
        account: Account::Official,
        at: Some("2026-11-24T08:29:00+09:00"),
        hits: &[("おはようございます。今日も一日がんばりましょう！", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    ContextExample {
        text: "本日は勤労感謝の日です。",
        account: Account::Official,
        at: Some("2026-11-23T10:00:00+09:00"),
        hits: &[("本日は勤労感謝の日です。", Severity::Warn)],
        ..ContextExample::DEFAULT
    },
    // In the window (edges included), urgent at night, personal: nothing.
    ContextExample { text: "本日17時15分で受付を終了しました。", account: Account::Official, at: Some("2026-11-24T17:15:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "窓口は8時30分から開いています。", account: Account::Official, at: Some("2026-11-24T08:30:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "【避難指示】利根川の水位が上昇しています。直ちに避難してください。", account: Account::Official, at: Some("2026-11-24T23:40:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "大雨警報が発表されました。", account: Account::Official, at: Some("2026-11-22T05:10:00+09:00"), ..ContextExample::DEFAULT },
    ContextExample { text: "週末は紅葉狩りに行きました", account: Account::Personal, at: Some("2026-11-22T20:00:00+09:00"), ..ContextExample::DEFAULT },
];

/// Words that make a post urgent (流山市: 緊急時を除く), on the kana-folded text.
fn urgent() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(concat!(
            "緊急|災害|避難|警報|注意報|警戒レベル|特別警報|地震|震度|津波|大雨|豪雨|線状降水帯|洪水|浸水|冠水|氾濫|はん濫|",
            "土砂|台風|暴風|大雪|暴風雪|吹雪|雪崩|竜巻|噴火|火災|火事|停電|断水|給水|通行止|通行規制|運休|運転見合わせ|",
            "休校|休園|臨時休業|行方不明|安否|不審者|出没|jあらーと|弾道みさいる|国民保護|熱中症警戒|光化学すもっぐ|",
            "救助|被災|漏水|鳥いんふるえんざ|豚熱"
        ))
        .expect("urgent words")
    })
}

impl Rule for PostingWindow {
    meta_and_context_examples!();

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let (Account::Official, Some(at)) = (cx.context.account, cx.context.at) else { return };
        let window = &cx.policy.org.posting_window;
        let Some(why) = outside(window, &at) else { return };
        if urgent().is_match(cx.norm.kana()) {
            return;
        }
        let Some((a, b)) = post_span(cx.norm) else { return };
        let (ja, en) = match why {
            Outside::Holiday(h) => (format!("{h}（祝日・休日）"), "a public holiday".to_string()),
            Outside::YearEnd => ("年末年始の閉庁日（12月29日〜1月3日）".to_string(), "the year-end closure (Dec 29 – Jan 3)".to_string()),
            Outside::Day => ("投稿日外の曜日".to_string(), "a day outside the window".to_string()),
            Outside::Hour | Outside::Break => (format!("{:02}:{:02}", at.hour, at.minute), format!("{:02}:{:02}", at.hour, at.minute)),
        };
        let msg = Message {
            ja: format!("公式アカウントの投稿時間（{}）外です：{ja}。", window.describe_ja()).into(),
            en: format!("Outside the official account's posting hours ({}): {en}.", window.describe()).into(),
        };
        out.push(Hit::new(a, b).message(msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::post::{Context, LocalTime};
    use crate::text::Normalized;

    fn fires(text: &str, at: &str) -> bool {
        let norm = Normalized::new(text);
        let context = Context { account: Account::Official, at: Some(LocalTime::parse(at).unwrap()), ..Context::default() };
        let policy = Policy::default();
        let mut out = Vec::new();
        PostingWindow.check(&Cx { norm: &norm, context: &context, policy: &policy }, &mut out);
        !out.is_empty()
    }

    #[test]
    fn edges_of_the_default_window() {
        let t = "ごみの収集日カレンダーを配布しています。";
        assert!(fires(t, "2026-11-24T08:29:00+09:00"));
        assert!(!fires(t, "2026-11-24T08:30:00+09:00"));
        assert!(!fires(t, "2026-11-24T17:15:00+09:00"));
        assert!(fires(t, "2026-11-24T17:16:00+09:00"));
    }

    #[test]
    fn holidays_and_year_end() {
        let t = "ごみの収集日カレンダーを配布しています。";
        assert!(fires(t, "2027-03-22T10:00:00+09:00"), "振替休日");
        assert!(fires(t, "2026-09-22T10:00:00+09:00"), "国民の休日");
        assert!(fires(t, "2027-01-03T10:00:00+09:00"), "year-end closure");
        assert!(!fires(t, "2027-01-04T10:00:00+09:00"), "first working day");
        assert!(!fires(t, "2026-12-28T10:00:00+09:00"), "last working day");
    }

    #[test]
    fn emergencies_at_night_are_not_reported() {
        for t in [
            "【緊急】市内で停電が発生しています。",
            "震度5弱の地震がありました。今後の情報に注意してください。",
            "大雨により市道3号線が通行止めです。",
            "行方不明者の捜索にご協力ください。",
            "ｸﾏの出没情報がありました。",
            "【Jアラート】弾道ミサイルの発射情報",
        ] {
            assert!(!fires(t, "2026-11-24T22:00:00+09:00"), "{t}");
        }
    }

    #[test]
    fn the_message_names_the_holiday() {
        let norm = Normalized::new("お知らせ");
        let context = Context { account: Account::Official, at: LocalTime::parse("2026-11-23T10:00:00+09:00").ok(), ..Context::default() };
        let policy = Policy::default();
        let mut out = Vec::new();
        PostingWindow.check(&Cx { norm: &norm, context: &context, policy: &policy }, &mut out);
        let m = out[0].message.as_ref().unwrap();
        assert_eq!(m.ja, "公式アカウントの投稿時間（平日 8:30–17:15）外です：勤労感謝の日（祝日・休日）。");
    }
}
