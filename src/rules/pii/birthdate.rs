//! `pii/birthdate`: a date of birth next to a particular person: 山田太郎（1985年4月1日生）,
//! 生年月日：昭和60年4月1日 with a name, 佐藤さんは平成2年5月3日生まれ. `warn`. A date of birth
//! that names no one (平成31年4月1日生まれの方が対象です) does not fire.

use super::common::{is_kanji, person_near, person_refs};
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Birthdate;

static META: RuleMeta = RuleMeta {
    id: "pii/birthdate",
    category: Category::PersonalInfo,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "特定の人の生年月日があります。",
        en: "A particular person's date of birth.",
    },
    why: Msg {
        ja: "氏名と生年月日の組合せは本人を特定できる個人情報です。本人の同意なく発信することはできません。",
        en: "A name with a date of birth identifies a person; it must not be posted without their consent.",
    },
    fix: Msg {
        ja: "生年月日を削除するか、必要なら年代（例：80代）にとどめてください。",
        en: "Delete the date of birth, or give an age bracket (e.g. in their 80s) if it matters.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "山田太郎（1985年4月1日生）が表彰されました", account: Account::Official, hits: &[("1985年4月1日", Severity::Warn)] },
        Example { text: "氏名：佐藤花子\n生年月日：昭和60年4月1日", account: Account::Personal, hits: &[("昭和60年4月1日", Severity::Warn)] },
        Example { text: "鈴木さんは平成２年５月３日生まれです", account: Account::Personal, hits: &[("平成２年５月３日", Severity::Warn)] },
        Example { text: "〇〇様 生年月日 1990/12/24", account: Account::Unknown, hits: &[("1990/12/24", Severity::Warn)] },
        Example { text: "平成30年4月2日から平成31年4月1日生まれのお子さんが対象です", account: Account::Official, hits: &[] },
        Example { text: "吉備中央町は平成16年10月1日に誕生しました", account: Account::Official, hits: &[] },
        Example { text: "令和8年4月1日（水）生涯学習センターで山田さんの講演会", account: Account::Official, hits: &[] },
    ],
};

fn dates(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static RE: OnceLock<Pattern> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Pattern::new(concat!(
            r"(?:(?:19|20)\d{2}|(?:昭和|平成|令和|大正)\s?(?:\d{1,2}|元))\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日",
            r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}",
            r"|[shrt]\s?\d{1,2}\.\d{1,2}\.\d{1,2}",
        ))
        .unwrap_or_else(|e| panic!("date regex: {e}"))
    });
    re.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let bad = before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_digit());
        (!bad).then_some((m.start(), m.end()))
    })
}

/// Whether the date at `a..b` is marked as a date of birth.
fn birth_marked(text: &str, a: usize, b: usize) -> bool {
    let after = text[b..].trim_start_matches([' ', ')', '（', '(']);
    let marked_after = after.starts_with("生まれ")
        || after.starts_with("うまれ")
        || after.starts_with("誕生")
        || (after.starts_with('生') && !after['生'.len_utf8()..].starts_with(|c: char| is_kanji(c) || c == 'き' || c == 'か'));
    let head: String = text[..a].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    marked_after || head.contains("生年月日") || head.contains("誕生日") || head.contains("生まれ年")
}

/// A name right before the date in brackets: 山田太郎（1985年…, 山田 太郎 (1985…
fn name_in_brackets_before(text: &str, a: usize) -> bool {
    let head = text[..a].trim_end_matches(' ');
    let Some(head) = head.strip_suffix('(') else { return false };
    let head = head.trim_end_matches(' ');
    let n = head.chars().rev().take_while(|c| is_kanji(*c)).count();
    (2..=8).contains(&n) && !head.ends_with(['町', '市', '村', '県', '日', '年', '度', '会', '式', '課'])
}

impl Rule for Birthdate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        let mut refs: Option<Vec<(usize, usize)>> = None;
        for (a, b) in dates(text) {
            if !birth_marked(text, a, b) {
                continue;
            }
            let refs = refs.get_or_insert_with(|| person_refs(text));
            if name_in_brackets_before(text, a) || person_near(text, refs, a, b, 40) || labelled_record(text, refs, a) {
                out.push(Hit::new(a, b));
            }
        }
    }
}

/// A record laid out on lines (氏名：… / 生年月日：…): a labelled name within the three lines
/// before the date.
fn labelled_record(text: &str, refs: &[(usize, usize)], a: usize) -> bool {
    let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let mut from = line_start;
    for _ in 0..3 {
        if from == 0 {
            break;
        }
        from = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    refs.iter().any(|&(ra, _)| ra >= from && ra < line_start)
}
