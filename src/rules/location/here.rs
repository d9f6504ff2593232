//! `location/here`: the author telling where they are right now, or where they live.
//!
//! 現在地は…, 今ここ / いまここ / イマココ, 〜なう (`駅なう`, `渋谷なう`; not 行なう, ナウシカ),
//! 自宅の前 / 自宅付近 / 自宅は… / 自宅から徒歩5分, 家の前 / 家の近く / うちの近所, 最寄り駅は…,
//! and 〜に来てます / 〜に着いた when the author says where they are now.
//!
//! Guidance to readers is not the author's location and never fires: a sentence that asks or
//! advises (ください, しましょう, お願い, 確認…, 避難, 療養, 待機…) — "現在地から最寄りの避難所を
//! 確認してください", "自宅待機", "自宅療養", "自宅で避難" — and ご自宅 (the reader's home).
//! On an official account 最寄り駅は… (a venue's station) and 〜に来ています (an event report) are
//! ordinary and do not fire either.
//!
//! Fires: `渋谷なう` (warn). Does not fire: `現在地から最寄りの避難所を確認してください。`

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Here;

static META: RuleMeta = RuleMeta {
    id: "location/here",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg {
        ja: "今いる場所や自宅の場所が分かる書き方になっています。",
        en: "The post tells where the author is right now or where they live.",
    },
    why: Msg {
        ja: "吉備中央町ガイドライン 4(14) は、位置情報を他人に知られることの影響に留意するよう求めています。「〜なう」「自宅の近く」「最寄り駅は」のような書き込みが重なると、行動範囲や自宅を特定され、つきまといなどの被害につながるおそれがあります。",
        en: "Kibichuo guideline 4(14) asks staff to mind what happens when others learn a location. Posts such as \"at X now\", \"near my home\" or \"my nearest station is\" add up and can reveal a routine or a home, which can lead to stalking.",
    },
    fix: Msg {
        ja: "今いる場所や自宅の近くであることは書かず、投稿するなら時間をおいて、場所が分からない書き方にしてください。",
        en: "Leave out where you are now and where you live; if you post it, do so later and without naming the place.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "渋谷なう！人多すぎ", account: Account::Personal, hits: &[("渋谷なう", Severity::Warn)] },
        Example {
            text: "イマココ📍 吉備高原の紅葉がきれい",
            account: Account::Personal,
            hits: &[("イマココ", Severity::Warn)],
        },
        Example {
            text: "自宅の近くの田んぼでコウノトリを見ました",
            account: Account::Official,
            hits: &[("自宅の近く", Severity::Warn)],
        },
        Example {
            text: "うちの最寄り駅は備中高梁駅です",
            account: Account::Unknown,
            hits: &[("うちの最寄り駅は備中高梁駅", Severity::Warn)],
        },
        Example {
            text: "大雨に備え、現在地から最寄りの避難所を確認してください。",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "陽性の方は自宅療養、濃厚接触者は自宅待機をお願いします。危険な場合は自宅で避難も検討を。",
            account: Account::Official,
            hits: &[],
        },
        Example { text: "本日、点検を行なう予定です。", account: Account::Official, hits: &[] },
        Example { text: "きびちゅう夏まつりに来ています！たくさんのご来場ありがとうございます", account: Account::Official, hits: &[] },
    ],
};

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '々' | 'ヶ')
}
fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}
fn is_letter(c: char) -> bool {
    is_kanji(c) || is_hiragana(c) || is_katakana(c) || c.is_ascii_alphanumeric()
}

fn prev(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}
fn next(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// How far a sentence reaches around a match, in bytes (keeps long texts linear).
const REACH: usize = 300;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The sentence around `a..b` (at most [`REACH`] bytes either side).
fn sentence(s: &str, a: usize, b: usize) -> &str {
    let stop = |c: char| matches!(c, '。' | '!' | '?' | '\n' | '．');
    let start = sentence_start(s, a);
    let hi = floor_boundary(s, (b + REACH).min(s.len()));
    let end = s[b..hi].find(stop).map_or(hi, |n| b + n);
    &s[start..end]
}

/// A sentence that asks or advises the reader.
fn is_guidance(sentence: &str) -> bool {
    const CUES: &[&str] = &[
        "ください", "下さい", "ましょう", "お願い", "ご確認", "確認を", "確認して", "確認し", "確かめ", "皆さん", "皆様", "みなさん",
        "方は", "方へ", "場合は", "場合には", "避難", "療養", "待機", "注意", "呼びかけ", "控え", "検討", "できます", "しよう",
        "ご自宅", "お宅",
    ];
    CUES.iter().any(|c| sentence.contains(c))
}

const POSSESSIVE: &[&str] = &["私の", "僕の", "俺の", "自分の", "わたしの", "ぼくの", "おれの", "あたしの", "うちの", "我が", "わが"];

fn after_possessive(k: &str, i: usize) -> Option<usize> {
    POSSESSIVE.iter().find(|p| k[..i].ends_with(**p)).map(|p| i - p.len())
}

/// A word boundary before `i`: start, space, punctuation or an emoji.
fn boundary_before(k: &str, i: usize) -> bool {
    !prev(k, i).is_some_and(is_letter)
}

/// `前` that is part of 前半, 前回, 前日…: not "in front of".
fn mae_word(k: &str, end: usize) -> bool {
    k[..end].ends_with('前') && next(k, end).is_some_and(|c| crate::text::one_of("半回日年後者提述期任例方面", c))
}

const NEAR: &str = "(?:目の前|前|近く|近所|付近|周辺|周り|まわり|裏|隣|となり|向かい|そば|横)";

struct Res {
    genzaichi: Pattern,
    imakoko: Pattern,
    nau: Pattern,
    jitaku: Pattern,
    home: Pattern,
    moyori: Pattern,
    arrive: Pattern,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| {
        let re = |s: &str| Pattern::new(s).expect("here regex");
        Res {
            genzaichi: re("現在地"),
            imakoko: re("(?:今|いま)ここ"),
            nau: re("なう"),
            jitaku: re(&format!(
                "自宅(?:の)?{NEAR}|自宅から(?:徒歩|歩いて|車で|自転車で)(?:約)?[0-9一二三四五六七八九十]+分|自宅は[^。、!?\\n]{{1,15}}?(?:丁目|番地|町|市|村|区|駅|団地|マンション|アパート|地区|方面|の近く|のそば)"
            )),
            home: re(&format!("(?:我が家|わが家|家|うち)(?:の)?{NEAR}")),
            moyori: re("最寄(?:り)?(?:の)?駅(?:は|:)"),
            arrive: re("(?:に|へ)(?:来て(?:い)?ます|来てる|来ました|来た|着いた|着きました|到着しました|到着した|到着)"),
        }
    })
}

/// Activities and states that go with なう but say nothing about a place.
const NAU_NOT_PLACE: &[&str] = &[
    "ランチ", "ディナー", "昼食", "夕食", "朝食", "食事", "飯", "仕事", "残業", "会議", "勉強", "作業", "休憩", "移動", "移動中",
    "帰宅", "出勤", "退勤", "通勤", "風呂", "入浴", "睡眠", "起床", "準備", "待機", "練習", "読書", "散歩", "料理", "洗濯", "掃除",
    "充電", "更新", "投稿", "撮影", "編集", "執筆", "勤務", "業務", "授業", "試験", "テスト", "運転", "渋滞", "雨", "雪", "今",
    "休み", "昼休み", "夏休み", "ゲーム", "テレワーク", "在宅", "電話",
];

/// Kanji that make なう the ending of a verb (行なう, 損なう, 伴なう…).
const NAU_VERB_STEM: &str = "行損伴賄償担失誘叶適綯商占";

impl Rule for Here {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let t = cx.norm.text.as_str();
        let k = cx.norm.kana();
        let official = cx.context.account == Account::Official;
        let r = res();
        let mut hits: Vec<(usize, usize)> = Vec::new();
        // Guidance to readers: the sentence, or on an official account the whole post.
        let post_is_guidance = official && k.len() <= 4096 && is_guidance(k);
        let guidance = |a: usize, b: usize| post_is_guidance || is_guidance(sentence(k, a, b));

        // 現在地: only the author declaring it (現在地は… / 現在地: / 現在地→ / #現在地).
        for m in r.genzaichi.find_iter(k) {
            let rest = k[m.end()..].trim_start_matches(' ');
            let declares = rest.is_empty()
                || rest.starts_with(['は', ':', '→', '=', '\n', '!', '➡', '📍', '⇒', '#'])
                || rest.starts_with("なう")
                || rest.starts_with("です")
                || k[..m.start()].ends_with('#');
            if declares && !guidance(m.start(), m.end()) {
                hits.push((m.start(), m.end()));
            }
        }

        // 今ここ / いまここ / イマココ, on its own (not 今ここで…, 今ここから…).
        for m in r.imakoko.find_iter(k) {
            if k[m.start()..].starts_with('い') && prev(k, m.start()).is_some_and(is_hiragana) {
                continue;
            }
            let rest = &k[m.end()..];
            let ok = match rest.chars().next() {
                None => true,
                Some(c) if is_hiragana(c) => {
                    ["です", "だよ", "だ", "なう", "よ", "ー", "にいる", "にいます"].iter().any(|w| rest.starts_with(w))
                }
                Some(c) if is_letter(c) => !c.is_ascii_alphanumeric(),
                Some(_) => true,
            };
            if ok {
                hits.push((m.start(), m.end()));
            }
        }

        // 〜なう: the word before it, when it is not a verb (行なう) or an activity (ランチなう).
        for m in r.nau.find_iter(k) {
            if next(k, m.end()).is_some_and(|c| is_letter(c) && !c.is_ascii_alphanumeric()) || next(k, m.end()).is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            let mut start = m.start();
            for (n, c) in t[..m.start()].chars().rev().enumerate() {
                if n >= 15 || !(is_kanji(c) || is_katakana(c) || c.is_ascii_alphanumeric() || c == '・') {
                    break;
                }
                start -= c.len_utf8();
            }
            let word = &t[start..m.start()];
            if word.is_empty()
                || word.ends_with(|c: char| crate::text::one_of(NAU_VERB_STEM, c))
                || NAU_NOT_PLACE.iter().any(|w| word.ends_with(w))
                || word.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            hits.push((start, m.end()));
        }

        // 自宅の前 / 自宅付近 / 自宅は…町 / 自宅から徒歩5分 (not ご自宅, not guidance).
        for m in r.jitaku.find_iter(k) {
            if k[..m.start()].ends_with(['ご', 'お']) || mae_word(k, m.end()) {
                continue;
            }
            if !guidance(m.start(), m.end()) {
                hits.push((m.start(), m.end()));
            }
        }

        // 家の前 / 家の近く / うちの近所 / 我が家の前: the author's own home only.
        for m in r.home.find_iter(k) {
            let s = m.start();
            let word = m.as_str();
            let mine = word.starts_with("我が家") || word.starts_with("わが家") || boundary_before(k, s) || after_possessive(k, s).is_some();
            if !mine || mae_word(k, m.end()) {
                continue;
            }
            if word.starts_with("うち") && k[m.end()..].starts_with(['に', 'で', 'は']) && !word.contains('の') {
                continue; // うち前… is no phrase; うち近く rarely
            }
            if guidance(s, m.end()) {
                continue;
            }
            let start = if word.starts_with('家') { after_possessive(k, s).unwrap_or(s) } else { s };
            hits.push((start, m.end()));
        }

        // 最寄り駅は…: with a possessive on any account; at the start of a sentence on a personal one.
        for m in r.moyori.find_iter(k) {
            let s = m.start();
            let start = after_possessive(k, s).or_else(|| {
                ["家の", "自宅の", "実家の"].iter().find(|p| k[..s].ends_with(**p)).map(|p| s - p.len())
            });
            let start = match start {
                Some(p) => {
                    // うちの / 私の directly; 家の must itself be the author's.
                    if k[p..s].starts_with('家') && !boundary_before(k, p) && after_possessive(k, p).is_none() {
                        continue;
                    }
                    after_possessive(k, p).filter(|_| k[p..s].starts_with('家')).unwrap_or(p)
                }
                None if !official && boundary_before(k, s) => s,
                None => continue,
            };
            if guidance(s, m.end()) {
                continue;
            }
            // The station's name, when it follows; else 最寄り駅 without は/:.
            let core_end = m.end() - m.as_str().chars().next_back().map_or(0, char::len_utf8);
            let end = k[m.end()..]
                .char_indices()
                .take(15)
                .take_while(|(_, c)| !matches!(c, '。' | '、' | '!' | '?' | '\n' | ' '))
                .find(|(_, c)| *c == '駅')
                .map_or(core_end, |(i, c)| m.end() + i + c.len_utf8());
            if end == core_end && start == s {
                continue; // 最寄り駅はありません: no station named, no possessive
            }
            hits.push((start, end));
        }

        // 〜に来てます / 〜に着いた: the author's arrival somewhere, on a personal account.
        if !official {
            for m in r.arrive.find_iter(k) {
                let after = &k[m.end()..];
                if after.starts_with(|c: char| is_hiragana(c) && !crate::text::one_of("よねぞわぜー", c)) {
                    continue; // 来たら, 来てますか, 着いたら
                }
                if after.starts_with(|c: char| is_kanji(c) || is_katakana(c) || c.is_ascii_alphanumeric()) {
                    continue; // 窓口に来た鈴木さん: a clause about someone else
                }
                let mut start = m.start();
                for (n, c) in t[..m.start()].chars().rev().enumerate() {
                    if n >= 15 || !(is_kanji(c) || is_katakana(c) || c.is_ascii_alphanumeric() || c == '・') {
                        break;
                    }
                    start -= c.len_utf8();
                }
                let place = &t[start..m.start()];
                const NOT_PLACE: &[&str] = &[
                    "近く", "身近", "間近", "目前", "手元", "目の前", "春", "夏", "秋", "冬", "季節", "時期", "順番", "出番", "連絡",
                    "相談", "問い合わせ", "メール", "手紙", "荷物", "書類", "会い", "遊び", "見", "取材", "応援",
                ];
                if place.chars().count() < 2 && !place.ends_with('駅') || NOT_PLACE.iter().any(|w| place.ends_with(w)) {
                    continue;
                }
                // Someone else arriving: 台風が九州に…, 友達が渋谷に….
                let lead = &k[sentence_start(k, start)..start];
                if lead.contains('が') && !["私が", "僕が", "俺が", "わたしが", "自分が"].iter().any(|w| lead.contains(w)) {
                    continue;
                }
                hits.push((start, m.end()));
            }
        }

        hits.sort_unstable();
        hits.dedup();
        let mut last_end = 0;
        for (a, b) in hits {
            if a < last_end || b <= a {
                continue; // overlapping forms (自宅なう and 自宅の前): the first one
            }
            out.push(Hit::new(a, b));
            last_end = b;
        }
    }
}

/// Where the sentence containing byte `i` starts.
fn sentence_start(s: &str, i: usize) -> usize {
    let stop = |c: char| matches!(c, '。' | '!' | '?' | '\n' | '．');
    let lo = floor_boundary(s, i.saturating_sub(REACH));
    s[lo..i].rfind(stop).map_or(lo, |n| lo + n + s[lo + n..].chars().next().map_or(1, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, account: Account) -> Vec<(String, u32, u32)> {
        crate::rules::testing::run(&Here, text, account).into_iter().map(|s| (s.text, s.start, s.end)).collect()
    }

    fn texts(text: &str, account: Account) -> Vec<String> {
        run(text, account).into_iter().map(|h| h.0).collect()
    }

    #[test]
    fn live_location_words_with_exact_spans() {
        assert_eq!(run("🍁イマココ！", Account::Personal), vec![("イマココ".into(), 2, 6)]);
        assert_eq!(run("ｲﾏｺｺ", Account::Personal), vec![("ｲﾏｺｺ".into(), 0, 4)]);
        assert_eq!(texts("今ここ→吉備高原", Account::Personal), ["今ここ"]);
        assert_eq!(texts("いまここです", Account::Personal), ["いまここ"]);
        assert_eq!(texts("今ここにいるよ", Account::Personal), ["今ここ"]);
        assert!(run("いまここに至る経緯", Account::Personal).is_empty());
        assert_eq!(run("現在地：岡山駅\r\n", Account::Personal), vec![("現在地".into(), 0, 3)]);
        assert_eq!(texts("#現在地 吉備中央町", Account::Personal), ["現在地"]);
    }

    #[test]
    fn nau_after_a_place_only() {
        assert_eq!(run("😀岡山駅なう", Account::Personal), vec![("岡山駅なう".into(), 2, 7)]);
        assert_eq!(texts("渋谷ナウ！", Account::Personal), ["渋谷ナウ"]);
        assert_eq!(texts("ｽﾀﾊﾞなう", Account::Personal), ["ｽﾀﾊﾞなう"]);
        assert_eq!(texts("自宅なう", Account::Personal), ["自宅なう"]);
        for t in ["点検を行なう予定", "健康を損なうおそれ", "ランチなう", "小さなうちから", "ナウシカを観た", "残業なう😇"] {
            assert!(run(t, Account::Personal).is_empty(), "{t}: {:?}", run(t, Account::Personal));
        }
    }

    #[test]
    fn home_location() {
        assert_eq!(texts("自宅の前の道が冠水してる", Account::Personal), ["自宅の前"]);
        assert_eq!(texts("自宅付近で火事…", Account::Personal), ["自宅付近"]);
        assert_eq!(texts("自宅は吉備中央町豊野です", Account::Personal), ["自宅は吉備中央町"]);
        assert_eq!(texts("自宅から徒歩５分の公園", Account::Personal), ["自宅から徒歩５分"]);
        assert_eq!(texts("家の前に猫がいる", Account::Personal), ["家の前"]);
        assert_eq!(texts("私の家の近くのパン屋", Account::Personal), ["私の家の近く"]);
        assert_eq!(texts("うちの近所の神社", Account::Personal), ["うちの近所"]);
        assert_eq!(texts("我が家の裏山", Account::Personal), ["我が家の裏"]);
    }

    #[test]
    fn others_homes_do_not_fire() {
        for t in ["空き家の前に", "民家の近くでクマ", "実家の近くの店", "友達の家の前", "お家の近くの避難所", "ご自宅の周辺", "そのうちの前半"] {
            assert!(run(t, Account::Personal).is_empty(), "{t}: {:?}", run(t, Account::Personal));
        }
    }

    #[test]
    fn nearest_station() {
        assert_eq!(texts("最寄り駅は吉備線の足守駅です", Account::Personal), ["最寄り駅は吉備線の足守駅"]);
        assert_eq!(texts("うちの最寄駅は岡山駅", Account::Official), ["うちの最寄駅は岡山駅"]);
        assert!(run("最寄り駅はJR岡山駅です（会場まで徒歩5分）", Account::Official).is_empty());
        assert!(run("会場の最寄り駅は岡山駅です", Account::Personal).is_empty());
        assert!(run("最寄り駅はありません", Account::Personal).is_empty());
    }

    #[test]
    fn arrivals() {
        assert_eq!(texts("東京駅に着いた！", Account::Personal), ["東京駅に着いた"]);
        assert_eq!(texts("吉備高原都市に来てます", Account::Personal), ["吉備高原都市に来てます"]);
        for t in ["台風が九州に来ています", "渋谷に来たら連絡して", "春がすぐそこに来ています", "友達が岡山駅に着いた", "窓口に来た鈴木さん"] {
            assert!(run(t, Account::Personal).is_empty(), "{t}: {:?}", run(t, Account::Personal));
        }
        assert!(run("きびちゅう夏まつりに来ています！", Account::Official).is_empty());
    }

    #[test]
    fn guidance_to_readers_does_not_fire() {
        for t in [
            "現在地から最寄りの避難所を確認してください。",
            "地図アプリの現在地を確認しましょう",
            "陽性の方は自宅療養をお願いします",
            "濃厚接触者は自宅待機となります",
            "安全な場合は自宅で避難してください",
            "自宅周辺の被害状況を町へお知らせください",
            "家の近くの避難場所を確認しておきましょう",
            "自宅の近くに危険な場所がないか確かめてください",
            "今ここで大切なのは命を守る行動です",
            "今ここから始めよう",
            "家の前の雪かきはお互いさまです。ご協力ください",
        ] {
            assert!(run(t, Account::Official).is_empty(), "{t}: {:?}", run(t, Account::Official));
        }
    }
}
