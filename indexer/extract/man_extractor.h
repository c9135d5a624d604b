// File: indexer/extract/man_extractor.h
// Man pages from their roff source (roff_text.h), in-process: by content
// (LooksLikeManPage: any file name, gzipped or not, e.g. mount.8.gz,
// openssl.1ssl, or a page without an extension) and by the extension .man.
// The title is "name(section) — description" from the NAME section
// ("mount(8) — mount a filesystem"); a page that only includes another
// (.so) is titled by its file and says which page it shows.
#ifndef QUARRY_INDEXER_EXTRACT_MAN_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_MAN_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class ManExtractor : public Extractor {
 public:
  std::string_view name() const override { return "man"; }

  // Decodes the source from its encoding (common/text/encoding.h: UTF-8,
  // or a legacy one detected); never fails on malformed roff. Unsupported
  // for binary content.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// "name(section) — description", "name(section)" without a description,
// "name" without a section.
std::string ManPageTitle(std::string_view name, std::string_view section,
                         std::string_view description);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_MAN_EXTRACTOR_H_
