// File: indexer/extract/epub_extractor.h
// EPUB e-books (2 and 3) through libarchive (zip_package.h) and pugixml
// (xml_document.h): the package document (OPF) named by
// META-INF/container.xml gives the chapters in spine order, each read by
// the HTML extractor (its visible text), one paragraph apart. Title
// (dc:title), author (every dc:creator, joined by ", ") and date (dc:date,
// the book's own, else dcterms:modified) come from the OPF metadata;
// without a title, the first chapter's.
#ifndef QUARRY_INDEXER_EXTRACT_EPUB_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_EPUB_EXTRACTOR_H_

#include <cstdint>

#include "indexer/extract/extractor.h"
#include "indexer/extract/html_extractor.h"

namespace quarry::indexer {

class EpubExtractor : public Extractor {
 public:
  // Reads at most `max_expanded_bytes` of the book's chapters and metadata.
  explicit EpubExtractor(uint64_t max_expanded_bytes) : max_expanded_bytes_(max_expanded_bytes) {}

  std::string_view name() const override { return "epub"; }

  // Unsupported for a book whose chapters are encrypted (DRM), for parts
  // past the size cap, and for a package without an OPF; DataLoss for a
  // damaged ZIP package or OPF. A chapter that is missing is left out.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;

 private:
  uint64_t max_expanded_bytes_;
  HtmlExtractor html_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_EPUB_EXTRACTOR_H_
