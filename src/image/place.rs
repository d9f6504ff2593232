//! Names the prefecture a GPS position lies in, from rough outlines of the 47 prefectures
//! (`src/dict/prefectures.txt`: japanmap 0.6.0, Apache License 2.0; see its header), compiled in
//! as the binary form `build.rs` writes.
//!
//! The outlines are coarse (5,453 points in all, a median 4 km apart) and leave remote islands
//! out, so a position within a few km of a prefectural border may be placed on the wrong side,
//! and a position is named only as "in" a prefecture when it lies inside an outline, "near" one when
//! it lies outside all of them but within [`NEAR_KM`] of one (a harbour, a coast), and not at
//! all otherwise (abroad, at sea, on a remote island): the message then gives the coordinates
//! alone. When the municipality grid of [`super::municipal`] places the position (the CLI always
//! has it, the extension once it has handed it over), the municipality is named instead, with
//! the prefecture the grid gives.

use std::sync::OnceLock;

/// The outlines in the binary form `build.rs` writes from `src/dict/prefectures.txt`.
const DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dict/prefectures.bin"));

/// How far outside every outline a position may be and still be called near a prefecture.
pub const NEAR_KM: f64 = 10.0;

struct Prefecture {
    code: u8,
    name: &'static str,
    /// Thousandths of a degree: (longitude, latitude).
    ring: Vec<(i32, i32)>,
    /// Bounding box: min lon, min lat, max lon, max lat.
    bbox: (i32, i32, i32, i32),
}

/// Reads `DATA` (see build.rs for the format).
struct Reader {
    at: usize,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let b = *DATA.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// An unsigned LEB128 number.
    fn leb(&mut self) -> Option<u32> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            v |= u32::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// A zigzag LEB128 number.
    fn signed(&mut self) -> Option<i32> {
        let v = self.leb()?;
        Some((v >> 1) as i32 ^ -((v & 1) as i32))
    }

    fn prefecture(&mut self) -> Option<Prefecture> {
        let code = self.byte()?;
        let len = usize::from(self.byte()?);
        let name = std::str::from_utf8(DATA.get(self.at..self.at + len)?).ok()?;
        self.at += len;
        let n = self.leb()? as usize;
        let (x0, y0) = (self.leb()? as i32, self.leb()? as i32);
        let dx: Vec<i32> = (1..n).map(|_| self.signed()).collect::<Option<_>>()?;
        let mut ring = Vec::with_capacity(n);
        let (mut x, mut y) = (x0, y0);
        ring.push((x, y));
        for d in dx {
            x += d;
            y += self.signed()?;
            ring.push((x, y));
        }
        let bbox = ring.iter().fold((i32::MAX, i32::MAX, i32::MIN, i32::MIN), |b, &(x, y)| (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y)));
        Some(Prefecture { code, name, ring, bbox })
    }
}

fn prefectures() -> &'static [Prefecture] {
    static P: OnceLock<Vec<Prefecture>> = OnceLock::new();
    P.get_or_init(|| {
        let mut r = Reader { at: 0 };
        std::iter::from_fn(|| r.prefecture()).collect()
    })
}

/// Where a position lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Inside the outline of a prefecture: (JIS code, Japanese name).
    In(u8, &'static str),
    /// Outside every outline, within [`NEAR_KM`] of this prefecture's.
    Near(u8, &'static str),
    /// Near a municipality of the grid: (prefecture JIS code, prefecture name, municipality).
    Municipality(u8, &'static str, &'static str),
}

impl Place {
    /// `岡山県内` / `岡山県付近` / `岡山県加賀郡吉備中央町付近`.
    pub fn ja(self) -> String {
        match self {
            Place::In(_, n) => format!("{n}内"),
            Place::Near(_, n) => format!("{n}付近"),
            Place::Municipality(_, p, m) => format!("{p}{m}付近"),
        }
    }

    /// `in Okayama Prefecture` / `near Okayama Prefecture` /
    /// `near 加賀郡吉備中央町, Okayama Prefecture` (municipalities keep their Japanese name).
    pub fn en(self) -> String {
        match self {
            Place::In(c, _) => format!("in {}", english(c)),
            Place::Near(c, _) => format!("near {}", english(c)),
            Place::Municipality(c, _, m) => format!("near {m}, {}", english(c)),
        }
    }
}

/// The English name of a prefecture by JIS code: `Okayama Prefecture`, `Tokyo`, `Hokkaido`.
fn english(code: u8) -> String {
    const NAMES: [&str; 47] = [
        "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki", "Tochigi", "Gunma", "Saitama",
        "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama", "Ishikawa", "Fukui", "Yamanashi", "Nagano", "Gifu", "Shizuoka",
        "Aichi", "Mie", "Shiga", "Kyoto", "Osaka", "Hyogo", "Nara", "Wakayama", "Tottori", "Shimane", "Okayama",
        "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga", "Nagasaki", "Kumamoto",
        "Oita", "Miyazaki", "Kagoshima", "Okinawa",
    ];
    let name = NAMES.get(usize::from(code).wrapping_sub(1)).copied().unwrap_or("?");
    match code {
        1 | 13 => name.to_string(),
        _ => format!("{name} Prefecture"),
    }
}

/// Where a position is (degrees, north and east positive): the municipality when the grid is
/// at hand and places it, else the prefecture by its outline.
pub fn locate(lat: f64, lon: f64) -> Option<Place> {
    if !lat.is_finite() || !lon.is_finite() {
        return None;
    }
    if let Some(m) = super::municipal::grid().and_then(|g| g.lookup(lat, lon)) {
        if let Some(p) = prefectures().iter().find(|p| p.code == m.prefecture) {
            return Some(Place::Municipality(p.code, p.name, m.name));
        }
    }
    locate_prefecture(lat, lon)
}

/// The prefecture of a position by the outlines alone.
pub fn locate_prefecture(lat: f64, lon: f64) -> Option<Place> {
    if !lat.is_finite() || !lon.is_finite() {
        return None;
    }
    let (x, y) = ((lon * 1000.0).round() as i32, (lat * 1000.0).round() as i32);
    let all = prefectures();
    if let Some(p) = all.iter().find(|p| inside(p, x, y)) {
        return Some(Place::In(p.code, p.name));
    }
    // Outside every outline: the nearest one within NEAR_KM.
    let km_per_milli_lat = 0.111_2;
    let km_per_milli_lon = 0.111_2 * cos(lat.to_radians());
    let margin = (NEAR_KM / km_per_milli_lon.max(0.01)).ceil() as i32;
    all.iter()
        .filter(|p| x >= p.bbox.0 - margin && x <= p.bbox.2 + margin && y >= p.bbox.1 - margin && y <= p.bbox.3 + margin)
        .map(|p| {
            let d = p
                .ring
                .iter()
                .zip(p.ring.iter().cycle().skip(1))
                .map(|(&a, &b)| segment_km(x, y, a, b, km_per_milli_lon, km_per_milli_lat))
                .fold(f64::INFINITY, f64::min);
            (d, p)
        })
        .filter(|(d, _)| *d <= NEAR_KM)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| Place::Near(p.code, p.name))
}

/// Cosine by its Taylor series, for |x| up to about 1 (latitudes to 57°; error below 3e-5),
/// so that the WASM build carries no libm.
fn cos(x: f64) -> f64 {
    let x2 = x * x;
    1.0 - x2 / 2.0 + x2 * x2 / 24.0 - x2 * x2 * x2 / 720.0 + x2 * x2 * x2 * x2 / 40320.0
}

fn inside(p: &Prefecture, x: i32, y: i32) -> bool {
    if x < p.bbox.0 || x > p.bbox.2 || y < p.bbox.1 || y > p.bbox.3 {
        return false;
    }
    // Even-odd rule.
    let mut c = false;
    let n = p.ring.len();
    let mut j = n - 1;
    for i in 0..n {
        let ((xi, yi), (xj, yj)) = (p.ring[i], p.ring[j]);
        if (yi > y) != (yj > y) {
            let t = f64::from(y - yi) / f64::from(yj - yi);
            if f64::from(x) < f64::from(xi) + t * f64::from(xj - xi) {
                c = !c;
            }
        }
        j = i;
    }
    c
}

/// Distance in km from (x, y) to the segment a–b, all in thousandths of a degree.
fn segment_km(x: i32, y: i32, a: (i32, i32), b: (i32, i32), kx: f64, ky: f64) -> f64 {
    let (px, py) = (f64::from(x - a.0) * kx, f64::from(y - a.1) * ky);
    let (dx, dy) = (f64::from(b.0 - a.0) * kx, f64::from(b.1 - a.1) * ky);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { ((px * dx + py * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (ex, ey) = (px - t * dx, py - t * dy);
    (ex * ex + ey * ey).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_47_prefectures_load() {
        let all = prefectures();
        assert_eq!(all.len(), 47);
        assert_eq!((all[32].code, all[32].name), (33, "岡山県"));
    }

    #[test]
    fn the_binary_outlines_are_the_text_file_s() {
        // src/dict/prefectures.txt read as the text it is: `<code> <name> <lon>,<lat>` and differences.
        let text: Vec<(u8, &str, Vec<(i32, i32)>)> = include_str!("../dict/prefectures.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| {
                let mut it = line.split(' ');
                let (code, name) = (it.next().unwrap().parse().unwrap(), it.next().unwrap());
                let mut ring: Vec<(i32, i32)> = Vec::new();
                for pair in it {
                    let (a, b) = pair.split_once(',').unwrap();
                    let (a, b): (i32, i32) = (a.parse().unwrap(), b.parse().unwrap());
                    let (x, y) = ring.last().map_or((a, b), |&(x, y)| (x + a, y + b));
                    ring.push((x, y));
                }
                (code, name, ring)
            })
            .collect();
        let binary: Vec<(u8, &str, Vec<(i32, i32)>)> = prefectures().iter().map(|p| (p.code, p.name, p.ring.clone())).collect();
        assert_eq!(binary.len(), 47);
        assert_eq!(binary.iter().map(|p| p.2.len()).sum::<usize>(), 5_453);
        assert_eq!(binary, text);
    }

    #[test]
    fn town_halls_lie_in_their_prefecture() {
        // Town and city halls of the four guidelines, Tokyo Station, prefectural offices.
        let cases = [
            (34.8627, 133.6946, "岡山県"), // 吉備中央町役場
            (42.3152, 140.9737, "北海道"), // 室蘭市役所
            (35.8563, 139.9027, "千葉県"), // 流山市役所
            (40.6128, 141.2058, "青森県"), // 十和田市役所
            (35.6812, 139.7671, "東京都"), // 東京駅
            (34.6863, 135.5200, "大阪府"), // 大阪府庁
            (26.2124, 127.6809, "沖縄県"), // 沖縄県庁
            (33.6064, 130.4181, "福岡県"), // 福岡県庁
            (43.0642, 141.3469, "北海道"), // 北海道庁
            (36.6513, 138.1810, "長野県"), // 長野県庁
        ];
        for (lat, lon, want) in cases {
            match locate_prefecture(lat, lon) {
                Some(Place::In(_, name)) => assert_eq!(name, want, "{lat},{lon}"),
                other => panic!("{lat},{lon}: {other:?}, want in {want}"),
            }
        }
    }

    #[test]
    fn with_the_grid_the_municipality_is_named_with_the_prefecture() {
        assert_eq!(locate(34.8627, 133.6946), Some(Place::Municipality(33, "岡山県", "加賀郡吉備中央町")));
        assert_eq!(locate(35.6812, 139.7671).map(Place::ja).as_deref(), Some("東京都千代田区付近"), "東京駅 (丸の内, 200 m from 中央区)");
    }

    #[test]
    fn abroad_and_open_sea_are_not_placed() {
        for (lat, lon) in [(37.5665, 126.9780), (30.0, 145.0), (0.0, 0.0), (-33.8688, 151.2093), (48.8566, 2.3522)] {
            assert_eq!(locate(lat, lon), None, "{lat},{lon}");
            assert_eq!(locate_prefecture(lat, lon), None, "{lat},{lon}");
        }
        assert_eq!(locate(f64::NAN, 139.0), None);
    }

    #[test]
    fn cosine_is_close_enough_for_japan() {
        for deg in [0.0f64, 20.0, 35.0, 45.6, 57.0] {
            assert!((cos(deg.to_radians()) - deg.to_radians().cos()).abs() < 3e-5, "{deg}");
        }
    }

    #[test]
    fn names_read_naturally() {
        let p = Place::In(33, "岡山県");
        assert_eq!((p.ja(), p.en()), ("岡山県内".to_string(), "in Okayama Prefecture".to_string()));
        let p = Place::Near(1, "北海道");
        assert_eq!((p.ja(), p.en()), ("北海道付近".to_string(), "near Hokkaido".to_string()));
        let p = Place::Municipality(33, "岡山県", "加賀郡吉備中央町");
        assert_eq!((p.ja(), p.en()), ("岡山県加賀郡吉備中央町付近".to_string(), "near 加賀郡吉備中央町, Okayama Prefecture".to_string()));
        assert_eq!(english(13), "Tokyo");
    }
}
