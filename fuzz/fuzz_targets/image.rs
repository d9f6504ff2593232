//! An attached image's bytes, whole, from its head and tail, and as the Exif block alone:
//! reading never panics nor loops (src/image/exif.rs bounds every offset and the number of
//! IFDs), a position it gives is a real one, and the whole file never asks for more bytes.
//! (A damaged file may read differently in parts: a WebP whose VP8X chunk is damaged has an
//! EXIF chunk in its middle found by the whole walk, while its tail says nothing of it.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use postcheck::image::{read_exif, Source};
use postcheck::policy::Policy;
use postcheck::{Checker, Context};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let (meta, _) = read_exif(data);
    if let Some((lat, lon)) = meta.gps {
        assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0, "{lat},{lon}");
    }
    static C: OnceLock<Checker> = OnceLock::new();
    let c = C.get_or_init(|| Checker::new(Policy::default()));
    let ctx = Context::default();
    let whole = c.check_image(&Source::whole(data), &ctx, "a");
    assert!(whole.need.is_none(), "the whole file cannot need more: {whole:?}");
    if data.len() > 64 {
        let (head, tail) = (data.len() / 3, data.len() / 4);
        let size = data.len() as u64;
        let parts = vec![(0, &data[..head]), (size - tail as u64, &data[data.len() - tail..])];
        let parted = c.check_image(&Source::parts(size, parts).expect("valid parts"), &ctx, "a");
        assert!(parted.need.is_none_or(|[a, b]| a < b && b <= size), "{parted:?}");
    }
});
