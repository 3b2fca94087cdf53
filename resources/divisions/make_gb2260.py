"""Regenerate gb2260.csv from the division table shipped with python-stdnum.

    .venv/bin/python resources/divisions/make_gb2260.py [path/to/stdnum/cn/loc.dat]

Each code gets one row per name it has had; `since`/`until` are the years given in the
source ("" = open).  Codes that no longer exist are kept on purpose: an ID number keeps the
address code of the place where its holder was first registered.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PERIOD = re.compile(r"^\[(\d{4})?-(\d{4})?\](.*)$")


def default_source() -> Path:
    import stdnum.cn

    return Path(stdnum.cn.__file__).resolve().parent / "loc.dat"


def parse(source: Path) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    province = ""
    province_name = ""
    seen_province_total = False
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            if province and not seen_province_total:
                rows.append((province + "0000", province_name, "", ""))
            m = re.match(r'^(\d{2}) province="(.*)"$', line)
            assert m, line
            province, province_name = m.group(1), m.group(2)
            seen_province_total = False
            continue
        m = re.match(r'^\s+(\d{4}) county="(.*)"$', line)
        assert m, line
        code = province + m.group(1)
        seen_province_total |= m.group(1) == "0000"
        for part in m.group(2).split(","):
            p = PERIOD.match(part)
            since, until, name = (p.group(1) or "", p.group(2) or "", p.group(3)) if p else ("", "", part)
            rows.append((code, name.strip(), since, until))
    if province and not seen_province_total:
        rows.append((province + "0000", province_name, "", ""))
    return rows


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else default_source()
    rows = parse(source)
    import stdnum

    latest = max(int(y) for r in rows for y in r[2:] if y)
    with open(HERE / "gb2260.csv", "w", encoding="utf-8", newline="") as out:
        out.write(
            f"# GB/T 2260 administrative division codes, changes up to {latest}; "
            f"from python-stdnum {stdnum.__version__} stdnum/cn/loc.dat (Wikipedia-derived)\n"
        )
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name", "since", "until"])
        writer.writerows(sorted(rows, key=lambda r: (r[0], r[2] or "0000")))
    print(f"{len(rows)} rows, {len({r[0] for r in rows})} codes, latest change {latest}")


if __name__ == "__main__":
    main()
