//! `image/identifying-metadata`: an attached photo records who took it or with what: the
//! author (Artist, Windows XPAuthor), the camera owner's name (CameraOwnerName) or a serial
//! number (BodySerialNumber, LensSerialNumber).
//!
//! 吉備中央町 4(14) asks staff to mind what the information that devices and services attach
//! automatically tells others. A name can identify the staff member behind a personal account;
//! a serial number links photos posted from different accounts to one camera. A reminder
//! (`info`): the name may be the organisation's on purpose. Serial numbers are shown masked
//! but for their last 4 characters.
use crate::finding::{Category, Msg, Severity};
use crate::image::sample::Spec;
use crate::post::Account;
use crate::rules::{AttachmentExample, RuleMeta};

pub struct IdentifyingMetadata;

static META: RuleMeta = RuleMeta {
    id: "image/identifying-metadata",
    category: Category::PersonalInfo,
    severity: Severity::Info,
    clauses: &["吉備中央町 4(14)"],
    message: Msg { ja: "この画像には撮影者や機材を特定できる情報が記録されています。", en: "This image records who took it or with what." },
    why: Msg {
        ja: "カメラや編集ソフトは、撮影者名や所有者名、カメラのシリアル番号を画像に記録することがあります。公開すると、投稿した人が特定されたり、別のアカウントの投稿と同じ人のものだと結び付けられたりするおそれがあります。",
        en: "Cameras and editing software may record the photographer's or owner's name and the camera's serial number. Published, they can identify who posted the photo or link posts from different accounts to one person.",
    },
    fix: Msg {
        ja: "カメラや編集ソフトの設定で撮影者名（著作者情報）を空にし、公開する画像からはメタデータを削除してください（Windows：ファイルのプロパティ＞「詳細」＞「プロパティや個人情報を削除」）。",
        en: "Clear the author or owner name in the camera's or software's settings and strip the metadata from images you publish (Windows: File Properties > Details > Remove Properties and Personal Information).",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[AttachmentExample] = &[
    AttachmentExample {
        image: Spec { artist: Some("Kibi Taro"), ..Spec::PLAIN },
        account: Account::Personal,
        policy: "",
        hits: &[("この画像には撮影者や機材を特定できる情報が記録されています：作成者（Artist）「Kibi Taro」。", Severity::Info)],
    },
    AttachmentExample {
        image: Spec { serial: Some("4021350987"), taken: Some("2026:11:22 10:15:00"), ..Spec::PLAIN },
        account: Account::Official,
        policy: "",
        hits: &[("この画像には撮影者や機材を特定できる情報が記録されています：カメラのシリアル番号（BodySerialNumber）「******0987」。", Severity::Info)],
    },
    AttachmentExample {
        image: Spec { artist: Some("吉備中央町 総務課"), serial: Some("A1B2C3"), ..Spec::PLAIN },
        account: Account::Official,
        policy: "",
        hits: &[(
            "この画像には撮影者や機材を特定できる情報が記録されています：作成者（Artist）「吉備中央町 総務課」、カメラのシリアル番号（BodySerialNumber）「**B2C3」。",
            Severity::Info,
        )],
    },
    AttachmentExample { image: Spec::PLAIN, account: Account::Personal, policy: "", hits: &[] },
    AttachmentExample { image: Spec { gps: Some((35.8563, 139.9027)), taken: Some("2026:11:22 10:15:00"), ..Spec::PLAIN }, account: Account::Personal, policy: "", hits: &[] },
    AttachmentExample { image: Spec { artist: Some("Kibi Taro"), ..Spec::PLAIN }, account: Account::Personal, policy: r#"{"rules":{"image/identifying-metadata":"off"}}"#, hits: &[] },
];

image_rule!(IdentifyingMetadata);
