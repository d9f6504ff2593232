//! What the fuzz targets share with the regression tests (tests/fuzz_regressions.rs includes
//! this file): how a fuzz input's bytes become a post, its context and a policy, and the
//! invariants every report must keep. Depends on nothing but the checker, so the native tests
//! can replay a fuzz artifact byte for byte.

use postcheck::policy::{Policy, Preset};
use postcheck::{Account, Checker, Context, LocalTime, Post, Report, Site};
use std::sync::OnceLock;

/// Bytes before the text in a `check` input (see [`decode`]).
pub const HEADER: usize = 9;

/// The organisation's settings a fuzzed post may be checked under (besides a bare preset): an
/// allow list and a block list of domains, the organisation's handles, allowed e-mail domains,
/// Saturday working hours with a break, an organisation device, and custom terms: a literal
/// and patterns, one with nested quantifiers (linear in the `regex` crate, whatever the text).
pub const ORG_POLICY: &str = r#"{
  "custom_terms": [
    {"term": "庁内限り", "category": "confidential", "severity": "block"},
    {"term": "ABC", "category": "confidential"},
    {"pattern": "プロジェクト[ABC]", "category": "confidential"},
    {"pattern": "(a|aa)+b", "category": "security", "severity": "info"},
    {"pattern": "(\\w+\\s?)*課長", "category": "personal-opinion"}
  ],
  "allowed_domains": ["kanko-kibichuo.jp", "*.example.org"],
  "blocked_domains": ["bad.example", "xn--eckwd4c7c.xn--zckzah"],
  "official_handles": {"x": ["@kibichuo_town"], "facebook": ["kibichuo.town"]},
  "allowed_email_domains": ["city.nagareyama.chiba.jp", "lg.jp"],
  "organisation_device": true,
  "working_hours": {"days": ["mon","tue","wed","thu","fri","sat"], "start": "08:30", "end": "17:15",
                    "breaks": [{"start": "12:00", "end": "13:00"}], "holidays_off": true},
  "posting_window": {"days": ["mon","tue","wed","thu","fri"], "start": "09:00", "end": "17:00", "holidays_off": false}
}"#;

/// The checkers a `check` input chooses from: each preset alone, then each preset with
/// [`ORG_POLICY`]. Built once per process.
pub fn checkers() -> &'static [Checker] {
    static CHECKERS: OnceLock<Vec<Checker>> = OnceLock::new();
    CHECKERS.get_or_init(|| {
        let mut v = Vec::new();
        for org in [false, true] {
            for preset in Preset::ALL {
                let json = if org {
                    ORG_POLICY.replacen('{', &format!("{{\"preset\":\"{}\",", preset.id()), 1)
                } else {
                    format!("{{\"preset\":\"{}\"}}", preset.id())
                };
                let (policy, errors) = Policy::from_json(&json);
                assert!(errors.is_empty(), "{errors:?}");
                v.push(Checker::new(policy));
            }
        }
        v
    })
}

/// A fuzz input decoded: which of [`checkers`] to use, the context and the text.
#[derive(Clone, Debug)]
pub struct Input {
    pub checker: usize,
    pub context: Context,
    pub text: String,
}

fn days_in_month(y: i32, m: u8) -> u8 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1]
}

/// Decodes a `check` input: a 9-byte header, then the text (invalid UTF-8 becomes U+FFFD, as
/// a lone surrogate does when the extension hands JavaScript text to the checker).
///
/// | byte | meaning |
/// |------|---------|
/// | 0    | bits 0–6: preset (`% 5`, in [`Preset::ALL`] order) and account (`/ 5 % 3`: official, personal, unknown); bit 7: the organisation's settings |
/// | 1    | bit 0 reply, bits 1–2 site (0 X, 1 Facebook, else other), bit 3 location tag, bit 4 a handle (bit 5: the organisation's `@kibichuo_town`, else `@someone_else`), bit 6 a local time |
/// | 2–3  | year, little-endian `% 10000` (RFC 3339 has four digits) |
/// | 4–8  | month, day, hour, minute (each reduced into range), UTC offset (`* 15 - 1920` minutes, clamped to ±23:59) |
pub fn decode(data: &[u8]) -> Input {
    let mut h = [0u8; HEADER];
    let n = data.len().min(HEADER);
    h[..n].copy_from_slice(&data[..n]);
    let text = String::from_utf8_lossy(&data[n..]).into_owned();
    let b0 = h[0] & 0x7F;
    let preset = (b0 % 5) as usize;
    let account = [Account::Official, Account::Personal, Account::Unknown][(b0 / 5 % 3) as usize];
    let checker = preset + if h[0] >= 128 { 5 } else { 0 };
    let flags = h[1];
    let site = match (flags >> 1) & 3 {
        0 => Site::X,
        1 => Site::Facebook,
        _ => Site::Other,
    };
    let handle = (flags & 0x10 != 0).then(|| if flags & 0x20 != 0 { "@kibichuo_town" } else { "@someone_else" }.to_string());
    let at = (flags & 0x40 != 0).then(|| {
        let year = (u16::from_le_bytes([h[2], h[3]]) % 10000) as i32;
        let month = h[4] % 12 + 1;
        let day = h[5] % days_in_month(year, month) + 1;
        let offset = (h[8] as i16 * 15 - 1920).clamp(-1439, 1439);
        LocalTime { year, month, day, hour: h[6] % 24, minute: h[7] % 60, second: 0, offset_minutes: offset }
    });
    let context = Context { account, at, site, reply: flags & 1 != 0, handle, location_tag: flags & 8 != 0 };
    Input { checker, context, text }
}

/// Encodes a header for [`decode`] (seeds and regression tests).
#[allow(clippy::too_many_arguments)]
pub fn header(preset: u8, account: u8, org: bool, flags: u8, year: u16, month: u8, day: u8, hour: u8, minute: u8) -> [u8; HEADER] {
    let [y0, y1] = year.to_le_bytes();
    [preset % 5 + account % 3 * 5 + if org { 128 } else { 0 }, flags, y0, y1, month.wrapping_sub(1), day.wrapping_sub(1), hour, minute, 164]
}

/// Checks `input` and asserts what must hold for any report (panics otherwise).
pub fn check_and_verify(input: &Input) -> Report {
    let checker = &checkers()[input.checker];
    let post = Post { text: &input.text, context: input.context.clone() };
    let report = checker.check(&post);
    verify(checker, &input.text, &report);
    report
}

/// Every finding lies inside the text, is not empty, does not split a surrogate pair, names a
/// rule in force and only clauses of the preset's municipality; findings are sorted.
pub fn verify(checker: &Checker, text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let municipality = checker.policy().preset.municipality();
    for f in &report.findings {
        assert!(f.start < f.end && f.end as usize <= units.len(), "bad span {f:?} for {} units", units.len());
        for b in [f.start as usize, f.end as usize] {
            if b > 0 && b < units.len() {
                let split = (0xD800..0xDC00).contains(&units[b - 1]) && (0xDC00..0xE000).contains(&units[b]);
                assert!(!split, "{f:?} splits a surrogate pair");
            }
        }
        assert!(checker.active_rules().any(|(r, _)| r.meta().id == f.rule), "{} is not in force", f.rule);
        if let Some(m) = municipality {
            assert!(f.clauses.iter().all(|c| c.starts_with(m)), "{f:?} cites another municipality than {m}");
        }
    }
    assert!(
        report.findings.windows(2).all(|w| (w[0].start, w[0].end, w[0].rule) <= (w[1].start, w[1].end, w[1].rule)),
        "findings are not sorted"
    );
}

/// Posts that reach the policy-dependent rules: links to allowed, blocked and unlisted domains,
/// e-mail addresses, a mention, a reply, times inside and outside the windows.
const POLICY_PROBES: &[&str] = &[
    "詳しくは https://kanko-kibichuo.jp/event と http://bad.example/x 、https://www.example.org/a をご覧ください。",
    "問い合わせは soumu@city.nagareyama.chiba.jp または taro@gmail.com まで。@kibichuo_town さんありがとう！",
    "本日の窓口は17時15分までです。bit.ly/3xYzAb",
];

/// Checks [`POLICY_PROBES`] under `policy` in a few contexts (an official handle, a personal
/// reply on a Saturday night, a weekday morning on Facebook) and verifies each report.
pub fn check_under(policy: Policy) {
    let checker = Checker::new(policy);
    let times = ["2026-11-28T21:30:00+09:00", "2026-11-24T08:30:00+09:00", "2027-01-01T12:30:00Z"];
    for (i, text) in POLICY_PROBES.iter().enumerate() {
        let context = Context {
            account: [Account::Unknown, Account::Personal, Account::Official][i % 3],
            at: LocalTime::parse(times[i % 3]).ok(),
            site: [Site::X, Site::Other, Site::Facebook][i % 3],
            reply: i == 1,
            handle: (i == 0).then(|| "@kibichuo_town".to_string()),
            location_tag: i == 2,
        };
        let report = checker.check(&Post { text, context });
        verify(&checker, text, &report);
    }
}
