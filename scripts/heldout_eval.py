#!/usr/bin/env python3
"""Held-out evaluation of postcheck on real public Japanese text that none of us wrote.

The text itself is third-party and is NOT committed (see docs/evaluation.md). It lives in
`target/heldout/raw/*.txt`, gathered by hand from the `search` tool's stored pages. Format:

    @S <url> | <title>          a source of ordinary official-style text (municipal notices,
                                disaster mails, broadcast transcripts, quoted official posts)
    @P <url> | <title>          a source of problematic text (quoted inappropriate posts, rumours)
    <text>                      one snippet per line; a literal "\\n" is a line break
    !<category>[@account] <text> (under @P) a problematic snippet, the category it belongs to and
                                the account it was posted from (default personal)

Commands:
    heldout_eval.py run [--bin PATH] [--tag before|after]
        builds target/heldout/snippets.jsonl, runs `postcheck batch --preset strict`
        (account official for @S snippets; for @P ones the account the post came from), writes
        target/heldout/findings-<tag>.jsonl and tests/heldout/results-<tag>.md, and checks
        every finding at warn or above against tests/heldout/judgements.tsv.
    heldout_eval.py manifest
        writes tests/heldout/manifest.tsv (snippet id, source URL, title, length, accessed).
    heldout_eval.py pending [--tag T]
        prints the warn+ findings that have no judgement yet (for a person to judge).

Snippet ids are the first 10 hex digits of SHA-1 of the snippet text, so they stay stable
when snippets are added. Judgements (tests/heldout/judgements.tsv, tab-separated):
    snippet_id  rule  matched_text  TP|FP  reason
"""
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAW = os.path.join(ROOT, "target/heldout/raw")
OUT = os.path.join(ROOT, "target/heldout")
COMMITTED = os.path.join(ROOT, "tests/heldout")
ACCESSED = "2026-01"  # the month the stored pages were read through the search tool
SEV = {"info": 0, "warn": 1, "block": 2}


def load_snippets():
    snippets, sources = [], []
    for name in sorted(os.listdir(RAW)):
        if not name.endswith(".txt"):
            continue
        src = None
        for n, line in enumerate(open(os.path.join(RAW, name), encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@S ") or line.startswith("@P "):
                url, _, title = line[3:].partition(" | ")
                src = {"kind": "clean" if line[1] == "S" else "problem", "url": url.strip(), "title": title.strip(),
                       "file": name}
                sources.append(src)
                continue
            if src is None:
                sys.exit(f"{name}:{n}: snippet before any @S/@P line")
            expect, account = None, ("official" if src["kind"] == "clean" else "personal")
            if line.startswith("!"):
                expect, _, line = line[1:].partition(" ")
                expect, _, acc = expect.partition("@")
                account = acc or account
            text = line.replace("\\n", "\n").strip()
            sid = hashlib.sha1(text.encode()).hexdigest()[:10]
            snippets.append({"id": sid, "text": text, "kind": src["kind"], "expect": expect, "account": account, "src": src})
    seen, unique = set(), []
    for s in snippets:
        if s["id"] not in seen:
            seen.add(s["id"])
            unique.append(s)
    return unique, sources


def load_judgements():
    path = os.path.join(COMMITTED, "judgements.tsv")
    j = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                sys.exit(f"judgements.tsv: bad line {line!r}")
            j[(parts[0], parts[1], parts[2])] = (parts[3], parts[4])
    return j


def run_checker(snippets, binary):
    lines = []
    for s in snippets:
        lines.append(json.dumps({"id": s["id"], "text": s["text"],
                                 "account": s["account"]}, ensure_ascii=False))
    p = subprocess.run([binary, "batch", "--preset", "strict"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"postcheck batch failed ({p.returncode}): {p.stderr}\n{p.stdout[:2000]}")
    out = {}
    for line in p.stdout.splitlines():
        v = json.loads(line)
        if "error" in v:
            sys.exit(f"postcheck: {v}")
        out[v["id"]] = v["findings"]
    return out


def utf16_slice(text, start, end):
    b = text.encode("utf-16-le")
    return b[start * 2:end * 2].decode("utf-16-le", errors="replace")


def cmd_run(binary, tag):
    snippets, sources = load_snippets()
    findings = run_checker(snippets, binary)
    judg = load_judgements()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"findings-{tag}.jsonl"), "w", encoding="utf-8") as f:
        for s in snippets:
            f.write(json.dumps({"id": s["id"], "kind": s["kind"], "expect": s["expect"], "text": s["text"],
                                "findings": findings[s["id"]]}, ensure_ascii=False) + "\n")

    clean = [s for s in snippets if s["kind"] == "clean"]
    problem = [s for s in snippets if s["kind"] == "problem"]
    n = len(clean)
    # Per rule and per category over the ordinary (clean-source) snippets.
    by_rule = defaultdict(lambda: Counter())
    by_cat = defaultdict(lambda: Counter())
    posts_any_warn, posts_any_fp, posts_any_info = set(), set(), set()
    rows, pending = [], []
    info_total = Counter()
    for s in clean:
        for fd in findings[s["id"]]:
            matched = utf16_slice(s["text"], fd["start"], fd["end"]).replace("\n", "⏎")
            rule, cat, sev = fd["rule"], fd["category"], fd["severity"]
            if SEV[sev] == 0:
                info_total[rule] += 1
                posts_any_info.add(s["id"])
                by_rule[rule]["info"] += 1
                continue
            posts_any_warn.add(s["id"])
            verdict, reason = judg.get((s["id"], rule, matched), ("?", ""))
            if verdict == "?":
                pending.append((s, fd, matched))
            by_rule[rule][verdict] += 1
            by_cat[cat][verdict] += 1
            by_rule[rule]["warn+"] += 1
            by_cat[cat]["warn+"] += 1
            if verdict == "FP":
                posts_any_fp.add(s["id"])
            rows.append((s["id"], rule, cat, sev, matched, verdict, reason))

    # Recall on the problematic snippets.
    recall_rows = []
    caught = Counter()
    total = Counter()
    for s in problem:
        got = [f for f in findings[s["id"]] if SEV[f["severity"]] >= 1]
        cats = sorted({f["category"] for f in got})
        hit = s["expect"] in cats
        total[s["expect"]] += 1
        caught[s["expect"]] += hit
        recall_rows.append((s["id"], s["expect"], s["account"], "yes" if hit else "no", ", ".join(f"{f['rule']}({f['severity']})" for f in got) or "—",
                            s["src"]["url"]))

    n_src_clean = len({s["src"]["url"] for s in clean})
    n_src_problem = len({s["src"]["url"] for s in problem})
    L = []
    L.append(f"# Held-out evaluation results ({tag})\n")
    L.append("Generated by `scripts/heldout_eval.py run`; the snippets themselves are not committed "
             "(third-party text, see docs/evaluation.md and tests/heldout/manifest.tsv).\n")
    L.append(f"- ordinary official-style snippets: **{n}** from **{n_src_clean}** pages; checked with "
             "`postcheck batch --preset strict`, account official")
    L.append(f"- problematic snippets: **{len(problem)}** from **{n_src_problem}** pages; checked with the account each was posted from")
    fp = sum(c["FP"] for c in by_cat.values())
    tp = sum(c["TP"] for c in by_cat.values())
    unj = sum(c["?"] for c in by_cat.values())
    L.append(f"- findings at warn or above on ordinary snippets: **{fp + tp + unj}** "
             f"(false positive {fp}, true positive {tp}, not yet judged {unj})")
    L.append(f"- false positives per 100 ordinary snippets: **{100 * fp / max(n, 1):.1f}**; "
             f"snippets with any warn+ finding: **{len(posts_any_warn)} ({100 * len(posts_any_warn) / max(n, 1):.1f}%)**; "
             f"with a false warn+ finding: **{len(posts_any_fp)} ({100 * len(posts_any_fp) / max(n, 1):.1f}%)**")
    L.append(f"- info findings on ordinary snippets: **{sum(info_total.values())}** "
             f"({100 * sum(info_total.values()) / max(n, 1):.1f} per 100 snippets; "
             f"{len(posts_any_info)} snippets = {100 * len(posts_any_info) / max(n, 1):.1f}% have one)\n")
    L.append("## Warn+ findings per category (ordinary snippets)\n")
    L.append("| category | warn+ | FP | TP | FP per 100 snippets |")
    L.append("|---|---:|---:|---:|---:|")
    for cat in sorted(by_cat):
        c = by_cat[cat]
        L.append(f"| {cat} | {c['warn+']} | {c['FP']} | {c['TP']} | {100 * c['FP'] / max(n, 1):.1f} |")
    L.append("\n## Findings per rule (ordinary snippets)\n")
    L.append("| rule | warn+ | FP | TP | FP per 100 snippets | info |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for rule in sorted(by_rule):
        c = by_rule[rule]
        L.append(f"| {rule} | {c['warn+']} | {c['FP']} | {c['TP']} | {100 * c['FP'] / max(n, 1):.1f} | {c['info']} |")
    L.append("\n## Every warn+ finding on ordinary snippets, judged\n")
    L.append("| snippet | rule | severity | matched text | verdict | reason |")
    L.append("|---|---|---|---|---|---|")
    for sid, rule, cat, sev, matched, verdict, reason in rows:
        L.append(f"| {sid} | {rule} | {sev} | {matched.replace('|', '¦')} | {verdict} | {reason} |")
    L.append("\n## Recall on problematic real text\n")
    for cat in sorted(total):
        L.append(f"- {cat}: caught {caught[cat]} of {total[cat]}")
    L.append("\n| snippet | expected | account | caught | warn+ findings | source |")
    L.append("|---|---|---|---|---|---|")
    for r in recall_rows:
        L.append("| " + " | ".join(r) + " |")
    os.makedirs(COMMITTED, exist_ok=True)
    with open(os.path.join(COMMITTED, f"results-{tag}.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")
    print("\n".join(L[:8]))
    if pending:
        print(f"\n{len(pending)} warn+ finding(s) not yet judged; run `heldout_eval.py pending`")
    return pending


def cmd_pending(binary, tag):
    snippets, _ = load_snippets()
    judg = load_judgements()
    findings = run_checker(snippets, binary)
    for s in snippets:
        if s["kind"] != "clean":
            continue
        for fd in findings[s["id"]]:
            if SEV[fd["severity"]] == 0:
                continue
            matched = utf16_slice(s["text"], fd["start"], fd["end"]).replace("\n", "⏎")
            if (s["id"], fd["rule"], matched) in judg:
                continue
            print(f"{s['id']}\t{fd['rule']}\t{matched}\t{fd['severity']}\t<<{s['text'].replace(chr(10), '⏎')}>>")


def cmd_manifest():
    snippets, sources = load_snippets()
    count = Counter(s["src"]["url"] for s in snippets)
    with open(os.path.join(COMMITTED, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("# Held-out snippets: id (sha1 of text, 10 hex), kind, characters, source URL, title, accessed.\n")
        f.write("# The text is third-party and not committed; the URL and title say where to read it.\n")
        f.write("id\tkind\tchars\turl\ttitle\taccessed\n")
        for s in snippets:
            f.write(f"{s['id']}\t{s['kind']}{'/' + s['expect'] if s['expect'] else ''}\t{len(s['text'])}\t"
                    f"{s['src']['url']}\t{s['src']['title']}\t{ACCESSED}\n")
    print(f"{len(snippets)} snippets from {len(count)} source pages")


def main():
    args = sys.argv[1:]
    binary = os.path.join(ROOT, "target/debug/postcheck")
    tag = "before"
    if "--bin" in args:
        binary = args[args.index("--bin") + 1]
    if "--tag" in args:
        tag = args[args.index("--tag") + 1]
    cmd = args[0] if args else "run"
    if cmd == "run":
        cmd_run(binary, tag)
    elif cmd == "pending":
        cmd_pending(binary, tag)
    elif cmd == "manifest":
        cmd_manifest()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
