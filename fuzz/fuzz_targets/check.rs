//! The checker on any text in any context: account, local time, reply, site, handle and
//! location tag, under each preset alone and with an organisation's settings. Input layout:
//! `postcheck_fuzz::decode`. Fails on a panic or a report that breaks `postcheck_fuzz::verify`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = postcheck_fuzz::decode(data);
    postcheck_fuzz::check_and_verify(&input);
});
