//! Masking of what findings cover, for anything printed or logged: personal information and
//! secrets are shown with only enough left to recognise them (`090-****-5678`,
//! `t***@example.com`, `AKIA************MPLE`, `****-****-****-1111`). Findings of other
//! categories are returned unchanged: their text is what the writer needs to see.

use crate::finding::Category;

/// `text` (the original characters a finding covers) as it may be printed for `category`.
pub fn mask(category: Category, text: &str) -> String {
    match category {
        Category::PersonalInfo | Category::Security => mask_secret(text),
        _ => text.to_string(),
    }
}

fn mask_secret(text: &str) -> String {
    let folded: String = text.chars().map(fold_width).collect();
    let lower = folded.to_ascii_lowercase();
    if lower.contains("private key") || lower.contains("putty-user-key-file") {
        return mask_key_block(&folded);
    }
    if let Some(m) = mask_email(&folded) {
        return m;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || folded.starts_with("\\\\") || folded.starts_with("¥¥") {
        return mask_address(&folded);
    }
    if let Some(m) = mask_ipv4(&folded) {
        return m;
    }
    if is_date(&folded) {
        return folded.chars().map(|c| if c.is_ascii_digit() { '*' } else { c }).collect();
    }
    let alnum = folded.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    let digits = folded.chars().filter(|c| c.is_ascii_digit()).count();
    if digits >= 4 && digits * 3 >= alnum * 2 {
        return mask_number(&folded);
    }
    if folded.chars().any(|c| c.is_ascii_alphanumeric()) {
        // Tokens and passwords, each word of a pair (user / pass) on its own.
        return folded.split_inclusive(|c: char| c.is_whitespace() || c == '/').map(mask_token).collect();
    }
    // A word such as 入院 or 生活保護 names the kind of information, not the person.
    folded
}

/// Full-width ASCII and ￥ to their ASCII forms, so that masks look the same whatever was typed.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '￥' => '¥',
        _ => c,
    }
}

fn stars(n: usize) -> String {
    "*".repeat(n)
}

/// A password or token: the first and last four characters of a long one (the prefix names the
/// service: AKIA, ghp_, xoxb), only the first character of a short one, nothing of four or less.
fn mask_token(word: &str) -> String {
    let (core, tail) = match word.char_indices().next_back() {
        Some((i, c)) if c.is_whitespace() || c == '/' => (&word[..i], &word[i..]),
        _ => (word, ""),
    };
    let chars: Vec<char> = core.chars().collect();
    let n = chars.len();
    let masked = if n >= 16 {
        let head: String = chars[..4].iter().collect();
        let last: String = chars[n - 4..].iter().collect();
        format!("{head}{}{last}", stars(n - 8))
    } else if n > 4 {
        format!("{}{}", chars[0], stars(n - 1))
    } else {
        stars(n)
    };
    format!("{masked}{tail}")
}

/// `t***@example.com`: the first character of the local part and the domain.
fn mask_email(text: &str) -> Option<String> {
    let (local, domain) = text.split_once('@')?;
    let first = local.chars().next()?;
    (local.is_ascii() && domain.contains('.') && !domain.contains(char::is_whitespace)).then(|| format!("{first}***@{domain}"))
}

/// Digits of a phone, card, personal or account number: the last four digits are kept (the last
/// two of a short number), and for a phone number the area or mobile prefix too.
fn mask_number(text: &str) -> String {
    let total = text.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    let keep_last = if total >= 10 {
        4
    } else if total >= 7 {
        2
    } else {
        0
    };
    let phone_like = text.starts_with('0') || text.starts_with('+') || text.starts_with('(');
    // The prefix kept for a phone: up to the first separator, at most 5 digits, else 3 digits.
    let mut keep_first = 0;
    if phone_like {
        let lead: String = text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).collect();
        keep_first = if text.starts_with("+81") {
            2 + text.chars().skip(3).skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).count()
        } else if lead.len() <= 5 && lead.len() < total {
            lead.len()
        } else {
            3
        };
        if total < keep_first + keep_last + 2 {
            keep_first = 0;
        }
    }
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                seen += 1;
                if seen <= keep_first || seen > total - keep_last {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// `192.168.*.*:8080`: the network part of a private address is kept.
fn mask_ipv4(text: &str) -> Option<String> {
    let (addr, port) = match text.split_once(':') {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    };
    let parts: Vec<&str> = addr.split('.').collect();
    if parts.len() != 4 || !parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut s = format!("{}.{}.*.*", parts[0], parts[1]);
    if let Some(p) = port {
        s.push(':');
        s.push_str(p);
    }
    Some(s)
}

/// A URL or a UNC path: the scheme and the punctuation are kept, and the first character of each
/// name (`http://i*******.t***.l****/s******`, `\\f***\s****`).
fn mask_address(text: &str) -> String {
    let (scheme, rest) = match text.find("://") {
        Some(i) => text.split_at(i + 3),
        None => ("", text),
    };
    let mut out = String::from(scheme);
    let mut at_start = true;
    for c in rest.chars() {
        if c.is_alphanumeric() {
            out.push(if at_start { c } else { '*' });
            at_start = false;
        } else {
            out.push(c);
            at_start = true;
        }
    }
    out
}

/// The BEGIN/END lines of a key are kept, its body is replaced by `****`.
fn mask_key_block(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let t = line.trim();
        if t.starts_with("-----") && t.len() > 10 && t[5..].contains("-----") {
            // A header with the body on the same line: keep the header only.
            let end = t[5..].find("-----").map_or(t.len(), |i| i + 10);
            let rest = t[end..].trim();
            out.push(if rest.is_empty() { t.to_string() } else { format!("{} ****", &t[..end]) });
        } else if let Some((label, _)) = t.split_once(':').filter(|_| t.to_ascii_lowercase().starts_with("putty-user-key-file")) {
            out.push(format!("{label}: ****"));
        } else if !t.is_empty() {
            out.push("****".to_string());
        }
    }
    out.dedup();
    out.join("\n")
}

fn is_date(text: &str) -> bool {
    if text.contains('年') && text.contains('月') {
        return true;
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    parts.len() == 3
        && parts[0].len() == 4
        && (parts[0].starts_with("19") || parts[0].starts_with("20"))
        && parts[1..].iter().all(|p| (1..=2).contains(&p.len()))
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Category::{PersonalInfo as P, Security as S};

    #[test]
    fn personal_numbers_keep_what_identifies_the_kind() {
        assert_eq!(mask(P, "090-1234-5678"), "090-****-5678");
        assert_eq!(mask(P, "09012345678"), "090****5678");
        assert_eq!(mask(P, "+81 90-1234-5678"), "+81 90-****-5678");
        assert_eq!(mask(P, "０９０（１２３４）５６７８"), "090(****)5678");
        assert_eq!(mask(P, "0866-54-1301"), "0866-**-1301");
        assert_eq!(mask(P, "4111-1111-1111-1111"), "****-****-****-1111");
        assert_eq!(mask(P, "4111 1111 1111 1111"), "**** **** **** 1111");
        assert_eq!(mask(P, "1234 5678 9018"), "**** **** 9018");
        assert_eq!(mask(P, "1234567"), "*****67");
        assert_eq!(mask(P, "TK1234567"), "*******67");
    }

    #[test]
    fn emails_dates_and_words() {
        assert_eq!(mask(P, "taro@example.com"), "t***@example.com");
        assert_eq!(mask(P, "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"), "h***@example.co.jp");
        assert_eq!(mask(P, "1985年4月1日"), "****年*月*日");
        assert_eq!(mask(P, "昭和60年4月1日"), "昭和**年*月*日");
        assert_eq!(mask(P, "1990/12/24"), "****/**/**");
        assert_eq!(mask(P, "生活保護"), "生活保護");
    }

    #[test]
    fn secrets_keep_their_prefix_at_most() {
        assert_eq!(mask(S, "AKIAIOSFODNN7EXAMPLE"), "AKIA************MPLE");
        assert_eq!(mask(S, "Kibi2026!koho"), "K************");
        assert_eq!(mask(S, "4321"), "****");
        assert_eq!(mask(S, "koho01 / Kibi2026"), "k***** / K*******");
        assert_eq!(mask(S, "192.168.10.5:8080"), "192.168.*.*:8080");
        assert_eq!(mask(S, "\\\\fs01\\soumu\\2026"), "\\\\f***\\s****\\2***");
        assert_eq!(mask(S, "http://intranet.town.local/shinsei"), "http://i*******.t***.l****/s******");
        assert_eq!(
            mask(S, "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7s3k\nAbCd\n-----END RSA PRIVATE KEY-----"),
            "-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----"
        );
        assert_eq!(mask(S, "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA"), "-----BEGIN OPENSSH PRIVATE KEY----- ****");
        assert_eq!(mask(S, "PuTTY-User-Key-File-3: ssh-ed25519"), "PuTTY-User-Key-File-3: ****");
    }

    #[test]
    fn other_categories_are_not_masked() {
        assert_eq!(mask(Category::ShortenedUrl, "bit.ly/3xYzAb"), "bit.ly/3xYzAb");
        assert_eq!(mask(Category::Location, "豊野1-2-3"), "豊野1-2-3");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "@", "a@", "@b.c", "-----", "-----BEGIN", "::::", "0", "+81", "(", "年月", "🎉🎉", "\\\\", "http://"] {
            for c in [P, S] {
                let _ = mask(c, t);
            }
        }
    }
}
