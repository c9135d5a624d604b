// File: indexer/extract/markdown_extractor.h
// Markdown through cmark, the CommonMark reference parser: the text without
// its markup (emphasis marks, link targets, fences, raw HTML tags), with
// code kept as text; the title is the first heading, else the first line.
#ifndef QUARRY_INDEXER_EXTRACT_MARKDOWN_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_MARKDOWN_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class MarkdownExtractor : public Extractor {
 public:
  std::string_view name() const override { return "markdown"; }
  // 2: YAML front matter ("---" ... "---": title, author, date) is read as
  // fields, not text; without a heading, the first line only when it
  // reads as a title (title.h).
  int version() const override { return 2; }

  // Any text is valid Markdown; Unsupported only for binary content (NUL
  // bytes). Invalid UTF-8 is replaced by U+FFFD.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_MARKDOWN_EXTRACTOR_H_
