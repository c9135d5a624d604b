#include "indexer/extract/data_text_extractor.h"

#include "indexer/extract/plain_text_extractor.h"

namespace quarry::indexer {

StatusOr<std::vector<ExtractedDocument>> DataTextExtractor::Extract(std::string_view path,
                                                                    std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, content));
  // No title: the indexer names the document by its file (title.h).
  std::vector<ExtractedDocument> docs;
  docs.push_back(TextDocument(std::move(decoded), content));
  return docs;
}

}  // namespace quarry::indexer
