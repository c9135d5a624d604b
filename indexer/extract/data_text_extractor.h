// File: indexer/extract/data_text_extractor.h
// Data kept as text (JSON, CSV, TSV): every key and value searchable as
// text, like plain text, but titled by the file ("birds.csv (survey)"):
// a header row or an opening brace names nothing (title.h).
#ifndef QUARRY_INDEXER_EXTRACT_DATA_TEXT_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_DATA_TEXT_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class DataTextExtractor : public Extractor {
 public:
  std::string_view name() const override { return "data"; }

  // Decodes the content as plain text is decoded (common/text/encoding.h)
  // and leaves the title to the file's name. Unsupported for binary
  // content.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_DATA_TEXT_EXTRACTOR_H_
