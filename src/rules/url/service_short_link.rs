//! `url/service-shortener`: a short link of a service municipalities use themselves — LINE
//! `lin.ee`, Google Forms `forms.gle`, `youtu.be`, Google Maps `maps.app.goo.gl`, `fb.me`,
//! Amazon `amzn.asia`, ... (the tier list is `src/dict/service-shorteners.txt`).
//!
//! These links are common and legitimate (a LINE friend link, a survey form), but they still
//! hide the page they lead to, so they are reported — by this rule INSTEAD of `url/shortener`,
//! never both, with a message naming the service. An organisation that accepts them lowers
//! this tier alone: `{"rules":{"url/service-shortener":"info"}}`.
//!
//! Map links (`maps.app.goo.gl/…`, `goo.gl/maps/…`) are reported here as shortened links; the
//! location rules may report the same link as a location: both are true.
//!
//! Why: 吉備中央町 6(1)④ — URL短縮サービスは、他の利用者に不安を与える恐れがあることに留意
//! しなければならない.
//!
//! Fires: `友だち登録はこちら https://lin.ee/AbCdEfG` → `https://lin.ee/AbCdEfG`, message
//! 「lin.ee は LINE の短縮URLです…」. Does not fire: `bit.ly/3abc` (a general shortener:
//! `url/shortener`), `https://www.youtube.com/watch?v=…` (a full URL).

use super::links::{Service, Tier};
use crate::finding::{Category, Message, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};

pub struct ServiceShortLink;

static META: RuleMeta = RuleMeta {
    id: "url/service-shortener",
    category: Category::ShortenedUrl,
    severity: Severity::Warn,
    clauses: &["吉備中央町 6(1)④"],
    message: Msg {
        ja: "サービスの短縮URLです。リンク先のページが閲覧者には分かりません。",
        en: "A service's short link: readers cannot see which page it leads to.",
    },
    why: Msg {
        ja: "短縮URLはリンク先が分からず、閲覧者に不安を与えます。LINE や Google フォームなどよく使われるサービスの短縮URLでも、どのページにつながるかは見えません。ガイドラインは、URL短縮サービスが他の利用者に不安を与える恐れがあることに留意するよう求めています。",
        en: "A short link hides its destination and makes readers uneasy; even for a well-known service such as LINE or Google Forms, readers cannot see which page it opens. The guideline asks staff to bear in mind that URL shortening services may worry other users.",
    },
    fix: Msg {
        ja: "元のURL（例: https://www.youtube.com/watch?v=… や https://docs.google.com/forms/…）を記載し、何のページかを本文で説明してください。組織としてこれらのサービスの短縮URLを認める場合は、管理者がポリシーで url/service-shortener を info に下げられます。",
        en: "Give the original URL (e.g. https://www.youtube.com/watch?v=… or https://docs.google.com/forms/…) and say in the post what the page is. An organisation that accepts these services' short links can lower url/service-shortener to info by policy.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "LINE公式アカウントの友だち登録はこちら https://lin.ee/AbCdEfG",
            account: Account::Official,
            hits: &[("https://lin.ee/AbCdEfG", Severity::Warn)],
        },
        Example {
            text: "📝アンケートにご協力ください👉forms.gle/Xy12abCD",
            account: Account::Official,
            hits: &[("forms.gle/Xy12abCD", Severity::Warn)],
        },
        Example {
            text: "町長の年頭あいさつ動画を公開しました（youtu.be/dQw4w9WgXcQ）。",
            account: Account::Official,
            hits: &[("youtu.be/dQw4w9WgXcQ", Severity::Warn)],
        },
        Example {
            text: "詳しくは bit.ly/3xYzAb をご覧ください",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "町の公式YouTube（https://www.youtube.com/watch?v=dQw4w9WgXcQ）で配信します。",
            account: Account::Official,
            hits: &[],
        },
        Example {
            text: "町のLINE公式アカウント（lin.ee）では防災情報もお届けしています。",
            account: Account::Official,
            hits: &[],
        },
    ],
};

fn message(s: &Service) -> Message {
    Message {
        ja: format!(
            "{} は {} の短縮URLです。リンク先のページが閲覧者には分かりません。元のURLの記載を検討してください。",
            s.key, s.ja
        )
        .into(),
        en: format!(
            "{} is a short link from {}: readers cannot see which page it leads to. Consider giving the original URL.",
            s.key, s.en
        )
        .into(),
    }
}

impl Rule for ServiceShortLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for link in cx.norm.short_links() {
            if let Tier::Service(s) = link.tier {
                out.push(Hit::new(link.start, link.end).message(message(s)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::rules::testing::{run, texts};
    use crate::{Checker, Context, Post};

    #[test]
    fn message_names_the_service() {
        let got = run(&ServiceShortLink, "友だち登録👉https://lin.ee/AbCdEfG", Account::Official);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].start, got[0].end, got[0].text.as_str()), (7, 29, "https://lin.ee/AbCdEfG"));
        let ja = got[0].message.as_deref().unwrap_or_default();
        assert!(ja.starts_with("lin.ee は LINE の短縮URLです"), "{ja}");
        let forms = run(&ServiceShortLink, "回答は forms.gle/Xy12abCD まで", Account::Official);
        assert!(forms[0].message.as_deref().unwrap_or_default().starts_with("forms.gle は Google フォーム の短縮URLです"));
    }

    #[test]
    fn spans_on_municipal_posts() {
        let t = "🌸桜まつり🌸\r\n当日の様子は動画で→youtu.be/AbC-123_xyz。\r\nアンケート：「forms.gle/kibiSakura」";
        let got: Vec<_> = run(&ServiceShortLink, t, Account::Official).into_iter().map(|s| (s.start, s.end, s.text)).collect();
        assert_eq!(
            got,
            [(20, 40, "youtu.be/AbC-123_xyz".to_string()), (50, 70, "forms.gle/kibiSakura".to_string())]
        );
    }

    #[test]
    fn each_service_of_the_tier_list() {
        for (t, want) in [
            ("https://lin.ee/AbCdEfG", "https://lin.ee/AbCdEfG"),
            ("https://g.page/r/CAbCdEf/review", "https://g.page/r/CAbCdEf/review"),
            ("fb.me/e/3xYz", "fb.me/e/3xYz"),
            ("https://on.fb.me/1AbC", "https://on.fb.me/1AbC"),
            ("m.me/kibichuo", "m.me/kibichuo"),
            ("instagr.am/p/AbC", "instagr.am/p/AbC"),
            ("https://spoti.fi/3AbC", "https://spoti.fi/3AbC"),
            ("https://apple.co/3AbC", "https://apple.co/3AbC"),
            ("aka.ms/teams-kibi", "aka.ms/teams-kibi"),
            ("https://1drv.ms/u/s!AbC", "https://1drv.ms/u/s!AbC"),
            ("db.tt/AbC", "db.tt/AbC"),
            ("https://vt.tiktok.com/ZSAbC/", "https://vt.tiktok.com/ZSAbC/"),
            ("https://amzn.asia/d/AbC1234", "https://amzn.asia/d/AbC1234"),
            ("https://r10.to/hAbCdE", "https://r10.to/hAbCdE"),
            ("https://nico.ms/sm9", "https://nico.ms/sm9"),
        ] {
            assert_eq!(texts(&ServiceShortLink, &format!("詳細は{t}をご覧ください")), [want], "{t}");
        }
    }

    #[test]
    fn map_links_are_reported_as_service_short_links() {
        let got = run(&ServiceShortLink, "会場の地図：https://maps.app.goo.gl/AbCdEf123", Account::Official);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "https://maps.app.goo.gl/AbCdEf123");
        assert!(got[0].message.as_deref().unwrap_or_default().contains("Google マップ"));
        assert_eq!(texts(&ServiceShortLink, "地図 goo.gl/maps/AbCdEf です"), ["goo.gl/maps/AbCdEf"]);
        assert_eq!(texts(&ServiceShortLink, "申込み goo.gl/forms/AbCdEf"), ["goo.gl/forms/AbCdEf"]);
    }

    #[test]
    fn general_shorteners_full_urls_and_bare_hosts_do_not_fire() {
        for t in [
            "詳しくは bit.ly/3xYzAb",
            "goo.gl/AbCdEf",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://docs.google.com/forms/d/e/1FAIpQLSf/viewform",
            "https://line.me/R/ti/p/@kibichuo",
            "LINE（lin.ee）と YouTube（youtu.be）で発信中",
            "https://www.instagram.com/kibichuo_town/",
        ] {
            assert!(texts(&ServiceShortLink, t).is_empty(), "{t}");
        }
    }

    /// Each link is reported by exactly one of the two shortener rules, and an admin can lower
    /// this tier alone.
    #[test]
    fn never_both_rules_and_the_tier_can_be_lowered_alone() {
        let text = "申込み https://lin.ee/AbCd と bit.ly/3abc";
        let post = Post { text, context: Context { account: Account::Official, ..Context::default() } };
        let report = Checker::new(Policy::default()).check(&post);
        let got: Vec<_> = report.findings.iter().map(|f| (f.rule, f.start, f.end, f.severity)).collect();
        assert_eq!(
            got,
            [("url/service-shortener", 4, 23, Severity::Warn), ("url/shortener", 26, 37, Severity::Warn)]
        );
        let (policy, errors) = Policy::from_json(r#"{"rules":{"url/service-shortener":"info"}}"#);
        assert!(errors.is_empty(), "{errors:?}");
        let report = Checker::new(policy).check(&post);
        let got: Vec<_> = report.findings.iter().map(|f| (f.rule, f.severity)).collect();
        assert_eq!(got, [("url/service-shortener", Severity::Info), ("url/shortener", Severity::Warn)]);
    }
}
