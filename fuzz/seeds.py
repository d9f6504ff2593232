#!/usr/bin/env python3
"""Writes the fuzzers' seed inputs into fuzz/seeds/<target>/ (run by `make fuzz`).

check: every post of tests/corpus (positives and clean posts) with a header for
postcheck_fuzz::decode (fuzz/src/input.rs) giving its account and local time, the preset and
the organisation's settings varied from post to post.
policy: the policies of the docs and tests, valid and invalid.
image: the test photos of tests/images/ (JPEG, PNG, WebP, HEIC with Exif).
"""
import glob
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACCOUNTS = {"official": 0, "personal": 1}


def header(n, account, at):
    preset = n % 5
    org = n % 2 == 1
    byte0 = preset + ACCOUNTS.get(account, 2) * 5 + (128 if org else 0)
    flags = (n % 2) | ((n % 3) << 1) | (0x10 if n % 4 == 0 else 0) | (0x20 if n % 8 == 0 else 0)
    year = month = day = hour = minute = 0
    offset = 540
    if at:
        # 2026-11-24T10:00:00+09:00
        flags |= 0x40
        year, month, day = int(at[0:4]), int(at[5:7]), int(at[8:10])
        hour, minute = int(at[11:13]), int(at[14:16])
        if at[19:20] in "+-":
            sign = -1 if at[19] == "-" else 1
            offset = sign * (int(at[20:22]) * 60 + int(at[23:25]))
        elif at[19:20] in "Zz":
            offset = 0
    off_byte = max(0, min(255, (offset + 1920) // 15))
    return bytes([byte0, flags]) + struct.pack("<H", year % 10000) + bytes([
        (month - 1) % 256, (day - 1) % 256, hour, minute, off_byte])


def main():
    out = os.path.join(ROOT, "fuzz", "seeds", "check")
    os.makedirs(out, exist_ok=True)
    n = 0
    files = sorted(glob.glob(os.path.join(ROOT, "tests/corpus/*.jsonl")) + glob.glob(os.path.join(ROOT, "tests/corpus/clean/*.jsonl")))
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                post = json.loads(line)
                data = header(n, post.get("account"), post.get("at")) + post["text"].encode("utf-8")
                with open(os.path.join(out, f"{n:04d}"), "wb") as w:
                    w.write(data)
                n += 1
    policies = [
        '{"preset":"kibichuo","rules":{"url/service-shortener":"info"},"categories":{"location":"block"}}',
        '{"preset":"nagareyama","allowed_email_domains":["city.nagareyama.chiba.jp"]}',
        '{"allowed_domains":["example-kanko.jp"],"blocked_domains":["bad.example"],'
        '"working_hours":{"days":["mon","tue","wed","thu","fri"],"start":"08:30","end":"17:15",'
        '"breaks":[{"start":"12:00","end":"13:00"}],"holidays_off":true},'
        '"posting_window":{"days":["mon","tue","wed","thu","fri"],"start":"08:30","end":"17:15"},'
        '"official_handles":{"x":["@kibichuo_town"],"facebook":["kibichuo.town"]},"organisation_device":true}',
        '{"preset":"towada","rules":{"url/shortner":"warn","location/address":"loud"},"categories":{"colour":"off"},"colour":1}',
        '{"posting_window":{"start":"18:00","end":"09:00"},"working_hours":{"start":"8:45","end":"17:3O","lunch":true}}',
        '{"allowed_email_domains":["town.kibichuo.lg.jp","@gmail.com","*.lg.jp","https://example.jp",3,"-bad.jp",""]}',
        '[]', '"strict"', '{}',
    ]
    pout = os.path.join(ROOT, "fuzz", "seeds", "policy")
    os.makedirs(pout, exist_ok=True)
    for i, p in enumerate(policies):
        with open(os.path.join(pout, f"{i:02d}.json"), "w", encoding="utf-8") as w:
            w.write(p)
    iout = os.path.join(ROOT, "fuzz", "seeds", "image")
    os.makedirs(iout, exist_ok=True)
    images = sorted(glob.glob(os.path.join(ROOT, "tests/images/*.*")))
    images = [i for i in images if not i.endswith(".md")]
    for path in images:
        with open(path, "rb") as f, open(os.path.join(iout, os.path.basename(path)), "wb") as w:
            w.write(f.read())
    print(f"seeds: {n} posts in fuzz/seeds/check, {len(policies)} policies in fuzz/seeds/policy, "
          f"{len(images)} images in fuzz/seeds/image", file=sys.stderr)


if __name__ == "__main__":
    main()
