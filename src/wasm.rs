//! The thin wasm-bindgen layer the extension's background uses. Everything crosses as JSON
//! strings: the same serialisation the CLI prints, parsed once with `JSON.parse` in JS.

use crate::policy::Policy;
use crate::image::Source;
use crate::json::{self, ToJson, Value};
use crate::post::{invalid_type, Context};
use crate::{reference, Checker, Post};
use wasm_bindgen::prelude::*;

/// A checker built for one policy.
#[wasm_bindgen(js_name = Checker)]
pub struct WasmChecker {
    inner: Checker,
    errors: String,
    /// The explanations this checker's answers have sent (`Report::to_wasm_answer`).
    sent: std::cell::RefCell<crate::Sent>,
}

#[wasm_bindgen(js_class = Checker)]
impl WasmChecker {
    /// Builds a checker from a policy in JSON. Never throws: invalid entries are ignored and
    /// listed by `policyErrors()`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> WasmChecker {
        let (policy, errors) = if policy_json.trim().is_empty() { (Policy::default(), Vec::new()) } else { Policy::from_json(policy_json) };
        let errors = Value::Array(errors.iter().map(reference::policy_error_json).collect()).to_string();
        WasmChecker { inner: Checker::new(policy), errors, sent: Default::default() }
    }

    /// The policy's problems, as a JSON array of `{key, value, problem}`.
    #[wasm_bindgen(js_name = policyErrors)]
    pub fn policy_errors(&self) -> String {
        self.errors.clone()
    }

    /// Checks `text` in `context` (JSON, see `Context`). Returns
    /// `{"account":…,"epoch":…,"explanations":[…],"findings":[…]}`: the kind of account the
    /// post was checked as (`official`, `personal`, `unknown`: the policy's `official_handles`
    /// against the context's handle), and the findings with UTF-16 spans into `text`, each
    /// naming its explanation (`{clauses, fix, message, why}`) by id. `explanations` holds, with
    /// their `id`, only those this checker has not sent before (`Report::to_wasm_answer`):
    /// `extension/answer.js` keeps them per checker and epoch and puts the texts back into each
    /// finding; `explanation(id)` gives one again. `{"error":"…"}` when the context is
    /// malformed.
    pub fn check(&self, text: &str, context_json: &str) -> String {
        let context = match parse_context(context_json) {
            Ok(c) => c,
            Err(e) => return json!({ "error": e }).to_string(),
        };
        let account = self.inner.policy().org.account_of(&context);
        let report = self.inner.check(&Post { text, context });
        match self.sent.try_borrow_mut() {
            Ok(mut sent) => report.to_wasm_answer(account, &mut sent),
            // Never (one thread, no re-entry); if it were, an epoch of its own.
            Err(_) => report.to_wasm_answer(account, &mut crate::Sent::detached()),
        }
    }

    /// Explanation `id` of the current epoch, as sent in an answer of `check`
    /// (`{"clauses":…,"fix":…,"id":…,"message":…,"why":…}`), or `null`.
    pub fn explanation(&self, id: u32) -> String {
        match self.sent.try_borrow() {
            Ok(sent) => sent.explanation_json(id as usize),
            Err(_) => "null".into(),
        }
    }

    /// Checks an attached image, given whole: `bytes` is the file's content (a `Uint8Array`),
    /// `contextJson` the post's context (as for `check`), `attachmentId` the caller's id for
    /// the attachment, echoed in the result. Returns JSON:
    ///
    /// ```json
    /// {"attachment":"a1","format":"jpeg",
    ///  "findings":[{"attachment":"a1","rule":"image/gps","category":"location","severity":"warn",
    ///               "message":{"ja":"…","en":"…"},"why":{…},"fix":{…},"clauses":["吉備中央町 4(14)"]}],
    ///  "note":"EXIF read in part: …"}
    /// ```
    ///
    /// `format` (jpeg, png, webp, heif, gif) is absent when the bytes are not an image read
    /// here; `note` (optional) says for logs why nothing or not everything could be read
    /// (corrupt, truncated or non-image bytes give no finding, never an error); a finding has
    /// no span, it names its attachment. `{"error":"…"}` only for a malformed context.
    /// For a large file, prefer `checkImageParts` with the head and the tail.
    #[wasm_bindgen(js_name = checkImage)]
    pub fn check_image(&self, bytes: &[u8], context_json: &str, attachment_id: &str) -> String {
        self.image(&Source::whole(bytes), context_json, attachment_id)
    }

    /// Checks an attached image from parts of the file, so that a 20 MB photo need not be
    /// copied whole: `bytes` is the parts concatenated, `partsJson` is
    /// `{"size": <file size>, "parts": [[<offset>, <length>], …]}` in the same order. Send the
    /// first 256 KB and the last 64 KB (`imageReadPlan`); when the result has
    /// `"need": [start, end]` (and no findings), read that range too and call again with it
    /// added (a HEIC's Exif item far into the file, a JPEG with huge segments before its Exif).
    /// Same result as `checkImage`, or `{"error":"…"}` for malformed `partsJson`.
    #[wasm_bindgen(js_name = checkImageParts)]
    pub fn check_image_parts(&self, bytes: &[u8], parts_json: &str, context_json: &str, attachment_id: &str) -> String {
        let parts = match parse_parts(bytes, parts_json) {
            Ok(p) => p,
            Err(e) => return json!({ "error": format!("bad parts: {e}") }).to_string(),
        };
        self.image(&parts, context_json, attachment_id)
    }

    fn image(&self, src: &Source<'_>, context_json: &str, attachment_id: &str) -> String {
        let context = match parse_context(context_json) {
            Ok(c) => c,
            Err(e) => return json!({ "error": e }).to_string(),
        };
        let report = self.inner.check_image(src, &context, attachment_id);
        report.to_json().to_string()
    }
}

/// `{"size":N,"parts":[[offset,length],…]}` over the concatenated `bytes`.
fn parse_parts<'a>(bytes: &'a [u8], json: &str) -> Result<Source<'a>, String> {
    let v = json::from_str(json).map_err(|e| e.to_string())?;
    let Some(obj) = v.as_object() else { return Err(invalid_type(&v, "struct Parts")) };
    let number = |v: &Value| v.as_u64().ok_or_else(|| invalid_type(v, "u64"));
    let size = number(obj.get("size").ok_or("missing field `size`")?)?;
    let list = obj.get("parts").ok_or("missing field `parts`")?;
    let list = list.as_array().ok_or_else(|| invalid_type(list, "a sequence"))?;
    let mut at = 0usize;
    let mut out = Vec::new();
    for pair in list {
        let (off, len) = match pair.as_array().map(Vec::as_slice) {
            Some([off, len]) => (number(off)?, number(len)?),
            Some(p) => return Err(format!("invalid length {}, expected a tuple of size 2", p.len())),
            None => return Err(invalid_type(pair, "a tuple of size 2")),
        };
        let len = usize::try_from(len).map_err(|e| e.to_string())?;
        let chunk = at.checked_add(len).and_then(|end| bytes.get(at..end)).ok_or("the parts are longer than the bytes given")?;
        out.push((off, chunk));
        at += len;
    }
    if at != bytes.len() {
        return Err(format!("the parts cover {at} bytes, {} were given", bytes.len()));
    }
    Source::parts(size, out)
}

/// The byte ranges of a file of `size` bytes to read first for `checkImageParts`, as JSON
/// `{"size":N,"parts":[[0,262144],[N-65536,65536]]}` (one part when the file is small).
#[wasm_bindgen(js_name = imageReadPlan)]
pub fn image_read_plan(size: f64) -> String {
    let size = if size.is_finite() && size > 0.0 { size as u64 } else { 0 };
    let parts = crate::image::read_plan(size);
    json!({ "size": size, "parts": parts }).to_string()
}

/// Hands over the municipality grid that names where a photo was taken (the extension's
/// `extension/pkg/places.bin`, 370 KB; kept out of the module, which would double in size).
/// Call it once before the first image check; until then, or when it fails, photos are placed
/// by prefecture. Returns `{"municipalities":1892,"version":"19.0b"}` or `{"error":"…"}` (not a
/// place data file; already set: the first one stays).
#[wasm_bindgen(js_name = setPlaceData)]
pub fn set_place_data(bytes: Vec<u8>) -> String {
    match crate::image::municipal::set_data(bytes) {
        Ok(n) => {
            let version = crate::image::municipal::grid().map_or("", |g| g.version);
            json!({ "municipalities": n, "version": version }).to_string()
        }
        Err(e) => json!({ "error": e }).to_string(),
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

/// The rule reference as JSON (id, category, severity, clauses, texts). `examples` is empty:
/// the WASM build leaves them out (`postcheck rules --format json` has them).
#[wasm_bindgen(js_name = rulesJson)]
pub fn rules_json() -> String {
    reference::rules_json(crate::policy::Preset::Strict)
}

/// The checker's version (Cargo.toml).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The post's context from its JSON (`""` is the default context), or why it is malformed.
fn parse_context(context_json: &str) -> Result<Context, String> {
    if context_json.trim().is_empty() {
        return Ok(Context::default());
    }
    json::from_str(context_json).map_err(|e| e.to_string()).and_then(|v| Context::from_value(&v)).map_err(|e| format!("bad context: {e}"))
}
