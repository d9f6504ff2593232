//! `security/internal-address`: addresses of the organisation's internal network: private IPv4
//! addresses (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, with a port if given), UNC paths of
//! file shares (\\server\share, ￥￥server￥share) and intranet URLs (http://intranet…, hosts
//! under .local, .lan, .internal, .intranet, .corp, hosts without a dot). `warn`.
//! Network maintenance notices that give no address do not fire.

use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use crate::rules::scan::find_in_ascii_runs;
use crate::text::Normalized;
use std::sync::OnceLock;

pub struct InternalAddress;

static META: RuleMeta = RuleMeta {
    id: "security/internal-address",
    category: Category::Security,
    severity: Severity::Warn,
    clauses: &["吉備中央町 5(15)", "室蘭市 5. 禁止事項", "十和田市 4(12)"],
    message: Msg {
        ja: "庁内ネットワークのアドレス（プライベートIPアドレス・共有フォルダ・イントラネット）があります。",
        en: "An address on the internal network (private IP address, file share or intranet).",
    },
    why: Msg {
        ja: "庁内ネットワークの構成がわかる情報は攻撃の手がかりになり、組織の情報セキュリティを脅かします。",
        en: "Details of the internal network help attackers and threaten the organisation's information security.",
    },
    fix: Msg {
        ja: "アドレスを削除してください。庁内向けの案内は庁内掲示板やメールで行ってください。",
        en: "Delete the address; give internal instructions on the intranet or by e-mail, not on social media.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "管理画面は 192.168.10.5:8080 です", account: Account::Unknown, hits: &[("192.168.10.5:8080", Severity::Warn)] },
        Example { text: "資料は \\\\fs01\\soumu\\2026 に置きました", account: Account::Personal, hits: &[("\\\\fs01\\soumu\\2026", Severity::Warn)] },
        Example { text: "￥￥ｆｉｌｅｓｅｒｖｅｒ￥共有￥広報 を見てください", account: Account::Personal, hits: &[("￥￥ｆｉｌｅｓｅｒｖｅｒ￥共有￥広報", Severity::Warn)] },
        Example { text: "申請は http://intranet.town.local/shinsei から", account: Account::Unknown, hits: &[("http://intranet.town.local/shinsei", Severity::Warn)] },
        Example { text: "勤怠は http://kintai/login で入力", account: Account::Personal, hits: &[("http://kintai/login", Severity::Warn)] },
        Example { text: "11月24日（火）22時から庁内LANのメンテナンスのため、電子申請が停止します", account: Account::Official, hits: &[] },
        Example { text: "公式サイト https://www.town.kibichuo.lg.jp/ をご覧ください", account: Account::Official, hits: &[] },
        Example { text: "偽サイト https://lіne.me/ti/p/abc に注意（і はキリル文字）", account: Account::Official, hits: &[] },
        Example { text: "バージョン 10.2.1.4 に更新、8.8.8.8 は公開DNS", account: Account::Personal, hits: &[] },
    ],
};

fn private_ip(octets: [u32; 4]) -> bool {
    match octets {
        [10, ..] => true,
        [172, b, ..] => (16..=31).contains(&b),
        [192, 168, ..] => true,
        _ => false,
    }
}

/// Every internal address in the normalised text: byte range and whether it is an IP address.
/// The IP and bare host patterns are ASCII only: only the ASCII runs that can hold them are
/// searched (`scan::find_in_ascii_runs`).
/// The host of a match `a..b` of the internal `https?://([a-z0-9.\-]+)…` pattern: group 1, the
/// longest run of host characters after `://` (greedy, and nothing after it is required).
fn url_host(text: &str, a: usize, b: usize) -> (usize, usize) {
    let after = a + text[a..b].find("://").map_or(0, |k| k + 3);
    let end = after + text[after..b].bytes().take_while(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-').count();
    (after, end)
}

pub fn internal_addresses(norm: &Normalized) -> Vec<(usize, usize, bool)> {
    let text = norm.text.as_str();
    static RE: OnceLock<(Pattern, Pattern, Pattern, Pattern)> = OnceLock::new();
    let (ip, unc, url, bare) = RE.get_or_init(|| {
        let r = |p: &str| Pattern::new(p).unwrap_or_else(|e| panic!("internal address regex {p}: {e}"));
        (
            r(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?::[0-9]{1,5})?"),
            r(r"(?:\\\\|¥¥)[a-z0-9][a-z0-9._$\-]*(?:[\\¥][^\s\\¥「」『』()（）、。,]+)+"),
            r(r"https?://([a-z0-9.\-]+)(?::\d{1,5})?(?:[/?#][!-~]*)?"),
            r(r"[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:local|lan|internal|intranet|intra|corp|localdomain|home\.arpa)(?::[0-9]{1,5})?(?:/[!-~]*)?"),
        )
    });
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let push = |out: &mut Vec<(usize, usize, bool)>, a: usize, b: usize, is_ip: bool| {
        let b = a + text[a..b].trim_end_matches(['.', ',', ')', ']', '!', '?', ';', ':', '\x22', '\'']).len();
        if a < b && !out.iter().any(|&(x, y, _)| x < b && a < y) {
            out.push((a, b, is_ip));
        }
    };
    for (ms, me) in find_in_ascii_runs(norm, ip, &["."]) {
        let m = &text[ms..me];
        let o: Vec<u32> = m.split(':').next().unwrap_or("").split('.').filter_map(|x| x.parse().ok()).collect();
        let [a, b, cc, d] = o[..] else { continue };
        if [a, b, cc, d].iter().any(|&x| x > 255) || !private_ip([a, b, cc, d]) {
            continue;
        }
        let before = text[..ms].chars().next_back();
        let after = text[me..].chars().next();
        let after2 = text[me..].chars().nth(1);
        if before.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.')
            || after.is_some_and(|p| p.is_ascii_digit())
            || (after == Some('.') && after2.is_some_and(|p| p.is_ascii_digit()))
        {
            continue;
        }
        // バージョン 10.2.1.4, v10.0.0.1: a version number, not an address.
        let head: String = text[..ms].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        if ["バージョン", "ver", "version", "v.", "ios", "android", "更新"].iter().any(|w| head.contains(w)) {
            continue;
        }
        push(&mut out, ms, me, true);
    }
    for m in unc.find_iter(text) {
        push(&mut out, m.start(), m.end(), false);
    }
    for m in url.find_iter(text) {
        // The host (group 1): the longest run of its characters after `://` (greedy, and
        // nothing after it is required), found without a capturing search.
        let (after, host_end) = url_host(text, m.start(), m.end());
        // A host cut short by a non-ASCII letter (https://lіne.me with a Cyrillic і) is some
        // other, look-alike host: not ours to judge.
        if text[host_end..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let h = text[after..host_end].trim_end_matches('.');
        let is_ip = !h.is_empty() && h.bytes().all(|x| x.is_ascii_digit() || x == b'.');
        let internal = !is_ip
            && (!h.contains('.')
                || h.starts_with("intranet.")
                || h.starts_with("intra.")
                || [".local", ".lan", ".internal", ".intranet", ".intra", ".corp", ".localdomain", ".home.arpa"].iter().any(|s| h.ends_with(s)));
        if internal {
            push(&mut out, m.start(), m.end(), false);
        }
    }
    for (ms, me) in find_in_ascii_runs(norm, bare, &[".local", ".lan", ".internal", ".intra", ".corp", ".home.arpa"]) {
        let before = text[..ms].chars().next_back();
        if before.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '-' | '@' | '/' | '_')) {
            continue;
        }
        push(&mut out, ms, me, false);
    }
    out
}

impl Rule for InternalAddress {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for (a, b, is_ip) in internal_addresses(cx.norm) {
            let hit = Hit::new(a, b);
            out.push(if is_ip {
                hit.message(Message::from(Msg {
                    ja: "プライベートIPアドレス（庁内ネットワークのアドレス）があります。",
                    en: "A private IP address (an address on the internal network).",
                }))
            } else {
                hit
            });
        }
    }
}

#[cfg(test)]
mod tests {
    /// `url_host` is the pattern's group 1, on the corpora and on hosts with ports, paths,
    /// user info, trailing dots and look-alike letters.
    #[test]
    fn url_host_is_group_one() {
        let re = regex::Regex::new(r"https?://([a-z0-9.\-]+)(?::\d{1,5})?(?:[/?#][!-~]*)?").unwrap();
        let mut texts: Vec<String> = [
            "http://intranet/a http://192.168.0.1:8080/x https://a.b.local./?q", "https://lіne.me/x", "http://x-y.corp#f http://@a",
            "見て http://ｈｏｓｔ.lan:99 と https://a.jp/b", "http:// https://-.", "http://a.b.c.d.e.f.g.h.internal/あ",
        ]
        .iter()
        .map(|s| crate::text::Normalized::new(s).text)
        .collect();
        texts.extend(crate::rules::testing::corpus_texts().iter().map(|t| crate::text::Normalized::new(t).text));
        let mut n = 0;
        for t in &texts {
            for c in re.captures_iter(t) {
                let (m, h) = (c.get(0).unwrap(), c.get(1).unwrap());
                assert_eq!(super::url_host(t, m.start(), m.end()), (h.start(), h.end()), "{t}");
                n += 1;
            }
        }
        assert!(n >= 20, "{n} hosts compared");
    }
}
