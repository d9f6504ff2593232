//! `pii/phone`: Japanese telephone numbers. A mobile number (070/080/090, also written +81 90…)
//! usually belongs to a person and is `warn`; fixed lines, IP phones (050) and toll-free or
//! navigation numbers (0120, 0800, 0570) are what offices publish every day and are only `info`.

use super::common::is_dash;
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct Phone;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Mobile,
    /// Fixed lines, 050, 0120/0800/0570.
    Other,
}

static META: RuleMeta = RuleMeta {
    id: "pii/phone",
    category: Category::PersonalInfo,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "携帯電話の番号があります。個人の番号ではありませんか。",
        en: "A mobile phone number. Is it someone's personal number?",
    },
    why: Msg {
        ja: "携帯電話の番号は個人に結びつく個人情報です。職員や住民の番号を発信すると、本人の同意のない個人情報の公開になります。",
        en: "A mobile number identifies a person; posting a staff member's or resident's number publishes personal information without consent.",
    },
    fix: Msg {
        ja: "問い合わせ先は課の代表番号（固定電話）にしてください。",
        en: "Give the section's office line as the contact instead.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "担当：山田（090-1234-5678）まで", account: Account::Official, hits: &[("090-1234-5678", Severity::Warn)] },
        Example { text: "連絡は +81 80-2345-6789 へ", account: Account::Personal, hits: &[("+81 80-2345-6789", Severity::Warn)] },
        Example { text: "携帯０７０（１２３４）５６７８", account: Account::Unknown, hits: &[("０７０（１２３４）５６７８", Severity::Warn)] },
        Example { text: "お問い合わせ：総務課 0866-54-1301", account: Account::Official, hits: &[("0866-54-1301", Severity::Info)] },
        Example { text: "相談ダイヤル 0120-123-456（平日9時～17時）", account: Account::Official, hits: &[("0120-123-456", Severity::Info)] },
        Example { text: "受付は 9:00～17:00、〒716-1192 吉備中央町豊野1-2", account: Account::Official, hits: &[] },
        Example { text: "令和8年度予算は 1,234,567千円、2026-11-24 に公表", account: Account::Official, hits: &[] },
        Example { text: "整理番号 0901234567890 の方", account: Account::Official, hits: &[] },
    ],
};

/// The kind of a national number (starting with 0), or None when it is not a phone number.
pub fn classify(national: &str) -> Option<Kind> {
    let mobile = ["070", "080", "090"].iter().any(|p| national.starts_with(p)) && !national.starts_with("0800");
    match national.len() {
        11 if mobile => Some(Kind::Mobile),
        11 if national.starts_with("050") || national.starts_with("0800") => Some(Kind::Other),
        10 if mobile || national.starts_with("00") || national.starts_with("050") || national.starts_with("020") => None,
        10 if national.starts_with('0') => Some(Kind::Other),
        _ => None,
    }
}

fn dash_or_space_at(text: &str, q: usize) -> usize {
    match text[q..].chars().next() {
        Some(c) if c == ' ' || is_dash(c) => c.len_utf8(),
        _ => 0,
    }
}

/// Parses a phone number starting at byte `i`; returns its end and kind.
fn parse_at(text: &str, i: usize) -> Option<(usize, Kind)> {
    let b = text.as_bytes();
    let mut p = i;
    let mut national = String::new();
    if text[p..].starts_with("+81") {
        p += 3;
        national.push('0');
        p += dash_or_space_at(text, p);
        if text[p..].starts_with("(0)") {
            p += 3;
            p += dash_or_space_at(text, p);
        }
    }
    let open_paren = b.get(p) == Some(&b'(');
    if open_paren {
        p += 1;
    }
    let mut best = None;
    let mut groups = 0;
    loop {
        let g = p;
        while p < b.len() && b[p].is_ascii_digit() {
            p += 1;
        }
        if p == g || (groups == 0 && national == "0" && b[g] == b'0') {
            break;
        }
        national.push_str(&text[g..p]);
        groups += 1;
        if national.len() > 11 {
            break;
        }
        if national.len() >= 10 {
            if let Some(kind) = classify(&national) {
                best = Some((p, kind));
            }
        }
        if groups >= 4 {
            break;
        }
        // An opening bracket belongs to the number only when it closes after the area code:
        // (0866)54-1301, not （090-1234-5678）.
        if groups == 1 && open_paren && b.get(p) != Some(&b')') {
            return None;
        }
        // A separator: `)`, a space or a dash, `(`, in that order, each at most once.
        let mut q = p;
        if b.get(q) == Some(&b')') {
            q += 1;
        }
        q += dash_or_space_at(text, q);
        if b.get(q) == Some(&b'(') {
            q += 1;
        }
        if q == p || !b.get(q).is_some_and(|d| d.is_ascii_digit()) {
            break;
        }
        p = q;
    }
    let (end, kind) = best?;
    // Not the start of a decimal or a longer code.
    let after = text[end..].chars().next();
    if after.is_some_and(|c| c.is_ascii_alphabetic() || c == '_') || (after == Some('.') && b.get(end + 1).is_some_and(|d| d.is_ascii_digit())) {
        return None;
    }
    Some((end, kind))
}

/// A byte that can start a phone number.
fn starts_number(c: u8) -> bool {
    matches!(c, b'0' | b'+' | b'(')
}

/// Every phone number in `text`: byte range and kind.
pub fn phones(text: &str) -> Vec<(usize, usize, Kind)> {
    phones_from(text, |from| text.as_bytes()[from..].iter().position(|&c| starts_number(c)).map(|k| from + k))
}

/// [`phones`] of a normalised text, looking for where a number can start only in its ASCII
/// runs (a post's Japanese text is most of its bytes).
pub fn phones_in(norm: &crate::text::Normalized) -> Vec<(usize, usize, Kind)> {
    let b = norm.text.as_bytes();
    let runs = norm.ascii_runs();
    let mut r = 0;
    phones_from(&norm.text, |from| {
        while runs.get(r).is_some_and(|run| run.end <= from) {
            r += 1;
        }
        loop {
            let run = runs.get(r)?;
            if run.holds(b'0') || run.holds(b'+') || run.holds(b'(') {
                let a = from.max(run.start);
                if let Some(k) = b[a..run.end].iter().position(|&c| starts_number(c)) {
                    return Some(a + k);
                }
            }
            r += 1;
        }
    })
}

/// The phone numbers of `text`, where `next(i)` is the first byte at or after `i` that can
/// start one ([`starts_number`]); it is asked with increasing `i`.
fn phones_from(text: &str, mut next: impl FnMut(usize) -> Option<usize>) -> Vec<(usize, usize, Kind)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Only a `0`, `+` or `(` can start a number: jump to the next one. A `0` inside a digit
        // run is rejected below (a digit before it) exactly as if the run had been skipped.
        let Some(k) = next(i) else { break };
        i = k;
        let c = b[i];
        let candidate = c == b'0' || (c == b'+' && text[i..].starts_with("+81")) || (c == b'(' && b.get(i + 1) == Some(&b'0'));
        let prev = text[..i].chars().next_back();
        let bad_prev = prev.is_some_and(|p| p.is_ascii_alphanumeric() || crate::text::one_of("._/=#@+-¥$%&?", p));
        if candidate && !bad_prev {
            if let Some((end, kind)) = parse_at(text, i) {
                out.push((i, end, kind));
                i = end;
                continue;
            }
        }
        // Skip the rest of a digit run: a phone number never starts inside one.
        if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

impl Rule for Phone {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    #[cfg_attr(postcheck_fast, optimize(speed))]
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for (a, b, kind) in phones_in(cx.norm) {
            // The organisation's published numbers (policy `allowed_phone_numbers`).
            if cx.policy.phone_allowed(&cx.norm.text[a..b]) {
                continue;
            }
            out.push(match kind {
                Kind::Mobile => Hit::new(a, b),
                Kind::Other => Hit::new(a, b).severity(Severity::Info).message(Message::from(Msg {
                    ja: "電話番号があります（固定電話・フリーダイヤル等）。公開している代表番号なら問題ありません。",
                    en: "A phone number (fixed line or toll-free). Fine if it is a published office number.",
                })),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `phones_in` (starts looked for in the ASCII runs) finds what `phones` (every byte) finds:
    /// the corpora, and numbers around non-ASCII dashes, brackets and other numbers.
    #[test]
    fn phones_in_the_runs_are_the_phones_of_the_text() {
        let texts = crate::rules::testing::cases_and_corpus(&[
            "電話090ー1234ー5678まで", "(0866)54-1301、+81-90-1234-5678", "０９０－１２３４－５６７８", "x0120-123-456 0120‐123‐456",
            "12(03)1234-5678(03)9999-0000", "+8190", "0", "(", "電話：03 1234 5678／携帯080-1111-2222。",
        ]);
        let mut numbers = 0;
        for t in &texts {
            let norm = crate::text::Normalized::new(t);
            let want = phones(&norm.text);
            assert_eq!(phones_in(&norm), want, "{t}");
            numbers += want.len();
        }
        assert!(numbers >= 30, "{numbers} numbers compared");
    }

    fn found(t: &str) -> Vec<(&str, Kind)> {
        let norm = crate::text::Normalized::new(t);
        if norm.text == t {
            assert_eq!(phones_in(&norm), phones(t), "{t}");
        }
        phones(t).into_iter().map(|(a, b, k)| (&t[a..b], k)).collect()
    }

    #[test]
    fn forms_of_numbers() {
        assert_eq!(found("tel:09012345678"), [("09012345678", Kind::Mobile)]);
        assert_eq!(found("(0866)54-1301"), [("(0866)54-1301", Kind::Other)]);
        assert_eq!(found("0866(54)1301 まで"), [("0866(54)1301", Kind::Other)]);
        assert_eq!(found("+81-90-1234-5678"), [("+81-90-1234-5678", Kind::Mobile)]);
        assert_eq!(found("+81(0)90 1234 5678"), [("+81(0)90 1234 5678", Kind::Mobile)]);
        assert_eq!(found("0800-123-4567 と 0570-000-123"), [("0800-123-4567", Kind::Other), ("0570-000-123", Kind::Other)]);
        assert_eq!(found("0866-54-1301 1234"), [("0866-54-1301", Kind::Other)]);
        assert_eq!(found("090ー1234ー5678"), [("090ー1234ー5678", Kind::Mobile)]);
    }

    #[test]
    fn not_numbers() {
        for t in ["09:00-17:00", "2026-04-01", "v0.9012345678", "x09012345678", "0901234567", "012345678901234", "03-1234-56789"] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
