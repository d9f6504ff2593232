//! The checker's own JSON: a value, a parser and a printer (instead of serde and serde_json,
//! whose code was about 15 KB of the gzipped WASM; docs/performance.md).
//!
//! It answers exactly as serde_json 1.0 did for what the checker and the CLI read and write:
//! - objects keep their keys sorted (serde_json's `Map` is a `BTreeMap`; a repeated key replaces
//!   the earlier value) except those built by [`Map::ordered`], which keep the order given (what
//!   serde's derived `Serialize` wrote for a struct);
//! - the parser accepts and refuses the same texts, with serde_json's messages and positions
//!   (`expected `,` or `}` at line 1 column 12`; columns count bytes), numbers as `u64`, `i64`
//!   or `f64` the same way, and at most 127 nested arrays and objects (`recursion limit
//!   exceeded`);
//! - the printer escapes strings as serde_json does (`"`, `\`, control characters; `\u001f`
//!   lower-case) and prints floats in the shortest form that reads back (`1.5`, `1e300`, `-0.0`).
//!
//! `tests/json_oracle.rs` compares the two on random and hand-written JSON, valid and not.

use std::fmt;
use std::ops::{Index, IndexMut};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number: an unsigned or a negative integer, or a float (finite) with its text. The
/// text is what serde_json printed (`2.5`, `100.0`, `1e+300`, `-0.0`) for any float written
/// with at most 15 significant digits in the range of normal doubles (then the digits are the
/// shortest that read back, as serde_json printed); other floats print as written (with `.0`
/// added to an integer too long for 64 bits). Float formatting code would cost the WASM more
/// than this whole module saves.
#[derive(Clone, Debug)]
pub enum Number {
    U64(u64),
    I64(i64),
    F64(f64, Box<str>),
}

impl Number {
    pub fn is_f64(&self) -> bool {
        matches!(self, Number::F64(..))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::U64(a), Number::U64(b)) => a == b,
            (Number::I64(a), Number::I64(b)) => a == b,
            (Number::F64(a, _), Number::F64(b, _)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::U64(n) => write!(f, "{n}"),
            Number::I64(n) => write!(f, "{n}"),
            // `-0` and integers too long for 64 bits are floats: `-0.0` as serde_json wrote.
            Number::F64(_, text) if !text.contains(['.', 'e', 'E']) => write!(f, "{text}.0"),
            Number::F64(_, text) => f.write_str(text),
        }
    }
}

/// A JSON object: pairs in key order (or, for [`Map::ordered`], in the order given).
#[derive(Clone, Debug, Default)]
pub struct Map {
    pairs: Vec<(String, Value)>,
}

impl Map {
    pub fn new() -> Map {
        Map::default()
    }

    /// The fields of a struct in the order given (not sorted; keys must differ).
    pub fn ordered(pairs: Vec<(String, Value)>) -> Map {
        Map { pairs }
    }

    /// Sets `key` (in key order; a value already there is replaced).
    pub fn insert(&mut self, key: String, value: Value) {
        match self.pairs.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.pairs[i].1 = value,
            Err(i) => self.pairs.insert(i, (key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.pairs.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.pairs.iter().position(|(k, _)| k == key)?;
        Some(self.pairs.remove(i).1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.pairs.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.pairs.iter().map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.pairs.iter().map(|(k, _)| k)
    }

    /// The same object with its keys sorted, all the way down (what `serde_json::to_value`
    /// made of a struct).
    fn sort(&mut self) {
        self.pairs.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, v) in &mut self.pairs {
            v.sort_keys();
        }
    }
}

/// Objects are equal when they hold the same keys with equal values, in any order.
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.pairs.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.pairs.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Value::Number(Number::U64(n)) => Some(n),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::Number(Number::U64(n)) => i64::try_from(n).ok(),
            Value::Number(Number::I64(n)) => Some(n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Number(Number::U64(n)) => Some(n as f64),
            Value::Number(Number::I64(n)) => Some(n as f64),
            Value::Number(Number::F64(x, _)) => Some(x),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// The value at a JSON Pointer (RFC 6901: `/3rdparty/extensions/id`).
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |v, token| {
            let token = token.replace("~1", "/").replace("~0", "~");
            match v {
                Value::Object(m) => m.get(&token),
                Value::Array(a) => token.parse::<usize>().ok().filter(|_| token == "0" || !token.starts_with(['0', '+'])).and_then(|i| a.get(i)),
                _ => None,
            }
        })
    }

    /// Every object's keys sorted, all the way down.
    pub fn sort_keys(&mut self) {
        match self {
            Value::Object(m) => m.sort(),
            Value::Array(a) => a.iter_mut().for_each(Value::sort_keys),
            _ => {}
        }
    }

    /// Indented by two spaces, as `serde_json::to_string_pretty`.
    pub fn to_string_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(0)).unwrap_or_default();
        out
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

static NULL: Value = Value::Null;

impl Index<&str> for Value {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl Index<usize> for Value {
    type Output = Value;
    fn index(&self, i: usize) -> &Value {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

/// `v["key"] = …` on an object sets the key (null becomes an empty object first, as in
/// serde_json); on any other value it panics, so the checker only does it on objects.
impl IndexMut<&str> for Value {
    fn index_mut(&mut self, key: &str) -> &mut Value {
        if self.is_null() {
            *self = Value::Object(Map::new());
        }
        let Value::Object(m) = self else { panic!("cannot index a non-object JSON value with {key:?}") };
        if !m.contains_key(key) {
            m.insert(key.to_string(), Value::Null);
        }
        m.get_mut(key).unwrap_or_else(|| unreachable!())
    }
}

/// Compact, as `serde_json::to_string` (`{:#}` is the pretty form).
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let indent = f.alternate().then_some(0);
        write_value(f, self, indent)
    }
}

fn write_value(out: &mut dyn fmt::Write, v: &Value, indent: Option<usize>) -> fmt::Result {
    let newline = |out: &mut dyn fmt::Write, depth: usize| -> fmt::Result {
        out.write_char('\n')?;
        for _ in 0..depth {
            out.write_str("  ")?;
        }
        Ok(())
    };
    match v {
        Value::Null => out.write_str("null"),
        Value::Bool(b) => out.write_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write!(out, "{n}"),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_char(',')?;
                }
                if let Some(d) = indent {
                    newline(out, d + 1)?;
                }
                write_value(out, item, indent.map(|d| d + 1))?;
            }
            if let (Some(d), false) = (indent, items.is_empty()) {
                newline(out, d)?;
            }
            out.write_char(']')
        }
        Value::Object(m) => {
            out.write_char('{')?;
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.write_char(',')?;
                }
                if let Some(d) = indent {
                    newline(out, d + 1)?;
                }
                write_str(out, k)?;
                out.write_str(if indent.is_some() { ": " } else { ":" })?;
                write_value(out, item, indent.map(|d| d + 1))?;
            }
            if let (Some(d), false) = (indent, m.is_empty()) {
                newline(out, d)?;
            }
            out.write_char('}')
        }
    }
}

/// A JSON string as serde_json writes it.
pub(crate) fn write_str(out: &mut dyn fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let bytes = s.as_bytes();
    let mut start = 0;
    // An index loop: the checker's answer is mostly this function, and at opt-level "z" an
    // iterator's `next` is a call per byte.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.write_str(&s[start..i - 1])?;
        if short.is_empty() {
            write!(out, "\\u{b:04x}")?;
        } else {
            out.write_str(short)?;
        }
        start = i;
    }
    out.write_str(&s[start..])?;
    out.write_char('"')
}

/// What does not parse, in serde_json's words: `<message> at line L column C`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const INVALID_NUMBER: &str = "invalid number";
const INVALID_ESCAPE: &str = "invalid escape";
const OUT_OF_RANGE: &str = "number out of range";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";

/// Nested arrays and objects allowed (serde_json's recursion limit).
const MAX_DEPTH: usize = 127;

/// Parses one JSON value (surrounded by whitespace at most).
pub fn from_str(text: &str) -> Result<Value, Error> {
    let mut p = Parser { s: text.as_bytes(), i: 0, depth: 0 };
    let v = p.value()?;
    match p.skip_ws() {
        Some(_) => Err(p.peek_err("trailing characters")),
        None => Ok(v),
    }
}

struct Parser<'a> {
    s: &'a [u8],
    /// Bytes read so far.
    i: usize,
    depth: usize,
}

type Parsed<T> = Result<T, Error>;

impl Parser<'_> {
    /// An error at byte `at` (1-based column: the byte before `at` is the last one read).
    fn err_at(&self, at: usize, message: &'static str) -> Error {
        let start = self.s[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let line = 1 + self.s[..start].iter().filter(|&&b| b == b'\n').count();
        Error { message, line, column: at - start }
    }

    /// An error at the last byte read.
    fn err(&self, message: &'static str) -> Error {
        self.err_at(self.i, message)
    }

    /// An error at the next byte.
    fn peek_err(&self, message: &'static str) -> Error {
        self.err_at(self.s.len().min(self.i + 1), message)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn skip_ws(&mut self) -> Option<u8> {
        while let Some(b) = self.peek() {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.i += 1;
        }
        None
    }

    fn value(&mut self) -> Parsed<Value> {
        let Some(b) = self.skip_ws() else { return Err(self.peek_err(EOF_VALUE)) };
        match b {
            b'n' => self.ident(b"null", Value::Null),
            b't' => self.ident(b"true", Value::Bool(true)),
            b'f' => self.ident(b"false", Value::Bool(false)),
            b'-' => {
                self.i += 1;
                self.number(false)
            }
            b'0'..=b'9' => self.number(true),
            b'"' => {
                self.i += 1;
                self.string().map(Value::String)
            }
            b'[' | b'{' => {
                if self.depth == MAX_DEPTH {
                    return Err(self.peek_err("recursion limit exceeded"));
                }
                self.depth += 1;
                self.i += 1;
                let v = if b == b'[' { self.array() } else { self.object() };
                self.depth -= 1;
                v
            }
            _ => Err(self.peek_err("expected value")),
        }
    }

    fn ident(&mut self, word: &[u8], v: Value) -> Parsed<Value> {
        self.i += 1;
        for &want in &word[1..] {
            match self.next() {
                None => return Err(self.err(EOF_VALUE)),
                Some(b) if b != want => return Err(self.err("expected ident")),
                Some(_) => {}
            }
        }
        Ok(v)
    }

    fn array(&mut self) -> Parsed<Value> {
        let mut items = Vec::new();
        loop {
            match self.skip_ws() {
                None => return Err(self.peek_err(EOF_LIST)),
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.i += 1;
                    match self.skip_ws() {
                        Some(b']') => return Err(self.peek_err("trailing comma")),
                        Some(_) => {}
                        None => return Err(self.peek_err(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_err("expected `,` or `]`")),
            }
            items.push(self.value()?);
        }
    }

    fn object(&mut self) -> Parsed<Value> {
        let mut m = Map::new();
        let mut first = true;
        loop {
            match self.skip_ws() {
                None => return Err(self.peek_err(EOF_OBJECT)),
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(m));
                }
                Some(b'"') if first => {}
                Some(_) if first => return Err(self.peek_err("key must be a string")),
                Some(b',') => {
                    self.i += 1;
                    match self.skip_ws() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_err("trailing comma")),
                        Some(_) => return Err(self.peek_err("key must be a string")),
                        None => return Err(self.peek_err(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_err("expected `,` or `}`")),
            }
            first = false;
            self.i += 1;
            let key = self.string()?;
            match self.skip_ws() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_err("expected `:`")),
                None => return Err(self.peek_err(EOF_OBJECT)),
            }
            let v = self.value()?;
            m.insert(key, v);
        }
    }

    /// The rest of a string after its opening quote.
    fn string(&mut self) -> Parsed<String> {
        let mut out = Vec::new();
        loop {
            let Some(b) = self.next() else { return Err(self.err(EOF_STRING)) };
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.next() else { return Err(self.err(EOF_STRING)) };
                    let c = match e {
                        b'"' => b'"',
                        b'\\' => b'\\',
                        b'/' => b'/',
                        b'b' => 0x08,
                        b'f' => 0x0c,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => {
                            let c = self.unicode_escape()?;
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                            continue;
                        }
                        _ => return Err(self.err(INVALID_ESCAPE)),
                    };
                    out.push(c);
                }
                0..=0x1f => return Err(self.err("control character (\\u0000-\\u001F) found while parsing a string")),
                _ => out.push(b),
            }
        }
        // The text was a `str` and escapes add whole characters: always UTF-8.
        Ok(String::from_utf8(out).unwrap_or_default())
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let Some(digits) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.err(EOF_STRING));
        };
        self.i += 4;
        let mut n = 0;
        for &d in digits {
            let Some(v) = (d as char).to_digit(16) else { return Err(self.err(INVALID_ESCAPE)) };
            n = n * 16 + v;
        }
        Ok(n)
    }

    /// After `\u`: a character, or a surrogate pair `\uD83D\uDE00`.
    fn unicode_escape(&mut self) -> Parsed<char> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.err(LONE_SURROGATE));
        }
        if !(0xD800..=0xDBFF).contains(&n) {
            return Ok(char::from_u32(n).unwrap_or_default());
        }
        for want in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.err(EOF_STRING)),
                Some(b) if b != want => return Err(self.err("unexpected end of hex escape")),
                Some(_) => {}
            }
        }
        let n2 = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&n2) {
            return Err(self.err(LONE_SURROGATE));
        }
        Ok(char::from_u32(0x10000 + ((n - 0xD800) << 10) + (n2 - 0xDC00)).unwrap_or_default())
    }

    /// A number, after its `-` if `!positive`.
    fn number(&mut self, positive: bool) -> Parsed<Value> {
        let start = self.i - usize::from(!positive);
        Ok(Value::Number(match self.number_inner(positive)? {
            Number::F64(x, _) => {
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default();
                Number::F64(x, shortest(text).map_or_else(|| text.into(), String::into_boxed_str))
            }
            n => n,
        }))
    }

    fn digit(&self) -> Option<u64> {
        self.peek().filter(u8::is_ascii_digit).map(|b| u64::from(b - b'0'))
    }

    fn number_inner(&mut self, positive: bool) -> Parsed<Number> {
        let Some(first) = self.next() else { return Err(self.err(EOF_VALUE)) };
        let mut sig: u64 = match first {
            b'0' if self.digit().is_some() => return Err(self.peek_err(INVALID_NUMBER)),
            b'0'..=b'9' => u64::from(first - b'0'),
            _ => return Err(self.err(INVALID_NUMBER)),
        };
        let mut exp: i32 = 0;
        // Integer digits beyond u64: the rest only scales the float.
        let mut long = false;
        while let Some(d) = self.digit() {
            match sig.checked_mul(10).and_then(|s| s.checked_add(d)) {
                Some(s) if !long => sig = s,
                _ => {
                    long = true;
                    exp += 1;
                }
            }
            self.i += 1;
        }
        match self.peek() {
            Some(b'.') => self.decimal(positive, sig, exp),
            Some(b'e' | b'E') => self.exponent(positive, sig, exp),
            _ if long => self.float(positive, sig, exp),
            _ if positive => Ok(Number::U64(sig)),
            _ => {
                let neg = (sig as i64).wrapping_neg();
                // `-0` and what does not fit an i64 become floats.
                Ok(if neg >= 0 { Number::F64(-(sig as f64), Box::default()) } else { Number::I64(neg) })
            }
        }
    }

    fn decimal(&mut self, positive: bool, mut sig: u64, mut exp: i32) -> Parsed<Number> {
        self.i += 1;
        let mut any = false;
        let mut overflow = false;
        while let Some(d) = self.digit() {
            self.i += 1;
            any = true;
            if overflow {
                continue;
            }
            match sig.checked_mul(10).and_then(|s| s.checked_add(d)) {
                Some(s) => {
                    sig = s;
                    exp -= 1;
                }
                None => overflow = true,
            }
        }
        if !any {
            return Err(self.peek_err(if self.peek().is_some() { INVALID_NUMBER } else { EOF_VALUE }));
        }
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, sig, exp),
            _ => self.float(positive, sig, exp),
        }
    }

    fn exponent(&mut self, positive: bool, sig: u64, start: i32) -> Parsed<Number> {
        self.i += 1;
        let positive_exp = match self.peek() {
            Some(b'+') => {
                self.i += 1;
                true
            }
            Some(b'-') => {
                self.i += 1;
                false
            }
            _ => true,
        };
        let mut e: i32 = match self.next() {
            None => return Err(self.err(EOF_VALUE)),
            Some(b @ b'0'..=b'9') => i32::from(b - b'0'),
            Some(_) => return Err(self.err(INVALID_NUMBER)),
        };
        while let Some(d) = self.digit() {
            self.i += 1;
            match e.checked_mul(10).and_then(|x| x.checked_add(d as i32)) {
                Some(x) => e = x,
                None => {
                    if sig != 0 && positive_exp {
                        return Err(self.err(OUT_OF_RANGE));
                    }
                    while self.digit().is_some() {
                        self.i += 1;
                    }
                    return Ok(Number::F64(if positive { 0.0 } else { -0.0 }, Box::default()));
                }
            }
        }
        let exp = if positive_exp { start.saturating_add(e) } else { start.saturating_sub(e) };
        self.float(positive, sig, exp)
    }

    /// `sig × 10^exp` as serde_json computes it (without its `float_roundtrip` feature).
    fn float(&mut self, positive: bool, sig: u64, mut exp: i32) -> Parsed<Number> {
        let mut f = sig as f64;
        loop {
            let e = exp.unsigned_abs();
            if e <= 308 {
                let pow = POW10[e as usize];
                if exp >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return Err(self.err(OUT_OF_RANGE));
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            if f == 0.0 {
                break;
            }
            if exp >= 0 {
                return Err(self.err(OUT_OF_RANGE));
            }
            f /= 1e308;
            exp += 308;
        }
        Ok(Number::F64(if positive { f } else { -f }, Box::default()))
    }
}

/// A float's text (valid JSON) as serde_json prints its value, when serde_json read it as the
/// nearest double (at most 15 digits and a power of ten up to 22, or `1eN`) and the value is
/// a normal double: every decimal of at most 15 significant digits is a different double, so
/// its digits without the zeros around them are the shortest that read back.
/// `2.50` → `2.5`, `1E2` → `100.0`, `1e300` → `1e+300`, `0.000001` → `1e-6`, `-0` → `-0.0`.
fn shortest(text: &str) -> Option<String> {
    let (negative, t) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].trim_start_matches('+')),
        None => (t, "0"),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    let sign = if negative { "-" } else { "" };
    if digits.is_empty() {
        return Some(format!("{sign}0.0"));
    }
    if exp.trim_start_matches('-').len() > 6 {
        return None;
    }
    // serde_json's value is digits × 10^scale, computed as one multiplication or division by
    // the power of ten: rounded once (so the nearest double) when both are exact.
    let scale = exp.parse::<i64>().ok()? - frac.len() as i64;
    if !(digits.len() <= 15 && scale.abs() <= 22 || digits == "1" && scale >= 0) {
        return None;
    }
    let trimmed = digits.trim_end_matches('0');
    let n = trimmed.len() as i64;
    // value = trimmed × 10^point; e is the exponent of its first digit.
    let point = scale + (digits.len() as i64 - n);
    let e = point + n - 1;
    if !(-307..=308).contains(&e) {
        return None;
    }
    Some(if (-5..=15).contains(&e) {
        if point >= 0 {
            format!("{sign}{trimmed}{}.0", "0".repeat(point as usize))
        } else if e >= 0 {
            let (a, b) = trimmed.split_at(e as usize + 1);
            format!("{sign}{a}.{b}")
        } else {
            format!("{sign}0.{}{trimmed}", "0".repeat((-e - 1) as usize))
        }
    } else {
        let (a, b) = trimmed.split_at(1);
        let dot = if b.is_empty() { "" } else { "." };
        let esign = if e >= 0 { "+" } else { "-" };
        format!("{sign}{a}{dot}{b}e{esign}{}", e.abs())
    })
}

/// 10^0 … 10^308 (serde_json's table).
static POW10: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23,
    1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32, 1e33, 1e34, 1e35,
    1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47,
    1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59,
    1e60, 1e61, 1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71,
    1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79, 1e80, 1e81, 1e82, 1e83,
    1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95,
    1e96, 1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107,
    1e108, 1e109, 1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119,
    1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131,
    1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143,
    1e144, 1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153, 1e154, 1e155,
    1e156, 1e157, 1e158, 1e159, 1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167,
    1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179,
    1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191,
    1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203,
    1e204, 1e205, 1e206, 1e207, 1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214, 1e215,
    1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227,
    1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239,
    1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251,
    1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263,
    1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274, 1e275,
    1e276, 1e277, 1e278, 1e279, 1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287,
    1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299,
    1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];

/// What can be written as JSON (serde's `Serialize` for the types the checker writes).
pub trait ToJson {
    fn to_json(&self) -> Value;
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for std::borrow::Cow<'_, str> {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! unsigned {
    ($($t:ty)*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::Number(Number::U64(*self as u64))
            }
        }
    )*};
}
unsigned!(u8 u16 u32 u64 usize);

impl ToJson for i64 {
    fn to_json(&self) -> Value {
        Value::Number(if *self < 0 { Number::I64(*self) } else { Number::U64(*self as u64) })
    }
}

impl ToJson for i32 {
    fn to_json(&self) -> Value {
        i64::from(*self).to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_json)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

/// A JSON value written like JSON: `json!({"id": id, "findings": [a, b], "ok": null})`; any
/// other expression through [`to_value`] (keys sorted, as serde_json's `json!` did).
#[macro_export]
macro_rules! json {
    (null) => { $crate::json::Value::Null };
    ([]) => { $crate::json::Value::Array(::std::vec::Vec::new()) };
    ([ $($tt:tt)+ ]) => {{
        let mut items = ::std::vec::Vec::new();
        $crate::json!(@array items () $($tt)+);
        $crate::json::Value::Array(items)
    }};
    ({}) => { $crate::json::Value::Object($crate::json::Map::new()) };
    ({ $($tt:tt)+ }) => {{
        let mut map = $crate::json::Map::new();
        $crate::json!(@object map $($tt)+);
        $crate::json::Value::Object(map)
    }};
    // Array items: tokens up to a comma at this level.
    (@array $v:ident ($($item:tt)+) , $($rest:tt)*) => {
        $v.push($crate::json!($($item)+));
        $crate::json!(@array $v () $($rest)*);
    };
    (@array $v:ident ($($item:tt)+)) => { $v.push($crate::json!($($item)+)); };
    (@array $v:ident ()) => {};
    (@array $v:ident ($($item:tt)*) $t:tt $($rest:tt)*) => { $crate::json!(@array $v ($($item)* $t) $($rest)*); };
    // Object entries: `"key": tokens` up to a comma at this level.
    (@object $m:ident $key:literal : $($rest:tt)+) => { $crate::json!(@value $m $key () $($rest)+); };
    (@object $m:ident) => {};
    (@value $m:ident $key:literal ($($v:tt)+) , $($rest:tt)*) => {
        $m.insert(::std::string::String::from($key), $crate::json!($($v)+));
        $crate::json!(@object $m $($rest)*);
    };
    (@value $m:ident $key:literal ($($v:tt)+)) => { $m.insert(::std::string::String::from($key), $crate::json!($($v)+)); };
    (@value $m:ident $key:literal ($($v:tt)*) $t:tt $($rest:tt)*) => { $crate::json!(@value $m $key ($($v)* $t) $($rest)*); };
    ($e:expr) => { $crate::json::to_value(&$e) };
}
pub use crate::json;

/// `x` as `serde_json::to_value` made it: every object's keys sorted, struct fields too.
pub fn to_value<T: ToJson + ?Sized>(x: &T) -> Value {
    let mut v = x.to_json();
    v.sort_keys();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_floats_as_serde_json_or_as_written() {
        let cases = [
            ("1.5", "1.5"), ("-0.25", "-0.25"), ("2.50", "2.5"), ("1E2", "100.0"), ("1.0e0", "1.0"), ("-0", "-0.0"), ("0.0e-999", "0.0"),
            ("1e300", "1e+300"), ("1e15", "1000000000000000.0"), ("1e16", "1e+16"), ("0.00001", "0.00001"), ("0.000001", "1e-6"), ("0.0001", "0.0001"),
            ("123456.789e-2", "1234.56789"), ("-1.25E-7", "-1.25e-7"), ("17.150", "17.15"), ("0.000123", "0.000123"),
            // More than 15 significant digits, or subnormal: as written.
            ("18446744073709551616", "18446744073709551616.0"), ("0.1000000000000000055511", "0.1000000000000000055511"), ("2.5e-320", "2.5e-320"),
        ];
        for (text, printed) in cases {
            let v = from_str(&format!("[{text}]")).unwrap();
            assert!(matches!(&v[0], Value::Number(n) if n.is_f64()), "{text}");
            assert_eq!(v.to_string(), format!("[{printed}]"), "{text}");
        }
        assert_eq!(from_str("1.50").unwrap(), from_str("1.5").unwrap());
        assert_eq!(from_str("1e400").unwrap_err().to_string(), "number out of range at line 1 column 5");
    }

    #[test]
    fn macro_builds_objects_in_key_order() {
        let id = 3;
        let v = json!({"id": id, "b": [1, "x", null, {"c": true}], "a": format!("{}-{}", 1, 2)});
        assert_eq!(v.to_string(), r#"{"a":"1-2","b":[1,"x",null,{"c":true}],"id":3}"#);
        assert_eq!(v.to_string_pretty(), "{\n  \"a\": \"1-2\",\n  \"b\": [\n    1,\n    \"x\",\n    null,\n    {\n      \"c\": true\n    }\n  ],\n  \"id\": 3\n}");
    }
}
