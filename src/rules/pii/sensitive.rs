//! `pii/sensitive`: 要配慮個人情報 (special-care personal information under the Act on the
//! Protection of Personal Information: medical history, disability, criminal record, welfare,
//! creed…) next to a particular person (山田さん, 〇〇様, A氏, a full name). `warn`.
//! Posts about programmes (がん検診のお知らせ, 障害者週間, 生活保護の相談窓口) name no one and
//! do not fire.

use super::common::{person_on_line, person_refs};
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::scan::Literals;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct Sensitive;

/// Terms of special-care information, in normalised form (NFKC, ASCII lower-case).
const TERMS: &[&str] = &[
    "病歴", "既往歴", "持病", "病名", "障害", "障がい", "障碍", "犯罪歴", "前科", "前歴", "逮捕", "服役", "受刑", "起訴",
    "入院", "通院", "闘病", "療養中", "生活保護", "信条", "信仰", "宗教", "宗派", "認知症", "精神疾患", "うつ病", "鬱病",
    "統合失調症", "癌", "がん患者", "がんを患", "がんで", "がんと診断", "余命", "透析", "hiv", "エイズ", "感染者", "陽性",
    "不妊", "流産", "出自", "被差別部落", "部落出身", "性的指向", "性自認", "難病", "手術を受け", "休職中",
];

/// Compounds that are about a programme or a thing, not a person's condition.
const NOT_ABOUT_A_PERSON: &[&str] = &[
    "障害物", "障害者週間", "障害者福祉", "障害福祉", "障がい者福祉", "障害者スポーツ", "障がい者スポーツ", "障害者差別解消",
    "通信障害", "電波障害", "システム障害", "回線障害", "障害対応", "障害情報", "入院患者の面会", "宗教法人", "がんばっ",
    "信条に", "思想・信条", "思想、信条", "陽性者数", "感染者数", "入院患者", "入院病棟", "入院施設", "通院バス", "通院支援",
    "通院費", "入院費", "宗教学",
];

/// Words of an appeal for a missing person: such posts describe the person's condition with the
/// family's consent (認知症の症状があります) and are only `info`.
const MISSING_PERSON: &[&str] = &["行方不明", "捜索", "探しています", "さがしています", "見かけた方", "お心当たり", "情報提供をお願い"];

static META: RuleMeta = RuleMeta {
    id: "pii/sensitive",
    category: Category::PersonalInfo,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(10)", "吉備中央町 5(12)", "室蘭市 5. 禁止事項", "流山市 基本原則 3", "十和田市 3(4)", "十和田市 4(9)"],
    message: Msg {
        ja: "特定の人の病歴・障害・犯罪歴・信条などの要配慮個人情報があります。",
        en: "Special-care personal information (health, disability, criminal record, creed…) about a particular person.",
    },
    why: Msg {
        ja: "要配慮個人情報は本人に対する差別や偏見につながるため、個人情報保護法で特に慎重な取扱いが求められます。職務上知り得た個人情報の発信は禁じられています。",
        en: "Special-care information can lead to discrimination, so the Personal Information Protection Act requires particular care; posting personal information learnt at work is forbidden.",
    },
    fix: Msg {
        ja: "本人が特定できる書き方をやめるか、病気や事情に触れずに書いてください。",
        en: "Do not identify the person, or leave out the illness or circumstances.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "山田さんは先月から入院しています", account: Account::Personal, hits: &[("入院", Severity::Warn)] },
        Example { text: "〇〇様は生活保護を受けている方です", account: Account::Unknown, hits: &[("生活保護", Severity::Warn)] },
        Example { text: "A氏には前科があるらしい", account: Account::Personal, hits: &[("前科", Severity::Warn)] },
        Example { text: "窓口に来た佐藤花子、認知症かもしれない", account: Account::Personal, hits: &[("認知症", Severity::Warn)] },
        Example {
            text: "#拡散希望 行方不明の山田太郎さん（82歳）を探しています。認知症の症状があります。",
            account: Account::Official,
            hits: &[("認知症", Severity::Info)],
        },
        Example { text: "【がん検診のお知らせ】11月24日（火）保健センターで実施します", account: Account::Official, hits: &[] },
        Example { text: "12月3日から9日は障害者週間です。皆さんのご理解をお願いします。", account: Account::Official, hits: &[] },
        Example { text: "生活保護の相談は福祉課（0866-54-1301）で受け付けています", account: Account::Official, hits: &[] },
    ],
};

impl Rule for Sensitive {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        let text = cx.norm.text.as_str();
        let mut found: Vec<(usize, usize)> = Vec::new();
        static TERM_SCAN: Literals = Literals::new(TERMS);
        for (_, a, b) in TERM_SCAN.match_indices(text) {
            let excluded = NOT_ABOUT_A_PERSON.iter().any(|x| {
                // Does an excluded compound cover a..b?
                let mut from = a.saturating_sub(x.len());
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (b + x.len()).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                text.get(from..to)
                    .is_some_and(|s| s.match_indices(x).any(|(i, _)| from + i <= a && from + i + x.len() >= b))
            });
            if !excluded && !found.iter().any(|&(fa, fb)| fa < b && a < fb) {
                found.push((a, b));
            }
        }
        if found.is_empty() {
            return;
        }
        let refs = person_refs(text);
        let appeal = MISSING_PERSON.iter().any(|w| text.contains(w));
        for (a, b) in found {
            if !person_on_line(text, &refs, a, b, 30) {
                continue;
            }
            let hit = Hit::new(a, b);
            out.push(if appeal {
                hit.severity(Severity::Info).message(Message::from(Msg {
                    ja: "行方不明者の情報提供の呼びかけに、本人の病気や障害の情報があります。ご家族の同意の範囲か確認してください。",
                    en: "An appeal for a missing person mentions their illness or disability; check the family agreed to it.",
                }))
            } else {
                hit
            });
        }
    }
}
