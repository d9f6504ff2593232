//! `Policy::from_value` on JSON documents built from the policy's own keys and plausible values
//! (presets, rule and category ids, severities, days, `HH:MM` times, domains, handles), nested
//! and mixed with wrong types, so that the fuzzer reaches every validation branch of the
//! organisation keys rather than stopping at the JSON syntax. Then a check under the result.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use postcheck::policy::Policy;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(doc) = postcheck_fuzz::policy_document(&mut u) else { return };
    let (policy, errors) = Policy::from_value(&doc);
    for e in &errors {
        // The key may be empty: `{"": …}` is an unknown key whose name is "".
        assert!(!e.problem.en().is_empty() && e.to_string().contains(&format!("`{}`", e.key)), "{e:?}");
    }
    // The same document as text parses to the same policy.
    let (again, errors_again) = Policy::from_json(&doc.to_string());
    assert_eq!(again, policy);
    assert_eq!(errors_again, errors);
    postcheck_fuzz::check_under(policy);
});
