//! Finds the Exif metadata inside an image container (JPEG, PNG, WebP, HEIF/HEIC/AVIF) without
//! reading more than the structure needs, over a [`Source`] that may hold only some parts of the
//! file (its head and tail, say). When the metadata lies in bytes the caller did not give, the
//! answer is [`Located::Need`] with the range to read.
//!
//! Where the Exif block lives:
//! - JPEG: an APP1 segment (at most 64 KB) near the start, before the image data; usually in the
//!   first 64 KB, always before the first SOS marker.
//! - PNG: an `eXIf` chunk, before the first `IDAT` (libpng, exiftool) or after the last one
//!   (then in the last few KB, before `IEND`).
//! - WebP: an `EXIF` chunk after the image data, so at the END of the file (followed at most by
//!   an `XMP ` chunk). The `VP8X` header at byte 12 says whether it is there.
//! - HEIF/HEIC/AVIF: an `Exif` item whose place (`iloc`) the `meta` box at the start names; its
//!   bytes are usually at the start of `mdat`, but may be anywhere.

use std::borrow::Cow;

/// The bytes of an image file that the caller has: the whole file, or some parts of it.
#[derive(Clone, Debug)]
pub struct Source<'a> {
    /// The size of the whole file.
    pub size: u64,
    /// `(offset in the file, bytes)`, any order; overlaps allowed.
    parts: Vec<(u64, &'a [u8])>,
}

/// A range `[start, end)` of the file that is needed and was not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Missing(pub u64, pub u64);

impl<'a> Source<'a> {
    /// The whole file.
    pub fn whole(bytes: &'a [u8]) -> Source<'a> {
        Source { size: bytes.len() as u64, parts: vec![(0, bytes)] }
    }

    /// Parts of a file of `size` bytes. Parts that reach past `size` are an error.
    pub fn parts(size: u64, parts: Vec<(u64, &'a [u8])>) -> Result<Source<'a>, String> {
        for (off, b) in &parts {
            if off.checked_add(b.len() as u64).is_none_or(|end| end > size) {
                return Err(format!("part at {off} of {} bytes reaches past the file size {size}", b.len()));
            }
        }
        Ok(Source { size, parts })
    }

    /// `len` bytes at `off`, if one part holds them all.
    pub fn get(&self, off: u64, len: u64) -> Result<&'a [u8], Missing> {
        let end = off.checked_add(len).unwrap_or(u64::MAX);
        if end > self.size {
            // Past the end of the file: the structure is truncated, no part can help.
            return Err(Missing(self.size, self.size));
        }
        for &(start, bytes) in &self.parts {
            let stop = start + bytes.len() as u64;
            if start <= off && end <= stop {
                let (a, b) = ((off - start) as usize, (end - start) as usize);
                return bytes.get(a..b).ok_or(Missing(off, end));
            }
        }
        Err(Missing(off, end))
    }

    /// The part that ends at the end of the file, if any: `(its offset, bytes)`.
    fn tail(&self) -> Option<(u64, &'a [u8])> {
        self.parts.iter().copied().filter(|(o, b)| o + b.len() as u64 == self.size).min_by_key(|(o, _)| *o)
    }

    fn u16be(&self, off: u64) -> Result<u16, Missing> {
        self.get(off, 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn u32be(&self, off: u64) -> Result<u32, Missing> {
        self.get(off, 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u32le(&self, off: u64) -> Result<u32, Missing> {
        self.get(off, 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64be(&self, off: u64) -> Result<u64, Missing> {
        self.get(off, 8).map(|b| u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }
}

/// The image formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    /// HEIF, HEIC, AVIF (ISO base media file format).
    Heif,
    /// GIF carries no Exif; read so that an attached GIF still counts as an image.
    Gif,
}

impl Format {
    pub fn id(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Heif => "heif",
            Format::Gif => "gif",
        }
    }

    /// The format, from the first 12 bytes.
    pub fn sniff(head: &[u8]) -> Option<Format> {
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(Format::Webp)
        } else if head.len() >= 12 && &head[4..8] == b"ftyp" && HEIF_BRANDS.contains(&&head[8..12]) {
            Some(Format::Heif)
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(Format::Gif)
        } else {
            None
        }
    }
}

/// Major brands of HEIF still images (ISO/IEC 23008-12) and AVIF.
const HEIF_BRANDS: &[&[u8]] = &[b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"];

/// What the container holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Located<'a> {
    /// The Exif block: TIFF header and IFDs (the `Exif\0\0` prefix removed).
    Exif(Cow<'a, [u8]>),
    /// The container has no Exif block.
    None,
    /// The structure continues in bytes not given: read `[start, end)` and try again.
    Need(u64, u64),
    /// The file is not what its signature says, or is cut short.
    Invalid(&'static str),
}

/// How much to ask for when a structure continues beyond the parts given: a JPEG segment is at
/// most 64 KB, so is a PNG or WebP chunk header's neighbourhood worth reading.
const STEP: u64 = 64 * 1024 + 4;
/// Structures walked before giving up (a file of tiny chunks is not a photo).
const MAX_STEPS: usize = 100_000;
/// The largest Exif block accepted (a JPEG's is at most 64 KB; phones write a few KB).
pub const MAX_EXIF: u64 = 4 * 1024 * 1024;

fn need(src: &Source, m: Missing) -> Located<'static> {
    if m.0 >= src.size {
        Located::Invalid("the file is cut short")
    } else {
        Located::Need(m.0, m.1.max(m.0.saturating_add(STEP)).min(src.size))
    }
}

/// Finds the Exif block of a file whose format is `format`.
pub fn locate<'a>(src: &Source<'a>, format: Format) -> Located<'a> {
    match format {
        Format::Jpeg => jpeg(src),
        Format::Png => png(src),
        Format::Webp => webp(src),
        Format::Heif => heif(src),
        Format::Gif => Located::None,
    }
}

fn strip_exif_prefix(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"Exif\0\0").unwrap_or(b)
}

fn jpeg<'a>(src: &Source<'a>) -> Located<'a> {
    let mut pos = 2u64;
    for _ in 0..MAX_STEPS {
        let marker = match src.get(pos, 2) {
            Ok(m) => m,
            Err(m) => return need(src, m),
        };
        if marker[0] != 0xFF {
            return Located::Invalid("JPEG: a segment does not start with a marker");
        }
        match marker[1] {
            // Fill byte before a marker.
            0xFF => {
                pos += 1;
                continue;
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                pos += 2;
                continue;
            }
            // Start of scan or end of image: Exif comes before both.
            0xDA | 0xD9 => return Located::None,
            0xD8 | 0x00 => return Located::Invalid("JPEG: unexpected marker"),
            _ => {}
        }
        let len = match src.u16be(pos + 2) {
            Ok(l) => u64::from(l),
            Err(m) => return need(src, m),
        };
        if len < 2 {
            return Located::Invalid("JPEG: bad segment length");
        }
        if marker[1] == 0xE1 {
            match src.get(pos + 4, len - 2) {
                Ok(seg) if seg.starts_with(b"Exif\0\0") => return Located::Exif(Cow::Borrowed(&seg[6..])),
                Ok(_) => {}
                Err(m) => return need(src, m),
            }
        }
        pos += 2 + len;
    }
    Located::Invalid("JPEG: too many segments")
}

fn png<'a>(src: &Source<'a>) -> Located<'a> {
    let mut pos = 8u64;
    let mut seen_idat = false;
    for _ in 0..MAX_STEPS {
        let header = match src.get(pos, 8) {
            Ok(h) => h,
            // Past the first IDAT, the rest of the walk is only where an eXIf after the image
            // data could be: look for it in the tail.
            Err(_) if seen_idat && src.tail().is_some() => return png_tail(src),
            Err(m) => return need(src, m),
        };
        let len = u64::from(u32::from_be_bytes([header[0], header[1], header[2], header[3]]));
        let kind = &header[4..8];
        if len > 0x7FFF_FFFF {
            return Located::Invalid("PNG: bad chunk length");
        }
        match kind {
            b"eXIf" => {
                if len > MAX_EXIF {
                    return Located::Invalid("PNG: eXIf chunk too large");
                }
                return match src.get(pos + 8, len) {
                    Ok(d) => Located::Exif(Cow::Borrowed(strip_exif_prefix(d))),
                    Err(m) => need(src, m),
                };
            }
            b"IEND" => return Located::None,
            b"IDAT" => seen_idat = true,
            _ => {}
        }
        pos += 12 + len;
    }
    Located::Invalid("PNG: too many chunks")
}

/// An `eXIf` chunk in the tail part whose chunk chain runs to `IEND` at the end of the file.
fn png_tail<'a>(src: &Source<'a>) -> Located<'a> {
    let Some((off, tail)) = src.tail() else { return Located::None };
    let mut from = 0;
    while let Some(i) = find(&tail[from..], b"eXIf").map(|i| i + from) {
        from = i + 1;
        if i < 4 {
            continue;
        }
        let start = off + i as u64 - 4;
        if chain_ends_at_iend(src, start) {
            let len = u64::from(u32::from_be_bytes([tail[i - 4], tail[i - 3], tail[i - 2], tail[i - 1]]));
            return match src.get(start + 8, len) {
                Ok(d) => Located::Exif(Cow::Borrowed(strip_exif_prefix(d))),
                Err(m) => need(src, m),
            };
        }
    }
    Located::None
}

fn chain_ends_at_iend(src: &Source, mut pos: u64) -> bool {
    for _ in 0..64 {
        let Ok(h) = src.get(pos, 8) else { return false };
        let len = u64::from(u32::from_be_bytes([h[0], h[1], h[2], h[3]]));
        if &h[4..8] == b"IEND" {
            return pos + 12 == src.size;
        }
        if !h[4..8].iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        pos += 12 + len;
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn webp<'a>(src: &Source<'a>) -> Located<'a> {
    // The VP8X chunk's flags say whether an EXIF chunk exists (bit 3).
    let flagged = match src.get(12, 9) {
        Ok(h) if &h[0..4] == b"VP8X" => h[8] & 0x08 != 0,
        Ok(_) => false,
        Err(m) => return need(src, m),
    };
    let riff_end = match src.u32le(4) {
        Ok(n) if u64::from(n) + 8 > src.size => return Located::Invalid("the file is cut short"),
        Ok(n) => u64::from(n) + 8,
        Err(m) => return need(src, m),
    };
    let mut pos = 12u64;
    for _ in 0..MAX_STEPS {
        if pos + 8 > riff_end {
            return Located::None;
        }
        let h = match src.get(pos, 8) {
            Ok(h) => h,
            Err(m) => {
                return match webp_tail(src) {
                    Located::None if flagged => need(src, m),
                    r => r,
                }
            }
        };
        let len = u64::from(u32::from_le_bytes([h[4], h[5], h[6], h[7]]));
        if pos + 8 + len > riff_end {
            return Located::Invalid("WebP: a chunk reaches past the end of the file");
        }
        if &h[0..4] == b"EXIF" {
            if len > MAX_EXIF {
                return Located::Invalid("WebP: EXIF chunk too large");
            }
            return match src.get(pos + 8, len) {
                Ok(d) => Located::Exif(Cow::Borrowed(strip_exif_prefix(d))),
                Err(m) => need(src, m),
            };
        }
        pos += 8 + len + (len & 1);
    }
    Located::Invalid("WebP: too many chunks")
}

/// An `EXIF` chunk in the tail part that ends the file or is followed only by an `XMP ` chunk.
fn webp_tail<'a>(src: &Source<'a>) -> Located<'a> {
    let Some((off, tail)) = src.tail() else { return Located::None };
    let mut from = 0;
    while let Some(i) = find(&tail[from..], b"EXIF").map(|i| i + from) {
        from = i + 1;
        let start = off + i as u64;
        let Ok(len) = src.u32le(start + 4).map(u64::from) else { continue };
        let end = start + 8 + len + (len & 1);
        let ends_file = end == src.size
            || (src.get(end, 4).is_ok_and(|k| k == b"XMP ")
                && src.u32le(end + 4).is_ok_and(|n| end + 8 + u64::from(n) + u64::from(n & 1) == src.size));
        if ends_file {
            return match src.get(start + 8, len) {
                Ok(d) => Located::Exif(Cow::Borrowed(strip_exif_prefix(d))),
                Err(m) => need(src, m),
            };
        }
    }
    Located::None
}

/// An ISO BMFF box: `(payload start, end)` of the box at `pos` within `limit`.
fn bmff_box(src: &Source, pos: u64, limit: u64) -> Result<Option<([u8; 4], u64, u64)>, Located<'static>> {
    if pos + 8 > limit {
        return Ok(None);
    }
    let size = src.u32be(pos).map_err(|m| need(src, m))?;
    let kind: [u8; 4] = src.get(pos + 4, 4).map_err(|m| need(src, m))?.try_into().unwrap_or([0; 4]);
    let (start, end) = match size {
        0 => (pos + 8, limit),
        1 => {
            let large = src.u64be(pos + 8).map_err(|m| need(src, m))?;
            (pos + 16, pos.checked_add(large).ok_or(Located::Invalid("HEIF: bad box size"))?)
        }
        n => (pos + 8, pos + u64::from(n)),
    };
    if end < start || end > limit {
        return Err(Located::Invalid("HEIF: a box reaches past its parent"));
    }
    Ok(Some((kind, start, end)))
}

fn heif<'a>(src: &Source<'a>) -> Located<'a> {
    match heif_sub(src) {
        Ok(l) | Err(l) => l,
    }
}

fn heif_sub<'a>(src: &Source<'a>) -> Result<Located<'a>, Located<'a>> {
    // Find the top-level `meta` box.
    let mut pos = 0;
    let meta = loop {
        match bmff_box(src, pos, src.size)? {
            // Every HEIF file has one (ISO/IEC 23008-12): the file is cut short or broken.
            None => return Err(Located::Invalid("HEIF: no meta box")),
            Some((kind, start, end)) if &kind == b"meta" => break (start + 4, end),
            Some((_, _, end)) => pos = end,
        }
    };
    // In it: the Exif item's id (`iinf`), then its place (`iloc`).
    let (mut exif_id, mut iloc) = (None, None);
    let mut pos = meta.0;
    while let Some((kind, start, end)) = bmff_box(src, pos, meta.1)? {
        match &kind {
            b"iinf" => exif_id = heif_exif_item(src, start, end)?,
            b"iloc" => iloc = Some((start, end)),
            _ => {}
        }
        pos = end;
    }
    let (Some(id), Some((start, end))) = (exif_id, iloc) else { return Ok(Located::None) };
    let Some((off, len)) = heif_item_extent(src, id, start, end)? else { return Ok(Located::None) };
    if len > MAX_EXIF || len < 4 {
        return Err(Located::Invalid("HEIF: bad Exif item size"));
    }
    let item = src.get(off, len).map_err(|m| need(src, m))?;
    // The item: a 4-byte offset to the TIFF header, then the header.
    let skip = u32::from_be_bytes([item[0], item[1], item[2], item[3]]) as usize;
    match item.get(4 + skip..) {
        Some(tiff) => Ok(Located::Exif(Cow::Borrowed(tiff))),
        None => Err(Located::Invalid("HEIF: bad Exif item header")),
    }
}

/// The id of the item of type `Exif` in an `iinf` box.
fn heif_exif_item(src: &Source, start: u64, end: u64) -> Result<Option<u32>, Located<'static>> {
    let version = src.get(start, 1).map_err(|m| need(src, m))?[0];
    let mut pos = start + 4 + if version == 0 { 2 } else { 4 };
    while let Some((kind, s, e)) = bmff_box(src, pos, end)? {
        if &kind == b"infe" {
            let v = src.get(s, 1).map_err(|m| need(src, m))?[0];
            let (id, type_at) = match v {
                2 => (u32::from(src.u16be(s + 4).map_err(|m| need(src, m))?), s + 8),
                3 => (src.u32be(s + 4).map_err(|m| need(src, m))?, s + 10),
                _ => {
                    pos = e;
                    continue;
                }
            };
            if type_at + 4 <= e && src.get(type_at, 4).map_err(|m| need(src, m))? == b"Exif" {
                return Ok(Some(id));
            }
        }
        pos = e;
    }
    Ok(None)
}

/// The file range of item `id` from an `iloc` box (construction method 0, one extent).
fn heif_item_extent(src: &Source, id: u32, start: u64, end: u64) -> Result<Option<(u64, u64)>, Located<'static>> {
    let n = |off: u64, size: u8| -> Result<u64, Located<'static>> {
        match size {
            0 => Ok(0),
            4 => src.u32be(off).map(u64::from).map_err(|m| need(src, m)),
            8 => src.u64be(off).map_err(|m| need(src, m)),
            _ => Err(Located::Invalid("HEIF: bad iloc field size")),
        }
    };
    let head = src.get(start, 6).map_err(|m| need(src, m))?;
    let version = head[0];
    let (offset_size, length_size, base_size) = (head[4] >> 4, head[4] & 0xF, head[5] >> 4);
    let index_size = if version >= 1 { head[5] & 0xF } else { 0 };
    let mut pos = start + 6;
    let count = if version < 2 {
        pos += 2;
        u64::from(src.u16be(start + 6).map_err(|m| need(src, m))?)
    } else {
        pos += 4;
        u64::from(src.u32be(start + 6).map_err(|m| need(src, m))?)
    };
    for _ in 0..count.min(MAX_STEPS as u64) {
        if pos >= end {
            break;
        }
        let item = if version < 2 {
            pos += 2;
            u32::from(src.u16be(pos - 2).map_err(|m| need(src, m))?)
        } else {
            pos += 4;
            src.u32be(pos - 4).map_err(|m| need(src, m))?
        };
        let method = if version >= 1 {
            pos += 2;
            src.u16be(pos - 2).map_err(|m| need(src, m))? & 0xF
        } else {
            0
        };
        pos += 2; // data reference index
        let base = n(pos, base_size)?;
        pos += u64::from(base_size);
        let extents = src.u16be(pos).map_err(|m| need(src, m))?;
        pos += 2;
        let mut first = None;
        for _ in 0..extents {
            pos += u64::from(index_size);
            let off = n(pos, offset_size)?;
            pos += u64::from(offset_size);
            let len = n(pos, length_size)?;
            pos += u64::from(length_size);
            first.get_or_insert((off, len));
        }
        if item == id {
            if method != 0 {
                return Err(Located::Invalid("HEIF: Exif item stored inside the meta box (not supported)"));
            }
            return Ok(first.map(|(off, len)| (base.saturating_add(off), if len == 0 { src.size.saturating_sub(base + off) } else { len })));
        }
    }
    Ok(None)
}
