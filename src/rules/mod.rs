//! The rule registry. One rule per file; every rule is listed once in [`RULES`].
//!
//! A rule has a stable id (`url/shortener`), a category, a default severity, the guideline
//! clauses it enforces, ja/en texts (message, why, what to do instead) and examples: at least
//! one that fires, with the exact characters it must underline, and one that must not. The
//! examples are rendered by `postcheck rules` and run as tests (`tests/rules.rs`).

use crate::finding::{Category, Message, Msg, Severity};
use crate::policy::Policy;
use crate::post::{Account, Context, Site};
use crate::text::Normalized;

/// A `&'static Pattern` made from `$pattern` on first use and kept for the process (its regex
/// is compiled when first needed: see [`pattern`]).
macro_rules! static_regex {
    ($pattern:expr) => {{
        static RE: std::sync::OnceLock<crate::rules::pattern::Pattern> = std::sync::OnceLock::new();
        RE.get_or_init(|| crate::rules::pattern::Pattern::new($pattern).expect("valid regex"))
    }};
}

/// Inside `impl Rule` of a rule that reads the post's context: `meta()` returns the invoking
/// file's `META`, `context_examples()` its `EXAMPLES` (native builds only, like every example).
macro_rules! meta_and_context_examples {
    () => {
        fn meta(&self) -> &'static crate::rules::RuleMeta {
            &META
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn context_examples(&self) -> &'static [crate::rules::ContextExample] {
            EXAMPLES
        }
    };
}

/// `impl Rule` for a word-list rule: `META` of the invoking file, and the matches of its list
/// `$words` ([`lexicon::push_word_hits`]; `$severity`: the severity on a personal account, if not the rule's).
macro_rules! word_rule {
    ($rule:ty, $words:expr, $severity:expr) => {
        impl crate::rules::Rule for $rule {
            fn meta(&self) -> &'static crate::rules::RuleMeta {
                &META
            }
            fn check(&self, cx: &crate::rules::Cx<'_>, out: &mut Vec<crate::rules::Hit>) {
                crate::rules::lexicon::push_word_hits(cx, $words, $severity, out);
            }
        }
    };
}

pub mod account;
pub mod confidential;
pub mod custom;
pub mod discrimination;
pub mod illegal;
pub mod image;
pub mod insult;
pub mod lexicon;
pub mod link;
pub mod location;
pub mod obscene;
pub mod opinion;
pub mod pattern;
pub mod pii;
pub mod political;
pub mod rights;
pub mod rumor;
pub mod scan;
pub mod security;
pub mod timing;
pub mod url;

/// Everything a rule may look at.
pub struct Cx<'a> {
    pub norm: &'a Normalized,
    pub context: &'a Context,
    pub policy: &'a Policy,
}

/// A match, in byte offsets of [`Normalized::text`] (equally of [`Normalized::kana`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// A lower severity for this match than the rule's (e.g. `info` for a public venue's
    /// address on an official account). The effective severity is the lower of this and the
    /// rule's configured severity, so an admin can always lower a rule, and raising it never
    /// raises what the rule itself judged minor.
    pub severity: Option<Severity>,
    /// A message for this match instead of the rule's.
    pub message: Option<Message>,
    /// A category for this match instead of the rule's (`custom/term`: the admin's).
    pub category: Option<Category>,
}

impl Hit {
    pub fn new(start: usize, end: usize) -> Hit {
        Hit { start, end, severity: None, message: None, category: None }
    }
    pub fn severity(mut self, s: Severity) -> Hit {
        self.severity = Some(s);
        self
    }
    pub fn message(mut self, m: Message) -> Hit {
        self.message = Some(m);
        self
    }
    pub fn category(mut self, c: Category) -> Hit {
        self.category = Some(c);
        self
    }
}

/// A set of words for lookups: deduplicated, and found by a hash of their bytes in an
/// open-addressing table (a binary search compared ten or more words per lookup, and the
/// address rule looks up every name that may end at a 市, 町, 村 or 区). The static word and
/// domain lists use it instead of std's `HashSet`, whose hash table code the WASM would carry
/// once per key type (1 KB gzipped).
pub struct WordSet {
    words: Vec<&'static str>,
    /// Index + 1 into `words` (0: empty), a power of two at least twice their number.
    slots: Box<[u32]>,
}

impl WordSet {
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut words: Vec<&'static str> = words.into_iter().collect();
        words.sort_unstable();
        words.dedup();
        let mut slots = vec![0u32; (words.len() * 2).next_power_of_two().max(2)].into_boxed_slice();
        let mask = slots.len() - 1;
        for (k, w) in words.iter().enumerate() {
            let mut i = word_hash(w) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k as u32 + 1;
        }
        WordSet { words, slots }
    }

    /// The set's copy of `word`, if it holds it.
    pub fn get(&self, word: &str) -> Option<&'static str> {
        let mask = self.slots.len() - 1;
        let mut i = word_hash(word) & mask;
        loop {
            let w = *self.words.get((*self.slots.get(i)? as usize).checked_sub(1)?)?;
            if w == word {
                return Some(w);
            }
            i = (i + 1) & mask;
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A hash of a word's bytes for [`WordSet`] (FNV-1a, then mixed so the low bits vary).
fn word_hash(w: &str) -> usize {
    let mut h: u32 = 0x811C_9DC5;
    for &b in w.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    (h ^ h >> 15).wrapping_mul(0x2C1B_3C6D) as usize ^ (h >> 12) as usize
}

/// Sorts hits by start, equal starts in the order found. One copy of the sort for every rule
/// (a `sort_by_key` closure per rule compiles a copy each, about 4 KB of WASM).
pub fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by_key(|h| h.start);
}

/// An example in a rule's documentation, run as a test.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub text: &'static str,
    /// The account the example is posted on.
    pub account: Account,
    /// What the rule must find, in order: the exact original characters and the severity.
    /// Empty: the rule must find nothing.
    pub hits: &'static [(&'static str, Severity)],
}

/// An example that needs more context than the text and the account: a local time, a reply,
/// a site or handle, or a policy (JSON). Every field but `text` and `hits` is optional:
/// `ContextExample { text: "…", at: Some("2026-11-24T20:00:00+09:00"), hits: &[…], ..ContextExample::DEFAULT }`.
/// Rules return them from [`Rule::context_examples`]; they run as tests with [`Example`]s.
#[derive(Clone, Copy, Debug)]
pub struct ContextExample {
    pub text: &'static str,
    pub account: Account,
    /// Local time, RFC 3339.
    pub at: Option<&'static str>,
    pub reply: bool,
    pub site: Site,
    pub handle: Option<&'static str>,
    /// A location tag is set on the post (X's location button, Facebook's check-in).
    pub location_tag: bool,
    /// The policy the example is checked under, as JSON (`""`: the default policy).
    pub policy: &'static str,
    pub hits: &'static [(&'static str, Severity)],
}

impl ContextExample {
    pub const DEFAULT: ContextExample = ContextExample {
        text: "",
        account: Account::Unknown,
        at: None,
        reply: false,
        site: Site::Other,
        handle: None,
        location_tag: false,
        policy: "",
        hits: &[],
    };

    /// The context to check the example in (a malformed `at` is left out; tests catch it).
    pub fn context(&self) -> Context {
        Context {
            account: self.account,
            at: self.at.and_then(|s| crate::post::LocalTime::parse(s).ok()),
            site: self.site,
            reply: self.reply,
            handle: self.handle.map(String::from),
            location_tag: self.location_tag,
        }
    }
}

impl From<&Example> for ContextExample {
    fn from(e: &Example) -> ContextExample {
        ContextExample { text: e.text, account: e.account, hits: e.hits, ..ContextExample::DEFAULT }
    }
}

/// A rule's metadata.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, `family/name`.
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Clauses enforced, each beginning with the municipality's name: `吉備中央町 6(1)④`.
    pub clauses: &'static [&'static str],
    /// What was found.
    pub message: Msg,
    /// Why the guideline forbids it.
    pub why: Msg,
    /// What to do instead.
    pub fix: Msg,
    /// Left out of the WASM build (as are [`Rule::context_examples`] and
    /// [`Rule::attachment_examples`]): the extension does not show them, and their texts are
    /// about 13 KB of the gzipped module. Tests and `postcheck rules` use the native build.
    #[cfg(not(target_arch = "wasm32"))]
    pub examples: &'static [Example],
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>);
    /// Examples that need a time, a reply or a policy (see [`ContextExample`]).
    fn context_examples(&self) -> &'static [ContextExample] {
        &[]
    }
    /// Examples of a rule on attached images (`image/*`), which has no text examples.
    fn attachment_examples(&self) -> &'static [AttachmentExample] {
        &[]
    }
}

/// An example of a rule on attached images: an image made from [`crate::image::sample::Spec`],
/// checked with [`crate::Checker::check_image`]. Rendered as `attached JPEG: GPS 35.6812,139.7671 → 「…」`.
#[derive(Clone, Copy, Debug)]
pub struct AttachmentExample {
    pub image: crate::image::sample::Spec,
    pub account: Account,
    /// The policy the example is checked under, as JSON (`""`: the default policy).
    pub policy: &'static str,
    /// What the rule must report: the exact Japanese message and the severity. Empty: nothing.
    pub hits: &'static [(&'static str, Severity)],
}

/// All of a rule's examples: [`RuleMeta::examples`], then [`Rule::context_examples`].
/// None in the WASM build (see [`RuleMeta::examples`]).
pub fn all_examples(rule: &dyn Rule) -> Vec<ContextExample> {
    #[cfg(not(target_arch = "wasm32"))]
    let examples = rule.meta().examples;
    #[cfg(target_arch = "wasm32")]
    let examples: &[Example] = &[];
    examples.iter().map(ContextExample::from).chain(rule.context_examples().iter().copied()).collect()
}

/// Every rule, in the order the reference lists them.
pub static RULES: &[&dyn Rule] = &[
    &url::shortener::Shortener,
    &url::service_short_link::ServiceShortLink,
    &location::coordinates::Coordinates,
    &location::map_link::MapLink,
    &location::address::Address,
    &location::here::Here,
    &location::tag::Tag,
    &opinion::subjective::Subjective,
    &opinion::first_person::FirstPerson,
    &opinion::casual_tone::CasualTone,
    &opinion::personal_situation::PersonalSituation,
    &opinion::staff_identity::StaffIdentity,
    &rumor::hearsay::Hearsay,
    &rumor::unverified::Unverified,
    &rumor::spread_request::SpreadRequest,
    &illegal::incitement::Incitement,
    &illegal::not_caught::NotCaught,
    &political::vote_solicitation::VoteSolicitation,
    &political::signature_drive::SignatureDrive,
    &political::donation::Donation,
    &pii::my_number::MyNumber,
    &pii::corporate_number::CorporateNumber,
    &pii::phone::Phone,
    &pii::email::Email,
    &pii::credit_card::CreditCard,
    &pii::bank_account::BankAccount,
    &pii::license_passport::LicensePassport,
    &pii::birthdate::Birthdate,
    &pii::sensitive::Sensitive,
    &security::password::Password,
    &security::api_key::ApiKey,
    &security::private_key::PrivateKey,
    &security::internal_address::InternalAddress,
    &link::blocked_domain::BlockedDomain,
    &link::insecure::Insecure,
    &link::unlisted_domain::UnlistedDomain,
    &timing::working_hours::WorkingHours,
    &timing::posting_window::PostingWindow,
    &account::reply::Reply,
    &account::mention::Mention,
    &account::device::Device,
    &rights::copy::Copy,
    &rights::portrait::Portrait,
    &insult::abuse::Abuse,
    &insult::rude_address::RudeAddress,
    &discrimination::slur::Slur,
    &discrimination::stereotype::Stereotype,
    &obscene::sexual::Sexual,
    &confidential::classification::Classification,
    &confidential::deliberation::Deliberation,
    &custom::term::Term,
    &image::gps::Gps,
    &image::identifying_metadata::IdentifyingMetadata,
    &image::people_consent::PeopleConsent,
];

pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// The harness the rules' unit tests share: a rule run alone, or the whole checker, on a text,
/// with the results as UTF-16 spans of the original text and the characters they cut.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Cx, Hit, Rule};
    use crate::finding::Severity;
    use crate::policy::Policy;
    use crate::post::{Account, Context};
    use crate::text::{slice16, Normalized};
    use crate::{Checker, Post};

    /// `cases` (texts made where two ways of finding something could part), then
    /// [`corpus_texts`].
    pub fn cases_and_corpus(cases: &[&str]) -> Vec<String> {
        let mut texts: Vec<String> = cases.iter().map(|s| s.to_string()).collect();
        texts.extend(corpus_texts());
        texts
    }

    /// The text of every post of the labelled corpora (`tests/corpus/*.jsonl` and
    /// `tests/corpus/clean/*.jsonl`) and every sentence of the bench texts
    /// (`tests/bench/corpus.txt`), for tests that compare two ways of finding something.
    pub fn corpus_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut files: Vec<std::path::PathBuf> = [dir.clone(), dir.join("clean")]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).expect("corpus dir").flatten().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        let mut texts = Vec::new();
        for f in files {
            for line in std::fs::read_to_string(&f).expect("corpus file").lines().filter(|l| !l.trim().is_empty()) {
                let v = crate::json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                texts.push(v["text"].as_str().unwrap_or_else(|| panic!("{}: a post without text", f.display())).to_string());
            }
        }
        let bench = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bench/corpus.txt")).expect("bench corpus");
        texts.extend(
            bench.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with('[')).map(|l| l.replace("{d}", "3")),
        );
        assert!(texts.len() > 500, "{} corpus posts", texts.len());
        texts
    }

    /// A hit of a rule run alone.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Spanned {
        /// UTF-16 span of the original text.
        pub start: u32,
        pub end: u32,
        /// The original characters underlined.
        pub text: String,
        /// The severity the rule gave this hit (`None`: the rule's own).
        pub severity: Option<Severity>,
        /// The hit's own message (Japanese), if any.
        pub message: Option<String>,
    }

    /// Runs `rule` alone (default policy) on `text` posted on `account`.
    pub fn run(rule: &dyn Rule, text: &str, account: Account) -> Vec<Spanned> {
        let norm = Normalized::new(text);
        let context = Context { account, ..Context::default() };
        let policy = Policy::default();
        let cx = Cx { norm: &norm, context: &context, policy: &policy };
        let mut hits: Vec<Hit> = Vec::new();
        rule.check(&cx, &mut hits);
        hits.iter()
            .map(|h| {
                let (start, end) = norm.span16(h.start, h.end);
                let message = h.message.as_ref().map(|m| m.ja.to_string());
                Spanned { start, end, text: slice16(text, start, end), severity: h.severity, message }
            })
            .collect()
    }

    /// [`run`] as `(original characters, UTF-16 start, UTF-16 end, severity)`, with the rule's own
    /// severity where the hit sets none.
    pub fn run_tuples(rule: &dyn Rule, text: &str, account: Account) -> Vec<(String, u32, u32, Severity)> {
        let own = rule.meta().severity;
        run(rule, text, account).into_iter().map(|s| (s.text, s.start, s.end, s.severity.unwrap_or(own))).collect()
    }

    /// Just the characters `rule` alone underlines on an official account.
    pub fn texts(rule: &dyn Rule, text: &str) -> Vec<String> {
        run(rule, text, Account::Official).into_iter().map(|s| s.text).collect()
    }

    /// The findings of the rule `id` when the whole checker (default policy) checks `text`
    /// posted on `account`: the original characters, UTF-16 span and effective severity.
    pub fn findings(id: &str, text: &str, account: Account) -> Vec<(String, u32, u32, Severity)> {
        let checker = Checker::new(Policy::default());
        let post = Post { text, context: Context { account, ..Context::default() } };
        checker
            .check(&post)
            .findings
            .into_iter()
            .filter(|f| f.rule == id)
            .map(|f| (slice16(text, f.start, f.end), f.start, f.end, f.severity))
            .collect()
    }

    /// [`findings`]: `(start, end, severity)`.
    pub fn spans_of(id: &str, text: &str, account: Account) -> Vec<(u32, u32, Severity)> {
        findings(id, text, account).into_iter().map(|(_, a, b, s)| (a, b, s)).collect()
    }

    /// [`findings`]: the original characters.
    pub fn texts_of(id: &str, text: &str, account: Account) -> Vec<String> {
        findings(id, text, account).into_iter().map(|f| f.0).collect()
    }
}

#[cfg(test)]
mod word_set_tests {
    use super::WordSet;

    /// The set holds exactly its words: each of them (repeats too) is found as the set's copy,
    /// and no prefix, extension or near miss of one is.
    #[test]
    fn word_set_finds_its_words_and_nothing_else() {
        let names = ["岡山市", "吉備中央町", "加賀郡", "bit.ly", "t.co", "", "x", "岡山市", "長万部町", "ケ", "ヶ"];
        let set = WordSet::new(names);
        assert_eq!(set.len(), 10);
        for w in names {
            assert_eq!(set.get(w), Some(w), "{w:?}");
            assert!(std::ptr::eq(set.get(&w.to_string()).unwrap().as_ptr(), set.get(w).unwrap().as_ptr()));
        }
        for miss in ["岡山", "岡山市役所", "bit.l", "bit.lyy", "t.c0", "y", "吉備中央村", "ヵ"] {
            assert_eq!(set.get(miss), None, "{miss:?}");
        }
        // Many words: every one found, against a sorted list's binary search.
        let many: Vec<&'static str> = (0..5000).map(|i| &*Box::leak(format!("市{i}町").into_boxed_str())).collect();
        let big = WordSet::new(many.iter().copied().filter(|w| w.len() % 2 == 0));
        let mut sorted: Vec<&str> = many.iter().copied().filter(|w| w.len() % 2 == 0).collect();
        sorted.sort_unstable();
        for w in &many {
            assert_eq!(big.contains(w), sorted.binary_search(w).is_ok(), "{w}");
        }
        assert!(WordSet::new([]).is_empty());
        assert_eq!(WordSet::new([]).get("岡山市"), None);
    }
}
