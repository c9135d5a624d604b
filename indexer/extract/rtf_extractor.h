// File: indexer/extract/rtf_extractor.h
// Rich Text Format: the text of the document without control words, in the
// code page it declares (\ansicpg, Windows-1252 by default; \'hh bytes
// and \uN characters decoded), paragraphs, lines and table rows a line
// each, cells separated by tabs; font, colour and style tables, pictures,
// objects, field instructions and other destinations that are no text
// are skipped. Title (\title), author (\author) and date (\revtim, else
// \creatim) from the \info group. By extension .rtf, and by content
// ("{\rtf" at the start).
#ifndef QUARRY_INDEXER_EXTRACT_RTF_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_RTF_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class RtfExtractor : public Extractor {
 public:
  std::string_view name() const override { return "rtf"; }

  // Never fails on malformed RTF (unbalanced groups, unknown words); groups
  // nested deeper than a bound are read as one level. Unsupported for
  // content that does not start with "{\rtf".
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// True when `sample` (a file's first bytes) starts an RTF document.
bool LooksLikeRtf(std::string_view sample);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_RTF_EXTRACTOR_H_
