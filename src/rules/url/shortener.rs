//! `url/shortener`: a link through a URL shortener (bit.ly, tinyurl.com, is.gd, ...).
//!
//! Finds a shortened link to any of about 2,500 shortener domains (the public list of
//! PeterDaveHello/url-shorteners, active and inactive, plus Japanese services it lacks), with
//! or without `https://`, full-width (`ｂｉｔ．ｌｙ／３ａｂｃ`), inside 「」 or （）, before 。 or
//! Japanese text, and on subdomains (`www.bit.ly`). The underline covers the whole link and
//! nothing after it. Services municipalities use themselves (LINE `lin.ee`, Google Forms
//! `forms.gle`, `youtu.be`, ...) are reported by `url/service-shortener` instead, never by both.
//!
//! Why: 吉備中央町 6(1)④ — URL短縮サービスは、他の利用者に不安を与える恐れがあることに留意
//! しなければならない. A short link hides where it leads, and phishing uses the same trick.
//!
//! Fires: `詳細は bit.ly/3xYzAb をご覧ください` → `bit.ly/3xYzAb`.
//! Does not fire: `bit.ly などの短縮URLは使いません` (the service named, no link), a full URL
//! `https://www.town.kibichuo.lg.jp/…`, an address `info@bit.ly`, a file name `report.pdf`.
//! See `links.rs` for how links are found.

use super::links::Tier;
use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct Shortener;

static META: RuleMeta = RuleMeta {
    id: "url/shortener",
    category: Category::ShortenedUrl,
    severity: Severity::Warn,
    clauses: &["吉備中央町 6(1)④"],
    message: Msg {
        ja: "短縮URLです。リンク先がどこなのか、閲覧者には分かりません。",
        en: "Shortened URL: readers cannot see where it leads.",
    },
    why: Msg {
        ja: "短縮URLはリンク先が分からず、閲覧者に不安を与えます。ガイドラインは、URL短縮サービスが他の利用者に不安を与える恐れがあることに留意するよう求めています。短縮URLは偽サイトへの誘導にも使われるため、公式の案内かどうか確かめにくくなります。",
        en: "A shortened URL hides its destination and makes readers uneasy; the guideline asks staff to bear in mind that URL shortening services may worry other users. Phishing uses short links too, so readers cannot tell an official link from a fake one.",
    },
    fix: Msg {
        ja: "元のURL（リンク先の完全なURL）を記載してください。長すぎる場合は、公式ホームページに案内ページを作り、そのURLを記載してください。",
        en: "Give the original, full URL instead. If it is too long, put the information on a page of the official website and give that page's URL.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "詳細は bit.ly/3xYzAb をご覧ください",
            account: Account::Official,
            hits: &[("bit.ly/3xYzAb", Severity::Warn)],
        },
        Example {
            text: "【参加者募集】秋の収穫体験、申込みはこちら→https://tinyurl.com/kibi-harvest2026",
            account: Account::Official,
            hits: &[("https://tinyurl.com/kibi-harvest2026", Severity::Warn)],
        },
        Example {
            text: "道の駅の新メニュー、詳しくは「ｂｉｔ．ｌｙ／３ＫｉｂｉＡ」。",
            account: Account::Personal,
            hits: &[("ｂｉｔ．ｌｙ／３ＫｉｂｉＡ", Severity::Warn)],
        },
        Example {
            text: "アンケート（is.gd/kibiQ1）と資料（https://cutt.ly/kibi-doc）をご確認ください。",
            account: Account::Official,
            hits: &[("is.gd/kibiQ1", Severity::Warn), ("https://cutt.ly/kibi-doc", Severity::Warn)],
        },
        Example {
            text: "詳細は町ホームページ https://www.town.kibichuo.lg.jp/soshiki/3/1234.html をご覧ください。",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "町の投稿では bit.ly などの短縮URLは使わず、元のURLを記載しています。",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "お問い合わせは kikaku@town.kibichuo.lg.jp へ。資料は report.pdf（Ver.1.2）です。",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "LINE公式アカウントはこちら https://lin.ee/kibiLINE",
            account: Account::Official,
            hits: &[],
        },
    ],
};

impl Rule for Shortener {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for link in cx.norm.short_links() {
            if let Tier::General(_) = link.tier {
                out.push(Hit::new(link.start, link.end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, texts};

    fn spans(text: &str) -> Vec<(u32, u32, String)> {
        run(&Shortener, text, Account::Official).into_iter().map(|s| (s.start, s.end, s.text)).collect()
    }

    #[test]
    fn emoji_before_the_link() {
        // 🎃 and 👉 are two UTF-16 units each.
        let t = "🎃ハロウィン仮装コンテスト開催🎃\n応募フォーム👉https://bit.ly/kibi-halloween";
        assert_eq!(spans(t), [(27, 56, "https://bit.ly/kibi-halloween".to_string())]);
    }

    #[test]
    fn full_width_link_maps_back_to_the_full_width_characters() {
        let t = "詳しくはｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ！";
        assert_eq!(spans(t), [(4, 23, "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ".to_string())]);
    }

    #[test]
    fn link_at_the_very_end_of_the_text() {
        let t = "本日の議会中継の録画はこちら tinyurl.com/kibi-gikai";
        assert_eq!(spans(t), [(15, 37, "tinyurl.com/kibi-gikai".to_string())]);
    }

    #[test]
    fn two_links_in_one_post() {
        let t = "申込み：bit.ly/3abcD\n要項：https://is.gd/Xy9z";
        assert_eq!(
            spans(t),
            [(4, 16, "bit.ly/3abcD".to_string()), (20, 38, "https://is.gd/Xy9z".to_string())]
        );
    }

    #[test]
    fn link_inside_kagi_brackets_and_before_the_full_stop() {
        let t = "詳細は「bit.ly/3abc」。";
        assert_eq!(spans(t), [(4, 15, "bit.ly/3abc".to_string())]);
        let t = "申込みは bit.ly/3abc。締切は11月30日です。";
        assert_eq!(spans(t), [(5, 16, "bit.ly/3abc".to_string())]);
        let t = "申込みはこちら（bit.ly/3abc）、締切は11月30日です。";
        assert_eq!(spans(t), [(8, 19, "bit.ly/3abc".to_string())]);
        let t = "申込みはこちら（ｂｉｔ．ｌｙ／３ａｂｃ）。";
        assert_eq!(spans(t), [(8, 19, "ｂｉｔ．ｌｙ／３ａｂｃ".to_string())]);
    }

    #[test]
    fn japanese_text_glued_after_the_link_is_not_underlined() {
        assert_eq!(texts(&Shortener, "bit.ly/3abcをご覧ください"), ["bit.ly/3abc"]);
        assert_eq!(texts(&Shortener, "詳しくはhttps://bit.ly/3abcまで"), ["https://bit.ly/3abc"]);
        assert_eq!(texts(&Shortener, "まずはbit.ly/3abc、次にbit.ly/4def"), ["bit.ly/3abc", "bit.ly/4def"]);
    }

    #[test]
    fn crlf_line_breaks() {
        let t = "【防災訓練のお知らせ】\r\n詳細：bit.ly/kibi-bousai\r\n参加自由です";
        assert_eq!(spans(t), [(16, 34, "bit.ly/kibi-bousai".to_string())]);
    }

    #[test]
    fn subdomains_and_upper_case_match() {
        assert_eq!(texts(&Shortener, "詳細 www.bit.ly/3abc"), ["www.bit.ly/3abc"]);
        assert_eq!(texts(&Shortener, "詳細 HTTPS://Bit.ly/3AbC"), ["HTTPS://Bit.ly/3AbC"]);
        assert_eq!(texts(&Shortener, "詳細 http://tinyurl.com/y3k8"), ["http://tinyurl.com/y3k8"]);
    }

    #[test]
    fn inactive_and_japanese_supplement_domains_fire() {
        assert_eq!(texts(&Shortener, "昔の記事 bit.do/kibi"), ["bit.do/kibi"]);
        assert_eq!(texts(&Shortener, "ヤフーの記事 https://yahoo.jp/AbCd1e"), ["https://yahoo.jp/AbCd1e"]);
        assert_eq!(texts(&Shortener, "記事はこちら ux.nu/kIbI2"), ["ux.nu/kIbI2"]);
    }

    #[test]
    fn look_alike_hosts_addresses_and_file_names_do_not_fire() {
        for t in [
            "rebit.ly/3abc は別のサイトです",
            "bit.lyrics/3abc",
            "担当：kikaku@bit.ly",
            "ファイル名は report.pdf、バージョンは Ver.1.2 です。",
            "円周率は3.14、日付は令和8.11.24です。",
            "bit.ly などの短縮URLは使いません。",
            "短縮URLサービス（https://bit.ly）は使わないでください。",
            "https://www.town.kibichuo.lg.jp/site/kurashi/1234.html",
            "https://www.kantei.go.jp/jp/headline/bousai/index.html",
        ] {
            assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
        }
    }

    #[test]
    fn service_short_links_are_left_to_the_service_rule() {
        for t in ["https://lin.ee/AbCd", "forms.gle/Xy12", "youtu.be/dQw4w9WgXcQ", "goo.gl/maps/AbCd"] {
            assert!(spans(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn map_short_links_through_plain_goo_gl_are_general() {
        // goo.gl without /maps or /forms is Google's closed general shortener.
        assert_eq!(texts(&Shortener, "会場 goo.gl/AbCdEf"), ["goo.gl/AbCdEf"]);
    }
}
