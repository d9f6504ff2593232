//! Attached images: real photos made with ImageMagick, cwebp, heif-enc and exiftool
//! (`tests/images/`, see its README), checked as the extension and the CLI check them: the
//! exact messages, the notes on broken files, 20 MB files read from their head and tail.

use postcheck::image::{ImageReport, Source, HEAD, TAIL};
use postcheck::policy::Policy;
use postcheck::json::ToJson;
use postcheck::{Account, Checker, Context, Severity};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn image(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/images").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn checker() -> &'static Checker {
    static C: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    C.get_or_init(|| Checker::new(Policy::default()))
}

fn check(bytes: &[u8], account: Account) -> ImageReport {
    checker().check_image(&Source::whole(bytes), &Context { account, ..Context::default() }, "att-1")
}

/// (rule, severity, Japanese message, English message) of each finding.
fn findings(r: &ImageReport) -> Vec<(&'static str, Severity, String, String)> {
    r.findings.iter().map(|f| (f.rule, f.severity, f.message.ja.to_string(), f.message.en.to_string())).collect()
}

const CONSENT_JA: &str = "写っている人がいる場合は、掲載について本人の同意を得ていますか。";
const CONSENT_EN: &str = "If people appear in this photo, have they agreed to it being posted?";

fn gps(ja: &str, en: &str) -> (&'static str, Severity, String, String) {
    ("image/gps", Severity::Warn, ja.to_string(), en.to_string())
}

fn consent() -> (&'static str, Severity, String, String) {
    ("image/people-consent", Severity::Info, CONSENT_JA.to_string(), CONSENT_EN.to_string())
}

#[test]
fn jpeg_with_gps_north_east_names_the_prefecture_the_position_and_the_date() {
    let r = check(&image("gps-ne.jpg"), Account::Personal);
    assert_eq!(r.format, Some("jpeg"));
    assert_eq!(r.note, None);
    assert_eq!(
        findings(&r),
        [
            gps(
                "この画像には撮影場所の位置情報（GPS）が記録されています：岡山県加賀郡吉備中央町付近（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。",
                "This image records where it was taken (GPS): near 加賀郡吉備中央町, Okayama Prefecture (34.8627° N, 133.6946° E), taken 2026-11-22 10:15."
            ),
            consent(),
        ]
    );
    let f = &r.findings[0];
    assert_eq!((f.attachment.as_str(), f.category.id(), f.clauses.as_slice()), ("att-1", "location", &["吉備中央町 4(14)"][..]));
}

#[test]
fn jpeg_with_gps_south_west_gives_the_coordinates_alone() {
    let r = check(&image("gps-sw.jpg"), Account::Official);
    assert_eq!(
        findings(&r),
        [gps(
            "この画像には撮影場所の位置情報（GPS）が記録されています：南緯33.4489度、西経70.6693度、撮影日時 2025年3月9日 16:42。",
            "This image records where it was taken (GPS): 33.4489° S, 70.6693° W, taken 2025-03-09 16:42."
        )]
    );
}

#[test]
fn jpeg_without_gps_gives_nothing_on_an_official_account_and_the_reminder_on_a_personal_one() {
    let bytes = image("no-gps.jpg");
    let r = check(&bytes, Account::Official);
    assert_eq!((r.format, r.findings.len(), r.note.as_deref()), (Some("jpeg"), 0, None));
    assert_eq!(findings(&check(&bytes, Account::Personal)), [consent()]);
}

#[test]
fn names_and_serial_numbers_are_reported_as_info() {
    let r = check(&image("identifying.jpg"), Account::Official);
    assert_eq!(
        findings(&r),
        [(
            "image/identifying-metadata",
            Severity::Info,
            "この画像には撮影者や機材を特定できる情報が記録されています：作成者（Artist）「Kibi Taro」、カメラの所有者名（CameraOwnerName）「KIBI TARO」、カメラのシリアル番号（BodySerialNumber）「********1234」、作成者（XPAuthor）「吉備 太郎」。".to_string(),
            "This image records who took it or with what: author (Artist) \"Kibi Taro\", camera owner (CameraOwnerName) \"KIBI TARO\", camera serial number (BodySerialNumber) \"********1234\", author (XPAuthor) \"吉備 太郎\".".to_string()
        )]
    );
    assert_eq!(r.findings[0].category.id(), "personal-info");
}

#[test]
fn png_with_an_exif_chunk() {
    let r = check(&image("gps.png"), Account::Official);
    assert_eq!(r.format, Some("png"));
    assert_eq!(
        findings(&r),
        [gps(
            "この画像には撮影場所の位置情報（GPS）が記録されています：北海道室蘭市付近（北緯42.3152度、東経140.9737度）、撮影日時 2026年2月1日 9:00。",
            "This image records where it was taken (GPS): near 室蘭市, Hokkaido (42.3152° N, 140.9737° E), taken 2026-02-01 09:00."
        )]
    );
}

#[test]
fn webp_with_an_exif_chunk() {
    let r = check(&image("gps.webp"), Account::Official);
    assert_eq!(r.format, Some("webp"));
    assert_eq!(
        findings(&r),
        [gps(
            "この画像には撮影場所の位置情報（GPS）が記録されています：青森県十和田市付近（北緯40.6128度、東経141.2058度）、撮影日時 2026年7月14日 18:30。",
            "This image records where it was taken (GPS): near 十和田市, Aomori Prefecture (40.6128° N, 141.2058° E), taken 2026-07-14 18:30."
        )]
    );
}

#[test]
fn heic_with_an_exif_item() {
    let r = check(&image("gps.heic"), Account::Official);
    assert_eq!(r.format, Some("heif"));
    assert_eq!(
        findings(&r),
        [gps(
            "この画像には撮影場所の位置情報（GPS）が記録されています：千葉県流山市付近（北緯35.8563度、東経139.9027度）、撮影日時 2026年5月3日 11:20。",
            "This image records where it was taken (GPS): near 流山市, Chiba Prefecture (35.8563° N, 139.9027° E), taken 2026-05-03 11:20."
        )]
    );
}

const ALL: [&str; 7] = ["gps-ne.jpg", "gps-sw.jpg", "no-gps.jpg", "identifying.jpg", "gps.png", "gps.webp", "gps.heic"];

/// Where the structure the checker walks to reach the metadata ends (docs/images.md, "Corrupt,
/// cut-short and non-image files"): a JPEG's Exif APP1 segment, a PNG's `eXIf` chunk (its
/// data; the CRC is not read). A WebP's RIFF size and a HEIF's boxes say how long the whole
/// file is, so any cut of those is seen: `None`.
fn metadata_end(name: &str, b: &[u8]) -> Option<usize> {
    if name.ends_with(".jpg") {
        let mut p = 2;
        while b[p] == 0xFF && b[p + 1] != 0xE1 {
            p += 2 + usize::from(u16::from_be_bytes([b[p + 2], b[p + 3]]));
        }
        assert_eq!(&b[p + 4..p + 10], b"Exif\0\0", "{name}");
        Some(p + 2 + usize::from(u16::from_be_bytes([b[p + 2], b[p + 3]])))
    } else if name.ends_with(".png") {
        png_chunks(b).iter().find(|c| &c.1 == b"eXIf").map(|&(p, _, n)| p + 8 + n)
    } else {
        None
    }
}

#[test]
fn a_file_cut_before_the_end_of_its_metadata_gives_nothing_on_any_account_and_after_it_the_whole_files_findings() {
    let not_an_image = "not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)";
    let mut seen = std::collections::BTreeMap::new();
    for name in ALL {
        let bytes = image(name);
        let end = metadata_end(name, &bytes).unwrap_or(bytes.len());
        for account in [Account::Personal, Account::Official] {
            let full = findings(&check(&bytes, account));
            assert!(!full.is_empty() || account == Account::Official, "{name}: the whole file has findings");
            for n in 0..bytes.len() {
                let r = check(&bytes[..n], account);
                assert!(r.need.is_none(), "{name} cut at {n}: a whole (short) file never needs more");
                if n >= end {
                    // Cut in the image data, after the metadata: the metadata the site would get.
                    assert_eq!(findings(&r), full, "{name} cut at {n} of {} ({account:?})", bytes.len());
                    continue;
                }
                // Not the reminder either: the file is not an image that can be posted.
                assert_eq!(findings(&r), [], "{name} cut at {n} ({account:?})");
                let note = r.note.unwrap_or_else(|| panic!("{name} cut at {n}: no note"));
                *seen.entry(if note == not_an_image || note == "the file is cut short" { note } else { "(other)".into() }).or_insert(0) += 1;
            }
        }
    }
    // Most cuts are seen as such; the signature alone cut short is no image; a HEIF cut inside
    // its boxes says which box ("HEIF: a box reaches past its parent", "HEIF: no meta box").
    assert_eq!(seen.keys().map(String::as_str).collect::<Vec<_>>(), ["(other)", not_an_image, "the file is cut short"]);
    assert!(seen["the file is cut short"] > 2 * 2500, "{seen:?}");
}

#[test]
fn damaged_exif_in_a_readable_jpeg_gives_no_metadata_finding_but_the_reminder_on_a_personal_account() {
    let good = image("gps-ne.jpg");
    let tiff = good.windows(6).position(|w| w == b"Exif\0\0").unwrap() + 6;
    // The TIFF header overwritten; an IFD0 offset past the block; an Exif block of 4 bytes.
    let mut header = good.clone();
    header[tiff..tiff + 4].copy_from_slice(b"XX\0\0");
    let mut offset = good.clone();
    let ifd0 = if &good[tiff..tiff + 2] == b"II" { [0xF0, 0xFF, 0xFF, 0x0F] } else { [0x0F, 0xFF, 0xFF, 0xF0] };
    offset[tiff + 4..tiff + 8].copy_from_slice(&ifd0);
    let app1 = tiff - 10;
    let mut short = good[..app1].to_vec();
    short.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x0C]);
    short.extend_from_slice(b"Exif\0\0II*\0");
    short.extend_from_slice(&good[metadata_end("gps-ne.jpg", &good).unwrap()..]);
    for (bytes, note) in [
        (&header, "unreadable EXIF: not a TIFF header"),
        (&offset, "EXIF read in part: truncated IFD count"),
        (&short, "truncated EXIF"),
    ] {
        let r = check(bytes, Account::Personal);
        assert_eq!((r.format, r.note.as_deref(), findings(&r)), (Some("jpeg"), Some(note), vec![consent()]));
        let r = check(bytes, Account::Official);
        assert_eq!((r.format, r.note.as_deref(), findings(&r)), (Some("jpeg"), Some(note), vec![]));
    }
}

#[test]
fn corrupt_bytes_never_panic_and_always_serialise() {
    for name in ALL {
        let bytes = image(name);
        for i in 0..bytes.len() {
            for v in [0x00, 0xFF, bytes[i] ^ 0x55] {
                let mut b = bytes.clone();
                b[i] = v;
                let r = check(&b, Account::Personal);
                let json = r.to_json().to_string();
                assert!(json.starts_with("{\"attachment\":\"att-1\""), "{json}");
            }
        }
    }
}

#[test]
fn non_images_give_a_note_and_no_finding() {
    for bytes in [&b"%PDF-1.7\n"[..], b"GIF8", b"", b"\x00\x00\x00\x18ftypmp42", "こんにちは".as_bytes()] {
        let r = check(bytes, Account::Personal);
        assert_eq!(r.to_json().to_string(), r#"{"attachment":"att-1","findings":[],"note":"not an image this checker reads (JPEG, PNG, WebP, HEIF/HEIC/AVIF, GIF)"}"#);
    }
    // A signature followed by something else (a text file renamed, a broken download): no
    // finding, not even the reminder, on any account.
    let text = "これは画像ではありません。".repeat(20);
    for (head, note) in [
        (&b"\xFF\xD8\xFF"[..], "the file is cut short"),
        (b"\xFF\xD8\xFF\xDB\x00\x04\x00\x00", "JPEG: a segment does not start with a marker"),
        (b"\x89PNG\r\n\x1a\n", "PNG: bad chunk length"),
        (b"RIFF\x10\x00\x00\x00WEBP", "WebP: a chunk reaches past the end of the file"),
        (b"\x00\x00\x00\x18ftypheic", "HEIF: a box reaches past its parent"),
    ] {
        let bytes = [head, text.as_bytes()].concat();
        for account in [Account::Personal, Account::Official] {
            let r = check(&bytes, account);
            assert_eq!((findings(&r), r.note.as_deref()), (vec![], Some(note)), "{head:?} ({account:?})");
        }
    }
    // A GIF is an image (the reminder applies) without Exif.
    let r = check(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", Account::Personal);
    assert_eq!((r.format, findings(&r)), (Some("gif"), vec![consent()]));
}

#[test]
fn a_text_findings_json_is_unchanged_by_images() {
    let c = Checker::new(Policy::default());
    let report = c.check(&postcheck::Post { text: "詳細は bit.ly/3xYzAb をご覧ください", ..Default::default() });
    let json = report.to_json().to_string();
    assert!(
        json.starts_with(r#"{"findings":[{"rule":"url/shortener","category":"shortened-url","severity":"warn","start":4,"end":17,"message":{"ja":"#),
        "{json}"
    );
    assert!(!json.contains("attachment"));
}

// ---- 20 MB files, made at test time under target/ --------------------------------------------

/// Deterministic filler without 0xFF (so a JPEG scan stays a scan).
fn filler(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x % 255) as u8
        })
        .collect()
}

const BIG: usize = 20 * 1024 * 1024;

/// gps-ne.jpg with 20 MB more scan data before its end.
fn big_jpeg() -> Vec<u8> {
    let small = image("gps-ne.jpg");
    let mut b = small[..small.len() - 2].to_vec();
    b.extend_from_slice(&filler(BIG));
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

fn png_chunks(b: &[u8]) -> Vec<(usize, [u8; 4], usize)> {
    let mut out = Vec::new();
    let mut p = 8;
    while p + 8 <= b.len() {
        let n = u32::from_be_bytes(b[p..p + 4].try_into().unwrap()) as usize;
        out.push((p, b[p + 4..p + 8].try_into().unwrap(), n));
        p += 12 + n;
    }
    out
}

/// gps.png with 20 MB of IDAT chunks (8 KB each, as libpng writes them) and its eXIf chunk
/// moved after them, before IEND.
fn big_png() -> Vec<u8> {
    let small = image("gps.png");
    let chunks = png_chunks(&small);
    let (mut head, mut exif, mut rest) = (small[..8].to_vec(), Vec::new(), Vec::new());
    for &(p, kind, n) in &chunks {
        let whole = &small[p..p + 12 + n];
        match &kind {
            b"eXIf" => exif.extend_from_slice(whole),
            b"IDAT" | b"IEND" => rest.extend_from_slice(whole),
            _ => head.extend_from_slice(whole),
        }
    }
    let data = filler(BIG);
    for c in data.chunks(8192) {
        head.extend_from_slice(&(c.len() as u32).to_be_bytes());
        head.extend_from_slice(b"IDAT");
        head.extend_from_slice(c);
        head.extend_from_slice(&[0; 4]);
    }
    let iend = rest.len() - 12;
    head.extend_from_slice(&rest[..iend]);
    head.extend_from_slice(&exif);
    head.extend_from_slice(&rest[iend..]);
    head
}

/// gps.webp with its VP8 chunk grown by 20 MB, so the EXIF chunk is 20 MB in.
fn big_webp() -> Vec<u8> {
    let small = image("gps.webp");
    let vp8 = 30; // RIFF header (12) + VP8X chunk (18)
    assert_eq!(&small[vp8..vp8 + 4], b"VP8 ");
    let n = u32::from_le_bytes(small[vp8 + 4..vp8 + 8].try_into().unwrap()) as usize;
    let end = vp8 + 8 + n + (n & 1);
    let mut b = small[..end].to_vec();
    b.extend_from_slice(&filler(BIG));
    let grown = (n + (n & 1) + BIG) as u32;
    b[vp8 + 4..vp8 + 8].copy_from_slice(&grown.to_le_bytes());
    b.extend_from_slice(&small[end..]);
    let riff = (b.len() - 8) as u32;
    b[4..8].copy_from_slice(&riff.to_le_bytes());
    b
}

fn head_and_tail(b: &[u8]) -> Source<'_> {
    let size = b.len() as u64;
    Source::parts(size, vec![(0, &b[..HEAD as usize]), (size - TAIL, &b[b.len() - TAIL as usize..])]).unwrap()
}

#[test]
fn twenty_megabyte_files_are_read_fast_whole_or_from_head_and_tail() {
    let c = Checker::new(Policy::default());
    let ctx = Context { account: Account::Official, ..Context::default() };
    let cases = [
        (big_jpeg(), "gps-ne.jpg", "jpeg"),
        (big_png(), "gps.png", "png"),
        (big_webp(), "gps.webp", "webp"),
    ];
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    for (bytes, small, format) in &cases {
        assert!(bytes.len() > BIG, "{format}");
        let want = findings(&check(&image(small), Account::Official));
        assert_eq!(want.len(), 1, "{small}");
        let t = Instant::now();
        let whole = c.check_image(&Source::whole(bytes), &ctx, "big");
        let parts = c.check_image(&head_and_tail(bytes), &ctx, "big");
        let took = t.elapsed();
        assert_eq!((findings(&whole), whole.format), (want.clone(), Some(*format)));
        assert_eq!((findings(&parts), parts.need), (want, None), "{format}: head and tail are enough");
        assert!(took.as_millis() < 200, "{format}: {took:?}");
        eprintln!("{format}: {} bytes, whole and head+tail checked in {took:?}", bytes.len());
        // Kept for the CLI test and for a look.
        std::fs::write(dir.join(format!("big.{format}")), bytes).unwrap();
    }
}

#[test]
fn a_part_that_lacks_the_metadata_names_the_range_to_read() {
    let c = Checker::new(Policy::default());
    let ctx = Context { account: Account::Official, ..Context::default() };
    // The big PNG from its head only: the walk stops in the IDAT chunks and asks for more.
    let b = big_png();
    let size = b.len() as u64;
    let r = c.check_image(&Source::parts(size, vec![(0, &b[..HEAD as usize])]).unwrap(), &ctx, "p");
    let [start, end] = r.need.expect("needs a range");
    assert!(r.findings.is_empty());
    assert!(start < HEAD + 8192 + 12 && start >= HEAD - 8192 - 12 && end == start + 64 * 1024 + 4, "{start}..{end}");
    // A HEIC given only its first 40 bytes asks for what follows.
    let h = image("gps.heic");
    let r = c.check_image(&Source::parts(h.len() as u64, vec![(0, &h[..40])]).unwrap(), &ctx, "h");
    assert!(r.need.is_some_and(|[a, b]| a <= 40 && b == h.len() as u64), "{:?}", r.need);
    let mut got = Vec::new();
    let mut ranges = vec![(0u64, 40u64)];
    for _ in 0..8 {
        let parts = ranges.iter().map(|&(a, b)| (a, &h[a as usize..b as usize])).collect();
        let r = c.check_image(&Source::parts(h.len() as u64, parts).unwrap(), &ctx, "h");
        match r.need {
            Some([a, b]) => ranges.push((a, b)),
            None => {
                got = findings(&r);
                break;
            }
        }
    }
    assert_eq!(got, findings(&check(&h, Account::Official)));
}

// ---- the CLI ---------------------------------------------------------------------------------

fn cli(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_postcheck")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn cli_prints_findings_per_file_and_exits_like_check() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/images");
    let ne = dir.join("gps-ne.jpg");
    let no = dir.join("no-gps.jpg");
    let (code, out) = cli(&["image", "--account", "official", no.to_str().unwrap()]);
    assert_eq!((code, out), (0, format!("{}: 問題は見つかりませんでした / no findings\n", no.display())));
    let (code, out) = cli(&["image", "--account", "personal", ne.to_str().unwrap(), no.to_str().unwrap()]);
    assert_eq!(code, 1);
    let firsts: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        firsts,
        [
            format!("{}: warn [image/gps]", ne.display()),
            format!("{}: info [image/people-consent]", ne.display()),
            format!("{}: info [image/people-consent]", no.display()),
        ]
    );
    assert!(out.contains("    この画像には撮影場所の位置情報（GPS）が記録されています：岡山県加賀郡吉備中央町付近（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。\n"));
    let (code, out) = cli(&["image", "--format", "json", "--account", "official", ne.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["images"][0]["findings"][0]["rule"], "image/gps");
    assert_eq!(v["images"][0]["findings"][0]["attachment"], ne.to_str().unwrap());
    assert_eq!(v["images"][0]["format"], "jpeg");
    let (code, _) = cli(&["image", "--format", "xml", ne.to_str().unwrap()]);
    assert_eq!(code, 2);
    let (code, _) = cli(&["image", "/nonexistent/photo.jpg"]);
    assert_eq!(code, 2);
    let (code, _) = cli(&["image"]);
    assert_eq!(code, 2);
}

#[test]
fn cli_reads_a_20_megabyte_png_from_its_head_and_tail() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-big.png");
    std::fs::write(&path, big_png()).unwrap();
    let t = Instant::now();
    let (code, out) = cli(&["image", "--account", "official", "--format", "json", path.to_str().unwrap()]);
    assert!(t.elapsed().as_secs() < 5);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["images"][0]["findings"][0]["message"]["en"],
        "This image records where it was taken (GPS): near 室蘭市, Hokkaido (42.3152° N, 140.9737° E), taken 2026-02-01 09:00."
    );
}
