// File: indexer/extract/tex_extractor.h
// TeX and LaTeX sources: the text without commands. The body of a LaTeX
// document (what \begin{document} starts; a whole file without it, e.g. a
// chapter \input by another), headings and the text arguments of commands
// (\emph{word} is the word), accents and special characters as the reader
// sees them (\'e is é, -- a dash, ~ a space), verbatim environments as
// written; comments, math, the preamble and arguments that are no text
// (\label, \cite, \usepackage, lengths...) are left out. Title (\title),
// author (\author, several joined by ", ") and date (\date, when it is an
// ISO date) from the document. By extension (.tex, .ltx, .latex) and by
// content (\documentclass or \documentstyle at the start of a line).
#ifndef QUARRY_INDEXER_EXTRACT_TEX_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_TEX_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class TexExtractor : public Extractor {
 public:
  std::string_view name() const override { return "tex"; }

  // Decodes the source (UTF-8, or a legacy encoding detected). Never fails
  // on malformed TeX (unbalanced braces, unknown commands); braces nested
  // deeper than a bound are read as one level. Unsupported for binary
  // content.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// True when `sample` (a file's first bytes) holds a line starting with
// \documentclass or \documentstyle (after blanks and comment lines).
bool LooksLikeLatex(std::string_view sample);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_TEX_EXTRACTOR_H_
