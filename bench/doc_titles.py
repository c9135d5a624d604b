#!/usr/bin/env python3
"""Counts the titles of an index that name nothing (issue 18, item 7):
blank ones, and first lines of code, markup or headers, by a rule of its
own (not Quarry's: what a reader of a result list would call no title).

    bench/doc_titles.py --db /tmp/doc-index [--search build/searcher/quarry-search] [--path /usr/share/doc/]

Prints the count per kind, the total, and the most frequent titles that
name nothing. Standard library only.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# What a result list would show as no title, by kind.
KINDS = [
    ("blank", lambda t: t.strip() == ""),
    ("Debian copyright header", lambda t: t.startswith("Format: http")),
    ("C/C++ preprocessor", lambda t: re.match(r"#\s*(include|define|if|ifdef|ifndef|pragma|import)\b", t)),
    ("shebang", lambda t: t.startswith("#!")),
    ("brace or bracket", lambda t: t[:1] in "{}[]"),
    ("comment opener", lambda t: t.startswith(("/*", "//", "(*", "*/", "--", ";", "%"))),
    ("markup", lambda t: t.startswith("<") or re.match(r"""^(\.[A-Za-z]{1,3}( |$)|'\\"|\.\\")""", t)),
    ("Debian changelog entry", lambda t: re.match(r"^\S+ \([^)]*\) [^;]+; urgency=", t)),
    ("ChangeLog or git log header",
     lambda t: re.match(r"^(\d{4}-\d\d-\d\d|(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ).*<[^>]+@[^>]+>$", t)
     or re.match(r"^commit [0-9a-f]{40}", t)),
    ("no letter", lambda t: not re.search(r"[^\W\d_]", t)),
]


def kind_of(title):
    for name, test in KINDS:
        if test(title):
            return name
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--search", default=os.path.join(HERE, "..", "build", "searcher", "quarry-search"))
    parser.add_argument("--path", default="/usr/share/doc/", help="the folder whose documents count")
    parser.add_argument("--most", type=int, default=15)
    args = parser.parse_args()
    out = subprocess.run([args.search, "--db", args.db, "--format", "json", "-n", "10000000",
                          "--snippet-length", "0", "path:" + args.path],
                         check=True, capture_output=True, text=True).stdout
    results = json.loads(out)["results"]
    counts = collections.Counter()
    examples = collections.Counter()
    for hit in results:
        kind = kind_of(hit["title"])
        if kind:
            counts[kind] += 1
            examples[hit["title"][:70]] += 1
    print("documents: %d" % len(results))
    for name, _ in KINDS:
        print("  %-28s %6d" % (name, counts[name]))
    print("titles that name nothing: %d (%.1f%%)" % (sum(counts.values()),
                                                    100.0 * sum(counts.values()) / max(1, len(results))))
    print("most frequent:")
    for title, n in examples.most_common(args.most):
        print("  %5d  %r" % (n, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
