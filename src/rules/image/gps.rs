//! `image/gps`: an attached photo records where it was taken (Exif GPS latitude and longitude).
//!
//! 吉備中央町 4(14): services and devices attach location data to posts and images
//! automatically; staff must mind what others learn from it and turn the function off where
//! needed. The message says where the photo was taken: the prefecture when the position lies in
//! (or within 10 km of) one (`src/image/place.rs`), the coordinates to 4 decimals (about 10 m),
//! and the camera's date (DateTimeOriginal). A photo without GPS, or with a 0,0 placeholder, is
//! not reported.
use crate::finding::{Category, Msg, Severity};
use crate::image::sample::Spec;
use crate::image::Format;
use crate::post::Account;
use crate::rules::{AttachmentExample, RuleMeta};

pub struct Gps;

static META: RuleMeta = RuleMeta {
    id: "image/gps",
    category: Category::Location,
    severity: Severity::Warn,
    clauses: &["吉備中央町 4(14)"],
    message: Msg { ja: "この画像には撮影場所の位置情報（GPS）が記録されています。", en: "This image records where it was taken (GPS)." },
    why: Msg {
        ja: "スマートフォンやカメラは、撮影した場所の緯度・経度を写真に自動で記録します。そのまま公開すると、自宅や職場、子どもの学校など、知られたくない場所が分かってしまうおそれがあります。",
        en: "Phones and cameras record the latitude and longitude of the place where a photo is taken. Published as it is, it can reveal places you would not want known: your home, your workplace, a child's school.",
    },
    fix: Msg {
        ja: "位置情報を削除した画像を添付してください。iPhone では共有するときの「オプション」で「位置情報」をオフにでき、Android やパソコンでは写真アプリや画像編集ソフトで位置情報を削除できます（Windows：ファイルのプロパティ＞「詳細」＞「プロパティや個人情報を削除」）。今後の撮影では、スマートフォンの位置情報設定でカメラによる位置情報の記録をオフにしてください（iPhone：設定＞プライバシーとセキュリティ＞位置情報サービス＞カメラ を「なし」）。X や Facebook は公開する画像から位置情報を取り除きますが、元のファイルはサービスに送られ、メールやチャット、ウェブサイトなどでは残ったままになります。",
        en: "Attach the image without its location data. On an iPhone, turn off Location under Options when sharing; on Android or a computer, remove it with the photo app or an image editor (Windows: File Properties > Details > Remove Properties and Personal Information). For future photos, stop the camera from recording location in the phone's location settings (iPhone: Settings > Privacy & Security > Location Services > Camera: Never). X and Facebook strip location data from the images they publish, but the original file still goes to them, and mail, chat and websites keep it as it is.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[],
};

#[cfg(not(target_arch = "wasm32"))]
const KIBICHUO_TOWN_HALL: Spec = Spec { gps: Some((34.8627, 133.6946)), taken: Some("2026:11:22 10:15:00"), ..Spec::PLAIN };

#[cfg(not(target_arch = "wasm32"))]
static EXAMPLES: &[AttachmentExample] = &[
    AttachmentExample {
        image: KIBICHUO_TOWN_HALL,
        account: Account::Personal,
        policy: "",
        hits: &[(
            "この画像には撮影場所の位置情報（GPS）が記録されています：岡山県加賀郡吉備中央町付近（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。",
            Severity::Warn,
        )],
    },
    AttachmentExample {
        image: Spec { format: Format::Png, gps: Some((42.3152, 140.9737)), ..Spec::PLAIN },
        account: Account::Official,
        policy: "",
        hits: &[("この画像には撮影場所の位置情報（GPS）が記録されています：北海道室蘭市付近（北緯42.3152度、東経140.9737度）。", Severity::Warn)],
    },
    AttachmentExample {
        image: Spec { format: Format::Webp, gps: Some((-33.8688, 151.2093)), taken: Some("2026:01:05 18:40:12"), ..Spec::PLAIN },
        account: Account::Personal,
        policy: "",
        hits: &[("この画像には撮影場所の位置情報（GPS）が記録されています：南緯33.8688度、東経151.2093度、撮影日時 2026年1月5日 18:40。", Severity::Warn)],
    },
    AttachmentExample {
        image: Spec { taken: Some("2026:11:22 10:15:00"), ..Spec::PLAIN },
        account: Account::Personal,
        policy: "",
        hits: &[],
    },
    AttachmentExample { image: Spec::PLAIN, account: Account::Official, policy: "", hits: &[] },
    AttachmentExample { image: KIBICHUO_TOWN_HALL, account: Account::Official, policy: r#"{"categories":{"location":"off"}}"#, hits: &[] },
];

image_rule!(Gps);
