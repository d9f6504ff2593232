//! Rules on attached images: the metadata a photo carries (GPS position, names, serial numbers)
//! and the consent of the people in it. They read no text: [`crate::Checker::check_image`]
//! builds their findings from the image (`src/image/`), and their examples are attached images
//! ([`crate::rules::Rule::attachment_examples`]).
pub mod gps;
pub mod identifying_metadata;
pub mod people_consent;
