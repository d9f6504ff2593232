//! The thin wasm-bindgen layer the extension's background uses. Everything crosses as JSON
//! strings: the same serialisation the CLI prints, parsed once with `JSON.parse` in JS.

use crate::policy::Policy;
use crate::post::Context;
use crate::{reference, Checker, Post};
use wasm_bindgen::prelude::*;

/// A checker built for one policy.
#[wasm_bindgen(js_name = Checker)]
pub struct WasmChecker {
    inner: Checker,
    errors: String,
}

#[wasm_bindgen(js_class = Checker)]
impl WasmChecker {
    /// Builds a checker from a policy in JSON. Never throws: invalid entries are ignored and
    /// listed by `policyErrors()`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> WasmChecker {
        let (policy, errors) = if policy_json.trim().is_empty() { (Policy::default(), Vec::new()) } else { Policy::from_json(policy_json) };
        let errors = serde_json::to_string(&errors.iter().map(reference::policy_error_json).collect::<Vec<_>>()).unwrap_or_default();
        WasmChecker { inner: Checker::new(policy), errors }
    }

    /// The policy's problems, as a JSON array of `{key, value, problem}`.
    #[wasm_bindgen(js_name = policyErrors)]
    pub fn policy_errors(&self) -> String {
        self.errors.clone()
    }

    /// Checks `text` in `context` (JSON, see `Context`). Returns `{"findings":[…]}` with UTF-16
    /// spans into `text`, or `{"error":"…"}` when the context is malformed.
    pub fn check(&self, text: &str, context_json: &str) -> String {
        let context = if context_json.trim().is_empty() {
            Context::default()
        } else {
            match serde_json::from_str::<Context>(context_json) {
                Ok(c) => c,
                Err(e) => return serde_json::json!({ "error": format!("bad context: {e}") }).to_string(),
            }
        };
        let report = self.inner.check(&Post { text, context });
        serde_json::to_string(&report).unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
    }
}

/// Resolves the policy in force from the admin's managed policy and the user's local options
/// (each a JSON text of an object; `""` or `"null"` for none): managed > local > preset, key by
/// key. Returns `{"effective":{…every key…}, "sources":{key:"managed"|"local"|"preset"},
/// "locked":[keys set by managed], "errors":[{source,key,value,problem,message}],
/// "rule_settings":{rule id: "off"|"info"|"warn"|"block"}}`. A bad managed value is reported and
/// does not lock. Pass `JSON.stringify(result.effective)` to `new Checker(…)`.
#[wasm_bindgen(js_name = resolvePolicy)]
pub fn resolve_policy(managed_json: &str, local_json: &str) -> String {
    crate::policy::resolve_json(managed_json, local_json).to_value().to_string()
}

/// The rule reference as JSON (id, category, severity, clauses, texts, examples).
#[wasm_bindgen(js_name = rulesJson)]
pub fn rules_json() -> String {
    reference::rules_json(crate::policy::Preset::Strict)
}

/// The checker's version (Cargo.toml).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
