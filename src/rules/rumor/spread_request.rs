//! `rumor/spread-request`: 「拡散希望」「RT希望」「拡散お願いします」 on a personal account, in a post
//! that names no official source (police, municipality, weather agency, an .lg.jp / .go.jp page).
//!
//! Why: asking others to spread what you cannot vouch for multiplies a rumour (吉備中央町 4(12)
//! 「噂を助長させる情報」, 室蘭市 5. 禁止事項 「単なる噂や噂を助長させる情報」, 十和田市 4(4)).
//!
//! Quiet: a missing-person appeal or disaster notice that cites 警察/町/市/気象庁 or an official
//! URL, and posts on an official account (the account is itself the official source; relayed
//! hearsay there is caught by `rumor/hearsay` and `rumor/unverified`).
use super::{cites_source, CLAUSES};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::opinion::{in_quote, own_account_kana};
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;

pub struct SpreadRequest;

static META: RuleMeta = RuleMeta {
    id: "rumor/spread-request",
    category: Category::Rumor,
    severity: Severity::Warn,
    clauses: CLAUSES,
    message: Msg {
        ja: "出典のない情報の拡散を呼びかけています",
        en: "Asks others to spread information without naming an official source",
    },
    why: Msg {
        ja: "出典のない情報の拡散を呼びかけると、誤りだった場合に噂やデマを広げることになります。噂を助長させる情報の発信はガイドラインで禁じられています。",
        en: "Asking others to spread unsourced information spreads a rumour if it turns out wrong; the guidelines forbid posts that feed rumours.",
    },
    fix: Msg {
        ja: "警察・町・市・気象庁などの公式発表で確認し、その出典（URLなど）を添えてください。公式の投稿を共有する方法もあります。",
        en: "Confirm it against the police's, municipality's or weather agency's announcement and add that source (e.g. its URL), or share the official post instead.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "近所で不審な車を見た人がいるって！拡散希望", account: Account::Personal, hits: &[("拡散希望", Severity::Warn)] },
        Example { text: "駅前で財布を拾いました。落とした方いませんか？ＲＴ希望", account: Account::Personal, hits: &[("ＲＴ希望", Severity::Warn)] },
        Example { text: "〇〇川が氾濫しそう！みんな拡散お願いします🙏", account: Account::Unknown, hits: &[("拡散お願い", Severity::Warn)] },
        Example {
            text: "【行方不明者】80代男性が昨日から帰宅していません。お心当たりの方は〇〇警察署（0866-00-0000）へ。#拡散希望",
            account: Account::Personal,
            hits: &[],
        },
        Example { text: "気象庁が大雨特別警報を発表しました。https://www.jma.go.jp/ #拡散希望", account: Account::Personal, hits: &[] },
        Example { text: "秋祭りは11月3日開催です！#拡散希望", account: Account::Official, hits: &[] },
    ],
};

fn re() -> &'static Pattern {
    static_regex!(concat!(
        r"拡散(?:希望|お願い|おねがい|して(?:ください|下さい|ほしい|欲しい|くれ|ね|!)|求む|よろしく|協力|頼む|頼みます|願います|を(?:お願い|希望))",
        r"|(?:rt|りついーと|しぇあ|りぽすと)(?:希望|お願い|おねがい|して(?:ください|下さい|ほしい|欲しい|ね)|求む)",
    ))
}

impl Rule for SpreadRequest {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let Some(t) = own_account_kana(cx) else { return };
        if cites_source(t) {
            return;
        }
        for m in re().find_iter(t) {
            if !in_quote(t, m.start()) {
                out.push(Hit::new(m.start(), m.end()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::texts_of;
    use crate::Account;

    fn hits(text: &str, account: Account) -> Vec<String> {
        texts_of("rumor/spread-request", text, account)
    }

    #[test]
    fn appeals_that_cite_an_official_source_are_quiet() {
        for t in [
            "【拡散希望】行方不明の女の子を探しています。〇〇署に捜索願が出ています。情報は110番へ",
            "市の発表によると、明日は全域で給水制限です。#拡散希望",
            "詳しくは https://www.city.towada.lg.jp/ をご覧ください #拡散お願いします",
            "町役場から避難所開設のお知らせ。#ＲＴ希望",
        ] {
            assert!(hits(t, Account::Personal).is_empty(), "{t}: {:?}", hits(t, Account::Personal));
        }
    }

    #[test]
    fn unsourced_requests_fire_on_personal_and_unknown_accounts_only() {
        let t = "隣の地区で空き巣が多発してるって！#拡散希望";
        assert_eq!(hits(t, Account::Personal), ["拡散希望"]);
        assert_eq!(hits(t, Account::Unknown), ["拡散希望"]);
        assert!(hits(t, Account::Official).is_empty());
        assert_eq!(hits("ｶｸｻﾝｷﾎﾞｳ…じゃなくて拡散希望です", Account::Personal), ["拡散希望"]);
    }
}
