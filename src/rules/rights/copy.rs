//! `rights/copy`: a post that says it copies someone else's work — 【転載】, 「○○新聞より」,
//! 全文引用, quoted lyrics, 「画像お借りしました」, images picked up on the net.
//!
//! 吉備中央町 5(14), 5(16), 室蘭市 4 (新聞、小説、論文、音楽、写真… 他者の著作物を発信することは
//! 著作権の侵害となる可能性があります), 流山市 基本原則 3, 十和田市 3(3), 4(11). A notice that forbids
//! reposting (「無断転載を禁じます」) or a sentence that states permission is not reported. A repost
//! that names a public body (県、警察、気象台…) is only `info`: public bodies' notices may usually
//! be reproduced, but the source's terms still apply.
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::rights::is_notice;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Copy;

static META: RuleMeta = RuleMeta {
    id: "rights/copy",
    category: Category::Rights,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(14)", "吉備中央町 5(16)", "室蘭市 4. 基本ルール", "流山市 基本原則 3", "十和田市 3(3)", "十和田市 4(11)"],
    message: Msg {
        ja: "他者の著作物（記事・画像・歌詞など）を転載しているようです。",
        en: "This seems to repost someone else's work (an article, an image, lyrics…).",
    },
    why: Msg {
        ja: "新聞記事、写真、イラスト、歌詞などを権利者の許可なく掲載すると、著作権の侵害となるおそれがあります。",
        en: "Posting articles, photos, illustrations or lyrics without the rights holder's permission may infringe copyright.",
    },
    fix: Msg {
        ja: "権利者の許可を得てください。記事は要点を自分の言葉で紹介し、元のページへのリンクを示してください。",
        en: "Get the rights holder's permission; summarise an article in your own words and link to the original.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "【転載】今朝の地元紙の特集記事です", account: Account::Personal, hits: &[("【転載】", Severity::Warn)] },
        Example { text: "本町の取組が紹介されました（山陽新聞 11月3日付より）", account: Account::Official, hits: &[("山陽新聞 11月3日付より", Severity::Warn)] },
        Example { text: "かわいい猫の画像お借りしました🐱", account: Account::Personal, hits: &[("画像お借りしました", Severity::Warn)] },
        Example { text: "好きな曲の歌詞「君がいた夏は遠い夢の中」", account: Account::Personal, hits: &[("歌詞「", Severity::Warn)] },
        Example { text: "【転載】岡山県からのお知らせです。", account: Account::Official, hits: &[("【転載】", Severity::Info)] },
        Example { text: "当ページの文章・画像の無断転載を禁じます。", account: Account::Official, hits: &[] },
        Example { text: "写真は撮影者の許可を得て転載しています。", account: Account::Official, hits: &[] },
        Example { text: "本日の山陽新聞に本町の取組が掲載されました。ぜひご覧ください。", account: Account::Official, hits: &[] },
        Example { text: "このポスターの画像は転載自由です。", account: Account::Official, hits: &[] },
    ],
};

/// What the post says about copying, on the kana-folded text. Each alternative is one signal.
fn signals() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(concat!(
            // Repost markers and verbs.
            r"[【\[(<《≪〈]転載[】\])>》≫〉]|",
            r"(?:より|から)転載|無断転載(?:します|しました|すみません|ごめん|失礼)|",
            r"転載(?:します|しました|しています|させて(?:いただ|頂|もら)|です|元)|",
            // Whole texts and copy-paste.
            r"全文(?:引用|転載|こぴ)|こぴぺ(?:します|しました|した|です|で|して)|",
            r"(?:より|から)引用(?:します|しました|させて|です)?|以下(?:、)?引用|",
            // Borrowed or picked-up images.
            r"(?:画像|写真|いらすと|動画|素材|絵)[^。\n]{0,15}?(?:お借り(?:しました|しています|してます|して|いたしました|いたします|します)|拝借(?:しました|して|します)?)|",
            r"拾い画|ひろいが|(?:ねっと|ぐーぐる|検索|ぐぐっ)[^。\n]{0,8}?(?:拾っ|ひろっ)た|",
            r"(?:ねっと|ぐーぐる|検索|ぐぐっ)[^。\n]{0,8}?見つけた(?:画像|写真|いらすと|絵)|",
            r"(?:雑誌|新聞|紙面|漫画|まんが)[^。\n]{0,6}?(?:撮影して|撮って)(?:あっぷ|載せ|のせ|投稿)|",
            // Lyrics.
            r"歌詞[「『:]|歌詞(?:全文|を(?:引用|載せ|のせ|書|貼|全部))|",
            // Screenshots of articles, comics, broadcasts.
            r"(?:記事|新聞|雑誌|紙面|漫画|まんが|あにめ|番組|てれび|どらま|映画)[^。\n]{0,8}?(?:すくしょ|すくりーんしょっと|きゃぷちゃ)"
        ))
        .expect("copy signals")
    })
}

/// 「○○新聞より」: a news source given as the origin of the text (the name before it included).
fn news_source() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(r"(?:新聞|新報|日報|ニュース|にゅーす|記事|紙面|社説|こらむ|朝刊|夕刊|電子版|でじたる版|通信)[^。\n「」()]{0,12}?より(?:引用|転載|抜粋|(?:[)\]】」。!\s]|$))")
            .expect("news source")
    })
}

/// A public body named as the source of a repost.
fn public_source() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| Pattern::new(r"(?:[県都府市町村省庁]|警察署?|消防署?|消防本部|気象台|役場|役所|政府)(?:から|より)|警察|消防|気象台|気象庁").expect("public source"))
}

/// Whether `c` may be part of a source's name (kanji, katakana after folding is hiragana so no,
/// ASCII letters and digits, ・).
fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '・' || ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{30A0}'..='\u{30FF}').contains(&c)
}

impl Rule for Copy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.kana();
        let orig = &cx.norm.text;
        // Whether the text names a public source: searched once, for the first hit.
        let names_public = std::cell::OnceCell::new();
        let push = |a: usize, b: usize, out: &mut Vec<Hit>| {
            if is_notice(text, a, b) {
                return;
            }
            let public = *names_public.get_or_init(|| public_source().is_match(text));
            let hit = Hit::new(a, b);
            out.push(if public { hit.severity(Severity::Info) } else { hit });
        };
        for m in signals().find_iter(text) {
            push(m.start(), m.end(), out);
        }
        for m in news_source().find_iter(text) {
            // Drop the character that ended the match; extend back over the source's name (on the
            // unfolded text, so katakana names count).
            let mut end = m.end();
            if let Some(c) = text[..end].chars().last() {
                if !text[..end].ends_with("より") && !text[..end].ends_with("引用") && !text[..end].ends_with("転載") && !text[..end].ends_with("抜粋") {
                    end -= c.len_utf8();
                }
            }
            let mut start = m.start();
            for (i, c) in orig[..start].char_indices().rev().take(12) {
                if !name_char(c) {
                    break;
                }
                start = i;
            }
            if out.iter().any(|h| h.start < end && start < h.end) {
                continue;
            }
            push(start, end, out);
        }
    }
}
