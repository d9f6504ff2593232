//! `postcheck`: the checker on the command line, the same engine as the extension's.
//!
//! Exit codes: 0 nothing at `warn` or above; 1 something at `warn` or above; 2 bad usage or
//! input (for `batch`: at least one malformed line, each answered with an `error` line), or
//! output that could not be written. A reader that stops reading (`postcheck rules | head -1`)
//! is no error: the output ends there, quietly, with the command's normal exit code.

use postcheck::policy::{Policy, Preset};
use postcheck::post::{Account, Context, LocalTime, Site};
use postcheck::mask::mask;
use postcheck::image::{ImageReport, Source};
use postcheck::{reference, Checker, Finding, Post, Report, Severity};
use postcheck::json;
use postcheck::json::{Map, Value};
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
postcheck — checks a social-media post against a municipal guideline
           SNS投稿をガイドラインに照らして確認します

USAGE:
  postcheck check [--preset P] [--policy FILE] [--account official|personal|unknown]
                  [--at RFC3339] [--site x|facebook] [--reply] [--format human|json] [FILE|-]
  postcheck image [--preset P] [--policy FILE] [--account official|personal|unknown]
                  [--site x|facebook] [--format human|json] FILE…      attached images
  postcheck batch [--preset P] [--policy FILE]        JSON Lines on stdin → JSON Lines on stdout
  postcheck rules [--preset P] [--format text|md|json]
  postcheck policy check FILE     validate a policy (plain, Chrome managed or Firefox policies.json)
  postcheck policy schema         print the managed-storage schema (extension/managed_schema.json)
  postcheck --version | --help

Presets: strict (default), kibichuo, muroran, nagareyama, towada.
Exit: 0 nothing at warn or above, 1 something at warn or above, 2 bad usage or input.
";

/// Why a command ends early (exit 2).
enum Fail {
    /// Bad usage or input: the message, then a pointer to `--help`.
    Usage(String),
    /// The output could not be written (other than to a reader that has gone: see [`Out`]).
    Output(io::Error),
}
use Fail::Usage;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = run(&args);
    // (Not eprintln!, which panics when stderr is closed.)
    let mut err = io::stderr().lock();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Usage(msg)) => {
            let _ = writeln!(err, "postcheck: {msg}\nTry 'postcheck --help'.");
            ExitCode::from(2)
        }
        Err(Fail::Output(e)) => {
            let _ = writeln!(err, "postcheck: writing the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// A command's output (stdout, or any writer in the tests). When the reader has gone (a pipe
/// closed early: `postcheck rules | head -1`, a batch whose consumer stopped), the rest of the
/// output is dropped without a word and the command ends with its normal exit code, as `cat`
/// and `grep` do; `print!` would panic there. Any other failure (a full disk) is an error.
struct Out<W: Write> {
    w: W,
    closed: bool,
}

impl<W: Write> Out<W> {
    fn new(w: W) -> Self {
        Out { w, closed: false }
    }

    /// Whether the reader has gone: nothing more is written, and a loop producing output stops.
    fn closed(&self) -> bool {
        self.closed
    }

    fn result(&mut self, r: io::Result<()>) -> Result<(), Fail> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Fail::Output(e)),
        }
    }

    fn put(&mut self, s: &str) -> Result<(), Fail> {
        if self.closed {
            return Ok(());
        }
        let r = self.w.write_all(s.as_bytes());
        self.result(r)
    }

    /// `s` and a newline.
    fn line(&mut self, s: impl std::fmt::Display) -> Result<(), Fail> {
        if self.closed {
            return Ok(());
        }
        let r = writeln!(self.w, "{s}");
        self.result(r)
    }

    /// Flushes what is buffered: the end of every command's output.
    fn finish(mut self) -> Result<(), Fail> {
        if self.closed {
            return Ok(());
        }
        let r = self.w.flush();
        self.result(r)
    }
}

fn stdout() -> Out<io::StdoutLock<'static>> {
    Out::new(io::stdout().lock())
}

#[derive(Default)]
struct Opts {
    preset: Option<Preset>,
    policy: Option<String>,
    context: Context,
    format: Option<String>,
    file: Option<String>,
}

fn parse_opts(args: &[String], allowed: &[&str], takes_file: bool) -> Result<Opts, Fail> {
    let mut o = Opts::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        if name.starts_with("--") && !allowed.contains(&name) {
            return Err(Usage(format!("unknown option {name}")));
        }
        let mut value = |what: &str| -> Result<String, Fail> {
            inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| Usage(format!("{name} needs {what}")))
        };
        match name {
            "--preset" => {
                let v = value("a preset name")?;
                o.preset = Some(Preset::from_id(&v).ok_or_else(|| {
                    Usage(format!("--preset: unknown preset {v:?}; one of strict, kibichuo, muroran, nagareyama, towada"))
                })?);
            }
            "--policy" => o.policy = Some(value("a file")?),
            "--account" => {
                let v = value("official, personal or unknown")?;
                o.context.account = Account::from_id(&v).ok_or_else(|| Usage(format!("--account: {v:?} is not official, personal or unknown")))?;
            }
            "--at" => {
                let v = value("an RFC 3339 date-time")?;
                o.context.at = Some(LocalTime::parse(&v).map_err(|e| Usage(format!("--at: {e}")))?);
            }
            "--site" => {
                let v = value("x or facebook")?;
                o.context.site = match v.as_str() {
                    "x" => Site::X,
                    "facebook" => Site::Facebook,
                    _ => return Err(Usage(format!("--site: {v:?} is not x or facebook"))),
                };
            }
            "--reply" if inline.is_some() => return Err(Usage("--reply takes no value".into())),
            "--reply" => o.context.reply = true,
            "--format" => o.format = Some(value("a format")?),
            _ if a.starts_with('-') && a.len() > 1 => return Err(Usage(format!("unknown option {a}"))),
            _ if takes_file && o.file.is_none() => o.file = Some(a.clone()),
            _ => return Err(Usage(format!("unexpected argument {a:?}"))),
        }
    }
    Ok(o)
}

/// Builds the policy from `--policy` and `--preset` (which wins over the file's preset).
/// A policy with any invalid entry is an input error: each is printed, naming key and value.
fn load_policy(o: &Opts) -> Result<Policy, Fail> {
    let mut policy = match &o.policy {
        None => Policy::default(),
        Some(path) => {
            let json = std::fs::read_to_string(path).map_err(|e| Usage(format!("--policy {path}: {e}")))?;
            let (p, errors) = Policy::from_json(&json);
            if !errors.is_empty() {
                let list: Vec<String> = errors.iter().map(|e| format!("  {e}\n    {}", e.problem.ja())).collect();
                return Err(Usage(format!("--policy {path}: {} problem(s):\n{}", errors.len(), list.join("\n"))));
            }
            p
        }
    };
    if let Some(p) = o.preset {
        policy.preset = p;
    }
    Ok(policy)
}

fn run(args: &[String]) -> Result<u8, Fail> {
    match args.first().map(String::as_str) {
        None | Some("--help" | "-h" | "help") => {
            let mut out = stdout();
            out.put(USAGE)?;
            out.finish()?;
            Ok(if args.is_empty() { 2 } else { 0 })
        }
        Some("--version" | "-V") => {
            let mut out = stdout();
            out.line(format_args!("postcheck {}", env!("CARGO_PKG_VERSION")))?;
            out.finish()?;
            Ok(0)
        }
        Some("check") => check(&args[1..]),
        Some("batch") => batch(&args[1..]),
        Some("image") => image(&args[1..]),
        Some("rules") => rules(&args[1..]),
        Some("policy") => policy(&args[1..]),
        Some(other) => Err(Usage(format!("unknown command {other:?}"))),
    }
}

/// Each finding's fields and `text`: the original characters the finding covers, masked for
/// personal information and secrets (see `postcheck::mask`). Keys sorted.
fn findings_json(report: &Report, text: &str) -> Value {
    let units = Units::of(text);
    let out = report.findings.iter().map(|f: &Finding| {
        let mut m = Map::new();
        for (k, v) in f.json_fields() {
            m.insert(k.into(), json::to_value(&v));
        }
        m.insert("text".into(), Value::String(mask(f.category, &units.slice(f.start, f.end))));
        Value::Object(m)
    });
    Value::Array(out.collect())
}

fn exit_for(report: &Report) -> u8 {
    u8::from(report.max_severity().is_some_and(|s| s >= Severity::Warn))
}

fn check(args: &[String]) -> Result<u8, Fail> {
    let allowed = ["--preset", "--policy", "--account", "--at", "--site", "--reply", "--format"];
    let o = parse_opts(args, &allowed, true)?;
    let format = o.format.clone().unwrap_or_else(|| "human".into());
    if format != "human" && format != "json" {
        return Err(Usage(format!("--format: {format:?} is not human or json")));
    }
    let policy = load_policy(&o)?;
    let name = o.file.clone().unwrap_or_else(|| "-".into());
    let mut bytes = Vec::new();
    let read = if name == "-" { io::stdin().read_to_end(&mut bytes) } else { std::fs::File::open(&name).and_then(|mut f| f.read_to_end(&mut bytes)) };
    read.map_err(|e| Usage(format!("{name}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| Usage(format!("{name}: not UTF-8 text ({e})")))?;

    let checker = Checker::new(policy);
    let report = checker.check(&Post { text: &text, context: o.context });
    let mut out = stdout();
    if format == "json" {
        out.line(json!({ "findings": findings_json(&report, &text) }))?;
    } else {
        out.put(&human(&report, &text, &name))?;
    }
    out.finish()?;
    Ok(exit_for(&report))
}

/// `file:line:col: severity [rule] 「text」`, the message in both languages and the clauses.
fn human(report: &Report, text: &str, name: &str) -> String {
    let mut s = String::new();
    let units = Units::of(text);
    for f in &report.findings {
        let (line, col) = units.line_col(f.start);
        s += &format!("{name}:{line}:{col}: {} [{}] 「{}」\n", f.severity, f.rule, mask(f.category, &units.slice(f.start, f.end)));
        s += &format!("    {}\n    {}\n", f.message.ja, f.message.en);
        s += &format!("    → {}\n      {}\n", f.fix.ja, f.fix.en);
        if !f.clauses.is_empty() {
            s += &format!("    根拠 / clause: {}\n", f.clauses.join(", "));
        }
    }
    let count = |sev| report.findings.iter().filter(|f| f.severity == sev).count();
    if report.findings.is_empty() {
        s += "問題は見つかりませんでした / no findings\n";
    } else {
        s += &format!(
            "{} 件 / {} finding(s): block {}, warn {}, info {}\n",
            report.findings.len(),
            report.findings.len(),
            count(Severity::Block),
            count(Severity::Warn),
            count(Severity::Info)
        );
    }
    s
}

/// A text's UTF-16 units with the line and column at each, computed once, so that each of
/// thousands of findings costs its own length, not the text's (`slice16` and a walk from the
/// start per finding took 7 s for 14,285 findings in 100,000 characters).
struct Units {
    units: Vec<u16>,
    /// The 1-based line and column (in characters) at each UTF-16 offset, and one past the end.
    /// CRLF, CR and LF each end a line, as the checker's normalisation reads them.
    at: Vec<(u32, u32)>,
}

impl Units {
    fn of(text: &str) -> Units {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut at = Vec::with_capacity(units.len() + 1);
        let (mut line, mut col, mut after_cr) = (1u32, 1u32, false);
        for c in text.chars() {
            for _ in 0..c.len_utf16() {
                at.push((line, col));
            }
            match c {
                '\n' if after_cr => {}
                '\n' | '\r' => (line, col) = (line + 1, 1),
                _ => col += 1,
            }
            after_cr = c == '\r';
        }
        at.push((line, col));
        Units { units, at }
    }

    /// The original characters at UTF-16 range `start..end` (lossy on split surrogates, which
    /// the checker never produces).
    fn slice(&self, start: u32, end: u32) -> String {
        let end = (end as usize).min(self.units.len());
        let start = (start as usize).min(end);
        String::from_utf16_lossy(&self.units[start..end])
    }

    /// The 1-based line and column (in characters) of UTF-16 offset `at`.
    fn line_col(&self, at: u32) -> (u32, u32) {
        self.at[(at as usize).min(self.at.len() - 1)]
    }
}

/// `postcheck image FILE…`: the findings on each attached image. Reads each file as the
/// extension does: its head and tail, then any range the checker asks for.
fn image(args: &[String]) -> Result<u8, Fail> {
    let allowed = ["--preset", "--policy", "--account", "--site", "--format"];
    let (mut opts, mut files) = (Vec::new(), Vec::new());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a.starts_with("--") {
            opts.push(a.clone());
            if !a.contains('=') && allowed.contains(&a.as_str()) {
                opts.extend(it.next().cloned());
            }
        } else {
            files.push(a.clone());
        }
    }
    let o = parse_opts(&opts, &allowed, false)?;
    let format = o.format.clone().unwrap_or_else(|| "human".into());
    if format != "human" && format != "json" {
        return Err(Usage(format!("--format: {format:?} is not human or json")));
    }
    if files.is_empty() {
        return Err(Usage("image: name at least one image file".into()));
    }
    let checker = Checker::new(load_policy(&o)?);
    let mut reports = Vec::new();
    for name in &files {
        let report = read_and_check_image(&checker, name, &o.context).map_err(|e| Usage(format!("{name}: {e}")))?;
        reports.push(report);
    }
    let mut out = stdout();
    if format == "json" {
        out.line(json!({ "images": reports }))?;
    } else {
        for r in &reports {
            out.put(&human_image(r))?;
        }
    }
    out.finish()?;
    Ok(u8::from(reports.iter().any(|r| r.max_severity().is_some_and(|s| s >= Severity::Warn))))
}

fn read_and_check_image(checker: &Checker, name: &str, context: &Context) -> io::Result<ImageReport> {
    use std::io::{Seek, SeekFrom};
    let mut file = std::fs::File::open(name)?;
    let size = file.metadata()?.len();
    let mut ranges: Vec<[u64; 2]> = postcheck::image::read_plan(size);
    // Each round reads what the checker asked for; a few rounds reach any photo's metadata.
    for _ in 0..8 {
        let mut bufs = Vec::new();
        for &[off, len] in &ranges {
            let mut b = vec![0; usize::try_from(len).unwrap_or(0)];
            file.seek(SeekFrom::Start(off))?;
            file.read_exact(&mut b)?;
            bufs.push((off, b));
        }
        let parts = bufs.iter().map(|(o, b)| (*o, b.as_slice())).collect();
        let src = Source::parts(size, parts).map_err(io::Error::other)?;
        let report = checker.check_image(&src, context, name);
        match report.need {
            Some([a, b]) if b > a => ranges.push([a, b - a]),
            _ => return Ok(report),
        }
    }
    Err(io::Error::other("the metadata could not be reached in 8 reads"))
}

/// `file: warn [image/gps]`, the message in both languages, what to do and the clauses.
fn human_image(r: &ImageReport) -> String {
    let mut s = String::new();
    let name = &r.attachment;
    for f in &r.findings {
        s += &format!("{name}: {} [{}]\n", f.severity, f.rule);
        s += &format!("    {}\n    {}\n", f.message.ja, f.message.en);
        s += &format!("    → {}\n      {}\n", f.fix.ja, f.fix.en);
        if !f.clauses.is_empty() {
            s += &format!("    根拠 / clause: {}\n", f.clauses.join(", "));
        }
    }
    if let Some(n) = &r.note {
        s += &format!("{name}: note: {n}\n");
    }
    if r.findings.is_empty() {
        s += &format!("{name}: 問題は見つかりませんでした / no findings\n");
    }
    s
}

fn batch(args: &[String]) -> Result<u8, Fail> {
    let o = parse_opts(args, &["--preset", "--policy"], false)?;
    let checker = Checker::new(load_policy(&o)?);
    let stdin = io::stdin().lock();
    let mut out = Out::new(io::BufWriter::new(io::stdout().lock()));
    let (mut any_warn, mut any_bad) = (false, false);
    for (n, line) in stdin.lines().enumerate() {
        if out.closed() {
            // Nobody reads the answers any more: the rest of the input is left unread.
            break;
        }
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                any_bad = true;
                out.line(json!({ "id": null, "error": format!("line {}: {e}", n + 1) }))?;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match batch_line(&checker, &line) {
            Ok((v, warn)) => {
                any_warn |= warn;
                out.line(v)?;
            }
            Err((id, e)) => {
                any_bad = true;
                out.line(json!({ "id": id, "error": format!("line {}: {e}", n + 1) }))?;
            }
        }
    }
    out.finish()?;
    Ok(if any_bad { 2 } else { u8::from(any_warn) })
}

fn batch_line(checker: &Checker, line: &str) -> Result<(Value, bool), (Value, String)> {
    let v: Value = json::from_str(line).map_err(|e| (Value::Null, format!("not JSON: {e}")))?;
    let Value::Object(mut obj) = v else {
        return Err((Value::Null, "expected a JSON object".into()));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    if !(id.is_string() || id.is_number()) {
        return Err((id, "\"id\" must be a string or a number".into()));
    }
    let text = match obj.remove("text") {
        Some(Value::String(t)) => t,
        Some(_) => return Err((id, "\"text\" must be a string".into())),
        None => return Err((id, "missing \"text\"".into())),
    };
    let context = Context::from_value(&Value::Object(obj)).map_err(|e| (id.clone(), e))?;
    let report = checker.check(&Post { text: &text, context });
    let warn = exit_for(&report) == 1;
    Ok((json!({ "id": id, "findings": findings_json(&report, &text) }), warn))
}

fn rules(args: &[String]) -> Result<u8, Fail> {
    let o = parse_opts(args, &["--preset", "--format"], false)?;
    let preset = o.preset.unwrap_or_default();
    let s = match o.format.as_deref().unwrap_or("text") {
        "text" => reference::rules_text(preset),
        "md" => reference::rules_markdown(),
        "json" => reference::rules_json(preset),
        f => return Err(Usage(format!("--format: {f:?} is not text, md or json"))),
    };
    let mut out = stdout();
    out.put(&s)?;
    if !s.ends_with('\n') {
        out.put("\n")?;
    }
    out.finish()?;
    Ok(0)
}

/// The schema Chrome and Edge validate managed policy against.
const MANAGED_SCHEMA: &str = include_str!("../../extension/managed_schema.json");

/// The extension's ids, as enterprise policy names them.
const CHROME_ID: &str = "heigapdgdkhdkmecenjcbklchhhaachj";
const FIREFOX_ID: &str = "postcheck@postcheck.jp";

/// `policy check FILE`: every problem with key and value (exit 2), or the effective policy
/// (exit 0). `policy schema`: the managed-storage schema.
fn policy(args: &[String]) -> Result<u8, Fail> {
    match (args.first().map(String::as_str), args.len()) {
        (Some("schema"), 1) => {
            let mut out = stdout();
            out.put(MANAGED_SCHEMA)?;
            out.finish()?;
            Ok(0)
        }
        (Some("check"), 2) => {
            let path = &args[1];
            let text = if path == "-" {
                let mut s = String::new();
                io::stdin().read_to_string(&mut s).map(|_| s)
            } else {
                std::fs::read_to_string(path)
            }
            .map_err(|e| Usage(format!("{path}: {e}")))?;
            let (policy, errors) = match json::from_str(&text) {
                Ok(v) => Policy::from_value(extension_policy(&v)),
                Err(_) => Policy::from_json(&text),
            };
            let mut out = stdout();
            if errors.is_empty() {
                out.line(policy.to_value().to_string_pretty())?;
                out.finish()?;
                return Ok(0);
            }
            // Each problem: the English line (key, value, problem), then the problem in Japanese.
            for e in &errors {
                out.line(format_args!("{path}: {e}\n    {}", e.problem.ja()))?;
            }
            out.line(format_args!("{} 件の問題 / {} problem(s); each entry named above is ignored, the rest applies", errors.len(), errors.len()))?;
            out.finish()?;
            Ok(2)
        }
        _ => Err(Usage("usage: postcheck policy check FILE | postcheck policy schema".into())),
    }
}

/// The extension's policy inside a browser's policy file: Chrome's managed JSON
/// (`3rdparty.extensions.<id>`: this build's id, or the only extension there, as a self-hosted
/// package has the id of the admin's own key), Firefox's policies.json
/// (`policies.3rdparty.Extensions.<id>`), or the file itself when it is a plain policy.
fn extension_policy(v: &Value) -> &Value {
    let chrome = v.pointer(&format!("/3rdparty/extensions/{CHROME_ID}")).or_else(|| {
        let all = v.pointer("/3rdparty/extensions").and_then(Value::as_object)?;
        if all.len() == 1 { all.values().next() } else { None }
    });
    let firefox = v.pointer(&format!("/policies/3rdparty/Extensions/{FIREFOX_ID}"));
    chrome.or(firefox).unwrap_or(v)
}
