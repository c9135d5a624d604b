// libFuzzer target: the extractors of documents people keep (issue 18) on
// arbitrary bytes: roff (man pages), RTF, TeX, subtitles, and the ZIP
// packages of Office Open XML, OpenDocument and EPUB (within a small size
// cap, as --max-file-size bounds them).
//
// A file may hold any bytes, so none may crash, hang or trip a sanitizer,
// and what an extractor returns must be valid UTF-8 (the analyzer's
// contract), with a title on one line.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/text/utf8.h"
#include "indexer/extract/epub_extractor.h"
#include "indexer/extract/man_extractor.h"
#include "indexer/extract/odf_extractor.h"
#include "indexer/extract/ooxml_extractor.h"
#include "indexer/extract/roff_text.h"
#include "indexer/extract/rtf_extractor.h"
#include "indexer/extract/subtitle_extractor.h"
#include "indexer/extract/tex_extractor.h"

namespace {

using quarry::indexer::Extractor;

std::vector<std::unique_ptr<Extractor>>& Extractors() {
  static auto* extractors = [] {
    constexpr uint64_t kCap = 1 << 20;
    auto* list = new std::vector<std::unique_ptr<Extractor>>;
    list->push_back(std::make_unique<quarry::indexer::ManExtractor>());
    list->push_back(std::make_unique<quarry::indexer::RtfExtractor>());
    list->push_back(std::make_unique<quarry::indexer::TexExtractor>());
    list->push_back(std::make_unique<quarry::indexer::SubtitleExtractor>());
    list->push_back(std::make_unique<quarry::indexer::OoxmlExtractor>(kCap));
    list->push_back(std::make_unique<quarry::indexer::OdfExtractor>(kCap));
    list->push_back(std::make_unique<quarry::indexer::EpubExtractor>(kCap));
    return list;
  }();
  return *extractors;
}

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The sniffer and the converter alone, on bytes that need not be UTF-8.
  (void)quarry::indexer::LooksLikeManPage(bytes);
  (void)quarry::indexer::ConvertRoff(bytes);
  for (const auto& extractor : Extractors()) {
    auto docs = extractor->Extract("/fuzz/input", bytes);
    if (!docs.ok()) continue;
    for (const auto& doc : *docs) {
      Check(quarry::IsValidUtf8(doc.body));
      Check(quarry::IsValidUtf8(doc.title));
      Check(doc.title.find('\n') == std::string::npos);
      Check(quarry::IsValidUtf8(doc.fields.author));
    }
  }
  return 0;
}
