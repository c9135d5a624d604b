"""omindex configured to index the files Quarry indexes, for like-for-like
benchmarks (issue 21): every extension whose files are text is mapped to a
MIME type omindex reads (text/plain for formats it has no filter for, such
as reST and Markdown), so that omindex neither skips them nor asks libmagic
about each one; files without an extension are typed by libmagic, as Quarry
types them by content. Binary extensions are left alone (omindex skips them,
as Quarry does).

Used by bench/speed.py and bench/growth.py:

    import omindex_fair
    args = omindex_fair.mime_args(tree)       # ["--mime-type=rst:text/plain", ...]
    subprocess.run(["omindex", "--db", db, "--url", "/"] + args + [tree])
"""
import os

# Extensions omindex reads with a filter of its own: left to it.
OWN = {"html": "text/html", "htm": "text/html", "xhtml": "application/xhtml+xml",
       "pdf": "application/pdf", "svg": "image/svg+xml", "txt": "text/plain",
       "text": "text/plain"}

# Compressed files: Quarry reads .gz/.bz2/.xz/.zst; omindex 1.4 does not
# decompress them, so a tree is given to both decompressed.
SNIFF_BYTES = 8192


def _is_text(path):
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError:
        return False
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sample is still text.
        return error.start >= len(head) - 3 or _mostly_printable(head)


def _mostly_printable(head):
    printable = sum(1 for b in head if b in (9, 10, 13) or 32 <= b < 127 or b >= 128)
    return printable >= 0.95 * len(head)


def extension_types(tree):
    """{extension: MIME type} for every extension under `tree` whose files
    are text (judged by the first file met with it), plus omindex's own."""
    verdict = {}
    for root, _, names in os.walk(tree):
        for name in names:
            dot = name.rfind(".")
            if dot <= 0:
                continue
            ext = name[dot + 1:].lower()
            if ext in verdict:
                continue
            if ext in OWN:
                verdict[ext] = OWN[ext]
            else:
                verdict[ext] = "text/plain" if _is_text(os.path.join(root, name)) else None
    return {ext: kind for ext, kind in verdict.items() if kind}


def mime_args(tree):
    """omindex options mapping the text extensions of `tree`."""
    return ["--mime-type=%s:%s" % (ext, kind) for ext, kind in sorted(extension_types(tree).items())
            if ext not in OWN]
