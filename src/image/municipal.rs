//! Names the municipality a GPS position lies in or near, from a grid of about 500 m cells
//! (`src/dict/places.bin`, written by `scripts/gen-places` from 国土交通省「位置参照情報
//! （大字・町丁目レベル）」 through the crate `japan-reverse-geocoder`; see `src/dict/README.md`).
//!
//! A cell carries the municipality whose 大字・町丁目 representative point lies nearest to the
//! cell's centre (none when that point is more than 4 km away: the sea, high mountains). That
//! is right inside a municipality and may be off by a few hundred metres along a border, so the
//! messages say "付近" / "near", never "in".
//!
//! The CLI compiles the grid in. The WASM build does not (it would double the module's size):
//! the extension hands the file over once with `setPlaceData` before the first photo is checked,
//! and until then, or when the file cannot be read, places are named by prefecture only.

use std::sync::OnceLock;

/// A parsed grid: the bytes stay where they are; rows are found through `row_at`.
pub struct Grid<'a> {
    bytes: &'a [u8],
    /// Cells per degree of latitude and of longitude.
    lat_div: u32,
    lon_div: u32,
    row0: u32,
    col0: u32,
    cols: u32,
    /// Release of the source data, e.g. `19.0b`.
    pub version: &'a str,
    /// (prefecture JIS code, JIS municipality code, name such as `加賀郡吉備中央町`).
    names: Vec<(u8, u32, &'a str)>,
    /// Start of each row's runs in `bytes`, and its end.
    row_at: Vec<(u32, u32)>,
}

/// A municipality found for a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Municipality<'a> {
    /// JIS X 0401 prefecture code.
    pub prefecture: u8,
    /// JIS X 0402 municipality code (five digits, without the check digit).
    pub code: u32,
    /// `加賀郡吉備中央町`, `大阪市北区`, `中央区` (a ward of Tokyo).
    pub name: &'a str,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn leb(&mut self) -> Option<u32> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u32::from(b & 0x7F).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.leb()? as usize;
        let s = std::str::from_utf8(self.bytes.get(self.at..self.at.checked_add(len)?)?).ok()?;
        self.at += len;
        Some(s)
    }
}

impl<'a> Grid<'a> {
    /// Reads a grid; `None` when the bytes are not one (wrong magic or version, cut short).
    pub fn parse(bytes: &'a [u8]) -> Option<Grid<'a>> {
        if bytes.get(..5)? != b"PCPG\x01" {
            return None;
        }
        let mut c = Cursor { bytes, at: 5 };
        let (lat_div, lon_div) = (c.leb()?, c.leb()?);
        let (row0, col0, rows, cols) = (c.leb()?, c.leb()?, c.leb()?, c.leb()?);
        let version = c.str()?;
        let n = c.leb()? as usize;
        let mut names = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let pref = *bytes.get(c.at)?;
            c.at += 1;
            let code = c.leb()?;
            names.push((pref, code, c.str()?));
        }
        let mut row_at = Vec::with_capacity((rows as usize).min(1 << 16));
        for _ in 0..rows {
            let len = c.leb()? as usize;
            let end = c.at.checked_add(len).filter(|&e| e <= bytes.len())?;
            row_at.push((c.at as u32, end as u32));
            c.at = end;
        }
        Some(Grid { bytes, lat_div, lon_div, row0, col0, cols, version, names, row_at })
    }

    /// How many municipalities the grid names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the grid names no municipality at all.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The municipality at a position (degrees, north and east positive), if any.
    pub fn lookup(&self, lat: f64, lon: f64) -> Option<Municipality<'a>> {
        if !lat.is_finite() || !lon.is_finite() {
            return None;
        }
        let r = (lat * f64::from(self.lat_div)).floor() - f64::from(self.row0);
        let c = ((lon - 100.0) * f64::from(self.lon_div)).floor() - f64::from(self.col0);
        if r < 0.0 || c < 0.0 || r >= self.row_at.len() as f64 || c >= f64::from(self.cols) {
            return None;
        }
        let (start, end) = self.row_at[r as usize];
        let col = c as u32;
        let mut cur = Cursor { bytes: &self.bytes[..end as usize], at: start as usize };
        let mut x = 0u32;
        while cur.at < end as usize {
            let (len, v) = (cur.leb()?, cur.leb()?);
            x = x.checked_add(len)?;
            if col < x {
                let (prefecture, code, name) = *self.names.get((v as usize).checked_sub(1)?)?;
                return Some(Municipality { prefecture, code, name });
            }
        }
        None
    }
}

static GRID: OnceLock<Option<Grid<'static>>> = OnceLock::new();

/// The grid compiled into native builds.
#[cfg(not(target_arch = "wasm32"))]
const BUILT_IN: &[u8] = include_bytes!("../dict/places.bin");

/// The grid in use: compiled in natively; in WASM the one given to [`set_data`], if any.
pub fn grid() -> Option<&'static Grid<'static>> {
    #[cfg(not(target_arch = "wasm32"))]
    let g = GRID.get_or_init(|| Grid::parse(BUILT_IN));
    #[cfg(target_arch = "wasm32")]
    let g = GRID.get()?;
    g.as_ref()
}

/// Hands the grid file to a build that does not compile it in (WASM). Returns how many
/// municipalities it names; an error when the bytes are not a grid, or a grid is already set
/// (the first one stays).
pub fn set_data(bytes: Vec<u8>) -> Result<usize, &'static str> {
    if GRID.get().is_some() {
        return Err("place data already set");
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let grid = Grid::parse(bytes).ok_or("not a place data file")?;
    let n = grid.len();
    GRID.set(Some(grid)).map_err(|_| "place data already set")?;
    Ok(n)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> Option<(u8, &'static str)> {
        grid().unwrap().lookup(lat, lon).map(|m| (m.prefecture, m.name))
    }

    #[test]
    fn the_built_in_grid_names_every_municipality_of_japan() {
        let g = grid().expect("places.bin parses");
        // 1,741 municipalities, the 23 special wards of Tokyo counted one by one and the 175
        // wards of the designated cities instead of their cities: 1,892 in 位置参照情報 19.0b.
        assert_eq!(g.len(), 1892);
        assert_eq!(g.version, "19.0b");
    }

    #[test]
    fn the_halls_of_the_four_guidelines_are_placed_in_their_municipality() {
        // The town and city halls place.rs's tests use.
        assert_eq!(at(34.8627, 133.6946), Some((33, "加賀郡吉備中央町")));
        assert_eq!(at(42.3152, 140.9737), Some((1, "室蘭市")));
        assert_eq!(at(35.8563, 139.9027), Some((12, "流山市")));
        assert_eq!(at(40.6128, 141.2058), Some((2, "十和田市")));
    }

    #[test]
    fn wards_are_named_with_their_city_and_tokyo_wards_alone() {
        assert_eq!(at(34.7025, 135.4959), Some((27, "大阪市北区")));
        assert_eq!(at(43.0621, 141.3544), Some((1, "札幌市中央区")));
        assert_eq!(at(35.6895, 139.6917), Some((13, "新宿区")));
        assert_eq!(at(26.2124, 127.6809), Some((47, "那覇市")));
    }

    #[test]
    fn abroad_at_sea_and_nonsense_are_not_placed() {
        assert_eq!(at(37.5665, 126.9780), None, "Seoul");
        assert_eq!(at(30.0, 140.0), None, "the Pacific");
        assert_eq!(at(48.8566, 2.3522), None, "Paris");
        assert_eq!(at(0.0, 0.0), None);
        assert_eq!(at(f64::NAN, 139.0), None);
        assert_eq!(at(35.0, f64::INFINITY), None);
        assert_eq!(at(-35.0, -139.0), None);
    }

    #[test]
    fn a_damaged_file_is_refused_never_read_past_its_end() {
        let bytes = BUILT_IN;
        assert!(Grid::parse(&bytes[..4]).is_none());
        assert!(Grid::parse(b"PCPG\x02").is_none());
        for cut in [5, 6, 12, 100, 40_000, bytes.len() / 2, bytes.len() - 1] {
            assert!(Grid::parse(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        // A row whose runs are garbled still answers without panicking.
        let mut broken = bytes.to_vec();
        let n = broken.len();
        for b in &mut broken[n - 5000..] {
            *b = 0xFF;
        }
        if let Some(g) = Grid::parse(&broken) {
            for lat in [44.0, 45.0, 45.5] {
                for lon in [141.0, 142.0, 145.0] {
                    let _ = g.lookup(lat, lon);
                }
            }
        }
    }
}
