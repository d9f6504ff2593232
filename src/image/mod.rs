//! Attached images: the metadata a photo carries that the post would give away (the GPS
//! position where it was taken, the owner's name, the camera's serial number) and a reminder
//! to get the consent of the people in it. The `image/*` rules (`src/rules/image/`) hold the
//! texts and settings; this module reads the image and builds their findings.
//!
//! A finding on an attachment names the attachment instead of a span of text: see
//! [`AttachmentFinding`] and [`ImageReport`]. Bytes that are not a sound image container
//! (corrupt, cut short, not an image) give no finding, only a [`ImageReport::note`] for logs; a
//! sound image whose Exif block is damaged gives no metadata finding but keeps the consent
//! reminder, which is about the people in the picture (`docs/images.md`).
//!
//! How much of a file to read: [`Checker::check_image`] takes a [`Source`], the whole file or
//! some parts of it. For large files, read the first [`HEAD`] bytes and the last [`TAIL`]
//! bytes; if the report has [`ImageReport::need`], read that range too and check again (a
//! JPEG's Exif is in the head, a WebP's at the end, a PNG's in either, a HEIC's where its
//! `meta` box says, usually in the head). See `docs/images.md`.

pub mod container;
pub mod exif;
pub mod municipal;
pub mod place;
pub mod sample;

pub use container::{Format, Located, Source};

use crate::finding::{Category, Message, Severity};
use crate::post::{Account, Context};
use crate::rules::image::{gps::Gps, identifying_metadata::IdentifyingMetadata, people_consent::PeopleConsent};
use crate::rules::Rule;
use crate::Checker;
use crate::finding::fields;
use crate::json::{ToJson, Value};
use std::borrow::Cow;

/// How many bytes from the start of a file to send first.
pub const HEAD: u64 = 256 * 1024;
/// How many bytes from the end of a file to send with the head.
pub const TAIL: u64 = 64 * 1024;

/// The parts of a file of `size` bytes to read first: `[offset, length]` pairs, the first
/// [`HEAD`] bytes and the last [`TAIL`] (one part when they meet).
pub fn read_plan(size: u64) -> Vec<[u64; 2]> {
    if size <= HEAD + TAIL {
        vec![[0, size]]
    } else {
        vec![[0, HEAD], [size - TAIL, TAIL]]
    }
}

/// A finding on an attached image. Serialised as
/// `{"attachment":"…","rule":"image/gps","category":"location","severity":"warn","message":{"ja","en"},"why":…,"fix":…,"clauses":[…]}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentFinding {
    /// The caller's id of the attachment.
    pub attachment: String,
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub message: Message,
    pub why: Message,
    pub fix: Message,
    pub clauses: Vec<&'static str>,
}

/// The result of checking one attached image.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageReport {
    pub attachment: String,
    /// `jpeg`, `png`, `webp`, `heif`, `gif`; absent when the bytes are not an image read here.
    pub format: Option<&'static str>,
    pub findings: Vec<AttachmentFinding>,
    /// Why nothing (or not everything) could be read, for logs; never shown as a finding.
    pub note: Option<String>,
    /// `[start, end)`: the metadata continues in this byte range of the file, which the parts
    /// given do not hold. Read it and check again with it added; `findings` is empty meanwhile.
    pub need: Option<[u64; 2]>,
}

impl ToJson for AttachmentFinding {
    fn to_json(&self) -> Value {
        fields(&[
            ("attachment", self.attachment.to_json()),
            ("rule", self.rule.to_json()),
            ("category", self.category.to_json()),
            ("severity", self.severity.to_json()),
            ("message", self.message.to_json()),
            ("why", self.why.to_json()),
            ("fix", self.fix.to_json()),
            ("clauses", self.clauses.to_json()),
        ])
    }
}

/// `{"attachment","format"?,"findings","note"?,"need"?}` (absent fields left out).
impl ToJson for ImageReport {
    fn to_json(&self) -> Value {
        let mut f = vec![("attachment", self.attachment.to_json())];
        if let Some(x) = self.format {
            f.push(("format", x.to_json()));
        }
        f.push(("findings", self.findings.to_json()));
        if let Some(x) = &self.note {
            f.push(("note", x.to_json()));
        }
        if let Some(x) = &self.need {
            f.push(("need", x.to_json()));
        }
        fields(&f)
    }
}

impl ImageReport {
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// A date and time from Exif (`2026:11:22 10:15:30`), local to the camera, no time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Taken {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

/// An identifying value found in the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identifying {
    /// The Exif field: `Artist`, `XPAuthor`, `CameraOwnerName`, `BodySerialNumber`, `LensSerialNumber`.
    pub field: &'static str,
    pub value: String,
}

/// What the metadata says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// Latitude, longitude in degrees (north, east positive).
    pub gps: Option<(f64, f64)>,
    pub taken: Option<Taken>,
    pub identifying: Vec<Identifying>,
}

/// Reads an Exif block (a TIFF header and its IFDs). A block cut short or partly broken gives
/// what could be read and a note.
pub fn read_exif(tiff: &[u8]) -> (Metadata, Option<String>) {
    if tiff.len() < 8 {
        return (Metadata::default(), Some("truncated EXIF".into()));
    }
    let exif = match exif::Fields::read(tiff) {
        Ok(f) => f,
        Err(e) => return (Metadata::default(), Some(format!("unreadable EXIF: {e}"))),
    };
    let mut note = exif.problem.map(|p| format!("EXIF read in part: {p}"));
    let mut m = Metadata::default();
    let lat = coordinate(&exif, exif::GPS_LATITUDE, exif::GPS_LATITUDE_REF, b'S', 90.0);
    let lon = coordinate(&exif, exif::GPS_LONGITUDE, exif::GPS_LONGITUDE_REF, b'W', 180.0);
    match (lat, lon) {
        (Some(a), Some(b)) if a == 0.0 && b == 0.0 => note = Some("GPS fields hold 0,0 (no fix)".into()),
        (Some(a), Some(b)) => m.gps = Some((a, b)),
        (None, None) => {}
        _ => note = Some("GPS position incomplete or malformed".into()),
    }
    m.taken = [exif::DATE_TIME_ORIGINAL, exif::DATE_TIME_DIGITIZED].into_iter().find_map(|t| ascii(&exif, t).and_then(|s| parse_taken(&s)));
    for (field, tag) in [
        ("Artist", exif::ARTIST),
        ("CameraOwnerName", exif::CAMERA_OWNER_NAME),
        ("BodySerialNumber", exif::BODY_SERIAL_NUMBER),
        ("LensSerialNumber", exif::LENS_SERIAL_NUMBER),
    ] {
        if let Some(v) = ascii(&exif, tag) {
            m.identifying.push(Identifying { field, value: v });
        }
    }
    // XPAuthor (Windows): UCS-2 little-endian in a BYTE array.
    if let Some(b) = exif.bytes(exif::XP_AUTHOR) {
        let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|&u| u != 0).collect();
        let v = String::from_utf16_lossy(&units).trim().to_string();
        if !v.is_empty() {
            m.identifying.push(Identifying { field: "XPAuthor", value: v });
        }
    }
    (m, note)
}

/// An ASCII field, trimmed; None when absent or blank.
fn ascii(exif: &exif::Fields<'_>, field: (exif::Ifd, u16)) -> Option<String> {
    let s = String::from_utf8_lossy(exif.ascii(field)?).trim_matches(|c: char| c == '\0' || c.is_whitespace()).to_string();
    (!s.is_empty()).then_some(s)
}

/// Degrees from three rationals and a reference letter (`neg` makes it negative).
fn coordinate(exif: &exif::Fields<'_>, field: (exif::Ifd, u16), reference: (exif::Ifd, u16), neg: u8, max: f64) -> Option<f64> {
    let v = exif.rationals(field)?;
    let ratio = |&(n, d): &(u32, u32)| (d != 0).then(|| f64::from(n) / f64::from(d));
    let part = |i: usize| v.get(i).map_or(Some(0.0), ratio);
    let deg = v.first().and_then(ratio)? + part(1)? / 60.0 + part(2)? / 3600.0;
    if !deg.is_finite() || deg > max {
        return None;
    }
    let negative = exif.ascii(reference).and_then(|s| s.first()).is_some_and(|c| c.eq_ignore_ascii_case(&neg));
    Some(if negative { -deg } else { deg })
}

/// `YYYY:MM:DD HH:MM[:SS]`.
pub fn parse_taken(s: &str) -> Option<Taken> {
    let b = s.as_bytes();
    if b.len() < 16 || !s.is_ascii() {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit())).and_then(|t| t.parse::<u16>().ok());
    let t = Taken { year: num(0..4)?, month: num(5..7)? as u8, day: num(8..10)? as u8, hour: num(11..13)? as u8, minute: num(14..16)? as u8 };
    let ok = t.year > 0 && (1..=12).contains(&t.month) && (1..=31).contains(&t.day) && t.hour < 24 && t.minute < 60;
    ok.then_some(t)
}

impl Taken {
    /// `2026年11月22日 10:15`
    pub fn ja(&self) -> String {
        format!("{}年{}月{}日 {}:{:02}", self.year, self.month, self.day, self.hour, self.minute)
    }
    /// `2026-11-22 10:15`
    pub fn en(&self) -> String {
        format!("{:04}-{:02}-{:02} {:02}:{:02}", self.year, self.month, self.day, self.hour, self.minute)
    }
}

/// The position, to 4 decimals (about 10 m): `北緯34.8627度、東経133.6946度` / `34.8627° N, 133.6946° E`.
fn position(lat: f64, lon: f64) -> (String, String) {
    let (ns_ja, ns) = if lat < 0.0 { ("南緯", 'S') } else { ("北緯", 'N') };
    let (ew_ja, ew) = if lon < 0.0 { ("西経", 'W') } else { ("東経", 'E') };
    let (a, b) = (fixed4(lat.abs()), fixed4(lon.abs()));
    (format!("{ns_ja}{a}度、{ew_ja}{b}度"), format!("{a}° {ns}, {b}° {ew}"))
}

/// `v` to 4 decimals with integer arithmetic (`-33.8688`), so that the WASM build carries no
/// float formatting.
pub fn fixed4(v: f64) -> String {
    let n = (v.abs() * 10_000.0).round() as u64;
    let sign = if v < 0.0 && n > 0 { "-" } else { "" };
    format!("{sign}{}.{:04}", n / 10_000, n % 10_000)
}

/// The message of `image/gps`.
pub fn gps_message(lat: f64, lon: f64, taken: Option<Taken>) -> Message {
    let (pos_ja, pos_en) = position(lat, lon);
    let (where_ja, where_en) = match place::locate(lat, lon) {
        Some(p) => (format!("{}（{pos_ja}）", p.ja()), format!("{} ({pos_en})", p.en())),
        None => (pos_ja, pos_en),
    };
    let (when_ja, when_en) = match taken {
        Some(t) => (format!("、撮影日時 {}", t.ja()), format!(", taken {}", t.en())),
        None => (String::new(), String::new()),
    };
    Message {
        ja: Cow::Owned(format!("この画像には撮影場所の位置情報（GPS）が記録されています：{where_ja}{when_ja}。")),
        en: Cow::Owned(format!("This image records where it was taken (GPS): {where_en}{when_en}.")),
    }
}

/// The message of `image/identifying-metadata`.
pub fn identifying_message(found: &[Identifying]) -> Message {
    let (mut ja, mut en) = (Vec::new(), Vec::new());
    for i in found {
        let (label_ja, label_en, value) = match i.field {
            "Artist" => ("作成者", "author", i.value.clone()),
            "XPAuthor" => ("作成者", "author", i.value.clone()),
            "CameraOwnerName" => ("カメラの所有者名", "camera owner", i.value.clone()),
            "BodySerialNumber" => ("カメラのシリアル番号", "camera serial number", mask_serial(&i.value)),
            _ => ("レンズのシリアル番号", "lens serial number", mask_serial(&i.value)),
        };
        ja.push(format!("{label_ja}（{}）「{value}」", i.field));
        en.push(format!("{label_en} ({}) \"{value}\"", i.field));
    }
    Message {
        ja: Cow::Owned(format!("この画像には撮影者や機材を特定できる情報が記録されています：{}。", ja.join("、"))),
        en: Cow::Owned(format!("This image records who took it or with what: {}.", en.join(", "))),
    }
}

/// A serial number with all but its last 4 characters hidden: `****1234`.
fn mask_serial(s: &str) -> String {
    let n = s.chars().count();
    s.chars().enumerate().map(|(i, c)| if i + 4 < n { '*' } else { c }).collect()
}

/// When the reminder `image/people-consent` is given (policy `photo_consent_reminder`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConsentReminder {
    Off,
    /// On personal accounts (and unknown ones, read as the stricter).
    #[default]
    Personal,
    Always,
}

impl ConsentReminder {
    pub fn from_id(s: &str) -> Option<ConsentReminder> {
        match s {
            "off" => Some(ConsentReminder::Off),
            "personal" => Some(ConsentReminder::Personal),
            "always" => Some(ConsentReminder::Always),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ConsentReminder::Off => "off",
            ConsentReminder::Personal => "personal",
            ConsentReminder::Always => "always",
        }
    }
}

impl Checker {
    /// Checks one attached image, given whole or in parts (see the module's doc).
    pub fn check_image(&self, src: &Source<'_>, context: &Context, attachment: &str) -> ImageReport {
        let mut report = ImageReport { attachment: attachment.to_string(), ..ImageReport::default() };
        let head = match src.get(0, src.size.min(12)) {
            Ok(h) => h,
            Err(_) => {
                report.need = Some([0, src.size.min(HEAD)]);
                return report;
            }
        };
        let Some(format) = Format::sniff(head) else {
            report.note = Some("not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)".into());
            return report;
        };
        report.format = Some(format.id());
        let (meta, note) = match container::locate(src, format) {
            Located::Exif(tiff) => read_exif(&tiff),
            Located::None => (Metadata::default(), None),
            Located::Need(a, b) => {
                report.need = Some([a, b]);
                return report;
            }
            Located::Invalid(why) => {
                report.note = Some(why.to_string());
                return report;
            }
        };
        report.note = note;
        let account = self.effective_account(context);
        let rule = |r: &'static dyn Rule| self.active.iter().find(|(a, _)| a.meta().id == r.meta().id).map(|&(_, s)| s);
        let mut push = |r: &'static dyn Rule, severity: Severity, message: Message| {
            let m = r.meta();
            report.findings.push(AttachmentFinding {
                attachment: attachment.to_string(),
                rule: m.id,
                category: m.category,
                severity,
                message,
                why: m.why.into(),
                fix: m.fix.into(),
                clauses: self.policy.preset.clauses(m),
            });
        };
        if let (Some((lat, lon)), Some(s)) = (meta.gps, rule(&Gps)) {
            push(&Gps, s, gps_message(lat, lon, meta.taken));
        }
        if let (false, Some(s)) = (meta.identifying.is_empty(), rule(&IdentifyingMetadata)) {
            push(&IdentifyingMetadata, s, identifying_message(&meta.identifying));
        }
        let remind = match self.policy.photo_consent_reminder {
            ConsentReminder::Off => false,
            ConsentReminder::Personal => account != Account::Official,
            ConsentReminder::Always => true,
        };
        if let (true, Some(s)) = (remind, rule(&PeopleConsent)) {
            push(&PeopleConsent, s, PeopleConsent.meta().message.into());
        }
        report
    }

    /// The account, as the text checker resolves it (OrgSettings::account_of).
    fn effective_account(&self, context: &Context) -> Account {
        self.policy.org.account_of(context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::post::Account;

    fn check(spec: sample::Spec, account: Account) -> ImageReport {
        let bytes = spec.build();
        Checker::new(Policy::default()).check_image(&Source::whole(&bytes), &Context { account, ..Context::default() }, "a1")
    }

    const TOKYO: sample::Spec = sample::Spec { gps: Some((35.6812, 139.7671)), taken: Some("2026:11:22 10:15:00"), ..sample::Spec::PLAIN };

    #[test]
    fn gps_in_each_container_is_found() {
        for format in [Format::Jpeg, Format::Png, Format::Webp] {
            let r = check(sample::Spec { format, ..TOKYO }, Account::Official);
            assert_eq!(r.format, Some(format.id()));
            let msgs: Vec<&str> = r.findings.iter().map(|f| f.message.ja.as_ref()).collect();
            assert_eq!(
                msgs,
                ["この画像には撮影場所の位置情報（GPS）が記録されています：東京都千代田区付近（北緯35.6812度、東経139.7671度）、撮影日時 2026年11月22日 10:15。"],
                "{format:?}"
            );
        }
    }

    #[test]
    fn a_head_and_tail_are_enough_or_the_range_is_named() {
        // A WebP whose EXIF chunk is at the end, after 1 MB of image data.
        let mut bytes = sample::Spec { format: Format::Webp, ..TOKYO }.build();
        let vp8l = 12 + 18;
        let pad = vec![0u8; 1 << 20];
        let old = u32::from_le_bytes(bytes[vp8l + 4..vp8l + 8].try_into().unwrap()) as usize;
        let mut body = bytes[..vp8l + 8 + old + (old & 1)].to_vec();
        // Grow the VP8L chunk by 1 MB.
        let new_len = (old + pad.len()) as u32;
        body[vp8l + 4..vp8l + 8].copy_from_slice(&new_len.to_le_bytes());
        body.extend_from_slice(&pad);
        body.extend_from_slice(&bytes[vp8l + 8 + old + (old & 1)..]);
        let riff = (body.len() - 8) as u32;
        body[4..8].copy_from_slice(&riff.to_le_bytes());
        bytes = body;
        let size = bytes.len() as u64;
        let c = Checker::new(Policy::default());
        let ctx = Context { account: Account::Official, ..Context::default() };
        let head = &bytes[..HEAD as usize];
        let tail = &bytes[bytes.len() - TAIL as usize..];
        let src = Source::parts(size, vec![(0, head), (size - TAIL, tail)]).unwrap();
        let r = c.check_image(&src, &ctx, "w");
        assert_eq!((r.need, r.findings.len()), (None, 1), "{r:?}");
        // Without the tail, the checker names the next chunk header's range.
        let src = Source::parts(size, vec![(0, head)]).unwrap();
        let r = c.check_image(&src, &ctx, "w");
        let next = (vp8l + 8 + old + pad.len() + (old & 1)) as u64;
        assert_eq!(r.need, Some([next, size.min(next + 64 * 1024 + 4)]));
        let src = Source::parts(size, vec![(0, head), (next, &bytes[next as usize..])]).unwrap();
        assert_eq!(c.check_image(&src, &ctx, "w").findings.len(), 1);
    }

    #[test]
    fn identifying_fields_are_listed_with_serials_masked() {
        let spec = sample::Spec { artist: Some("山田 太郎"), serial: Some("012345678901"), ..sample::Spec::PLAIN };
        let r = check(spec, Account::Official);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].rule, "image/identifying-metadata");
        assert_eq!(r.findings[0].severity, Severity::Info);
        assert_eq!(
            r.findings[0].message.ja,
            "この画像には撮影者や機材を特定できる情報が記録されています：作成者（Artist）「山田 太郎」、カメラのシリアル番号（BodySerialNumber）「********8901」。"
        );
        assert_eq!(r.findings[0].message.en, "This image records who took it or with what: author (Artist) \"山田 太郎\", camera serial number (BodySerialNumber) \"********8901\".");
    }

    #[test]
    fn consent_reminder_follows_the_policy_and_the_account() {
        let bytes = sample::Spec::PLAIN.build();
        let run = |policy: &str, account: Account| -> Vec<&'static str> {
            let (p, e) = Policy::from_json(policy);
            assert!(e.is_empty(), "{e:?}");
            let r = Checker::new(p).check_image(&Source::whole(&bytes), &Context { account, ..Context::default() }, "x");
            r.findings.iter().map(|f| f.rule).collect()
        };
        assert_eq!(run("{}", Account::Personal), ["image/people-consent"]);
        assert_eq!(run("{}", Account::Unknown), ["image/people-consent"]);
        assert!(run("{}", Account::Official).is_empty());
        assert_eq!(run(r#"{"photo_consent_reminder":"always"}"#, Account::Official), ["image/people-consent"]);
        assert!(run(r#"{"photo_consent_reminder":"off"}"#, Account::Personal).is_empty());
        assert!(run(r#"{"rules":{"image/people-consent":"off"}}"#, Account::Personal).is_empty());
        let (_, e) = Policy::from_json(r#"{"photo_consent_reminder":"sometimes"}"#);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].to_string(), "policy key `photo_consent_reminder` = \"sometimes\": expected \"off\", \"personal\" or \"always\"");
    }

    #[test]
    fn dates_and_positions_read_naturally() {
        assert_eq!(parse_taken("2026:11:22 10:15:30").map(|t| (t.ja(), t.en())), Some(("2026年11月22日 10:15".into(), "2026-11-22 10:15".into())));
        assert_eq!(parse_taken("    :  :     :  :  "), None);
        assert_eq!(parse_taken("2026:13:22 10:15:30"), None);
        assert_eq!(position(-33.45, -70.6667), ("南緯33.4500度、西経70.6667度".into(), "33.4500° S, 70.6667° W".into()));
        assert_eq!(mask_serial("AB12"), "AB12");
        assert_eq!((fixed4(34.86274), fixed4(-33.86885), fixed4(0.00004), fixed4(-0.00004)), ("34.8627".into(), "-33.8689".into(), "0.0000".into(), "0.0000".into()));
    }

    #[test]
    fn garbage_gives_a_note_and_no_finding() {
        let c = Checker::new(Policy::default());
        let ctx = Context { account: Account::Personal, ..Context::default() };
        for (bytes, note) in [
            (&b"hello, world"[..], "not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)"),
            (&b""[..], "not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)"),
            (&b"\xFF\xD8\xFF\xE1\x10\x00Exif\0\0II*\0"[..], "the file is cut short"),
            (&b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"[..], "the file is cut short"),
        ] {
            let r = c.check_image(&Source::whole(bytes), &ctx, "g");
            assert!(r.findings.is_empty(), "{bytes:?}");
            assert_eq!(r.note.as_deref(), Some(note), "{bytes:?}");
        }
    }
}
