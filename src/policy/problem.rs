//! What is wrong with a policy entry: a stable code, its parameters, and the text in Japanese
//! and English. Every problem validation can report is built here, so the catalogue of texts is
//! in one place (as a rule's messages are in its file) and the options page shows them in the
//! browser's language while the CLI prints both.
//!
//! A code never changes meaning once published (admins may match on it); the texts may be
//! reworded. Parameters are the variable parts of the text (`allowed`, `max`, `detail`, …).

use std::fmt;

/// One problem found in a policy entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    code: &'static str,
    params: Vec<(&'static str, String)>,
    en: String,
    ja: String,
}

/// The shape a value was expected to have (`wrong_type`, parameter `expected`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    SeverityMap,
    DomainList,
    EmailDomainList,
    PhoneList,
    MessageList,
    Organisation,
    Text,
    Message,
    WorkingHours,
    DayList,
    Time,
    BreakList,
    Break,
    HandleMap,
    HandleList,
    TermList,
    Term,
    TermId,
    TermText,
    PolicyObject,
    PolicyJsonObject,
    PolicyJsonString,
}

/// What happens to the entry besides being reported (appended to the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The custom term is not used at all.
    TermLeftOut,
    /// The custom term is used at its default severity.
    ReportedAtWarn,
}

impl Shape {
    /// The stable id (parameter `expected` of `wrong_type`).
    pub fn id(self) -> &'static str {
        match self {
            Shape::SeverityMap => "severity_map",
            Shape::DomainList => "domain_list",
            Shape::EmailDomainList => "email_domain_list",
            Shape::PhoneList => "phone_list",
            Shape::MessageList => "message_list",
            Shape::Organisation => "organisation",
            Shape::Text => "text",
            Shape::Message => "message",
            Shape::WorkingHours => "working_hours",
            Shape::DayList => "day_list",
            Shape::Time => "time",
            Shape::BreakList => "break_list",
            Shape::Break => "break",
            Shape::HandleMap => "handle_map",
            Shape::HandleList => "handle_list",
            Shape::TermList => "term_list",
            Shape::Term => "term",
            Shape::TermId => "term_id",
            Shape::TermText => "string",
            Shape::PolicyObject => "policy_object",
            Shape::PolicyJsonObject => "policy_json_object",
            Shape::PolicyJsonString => "policy_json_string",
        }
    }

    /// (English, Japanese)
    fn texts(self) -> (String, String) {
        let max = super::MAX_TEXT;
        let (en, ja): (&str, &str) = match self {
            Shape::SeverityMap => (
                "expected an object of id → \"off\"|\"info\"|\"warn\"|\"block\"",
                "ID →「off」「info」「warn」「block」のオブジェクトで指定してください",
            ),
            Shape::DomainList => ("expected an array of domain names, e.g. [\"example.jp\"]", "ドメイン名の配列で指定してください（例: [\"example.jp\"]）"),
            Shape::EmailDomainList => (
                "expected an array of domains, e.g. [\"town.kibichuo.lg.jp\"]",
                "ドメインの配列で指定してください（例: [\"town.kibichuo.lg.jp\"]）",
            ),
            Shape::PhoneList => ("expected an array of phone numbers, e.g. [\"0866-54-1301\"]", "電話番号の配列で指定してください（例: [\"0866-54-1301\"]）"),
            Shape::MessageList => ("expected an array of {\"ja\":\"…\",\"en\":\"…\"}", "{\"ja\":\"…\",\"en\":\"…\"} の配列で指定してください"),
            Shape::Organisation => (
                "expected an object {\"name\":{\"ja\":\"…\",\"en\":\"…\"}, \"contact\":\"…\"}",
                "{\"name\":{\"ja\":\"…\",\"en\":\"…\"}, \"contact\":\"…\"} の形のオブジェクトで指定してください",
            ),
            Shape::Text => {
                return (
                    format!("expected a non-empty string of at most {max} characters"),
                    format!("空でない {max} 文字以内の文字列で指定してください"),
                )
            }
            Shape::Message => {
                return (
                    format!("expected {{\"ja\":\"…\",\"en\":\"…\"}} or a string, each non-empty and at most {max} characters"),
                    format!("{{\"ja\":\"…\",\"en\":\"…\"}} または文字列で指定してください（どれも空でなく {max} 文字以内）"),
                )
            }
            Shape::WorkingHours => (
                "expected an object {\"days\":[\"mon\",…], \"start\":\"08:30\", \"end\":\"17:15\"}",
                "{\"days\":[\"mon\",…], \"start\":\"08:30\", \"end\":\"17:15\"} の形のオブジェクトで指定してください",
            ),
            Shape::DayList => ("expected an array of sun, mon, tue, wed, thu, fri, sat", "sun, mon, tue, wed, thu, fri, sat の配列で指定してください"),
            Shape::Time => ("expected a local time \"HH:MM\" from 00:00 to 23:59", "「HH:MM」形式の時刻（00:00〜23:59）で指定してください"),
            Shape::BreakList => ("expected an array of {\"start\":\"HH:MM\",\"end\":\"HH:MM\"}", "{\"start\":\"HH:MM\",\"end\":\"HH:MM\"} の配列で指定してください"),
            Shape::Break => (
                "expected {\"start\":\"HH:MM\",\"end\":\"HH:MM\"} with start not after end",
                "{\"start\":\"HH:MM\",\"end\":\"HH:MM\"} の形で、開始を終了より後にしないでください",
            ),
            Shape::HandleMap => (
                "expected an object {\"x\":[\"@handle\"], \"facebook\":[\"page\"]}",
                "{\"x\":[\"@handle\"], \"facebook\":[\"page\"]} の形のオブジェクトで指定してください",
            ),
            Shape::HandleList => ("expected an array of handles", "アカウント名の配列で指定してください"),
            Shape::TermList => (
                "expected an array of {\"term\" or \"pattern\", \"category\", \"severity\", \"message\"}",
                "{\"term\" または \"pattern\", \"category\", \"severity\", \"message\"} の配列で指定してください",
            ),
            Shape::Term => (
                "expected an object {\"term\":\"…\" or \"pattern\":\"…\", \"category\":\"…\", …}",
                "{\"term\":\"…\" または \"pattern\":\"…\", \"category\":\"…\", …} の形のオブジェクトで指定してください",
            ),
            Shape::TermId => ("expected an id of 1–64 ASCII letters, digits, -, _ or .", "半角英数字と - _ . による 1〜64 文字の ID で指定してください"),
            Shape::TermText => ("expected a string", "文字列で指定してください"),
            Shape::PolicyObject => ("a policy is a JSON object", "ポリシーは JSON のオブジェクトで書いてください"),
            Shape::PolicyJsonObject => (
                "expected a string holding a JSON object (the whole policy)",
                "JSON のオブジェクト（ポリシー全体）を文字列にして指定してください",
            ),
            Shape::PolicyJsonString => ("expected a string holding the whole policy as JSON", "ポリシー全体を JSON の文字列にして指定してください"),
        };
        (en.to_string(), ja.to_string())
    }
}

impl Problem {
    fn new(code: &'static str, params: Vec<(&'static str, String)>, en: String, ja: String) -> Problem {
        Problem { code, params, en, ja }
    }

    /// The stable code, e.g. `unknown_key`, `not_one_of`, `bad_pattern`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The variable parts of the text, by name.
    pub fn params(&self) -> &[(&'static str, String)] {
        &self.params
    }

    /// The text in English (the CLI's first line, logs).
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The text in Japanese.
    pub fn ja(&self) -> &str {
        &self.ja
    }

    /// The same problem, saying what happens to the entry.
    pub fn then(mut self, effect: Effect) -> Problem {
        let (id, en, ja) = match effect {
            Effect::TermLeftOut => ("term_left_out", "; this term is left out", "。この語句は使いません"),
            Effect::ReportedAtWarn => ("reported_at_warn", "; the term is reported at warn", "。この語句は「注意」として示します"),
        };
        self.params.push(("effect", id.to_string()));
        self.en.push_str(en);
        self.ja.push_str(ja);
        self
    }

    /// `unknown_key`: a key the model does not have (`allowed`: the keys possible there).
    pub fn unknown_key(allowed: Option<&str>) -> Problem {
        match allowed {
            None => Problem::new("unknown_key", vec![], "unknown key".into(), "不明なキーです".into()),
            Some(a) => Problem::new(
                "unknown_key",
                vec![("allowed", a.to_string())],
                format!("unknown key; one of {a}"),
                format!("不明なキーです（{a} のいずれか）"),
            ),
        }
    }

    /// `unknown_preset`
    pub fn unknown_preset(allowed: &str) -> Problem {
        Problem::new(
            "unknown_preset",
            vec![("allowed", allowed.to_string())],
            format!("unknown preset; one of {allowed}"),
            format!("不明なプリセットです（{allowed} のいずれか）"),
        )
    }

    /// `unknown_rule`
    pub fn unknown_rule() -> Problem {
        Problem::new(
            "unknown_rule",
            vec![],
            "unknown rule id (see `postcheck rules`)".into(),
            "不明なルール ID です（一覧は `postcheck rules` または docs/rules.md）".into(),
        )
    }

    /// `unknown_category`
    pub fn unknown_category(allowed: &str) -> Problem {
        Problem::new(
            "unknown_category",
            vec![("allowed", allowed.to_string())],
            format!("unknown category; one of {allowed}"),
            format!("不明なカテゴリです（{allowed} のいずれか）"),
        )
    }

    /// `unknown_site`
    pub fn unknown_site() -> Problem {
        Problem::new(
            "unknown_site",
            vec![("allowed", "x, facebook".into())],
            "unknown site; one of x, facebook".into(),
            "不明なサイトです（x, facebook のいずれか）".into(),
        )
    }

    /// `not_one_of`: a string that is not one of the values the key takes.
    pub fn one_of(values: &[&str]) -> Problem {
        let q: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        let en = match q.split_last() {
            Some((last, init)) if !init.is_empty() && q.len() < 4 => format!("expected {} or {last}", init.join(", ")),
            _ => format!("expected one of {}", q.join(", ")),
        };
        let ja = format!("{}のいずれかを指定してください", values.iter().map(|v| format!("「{v}」")).collect::<String>());
        Problem::new("not_one_of", vec![("allowed", values.join(", "))], en, ja)
    }

    /// `not_boolean`
    pub fn boolean() -> Problem {
        Problem::new("not_boolean", vec![], "expected true or false".into(), "true か false で指定してください".into())
    }

    /// `wrong_type`: the value does not have the shape the key takes.
    pub fn expected(shape: Shape) -> Problem {
        let (en, ja) = shape.texts();
        Problem::new("wrong_type", vec![("expected", shape.id().to_string())], en, ja)
    }

    /// `not_a_domain`: an entry of allowed_domains / blocked_domains.
    pub fn not_a_domain() -> Problem {
        Problem::new(
            "not_a_domain",
            vec![],
            "not a domain name (write example.jp, without https:// or a path)".into(),
            "ドメイン名ではありません（https:// やパスを付けず、example.jp のように書いてください）".into(),
        )
    }

    /// `not_an_email_domain`: an entry of allowed_email_domains.
    pub fn not_an_email_domain() -> Problem {
        Problem::new(
            "not_an_email_domain",
            vec![],
            "not a domain (write e.g. town.kibichuo.lg.jp: letters, digits, hyphens and dots, without @, * or a scheme)".into(),
            "ドメインではありません（例: town.kibichuo.lg.jp。英数字・ハイフン・ドットで書き、@・*・https:// は付けません）".into(),
        )
    }

    /// `not_a_phone_number`
    pub fn not_a_phone_number() -> Problem {
        Problem::new(
            "not_a_phone_number",
            vec![],
            "not a Japanese phone number (write e.g. 0866-54-1301 or +81 866 54 1301: 10 or 11 digits from 0)".into(),
            "日本の電話番号ではありません（0866-54-1301 や +81 866 54 1301 のように、0 から始まる 10 桁か 11 桁で書いてください）".into(),
        )
    }

    /// `not_a_day`
    pub fn not_a_day() -> Problem {
        Problem::new(
            "not_a_day",
            vec![("allowed", "sun, mon, tue, wed, thu, fri, sat".into())],
            "not a day; one of sun, mon, tue, wed, thu, fri, sat".into(),
            "曜日ではありません（sun, mon, tue, wed, thu, fri, sat のいずれか）".into(),
        )
    }

    /// `not_a_handle`
    pub fn not_a_handle() -> Problem {
        Problem::new(
            "not_a_handle",
            vec![],
            "not a handle (letters, digits, _ and ., optionally after @)".into(),
            "アカウント名ではありません（英数字・_・. で書き、先頭の @ は省略できます）".into(),
        )
    }

    /// `not_a_page`: an entry of official_handles.facebook.
    pub fn not_a_page() -> Problem {
        Problem::new(
            "not_a_page",
            vec![],
            "not a Page (its name as shown, its vanity name, its page id, or its facebook.com address)".into(),
            "Facebook ページではありません（表示名、ユーザーネーム、ページ ID、facebook.com のアドレスのいずれかで書いてください）".into(),
        )
    }

    /// `not_json`: the document, or policy_json, does not parse.
    pub fn not_json(detail: &str) -> Problem {
        Problem::new(
            "not_json",
            vec![("detail", detail.to_string())],
            format!("not valid JSON: {detail}"),
            format!("JSON として読めません: {detail}"),
        )
    }

    /// `nested_policy_json`
    pub fn nested_policy_json() -> Problem {
        Problem::new(
            "nested_policy_json",
            vec![],
            "policy_json cannot hold another policy_json".into(),
            "policy_json の中に policy_json は書けません".into(),
        )
    }

    /// `too_many_terms`
    pub fn too_many_terms(max: usize) -> Problem {
        Problem::new(
            "too_many_terms",
            vec![("max", max.to_string())],
            format!("too many terms (at most {max}); this and the rest are left out"),
            format!("語句が多すぎます（{max} 件まで）。この語句から後は使いません"),
        )
    }

    /// `too_many_questions`
    pub fn too_many_questions(max: usize) -> Problem {
        Problem::new(
            "too_many_questions",
            vec![("max", max.to_string())],
            format!("too many questions (at most {max}); the rest are ignored"),
            format!("確認項目が多すぎます（{max} 件まで）。ここから後は使いません"),
        )
    }

    /// `duplicate_id`
    pub fn duplicate_term_id() -> Problem {
        Problem::new(
            "duplicate_id",
            vec![],
            "another term has this id; this term is left out".into(),
            "この ID は別の語句で使われています。この語句は使いません".into(),
        )
    }

    /// `term_and_pattern`
    pub fn term_and_pattern() -> Problem {
        Problem::new(
            "term_and_pattern",
            vec![],
            "give either \"term\" or \"pattern\", not both; this term is left out".into(),
            "\"term\" と \"pattern\" はどちらか一方だけを書いてください。この語句は使いません".into(),
        )
    }

    /// `missing_term`
    pub fn missing_term() -> Problem {
        Problem::new(
            "missing_term",
            vec![],
            "needs \"term\" or \"pattern\"; this term is left out".into(),
            "\"term\" か \"pattern\" が必要です。この語句は使いません".into(),
        )
    }

    /// `missing_category`
    pub fn missing_category() -> Problem {
        Problem::new(
            "missing_category",
            vec![],
            "needs a \"category\" (e.g. \"confidential\"); this term is left out".into(),
            "\"category\"（例: \"confidential\"）が必要です。この語句は使いません".into(),
        )
    }

    /// `too_long`: a term or pattern over its length limit.
    pub fn too_long(max: usize) -> Problem {
        Problem::new("too_long", vec![("max", max.to_string())], format!("longer than {max} characters"), format!("{max} 文字を超えています"))
    }

    /// `empty_term`
    pub fn empty_term() -> Problem {
        Problem::new("empty_term", vec![], "empty term".into(), "語句が空です".into())
    }

    /// `empty_pattern`
    pub fn empty_pattern() -> Problem {
        Problem::new("empty_pattern", vec![], "empty pattern".into(), "パターンが空です".into())
    }

    /// `pattern_too_large`: the compiled pattern exceeds the size limit.
    pub fn pattern_too_large(limit: usize) -> Problem {
        Problem::new(
            "pattern_too_large",
            vec![("limit", limit.to_string())],
            format!("pattern too large once compiled (over {limit} bytes); use fewer alternatives or smaller repetitions"),
            format!("パターンが大きすぎます（コンパイル後 {limit} バイト超）。選択肢や繰り返しの回数を減らしてください"),
        )
    }

    /// `bad_pattern`: not a regular expression (`detail`: the parser's words, in English).
    pub fn bad_pattern(detail: &str) -> Problem {
        Problem::new(
            "bad_pattern",
            vec![("detail", detail.to_string())],
            format!("not a valid regular expression: {detail}"),
            format!("正規表現として正しくありません: {detail}"),
        )
    }

    /// `pattern_matches_empty`
    pub fn pattern_matches_empty() -> Problem {
        Problem::new(
            "pattern_matches_empty",
            vec![],
            "the pattern matches empty text; it would underline nothing".into(),
            "このパターンは空の文字列に一致するため、何も示せません".into(),
        )
    }

    /// `end_before_start`: a working-hours or posting window that ends before it starts.
    pub fn end_before_start() -> Problem {
        Problem::new(
            "end_before_start",
            vec![],
            "end is before start (a window cannot cross midnight); the previous window stays".into(),
            "終了が開始より前です（日付をまたぐ時間帯は指定できません）。以前の設定のままです".into(),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_reads_as_before_in_english_and_lists_the_values_in_japanese() {
        let p = Problem::one_of(&["open", "closed"]);
        assert_eq!(p.en(), "expected \"open\" or \"closed\"");
        assert_eq!(p.ja(), "「open」「closed」のいずれかを指定してください");
        assert_eq!(Problem::one_of(&["info", "warn", "block"]).en(), "expected \"info\", \"warn\" or \"block\"");
        assert_eq!(Problem::one_of(&["off", "badge", "confirm", "block"]).en(), "expected one of \"off\", \"badge\", \"confirm\", \"block\"");
        assert_eq!(p.code(), "not_one_of");
        assert_eq!(p.params(), [("allowed", "open, closed".to_string())]);
    }

    #[test]
    fn an_effect_is_said_in_both_languages_and_kept_as_a_parameter() {
        let p = Problem::bad_pattern("unclosed group").then(Effect::TermLeftOut);
        assert_eq!(p.en(), "not a valid regular expression: unclosed group; this term is left out");
        assert_eq!(p.ja(), "正規表現として正しくありません: unclosed group。この語句は使いません");
        assert_eq!(p.params(), [("detail", "unclosed group".to_string()), ("effect", "term_left_out".to_string())]);
    }

    #[test]
    fn every_shape_has_a_japanese_text_without_english_words_left_over() {
        use Shape::*;
        let all = [
            SeverityMap, DomainList, EmailDomainList, PhoneList, MessageList, Organisation, Text, Message, WorkingHours, DayList, Time, BreakList,
            Break, HandleMap, HandleList, TermList, Term, TermId, TermText, PolicyObject, PolicyJsonObject, PolicyJsonString,
        ];
        let mut ids = std::collections::BTreeSet::new();
        for s in all {
            let p = Problem::expected(s);
            assert!(ids.insert(s.id()), "duplicate id {}", s.id());
            assert!(!p.ja().contains("expected") && !p.ja().contains("array") && p.ja().chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "{}", p.ja());
            assert!(!p.en().is_empty());
        }
    }
}
