#include "indexer/extract/rst_extractor.h"

#include "common/text/rst_text.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/title.h"

namespace quarry::indexer {

std::string RstSectionTitle(std::string_view text) {
  std::string title = RstFirstSectionTitle(text);
  // A table's border can look like an underlined line ("+----+").
  return ReadsAsTitle(title) ? TextTitle(title) : std::string();
}

StatusOr<std::vector<ExtractedDocument>> RstExtractor::Extract(std::string_view path,
                                                               std::string_view raw) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, raw));
  ExtractedDocument doc;
  doc.encoding = decoded.encoding;
  doc.body = RstPlainText(decoded.text);
  doc.title = RstSectionTitle(decoded.text);
  if (doc.title.empty()) doc.title = FirstLineTitle(doc.body);
  // The file as read is the text: the searcher can derive the body again.
  if (decoded.text == raw) doc.text_in_file = FileText::kRst;
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer
