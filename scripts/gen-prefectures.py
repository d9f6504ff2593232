#!/usr/bin/env python3
"""Generates src/dict/prefectures.txt: one rough outline per prefecture, used to name the
prefecture where a photo was taken (image/gps).

Source: the PyPI package `japanmap` 0.6.0 (Apache License 2.0, (c) Saito Tsutomu), file
japanmap/japan.json: 4,124 boundary points and, per prefecture, the outline of the area that
holds its prefectural office (remote islands are not included). Usage:

    pip download --no-deps japanmap==0.6.0 -d /tmp/jm && unzip -o -q /tmp/jm/japanmap-0.6.0-*.whl -d /tmp/jm
    python3 scripts/gen-prefectures.py /tmp/jm/japanmap/japan.json > src/dict/prefectures.txt

Output: comment lines (`#`), then one line per prefecture:
`<JIS code> <name> <lon>,<lat> <dlon>,<dlat> ...` in thousandths of a degree, each pair after
the first a difference from the previous point; the ring closes on its first point.
"""
import json
import sys

NAMES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 "
    "新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 "
    "奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 "
    "熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()


def main(path):
    with open(path, "rb") as f:
        qp, qo = json.load(f)
    print("# Rough outlines of Japan's 47 prefectures (the area holding each prefectural office; remote islands left out).")
    print("# Source: PyPI package japanmap 0.6.0, japanmap/japan.json, (c) Saito Tsutomu, Apache License 2.0")
    print("# (https://www.apache.org/licenses/LICENSE-2.0). Converted by scripts/gen-prefectures.py: coordinates")
    print("# rounded to 0.001 degree; format: <JIS code> <name> <lon>,<lat> then differences, thousandths of a degree.")
    assert len(qo) == 47
    for k, segments in enumerate(qo):
        ring = []
        for _neighbour, idx in segments:
            for i in idx:
                if not ring or ring[-1] != i:
                    ring.append(i)
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring.pop()
        pts = []
        for i in ring:
            lon, lat = qp[i][0]
            p = (round(lon * 1000), round(lat * 1000))
            if not pts or pts[-1] != p:
                pts.append(p)
        out = [f"{pts[0][0]},{pts[0][1]}"]
        for a, b in zip(pts, pts[1:]):
            out.append(f"{b[0] - a[0]},{b[1] - a[1]}")
        print(f"{k + 1:02d} {NAMES[k]} " + " ".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
