//! `rights/portrait`: a post that says it shows people who did not agree — hidden shots,
//! photos taken or posted without consent, a celebrity seen in town.
//!
//! 室蘭市 4 (他の人が写っている写真を掲載するときは、予め本人の同意を得る…街で見かけた芸能人などの
//! 写真を撮って発信することも、肖像権の侵害にあたる可能性があります), 吉備中央町 5(14), 5(16),
//! 流山市 基本原則 3, 十和田市 3(3), 4(11). Notices against such photos (「無断で撮影しないで
//! ください」) and statements of consent are not reported. A celebrity sighting without a
//! photo in the words is only a reminder (`info`).
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::rights::is_notice;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct Portrait;

static META: RuleMeta = RuleMeta {
    id: "rights/portrait",
    category: Category::Rights,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(14)", "吉備中央町 5(16)", "室蘭市 4. 基本ルール", "流山市 基本原則 3", "十和田市 3(3)", "十和田市 4(11)"],
    message: Msg {
        ja: "本人の同意なく人を撮影・掲載しているようです。",
        en: "This seems to show people who have not agreed to it.",
    },
    why: Msg {
        ja: "他の人が写っている写真を本人の同意なく掲載すると、肖像権やプライバシーの侵害となるおそれがあります。街で見かけた芸能人の写真も同じです。",
        en: "Posting photos of people without their consent may infringe their portrait rights and privacy; a celebrity seen in town is no exception.",
    },
    fix: Msg {
        ja: "写っている方の同意を得てから掲載してください。同意が得られない場合は、顔が分からないように加工するか掲載を控えてください。",
        en: "Get the consent of the people shown first; if you cannot, blur their faces or do not post the photo.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "電車で寝てる人を隠し撮りしたw", account: Account::Personal, hits: &[("隠し撮りした", Severity::Warn)] },
        Example { text: "街で見かけた芸能人、こっそり写真撮っちゃった📸", account: Account::Personal, hits: &[("見かけた芸能人", Severity::Warn), ("こっそり写真", Severity::Warn)] },
        Example { text: "運動会の写真です。写っている方の許可は取っていませんが載せます", account: Account::Official, hits: &[("許可は取っていません", Severity::Warn)] },
        Example { text: "隣の席の人の寝顔、勝手に撮影しちゃった", account: Account::Personal, hits: &[("勝手に撮影", Severity::Warn)] },
        Example { text: "駅前で有名人を見かけた！", account: Account::Personal, hits: &[("有名人を見かけ", Severity::Info)] },
        Example { text: "会場内での無断撮影・録音はご遠慮ください。", account: Account::Official, hits: &[] },
        Example { text: "盗撮は犯罪です。不審な行為を見かけたら110番を。", account: Account::Official, hits: &[] },
        Example { text: "写真は参加者の皆さまの掲載許可をいただいています。", account: Account::Official, hits: &[] },
        Example { text: "街で見かけた芸能人などの写真を撮って発信することも、肖像権の侵害にあたる可能性があります。", account: Account::Official, hits: &[] },
    ],
};

/// Photos taken or posted without consent, on the kana-folded text.
fn without_consent() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        Pattern::new(concat!(
            r"(?:隠し撮り|かくし撮り|盗撮)(?:しました|した|して|しちゃ|成功|写真|画像|動画|です)|",
            r"こっそり[^。\n]{0,4}?(?:撮|写真|写メ|しゃめ|動画)|",
            r"(?:無断で|勝手に|無許可で|許可なく|許可なしで|許可を取らずに|断りなく|本人に内緒で|内緒で)[^。\n]{0,6}?",
            r"(?:撮影|撮|写真|写メ|しゃめ|動画|載せ|のせ|掲載|あっぷ|upし|投稿|晒|さらし|たぐ付け|たぐづけ)|",
            r"無断撮影し|",
            r"(?:許可|了承|同意|承諾)(?:は|を)?(?:取って|とって|もらって|貰って|得て|いただいて|頂いて)(?:い)?(?:ない|ません)"
        ))
        .expect("without consent")
    })
}

/// A celebrity seen in town, in either order.
fn celebrity() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        const WHO: &str = "(?:芸能人|有名人|たれんと|俳優|女優|あいどる|声優|ゆーちゅーばー|youtuber|歌手|力士|お笑い芸人|芸人)";
        const SEEN: &str = "(?:見かけ|発見|遭遇|見つけ|目撃|来てた|来てる|すれ違っ|通りかかっ)";
        // `…を見かけたら` is a condition (advice), not a sighting.
        Pattern::new(&format!(r"{WHO}[^。\n]{{0,12}}?{SEEN}(?:たら|ても)?|{SEEN}(?:た|ました)?{WHO}")).expect("celebrity")
    })
}

fn photo_words() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| Pattern::new(r"撮|写真|写メ|しゃめ|画像|動画|📸|📷|pic").expect("photo words"))
}

impl Rule for Portrait {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.kana();
        for m in without_consent().find_iter(text) {
            if !is_notice(text, m.start(), m.end()) {
                out.push(Hit::new(m.start(), m.end()));
            }
        }
        let photo = photo_words().is_match(text);
        for m in celebrity().find_iter(text) {
            if m.as_str().ends_with("たら") || m.as_str().ends_with("ても") || is_notice(text, m.start(), m.end()) || out.iter().any(|h| h.start < m.end() && m.start() < h.end) {
                continue;
            }
            let hit = Hit::new(m.start(), m.end());
            out.push(if photo { hit } else { hit.severity(Severity::Info) });
        }
        crate::rules::sort_hits(out);
    }
}
