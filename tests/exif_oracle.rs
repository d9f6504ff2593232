//! The checker's own Exif reader (`src/image/exif.rs`) against kamadak-exif, which the checker
//! used before (a dev-dependency now): the same metadata from every test photo, every sample
//! image, and thousands of damaged copies of their Exif blocks (bytes changed, offsets pointed
//! elsewhere, IFDs linked to each other, blocks cut short).

use exif::{In, Tag, Value};
use postcheck::image::container::{self, Format, Located, Source};
use postcheck::image::{parse_taken, read_exif, sample, Identifying, Metadata};
use std::path::PathBuf;

/// The metadata as the checker read it with kamadak-exif (its `read_exif`, notes left out).
fn oracle(tiff: &[u8]) -> Metadata {
    if tiff.len() < 8 {
        return Metadata::default();
    }
    let exif = match exif::Reader::new().continue_on_error(true).read_raw(tiff.to_vec()) {
        Ok(e) => e,
        Err(exif::Error::PartialResult(p)) => p.into_inner().0,
        Err(_) => return Metadata::default(),
    };
    let ascii = |tag: Tag| -> Option<String> {
        let Value::Ascii(v) = &exif.get_field(tag, In::PRIMARY)?.value else { return None };
        let s = String::from_utf8_lossy(v.first()?).trim_matches(|c: char| c == '\0' || c.is_whitespace()).to_string();
        (!s.is_empty()).then_some(s)
    };
    let coordinate = |tag: Tag, reference: Tag, neg: u8, max: f64| -> Option<f64> {
        let Value::Rational(v) = &exif.get_field(tag, In::PRIMARY)?.value else { return None };
        let part = |i: usize| v.get(i).map_or(Some(0.0), |r| (r.denom != 0).then(|| r.to_f64()));
        let deg = v.first().and_then(|r| (r.denom != 0).then(|| r.to_f64()))? + part(1)? / 60.0 + part(2)? / 3600.0;
        if !deg.is_finite() || deg > max {
            return None;
        }
        let negative = match exif.get_field(reference, In::PRIMARY).map(|f| &f.value) {
            Some(Value::Ascii(r)) => r.first().and_then(|s| s.first()).is_some_and(|c| c.eq_ignore_ascii_case(&neg)),
            _ => false,
        };
        Some(if negative { -deg } else { deg })
    };
    let mut m = Metadata::default();
    let lat = coordinate(Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S', 90.0);
    let lon = coordinate(Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W', 180.0);
    if let (Some(a), Some(b)) = (lat, lon) {
        if !(a == 0.0 && b == 0.0) {
            m.gps = Some((a, b));
        }
    }
    m.taken = [Tag::DateTimeOriginal, Tag::DateTimeDigitized].into_iter().find_map(|t| ascii(t).and_then(|s| parse_taken(&s)));
    for (field, tag) in [
        ("Artist", Tag::Artist),
        ("CameraOwnerName", Tag::CameraOwnerName),
        ("BodySerialNumber", Tag::BodySerialNumber),
        ("LensSerialNumber", Tag::LensSerialNumber),
    ] {
        if let Some(value) = ascii(tag) {
            m.identifying.push(Identifying { field, value });
        }
    }
    if let Some(Value::Byte(b)) = exif.get_field(Tag(exif::Context::Tiff, 0x9C9D), In::PRIMARY).map(|f| &f.value) {
        let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|&u| u != 0).collect();
        let value = String::from_utf16_lossy(&units).trim().to_string();
        if !value.is_empty() {
            m.identifying.push(Identifying { field: "XPAuthor", value });
        }
    }
    m
}

/// The Exif block of an image file, if it has one.
fn exif_block(bytes: &[u8]) -> Option<Vec<u8>> {
    let src = Source::whole(bytes);
    let format = Format::sniff(bytes)?;
    match container::locate(&src, format) {
        Located::Exif(t) => Some(t.into_owned()),
        _ => None,
    }
}

/// The Exif blocks of the test photos and of the sample images.
fn blocks() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/images");
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    for path in names {
        if let Some(b) = exif_block(&std::fs::read(&path).unwrap()) {
            out.push((path.file_name().unwrap().to_string_lossy().into_owned(), b));
        }
    }
    let spec = sample::Spec {
        gps: Some((-33.45, -70.6667)),
        taken: Some("2026:11:22 10:15:00"),
        artist: Some("山田 太郎"),
        serial: Some("012345678901"),
        ..sample::Spec::PLAIN
    };
    out.push(("sample".into(), spec.tiff()));
    out
}

#[test]
fn every_test_image_reads_as_kamadak_exif_reads_it() {
    let blocks = blocks();
    let names: Vec<&str> = blocks.iter().map(|(n, _)| n.as_str()).collect();
    // Every photo but the one without metadata carries Exif.
    assert_eq!(names, ["gps-ne.jpg", "gps-sw.jpg", "gps.heic", "gps.png", "gps.webp", "identifying.jpg", "no-gps.jpg", "sample"]);
    for (name, b) in &blocks {
        let (ours, _) = read_exif(b);
        assert_eq!(ours, oracle(b), "{name}");
    }
    // The comparison is not between two empty results.
    let with_gps = blocks.iter().filter(|(_, b)| read_exif(b).0.gps.is_some()).count();
    let with_ids = blocks.iter().filter(|(_, b)| !read_exif(b).0.identifying.is_empty()).count();
    assert_eq!((with_gps, with_ids), (6, 2));
}

/// xorshift64*: the same damaged copies on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A damaged copy of `b`: bytes changed, a 16- or 32-bit word set to an offset inside the block
/// (IFDs linked to each other or to themselves, values moved), or the block cut short.
fn damage(b: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = b.to_vec();
    for _ in 0..1 + rng.below(3) {
        if v.len() < 8 {
            break;
        }
        let at = 4 + rng.below(v.len() - 4);
        match rng.below(6) {
            0 => v[at] = rng.next() as u8,
            1 => v[at] ^= 1 << rng.below(8),
            2 | 3 => {
                let to = rng.below(v.len() + 16) as u32;
                let le = v[0] == b'I';
                let w = if le { to.to_le_bytes() } else { to.to_be_bytes() };
                let n = if rng.below(2) == 0 { 2 } else { 4 };
                let w = if le { &w[..n] } else { &w[4 - n..] };
                let end = (at + n).min(v.len());
                let len = end - at;
                v[at..end].copy_from_slice(&w[..len]);
            }
            4 => v.truncate(at),
            _ => {
                // A count or type made large.
                v[at] = 0xFF;
            }
        }
    }
    v
}

#[test]
fn damaged_blocks_read_as_kamadak_exif_reads_them() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut compared, mut with_gps, mut differ_from_base) = (0, 0, 0);
    for (name, b) in blocks() {
        let base = read_exif(&b).0;
        for i in 0..4000 {
            let d = damage(&b, &mut rng);
            let (ours, _) = read_exif(&d);
            assert_eq!(ours, oracle(&d), "{name}, copy {i}: {d:02x?}");
            compared += 1;
            with_gps += usize::from(ours.gps.is_some());
            differ_from_base += usize::from(ours != base);
        }
    }
    // Most copies keep their GPS fields, many lose or change something.
    assert_eq!(compared, 32_000);
    assert!(with_gps > 10_000 && differ_from_base > 1_000, "{with_gps} {differ_from_base}");
}
