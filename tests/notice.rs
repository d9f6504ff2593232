//! The data files' headers (source, licence, attribution) ship with the extension in
//! `extension/NOTICE.txt`: the checker compiles the files in without them (`build.rs`).

use std::fs;

#[test]
fn every_data_file_header_is_in_the_notice() {
    let notice = fs::read_to_string("extension/NOTICE.txt").expect("extension/NOTICE.txt");
    let mut names: Vec<String> = fs::read_dir("src/dict")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 16, "{names:?}");
    for name in names {
        let text = fs::read_to_string(format!("src/dict/{name}")).unwrap();
        let header: String = text.lines().take_while(|l| l.starts_with('#')).flat_map(|l| [l, "\n"]).collect();
        assert!(header.contains("icen"), "{name}: its header names no licence");
        let section = format!("== {name} ==\n{header}");
        assert!(notice.contains(&section), "extension/NOTICE.txt lacks the header of src/dict/{name} (copy it there)");
    }
    for attribution in [
        "Peter Dave Hello and contributors",
        "Saito Tsutomu",
        "出典 総務省ウェブサイト",
        "K Hashimoto",
        "== places.bin ==\n# Municipality grid",
        "出典 国土交通省「位置参照情報（大字・町丁目レベル）」（19.0b）を加工して作成",
    ] {
        assert!(notice.contains(attribution), "{attribution}");
    }
}
