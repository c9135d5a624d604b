// File: indexer/extract/html_extractor.h
// Markup through gumbo, a conforming HTML5 parser.
// HTML and XHTML: only the text a reader sees is kept (no script, style,
// template or comments; entities decoded), the title comes from <title> or
// else the first <h1>, and <meta name="description">, <meta
// name="keywords"> and <meta name="author"> become fields, and <meta
// name="dcterms.modified"> (else "dcterms.date", "date", "DC.date") the
// document's date.
// SVG drawings: only the text they show or declare (<text>, <tspan>,
// <textPath>, <title>, <desc>, <foreignObject>), never their coordinates,
// paths or styles; the title is the first <title>, else the file's name.
#ifndef QUARRY_INDEXER_EXTRACT_HTML_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_HTML_EXTRACTOR_H_

#include <string>
#include <string_view>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class HtmlExtractor : public Extractor {
 public:
  std::string_view name() const override { return "html"; }
  // 2: <meta> author and date.
  int version() const override { return 2; }

  // Decodes the page from the charset its byte-order mark or <meta> tag
  // declares (detected when none; common/text/encoding.h) and records it.
  // Never fails on malformed markup (HTML5 parsing recovers from anything);
  // Unsupported when the content holds NUL bytes outside UTF-16/32 (binary).
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

class SvgExtractor : public Extractor {
 public:
  std::string_view name() const override { return "svg"; }

  // Decoded as HTML is (an SVG file is XML, UTF-8 unless it says
  // otherwise). Never fails on malformed markup; Unsupported for binary
  // content.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// The character encoding HTML bytes declare, lower case: from a byte-order
// mark ("utf-8", "utf-16le", "utf-16be"), else from a <meta charset> or
// <meta http-equiv="Content-Type" content="...; charset=..."> within the
// first 1024 bytes, as HTML5's prescan does; empty when none is declared.
std::string DeclaredHtmlCharset(std::string_view content);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_HTML_EXTRACTOR_H_
