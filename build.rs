//! Writes the data files of `src/dict/` without their comment lines (`#`: source, licence,
//! notes) and blank lines to `$OUT_DIR/dict/`, which the checker compiles in through `dict!`:
//! the lines every reader skipped anyway cost about 3 KB of the gzipped WASM. The attributions
//! ship with the extension in `extension/NOTICE.txt` (a test keeps it in step with the headers).

use std::{env, fs, path::Path};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("dict");
    fs::create_dir_all(&out).expect("create OUT_DIR/dict");
    println!("cargo:rerun-if-changed=src/dict");
    let mut files: Vec<_> = fs::read_dir("src/dict").expect("src/dict").map(|e| e.expect("src/dict entry").path()).collect();
    files.sort();
    for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("read a data file");
        let data: String = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .flat_map(|l| [l, "\n"])
            .collect();
        fs::write(out.join(path.file_name().expect("file name")), &data).expect("write a data file");
        if path.file_name().is_some_and(|n| n == "prefectures.txt") {
            fs::write(out.join("prefectures.bin"), outlines(&data)).expect("write prefectures.bin");
        }
    }
}

/// `<code> <name> <lon>,<lat> <dlon>,<dlat> …` lines to the binary form (see the top).
fn outlines(text: &str) -> Vec<u8> {
    fn leb(out: &mut Vec<u8>, mut v: u32) {
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
    let zigzag = |v: i32| ((v << 1) ^ (v >> 31)) as u32;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut it = line.split(' ');
        let code: u8 = it.next().and_then(|c| c.parse().ok()).expect("prefectures.txt: a JIS code");
        let name = it.next().expect("prefectures.txt: a name");
        let points: Vec<(i32, i32)> = it
            .map(|p| {
                let (a, b) = p.split_once(',').expect("prefectures.txt: lon,lat");
                (a.parse().expect("prefectures.txt: a number"), b.parse().expect("prefectures.txt: a number"))
            })
            .collect();
        assert!(points.len() >= 3 && name.len() < 256, "prefectures.txt: {code} {name}");
        out.push(code);
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
        leb(&mut out, points.len() as u32);
        leb(&mut out, u32::try_from(points[0].0).expect("a positive longitude"));
        leb(&mut out, u32::try_from(points[0].1).expect("a positive latitude"));
        for p in &points[1..] {
            leb(&mut out, zigzag(p.0));
        }
        for p in &points[1..] {
            leb(&mut out, zigzag(p.1));
        }
    }
    out
}
