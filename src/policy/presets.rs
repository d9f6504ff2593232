//! Guideline presets: one per municipality, and `strict`, the union of all.

use super::Setting;
use crate::finding::{Msg, Severity};
use crate::rules::RuleMeta;

/// A guideline preset: each municipality's rules and clause numbers, or the union of all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    /// Every rule of every guideline (the default).
    #[default]
    Strict,
    Kibichuo,
    Muroran,
    Nagareyama,
    Towada,
}

impl Preset {
    pub const ALL: [Preset; 5] = [Preset::Strict, Preset::Kibichuo, Preset::Muroran, Preset::Nagareyama, Preset::Towada];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Strict => "strict",
            Preset::Kibichuo => "kibichuo",
            Preset::Muroran => "muroran",
            Preset::Nagareyama => "nagareyama",
            Preset::Towada => "towada",
        }
    }

    pub fn from_id(s: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == s)
    }

    /// The municipality whose guideline this preset enforces; clauses cited start with it.
    pub fn municipality(self) -> Option<&'static str> {
        match self {
            Preset::Strict => None,
            Preset::Kibichuo => Some("吉備中央町"),
            Preset::Muroran => Some("室蘭市"),
            Preset::Nagareyama => Some("流山市"),
            Preset::Towada => Some("十和田市"),
        }
    }

    /// The municipality's name for messages (`organisation.name` when the policy sets none).
    pub fn organisation_name(self) -> Option<Msg> {
        match self {
            Preset::Strict => None,
            Preset::Kibichuo => Some(Msg { ja: "吉備中央町", en: "Kibichuo Town" }),
            Preset::Muroran => Some(Msg { ja: "室蘭市", en: "Muroran City" }),
            Preset::Nagareyama => Some(Msg { ja: "流山市", en: "Nagareyama City" }),
            Preset::Towada => Some(Msg { ja: "十和田市", en: "Towada City" }),
        }
    }

    /// The questions the gate's dialog asks before an official post (`checklist` when the
    /// policy sets none): what each guideline asks staff to confirm before posting.
    pub fn checklist(self) -> &'static [Msg] {
        match self {
            Preset::Strict => &[
                Msg { ja: "所属長（上司）の承認を得た内容ですか", en: "Has your head of section approved this post?" },
                Msg { ja: "読み直して、正確で誤解を招かない内容になっていますか", en: "Have you reread it: is it accurate and impossible to misread?" },
            ],
            Preset::Kibichuo => &[
                Msg { ja: "所属長が発信を認めた内容ですか（吉備中央町 4(9)②）", en: "Has your head of section approved this post? (吉備中央町 4(9)②)" },
                Msg {
                    ja: "リンク先が法令や公序良俗に反する内容でないことを確かめましたか（吉備中央町 4(11)）",
                    en: "Have you checked that every linked page is lawful and decent? (吉備中央町 4(11))",
                },
                Msg {
                    ja: "写真や投稿に位置情報が付いていないことを確かめましたか（吉備中央町 4(14)）",
                    en: "Have you checked that the post and its photos carry no location data? (吉備中央町 4(14))",
                },
            ],
            Preset::Muroran => &[
                Msg {
                    ja: "発信前に内容を十分に確認し、誤解を招かない表現になっていますか（室蘭市 4. 基本ルール）",
                    en: "Have you checked the post so that it cannot be misread? (室蘭市 4. 基本ルール)",
                },
                Msg {
                    ja: "写真に写っている人の同意を得ていますか（室蘭市 4. 基本ルール）",
                    en: "Have the people in the photos agreed to be posted? (室蘭市 4. 基本ルール)",
                },
            ],
            Preset::Nagareyama => &[
                Msg {
                    ja: "投稿管理者（所属長）が内容を確認しましたか（流山市 アカウントの管理及び運用について）",
                    en: "Has the post manager (your head of section) checked this post? (流山市 アカウントの管理及び運用について)",
                },
                Msg {
                    ja: "正確に記述し、誤解を招かない内容になっていますか（流山市 基本原則 6）",
                    en: "Is it accurate and impossible to misread? (流山市 基本原則 6)",
                },
            ],
            Preset::Towada => &[
                Msg { ja: "所定の意思決定を経た内容ですか（十和田市 5(3)）", en: "Has this post gone through the required decision? (十和田市 5(3))" },
                Msg {
                    ja: "正確に記述し、誤解を招かない内容になっていますか（十和田市 3(6)）",
                    en: "Is it accurate and impossible to misread? (十和田市 3(6))",
                },
            ],
        }
    }

    /// The preset's own table: deviations from the rules' defaults, by rule id or category id.
    /// A municipality's preset enables exactly the rules that cite one of its clauses.
    fn table(self) -> &'static [(&'static str, Setting)] {
        match self {
            // strict: every rule at its default severity.
            Preset::Strict => &[],
            Preset::Kibichuo => &[
                // context rules (link, timing, account, rights)
                ("link/unlisted-domain", Setting::On(Severity::Info)), // 4(11), 6(1)②: confirm the destination; a reminder, not a stop
                ("account/reply", Setting::Off), // 6(1)①: the town answers other users' opinions, calmly and sincerely
                ("account/mention", Setting::Off), // same: addressing a user is part of answering
                ("timing/posting-window", Setting::Off), // no posting hours for official accounts
            ],
            Preset::Muroran => &[
                // context rules (link, timing, account, rights)
                ("link/blocked-domain", Setting::On(Severity::Block)), // 5. わいせつな内容を含むホームページへのリンク
                ("link/unlisted-domain", Setting::Off), // the leaflet asks nothing about other links
                ("timing/working-hours", Setting::On(Severity::Warn)), // 5. 就業時間中にプライベート利用してはなりません
                ("timing/posting-window", Setting::Off), // a leaflet for private use: no posting window for official posts
            ],
            Preset::Nagareyama => &[
                // context rules (link, timing, account, rights)
                ("timing/posting-window", Setting::On(Severity::Warn)), // 投稿時間は原則として(緊急時を除く)平日の8時30分〜17時15分
                ("timing/working-hours", Setting::Off), // no rule on private posts during working hours
                ("account/reply", Setting::On(Severity::Warn)), // 原則として問い合わせ(投稿への返信等)に対する回答は行いません
                ("account/mention", Setting::On(Severity::Warn)), // リプライ(特定の個人のみ閲覧できる環境)は使用しません
            ],
            Preset::Towada => &[
                // context rules (link, timing, account, rights)
                ("link/blocked-domain", Setting::On(Severity::Block)), // 4(3) わいせつ, 4(13) 公序良俗: an adult site is never linked
                ("account/device", Setting::On(Severity::Warn)), // 4(8) 市の情報資産・通信環境を使って個人の立場で発信しない
                ("timing/working-hours", Setting::Off), // no rule on private posts during working hours
            ],
        }
    }

    /// The clauses of `meta` this preset cites.
    pub fn clauses(self, meta: &RuleMeta) -> Vec<&'static str> {
        match self.municipality() {
            None => meta.clauses.to_vec(),
            Some(m) => meta.clauses.iter().copied().filter(|c| c.starts_with(m)).collect(),
        }
    }

    /// The setting of a rule under this preset alone.
    pub fn setting(self, meta: &RuleMeta) -> Setting {
        let table = self.table();
        if let Some((_, s)) = table.iter().find(|(k, _)| *k == meta.id) {
            return *s;
        }
        if let Some((_, s)) = table.iter().find(|(k, _)| *k == meta.category.id()) {
            return *s;
        }
        if self.municipality().is_some() && self.clauses(meta).is_empty() {
            return Setting::Off;
        }
        Setting::On(meta.severity)
    }
}

#[cfg(test)]
mod context_preset_tests {
    use super::*;
    use crate::rules;

    fn under(preset: Preset, id: &str) -> Setting {
        preset.setting(rules::by_id(id).expect(id).meta())
    }

    #[test]
    fn each_guideline_gets_its_own_context_rules() {
        use Setting::{Off, On};
        use Severity::{Block, Info, Warn};
        // 流山市: posting window, no replies or mentions; nothing on private posts at work.
        assert_eq!(under(Preset::Nagareyama, "timing/posting-window"), On(Warn));
        assert_eq!(under(Preset::Nagareyama, "account/reply"), On(Warn));
        assert_eq!(under(Preset::Nagareyama, "timing/working-hours"), Off);
        // 室蘭市: private use at work is forbidden, obscene links blocked, no posting window.
        assert_eq!(under(Preset::Muroran, "timing/working-hours"), On(Warn));
        assert_eq!(under(Preset::Muroran, "timing/posting-window"), Off);
        assert_eq!(under(Preset::Muroran, "link/blocked-domain"), On(Block));
        assert_eq!(under(Preset::Muroran, "link/insecure"), Off);
        // 吉備中央町: links confirmed, replies allowed, personal posts from the town's devices warned.
        assert_eq!(under(Preset::Kibichuo, "link/unlisted-domain"), On(Info));
        assert_eq!(under(Preset::Kibichuo, "account/reply"), Off);
        assert_eq!(under(Preset::Kibichuo, "account/device"), On(Warn));
        // 十和田市: devices, obscene links.
        assert_eq!(under(Preset::Towada, "account/device"), On(Warn));
        assert_eq!(under(Preset::Towada, "link/blocked-domain"), On(Block));
        assert_eq!(Preset::Towada.clauses(rules::by_id("link/blocked-domain").unwrap().meta()), ["十和田市 4(3)"]);
        // strict: the union.
        for id in ["timing/posting-window", "timing/working-hours", "account/reply", "account/device", "link/insecure"] {
            assert_eq!(under(Preset::Strict, id), On(Warn), "{id}");
        }
    }
}
