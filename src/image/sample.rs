//! Small images with chosen metadata, for the rules' documented examples and the tests: an Exif
//! block (little-endian TIFF: IFD0, Exif IFD, GPS IFD) in a minimal container. The containers
//! carry the structure the checker reads (segments, chunks) around a token image payload; the
//! real photos the tests read are in `tests/images/` (made with ImageMagick and exiftool).

use super::container::Format;

/// What a sample image carries.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub format: Format,
    /// Degrees, north and east positive.
    pub gps: Option<(f64, f64)>,
    /// DateTimeOriginal as Exif writes it: `2026:11:22 10:15:00`.
    pub taken: Option<&'static str>,
    /// Artist (IFD0).
    pub artist: Option<&'static str>,
    /// BodySerialNumber (Exif IFD).
    pub serial: Option<&'static str>,
}

impl Spec {
    /// A JPEG without metadata.
    pub const PLAIN: Spec = Spec { format: Format::Jpeg, gps: None, taken: None, artist: None, serial: None };

    /// For the rule reference: `attached JPEG: GPS 34.8627,133.6946; DateTimeOriginal 2026:11:22 10:15:00`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some((lat, lon)) = self.gps {
            parts.push(format!("GPS {},{}", super::fixed4(lat), super::fixed4(lon)));
        }
        if let Some(t) = self.taken {
            parts.push(format!("DateTimeOriginal {t}"));
        }
        if let Some(a) = self.artist {
            parts.push(format!("Artist \"{a}\""));
        }
        if let Some(s) = self.serial {
            parts.push(format!("BodySerialNumber {s}"));
        }
        let what = if parts.is_empty() { "no metadata".to_string() } else { parts.join("; ") };
        format!("attached {}: {what}", self.format.id().to_uppercase())
    }

    /// The image's bytes.
    pub fn build(&self) -> Vec<u8> {
        let tiff = self.tiff();
        match self.format {
            Format::Jpeg => jpeg(&tiff),
            Format::Png => png(&tiff),
            Format::Webp => webp(&tiff),
            Format::Heif | Format::Gif => Vec::new(),
        }
    }

    /// The Exif block (TIFF), or nothing when the spec carries no metadata.
    pub fn tiff(&self) -> Vec<u8> {
        let ascii = |s: &str| {
            let mut v = s.as_bytes().to_vec();
            v.push(0);
            v
        };
        let mut exif = Vec::new();
        if let Some(t) = self.taken {
            exif.push(Entry { tag: 0x9003, kind: 2, count: t.len() as u32 + 1, data: ascii(t) });
        }
        if let Some(s) = self.serial {
            exif.push(Entry { tag: 0xA431, kind: 2, count: s.len() as u32 + 1, data: ascii(s) });
        }
        let mut gps = Vec::new();
        if let Some((lat, lon)) = self.gps {
            gps.push(Entry { tag: 0, kind: 1, count: 4, data: vec![2, 3, 0, 0] });
            gps.push(Entry { tag: 1, kind: 2, count: 2, data: ascii(if lat < 0.0 { "S" } else { "N" }) });
            gps.push(Entry { tag: 2, kind: 5, count: 3, data: dms(lat) });
            gps.push(Entry { tag: 3, kind: 2, count: 2, data: ascii(if lon < 0.0 { "W" } else { "E" }) });
            gps.push(Entry { tag: 4, kind: 5, count: 3, data: dms(lon) });
        }
        if exif.is_empty() && gps.is_empty() && self.artist.is_none() {
            return Vec::new();
        }
        let mut ifd0 = Vec::new();
        if let Some(a) = self.artist {
            ifd0.push(Entry { tag: 0x013B, kind: 2, count: a.len() as u32 + 1, data: ascii(a) });
        }
        let n0 = ifd0.len() + 1 + usize::from(!gps.is_empty());
        let ifd0_size = 2 + 12 * n0 + 4 + ifd0.iter().map(Entry::outside).sum::<usize>();
        let exif_at = 8 + ifd0_size;
        let gps_at = exif_at + 2 + 12 * exif.len() + 4 + exif.iter().map(Entry::outside).sum::<usize>();
        ifd0.push(Entry { tag: 0x8769, kind: 4, count: 1, data: (exif_at as u32).to_le_bytes().to_vec() });
        if !gps.is_empty() {
            ifd0.push(Entry { tag: 0x8825, kind: 4, count: 1, data: (gps_at as u32).to_le_bytes().to_vec() });
        }
        let mut out = b"II*\0\x08\0\0\0".to_vec();
        write_ifd(&mut out, &ifd0);
        write_ifd(&mut out, &exif);
        if !gps.is_empty() {
            write_ifd(&mut out, &gps);
        }
        out
    }
}

struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    data: Vec<u8>,
}

impl Entry {
    /// Bytes stored after the IFD (values longer than 4 bytes), padded to even.
    fn outside(&self) -> usize {
        if self.data.len() > 4 { self.data.len() + (self.data.len() & 1) } else { 0 }
    }
}

/// Appends an IFD at the end of `out`, its long values after it.
fn write_ifd(out: &mut Vec<u8>, entries: &[Entry]) {
    let start = out.len();
    let mut data_at = start + 2 + 12 * entries.len() + 4;
    let mut data = Vec::new();
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for e in entries {
        out.extend_from_slice(&e.tag.to_le_bytes());
        out.extend_from_slice(&e.kind.to_le_bytes());
        out.extend_from_slice(&e.count.to_le_bytes());
        if e.data.len() <= 4 {
            let mut v = e.data.clone();
            v.resize(4, 0);
            out.extend_from_slice(&v);
        } else {
            out.extend_from_slice(&(data_at as u32).to_le_bytes());
            data.extend_from_slice(&e.data);
            if e.data.len() & 1 == 1 {
                data.push(0);
            }
            data_at += e.outside();
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&data);
}

/// Degrees, minutes, seconds (hundredths) as three little-endian RATIONALs.
fn dms(v: f64) -> Vec<u8> {
    let v = v.abs();
    let d = v.trunc();
    let m = ((v - d) * 60.0).trunc();
    let s = ((v - d) * 3600.0 - m * 60.0) * 100.0;
    let mut out = Vec::new();
    for (n, den) in [(d as u32, 1u32), (m as u32, 1), (s.round() as u32, 100)] {
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&den.to_le_bytes());
    }
    out
}

fn jpeg(tiff: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    // APP0 JFIF, as cameras and editors write it before the Exif APP1.
    out.extend_from_slice(b"\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    if !tiff.is_empty() {
        let len = (tiff.len() + 8) as u16;
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(tiff);
    }
    // A token scan and the end of the image.
    out.extend_from_slice(b"\xFF\xDA\x00\x02\x00\x00\xFF\xD9");
    out
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    // The checker does not verify checksums; a sample leaves them zero.
    out.extend_from_slice(&[0; 4]);
}

fn png(tiff: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    png_chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    if !tiff.is_empty() {
        png_chunk(&mut out, b"eXIf", tiff);
    }
    png_chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

fn webp(tiff: &[u8]) -> Vec<u8> {
    let mut body = b"WEBP".to_vec();
    let chunk = |body: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
        body.extend_from_slice(kind);
        body.extend_from_slice(&(data.len() as u32).to_le_bytes());
        body.extend_from_slice(data);
        if data.len() & 1 == 1 {
            body.push(0);
        }
    };
    let flags = if tiff.is_empty() { 0 } else { 0x08 };
    chunk(&mut body, b"VP8X", &[flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    chunk(&mut body, b"VP8L", &[0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0]);
    if !tiff.is_empty() {
        chunk(&mut body, b"EXIF", tiff);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}
