// File: indexer/extract/plain_text_extractor.h
// Plain text, Markdown and reStructuredText read as text: the title is the
// first heading (Markdown "#", reST underlined) or else the first line.
#ifndef QUARRY_INDEXER_EXTRACT_PLAIN_TEXT_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_PLAIN_TEXT_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class PlainTextExtractor : public Extractor {
 public:
  std::string_view name() const override { return "text"; }

  // Unsupported when the content holds NUL bytes (binary); invalid UTF-8
  // sequences are replaced by U+FFFD, never rejected.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// The title of a text: the first Markdown ATX heading or reST underlined
// heading when one comes before other text, else the first non-blank line;
// trimmed and cut to a readable length.
std::string TextTitle(std::string_view text);

// True when `content` looks like text: no NUL byte and valid UTF-8 (a
// multi-byte character cut at the end of a sample is allowed).
bool LooksLikeUtf8Text(std::string_view content);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_PLAIN_TEXT_EXTRACTOR_H_
