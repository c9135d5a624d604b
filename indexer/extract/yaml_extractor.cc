#include "indexer/extract/yaml_extractor.h"

#include "indexer/extract/plain_text_extractor.h"

namespace quarry::indexer {

std::string YamlTitle(std::string_view text) { return TextTitle(TopLevelYamlValue(text, "title")); }

std::string TopLevelYamlValue(std::string_view text, std::string_view key) {
  size_t pos = 0;
  for (std::string_view line; NextLine(text, &pos, &line);) {
    // Top level: no indentation.
    if (!line.starts_with(key) || line.substr(key.size(), 1) != ":") continue;
    std::string_view value = line.substr(key.size() + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    // "title: |" or ">" (and "|+", ">-"...) starts a block on the following
    // lines: not handled.
    if (value.empty() || value.front() == '|' || value.front() == '>') return {};
    return std::string(value);
  }
  return {};
}

StatusOr<std::vector<ExtractedDocument>> YamlExtractor::Extract(std::string_view path,
                                                                std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, content));
  ExtractedDocument doc = TextDocument(std::move(decoded), content);
  doc.title = YamlTitle(doc.body);
  if (doc.title.empty()) doc.title = FirstLineTitle(doc.body);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer
