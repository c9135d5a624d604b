#!/usr/bin/env python3
"""Writes the document fixtures in this folder: office files, e-books,
man pages, RTF, TeX and the title cases of issue 18. Their bytes are
committed, so tests never need this script or pandoc; rerun it only to
change them. Needs python3, pandoc and zip (Debian's).

Each good fixture holds words found nowhere else, which the unit tests
(tests/unit/indexer/extract/*_extractor_test.cc) and the end-to-end test
(tests/e2e/documents_test.cc) search for. Hostile and broken fixtures: a
zip bomb, a truncated and a non-ZIP "docx", an encrypted docx (an OLE
file, as Office writes them), a docx whose ZIP members are encrypted, an
encrypted odt, a DRM'd epub.
"""
import gzip
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Fixed times, so that reruns write the same bytes where the tools allow.
ZIP_TIME = (2021, 4, 5, 12, 0, 0)
os.environ["SOURCE_DATE_EPOCH"] = "1617624000"  # 2021-04-05T12:00:00Z


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def package(members, first_stored=None):
    """A ZIP package from (name, text) pairs, in that order; `first_stored`
    is a member written first and uncompressed (ODF's and EPUB's mimetype)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        if first_stored:
            info = zipfile.ZipInfo(first_stored[0], ZIP_TIME)
            z.writestr(info, first_stored[1], compress_type=zipfile.ZIP_STORED)
        for name, text in members:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            z.writestr(info, text, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pandoc(markdown, fmt, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.md")
        dst = os.path.join(tmp, "out." + fmt)
        with open(src, "w", encoding="utf-8") as f:
            f.write(markdown)
        subprocess.run(["pandoc", src, "-o", dst, *extra], check=True)
        with open(dst, "rb") as f:
            return f.read()


# ---------------------------------------------------------------- pandoc
REPORT_MD = """---
title: The Bittern Report
author: Ada Lovelace
date: 2021-04-05
---

# Marshland birds

The **bittern** booms across the reedbed[^1].

| Bird | Call |
|------|------|
| bittern | boom |
| rail | squeal |

## Second heading

Closing words about sedgewarblers.

[^1]: A footnote about phragmites.
"""

SLIDES_MD = """---
title: Wader Migration
author: Grace Hopper
---

# Godwits

Godwits fly nonstop across the Pacific.

::: notes
Speaker notes mention whimbrels.
:::

# Knots

Red knots refuel on horseshoe crab eggs.

# Dunlins

Dunlins gather in murmurations.
"""

BOOK_MD = """---
title: Tales of the Estuary
author:
- Mary Shelley
- Percy Shelley
date: 2019-11-02
---

# The Avocet

The avocet sweeps its upturned bill through the mudflat.

# The Oystercatcher

An oystercatcher hammers at cockleshells until dusk.
"""


# ------------------------------------------------------------- OOXML by hand
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG_RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


def rels(items):
    body = "".join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % (i, REL, t, target)
                   for i, t, target in items)
    return '<?xml version="1.0" encoding="UTF-8"?><Relationships %s>%s</Relationships>' % (
        PKG_RELS_NS, body)


def core(title, creator, modified):
    parts = []
    if title:
        parts.append("<dc:title>%s</dc:title>" % title)
    if creator:
        parts.append("<dc:creator>%s</dc:creator>" % creator)
    if modified:
        parts.append('<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>' % modified)
    return ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">%s</cp:coreProperties>' % "".join(parts))


def package_rels(main):
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships %s>'
            '<Relationship Id="rId1" Type="%sofficeDocument" Target="%s"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>' % (PKG_RELS_NS, REL, main))


def wp(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return "<w:p>%s<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % (ppr, text)


def word_part(root, body):
    return '<?xml version="1.0" encoding="UTF-8"?><w:%s %s %s>%s</w:%s>' % (root, W, R_NS, body, root)


def memo_docx():
    """A Word document with what pandoc cannot write: a header and a footer,
    tracked deletions, a field code, a German-named Title style, a text box
    with its fallback copy, and no title in its properties."""
    body = (
        wp("Quarterly Plover Census", style="Titel")
        + wp("Ignored heading", style="Heading1")
        + "<w:p><w:r><w:t>The </w:t></w:r><w:r><w:t>lap</w:t></w:r><w:r><w:t>wing</w:t></w:r>"
          "<w:del><w:r><w:delText>scrapped</w:delText></w:r></w:del>"
          "<w:r><w:instrText> PAGEREF fieldcode </w:instrText></w:r>"
          "<w:r><w:t xml:space=\"preserve\"> count rose</w:t><w:tab/><w:t>sharply.</w:t></w:r></w:p>"
        + "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
          "<mc:Choice><w:drawing><w:txbxContent>" + wp("Textbox turnstone") + "</w:txbxContent></w:drawing></mc:Choice>"
          "<mc:Fallback><w:pict><w:txbxContent>" + wp("Textbox turnstone") + "</w:txbxContent></w:pict></mc:Fallback>"
          "</mc:AlternateContent></w:r></w:p>"
        + "<w:tbl><w:tr><w:tc>" + wp("cell dotterel") + "</w:tc><w:tc>" + wp("cell killdeer")
        + "</w:tc></w:tr></w:tbl>"
    )
    styles = ('<?xml version="1.0" encoding="UTF-8"?><w:styles %s>'
              '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
              '</w:styles>' % W)
    doc_rels = rels([("rId1", "styles", "styles.xml"), ("rId2", "header", "header1.xml"),
                     ("rId3", "footer", "footer1.xml")])
    return package([
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("_rels/.rels", package_rels("word/document.xml")),
        ("word/document.xml", word_part("document", "<w:body>%s</w:body>" % body)),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/styles.xml", styles),
        ("word/header1.xml", word_part("hdr", wp("Header sanderling"))),
        ("word/footer1.xml", word_part("ftr", wp("Footer stilt"))),
        ("docProps/core.xml", core(None, "Rachel Carson", "2022-03-14T15:09:26Z")),
    ])


def ledger_xlsx():
    """A workbook whose sheets are listed Summer then Winter, while the ZIP
    holds sheet2 (Winter) before sheet1 (Summer)."""
    x = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook %s %s><sheets>'
                '<sheet name="Summer" sheetId="1" r:id="rId1"/><sheet name="Winter" sheetId="2" r:id="rId2"/>'
                '</sheets></workbook>' % (x, R_NS))
    wb_rels = rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                    ("rId2", "worksheet", "worksheets/sheet2.xml"),
                    ("rId3", "sharedStrings", "sharedStrings.xml")])
    shared = ('<?xml version="1.0" encoding="UTF-8"?><sst %s count="3" uniqueCount="3">'
              '<si><t>Species</t></si><si><t>Count</t></si>'
              '<si><r><t>green</t></r><r><t>shank</t></r><rPh><t>PHONETIC</t></rPh></si></sst>' % x)

    def sheet(rows):
        return ('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>'
                % (x, "".join("<row>%s</row>" % r for r in rows)))
    summer = sheet(['<c t="s"><v>0</v></c><c t="s"><v>1</v></c>',
                    '<c t="s"><v>2</v></c><c><v>42</v></c>'])
    winter = sheet(['<c t="inlineStr"><is><t>redpoll</t></is></c><c><v>7.5</v></c>',
                    '<c t="str"><v>brambling</v></c><c t="b"><v>1</v></c>'])
    return package([
        ("_rels/.rels", package_rels("xl/workbook.xml")),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/sharedStrings.xml", shared),
        ("xl/worksheets/sheet2.xml", winter),
        ("xl/worksheets/sheet1.xml", summer),
        ("docProps/core.xml", core("Garden Bird Ledger", "Gilbert White", "2023-01-02T03:04:05Z")),
    ])


def reordered_pptx(pptx):
    """The pandoc deck with its slides' ZIP entries in reverse order, so that
    only the presentation's list gives their order."""
    src = zipfile.ZipFile(io.BytesIO(pptx))
    names = src.namelist()
    slides = sorted((n for n in names if n.startswith("ppt/slides/slide")), reverse=True)
    rest = [n for n in names if n not in slides]
    return package([(n, src.read(n)) for n in slides + rest])


# --------------------------------------------------------------- ODF by hand
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')


def odf(mimetype, body, meta="", styles=None, manifest_extra=""):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s>'
               '<office:body>%s</office:body></office:document-content>' % (ODF_NS, body))
    meta_xml = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta %s>'
                '<office:meta>%s</office:meta></office:document-meta>' % (ODF_NS, meta))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest %s>'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">%s'
                '</manifest:file-entry></manifest:manifest>' % (ODF_NS, mimetype, manifest_extra))
    members = [("content.xml", content), ("meta.xml", meta_xml), ("META-INF/manifest.xml", manifest)]
    if styles:
        members.append(("styles.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-styles %s>'
                        '%s</office:document-styles>' % (ODF_NS, styles)))
    return package(members, first_stored=("mimetype", mimetype))


def budget_ods():
    def row(*cells):
        return "<table:table-row>%s</table:table-row>" % "".join(
            "<table:table-cell><text:p>%s</text:p></table:table-cell>" % c for c in cells)
    body = ('<office:spreadsheet>'
            '<table:table table:name="Feeders">%s%s<table:table-row><table:table-cell '
            'table:number-columns-repeated="1000"/></table:table-row></table:table>'
            '<table:table table:name="Nestboxes">%s</table:table>'
            '</office:spreadsheet>') % (row("Suet", "12"), row("Nyjer", "7"), row("Wrenhouse", "3"))
    meta = ('<meta:initial-creator>John Clare</meta:initial-creator><dc:creator>Someone Else</dc:creator>'
            '<dc:date>2020-02-29T10:11:12.123456789</dc:date>')
    return odf("application/vnd.oasis.opendocument.spreadsheet", body, meta)


def deck_odp():
    def page(name, title, text, notes):
        return ('<draw:page draw:name="%s"><draw:frame presentation:class="title"><draw:text-box>'
                '<text:p>%s</text:p></draw:text-box></draw:frame><draw:frame presentation:class="outline">'
                '<draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>'
                '<presentation:notes><draw:frame><draw:text-box><text:p>%s</text:p></draw:text-box>'
                '</draw:frame></presentation:notes></draw:page>') % (name, title, text, notes)
    body = "<office:presentation>%s%s</office:presentation>" % (
        page("p1", "Heron Nesting", "Herons nest in heronries.", "Notes mention egretry."),
        page("p2", "Heron Feeding", "Herons stalk minnows.", "Notes mention bitternling."))
    return odf("application/vnd.oasis.opendocument.presentation", body,
               "<dc:creator>Charles Darwin</dc:creator>")


def minutes_ott():
    body = ('<office:text><text:p text:style-name="Subtitle">Not the title</text:p>'
            '<text:h text:outline-level="1">Committee   Minutes</text:h>'
            '<text:p>Members<text:s text:c="2"/>discussed the<text:tab/>grebe<text:line-break/>survey'
            '<text:note><text:note-citation>1</text:note-citation><text:note-body>'
            '<text:p>Footnote about dabchicks.</text:p></text:note-body></text:note>.</text:p>'
            '<text:tracked-changes><text:changed-region><text:deletion><text:p>deletedword</text:p>'
            '</text:deletion></text:changed-region></text:tracked-changes>'
            '</office:text>')
    styles = ('<office:master-styles><style:master-page style:name="Standard"><style:header>'
              '<text:p>Header coot</text:p></style:header><style:footer><text:p>Footer moorhen</text:p>'
              '</style:footer></style:master-page></office:master-styles>')
    return odf("application/vnd.oasis.opendocument.text-template", body, "", styles)


def sketch_odg():
    body = ('<office:drawing><draw:page draw:name="page1"><draw:custom-shape><text:p>Shape labelled '
            'shoveler</text:p></draw:custom-shape></draw:page></office:drawing>')
    return odf("application/vnd.oasis.opendocument.graphics", body,
               "<dc:title>Duck Diagram</dc:title>")


def encrypted_odt():
    return odf("application/vnd.oasis.opendocument.text", "<office:text><text:p>secret</text:p></office:text>",
               manifest_extra='<manifest:encryption-data manifest:checksum-type="SHA1" manifest:checksum="x">'
                              '<manifest:algorithm manifest:algorithm-name="Blowfish CFB"/></manifest:encryption-data>')


# ------------------------------------------------------------ EPUB hostile
def drm_epub(epub):
    src = zipfile.ZipFile(io.BytesIO(epub))
    chapter = next(n for n in src.namelist() if n.endswith("ch001.xhtml"))
    encryption = ('<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                  'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                  '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                  '<enc:CipherData><enc:CipherReference URI="%s"/></enc:CipherData></enc:EncryptedData>'
                  '</encryption>' % chapter)
    members = [(n, src.read(n)) for n in src.namelist() if n != "mimetype"]
    members.append(("META-INF/encryption.xml", encryption))
    return package(members, first_stored=("mimetype", "application/epub+zip"))


def bomb_docx():
    """A docx whose document part expands to 70 MB of empty paragraphs,
    more than the default --max-file-size of 64 MB, from about 70 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo("_rels/.rels", ZIP_TIME), package_rels("word/document.xml"))
        info = zipfile.ZipInfo("word/document.xml", ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as f:
            f.write(('<?xml version="1.0"?><w:document %s><w:body>' % W).encode())
            chunk = b"<w:p/>" * (1 << 20)
            for _ in range(12):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return out.getvalue()


def zip_encrypted_docx(docx):
    """The docx with its members encrypted by zip -P (ZipCrypto)."""
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(io.BytesIO(docx)).extractall(tmp)
        out = os.path.join(tmp, "out.docx")
        subprocess.run(["zip", "-q", "-r", "-X", "-P", "secret", out, "."], cwd=tmp, check=True)
        with open(out, "rb") as f:
            return f.read()


# ------------------------------------------------------------- man pages
# man(7) macros, font escapes around words, special characters, a tbl
# table, a string, conditionals nroff reads and troff would not, an .ig
# block and eqn (neither is text).
TARN_8 = r"""'\" t
.\" Generated by hand for Quarry's tests.
.ds Qx quillstring
.TH TARN 8 "2021-04-05" "tarn 1.0" "System Administration"
.SH NAME
tarn \- mount a tarn of herons
.SH SYNOPSIS
.B tarn
[\fB\-o\fR \fIoptions\fR] \fIdevice\fR
.SH DESCRIPTION
The \fBnoatime\fR option keeps \fIaccess\fP times
from being written\(emthe \fBnoatime\fR flag again\(emand
.BR fstab (5)
lists it; \*(Qx appears once.
.if n .ds Wd nroffword
.if t .ds Wd troffword
The word is \*(Wd.
.ie n \{\
Shown by nroff: pochard.
.\}
.el \{\
Hidden troff text: gadwall.
.\}
.ig
ignoredblock heronry
..
.EQ
x sup 2 eqnword
.EN
.TS
tab(;);
l l.
Name;Call
Bittern;boom\fB!\fR
T{
Long cell about
the grebe
T};dive
.TE
.SS Options
.TP
.B \-o noatime
Do not update \s-1ACCESS\s0 times; see
.UR https://example.org/tarn
the tarn site
.UE .
.SH "SEE ALSO"
.BR mount (8)
"""

# mdoc(7) macros, as BSD and OpenSSH pages are written.
HERONCTL_1 = r""".Dd $Mdocdate: April 5 2021 $
.Dt HERONCTL 1
.Os
.Sh NAME
.Nm heronctl
.Nd control a heronry
.Sh SYNOPSIS
.Nm heronctl
.Op Fl v
.Op Fl f Ar file
.Ar command
.Sh DESCRIPTION
The
.Nm
utility feeds the
.Dq egret
and the
.Em spoonbill .
Options:
.Bl -tag -width Ds
.It Fl f Ar file
Read the
.Pa /etc/heronry.conf
file, see
.Xr heronry.conf 5 .
.El
.Ex -std
"""

# What Pod::Man writes before .TH: definitions, strings set in
# conditionals, index entries.
POD_3PM = r""".\" Automatically generated by Pod::Man 4.14 (Pod::Simple 3.43)
.de Sp \" Vertical space (when we can't use .PP)
.if t .sp .5v
.if n .sp
..
.de Vb \" Begin verbatim text
.ft CW
.nf
.ne \\$1
..
.ie \n(.g .ds Aq \(aq
.el       .ds Aq '
.ie n \{\
.    ds C` ""
.    ds C' ""
'br\}
.el\{\
.    ds C`
.    ds C'
'br\}
.if (\n(rF:(\n(.g==0)) \{\
.    if \nF \{\
.        de IX
.        tm Index:\\$1\t\\n%\t"\\$2"
..
.    \}
.\}
.IX Title "Heron::Nest 3pm"
.TH Heron::Nest 3pm "2021-04-05" "perl v5.36.0" "User Contributed Perl Documentation"
.SH "NAME"
Heron::Nest \- build nests of twigs
.SH "SYNOPSIS"
.IX Header "SYNOPSIS"
.Vb 2
\&  use Heron::Nest;
\&  my $nest = Heron::Nest\->new(twigs => 40);
.Ve
.SH "DESCRIPTION"
Nests hold \*(C`eggs\*(C' and it\*(Aqs dusk.
"""


# ------------------------------------------------------------- RTF, TeX
# Windows-1252 bytes (\'e9), Unicode with a fallback (\u8364?), a table,
# a footnote, a field (its instruction is no text, its result is), a
# picture in hex, tables of fonts and colours, and the \info group.
WREN_RTF = (r"{\rtf1\ansi\ansicpg1252\deff0"
            r"{\fonttbl{\f0\froman Times New Roman;}{\f1 Fonttablename;}}"
            r"{\colortbl;\red255\green0\blue0;}"
            r"{\stylesheet{\s1 Stylesheetname;}}"
            r"{\info{\title The Wren\'e9 Notebook}{\author Beatrix Potter}"
            r"{\creatim\yr2018\mo3\dy2\hr9\min5}{\revtim\yr2020\mo7\dy14\hr16\min30}"
            r"{\operator Operatorname}}" "\n"
            r"\pard\plain\f0\fs24 The {\b wren} sings in caf\'e9s"
            r" for \u8364?5 \emdash cheaply.\par" "\n"
            r"A field: {\field{\*\fldinst HYPERLINK \"http://fieldinstruction.example\"}"
            r"{\fldrslt linked warbler}}.\par"
            r"{\pict\pngblip 89504e470d0a1a0a}"
            r"\trowd\cellx1000\cellx2000 nuthatch\cell treecreeper\cell\row "
            r"Footnoted{\footnote\pard Footnote firecrest.} text.\par"
            r"{\*\generator Generatorname;}"
            r"}")

# A LaTeX article: preamble, title, author, date, sections, accents,
# dashes, quotes, math, a verbatim block, a table, a list, comments,
# references.
ROOKERY_TEX = r"""\documentclass[11pt]{article}
\usepackage{preamblepackage}
\newcommand{\macrodef}{macrobody}
\title{Rooks of the \emph{Rookery}}
\author{Gilbert White \and Thomas Bewick\thanks{Thanksnote}}
\date{2017-06-01}
\begin{document}
\maketitle
% A comment about commentword.
\section{Nesting Habits}\label{sec:labelword}
Rooks nest in colonies, na\"ive to \'etude---and \emph{jackdaws} join them~\cite{citekey}.
``Quoted'' text costs 5\% of 10--20 crowns.
Math $x^2 + mathword$ and \[ displaymathword \] vanish.
\begin{equation}
  equationword = 1
\end{equation}
\begin{verbatim}
verbatim_identifier(42)
\end{verbatim}
\begin{tabular}{|l|r|}
magpie & 3 \\
\end{tabular}
\begin{itemize}
\item[Label] chough
\item raven
\end{itemize}
\subsection*{Roosting}
Winter roosts hold thousands.
\end{document}
Text after the end: afterword.
"""


# ---------------------------------------------------------------- titles
# Files whose first line names nothing (issue 18, item 7), in folders, as
# /usr/share/doc holds them.
TITLE_FILES = {
    "titles/vim/copyright": "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
                            "Upstream-Name: Vim\nLicense: vimlicence\n",
    "titles/vim/changelog.Debian.gz": None,  # written gzipped below
    "titles/zlib/examples/enough.c": "#include <stdio.h>\n/* huffmantables */\nint main(void) { return 0; }\n",
    "titles/perl/tool": "#!/usr/bin/perl\nprint \"perlscriptword\\n\";\n",
    "titles/survey/birds.csv": "Species,Count\nsmew,4\n",
    "titles/survey/config.json": "{\n  \"jsonkeyword\": true\n}\n",
    "titles/films/heron.en.srt": "1\n00:00:01,000 --> 00:00:04,000\n<i>The heron</i> stands in the shallows.\n\n"
                                "2\n00:00:05,000 --> 00:00:08,000\nSubtitled sandpipers scatter.\n",
    "titles/films/heron.vtt": "WEBVTT - heron film\n\nNOTE not dialogue: vttnoteword\n\n"
                              "00:01.000 --> 00:04.000 align:start\n<c.yellow>Captioned curlews</c> call.\n",
    "titles/notes/plain.txt": "\n\nHerons of the Marsh\nA plain text with a real first line.\n",
}


def main():
    report = pandoc(REPORT_MD, "docx")
    write("report.docx", report)
    write("report.odt", pandoc(REPORT_MD, "odt"))
    write("slides.pptx", reordered_pptx(pandoc(SLIDES_MD, "pptx")))
    book = pandoc(BOOK_MD, "epub", ["--epub-chapter-level=1"])
    write("estuary.epub", book)
    write("memo.docm", memo_docx())
    write("ledger.xlsx", ledger_xlsx())
    write("budget.ods", budget_ods())
    write("deck.odp", deck_odp())
    write("minutes.ott", minutes_ott())
    write("sketch.odg", sketch_odg())
    # Hostile and broken.
    write("bomb.docx", bomb_docx())
    write("truncated.docx", report[: len(report) // 2])
    write("notzip.docx", "This is plain text with a docx name.\n")
    write("encrypted.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504) + b"EncryptedPackage")
    write("password.docx", zip_encrypted_docx(report))
    write("encrypted.odt", encrypted_odt())
    write("drm.epub", drm_epub(book))
    # Man pages: plain, gzipped, mdoc, Pod::Man, a .so link, and a rotated
    # log named like a man page (text, not roff).
    write("tarn.8", TARN_8)
    write("heronctl.1.gz", gzip.compress(HERONCTL_1.encode(), mtime=0))
    write("Heron::Nest.3pm", POD_3PM)
    write("egretctl.1", ".so man1/heronctl.1\n")
    write("syslog.1", "Apr  5 12:00:00 host kernel: rotated log line with marsh\n")
    write("wren.rtf", WREN_RTF)
    write("rookery.tex", ROOKERY_TEX)
    for name, text in TITLE_FILES.items():
        os.makedirs(os.path.join(HERE, os.path.dirname(name)), exist_ok=True)
        if text is not None:
            write(name, text)
    write("titles/vim/changelog.Debian.gz",
          gzip.compress(b"vim (2:9.0.1378-2) bookworm; urgency=high\n\n  * Changelogword fix.\n", mtime=0))


if __name__ == "__main__":
    main()
