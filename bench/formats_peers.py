#!/usr/bin/env python3
"""Documents people keep, Quarry against its peers (issue 18, item 10).

    bench/formats_peers.py peers [--work DIR]
        Indexes tests/testdata/documents (office files, e-books, man pages,
        RTF, TeX, subtitles, data and files without a title) with Quarry,
        Xapian's omindex and Recoll, each on the same folder, and prints,
        per format, whether each finds the file by a word only it holds,
        the title it shows, and the author and document date it keeps.

    bench/formats_peers.py speed [--work DIR] [--files N] [--sources K]
        Makes a corpus per format from the reST sources of linux-doc-6.1
        with pandoc (N documents each, each from K sources joined; docx,
        odt, epub, pptx, rtf, tex), plus xlsx and ods sheets of their words,
        and times a first `quarry-index --jobs 2` of each and of
        /usr/share/man: files/s and MB/s of input, and CPU seconds.

Needs the build in build/, xapian-omega (omindex, quest), recollcmd
(recollindex, recollq) with python3-lxml, unrtf and untex for Recoll's
filters, and, for speed, pandoc and linux-doc-6.1. Standard library only.
"""
import argparse
import base64
import glob
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INDEX = os.path.join(ROOT, "build", "indexer", "quarry-index")
SEARCH = os.path.join(ROOT, "build", "searcher", "quarry-search")
FIXTURES = os.path.join(ROOT, "tests", "testdata", "documents")

# (format, file under the fixtures, a word no other fixture holds)
CASES = [
    ("Word .docx (pandoc)", "report.docx", "sedgewarblers"),
    ("Word .docm: header", "memo.docm", "sanderling"),
    ("Word .docm: text box", "memo.docm", "turnstone"),
    ("Excel .xlsx", "ledger.xlsx", "greenshank"),
    ("PowerPoint .pptx: notes", "slides.pptx", "whimbrels"),
    ("OpenDocument .odt", "report.odt", "sedgewarblers"),
    ("OpenDocument .ott: footnote", "minutes.ott", "dabchicks"),
    ("OpenDocument .ods", "budget.ods", "wrenhouse"),
    ("OpenDocument .odp: notes", "deck.odp", "egretry"),
    ("OpenDocument .odg", "sketch.odg", "shoveler"),
    ("EPUB", "estuary.epub", "oystercatcher"),
    ("man page (man), \\fB word", "tarn.8", "noatime"),
    ("man page (mdoc), gzipped", "heronctl.1.gz", "spoonbill"),
    ("man page (Pod::Man)", "Heron::Nest.3pm", "twigs"),
    ("RTF: table cell", "wren.rtf", "treecreeper"),
    ("LaTeX", "rookery.tex", "jackdaws"),
    ("SubRip .srt", "titles/films/heron.en.srt", "sandpipers"),
    ("WebVTT .vtt", "titles/films/heron.vtt", "curlews"),
    ("CSV", "titles/survey/birds.csv", "smew"),
    ("JSON", "titles/survey/config.json", "jsonkeyword"),
    ("Debian changelog (gzip)", "titles/vim/changelog.Debian.gz", "changelogword"),
    ("Debian copyright", "titles/vim/copyright", "vimlicence"),
    ("C source", "titles/zlib/examples/enough.c", "huffmantables"),
]


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def copy_fixtures(dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(FIXTURES, dest, ignore=shutil.ignore_patterns("*.py"))


# ------------------------------------------------------------------ peers
def quarry_peer(docs, work):
    db = os.path.join(work, "quarry")
    shutil.rmtree(db, ignore_errors=True)
    run([INDEX, "--db", db, "--jobs", "2", docs])

    def lookup(word):
        out = run([SEARCH, "--db", db, "--format", "json", "-n", "5", word]).stdout
        hits = json.loads(out)["results"] if out.strip() else []
        return [(h["path"], h["title"], h.get("author", ""), h.get("date", "")) for h in hits]
    return lookup


def omindex_peer(docs, work):
    db = os.path.join(work, "omega")
    shutil.rmtree(db, ignore_errors=True)
    run(["omindex", "--db", db, "--url", "/", docs])

    def lookup(word):
        hits, fields = [], {}
        for line in run(["quest", "-d", db, word]).stdout.splitlines():
            if line.startswith("url="):
                if fields:
                    hits.append(fields)
                fields = {"url": line[4:]}
            elif "=" in line and fields:
                key, value = line.split("=", 1)
                fields[key] = value
        if fields:
            hits.append(fields)
        # omindex dates a document by its file only (modtime).
        return [(docs + h["url"], h.get("caption", ""), h.get("author", ""), "") for h in hits]
    return lookup


def recoll_peer(docs, work):
    conf = os.path.join(work, "recoll")
    shutil.rmtree(conf, ignore_errors=True)
    os.makedirs(conf)
    with open(os.path.join(conf, "recoll.conf"), "w") as f:
        f.write("topdirs = %s\ndbdir = %s\n" % (docs, os.path.join(conf, "xapiandb")))
    run(["recollindex", "-c", conf])

    def lookup(word):
        out = run(["recollq", "-c", conf, "-n", "0-5", "-F", "url title author dmtime", word]).stdout
        hits = []
        for line in out.splitlines()[2:]:
            parts = [base64.b64decode(p).decode("utf-8", "replace") if p else "" for p in line.split(" ")]
            parts += [""] * (4 - len(parts))
            url, title, author, dmtime = parts[:4]
            date = time.strftime("%Y-%m-%d", time.gmtime(int(dmtime))) if dmtime.strip().isdigit() else ""
            hits.append((url.replace("file://", ""), title, author, date))
        return hits
    return lookup


def cell(hits, path):
    for hit_path, title, author, date in hits:
        if os.path.normpath(hit_path) == os.path.normpath(path):
            fields = ", ".join(f for f in (author, date[:10]) if f)
            return "yes | %s | %s" % (title.replace("|", "/")[:45] or "(none)", fields or "-")
    return "no | | "


def peers(args):
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    docs = os.path.join(work, "docs")
    copy_fixtures(docs)
    tools = [("Quarry", quarry_peer), ("omindex", omindex_peer), ("Recoll", recoll_peer)]
    lookups = []
    for name, make in tools:
        start = time.time()
        lookups.append(make(docs, work))
        print("%s indexed %s in %.1f s" % (name, docs, time.time() - start), file=sys.stderr)
    header = "| format | " + " | ".join("%s found | title | author, date" % n for n, _ in tools) + " |"
    print(header)
    print("|" + "---|" * (1 + 3 * len(tools)))
    for fmt, rel, word in CASES:
        path = os.path.join(docs, rel)
        print("| %s | %s |" % (fmt, " | ".join(cell(lookup(word), path) for lookup in lookups)))
    return 0


# ------------------------------------------------------------------ speed
def make_corpora(work, files, sources_per_file):
    """Per format, N documents converted by pandoc from linux-doc's reST,
    each from K sources joined (so that the documents are of a size people
    keep, and the run's fixed costs do not dominate)."""
    sources = sorted(glob.glob("/usr/share/doc/linux-doc-6.1/Documentation/**/*.rst.gz", recursive=True))
    random.Random(18).shuffle(sources)
    src_dir = os.path.join(work, "rst")
    os.makedirs(src_dir, exist_ok=True)
    picked = []
    for start in range(0, len(sources), sources_per_file):
        if len(picked) >= files:
            break
        out = os.path.join(src_dir, "%03d.rst" % len(picked))
        with open(out, "wb") as g:
            for path in sources[start:start + sources_per_file]:
                with gzip.open(path, "rb") as f:
                    g.write(f.read() + b"\n\n")
        picked.append(out)
    for fmt in ["docx", "odt", "epub", "pptx", "rtf", "latex"]:
        ext = "tex" if fmt == "latex" else fmt
        dest = os.path.join(work, "speed", ext)
        if os.path.isdir(dest) and len(os.listdir(dest)) >= len(picked):
            continue
        os.makedirs(dest, exist_ok=True)
        for src in picked:
            out = os.path.join(dest, os.path.basename(src)[:-4] + "." + ext)
            run(["pandoc", "-s", "-f", "rst", "-t", fmt, src, "-o", out])
    for ext in ["xlsx", "ods"]:
        dest = os.path.join(work, "speed", ext)
        os.makedirs(dest, exist_ok=True)
        for i, src in enumerate(picked):
            words = open(src, encoding="utf-8", errors="replace").read().split()
            rows = [words[k:k + 8] for k in range(0, len(words), 8)]
            write_sheet(os.path.join(dest, "%03d.%s" % (i, ext)), rows)


def write_sheet(path, rows):
    """A one-sheet workbook of `rows` of words (inline strings)."""
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if path.endswith(".xlsx"):
            rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="r1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
            z.writestr("xl/workbook.xml", '<workbook xmlns:r="%s"><sheets><sheet name="Words" r:id="r1"/></sheets></workbook>'
                       % rel[:-1])
            z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="r1" Type="%sworksheet" '
                       'Target="worksheets/sheet1.xml"/></Relationships>' % rel)
            body = "".join("<row>%s</row>" % "".join('<c t="inlineStr"><is><t>%s</t></is></c>' % esc(w) for w in r)
                           for r in rows)
            z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>%s</sheetData></worksheet>" % body)
        else:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            body = "".join("<table:table-row>%s</table:table-row>" % "".join(
                "<table:table-cell><text:p>%s</text:p></table:table-cell>" % esc(w) for w in r) for r in rows)
            z.writestr("content.xml", '<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x">'
                       '<office:body><office:spreadsheet><table:table table:name="Words">%s</table:table>'
                       "</office:spreadsheet></office:body></office:document-content>" % body)


def tree_size(folder):
    """Bytes and number of the regular files under `folder` (links are not
    followed, as quarry-index does not by default)."""
    total, count = 0, 0
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            total += os.path.getsize(path)
            count += 1
    return total, count


def speed(args):
    work = os.path.abspath(args.work)
    make_corpora(work, args.files, args.sources)
    folders = [(ext, os.path.join(work, "speed", ext))
               for ext in ["docx", "xlsx", "pptx", "odt", "ods", "epub", "rtf", "tex"]]
    folders.append(("man", "/usr/share/man"))
    print("| format | files | MB | seconds | files/s | MB/s | CPU s |")
    print("|---|---|---|---|---|---|---|")
    for name, folder in folders:
        db = os.path.join(work, "speed-db-" + name)
        shutil.rmtree(db, ignore_errors=True)
        size, count = tree_size(folder)
        before = os.times()
        start = time.time()
        result = run([INDEX, "--db", db, "--jobs", "2", "-q", folder])
        elapsed = time.time() - start
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        if result.returncode not in (0, 1):
            print("%s: quarry-index exited %d: %s" % (name, result.returncode, result.stderr[-300:]), file=sys.stderr)
        print("| %s | %d | %.1f | %.1f | %.0f | %.2f | %.1f |" % (
            name, count, size / 1e6, elapsed, count / elapsed, size / 1e6 / elapsed, cpu))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["peers", "speed"])
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "formats-peers"))
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--sources", type=int, default=10)
    args = parser.parse_args()
    return peers(args) if args.command == "peers" else speed(args)


if __name__ == "__main__":
    sys.exit(main())
