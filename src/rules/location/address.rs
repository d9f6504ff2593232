//! `location/address`: a Japanese postal address in the text.
//!
//! Finds 都道府県 + (郡) + 市区町村 (+ 政令市の区) + 町域 + 丁目・番地・号 (+ building and room),
//! written with ASCII, full-width or kanji numerals and any dash (`- ‐ ‑ – — ― − ー ｰ －`), with or
//! without the prefecture (`吉備中央町豊野1-2-3`, `渋谷区神南1-2-3`), and, without any
//! municipality, a 町域 followed by an unmistakable lot number (`豊野1-2-3`, `吉川123番地の4`,
//! `神南一丁目二番地`).
//!
//! A 町域 is written in kanji and katakana, with a hiragana の/が/つ between kanji (`丸の内`, `霞が関`,
//! `自由が丘`, `三の丸`, `四つ木`; ケ/ヶ as in `市ケ谷` are kanji here) or, right after the
//! municipality and before a street-level lot number only, starting with a run of hiragana
//! (`横浜市西区みなとみらい2-3-1`, `西東京市ひばりが丘1-2-3`): hiragana is everywhere in running
//! text, so a run that begins or ends like a particle (`港区では…`, `吉備中央町にある…`,
//! `…みんなで1-2-3`) is no district.
//!
//! Municipalities are recognised from the list of 総務省「全国地方公共団体コード」
//! (`src/dict/municipalities.txt`), not from any word ending in 市/町/村/区, so that everyday words
//! (町民, 市内, 第1-2回, 11-24, 0866-54-1301) never start an address.
//!
//! Severity: a street-level address (with block or lot numbers) is `warn`, except on an official
//! account when it is plainly a public venue's — right after 会場/場所/所在地/住所 (`会場：…`,
//! `所在地は…`, `【会場】…`), or in brackets or after a space behind a facility's name
//! (`町民体育館（吉備中央町豊野1-2）`) — where it is `info`. A town-level address
//! (`岡山県加賀郡吉備中央町豊野`, `渋谷区神南一丁目`) is `info`.
//!
//! Fires: `自宅は吉備中央町豊野1-2-3です` (personal, warn on `吉備中央町豊野1-2-3`).
//! Does not fire: `電話 0866-54-1301（受付 8:30-17:15）`.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta, WordSet};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Address;

static META: RuleMeta = RuleMeta {
    id: "location/address",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg {
        ja: "住所（番地まで）が書かれています。自宅や個人の所在地が特定されるおそれがあります。",
        en: "The post contains a street address. It can reveal where someone lives or is.",
    },
    why: Msg {
        ja: "吉備中央町ガイドライン 4(14) は、位置情報を他人に知られることの影響に留意するよう求めています。番地まで書いた住所は、自宅や個人の居場所をそのまま特定させ、つきまといや空き巣などの被害につながるおそれがあります。",
        en: "Kibichuo guideline 4(14) asks staff to mind what happens when others learn a location. An address down to the lot number pinpoints a home or a person, which can lead to stalking or burglary.",
    },
    fix: Msg {
        ja: "個人の住所は書かないでください。場所を伝える必要があるときは「豊野地区」「役場の近く」のように地区名や目印までにとどめてください。公共施設の会場は「会場：」の後に書くか、施設名の後ろに括弧で添えてください。",
        en: "Do not post a personal address. When a place must be given, stop at the district or a landmark (\"the Toyono area\", \"near the town hall\"). For a public venue, write it after 「会場：」 or in brackets after the facility's name.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "自宅は吉備中央町豊野１－２－３です。近くに来たら寄ってね",
            account: Account::Personal,
            hits: &[("吉備中央町豊野１－２－３", Severity::Warn)],
        },
        Example {
            text: "【火災】本日未明、吉備中央町吉川１２３番地の４の住宅で火災が発生しました。",
            account: Account::Official,
            hits: &[("吉備中央町吉川１２３番地の４", Severity::Warn)],
        },
        Example {
            text: "引っ越しました🏠 新住所：東京都渋谷区神南一丁目二番三号 メゾン神南201号室",
            account: Account::Unknown,
            hits: &[("東京都渋谷区神南一丁目二番三号 メゾン神南201号室", Severity::Warn)],
        },
        Example {
            text: "【防災訓練】会場：町民体育館（吉備中央町豊野1-2）　11月24日 9:00〜",
            account: Account::Official,
            hits: &[("吉備中央町豊野1-2", Severity::Info)],
        },
        Example {
            text: "本庁舎の所在地は岡山県加賀郡吉備中央町豊野です。",
            account: Account::Official,
            hits: &[("岡山県加賀郡吉備中央町豊野", Severity::Info)],
        },
        Example {
            text: "お問い合わせ：総務課 0866-54-1301（受付 8:30-17:15、11-24は休み）",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "吉備中央町では第1-2回の説明会に町民2-3人ずつ、1-2週間おきに参加いただきます。",
            account: Account::Official,
            hits: &[],
        },
        Example { text: "令和8年度 吉備中央町の人口は10,500人です。", account: Account::Personal, hits: &[] },
    ],
};

impl Rule for Address {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    #[cfg_attr(postcheck_fast, optimize(speed))]
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.text.as_str();
        let official = cx.context.account == Account::Official;
        let mut covered = 0usize;
        // The only places a chain can start, found from the 市町村区郡都道府県 in the text, and
        // the numerals that follow a 町域's character: nothing else can begin an address, so the
        // rest of the text is not visited character by character.
        let (starts, numerals) = starts(t);
        let (mut k, mut j) = (0, 0);
        loop {
            let (s, n) = (starts.get(k).copied(), numerals.get(j).copied());
            let i = match (s, n) {
                (None, None) => break,
                (Some(s), Some(n)) => s.min(n),
                (Some(x), None) | (None, Some(x)) => x,
            };
            let (chain_here, numeral_here) = (s == Some(i), n == Some(i));
            k += usize::from(chain_here);
            j += usize::from(numeral_here);
            if i < covered {
                continue;
            }
            let prev = t[..i].chars().next_back();
            let chain = if chain_here { chain_at(t, i, prev) } else { None };
            if let Some(found) = chain {
                // A street-level address keeps the rule's configured severity (warn unless the
                // admin raised or lowered it); a venue's address and a town are judged minor.
                let minor = match found.level {
                    Level::Street => official && venue_context(t, found.start, found.end),
                    Level::Town => true,
                };
                out.push(minor_hit(found.start, found.end, minor));
                covered = found.end;
                continue;
            }
            // A 町域 and an unmistakable lot number, without a municipality.
            if numeral_here {
                if let Some(tail) = parse_tail(t, i) {
                    if tail.strong_alone() {
                        if let Some(start) = bare_area_start(t, i, covered) {
                            let end = building_end(t, tail.end);
                            out.push(minor_hit(start, end, official && venue_context(t, start, end)));
                            covered = end;
                        }
                    }
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    /// With block or lot numbers.
    Street,
    /// Prefecture / municipality / 町域 (and at most 丁目).
    Town,
}

struct Found {
    start: usize,
    end: usize,
    level: Level,
}

const PREFECTURES: [&str; 47] = [
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
];

/// Municipality and ward names, with ヶ folded to ケ.
fn municipalities() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| {
        // Folded once for the program's life (the set is static).
        let folded: &'static str = Box::leak(dict!("municipalities.txt").replace('ヶ', "ケ").into_boxed_str());
        WordSet::new(folded.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')))
    })
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' | '々' | '〆' | 'ヶ' | '〇')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・')
}

/// A character that can be part of a 町域 (district) name.
fn is_area_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c)
}

/// A hit at `info` when `minor` (a public venue's address on an official account, a town),
/// else at the rule's configured severity, which the admin may raise to `block`.
fn minor_hit(start: usize, end: usize, minor: bool) -> Hit {
    let hit = Hit::new(start, end);
    if minor {
        hit.severity(Severity::Info)
    } else {
        hit
    }
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c)
}

/// The hiragana that join two kanji of a district's name: 丸の内, 三の丸, 霞が関, 自由が丘, 四つ木
/// (ケ and ヶ, as in 市ケ谷 and 霞ヶ関, are district characters anyway).
fn is_joiner(c: char) -> bool {
    matches!(c, 'の' | 'が' | 'つ')
}

/// A kanji that is no numeral: what follows a joiner.
fn is_name_kanji(c: char) -> bool {
    is_kanji(c) && !is_numeral(c)
}

/// One kanji (no numeral) at `p`, then no more: what may follow a joiner (丸の内, 霞が関一丁目,
/// 自由が丘; not 吉川の棚田, 豊野の公民館).
fn joined_after_ok(t: &str, p: usize) -> bool {
    let mut next = t[p..].chars();
    next.next().is_some_and(is_name_kanji) && !next.next().is_some_and(is_name_kanji)
}

/// Whether the joiner (の/が/つ) at `a` is part of the district name that starts at `q`: one to
/// three kanji from `q` before it, one kanji after it (`丸の内`, `霞が関一丁目`, `自由が丘`; not
/// `豊野の公民館`, nor the の of `吉備中央町の…`, which has nothing before it).
fn joiner_in_area(t: &str, q: usize, a: usize) -> bool {
    let Some(c) = t[a..].chars().next().filter(|&c| is_joiner(c)) else { return false };
    let before = &t[q..a];
    let n = before.chars().count();
    (1..=3).contains(&n) && before.chars().all(is_kanji) && joined_after_ok(t, a + c.len_utf8())
}

/// Hiragana that cannot start a district name written in hiragana right after a municipality:
/// a particle (`港区では…`, `吉備中央町にある…`, `渋谷区のみなさん…`). (This loses the few names
/// that start like one: はるひ野, ときわ台.)
const KANA_NAME_NOT_FIRST: &str = "はでにをがともへやの";
/// … nor end one that runs right into the lot number (`港区みんなで1-2-3`).
const KANA_NAME_NOT_LAST: &str = "はでにをがともへやのかねよなだてくずるた";
/// … nor end one that is followed by kanji (`ひばりが丘` is a name, `みんなの豊野` is not).
const KANA_NAME_NOT_BEFORE_KANJI: &str = "はでにをともへやのかねよなだてくずるた";
const KANA_NAME_NOT_SUFFIX: &[&str] = &["から", "まで", "より", "など", "だけ", "ほど", "くらい", "ぐらい", "です", "ます"];

/// Whether a run of hiragana right after a municipality's name can begin a district's name
/// (みなとみらい, ひばりが丘, あざみ野): `whole` when the run is all of the name (the lot number
/// follows it).
fn kana_name_ok(run: &str, whole: bool) -> bool {
    let (Some(first), Some(last)) = (run.chars().next(), run.chars().next_back()) else { return false };
    let not_last = if whole { KANA_NAME_NOT_LAST } else { KANA_NAME_NOT_BEFORE_KANJI };
    let one_char = run.chars().nth(1).is_none();
    let particle_end = whole && KANA_NAME_NOT_SUFFIX.iter().any(|w| run.ends_with(w));
    !(one_char || crate::text::one_of(KANA_NAME_NOT_FIRST, first) || crate::text::one_of(not_last, last) || particle_end)
}

const KANJI_NUMERALS: &str = "〇一二三四五六七八九十百千";

fn is_numeral(c: char) -> bool {
    // The characters of KANJI_NUMERALS (a test keeps the two in step), as a `match`: this runs
    // at every character of the text.
    matches!(c, '0'..='9' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千')
}

/// Every dash people type between lot numbers (after NFKC: `－`→`-`, `‑`→`‐`, `ｰ`→`ー`).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | 'ー' | '\u{FF70}' | '\u{FE63}' | '\u{FF0D}')
}

/// A character of a municipality's name.
fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || ('\u{3041}'..='\u{3096}').contains(&c)
}

/// The municipality (or ward) name starting at `p`, longest first: its end.
fn municipality_at(t: &str, p: usize) -> Option<usize> {
    // The key is built in a buffer on the stack (8 characters of at most 4 bytes): this runs at
    // every character of the text.
    let mut key = [0u8; 32];
    let mut len = 0;
    let mut best = None;
    let bytes = t.as_bytes();
    let (mut at, mut n) = (p, 0);
    while at < bytes.len() {
        let (c, w) = crate::text::char_at(bytes, at);
        let off = at - p;
        at += w;
        if n >= 8 || !is_name_char(c) {
            break;
        }
        n += 1;
        let c = if c == 'ヶ' { 'ケ' } else { c };
        len += c.encode_utf8(&mut key[len..]).len();
        if n >= 2 && matches!(c, '市' | '町' | '村' | '区') {
            let found = std::str::from_utf8(&key[..len]).is_ok_and(|k| municipalities().contains(k));
            if found {
                best = Some(p + off + c.len_utf8());
            }
        }
    }
    best
}

/// Where an address can begin, in one pass over the text's characters:
///
/// * every position where [`chain_at`] can find a chain, in order (a few more): where a
///   prefecture, a 郡 (a municipality after it is left to `chain_at`) or a municipality starts.
///   Found backwards from the characters that end them (都道府県, 郡, 市町村区), which are rare,
///   instead of trying every character of the text: the names are short (a prefecture three or
///   four kanji, a 郡 at most five characters, a municipality at most eight);
/// * every numeral that follows a character of a 町域 which is no numeral itself: where a lot
///   number without a municipality can start.
///
/// The pass steps from character to character by the lead byte and compares a three-byte
/// character as one integer (a slice pattern is a `memcmp` call per name and position).
#[cfg_attr(postcheck_fast, optimize(speed))]
fn starts(t: &str) -> (Vec<usize>, Vec<usize>) {
    let b = t.as_bytes();
    let (mut chains, mut numerals) = (Vec::new(), Vec::new());
    let numeral_here = |m: usize, numerals: &mut Vec<usize>| {
        if t[..m].chars().next_back().is_some_and(|p| is_area_char(p) && !is_numeral(p)) {
            numerals.push(m);
        }
    };
    let mut m = 0;
    while m < b.len() {
        let x = b[m];
        if x < 0x80 {
            if x.is_ascii_digit() {
                numeral_here(m, &mut numerals);
            }
            m += 1;
            continue;
        }
        let width = if x >= 0xF0 { 4 } else if x >= 0xE0 { 3 } else { 2 };
        if width != 3 || m + 3 > b.len() {
            m += width;
            continue;
        }
        let end = m + 3;
        match (x as u32) << 16 | (b[m + 1] as u32) << 8 | b[m + 2] as u32 {
            // 〇 一 七 三 九 二 五 八 六 十 千 四 百
            0xE38087 | 0xE4B880 | 0xE4B883 | 0xE4B889 | 0xE4B99D | 0xE4BA8C | 0xE4BA94 | 0xE585AB | 0xE585AD | 0xE58D81
            | 0xE58D83 | 0xE59B9B | 0xE799BE => numeral_here(m, &mut numerals),
            // 都 道 府 県
            0xE983BD | 0xE98193 | 0xE5BA9C | 0xE79C8C => {
                for back in [6, 9] {
                    if let Some(p) = m.checked_sub(back).filter(|&p| t.is_char_boundary(p)) {
                        if prefecture_at(t, p).is_some() {
                            chains.push(p);
                        }
                    }
                }
            }
            // 郡 (gun_at: one to four kanji, then 郡)
            0xE983A1 => {
                let mut p = m;
                for _ in 0..4 {
                    let Some(c) = t[..p].chars().next_back().filter(|&c| is_kanji(c)) else { break };
                    p -= c.len_utf8();
                    chains.push(p);
                }
            }
            // 市 町 村 区 (municipality_at: the name's characters, the marker at most the eighth)
            0xE5B882 | 0xE794BA | 0xE69D91 | 0xE58CBA => {
                let mut p = m;
                for _ in 0..7 {
                    let Some(c) = t[..p].chars().next_back().filter(|&c| is_name_char(c)) else { break };
                    p -= c.len_utf8();
                    let name = &t[p..end];
                    let found = if name.contains('ヶ') {
                        municipalities().contains(&name.replace('ヶ', "ケ"))
                    } else {
                        municipalities().contains(name)
                    };
                    if found {
                        chains.push(p);
                    }
                }
            }
            _ => {}
        }
        m = end;
    }
    chains.sort_unstable();
    chains.dedup();
    (chains, numerals)
}

/// The prefecture starting at `p`: its end.
fn prefecture_at(t: &str, p: usize) -> Option<usize> {
    let rest = &t[p..];
    // Every name is three or four kanji ending in 都, 道, 府 or 県: a quick test before the
    // 47 comparisons (this runs at every character of the text).
    let suffix = |r: std::ops::Range<usize>| rest.get(r).is_some_and(|s| matches!(s, "都" | "道" | "府" | "県"));
    if !(suffix(6..9) || suffix(9..12)) {
        return None;
    }
    PREFECTURES.iter().find(|n| rest.starts_with(**n)).map(|n| p + n.len())
}

/// A 郡 (1-4 kanji + 郡) starting at `p` and followed by a municipality: the 郡's end.
fn gun_at(t: &str, p: usize) -> Option<usize> {
    for (n, (off, c)) in t[p..].char_indices().enumerate() {
        if n > 4 || !is_kanji(c) {
            return None;
        }
        if c == '郡' && n >= 1 {
            let e = p + off + c.len_utf8();
            return municipality_at(t, e).map(|_| e);
        }
    }
    None
}

fn chain_at(t: &str, i: usize, prev: Option<char>) -> Option<Found> {
    let boundary = !prev.is_some_and(|c| is_kanji(c) || is_katakana(c));
    let mut p = i;
    let mut anchored = false; // prefecture or 郡 in front: a town-level address on its own
    if let Some(e) = prefecture_at(t, p) {
        p = e;
        anchored = true;
    } else if !boundary {
        return None;
    }
    if let Some(e) = gun_at(t, p) {
        p = e;
        anchored = true;
    }
    let m = municipality_at(t, p)?;
    let mut p = m;
    // 政令市の区: 岡山市北区
    if t[..p].ends_with('市') {
        if let Some(w) = municipality_at(t, p).filter(|&w| t[..w].ends_with('区')) {
            p = w;
        }
    }
    let muni_end = p;
    // Optional single space between the municipality and the 町域.
    let q = if t[p..].starts_with(' ') { p + 1 } else { p };
    // Walk the 町域, trying a lot number at each position. Besides kanji and katakana, a 町域
    // may hold a joiner between kanji (丸の内, 霞が関) and, right after the municipality, start
    // with a run of hiragana (みなとみらい, ひばりが丘, あざみ野): such a name only counts before a
    // street-level lot number (hiragana is everywhere in running text).
    let mut a = q;
    let mut n = 0;
    // The leading run of hiragana: its end (`q` when there is none).
    let mut kana_end = q;
    loop {
        if let Some(tail) = parse_tail(t, a) {
            let area = &t[q..a];
            let kana_ok = kana_end == q || (kana_name_ok(&t[q..kana_end], kana_end == a) && tail.strong_in_chain());
            if let Some(level) = tail.level_in_chain(area).filter(|_| kana_ok) {
                if level == Level::Street || anchored || !area.is_empty() {
                    let end = if level == Level::Street { building_end(t, tail.end) } else { tail.end };
                    return Some(Found { start: i, end, level });
                }
            }
        }
        let Some(c) = t[a..].chars().next() else { break };
        if c == ' ' && a > q && n < 12 && kana_end == q {
            // 吉備中央町豊野 1-2-3: a space, then only an unmistakable lot number.
            if let Some(tail) = parse_tail(t, a + 1).filter(Tail::strong_alone) {
                return Some(Found { start: i, end: building_end(t, tail.end), level: Level::Street });
            }
        }
        if n >= 12 {
            break;
        }
        if is_hiragana(c) && kana_end == a && q == muni_end {
            kana_end = a + c.len_utf8();
        } else if !is_area_char(c) && !joiner_in_area(t, q, a) {
            break;
        }
        a += c.len_utf8();
        n += 1;
    }
    if !anchored {
        return None;
    }
    // Town level: the prefecture/郡/municipality and a plain 町域 after it. Without a 町域
    // (岡山県加賀郡吉備中央町の公式アカウント) it is only the name of the town: nothing to show.
    let end = town_area_end(t, muni_end);
    (end > muni_end).then_some(Found { start: i, end, level: Level::Town })
}

/// Words that follow a municipality's name but are no district name (町役場, 町民, 町内…).
const NOT_AREA: &[&str] = &[
    "役場", "役所", "庁舎", "立", "民", "内", "長", "議", "在住", "出身", "全域", "全体", "教育", "公式", "職員",
    "社会", "主催", "観光", "広報", "地域", "周辺", "付近", "近辺", "一帯", "方面", "各", "以外", "外", "産",
    "製", "選挙", "総合", "商工", "消防", "警察", "政", "営", "制", "税", "章", "花", "木", "鳥", "歌", "史",
    "誌", "報", "域", "部", "課", "係", "では", "です", "まで", "から", "及び",
];

fn town_area_end(t: &str, p: usize) -> usize {
    let rest = &t[p..];
    if NOT_AREA.iter().any(|w| rest.starts_with(w)) {
        return p;
    }
    let mut end = p;
    for (n, (off, c)) in rest.char_indices().enumerate() {
        if n >= 6 || is_numeral(c) || !(is_kanji(c) || joiner_in_area(t, p, p + off)) {
            break;
        }
        end = p + off + c.len_utf8();
    }
    // A 町域 run that goes on into more kanji is a compound word, not a district.
    if rest[end - p..].chars().next().is_some_and(is_kanji) {
        return p;
    }
    end
}

/// Lot-number units, longest first.
const UNITS: [&str; 7] = ["丁目", "番地", "号室", "地割", "番", "号", "条"];

#[derive(Default, Debug)]
struct Tail {
    end: usize,
    /// Number groups, in order: (ASCII digits?, unit, leading zero?, digit count, value).
    groups: Vec<(bool, &'static str, bool, usize, u32)>,
    /// Groups joined by a dash.
    dashes: usize,
}

impl Tail {
    fn has(&self, u: &str) -> bool {
        self.groups.iter().any(|g| g.1 == u)
    }
    /// A unit followed by another number group.
    fn unit_then_num(&self, u: &str) -> bool {
        self.groups.windows(2).any(|w| w[0].1 == u)
    }
    fn date_like(&self) -> bool {
        let g = &self.groups;
        g.len() == 3 && self.dashes == 2 && g[0].3 == 4 && (1900..=2100).contains(&g[0].4) && (1..=12).contains(&g[1].4)
    }
    fn leading_zero(&self) -> bool {
        self.groups.first().is_some_and(|g| g.2)
    }
    /// Street-level without any municipality in front: only unmistakable lot numbers.
    fn strong_alone(&self) -> bool {
        if self.leading_zero() || self.date_like() {
            return false;
        }
        self.has("番地")
            || (self.unit_then_num("番") && self.has("号"))
            || self.unit_then_num("丁目")
            || (self.dashes >= 2 && self.groups.iter().all(|g| g.0 && g.3 <= 4 && !g.2))
    }
    /// Street-level behind a municipality, by its numbers alone (not `1-2`, nor a bare `123`,
    /// which need a district name in kanji or katakana in front).
    fn strong_in_chain(&self) -> bool {
        !self.leading_zero() && !self.date_like() && (self.strong_alone() || self.unit_then_num("番") || self.has("号"))
    }
    /// The level of this lot number behind a municipality and 町域 `area`.
    fn level_in_chain(&self, area: &str) -> Option<Level> {
        if self.leading_zero() || self.date_like() {
            return None;
        }
        if self.strong_in_chain() {
            return Some(Level::Street);
        }
        // 豊野1-2 needs a district name between the municipality and the numbers.
        if self.dashes >= 1 && !area.is_empty() && self.groups.iter().all(|g| g.0 && g.3 <= 5) {
            return Some(Level::Street);
        }
        // 北1条西2丁目 (Sapporo's blocks): a 丁目 after 条 groups.
        if let [joes @ .., last] = self.groups.as_slice() {
            if last.1 == "丁目" && !joes.is_empty() && joes.iter().all(|g| g.1 == "条") {
                return Some(Level::Town);
            }
        }
        if self.groups.len() == 1 {
            let g = &self.groups[0];
            if g.1 == "丁目" {
                return Some(Level::Town);
            }
            // A rural lot number with no unit: 吉川1234
            if g.0 && g.1.is_empty() && !area.is_empty() && !area.ends_with(|c: char| crate::text::one_of("数率費額計約第年月日時分期度口民長員内外者中目回号番", c)) {
                return Some(Level::Street);
            }
        }
        None
    }
}

/// Characters that, right after a bare number, show it is a count or a time, not a lot number.
const COUNT_AFTER: &str = "人回日月年時分秒歳才個本枚件名台円週倍点位度割部組期階kmgl%.:/,~〜";

/// The most number groups a lot number has (北1条西2丁目3番地4号 has four).
const MAX_GROUPS: usize = 8;

/// Parses lot numbers starting at `p`: `1-2-3`, `１丁目２番３号`, `一丁目二番地`, `123番地の4`,
/// `北1条西2丁目3番`.
fn parse_tail(t: &str, p: usize) -> Option<Tail> {
    let mut tail = Tail::default();
    let mut q = p;
    loop {
        // A number group.
        let rest = &t[q..];
        let first = rest.chars().next()?;
        let ascii = first.is_ascii_digit();
        let len: usize = if ascii {
            // (At most 6 digits are looked at: more is no lot number, however long the run.)
            rest.bytes().take(6).take_while(u8::is_ascii_digit).count()
        } else {
            rest.chars().take_while(|c| crate::text::one_of(KANJI_NUMERALS, *c)).map(char::len_utf8).sum()
        };
        if len == 0 || (ascii && len > 5) || (!ascii && len > 6 * 3) {
            break;
        }
        let digits = &rest[..len];
        let value = if ascii { digits.parse().unwrap_or(u32::MAX) } else { 0 };
        let after = &rest[len..];
        let unit = UNITS.iter().copied().find(|u| after.starts_with(u)).unwrap_or("");
        if !ascii && unit.is_empty() {
            break; // a kanji numeral without a unit is part of a word
        }
        if !ascii && tail.groups.is_empty() && unit == "番" && !after[unit.len()..].starts_with(|c: char| is_numeral(c)) {
            break; // 一番 (the best), not a lot number
        }
        tail.groups.push((ascii, unit, ascii && len > 1 && digits.starts_with('0'), len, value));
        if tail.groups.len() > MAX_GROUPS {
            // 1-2-3-4-5-6-7-8-9: a serial, a list or a table, no lot number. Stopping here also
            // keeps a long dash-joined run from being walked again from each of its positions
            // (a check quadratic in the text's length).
            return None;
        }
        q += len + unit.len();
        // A separator, or the next group right after a unit.
        let rest = &t[q..];
        let Some(c) = rest.chars().next() else { break };
        if is_dash(c) && ascii && unit.is_empty() && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) {
            tail.dashes += 1;
            q += c.len_utf8();
            continue;
        }
        if matches!(c, 'の' | 'ノ') && matches!(unit, "番地" | "番") && rest[c.len_utf8()..].starts_with(|d: char| is_numeral(d)) {
            q += c.len_utf8();
            continue;
        }
        if unit == "条" && matches!(c, '東' | '西' | '南' | '北') && rest[c.len_utf8()..].starts_with(|d: char| is_numeral(d)) {
            q += c.len_utf8();
            continue;
        }
        if !unit.is_empty() && is_numeral(c) && unit != "号" && unit != "号室" {
            continue;
        }
        break;
    }
    let last = tail.groups.last()?;
    if last.1.is_empty() {
        // A bare number must not run on into a count, a time or a decimal.
        if t[q..].starts_with(|c: char| c.is_ascii_digit() || crate::text::one_of(COUNT_AFTER, c)) || t[q..].starts_with(is_dash) {
            return None;
        }
        if t[q..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
    }
    tail.end = q;
    Some(tail)
}

/// Extends an address over a building name and a floor or room: ` メゾン神南201号室`, `〇〇ビル3F`.
fn building_end(t: &str, p: usize) -> usize {
    static RE: OnceLock<Pattern> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Pattern::new(concat!(
            r"^(?:[ \-]?(?:(?:コーポ|メゾン|ハイツ|パレス|レジデンス|グランド|ヴィラ|シャトー|サン)[ァ-ヺー・a-z一-鿿々ヶ〇]{1,10}",
            r"|[ァ-ヺー・a-z一-鿿々ヶ〇0-9]{0,20}?(?:ビル|マンション|ハイツ|コーポ|荘|アパート|レジデンス|タワー|ハウス|コート|パレス|ヒルズ|プラザ|号棟|棟))",
            r"(?: ?[0-9]{1,4}(?:f|階|号室|号)?)?",
            r"|[ \-]?[0-9]{1,4}(?:f|階|号室))",
        ))
        .expect("building regex")
    });
    re.find(&t[p..]).map_or(p, |m| {
        let s = m.as_str();
        // A lone dash or space is not a building.
        if s.trim_matches(|c| c == ' ' || c == '-').is_empty() { p } else { p + s.trim_end().len() }
    })
}

/// The last character of a prefecture, 郡 or municipality.
fn is_place_end(c: char) -> bool {
    matches!(c, '都' | '道' | '府' | '県' | '郡' | '市' | '区' | '町' | '村')
}

/// Whether what ends at `j` (and starts no earlier than `floor`) can stand before a joiner in
/// a district's name: a kanji that ends no prefecture or municipality, and no word that makes
/// the joiner a particle (自宅の, 住所の).
fn joiner_before_ok(t: &str, floor: usize, j: usize) -> bool {
    let before = &t[floor..j];
    before.chars().next_back().is_some_and(|c| is_kanji(c) && !is_place_end(c))
        && !LEAD.iter().any(|w| before.ends_with(w))
}

/// Words before an address that are no part of it.
const LEAD: &[&str] = &["現住所", "住所", "自宅", "実家", "所在地", "会場", "場所", "宛先", "送付先", "本籍"];

/// Where the 町域 before a bare lot number starts (no municipality, nothing before `floor`), or
/// `None` when the word in front is no place (電話, 第, 資料…).
fn bare_area_start(t: &str, i: usize, floor: usize) -> Option<usize> {
    let mut start = i;
    // After a joiner (丸の内, 霞が関): how many kanji before it are taken.
    let mut joined: Option<usize> = None;
    for (n, c) in t[floor..i].chars().rev().enumerate() {
        if n >= 8 {
            break;
        }
        if let Some(k) = joined.as_mut() {
            // One to three kanji before the joiner, not the end of a prefecture or
            // municipality (東京都霞が関: the name is 霞が関).
            if *k >= 3 || !is_kanji(c) || is_place_end(c) {
                break;
            }
            *k += 1;
        } else if is_joiner(c) {
            if !joiner_before_ok(t, floor, start - c.len_utf8()) || !joined_after_ok(t, start) || t[start..i].chars().count() > 1 {
                break;
            }
            joined = Some(0);
        } else if !is_area_char(c) {
            break;
        }
        start -= c.len_utf8();
    }
    if joined.is_some() {
        // 東京都霞が関1-3-1: the prefecture in front (which a name without joiner takes as kanji).
        if let Some(p) = PREFECTURES.iter().find(|p| t[floor..start].ends_with(**p)) {
            start -= p.len();
        }
    }
    let area = &t[start..i];
    const NOT_PLACE_END: &[&str] = &[
        "電話", "内線", "番号", "第", "資料", "表", "図", "条", "項", "号", "章", "節", "版", "番", "携帯", "道",
        "線", "便", "車", "室", "階", "棟", "期", "回", "年", "度", "月", "日", "時", "分", "約", "計", "各", "例",
        "型", "式", "ファックス", "コード", "ページ", "ナンバー", "ID", "ー", "結果", "スコア", "ステップ", "手順", "段階",
        "順", "位", "対", "戦", "点", "問", "題", "科目", "講座", "組", "班", "列", "席", "行", "巻", "枠", "レベル",
    ];
    if area.is_empty() || NOT_PLACE_END.iter().any(|w| area.ends_with(w)) {
        return None;
    }
    let mut s = start;
    for w in LEAD {
        if t[s..i].starts_with(w) && t[s..i].len() > w.len() {
            s += w.len();
            break;
        }
    }
    Some(s)
}

/// Words whose last characters make the name of a public facility.
const FACILITY_END: &[&str] = &[
    "館", "センター", "ホール", "会場", "広場", "公園", "庁舎", "役場", "役所", "支所", "出張所", "校", "園", "所",
    "場", "院", "署", "室", "局", "堂", "寺", "神社", "宮", "駅", "店", "プラザ", "ドーム", "アリーナ", "スタジアム",
    "施設", "ビル", "棟", "温泉", "市場", "高原", "ステーション", "道の駅", "オフィス", "本部", "工房", "カフェ",
    "食堂", "ホテル", "旅館", "港", "空港", "キャンプ場", "スクエア", "パーク", "ランド", "ハウス", "かよう",
];

/// Whether the address at `start..end` is given as a public venue's: after 会場/場所/所在地/住所
/// (with ：, は or 】), in brackets or after a space behind a facility's name, or followed by one
/// (`吉備中央町豊野1-2 吉備中央町役場`, `…830番地の円城ふれあいセンター`).
fn venue_context(t: &str, start: usize, end: usize) -> bool {
    static LABEL: OnceLock<Pattern> = OnceLock::new();
    static POSTCODE: OnceLock<Pattern> = OnceLock::new();
    let label = LABEL.get_or_init(|| {
        Pattern::new(r"(?:会場|場所|所在地|住所|開催地|避難所|投票所)\s*(?::|は|】|\]|>)?\s*$").expect("label regex")
    });
    let postcode = POSTCODE.get_or_init(|| Pattern::new(r"〒?\s*[0-9]{3}[-‐−ー][0-9]{4}\s*$").expect("postcode regex"));
    // The line before the address, at most 120 bytes of it (keeps long texts linear).
    let mut lo = start.saturating_sub(120);
    while !t.is_char_boundary(lo) {
        lo -= 1;
    }
    let line_start = t[lo..start].rfind('\n').map_or(lo, |n| lo + n + 1);
    let mut before = t[line_start..start].trim_end();
    if let Some(m) = postcode.find(before) {
        before = before[..m.start()].trim_end();
        // 〒716-1192 岡山県…: a mailing address, the organisation's own unless it is addressed to a person.
        let mut hi = (end + 120).min(t.len());
        while !t.is_char_boundary(hi) {
            hi -= 1;
        }
        let line_end = t[end..hi].find('\n').map_or(hi, |n| end + n);
        let to_person = ["様", "さん", "氏", "宅", "殿"].iter().any(|w| t[end..line_end].contains(w) || before.contains(w));
        if !to_person {
            return true;
        }
    }
    if label.is_match(before) {
        return true;
    }
    if venue_name_after(t, end) {
        return true;
    }
    // 町民体育館（…）, 賀陽庁舎 …, 町民体育館：…
    let name = if let Some(b) = before.strip_suffix(['(', '「', '[', ':']) {
        b.trim_end()
    } else if t[line_start..start].len() > before.len() {
        before // a space between the name and the address
    } else {
        return false;
    };
    FACILITY_END.iter().any(|w| name.ends_with(w))
}

/// Facilities whose name may follow their address.
const FACILITY_AFTER: &[&str] = &[
    "役場", "役所", "庁舎", "センター", "体育館", "公民館", "会館", "図書館", "公園", "学校", "ホール", "プラザ", "支所",
    "病院", "駅", "神社", "広場", "集会所", "施設", "美術館", "博物館", "資料館", "交流館", "ふれあい館", "ドーム",
];

/// A facility's name right after the address (after a space, a bracket or の).
fn venue_name_after(t: &str, end: usize) -> bool {
    let rest = t[end..].trim_start_matches([' ', '(', '「', '[']);
    let rest = rest.strip_prefix('の').unwrap_or(rest);
    let mut name_end = 0;
    for (n, (off, c)) in rest.char_indices().enumerate() {
        if n >= 16 || !(is_kanji(c) || is_katakana(c) || c.is_ascii_alphanumeric() || ('\u{3041}'..='\u{3096}').contains(&c)) {
            break;
        }
        if matches!(c, 'で' | 'に' | 'を' | 'は' | 'が' | 'へ' | 'と' | 'も' | 'や') && n > 0 {
            break;
        }
        name_end = off + c.len_utf8();
    }
    let name = &rest[..name_end];
    FACILITY_AFTER.iter().any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {

    /// `starts` holds every position where `chain_at` finds a chain: tried at every
    /// character of the corpora and of names made to stress the backward search.
    #[test]
    fn chains_start_only_where_chain_starts_says() {
        let corpus = crate::rules::testing::corpus_texts();
        let made = "岡山県加賀郡吉備中央町豊野1-2、鹿児島県鹿児島市山下町11-1、霞ヶ浦町、霞ケ浦、北海道虻田郡倶知安町北1条東2丁目、\
                    東京都千代田区丸の内1-1、岡山市北区大供1-1-1、さいたま市浦和区常盤6-4-4、吉備中央町役場、x市y😀町、郡郡郡町、県県県";
        let (mut chains, mut tried, mut chars) = (0, 0, 0);
        for text in corpus.iter().map(String::as_str).chain([made]) {
            let norm = crate::text::Normalized::new(text);
            let t = norm.text.as_str();
            let (starts, _) = starts(t);
            tried += starts.len();
            chars += t.chars().count();
            let mut prev = None;
            for (i, c) in t.char_indices() {
                if chain_at(t, i, prev).is_some() {
                    chains += 1;
                    assert!(starts.binary_search(&i).is_ok(), "chain at {i} not in starts: {t}");
                }
                prev = Some(c);
            }
        }
        assert!(chains >= 40, "{chains} chains found");
        // And it is short: the point is not to try every character.
        assert!(tried * 20 < chars, "{tried} starts to try in {chars} characters");
    }

    #[test]
    fn numerals_after_area_are_those_of_a_char_by_char_walk() {
        let text = "豊野1-2 一丁目 二十三番地 〇〇町七 百千 九9 x1 ア5 ー3 漢😀4 県一二 1町 千代田区丸の内１－１ ５ 町〇 町一 町二 町三 町四 町五 町六 町七 町八 町九 町十 町百 町千";
        let t = crate::text::Normalized::new(text).text;
        let mut want = Vec::new();
        let mut prev = None;
        for (i, c) in t.char_indices() {
            if is_numeral(c) && prev.is_some_and(|p| is_area_char(p) && !is_numeral(p)) {
                want.push(i);
            }
            prev = Some(c);
        }
        assert!(want.len() >= 19, "{want:?}");
        assert_eq!(starts(&t).1, want);
    }

    #[test]
    fn is_numeral_is_the_digits_and_kanji_numerals() {
        for c in ('\0'..='\u{FFFF}').chain(['\u{20000}', '\u{10FFFF}']) {
            assert_eq!(super::is_numeral(c), c.is_ascii_digit() || super::KANJI_NUMERALS.contains(c), "{c:?}");
        }
    }
    use super::*;

    #[test]
    fn every_prefecture_passes_the_quick_test() {
        for p in PREFECTURES {
            let t = format!("{p}加賀郡");
            assert_eq!(prefecture_at(&t, 0), Some(p.len()), "{p}");
        }
        assert_eq!(prefecture_at("県内", 0), None);
    }
    /// (original characters, UTF-16 start, UTF-16 end, severity) of every hit.
    fn run(text: &str, account: Account) -> Vec<(String, u32, u32, Severity)> {
        crate::rules::testing::run_tuples(&Address, text, account)
    }

    fn one(text: &str, account: Account) -> (String, u32, u32, Severity) {
        let hits = run(text, account);
        assert_eq!(hits.len(), 1, "{text:?}: {hits:?}");
        hits.into_iter().next().expect("one hit")
    }

    /// UTF-16 start and end of the first `needle` in `text`.
    fn at16(text: &str, needle: &str) -> (u32, u32) {
        let b = text.find(needle).expect("needle in text");
        let s = text[..b].encode_utf16().count() as u32;
        (s, s + needle.encode_utf16().count() as u32)
    }

    #[test]
    fn full_width_digits_and_dash_with_exact_utf16_span() {
        let t = "自宅は吉備中央町豊野１－２－３です";
        assert_eq!(one(t, Account::Personal), ("吉備中央町豊野１－２－３".into(), 3, 15, Severity::Warn));
    }

    #[test]
    fn every_dash_variant() {
        for d in ["-", "‐", "‑", "–", "—", "―", "−", "ー", "ｰ", "－"] {
            let t = format!("住所 渋谷区神南1{d}2{d}3 に届けて");
            let want = format!("渋谷区神南1{d}2{d}3");
            let hit = one(&t, Account::Personal);
            assert_eq!((hit.0.as_str(), hit.1, hit.3), (want.as_str(), 3, Severity::Warn), "dash {d:?}");
            assert_eq!(hit.2, 3 + want.encode_utf16().count() as u32);
        }
    }

    #[test]
    fn kanji_numerals_and_units() {
        assert_eq!(one("実家は岡山市北区大供一丁目二番地です", Account::Personal).0, "岡山市北区大供一丁目二番地");
        assert_eq!(one("吉備中央町吉川１２３番地の４にて", Account::Personal).0, "吉備中央町吉川１２３番地の４");
        assert_eq!(one("港区六本木6丁目10番1号の前", Account::Personal).0, "港区六本木6丁目10番1号");
        assert_eq!(one("札幌市中央区北1条西2丁目3番地", Account::Personal).0, "札幌市中央区北1条西2丁目3番地");
    }

    #[test]
    fn emoji_before_the_address_counts_two_units() {
        let t = "🏠📮吉備中央町豊野1-2-3";
        assert_eq!(one(t, Account::Personal), ("吉備中央町豊野1-2-3".into(), 4, 16, Severity::Warn));
    }

    #[test]
    fn crlf_and_half_width_kana_around() {
        let t = "ﾋｯｺｼﾏｼﾀ\r\n新住所→東京都千代田区千代田１－１\r\nﾖﾛｼｸ";
        let hit = one(t, Account::Personal);
        assert_eq!((hit.0.as_str(), hit.1, hit.2), ("東京都千代田区千代田１－１", 13, 26));
    }

    #[test]
    fn building_and_room() {
        assert_eq!(one("送り先：渋谷区神南1-2-3 〇〇ビル3F", Account::Personal).0, "渋谷区神南1-2-3 〇〇ビル3F");
        assert_eq!(one("吉備中央町豊野1-2-3-201号室まで", Account::Personal).0, "吉備中央町豊野1-2-3-201号室");
        assert_eq!(one("豊野1-2-3 コーポ吉備201号室", Account::Personal).0, "豊野1-2-3 コーポ吉備201号室");
        assert_eq!(one("岡山市中区浜2丁目3−4 コーポ浜101。", Account::Personal).0, "岡山市中区浜2丁目3−4 コーポ浜101");
        assert_eq!(one("吉備中央町豊野1－2－3 第2コーポ101", Account::Personal).0, "吉備中央町豊野1－2－3 第2コーポ101");
        assert_eq!(one("吉備中央町豊野 1-2-3 です", Account::Personal).0, "吉備中央町豊野 1-2-3");
        assert!(run("吉備中央町豊野 1-2月の行事", Account::Personal).is_empty());
    }

    #[test]
    fn without_municipality_only_unmistakable_lot_numbers() {
        assert_eq!(one("豊野1-2-3の田中さん宅", Account::Official), ("豊野1-2-3".into(), 0, 7, Severity::Warn));
        assert_eq!(one("吉川123番地で", Account::Personal).0, "吉川123番地");
        assert!(run("会議室1-2を使います。資料1-2-3を参照。電話0866-54-1301", Account::Personal).is_empty());
        assert!(run("試合結果3-2-1で勝利。ステップ1-2-3で簡単", Account::Personal).is_empty());
    }

    #[test]
    fn venue_on_official_account_is_info() {
        let venues = [
            ("会場：町民体育館（吉備中央町豊野1-2）", "吉備中央町豊野1-2"),
            ("会場は吉備中央町豊野1-2-3です", "吉備中央町豊野1-2-3"),
            ("【会場】岡山県加賀郡吉備中央町豊野1-2", "岡山県加賀郡吉備中央町豊野1-2"),
            ("所在地：〒716-1192 岡山県加賀郡吉備中央町豊野1番地2", "岡山県加賀郡吉備中央町豊野1番地2"),
            ("賀陽庁舎 吉備中央町北1番地", "吉備中央町北1番地"),
        ];
        for (t, want) in venues {
            let (s, e) = at16(t, want);
            assert_eq!(run(t, Account::Official), vec![(want.to_string(), s, e, Severity::Info)], "{t}");
            // The same on a personal account is a warning.
            assert_eq!(run(t, Account::Personal)[0].3, Severity::Warn, "{t}");
        }
    }

    #[test]
    fn residents_address_on_official_account_stays_warn() {
        let t = "吉備中央町豊野1-2-3の住宅で火災が発生しました";
        assert_eq!(one(t, Account::Official).3, Severity::Warn);
        let t = "田中様（吉備中央町豊野1-2-3）宛に";
        assert_eq!(one(t, Account::Official), ("吉備中央町豊野1-2-3".into(), 4, 16, Severity::Warn));
    }

    #[test]
    fn town_level_is_info() {
        assert_eq!(one("岡山県加賀郡吉備中央町豊野に住んでいます", Account::Personal), ("岡山県加賀郡吉備中央町豊野".into(), 0, 13, Severity::Info));
        assert!(run("東京都渋谷区の新オフィス。岡山県加賀郡吉備中央町の公式アカウントです", Account::Personal).is_empty());
        assert!(run("岡山県加賀郡吉備中央町役場からのお知らせ", Account::Official).is_empty());
        assert_eq!(one("加賀郡吉備中央町吉川の棚田", Account::Official).0, "加賀郡吉備中央町吉川");
        assert_eq!(one("渋谷区神南一丁目に", Account::Personal), ("渋谷区神南一丁目".into(), 0, 8, Severity::Info));
    }

    #[test]
    fn a_long_dash_joined_serial_is_no_lot_number() {
        assert_eq!(one("吉備中央町豊野1-2-3-4 に集合", Account::Personal).0, "吉備中央町豊野1-2-3-4");
        assert!(run("吉備中央町豊野1-2-3-4-5-6-7-8-9 に集合", Account::Personal).is_empty());
        // A run of dash-joined digits of any length after a place-like word (this was walked
        // again from each of its positions).
        let serial = "1‐2―3−4ー".repeat(2_000);
        assert!(run(&format!("豊野{serial}"), Account::Personal).is_empty());
    }

    /// The original characters, UTF-16 start and end, and severity of a hit.
    type Want = (&'static str, u32, u32, Severity);

    /// District names with hiragana: one finding over the whole address, exact UTF-16 spans.
    #[test]
    fn district_names_with_hiragana_joiners() {
        let cases: &[(&str, Account, Want)] = &[
            ("千代田区丸の内1-9-1", Account::Personal, ("千代田区丸の内1-9-1", 0, 12, Severity::Warn)),
            ("千代田区霞が関1-3-1", Account::Personal, ("千代田区霞が関1-3-1", 0, 12, Severity::Warn)),
            ("目黒区自由が丘1-2-3", Account::Personal, ("目黒区自由が丘1-2-3", 0, 12, Severity::Warn)),
            ("名古屋市中区三の丸三丁目1番1号", Account::Personal, ("名古屋市中区三の丸三丁目1番1号", 0, 16, Severity::Warn)),
            ("葛飾区四つ木1-2-3", Account::Unknown, ("葛飾区四つ木1-2-3", 0, 11, Severity::Warn)),
            // Without a municipality: the joiner is taken from the lot number backwards.
            ("霞が関1-3-1", Account::Personal, ("霞が関1-3-1", 0, 8, Severity::Warn)),
            ("自由が丘1-2-3", Account::Personal, ("自由が丘1-2-3", 0, 9, Severity::Warn)),
            ("三の丸1-2-3", Account::Personal, ("三の丸1-2-3", 0, 8, Severity::Warn)),
            ("東京都霞が関1-3-1", Account::Personal, ("東京都霞が関1-3-1", 0, 11, Severity::Warn)),
            ("待ち合わせは丸の内1-9-1の前", Account::Personal, ("丸の内1-9-1", 6, 14, Severity::Warn)),
            ("自宅の丸の内1-2-3", Account::Personal, ("丸の内1-2-3", 3, 11, Severity::Warn)),
            // With the prefecture and kanji numerals: not `東京都千代田区丸` (info) + `内一丁目9番1号`.
            ("東京都千代田区丸の内一丁目9番1号", Account::Personal, ("東京都千代田区丸の内一丁目9番1号", 0, 17, Severity::Warn)),
            ("新住所：東京都千代田区丸の内一丁目9番1号です🏢", Account::Unknown, ("東京都千代田区丸の内一丁目9番1号", 4, 21, Severity::Warn)),
            // A public venue on an official account.
            ("会場：東京都千代田区丸の内一丁目9番1号", Account::Official, ("東京都千代田区丸の内一丁目9番1号", 3, 20, Severity::Info)),
            ("会場：千代田区霞が関1-3-1", Account::Official, ("千代田区霞が関1-3-1", 3, 15, Severity::Info)),
            // Town level.
            ("千代田区丸の内一丁目", Account::Personal, ("千代田区丸の内一丁目", 0, 10, Severity::Info)),
            ("札幌市中央区北1条西2丁目", Account::Personal, ("札幌市中央区北1条西2丁目", 0, 13, Severity::Info)),
            ("東京都千代田区丸の内にて", Account::Personal, ("東京都千代田区丸の内", 0, 10, Severity::Info)),
        ];
        for (text, account, (want, s, e, sev)) in cases {
            assert_eq!(run(text, *account), vec![(want.to_string(), *s, *e, *sev)], "{text}");
        }
    }

    /// A district name in hiragana right after a municipality, before a street-level number.
    #[test]
    fn district_names_in_hiragana_after_a_municipality() {
        let cases: &[(&str, Want)] = &[
            ("横浜市西区みなとみらい2-3-1", ("横浜市西区みなとみらい2-3-1", 0, 16, Severity::Warn)),
            ("職場は横浜市西区みなとみらい二丁目3番1号です", ("横浜市西区みなとみらい二丁目3番1号", 3, 21, Severity::Warn)),
            ("西東京市ひばりが丘1-2-3", ("西東京市ひばりが丘1-2-3", 0, 14, Severity::Warn)),
            ("横浜市青葉区あざみ野1-2-3", ("横浜市青葉区あざみ野1-2-3", 0, 15, Severity::Warn)),
        ];
        for (text, (want, s, e, sev)) in cases {
            assert_eq!(run(text, Account::Personal), vec![(want.to_string(), *s, *e, *sev)], "{text}");
        }
        // Only before an unmistakable lot number, not a bare number or one dash, and no town level.
        for t in ["横浜市西区みなとみらい2-3", "横浜市西区みなとみらい21", "横浜市西区みなとみらい二丁目", "横浜市西区 みなとみらい2-3-1"] {
            assert!(run(t, Account::Personal).is_empty(), "{t}: {:?}", run(t, Account::Personal));
        }
    }

    #[test]
    fn hiragana_in_running_text_is_no_district() {
        for t in [
            "市役所の前で待ち合わせ",
            "区の皆さん、2-3日お待ちください",
            "千代田区の皆さん、2-3日お待ちください",
            "吉備中央町の皆さん、1-2月の行事です",
            "港区と品川区は2-1-0で引き分け",
            "港区では1-2-3の順に並んでください",
            "吉備中央町みんなで1-2-3",
            "吉備中央町のみなさん1-2-3",
            "渋谷区から1番2号まで",
            "北区に2-1で勝利",
            "吉備中央町の役場の前で11-24に",
            "岡山県加賀郡吉備中央町の公式アカウントです",
            "昇任の内示があった。会見の内容は後日",
            "今年の夏は暑かったですね。1-2週間は雨の予報",
            "私の家の近くで3-2-1のカウントダウン",
        ] {
            assert!(run(t, Account::Personal).is_empty(), "{t}: {:?}", run(t, Account::Personal));
        }
        // A particle between a municipality and a district in kanji stays out of the span.
        assert_eq!(one("吉備中央町にある豊野1-2-3", Account::Personal), ("豊野1-2-3".into(), 8, 15, Severity::Warn));
        assert_eq!(one("吉備中央町の豊野1-2-3", Account::Personal), ("豊野1-2-3".into(), 6, 13, Severity::Warn));
        // A town level name stops before a の that leads into a word (豊野の公民館).
        assert_eq!(one("岡山県加賀郡吉備中央町豊野の公民館で", Account::Personal), ("岡山県加賀郡吉備中央町豊野".into(), 0, 13, Severity::Info));
    }

    #[test]
    fn ordinary_numbers_do_not_fire() {
        for t in [
            "11-24（火）10:00-12:00 に開催。電話0866-54-1301",
            "第1-2回の参加者は2-3人、期間は1-2週間です",
            "吉備中央町では令和8年4月1日から",
            "吉備中央町の人口は10,500人です",
            "吉備中央町民の皆さん、町内の1-2月の行事",
            "国道180号線、県道31号",
            "一番の思い出は町の夏祭りです",
            "〒716-1192",
            "2026-11-24に吉備中央町で",
            "北区1-2チーム",
            "中央町 3-0 で勝利",
        ] {
            assert!(run(t, Account::Personal).is_empty(), "{t}: {:?}", run(t, Account::Personal));
        }
    }
}
