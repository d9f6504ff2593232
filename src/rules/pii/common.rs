//! Shared helpers of the personal-information rules: digit runs, check digits, keyword windows
//! and references to a person. Not a rule.

use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

/// Dashes that separate digit groups in Japanese text besides `-` (NFKC folds `－` to `-` but
/// leaves these alone).
pub const DASHES: &[char] = &['-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', '─', '━'];

pub fn is_dash(c: char) -> bool {
    DASHES.contains(&c)
}

/// A run of digit groups joined by single separators (a space or a dash), e.g. `1234 5678 9012`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigitRun {
    pub start: usize,
    pub end: usize,
    /// Byte ranges of the groups.
    pub groups: Vec<(usize, usize)>,
    /// The digits, without separators.
    pub digits: String,
}

impl DigitRun {
    /// The group lengths, e.g. `[4, 4, 4]`.
    pub fn layout(&self) -> Vec<usize> {
        self.groups.iter().map(|(a, b)| b - a).collect()
    }
    /// Whether the groups have exactly the lengths `layout` (no allocation).
    pub fn has_layout(&self, layout: &[usize]) -> bool {
        self.groups.len() == layout.len() && self.groups.iter().zip(layout).all(|(&(a, b), &n)| b - a == n)
    }
    /// Whether the run is `n` digits written plain (one group) or in the groups `grouped`
    /// (`12, &[4, 4, 4]`: `123456789012` or `1234 5678 9012`).
    pub fn plain_or_grouped(&self, n: usize, grouped: &[usize]) -> bool {
        self.digits.len() == n && (self.groups.len() == 1 || self.has_layout(grouped))
    }
    /// Whether the run is one group or all its groups are separated the same way (only spaces
    /// or only dashes), as numbers are written; `1234-5678 9012` is two numbers, not one.
    pub fn uniform(&self, text: &str) -> bool {
        let seps: Vec<&str> = self.groups.windows(2).filter_map(|w| text.get(w[0].1..w[1].0)).collect();
        seps.iter().all(|s| *s == " ") || seps.iter().all(|s| s.chars().all(is_dash))
    }
}

impl crate::text::Normalized {
    /// [`digit_runs`] of the text, found once per check for the number rules.
    pub fn digit_runs(&self) -> &[DigitRun] {
        self.scans.digits.get_or_init(|| digit_runs(&self.text))
    }
}

/// Every maximal run of ASCII digits joined by single spaces or dashes in `text`. A run does not
/// start right after a letter, a digit, `.`, `,`, `+` or `/`, nor end before a letter, `.`+digit
/// or `,`+digit (decimals, versions, amounts, IP addresses and URLs are not numbers of a person).
pub fn digit_runs(text: &str) -> Vec<DigitRun> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            // On to the next character (`i` is always a character boundary).
            i += crate::text::utf8_width(b[i]);
            continue;
        }
        let start = i;
        // The groups in a buffer reused for every run; the run's own copies are made only for
        // the runs kept (most digit runs in a post are dates and times next to a letter).
        groups.clear();
        let mut j = i;
        loop {
            let g = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((g, j));
            // A single separator followed by a digit continues the run.
            let Some(c) = text[j..].chars().next() else { break };
            if c == ' ' || is_dash(c) {
                let k = j + c.len_utf8();
                if b.get(k).is_some_and(|d| d.is_ascii_digit()) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        let end = j;
        i = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let after2 = text[end..].chars().nth(1);
        let bad_before = before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '+' | '/' | '_' | '\\' | '¥' | '$'));
        let bad_after = after.is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            || (after.is_some_and(|c| matches!(c, '.' | ',' | '/' | ':')) && after2.is_some_and(|c| c.is_ascii_digit()));
        if bad_before || bad_after {
            continue;
        }
        let digits: String = groups.iter().map(|&(g, e)| &text[g..e]).collect();
        out.push(DigitRun { start, end, groups: groups.clone(), digits });
    }
    out
}

fn values(digits: &str) -> Vec<u32> {
    digits.bytes().map(|d| (d - b'0') as u32).collect()
}

/// マイナンバー (個人番号): 12 digits, the last a check digit (行政手続における特定の個人を識別
/// するための番号の利用等に関する法律施行令 第8条).
pub fn my_number_valid(digits: &str) -> bool {
    if digits.len() != 12 || !digits.bytes().all(|d| d.is_ascii_digit()) {
        return false;
    }
    let d = values(digits);
    let sum: u32 = (1..=11).map(|n| d[11 - n] * if n <= 6 { n as u32 + 1 } else { n as u32 - 5 }).sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    d[11] == check
}

/// 法人番号: 13 digits, the FIRST a check digit over the 12 others (法人番号の指定等に関する省令).
pub fn corporate_number_valid(digits: &str) -> bool {
    if digits.len() != 13 || !digits.bytes().all(|d| d.is_ascii_digit()) {
        return false;
    }
    let d = values(digits);
    let sum: u32 = (1..=12).map(|n| d[13 - n] * if n % 2 == 1 { 1 } else { 2 }).sum();
    d[0] == 9 - sum % 9
}

/// The Luhn (mod 10) check of payment card numbers.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|d| d.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = values(digits)
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &v)| if i % 2 == 1 { if v * 2 > 9 { v * 2 - 9 } else { v * 2 } } else { v })
        .sum();
    sum % 10 == 0
}

/// The issuer whose prefix and length a card number has, if any.
pub fn card_issuer(digits: &str) -> Option<&'static str> {
    let len = digits.len();
    let p = |n: usize| digits.get(..n).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    if digits.starts_with('4') && matches!(len, 13 | 16 | 19) {
        Some("Visa")
    } else if ((51..=55).contains(&p(2)) || (2221..=2720).contains(&p(4))) && len == 16 {
        Some("Mastercard")
    } else if matches!(p(2), 34 | 37) && len == 15 {
        Some("American Express")
    } else if (3528..=3589).contains(&p(4)) && (16..=19).contains(&len) {
        Some("JCB")
    } else if ((300..=305).contains(&p(3)) || matches!(p(2), 36 | 38 | 39)) && (14..=19).contains(&len) {
        Some("Diners Club")
    } else if (p(4) == 6011 || (644..=649).contains(&p(3)) || p(2) == 65 || (622126..=622925).contains(&p(6)))
        && (16..=19).contains(&len)
    {
        Some("Discover")
    } else if p(2) == 62 && (16..=19).contains(&len) {
        Some("UnionPay")
    } else {
        None
    }
}

/// The byte range reaching `before` characters back from `start` and `after` characters on from
/// `end` (clamped to the text, on char boundaries).
pub fn window(text: &str, start: usize, end: usize, before: usize, after: usize) -> (usize, usize) {
    let a = text[..start].char_indices().rev().take(before).last().map_or(start, |(i, _)| i);
    let b = text[end..].char_indices().nth(after).map_or(text.len(), |(i, _)| end + i);
    (a, b)
}

/// Whether any of `words` occurs in `text[a..b]`.
pub fn has_any(text: &str, a: usize, b: usize, words: &[&str]) -> bool {
    let s = &text[a..b];
    words.iter().any(|w| s.contains(w))
}

/// Whether any of `words` occurs within `before`/`after` characters of `start..end`.
pub fn near(text: &str, start: usize, end: usize, before: usize, after: usize, words: &[&str]) -> bool {
    let (a, b) = window(text, start, end, before, after);
    has_any(text, a, b, words)
}

/// CJK ideographs (and 々 〆 ヶ), the characters Japanese names are written in.
pub fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '々' | '〆' | 'ヶ')
}

/// Characters that stand for a withheld name: 〇〇さん, ○○様, ××氏.
fn is_placeholder(c: char) -> bool {
    matches!(c, '〇' | '○' | '◯' | '●' | '◎' | '×' | '✕' | '△' | '□' | '*')
}

pub fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}')
}

pub fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// The last characters of nouns that take さん/様 without naming anyone: 保護者様, ご家族様,
/// 町長さん, 事務局様, 参加者の皆さん.
const NOT_A_NAME_END: &[char] = &[
    '者', '民', '員', '皆', '客', '族', '長', '主', '家', '町', '市', '村', '県', '都', '府', '区', '課', '係', '所',
    '局', '社', '会', '校', '園', '館', '店', '方', '達', '様', '師', '官', '部', '団', '隊', '庁', '国', '組', '院',
    '士', '室', '屋', '業', '生', '手', '様', '神', '仏', '殿', '氏', '君', '宮', '寺', '場', '先',
];

/// Honorifics and titles that follow a person's name.
const SUFFIXES: &[&str] = &["さん", "さま", "ちゃん", "くん", "様", "氏", "君", "殿", "容疑者", "被告人", "被告"];

/// Common Japanese surnames (the most frequent family names; a list of facts).
const SURNAMES: &[&str] = &[
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "渡部", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
    "山口", "松本", "井上", "木村", "林", "斎藤", "斉藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下",
    "中島", "石井", "小川", "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "斉藤",
    "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦", "原田", "中川", "松田", "竹内", "小野",
    "田村", "中山", "和田", "石田", "森田", "上田", "原", "柴田", "酒井", "工藤", "横山", "宮崎", "宮本", "内田",
    "高木", "安藤", "島田", "谷口", "大野", "高田", "丸山", "今井", "河野", "藤本", "村田", "武田", "上野", "杉山",
    "増田", "小山", "大塚", "平野", "菅原", "久保", "松井", "千葉", "岩崎", "桜井", "木下", "野口", "松尾", "菊地",
    "野村", "新井", "渡邊", "渡邉",
];

/// Last characters of a kanji run after a surname that make it a place or a thing, not a given
/// name: 中村地区, 山田川, 佐藤病院.
const NOT_A_GIVEN_NAME_END: &[char] = &[
    '町', '市', '村', '区', '地', '駅', '橋', '川', '山', '台', '園', '館', '線', '通', '道', '店', '社', '会', '校',
    '課', '院', '家', '邸', '商', '屋', '堂', '池', '谷', '沢', '原', '野', '田', '島', '坂', '様', '氏', '君', '殿',
    '宅', '県', '都', '府', '部', '組', '式', '製', '産', '系', '流', '派', '賞', '杯', '展', '線', '港', '湖', '浜', '丘', '長', '員', '官', '議', '師', '者',
];

/// References to a particular person in `text`, as byte ranges: a name (or 〇〇, or a single
/// letter) with an honorific (山田さん, 〇〇様, Aさん, 田中氏), a labelled name (氏名：山田太郎) or
/// a full name starting with a common surname (佐藤花子). Generic nouns with honorifics
/// (皆さん, 保護者様, お子さん) are not references to anyone in particular.
pub fn person_refs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for suffix in SUFFIXES {
        for (i, _) in text.match_indices(suffix) {
            let j = i + suffix.len();
            let next = text[j..].chars().next();
            // 様式, 様子, 様々, 氏名, 氏族, 君が代…; さんぽ, さんせい: hiragana going on is a word.
            let bad_next = match *suffix {
                "様" => next.is_some_and(|c| matches!(c, '式' | '子' | '々' | '相' | '態' | '変')),
                "氏" => next.is_some_and(|c| matches!(c, '名' | '族')),
                "君" => next.is_some_and(|c| matches!(c, '主' | '臨' | 'が')),
                "殿" => next.is_some_and(is_kanji),
                _ => next.is_some_and(|c| is_hiragana(c) && !crate::text::one_of("がはのにをともへやでよねかな", c)),
            };
            if bad_next {
                continue;
            }
            // The name before the suffix.
            let before = &text[..i];
            let mut start = i;
            let mut n = 0;
            let mut placeholder = 0;
            let mut kanji_start = false;
            for (k, c) in before.char_indices().rev() {
                if is_kanji(c) || is_placeholder(c) || is_katakana(c) {
                    if is_placeholder(c) {
                        placeholder += 1;
                    }
                    kanji_start = is_kanji(c);
                    start = k;
                    n += 1;
                } else {
                    break;
                }
            }
            // A katakana given name follows a kanji surname (鈴木キヨさん); katakana alone is a
            // word (スタッフさん, ボランティアさん).
            let has_katakana = text[start..i].chars().any(is_katakana);
            let prev = text[..start].chars().next_back();
            let ok = if n == 0 {
                // A single letter standing for a person: Aさん, B氏.
                let mut it = before.chars().rev();
                match (it.next(), it.next()) {
                    (Some(c), p) if c.is_ascii_alphabetic() && !p.is_some_and(|p| p.is_ascii_alphanumeric()) => {
                        start = i - 1;
                        true
                    }
                    _ => false,
                }
            } else if placeholder == n {
                n >= 1
            } else {
                let last = before.chars().next_back().unwrap_or(' ');
                (2..=if has_katakana { 8 } else { 6 }).contains(&n)
                    && (!has_katakana || kanji_start)
                    && !NOT_A_NAME_END.contains(&last)
                    && !prev.is_some_and(|c| c == 'お' || c == 'ご')
            };
            if ok {
                out.push((start, j));
            }
        }
    }
    static LABEL: OnceLock<Pattern> = OnceLock::new();
    let label = LABEL.get_or_init(|| {
        Pattern::new(r"(?:氏名|お名前|名前)\s*[:：]\s*([\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}々〆ヶ]{1,4} ?[\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}々〆ヶ]{1,4})")
            .unwrap_or_else(|e| panic!("label regex: {e}"))
    });
    for c in label.captures_iter(text) {
        if let Some(m) = c.get(1) {
            out.push((m.start(), m.end()));
        }
    }
    out.extend(full_names(text));
    out.sort_unstable(); // the same result as `sort` for pairs, and the sort other rules use
    out.dedup();
    out
}

/// Kanji runs of a common surname and a one- or two-character given name (佐藤花子, 鈴木 一郎).
fn full_names(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_kanji(chars[i].1) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < chars.len() && is_kanji(chars[i].1) {
            i += 1;
        }
        let run_end = i;
        let a = chars[run_start].0;
        let b = chars.get(run_end).map_or(text.len(), |c| c.0);
        let run = &text[a..b];
        let surname = SURNAMES.iter().filter(|s| run.starts_with(**s)).max_by_key(|s| s.len());
        if let Some(s) = surname {
            if let Some(rest) = run.strip_prefix(s) {
                // "鈴木 一郎": the given name may follow one space.
                let (given, end) = if rest.is_empty() {
                    let after = &text[b..];
                    let g: String = after.strip_prefix(' ').map(|t| t.chars().take_while(|c| is_kanji(*c)).collect()).unwrap_or_default();
                    let e = b + 1 + g.len();
                    (g, e)
                } else {
                    (rest.to_string(), b)
                };
                let gn = given.chars().count();
                let last = given.chars().next_back().unwrap_or(' ');
                let min = if s.chars().count() == 1 { 2 } else { 1 };
                if (min..=2).contains(&gn) && !NOT_A_GIVEN_NAME_END.contains(&last) {
                    out.push((a, end));
                }
            }
        }
    }
    out
}

/// The sentence (or line) around `start..end`: from the previous 。！？ or newline to the next.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let stop = |c: char| matches!(c, '。' | '!' | '?' | '\n' | '．');
    let a = text[..start].char_indices().rev().find(|(_, c)| stop(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let b = text[end..].char_indices().find(|(_, c)| stop(*c)).map_or(text.len(), |(i, _)| end + i);
    (a, b)
}

/// Whether a person reference lies in the same sentence as `start..end`, within `reach`
/// characters.
pub fn person_near(text: &str, refs: &[(usize, usize)], start: usize, end: usize, reach: usize) -> bool {
    person_near_in(text, refs, start, end, reach, sentence(text, start, end))
}

/// Whether a person reference lies on the same line as `start..end`, within `reach` characters
/// (a Japanese subject often carries over the end of a sentence: 山田さんは入院中です。病名は…).
pub fn person_on_line(text: &str, refs: &[(usize, usize)], start: usize, end: usize, reach: usize) -> bool {
    let a = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let b = text[end..].find('\n').map_or(text.len(), |i| end + i);
    person_near_in(text, refs, start, end, reach, (a, b))
}

fn person_near_in(text: &str, refs: &[(usize, usize)], start: usize, end: usize, reach: usize, bounds: (usize, usize)) -> bool {
    let (sa, sb) = bounds;
    let (wa, wb) = window(text, start, end, reach, reach);
    let (a, b) = (sa.max(wa), sb.min(wb));
    refs.iter().any(|&(ra, rb)| ra < b && a < rb && !(ra < end && start < rb))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a My Number from 11 digits with the check digit computed independently (the
    /// weights written out as the law's table: 6 5 4 3 2 7 6 5 4 3 2 from the left).
    fn with_my_number_check(base: &str) -> String {
        let w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        let s: u32 = base.bytes().zip(w).map(|(d, w)| (d - b'0') as u32 * w).sum();
        let r = s % 11;
        format!("{base}{}", if r <= 1 { 0 } else { 11 - r })
    }

    #[test]
    fn my_number_check_digit() {
        for base in ["12345678901", "98765432109", "31415926535", "00000000010", "27182818284", "55555555555"] {
            let n = with_my_number_check(base);
            assert!(my_number_valid(&n), "{n}");
            // Any other last digit fails.
            let last = n.as_bytes()[11] - b'0';
            let wrong = format!("{base}{}", (last + 1) % 10);
            assert!(!my_number_valid(&wrong), "{wrong}");
        }
        assert!(my_number_valid("123456789018"));
        assert!(!my_number_valid("123456789012"));
        assert!(!my_number_valid("12345678901"));
        assert!(!my_number_valid("12345678901a"));
        // A transposition of two digits is caught.
        assert!(!my_number_valid("213456789018"));
    }

    #[test]
    fn corporate_number_check_digit() {
        // The check digit is the first; weights 1,2 alternating from the right.
        for (valid, n) in [
            (true, "4000020343234"),
            (true, "6012345678901"),
            (true, "2876543210987"),
            (false, "2000020343234"),
            (false, "3000020343234"),
            (false, "400002034323"),
        ] {
            assert_eq!(corporate_number_valid(n), valid, "{n}");
        }
        assert!(!corporate_number_valid("6012345678902"));
    }

    #[test]
    fn luhn_and_issuers() {
        for (n, issuer) in [
            ("4111111111111111", "Visa"),
            ("5555555555554444", "Mastercard"),
            ("2223003122003222", "Mastercard"),
            ("378282246310005", "American Express"),
            ("3530111333300000", "JCB"),
            ("30569309025904", "Diners Club"),
            ("6011111111111117", "Discover"),
            ("6200000000000005", "UnionPay"),
        ] {
            assert!(luhn_valid(n), "{n}");
            assert_eq!(card_issuer(n), Some(issuer), "{n}");
        }
        assert!(!luhn_valid("4111111111111112"));
        assert!(!luhn_valid("1234567812345678"));
        assert_eq!(card_issuer("1234567812345670"), None);
        assert_eq!(card_issuer("411111111111"), None);
    }

    #[test]
    fn digit_runs_join_groups_and_respect_boundaries() {
        let t = "番号 1234-5678 9012 と 0866-54-1301、v1.2.3、12,345円、x99";
        let runs: Vec<(String, Vec<usize>)> = digit_runs(t).into_iter().map(|r| (r.digits.clone(), r.layout())).collect();
        assert_eq!(runs, [("123456789012".to_string(), vec![4, 4, 4]), ("0866541301".to_string(), vec![4, 2, 4])]);
        let r = &digit_runs("1234 5678 9012")[0];
        assert!(r.uniform("1234 5678 9012"));
        assert!(!digit_runs("1234-5678 9012")[0].uniform("1234-5678 9012"));
    }

    #[test]
    fn person_references() {
        let t = "山田さんと〇〇様、Aさん、皆さん、保護者様、お子さん、佐藤花子、中村地区、公園さんぽ、申請様式";
        let got: Vec<&str> = person_refs(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["山田さん", "〇〇様", "Aさん", "佐藤花子"]);
        let t = "氏名：鈴木 一郎 の件";
        let got: Vec<&str> = person_refs(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["鈴木 一郎"]);
    }

    #[test]
    fn windows_stay_on_char_boundaries() {
        let t = "あいうえおabcかきくけこ";
        let s = t.find("abc").unwrap();
        let (a, b) = window(t, s, s + 3, 2, 2);
        assert_eq!(&t[a..b], "えおabcかき");
        let (a, b) = window(t, s, s + 3, 100, 100);
        assert_eq!(&t[a..b], t);
    }
}
