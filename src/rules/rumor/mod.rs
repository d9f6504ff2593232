//! Rules about rumours and unverified information (吉備中央町 4(12), 5(5), 室蘭市 4. 基本ルール,
//! 室蘭市 5. 禁止事項, 流山市 基本原則 6, 十和田市 4(4)).
pub mod hearsay;
pub mod spread_request;
pub mod unverified;

/// The clauses every rumour rule enforces.
pub(crate) const CLAUSES: &[&str] =
    &["吉備中央町 4(12)", "吉備中央町 5(5)", "室蘭市 4. 基本ルール", "室蘭市 5. 禁止事項", "流山市 基本原則 6", "十和田市 4(4)"];

/// A post that warns AGAINST a rumour (「〜という噂が広まっていますが、事実ではありません」) is
/// itself the correction, not a rumour. Matched on the kana-folded text.
pub(crate) fn debunks(kana: &str) -> bool {
    static_regex!(concat!(
        r"事実ではありません|事実はありません|事実ではない|事実無根|誤りです|誤った情報|根拠のない|根拠はありません|",
        r"惑わされ|でまに(?:ご)?注意|でまです|でま情報|でまが(?:広|流|拡)|でまを(?:流|広|拡)|正確な情報を|公式の情報を|",
        r"うのみに(?:せず|しない)|鵜呑みに(?:せず|しない)",
    ))
    .is_match(kana)
}

/// [`debunks`] of the whole kana-folded text, searched once per check for the rumour rules.
pub(crate) fn text_debunks(norm: &crate::text::Normalized) -> bool {
    *norm.scans.debunks.get_or_init(|| debunks(norm.kana()))
}

/// The kana-folded text a rumour rule scans, or `None` when the post corrects a rumour
/// ([`text_debunks`]): then none of its phrases is passed on as a rumour.
pub(crate) fn rumor_kana(norm: &crate::text::Normalized) -> Option<&str> {
    (!text_debunks(norm)).then(|| norm.kana())
}

/// A sentence that names where the information comes from (police, weather agency, the
/// municipality's announcement): the author reports it, they do not pass on a rumour.
pub(crate) fn cites_source(kana: &str) -> bool {
    static_regex!(concat!(
        r"警察|県警|府警|道警|警視庁|交番|駐在所|消防|気象庁|気象台|役場|市役所|町役場|村役場|区役所|県庁|都庁|府庁|道庁|自治体|",
        r"(?:市|町|村|県|都|府|国)(?:から|の発表|が発表|によると|によれば|の公式|公式|のほーむぺーじ|ほーむぺーじ|hp|の防災)|",
        r"発表|防災(?:無線|行政無線|めーる|情報)|捜索願|110番|119番|\.lg\.jp|\.go\.jp",
    ))
    .is_match(kana)
}
