//! `security/private-key`: a private key in PEM form (-----BEGIN … PRIVATE KEY-----, also
//! OpenSSH, encrypted and PGP keys) or a PuTTY key file. `block`. The span runs from the BEGIN
//! line to the END line, or to the end of the key's body when the END line is missing.

use crate::finding::{Category, Msg, Severity};
use crate::post::Account;
use crate::rules::{Cx, Example, Hit, Rule, RuleMeta};
use crate::rules::pattern::Pattern;
use std::sync::OnceLock;

pub struct PrivateKey;

static META: RuleMeta = RuleMeta {
    id: "security/private-key",
    category: Category::Security,
    severity: Severity::Block,
    clauses: &["吉備中央町 5(15)", "室蘭市 5. 禁止事項", "十和田市 4(12)"],
    message: Msg {
        ja: "秘密鍵が貼り付けられています。",
        en: "A private key is pasted in.",
    },
    why: Msg {
        ja: "秘密鍵が漏れると、サーバーへの侵入や通信の盗聴・なりすましが可能になり、組織の情報セキュリティを脅かします。",
        en: "A leaked private key allows break-ins, eavesdropping and impersonation, threatening the organisation's information security.",
    },
    fix: Msg {
        ja: "投稿から削除し、情報システム担当に連絡して鍵を無効化・再発行してください。",
        en: "Delete it from the post and ask the IT section to revoke and reissue the key.",
    },
    #[cfg(not(target_arch = "wasm32"))]
    examples: &[
        Example {
            text: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7s3k\n-----END RSA PRIVATE KEY-----",
            account: Account::Unknown,
            hits: &[("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7s3k\n-----END RSA PRIVATE KEY-----", Severity::Block)],
        },
        Example {
            text: "鍵です -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA",
            account: Account::Personal,
            hits: &[("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA", Severity::Block)],
        },
        Example {
            text: "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none",
            account: Account::Personal,
            hits: &[("PuTTY-User-Key-File-3: ssh-ed25519", Severity::Block)],
        },
        Example { text: "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----", account: Account::Personal, hits: &[] },
        Example { text: "電子証明書の秘密鍵は厳重に管理してください", account: Account::Official, hits: &[] },
        Example { text: "マイナンバーカードの秘密鍵はカードの中にあり、取り出せません", account: Account::Official, hits: &[] },
    ],
};

impl Rule for PrivateKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Hit>) {
        static RE: OnceLock<(Pattern, Pattern, Pattern)> = OnceLock::new();
        let (begin, end_re, putty) = RE.get_or_init(|| {
            let r = |p: &str| Pattern::new(p).unwrap_or_else(|e| panic!("private key regex {p}: {e}"));
            (
                r(r"-{5}begin [a-z0-9 ]*private key(?: block)?-{5}"),
                r(r"-{5}end [a-z0-9 ]*private key(?: block)?-{5}"),
                r(r"putty-user-key-file-\d+:[^\n]*"),
            )
        });
        let text = cx.norm.text.as_str();
        let mut from = 0;
        while let Some(m) = begin.find_at(text, from) {
            let end = match end_re.find_at(text, m.end()) {
                Some(e) => e.end(),
                None => {
                    // The body: base64 lines after the header, up to the first other character.
                    let body = &text[m.end()..];
                    let n = body
                        .char_indices()
                        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | ' ' | '\n' | ':' | '-' | ',')))
                        .map_or(body.len(), |(i, _)| i);
                    m.end() + body[..n].trim_end().len()
                }
            };
            out.push(Hit::new(m.start(), end));
            from = end;
        }
        for m in putty.find_iter(text) {
            out.push(Hit::new(m.start(), m.end()));
        }
    }
}
