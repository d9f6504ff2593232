//! `image/people-consent`: a reminder, whenever an image is attached, to get the consent of the
//! people in it before posting.
//!
//! 室蘭市 4. 基本ルール (他の人が写っている写真を掲載するときは、予め本人の同意を得るようにしましょう),
//! 吉備中央町 5(16), 流山市 基本原則 3, 十和田市 3(3) (肖像権). The checker cannot see who is in a
//! photo, so this is `info`, and the policy key `photo_consent_reminder` says when it appears:
//! `"personal"` (the default: on personal accounts, and on unknown ones, read as the stricter),
//! `"always"` (official accounts too) or `"off"`. Bytes that are not an image give nothing.
use crate::finding::{Category, Msg, Severity};
use crate::image::sample::Spec;
use crate::image::Format;
use crate::post::Account;
use crate::rules::{AttachmentExample, RuleMeta};

pub struct PeopleConsent;

const MESSAGE: &str = "写っている人がいる場合は、掲載について本人の同意を得ていますか。";

static META: RuleMeta = RuleMeta {
    id: "image/people-consent",
    category: Category::Rights,
    severity: Severity::Info,
    clauses: &["室蘭市 4. 基本ルール", "吉備中央町 5(16)", "流山市 基本原則 3", "十和田市 3(3)"],
    message: Msg { ja: MESSAGE, en: "If people appear in this photo, have they agreed to it being posted?" },
    why: Msg {
        ja: "他の人が写っている写真を掲載するときは、予め本人の同意を得る必要があります。同意のないまま掲載すると、肖像権やプライバシーの侵害となるおそれがあります。Facebook で写真に人をタグ付けするときも同じです。",
        en: "A photo showing other people needs their consent before it is posted; without it, posting may infringe their portrait rights and privacy. The same goes for tagging people in photos on Facebook.",
    },
    fix: Msg {
        ja: "写っている方の同意を得てから投稿してください。同意が得られない場合は、顔が分からないように加工するか、掲載を控えてください。",
        en: "Get the consent of the people shown first; if you cannot, blur their faces or do not post the photo.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[AttachmentExample] = &[
    AttachmentExample { image: Spec::PLAIN, account: Account::Personal, policy: "", hits: &[(MESSAGE, Severity::Info)] },
    AttachmentExample { image: Spec { format: Format::Png, ..Spec::PLAIN }, account: Account::Unknown, policy: "", hits: &[(MESSAGE, Severity::Info)] },
    AttachmentExample { image: Spec::PLAIN, account: Account::Official, policy: r#"{"photo_consent_reminder":"always"}"#, hits: &[(MESSAGE, Severity::Info)] },
    AttachmentExample { image: Spec::PLAIN, account: Account::Official, policy: "", hits: &[] },
    AttachmentExample { image: Spec::PLAIN, account: Account::Personal, policy: r#"{"photo_consent_reminder":"off"}"#, hits: &[] },
    AttachmentExample { image: Spec::PLAIN, account: Account::Personal, policy: r#"{"preset":"towada","rules":{"image/people-consent":"off"}}"#, hits: &[] },
];

image_rule!(PeopleConsent);
