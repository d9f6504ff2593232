//! Rules on attached images: the metadata a photo carries (GPS position, names, serial numbers)
//! and the consent of the people in it. They read no text: [`crate::Checker::check_image`]
//! builds their findings from the image (`src/image/`), and their examples are attached images
//! ([`crate::rules::Rule::attachment_examples`]).
/// `impl Rule` for an image rule of this family: `META` and `EXAMPLES` of the invoking file;
/// it reads no text (see [`crate::Checker::check_image`]).
macro_rules! image_rule {
    ($rule:ty) => {
        impl crate::rules::Rule for $rule {
            fn meta(&self) -> &'static crate::rules::RuleMeta {
                &META
            }
            /// Reads no text: see [`crate::Checker::check_image`].
            fn check(&self, _cx: &crate::rules::Cx<'_>, _out: &mut Vec<crate::rules::Hit>) {}
            #[cfg(not(target_arch = "wasm32"))]
            fn attachment_examples(&self) -> &'static [crate::rules::AttachmentExample] {
                EXAMPLES
            }
        }
    };
}

pub mod gps;
pub mod identifying_metadata;
pub mod people_consent;
