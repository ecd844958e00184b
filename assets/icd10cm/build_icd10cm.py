#!/usr/bin/env python3
"""Builds ClaimDesk's ICD-10-CM asset from the CDC tabular inside a simple-icd-10-cm wheel.

ICD-10-CM is a US-government (CDC/NCHS) classification in the public domain. The
simple-icd-10-cm wheel (MIT) carries the CDC tabular XML and code list under data/; its
library tells which codes are billable leaves (including the 7th-character extensions).

Usage, for a newer code year (install the matching wheel version first):
    python3 -m venv /tmp/icd && /tmp/icd/bin/pip install simple-icd-10-cm==1.5.0
    /tmp/icd/bin/python assets/icd10cm/build_icd10cm.py assets/icd10cm/icd10cm-2026.tsv.gz 2026 "April 1, 2026 update"

Output: gzip'd UTF-8 text. Lines starting with '#' describe the source; then one line per
code: CODE<TAB>B<TAB>DESCRIPTION where CODE has its dot (J02.0) and B is 1 for a billable
(leaf) code, 0 for a header (category/subcategory). Chapters and blocks are left out.
"""
import gzip
import sys

import simple_icd_10_cm as cm


def main() -> None:
    out, year, release = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = [
        "# ICD-10-CM code set for ClaimDesk",
        f"# year: {year}",
        f"# release: {release}",
        "# source: CDC/NCHS ICD-10-CM tabular (public domain), via the simple-icd-10-cm "
        + f"{getattr(cm, '__version__', '1.5.0')} wheel data/ folder",
        "# columns: code, billable (1 leaf / 0 header), description",
    ]
    count = billable = 0
    seen = set()
    for code in cm.get_all_codes(True):
        # Chapters and ranged blocks are headings, not codes. A one-code block such as B20
        # is also a billable category, so blocks are recognized by their range, not their kind.
        if cm.is_chapter(code) or "-" in code or code in seen:
            continue
        seen.add(code)
        leaf = cm.is_leaf(code)
        desc = cm.get_description(code).replace("\t", " ").replace("\n", " ")
        lines.append(f"{code}\t{1 if leaf else 0}\t{desc}")
        count += 1
        billable += leaf
    # mtime=0 keeps the file byte-identical from one build to the next.
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{out}: {count} codes, {billable} billable")


if __name__ == "__main__":
    main()
