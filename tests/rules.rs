//! Every rule's documented examples, run as tests: the examples that fire must underline
//! exactly the characters they name, at the severity they name; the others must find nothing.
//! Examples with a context (`Rule::context_examples`: a time, a reply, a policy) run the same way.

use postcheck::policy::Policy;
use postcheck::post::LocalTime;
use postcheck::rules::{all_examples, RULES};
use postcheck::text::slice16;
use postcheck::{Checker, Post, Severity};

#[test]
fn every_rule_documents_one_example_that_fires_and_one_that_does_not() {
    for r in RULES {
        let m = r.meta();
        let examples = all_examples(*r);
        let attached = r.attachment_examples();
        if !attached.is_empty() {
            // A rule on attached images documents images instead of text.
            assert!(examples.is_empty(), "{}: an attachment rule with text examples", m.id);
            assert!(attached.iter().any(|e| !e.hits.is_empty()), "{}: no attachment example that fires", m.id);
            assert!(attached.iter().any(|e| e.hits.is_empty()), "{}: no attachment example that passes", m.id);
        } else {
            assert!(examples.iter().any(|e| !e.hits.is_empty()), "{}: no example that fires", m.id);
            assert!(examples.iter().any(|e| e.hits.is_empty()), "{}: no example that passes", m.id);
        }
        assert!(!m.clauses.is_empty(), "{}: cites no clause", m.id);
        for t in [m.message.ja, m.message.en, m.why.ja, m.why.en, m.fix.ja, m.fix.en] {
            assert!(!t.trim().is_empty(), "{}: empty message text", m.id);
        }
    }
}

#[test]
fn rule_ids_are_unique_and_well_formed() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.meta().id).collect();
    for id in &ids {
        assert!(id.split_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()), "{id}");
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '/' || c == '-'), "{id}");
    }
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule id");
}

#[test]
fn documented_examples_hold() {
    let default_checker = Checker::new(Policy::default());
    let mut failures = Vec::new();
    for r in RULES {
        let m = r.meta();
        for e in all_examples(*r) {
            if let Some(at) = e.at {
                assert!(LocalTime::parse(at).is_ok(), "{}: bad `at` in example {:?}: {at}", m.id, e.text);
            }
            let custom;
            let checker = if e.policy.is_empty() {
                &default_checker
            } else {
                let (policy, errors) = Policy::from_json(e.policy);
                assert!(errors.is_empty(), "{}: bad policy in example {:?}: {errors:?}", m.id, e.text);
                custom = Checker::new(policy);
                &custom
            };
            let report = checker.check(&Post { text: e.text, context: e.context() });
            let got: Vec<(String, Severity)> = report
                .findings
                .iter()
                .filter(|f| f.rule == m.id)
                .map(|f| (slice16(e.text, f.start, f.end), f.severity))
                .collect();
            let want: Vec<(String, Severity)> = e.hits.iter().map(|(t, s)| (t.to_string(), *s)).collect();
            if got != want {
                failures.push(format!(
                    "{} on {:?} ({:?}, at {:?}, reply {}, policy {}):\n    want {want:?}\n    got  {got:?}",
                    m.id, e.text, e.account, e.at, e.reply, e.policy
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} example(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn documented_attachment_examples_hold() {
    let mut failures = Vec::new();
    let mut count = 0;
    for r in RULES {
        let m = r.meta();
        for e in r.attachment_examples() {
            count += 1;
            let (policy, errors) = Policy::from_json(if e.policy.is_empty() { "{}" } else { e.policy });
            assert!(errors.is_empty(), "{}: bad policy in example {}: {errors:?}", m.id, e.image.describe());
            let bytes = e.image.build();
            let context = postcheck::Context { account: e.account, ..Default::default() };
            let report = Checker::new(policy).check_image(&postcheck::image::Source::whole(&bytes), &context, "example");
            let got: Vec<(String, Severity)> =
                report.findings.iter().filter(|f| f.rule == m.id).map(|f| (f.message.ja.to_string(), f.severity)).collect();
            let want: Vec<(String, Severity)> = e.hits.iter().map(|(t, s)| (t.to_string(), *s)).collect();
            if got != want {
                failures.push(format!("{} on {} ({:?}, policy {}):\n    want {want:?}\n    got  {got:?}", m.id, e.image.describe(), e.account, e.policy));
            }
        }
    }
    assert!(count >= 18, "{count} attachment examples");
    assert!(failures.is_empty(), "{} example(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn context_rules_have_at_least_three_examples_each_way() {
    for r in RULES {
        let m = r.meta();
        let family = m.id.split('/').next().unwrap_or("");
        if !["link", "timing", "account", "rights"].contains(&family) {
            continue;
        }
        let ex = all_examples(*r);
        let fire = ex.iter().filter(|e| !e.hits.is_empty()).count();
        assert!(fire >= 3 && ex.len() - fire >= 3, "{}: {fire} example(s) that fire, {} that pass", m.id, ex.len() - fire);
    }
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = postcheck::reference::rules_markdown();
    assert!(committed == generated, "docs/rules.md is out of date: run `make docs`");
}
