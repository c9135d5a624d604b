"""The "omindex + Omega" peer of the known-item benchmark.

omindex (xapian-omega) indexes the tree's mirror (gzip files decompressed:
omindex cannot read them) configured as issue 21 asks of a fair omindex:
every extension whose files are text is mapped to text/plain with
--mime-type, so omindex neither skips them (man pages `.1`, `.3pm`,
reStructuredText, Markdown without a converter installed, source files)
nor asks libmagic for each; HTML, SVG, CSV and plain-text extensions keep
omindex's own handlers; extensions whose files are binary are mapped to
`skip`. Files without an extension are typed by libmagic, as omindex does
by default. Stemmer english (omindex's default); no spelling data.

Queries go through the real Omega CGI program (/usr/lib/cgi-bin/omega/omega,
run from the command line with P=... DB=... FMT=...), so the query is
parsed exactly as Omega parses it by default: QueryParser with default
operator AND (Omega's default since 1.3.0), Omega's own stop words,
STEM_SOME, the english stemmer, the default flags (phrases, +/-, boolean
operators, wildcards...), and the prefix map of Omega's stock `query`
template (free text searched in the body and in the title, S, B and F
terms), ranked by BM25 with Xapian's defaults. Only the output is ours: a
template that prints the URL of each hit instead of HTML.

Standard library only; needs the xapian-omega package.
"""
import os
import subprocess

OMINDEX = "omindex"
OMEGA_CGI = "/usr/lib/cgi-bin/omega/omega"
STOCK_TEMPLATE = "/usr/share/xapian-omega/templates/query"

# The lines of Omega's stock `query` template that change how a query is
# parsed (its spelling flag and its prefix map), then our output.
STOCK_SETTINGS = ("$set{flag_spelling,$ne{$cgi{SPELL},0}}",
                  "$setmap{prefix,,$split{ S B F},title,S,author,A,topic,B}")
TEMPLATE_NAME = "urls"
TEMPLATE = "".join(STOCK_SETTINGS) + "$hitlist{$field{url}\n}"

# Extensions omindex handles itself in a way at least as good as plain
# text, and which must keep their handler.
NATIVE = {"html", "htm", "shtml", "shtm", "xhtml", "xhtm", "php", "svg", "svgz",
          "csv", "txt", "text", "pdf", "ps", "eps", "ai", "odt", "ods", "odp",
          "docx", "xlsx", "pptx", "doc", "xls", "ppt", "rtf", "atom", "abw", "zabw"}
TEXT_PROBE = 8192
# Text types libmagic gives files without an extension that omindex would
# skip ("unknown MIME type") or hand to pod2text, which fails on a script
# without POD; read as they are, as Quarry reads them.
TEXT_TYPES_AS_IS = ("text/x-shellscript", "text/x-makefile", "text/x-c", "text/x-c++", "text/x-tex",
                    "text/x-ruby", "text/x-diff", "text/x-python", "text/x-script.python", "text/x-perl",
                    "text/x-m4", "text/x-asm", "text/x-java", "text/x-lisp", "text/troff",
                    "application/javascript", "application/json")
# Bump when the index built here changes, so that cached ones are rebuilt.
INDEX_VERSION = 2


def extension(name):
    """omindex's idea of a file's extension: what follows the last '.' of
    its leaf name ("" for none)."""
    leaf = name.rsplit("/", 1)[-1]
    return leaf.rsplit(".", 1)[1] if "." in leaf[1:] else ""


def looks_text(path):
    with open(path, "rb") as f:
        return b"\0" not in f.read(TEXT_PROBE)


def mime_mappings(mirror, mirrored_paths):
    """--mime-type arguments for the files of a mirror: text/plain for each
    extension (as spelled) whose files are mostly text, `skip` for those
    that are mostly binary; native and extension-less files are left to
    omindex."""
    votes = {}
    for rel in mirrored_paths:
        ext = extension(rel)
        if not ext or ext.lower() in NATIVE:
            continue
        text, binary = votes.get(ext, (0, 0))
        if text + binary >= 20:  # enough evidence for this extension
            continue
        if looks_text(os.path.join(mirror, rel)):
            votes[ext] = (text + 1, binary)
        else:
            votes[ext] = (text, binary + 1)
    return ["--mime-type=%s:%s" % (ext, "text/plain" if text >= binary else "skip")
            for ext, (text, binary) in sorted(votes.items())]


def build_index(mirror, mirrored_paths, db_path, log_path):
    """Runs omindex over the mirror into a new database at `db_path`,
    logging to `log_path`. Returns the omindex command."""
    cmd = [OMINDEX, "--db", db_path, "--url", "/", "--overwrite", "--empty-docs=index",
           *mime_mappings(mirror, mirrored_paths),
           *["--filter=%s:cat" % t for t in TEXT_TYPES_AS_IS], mirror]
    with open(log_path, "w") as log:
        done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError("omindex failed (%d); see %s" % (done.returncode, log_path))
    return cmd


def write_config(folder, databases):
    """An omega.conf (and template folder) in `folder` whose databases are
    the folder `databases` (one database per tree, named after it).
    Returns the configuration file's path."""
    templates = os.path.join(folder, "templates")
    for sub in (templates, os.path.join(folder, "log"), os.path.join(folder, "cdb")):
        os.makedirs(sub, exist_ok=True)
    with open(os.path.join(templates, TEMPLATE_NAME), "w", encoding="utf-8") as f:
        f.write(TEMPLATE)
    config = os.path.join(folder, "omega.conf")
    with open(config, "w", encoding="utf-8") as f:
        f.write("database_dir %s/\ntemplate_dir %s/\nlog_dir %s/\ncdb_dir %s/\n" % (
            databases.rstrip("/"), templates, os.path.join(folder, "log"), os.path.join(folder, "cdb")))
    return config


def stock_template_matches():
    """Whether the installed stock template still holds the settings this
    peer copies (False means Omega's defaults changed: update STOCK_SETTINGS)."""
    try:
        with open(STOCK_TEMPLATE, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return False
    return all(s in text for s in STOCK_SETTINGS)


def parse_output(stdout):
    """Hit URLs from Omega's output: an HTTP header, a blank line, then one
    URL per line."""
    _, sep, body = stdout.partition("\n\n")
    if not sep:
        raise ValueError("no header in Omega's output: %r" % stdout[:200])
    return [line for line in body.split("\n") if line]


def search(config, tree_name, text, depth):
    """URLs of the best `depth` hits of `text` in the tree's database."""
    env = dict(os.environ, OMEGA_CONFIG_FILE=config)
    env.pop("REQUEST_METHOD", None)
    cmd = [OMEGA_CGI, "P=" + text, "DB=" + tree_name, "FMT=" + TEMPLATE_NAME,
           "HITSPERPAGE=%d" % depth]
    done = subprocess.run(cmd, capture_output=True, env=env)
    if done.returncode != 0:
        raise RuntimeError("omega failed (%d) on %r: %s" % (done.returncode, text, done.stderr[-500:]))
    return parse_output(done.stdout.decode("utf-8", errors="replace"))
