//! `Policy::from_json` on any bytes (the admin's managed policy as the browser hands it over),
//! then a check under the policy that results: parsing never panics, every error names its key
//! and a problem, and whatever it accepts the checker can run with.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postcheck::policy::Policy;

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let (policy, errors) = Policy::from_json(&json);
    for e in &errors {
        // The key may be empty: `{"": …}` is an unknown key whose name is "".
        assert!(!e.problem.en().is_empty() && e.to_string().contains(&format!("`{}`", e.key)), "{e:?}");
    }
    postcheck_fuzz::check_under(policy);
});
