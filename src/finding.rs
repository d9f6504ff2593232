//! What the checker reports: findings with a rule id, a category, a severity, a span in UTF-16
//! code units of the text it was given, a message in Japanese and English and the guideline
//! clauses the rule enforces.

use crate::json::{Map, ToJson, Value};
use std::borrow::Cow;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warn < Block`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Shown, never stops a post.
    Info,
    /// Shown; the gate asks before posting.
    Warn,
    /// Shown; the gate offers no "post anyway".
    Block,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warn, Severity::Block];

    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }

    pub fn from_id(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.id() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

macro_rules! categories {
    ($($variant:ident => $id:literal, $ja:literal, $en:literal;)*) => {
        /// The fixed set of categories. Their ids are stable and used everywhere: the CLI,
        /// the extension's UI, the policy and the tests.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Category {
            $($variant,)*
        }

        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The stable id, e.g. `shortened-url`.
            pub fn id(self) -> &'static str {
                match self { $(Category::$variant => $id,)* }
            }

            /// A short label for people, in Japanese and English.
            pub fn label(self) -> Msg {
                match self { $(Category::$variant => Msg { ja: $ja, en: $en },)* }
            }

            pub fn from_id(s: &str) -> Option<Category> {
                match s { $($id => Some(Category::$variant),)* _ => None }
            }
        }
    };
}

categories! {
    Location => "location", "位置情報", "Location data";
    ShortenedUrl => "shortened-url", "短縮URL", "Shortened URL";
    PersonalOpinion => "personal-opinion", "個人的な意見・状況", "Personal opinion or situation";
    Insult => "insult", "誹謗中傷・非礼", "Insult or rudeness";
    Discrimination => "discrimination", "差別", "Discrimination";
    Obscene => "obscene", "わいせつ・公序良俗", "Obscenity";
    Rumor => "rumor", "噂・未確認情報", "Rumour or unverified information";
    Illegal => "illegal", "法令違反", "Breaking the law";
    Confidential => "confidential", "秘密・意思形成過程", "Confidential or pre-decision information";
    PersonalInfo => "personal-info", "個人情報", "Personal information";
    Security => "security", "情報セキュリティ", "Information security";
    Political => "political", "政治的行為", "Political activity";
    Rights => "rights", "権利侵害", "Rights (copyright, portrait)";
    Link => "link", "リンク先", "Link destination";
    Timing => "timing", "投稿時間", "Posting time";
    Account => "account", "アカウントの使い方", "Account use";
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A static message in both languages (rule metadata).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg {
    pub ja: &'static str,
    pub en: &'static str,
}

/// A message in both languages, static or built for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub ja: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl From<Msg> for Message {
    fn from(m: Msg) -> Self {
        Message { ja: Cow::Borrowed(m.ja), en: Cow::Borrowed(m.en) }
    }
}

/// One thing the guideline forbids, found in the post.
///
/// `start..end` are UTF-16 code units of the ORIGINAL text (what JavaScript's string indices
/// count), cutting exactly the offending characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub start: u32,
    pub end: u32,
    pub message: Message,
    /// Why the guideline forbids it, and what to do instead.
    pub why: Message,
    pub fix: Message,
    /// The guideline clauses this rule enforces, filtered to the preset's guideline.
    pub clauses: Vec<&'static str>,
}

/// A struct's fields in their order, as serde's derived `Serialize` wrote them.
pub(crate) fn fields(pairs: &[(&str, Value)]) -> Value {
    Value::Object(Map::ordered(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()))
}

impl ToJson for Severity {
    fn to_json(&self) -> Value {
        self.id().to_json()
    }
}

impl ToJson for Category {
    fn to_json(&self) -> Value {
        self.id().to_json()
    }
}

/// `{"ja":"…","en":"…"}`.
impl ToJson for Msg {
    fn to_json(&self) -> Value {
        fields(&[("ja", self.ja.to_json()), ("en", self.en.to_json())])
    }
}

/// `{"ja":"…","en":"…"}`.
impl ToJson for Message {
    fn to_json(&self) -> Value {
        fields(&[("ja", self.ja.to_json()), ("en", self.en.to_json())])
    }
}

impl Finding {
    /// The fields of `{"rule","category","severity","start","end","message","why","fix","clauses"}`
    /// in that order (the CLI adds `text`).
    pub fn json_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("rule", self.rule.to_json()),
            ("category", self.category.to_json()),
            ("severity", self.severity.to_json()),
            ("start", self.start.to_json()),
            ("end", self.end.to_json()),
            ("message", self.message.to_json()),
            ("why", self.why.to_json()),
            ("fix", self.fix.to_json()),
            ("clauses", self.clauses.to_json()),
        ]
    }
}

impl ToJson for Finding {
    fn to_json(&self) -> Value {
        fields(&self.json_fields())
    }
}
