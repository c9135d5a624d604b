#include "indexer/extract/registry.h"

#include "indexer/extract/plain_text_extractor.h"

namespace quarry::indexer {

std::string FileExtension(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

ExtractorRegistry ExtractorRegistry::Default(const JsonlFieldMapping& jsonl) {
  ExtractorRegistry registry;
  auto text = std::make_shared<PlainTextExtractor>();
  for (const char* ext : {"txt", "text", "md", "markdown", "rst"}) registry.Register(ext, text);
  auto records = std::make_shared<JsonlExtractor>(jsonl);
  for (const char* ext : {"jsonl", "ndjson"}) registry.Register(ext, records);
  registry.SetTextFallback(text);
  return registry;
}

void ExtractorRegistry::Register(const std::string& ext, std::shared_ptr<const Extractor> extractor) {
  by_extension_[ext] = std::move(extractor);
}

void ExtractorRegistry::SetTextFallback(std::shared_ptr<const Extractor> extractor) {
  text_fallback_ = std::move(extractor);
}

const Extractor* ExtractorRegistry::Choose(std::string_view path, std::string_view sample) const {
  auto it = by_extension_.find(FileExtension(path));
  if (it != by_extension_.end()) return it->second.get();
  if (text_fallback_ && LooksLikeText(sample)) return text_fallback_.get();
  return nullptr;
}

}  // namespace quarry::indexer
