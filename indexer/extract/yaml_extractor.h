// File: indexer/extract/yaml_extractor.h
// YAML read as text (every key and value is searchable), titled by its
// top-level "title:" key when it has one, as schema and configuration
// files often do (e.g. the kernel's devicetree bindings); else like text.
#ifndef QUARRY_INDEXER_EXTRACT_YAML_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_YAML_EXTRACTOR_H_

#include <string>
#include <string_view>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class YamlExtractor : public Extractor {
 public:
  std::string_view name() const override { return "yaml"; }
  // 2: without a title: key, the first line only when it reads as a title
  // (title.h), else the file's name.
  int version() const override { return 2; }

  // Unsupported only for binary content; the encoding is detected as for
  // plain text.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// The value of the top-level "title:" key (unquoted), or "" when none.
std::string YamlTitle(std::string_view text);

// The one-line value of the top-level key `key` ("title", "author") of
// YAML `text`, unquoted; "" when there is none or it is a block or list.
std::string TopLevelYamlValue(std::string_view text, std::string_view key);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_YAML_EXTRACTOR_H_
