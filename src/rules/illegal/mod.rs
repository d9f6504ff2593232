//! Rules about breaking the law or inciting others to (吉備中央町 5(7), 室蘭市 5. 禁止事項,
//! 流山市 基本原則 2, 十和田市 4(6)).
pub mod incitement;
pub mod not_caught;

pub(crate) const CLAUSES: &[&str] = &["吉備中央町 5(7)", "室蘭市 5. 禁止事項", "流山市 基本原則 2", "十和田市 4(6)"];

/// A sentence that warns AGAINST the act (「不法投棄は犯罪です」「飲酒運転は絶対にやめましょう」,
/// 「『バレなければ大丈夫』と思っていませんか」). Matched on the kana-folded sentence.
pub(crate) fn warns_against(sentence: &str) -> bool {
    static_regex!(concat!(
        r"やめ(?:ましょう|て|ろ|よう|なさい)|禁止|犯罪|違反(?:です|となり|になり|行為)|罰金|懲役|罰則|処罰|処分|通報|だめ|ダメ|",
        r"いけません|いけない|なりません|しないで|許されません|許されない|ませんか|という考え|と思って|との考え|防止|撲滅|根絶|追放|",
        r"見かけたら|見つけたら|ご注意|気をつけ|気を付け|厳禁|取り締ま|取締|ではありません|じゃない|もんじゃ|わけじゃ|わけでは|",
        r"しません|できません|ありません|ぜったいにしない|絶対にしない|ゼロ|ぜろ|ストップ|すとっぷ|守りましょう|ルールを守",
    ))
    .is_match(sentence)
}
