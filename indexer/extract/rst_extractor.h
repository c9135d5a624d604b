// File: indexer/extract/rst_extractor.h
// reStructuredText read as text with its most visible markup removed
// (common/text/rst_text.h: section underlines and overlines, comments such
// as SPDX headers, hyperlink targets, directive lines and their options,
// roles (:func:`name` -> name) and link targets (`text <url>`_ -> text)).
// The title is the first underlined heading wherever it is, else the first
// line.
#ifndef QUARRY_INDEXER_EXTRACT_RST_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_RST_EXTRACTOR_H_

#include <string>
#include <string_view>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class RstExtractor : public Extractor {
 public:
  std::string_view name() const override { return "rst"; }
  // 2: without a section title, the first line only when it reads as a
  // title (title.h).
  int version() const override { return 2; }

  // Unsupported only for binary content (NUL bytes); invalid UTF-8 is
  // replaced by U+FFFD.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// The text of the first section title (a line followed by an underline of
// one repeated punctuation character at least as long); empty when none.
std::string RstSectionTitle(std::string_view text);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_RST_EXTRACTOR_H_
