//! `security/api-key`: API keys and access tokens of common services, recognised by their
//! published prefixes and lengths: AWS access key ids (AKIA…/ASIA…), GitHub tokens (ghp_…,
//! github_pat_…), Slack tokens (xoxb-…) and webhooks, Google API keys (AIza…), Stripe live keys
//! (sk_live_…), OpenAI keys (sk-…), JSON Web Tokens (eyJ….eyJ….…), and any long value after
//! `api_key=`, `access_token:`, `client_secret=` and the like. `block`.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct ApiKey;

static META: RuleMeta = RuleMeta {
    id: "security/api-key",
    category: Category::Security,
    severity: Severity::Block,
    clauses: &["吉備中央町 5(15)", "室蘭市 5. 禁止事項", "十和田市 4(12)"],
    message: Msg {
        ja: "APIキーやアクセストークンと思われる文字列があります。",
        en: "This looks like an API key or access token.",
    },
    why: Msg {
        ja: "APIキーやトークンが漏れると、第三者がサービスやアカウントを操作できるようになり、組織の情報セキュリティを脅かします。",
        en: "A leaked key or token lets anyone operate the service or account, threatening the organisation's information security.",
    },
    fix: Msg {
        ja: "投稿から削除し、キーを発行したサービスで無効化（再発行）してください。",
        en: "Delete it from the post and revoke (rotate) the key in the service that issued it.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example { text: "設定：AKIAIOSFODNN7EXAMPLE", account: Account::Unknown, hits: &[("AKIAIOSFODNN7EXAMPLE", Severity::Block)] },
        Example { text: "token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", account: Account::Personal, hits: &[("ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", Severity::Block)] },
        Example { text: "api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0", account: Account::Personal, hits: &[("9f8e7d6c5b4a39281706f5e4d3c2b1a0", Severity::Block)] },
        Example { text: "Slack: xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", account: Account::Unknown, hits: &[("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", Severity::Block)] },
        Example { text: "オープンデータのAPIキーは利用登録後にメールでお送りします", account: Account::Official, hits: &[] },
        Example { text: "askia2026 と desk-organizer-2026-model は普通の単語です", account: Account::Personal, hits: &[] },
        Example { text: "api_key=YOUR_API_KEY_HERE のように設定します", account: Account::Official, hits: &[] },
    ],
};

/// Every key or token in `text` (normalised, so lower-case): byte range.
pub fn keys(text: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Vec<Pattern>> = OnceLock::new();
    let res = RE.get_or_init(|| {
        [
            r"(?:akia|asia)[0-9a-z]{16}",
            r"(?:ghp|gho|ghu|ghs|ghr)_[0-9a-z]{36}",
            r"github_pat_[0-9a-z_]{22,}",
            r"xox[baprse]-[0-9a-z\-]{10,}",
            r"hooks\.slack\.com/services/[0-9a-z]+/[0-9a-z]+/[0-9a-z]+",
            r"aiza[0-9a-z_\-]{35}",
            r"(?:sk|rk)_live_[0-9a-z]{16,}",
            r"sk-(?:proj-|svcacct-)?[0-9a-z_\-]{20,}",
            r"eyj[0-9a-z_\-]{8,}\.eyj[0-9a-z_\-]{8,}\.[0-9a-z_\-]{8,}",
            r"(?:api[_\-]?key|apikey|api[_\-]?secret|access[_\-]?token|auth[_\-]?token|secret[_\-]?key|client[_\-]?secret|private[_\-]?token|aws_secret_access_key|bearer)\x22?\s*[:=]?\s*[\x22']?(?P<v>[0-9a-z_\-./+=]{16,})",
        ]
        .iter()
        .map(|p| Pattern::new(p).unwrap_or_else(|e| panic!("api key regex {p}: {e}")))
        .collect()
    });
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (k, re) in res.iter().enumerate() {
        // The generic `key=value` (last) and OpenAI's short `sk-` prefix need a value that looks
        // random; the others are recognised by their prefixes.
        let needs_mix = k + 1 == res.len() || k + 3 == res.len();
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (a, b) = c.name("v").map_or((m.start(), m.end()), |v| (v.start(), v.end()));
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(|p| p.is_ascii_alphanumeric() || p == '_') {
                continue;
            }
            let v = &text[a..b];
            let after = text[b..].chars().next();
            if after.is_some_and(|p| p.is_ascii_alphanumeric()) {
                continue;
            }
            // A real key mixes letters and digits; placeholders (your_api_key_here) do not.
            let digits = v.bytes().filter(|x| x.is_ascii_digit()).count();
            let letters = v.bytes().filter(|x| x.is_ascii_alphabetic()).count();
            if (needs_mix && (digits < 2 || letters < 2)) || v.contains("xxxx") || v.contains("your") {
                continue;
            }
            if !out.iter().any(|&(x, y)| x < b && a < y) {
                out.push((a, b));
            }
        }
    }
    out
}

impl Rule for ApiKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        for (a, b) in keys(&cx.norm.text) {
            out.push(Hit::new(a, b));
        }
    }
}
