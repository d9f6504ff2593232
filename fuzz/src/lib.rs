//! Shared by the fuzz targets. `input` is also compiled into the native regression tests
//! (tests/fuzz_regressions.rs), so it depends on nothing but the checker.

mod input;
pub mod policy_gen;

pub use input::*;
pub use policy_gen::policy_document;
