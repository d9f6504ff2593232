//! Writes the municipality grid of `src/dict/places.bin` to stdout.
//!
//! Each cell of the JIS half mesh (15" of latitude × 22.5" of longitude, about 500 m)
//! between 20°N–46°N and 122°E–154°E gets the municipality whose 大字・町丁目 representative
//! point (国土交通省 位置参照情報, through the crate `japan-reverse-geocoder`) lies nearest to the
//! cell's centre, or none when that point is more than `MAX_M` away (sea, remote mountains).
//!
//! Format (all integers unsigned LEB128 unless said otherwise):
//! - `PCPG` magic, one byte version (1)
//! - lat_div, lon_div: cells per degree (240, 160); row0, col0, rows, cols: the grid's
//!   south-west cell (row = ⌊lat × lat_div⌋, col = ⌊(lon − 100) × lon_div⌋) and its size
//! - the data version string (length + UTF-8), e.g. the 位置参照情報 release
//! - municipalities: count, then per municipality: prefecture code (1 byte), JIS code, name
//!   (length + UTF-8)
//! - rows, south to north: per row its byte length, then runs of (length, value) where value 0
//!   is "none" and v > 0 the (v − 1)th municipality; the runs of a row add up to `cols`.

use japan_reverse_geocoder::Geocoder;
use std::collections::HashMap;
use std::io::Write;

const MAX_M: f64 = 4_000.0;
const LAT_DIV: f64 = 240.0;
const LON_DIV: f64 = 160.0;
const LAT0: f64 = 20.0;
const LAT1: f64 = 46.0;
const LON0: f64 = 122.0;
const LON1: f64 = 154.0;

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn main() {
    let g = Geocoder::new();
    let row0 = (LAT0 * LAT_DIV) as u64;
    let col0 = ((LON0 - 100.0) * LON_DIV) as u64;
    let rows = ((LAT1 - LAT0) * LAT_DIV) as u64;
    let cols = ((LON1 - LON0) * LON_DIV) as u64;
    // (pref code, JIS code, name) → index + 1
    let mut index: HashMap<u32, u64> = HashMap::new();
    let mut munis: Vec<(u8, u32, String)> = Vec::new();
    let mut body = Vec::new();
    let mut placed = 0u64;
    for r in 0..rows {
        let lat = ((row0 + r) as f64 + 0.5) / LAT_DIV;
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for c in 0..cols {
            let lon = ((col0 + c) as f64 + 0.5) / LON_DIV + 100.0;
            let v = match g.within_radius(lat, lon, MAX_M).ok().and_then(|v| v.into_iter().next()) {
                Some(hit) => {
                    placed += 1;
                    let a = hit.address;
                    *index.entry(a.city_code).or_insert_with(|| {
                        munis.push((a.prefecture_code, a.city_code, a.city.to_string()));
                        munis.len() as u64
                    })
                }
                None => 0,
            };
            match runs.last_mut() {
                Some((n, last)) if *last == v => *n += 1,
                _ => runs.push((1, v)),
            }
        }
        let mut row = Vec::new();
        for (n, v) in runs {
            leb(&mut row, n);
            leb(&mut row, v);
        }
        if r % 1000 == 0 {
            eprintln!("row {r}/{rows}");
        }
        leb(&mut body, row.len() as u64);
        body.extend_from_slice(&row);
    }
    let mut out = b"PCPG\x01".to_vec();
    for v in [LAT_DIV as u64, LON_DIV as u64, row0, col0, rows, cols] {
        leb(&mut out, v);
    }
    let version = g.data_version().as_bytes();
    leb(&mut out, version.len() as u64);
    out.extend_from_slice(version);
    leb(&mut out, munis.len() as u64);
    for (pref, code, name) in &munis {
        out.push(*pref);
        leb(&mut out, u64::from(*code));
        leb(&mut out, name.len() as u64);
        out.extend_from_slice(name.as_bytes());
    }
    out.extend_from_slice(&body);
    std::io::stdout().write_all(&out).unwrap();
    eprintln!("{} municipalities, {placed} cells placed of {}, {} bytes", munis.len(), rows * cols, out.len());
}
