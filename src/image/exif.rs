//! The few Exif fields the image rules read, from an Exif block (a TIFF header and its IFDs):
//! the GPS position and its references, the dates taken, and the fields that name a person or
//! a device. It replaces kamadak-exif in the checker (about 7 KB of the gzipped WASM, for tag
//! tables and value types the rules never use) and reads those fields as that crate does:
//! IFD0 and the Exif, GPS and Interop IFDs it points to, in file order, each IFD at most once,
//! the last of two equal tags winning, an entry whose value lies outside the block skipped,
//! an IFD cut short read up to the cut (`tests/images.rs` compares the two on every test image
//! and on thousands of damaged copies).
//!
//! Every offset is bounds-checked; at most [`MAX_IFDS`] IFDs are read, so a hostile block
//! (IFDs pointing at each other, overlapping IFDs) costs at most that many passes over 65,535
//! entries, and the recursion is three levels deep at most (IFD0, Exif, Interop).

/// How many IFDs one block may hold before the rest is left unread (a photo has four).
pub const MAX_IFDS: usize = 32;

/// The IFD a tag belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ifd {
    /// IFD0, the primary image's.
    Tiff,
    Exif,
    Gps,
    Interop,
}

/// The fields read: (IFD, tag). [`Fields::get`] takes one of these.
pub const ARTIST: (Ifd, u16) = (Ifd::Tiff, 0x013B);
/// Windows' XPAuthor: UCS-2 little-endian in a BYTE array.
pub const XP_AUTHOR: (Ifd, u16) = (Ifd::Tiff, 0x9C9D);
pub const DATE_TIME_ORIGINAL: (Ifd, u16) = (Ifd::Exif, 0x9003);
pub const DATE_TIME_DIGITIZED: (Ifd, u16) = (Ifd::Exif, 0x9004);
pub const CAMERA_OWNER_NAME: (Ifd, u16) = (Ifd::Exif, 0xA430);
pub const BODY_SERIAL_NUMBER: (Ifd, u16) = (Ifd::Exif, 0xA431);
pub const LENS_SERIAL_NUMBER: (Ifd, u16) = (Ifd::Exif, 0xA435);
pub const GPS_LATITUDE_REF: (Ifd, u16) = (Ifd::Gps, 1);
pub const GPS_LATITUDE: (Ifd, u16) = (Ifd::Gps, 2);
pub const GPS_LONGITUDE_REF: (Ifd, u16) = (Ifd::Gps, 3);
pub const GPS_LONGITUDE: (Ifd, u16) = (Ifd::Gps, 4);

const WANTED: [(Ifd, u16); 11] = [
    ARTIST,
    XP_AUTHOR,
    DATE_TIME_ORIGINAL,
    DATE_TIME_DIGITIZED,
    CAMERA_OWNER_NAME,
    BODY_SERIAL_NUMBER,
    LENS_SERIAL_NUMBER,
    GPS_LATITUDE_REF,
    GPS_LATITUDE,
    GPS_LONGITUDE_REF,
    GPS_LONGITUDE,
];

const BYTE: u16 = 1;
const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;

/// A field's value as stored: its TIFF type, count and offset in the block, the bytes
/// (`count` × the type's size) known to lie inside it.
#[derive(Clone, Copy, Debug)]
struct Raw {
    typ: u16,
    count: usize,
    at: usize,
}

/// The wanted fields of one Exif block.
#[derive(Debug)]
pub struct Fields<'a> {
    data: &'a [u8],
    le: bool,
    found: [Option<Raw>; WANTED.len()],
    visited: Vec<usize>,
    /// The first problem met (the block was read around it), for logs.
    pub problem: Option<&'static str>,
}

impl<'a> Fields<'a> {
    /// Reads the block's IFDs; `Err` when it has no TIFF header.
    pub fn read(data: &'a [u8]) -> Result<Fields<'a>, &'static str> {
        let le = match data.get(..4) {
            Some(b"II\x2a\x00") => true,
            Some(b"MM\x00\x2a") => false,
            Some(_) => return Err("not a TIFF header"),
            None => return Err("truncated TIFF header"),
        };
        let mut f = Fields { data, le, found: [None; WANTED.len()], visited: Vec::new(), problem: None };
        let ifd0 = f.u32_at(4).ok_or("truncated TIFF header")?;
        if ifd0 != 0 {
            if let Err(e) = f.ifd(ifd0 as usize, Ifd::Tiff) {
                f.note(e);
            }
        }
        Ok(f)
    }

    fn note(&mut self, problem: &'static str) {
        self.problem.get_or_insert(problem);
    }

    fn u16_at(&self, at: usize) -> Option<u16> {
        let b = self.data.get(at..at.checked_add(2)?)?;
        let b = [b[0], b[1]];
        Some(if self.le { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let b = self.data.get(at..at.checked_add(4)?)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if self.le { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    }

    /// Reads the IFD at `offset`; `Err` stops this IFD (its entries read so far stay).
    /// Returns the offset of the next IFD.
    fn ifd(&mut self, offset: usize, ifd: Ifd) -> Result<u32, &'static str> {
        let count = self.u16_at(offset).ok_or("truncated IFD count")?;
        if self.visited.contains(&offset) {
            return Err("an IFD is linked twice");
        }
        if self.visited.len() >= MAX_IFDS {
            return Err("too many IFDs");
        }
        self.visited.push(offset);
        let mut at = offset + 2;
        for _ in 0..count {
            if self.data.len() - at < 12 {
                return Err("truncated IFD");
            }
            let entry = self.entry(at);
            at += 12;
            let (tag, raw) = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.note(e);
                    continue;
                }
            };
            let child = match (ifd, tag) {
                (Ifd::Tiff, 0x8769) => Ifd::Exif,
                (Ifd::Tiff, 0x8825) => Ifd::Gps,
                (Ifd::Exif, 0xA005) => Ifd::Interop,
                _ => {
                    if let Some(i) = WANTED.iter().position(|&w| w == (ifd, tag)) {
                        self.found[i] = Some(raw);
                    }
                    continue;
                }
            };
            // A pointer: the first unsigned integer of the field, an IFD without a next one.
            let pointer = match raw.typ {
                _ if raw.count == 0 => None,
                BYTE => self.data.get(raw.at).map(|&b| u32::from(b)),
                SHORT => self.u16_at(raw.at).map(u32::from),
                LONG => self.u32_at(raw.at),
                _ => None,
            };
            let result = match pointer {
                Some(p) => self.ifd(p as usize, child).and_then(|next| if next == 0 { Ok(0) } else { Err("a sub-IFD links a next IFD") }),
                None => Err("invalid IFD pointer"),
            };
            if let Err(e) = result {
                self.note(e);
            }
        }
        self.u32_at(at).ok_or("truncated next IFD offset")
    }

    /// The entry at `at` (12 bytes, known to be in the block): its tag and where its value is.
    fn entry(&self, at: usize) -> Result<(u16, Raw), &'static str> {
        let tag = self.u16_at(at).unwrap_or(0);
        let typ = self.u16_at(at + 2).unwrap_or(0);
        let count = self.u32_at(at + 4).unwrap_or(0) as usize;
        let unit = match typ {
            1 | 2 | 6 | 7 => 1,
            3 | 8 => 2,
            4 | 9 | 11 => 4,
            5 | 10 | 12 => 8,
            _ => 0,
        };
        let len = count.checked_mul(unit).ok_or("invalid entry count")?;
        let value_at = if len <= 4 {
            at + 8
        } else {
            let ofs = self.u32_at(at + 8).unwrap_or(0) as usize;
            if self.data.len() < ofs || self.data.len() - ofs < len {
                return Err("truncated field value");
            }
            ofs
        };
        Ok((tag, Raw { typ, count, at: value_at }))
    }

    fn raw(&self, field: (Ifd, u16)) -> Option<Raw> {
        WANTED.iter().position(|&w| w == field).and_then(|i| self.found[i])
    }

    /// An ASCII field's first string (up to its first NUL).
    pub fn ascii(&self, field: (Ifd, u16)) -> Option<&'a [u8]> {
        let r = self.raw(field).filter(|r| r.typ == ASCII)?;
        let s = self.data.get(r.at..r.at + r.count)?;
        Some(s.split(|&b| b == 0).next().unwrap_or(s))
    }

    /// A BYTE field's bytes.
    pub fn bytes(&self, field: (Ifd, u16)) -> Option<&'a [u8]> {
        let r = self.raw(field).filter(|r| r.typ == BYTE)?;
        self.data.get(r.at..r.at + r.count)
    }

    /// A RATIONAL field's values as (numerator, denominator).
    pub fn rationals(&self, field: (Ifd, u16)) -> Option<Vec<(u32, u32)>> {
        let r = self.raw(field).filter(|r| r.typ == RATIONAL)?;
        (0..r.count).map(|i| Some((self.u32_at(r.at + 8 * i)?, self.u32_at(r.at + 8 * i + 4)?))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little- or big-endian block from IFDs given as (tag, type, count, value bytes) lists;
    /// values over 4 bytes go after the IFDs. `links` sets IFD i's entry j to point at IFD k.
    fn block(le: bool, ifds: &[&[(u16, u16, u32, &[u8])]]) -> Vec<u8> {
        let u16b = |v: u16| if le { v.to_le_bytes() } else { v.to_be_bytes() };
        let u32b = |v: u32| if le { v.to_le_bytes() } else { v.to_be_bytes() };
        let mut out = if le { b"II\x2a\x00".to_vec() } else { b"MM\x00\x2a".to_vec() };
        out.extend_from_slice(&u32b(8));
        let sizes: Vec<usize> = ifds.iter().map(|e| 2 + 12 * e.len() + 4).collect();
        let starts: Vec<usize> = sizes.iter().scan(8, |at, s| Some(std::mem::replace(at, *at + s))).collect();
        let mut extra_at = starts.last().unwrap() + sizes.last().unwrap();
        let mut extra = Vec::new();
        for (i, entries) in ifds.iter().enumerate() {
            out.extend_from_slice(&u16b(entries.len() as u16));
            for &(tag, typ, count, value) in *entries {
                out.extend_from_slice(&u16b(tag));
                out.extend_from_slice(&u16b(typ));
                out.extend_from_slice(&u32b(count));
                if value.len() <= 4 {
                    let mut v = value.to_vec();
                    v.resize(4, 0);
                    out.extend_from_slice(&v);
                } else {
                    out.extend_from_slice(&u32b(extra_at as u32));
                    extra.extend_from_slice(value);
                    extra_at += value.len();
                }
            }
            let _ = i;
            out.extend_from_slice(&u32b(0));
        }
        out.extend_from_slice(&extra);
        out
    }

    fn ptr(le: bool, to: usize) -> [u8; 4] {
        if le { (to as u32).to_le_bytes() } else { (to as u32).to_be_bytes() }
    }

    #[test]
    fn fields_in_ifd0_exif_and_gps_are_read_in_either_byte_order() {
        for le in [true, false] {
            // IFD0 at 8: 3 entries (2 + 36 + 4 = 42) → Exif IFD at 50 (1 entry, 18) → GPS at 68.
            let rat = |n: u32, d: u32| -> Vec<u8> { [ptr(le, n as usize), ptr(le, d as usize)].concat() };
            let lat = [rat(34, 1), rat(51, 1), rat(4572, 100)].concat();
            let b = block(
                le,
                &[
                    &[(0x013B, 2, 6, b"Yamada\0"), (0x8769, 4, 1, &ptr(le, 50)), (0x8825, 4, 1, &ptr(le, 68))],
                    &[(0x9003, 2, 20, b"2026:11:22 10:15:30\0")],
                    &[(1, 2, 2, b"N\0"), (2, 5, 3, &lat)],
                ],
            );
            let f = Fields::read(&b).unwrap();
            assert_eq!(f.problem, None);
            assert_eq!(f.ascii(ARTIST), Some(&b"Yamada"[..]));
            assert_eq!(f.ascii(DATE_TIME_ORIGINAL), Some(&b"2026:11:22 10:15:30"[..]));
            assert_eq!(f.ascii(GPS_LATITUDE_REF), Some(&b"N"[..]));
            assert_eq!(f.rationals(GPS_LATITUDE), Some(vec![(34, 1), (51, 1), (4572, 100)]));
            assert_eq!(f.rationals(GPS_LONGITUDE), None);
            // A field read with the wrong type is absent.
            assert_eq!(f.bytes(ARTIST), None);
        }
    }

    #[test]
    fn loops_and_damage_stop_without_panic() {
        // IFD0 whose Exif pointer points at IFD0 itself, and whose GPS pointer is past the end.
        let b = block(true, &[&[(0x8769, 4, 1, &ptr(true, 8)), (0x8825, 4, 1, &ptr(true, 9999)), (0x013B, 2, 3, b"ab\0")]]);
        let f = Fields::read(&b).unwrap();
        assert_eq!(f.problem, Some("an IFD is linked twice"));
        assert_eq!(f.ascii(ARTIST), Some(&b"ab"[..]));
        // A value past the end: that entry is skipped, the next one read.
        let mut b = block(true, &[&[(0x013B, 2, 40, &[b'x'; 40]), (0xA431, 2, 3, b"ok\0")]]);
        b.truncate(b.len() - 10);
        let f = Fields::read(&b).unwrap();
        assert_eq!((f.problem, f.ascii(ARTIST)), (Some("truncated field value"), None));
        // Every cut of a block gives a result or an error, never a panic.
        let b = block(true, &[&[(0x013B, 2, 6, b"Yamada\0"), (0x8769, 4, 1, &ptr(true, 50))], &[(0x9003, 2, 20, b"2026:11:22 10:15:30\0")]]);
        for n in 0..b.len() {
            let _ = Fields::read(&b[..n]).map(|f| (f.ascii(ARTIST), f.ascii(DATE_TIME_ORIGINAL)));
        }
        assert_eq!(Fields::read(b"II*").err(), Some("truncated TIFF header"));
        assert_eq!(Fields::read(b"XX*\0\x08\0\0\0").err(), Some("not a TIFF header"));
    }

    #[test]
    fn the_number_of_ifds_is_bounded() {
        // IFD0 with 200 Exif pointers to 200 distinct (overlapping) offsets inside itself.
        let entries: Vec<(u16, u16, u32, [u8; 4])> = (0..200).map(|i| (0x8769, 4, 1, ptr(true, 10 + 2 * i))).collect();
        let refs: Vec<(u16, u16, u32, &[u8])> = entries.iter().map(|(t, y, c, v)| (*t, *y, *c, &v[..])).collect();
        let b = block(true, &[&refs]);
        let f = Fields::read(&b).unwrap();
        assert_eq!(f.visited.len(), MAX_IFDS);
    }
}
