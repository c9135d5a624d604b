#!/usr/bin/env python3
"""Writes the format fixtures in this folder (their bytes are committed;
rerun only to change them). Needs python3 and the zstd command.

Each good fixture holds a word found nowhere else, which the end-to-end
test (tests/e2e/formats_test.cc) searches for. Broken fixtures: a damaged,
an encrypted and an image-only PDF, a truncated gzip file and a bomb.
"""
import bz2
import gzip
import lzma
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data, mtime=0)


def pdf(objects, info=None, encrypt=None):
    """A minimal PDF from object bodies (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % info
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" % encrypt
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(content, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(title, pages, encrypt=False):
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
    font = 3 + 2 * len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages)]
    for i, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        ops = b"BT /F1 12 Tf 72 720 Td 16 TL " + b" ".join(
            b"(" + line.encode("latin-1") + b") '" for line in lines) + b" ET"
        objects.append(stream(ops))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(b"<< /Title (" + title.encode("latin-1") + b") /Producer (make_fixtures.py) >>")
    info = len(objects)
    enc = None
    if encrypt:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 +
                       b"> /P -44 >>")
        enc = len(objects)
    return pdf(objects, info=info, encrypt=enc)


def image_only_pdf():
    image = stream(b"\x00\xff\xff\x00", b" /Type /XObject /Subtype /Image /Width 2 /Height 2 "
                   b"/ColorSpace /DeviceGray /BitsPerComponent 8")
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
                stream(b"q 200 0 0 200 72 500 cm /Im1 Do Q"),
                image])


HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Heron Migration Notes</title>
  <meta name="description" content="Seasonal flyways of the grey heron">
  <meta name="keywords" content="ornithology, wading birds, quillwort">
  <style>body { color: secretstyleword; }</style>
  <script>var secretscriptword = "never indexed";</script>
</head>
<body>
  <!-- secretcommentword is a comment -->
  <h1>Herons</h1>
  <p>The grey heron waits with <b>patience</b> at the caf&eacute; pond &amp; eats
     frogs; its cousin the <i>egret</i> prefers rivers &lt;not ponds&gt;.</p>
  <ul><li>First</li><li>Second</li></ul>
</body>
</html>
"""

LATIN1_HTML = ("""<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Cr\xe8me br\xfbl\xe9e</title></head>
<body><p>A dessert of custard with caramelised sugar: cr\xe8me br\xfbl\xe9e \x96 a French classic.</p></body></html>
""").encode("latin-1")

UTF16_HTML = "\ufeff<html><head><title>Zanzibar spice</title></head><body><p>Cloves from Zanzibar</p></body></html>\n".encode("utf-16-le")

XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta name="generator" content="hand"/></head>
<body><h1>Fallback Heading</h1><p>The xylophone has wooden bars.</p></body></html>
"""

NO_EXTENSION_HTML = """<!DOCTYPE html>
<html><head><title>Marmalade Recipe</title></head>
<body><p>Seville oranges make the best marmalade.</p><script>document.write("secretscriptword")</script></body></html>
"""

MARKDOWN = """# Pelican Field Guide

The **brown pelican** dives for fish; see [the survey](http://example.com/hiddenurlword).

```python
def kingfisher():
    return "code stays searchable"
```

- item with `inline code`
"""

RST = """.. SPDX-License-Identifier: GPL-2.0

.. _cormorant-label:

==============
Cormorant Care
==============

Cormorants such as the :ref:`guanay <guanay-label>` dry their wings in the sun.

.. note:: They dive deep.

.. code-block:: c
   :linenos:

   int dive(void);
"""

write("page.html", HTML)
write("latin1.html", LATIN1_HTML)
write("utf16.html", UTF16_HTML)
write("heading.xhtml", XHTML)
write("homepage", NO_EXTENSION_HTML)
write("notes.md", MARKDOWN)
write("cormorant.rst", RST)
write("notes.weird", "Heliotrope flowers smell of vanilla.\n")
write("report.pdf", text_pdf("Albatross Survey 2024",
                             [["The wandering albatross glides for hours.",
                               "Procellariiform seabirds drink salt water."],
                              ["Second page: the storm petrel."]]))
write("encrypted.pdf", text_pdf("Secret Survey", [["Lockedword is behind a password."]], encrypt=True))
write("scanned.pdf", image_only_pdf())
write("damaged.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\n\x00\x13garbage" * 4)
write("program.bin", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + bytes(range(256)))

write("manual.html.gz", gz("<html><head><title>Puffin Handbook</title></head>"
                           "<body><p>Atlantic puffins nest in burrows.</p><script>secretscriptword</script></body></html>\n"))
write("README.gz", gz("Ptarmigan notes\n\nThe ptarmigan turns white in winter.\n"))
write("changelog.md.bz2", bz2.compress(b"# Tern Colony\n\nThe black *skimmer* shares the beach.\n"))
write("osprey.txt.xz", lzma.compress(b"Osprey sightings\n\nAn osprey caught a trout.\n"))
zst = subprocess.run(["zstd", "-q", "-c", "-19"], input=b"Flamingo Lake\n==============\n\nFlamingos filter shrimp.\n",
                     check=True, capture_output=True).stdout
write("flamingo.rst.zst", zst)
full = gz("Truncated gzip\n" + "The lost word is quetzal.\n" * 200)
write("truncated.txt.gz", full[: len(full) // 2])
bomb = subprocess.run(["zstd", "-q", "-c", "-19"], input=b"\x00" * (1 << 30), check=True,
                      capture_output=True).stdout
write("bomb.txt.zst", bomb)
