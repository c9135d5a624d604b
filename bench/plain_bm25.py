"""The "plain Xapian BM25" peer of the known-item benchmark: an index of a
tree's mirror made by a plain Xapian TermGenerator, searched with the OR
of the query's words.

Exactly what it is:
  * one document per file of the mirror; its text is the file's content
    decoded as UTF-8 (bad bytes replaced), except HTML and SVG, whose tags,
    scripts and styles are removed (Python's html.parser; the <title> text
    is kept, as one more line of text). A file whose first 8 KiB hold a
    NUL byte is binary and skipped; PDF and PostScript files are skipped.
  * TermGenerator with Stem("english"), the default stemming strategy
    (unstemmed terms with positions, Z-prefixed stems), no stop words, and
    FLAG_CJK_NGRAM so that Chinese, Japanese and Korean text is indexed as
    n-grams (without it a run of CJK text is one term). One field: no
    title weighting, no other prefixes.
  * queries: lower-cased, parsed by QueryParser with the same stemmer,
    STEM_SOME, default operator OR, no stop words, and no syntax at all
    (flags 0: no phrases, no +/-, no boolean operators, no wildcards) but
    FLAG_CJK_NGRAM; ranked by Xapian's BM25 with its defaults (k1 = 1,
    k2 = 0, k3 = 1, b = 0.5), as the "bare Xapian" baseline of eval/README.md.

Needs python3-xapian (Debian package), imported only by the functions
that use it. The document data is the tree-relative installed path.
"""
import html.parser
import os

BINARY_PROBE = 8192
# Bump when the index built here changes, so that cached ones are rebuilt.
INDEX_VERSION = 1
SKIPPED_EXTENSIONS = (".pdf", ".ps", ".eps", ".pdf.gz", ".ps.gz")
MARKUP_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".svg")


class _TextOfMarkup(html.parser.HTMLParser):
    """Visible text of an HTML or SVG document: no tags, scripts or styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(name, data):
    """The text indexed for a file called `name` with content `data`
    (bytes), or None when the file is skipped (binary, PDF, PostScript)."""
    lower = name.lower()
    if lower.endswith(SKIPPED_EXTENSIONS) or b"\0" in data[:BINARY_PROBE]:
        return None
    text = data.decode("utf-8", errors="replace")
    if lower.endswith(MARKUP_EXTENSIONS):
        parser = _TextOfMarkup()
        parser.feed(text)
        parser.close()
        text = " ".join(parser.parts)
    return text


def build_index(mirror, manifest, db_path):
    """Indexes every file of the mirror listed in `manifest` ({mirror path:
    installed path}) into a new database at `db_path`. Returns (indexed,
    skipped) counts."""
    import xapian
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    generator.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    indexed = skipped = 0
    for mirrored in sorted(manifest):
        with open(os.path.join(mirror, mirrored), "rb") as f:
            text = text_of(mirrored, f.read())
        if text is None:
            skipped += 1
            continue
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(text)
        doc.set_data(manifest[mirrored])
        db.add_document(doc)
        indexed += 1
    db.commit()
    db.close()
    return indexed, skipped


class Searcher:
    """Runs queries against one plain BM25 database (one per thread)."""

    def __init__(self, db_path):
        import xapian
        self._xapian = xapian
        self.db = xapian.Database(db_path)
        self.parser = xapian.QueryParser()
        self.parser.set_stemmer(xapian.Stem("english"))
        self.parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.parser.set_default_op(xapian.Query.OP_OR)
        self.parser.set_database(self.db)

    def search(self, text, depth):
        """Installed paths of the best `depth` documents for `text`."""
        query = self.parser.parse_query(text.lower(), self._xapian.QueryParser.FLAG_CJK_NGRAM)
        enquire = self._xapian.Enquire(self.db)
        enquire.set_query(query)
        enquire.set_weighting_scheme(self._xapian.BM25Weight())
        return [m.document.get_data().decode("utf-8") for m in enquire.get_mset(0, depth)]


def document_count(db_path):
    import xapian
    return xapian.Database(db_path).get_doccount()
