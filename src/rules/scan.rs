//! Scans of the normalised text that several rules need, computed at most once per check and
//! kept in the [`Normalized`] text they were made from (lazily: a policy that turns the rules
//! off never pays for them). Rules reach them through methods on `Normalized`.
//!
//! * [`Normalized::web_addresses`]: `http://…`, `https://…`, `www.…` runs (word rules skip them).
//! * the word rules' dictionary matches (one automaton for every list: see `lexicon`).

use crate::text::Normalized;
use std::sync::OnceLock;

/// The cache itself; one per [`Normalized`].
#[derive(Default)]
pub struct Scans {
    pub(crate) web: OnceLock<Vec<(usize, usize)>>,
    /// Per word list (`lexicon::Words`): merged matches, in text order.
    pub(crate) words: OnceLock<Vec<Vec<(usize, usize)>>>,
}

impl Normalized {
    /// Byte ranges of the web addresses in the text: `http://`, `https://` or `www.` up to the
    /// first character that cannot be in an address (a space, Japanese text). Sorted, disjoint.
    pub fn web_addresses(&self) -> &[(usize, usize)] {
        self.scans.web.get_or_init(|| web_address_ranges(&self.text))
    }
}

/// See [`Normalized::web_addresses`].
pub fn web_address_ranges(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let start = match rest[0] {
            b'h' => rest.starts_with(b"http://") || rest.starts_with(b"https://"),
            b'w' => rest.starts_with(b"www."),
            _ => false,
        };
        if start {
            let len = rest.iter().position(|c| !c.is_ascii_graphic()).unwrap_or(rest.len());
            out.push((i, i + len));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_run_to_the_first_non_address_character() {
        assert_eq!(web_address_ranges("見て https://meet.sex/jp と www.a.jp/x。"), [(7, 26), (31, 41)]);
        assert_eq!(web_address_ranges("http://a.jp/x\nhttps://b.jp"), [(0, 13), (14, 26)]);
        assert!(web_address_ranges("htt www ww.a https:/ http").is_empty());
        assert_eq!(Normalized::new("ＷＷＷ．ａ．ｊｐ").web_addresses(), [(0, 8)]);
    }
}
