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
        fs::write(out.join(path.file_name().expect("file name")), data).expect("write a data file");
    }
}
