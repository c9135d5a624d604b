// libFuzzer target: the index side of text analysis on arbitrary bytes.
// The bytes go through encoding detection and conversion (DecodeText, also
// with a declared charset), SanitizeUtf8, reST markup removal
// (RstPlainText), the Analyzer with several configurations, and IndexText
// into an in-memory document.
//
// Any file may hold any bytes, so none of this may crash, hang or trip a
// sanitizer, and the tokens must keep their contract (analyzer.h): byte
// ranges inside the analyzed text, non-empty valid UTF-8 terms, positions
// that never go backwards.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/index/term_builder.h"
#include "common/text/analyzer.h"
#include "common/text/encoding.h"
#include "common/text/rst_text.h"
#include "common/text/utf8.h"

namespace {

std::vector<quarry::Analyzer>& SharedAnalyzers() {
  static auto* analyzers = [] {
    auto* list = new std::vector<quarry::Analyzer>;
    std::vector<quarry::AnalysisConfig> configs(3);
    configs[1].fold_diacritics = false;  // english, diacritics kept
    configs[2].language = "none";
    for (const quarry::AnalysisConfig& config : configs) {
      list->push_back(std::move(quarry::Analyzer::Create(config)).value());
    }
    return list;
  }();
  return *analyzers;
}

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckTokens(quarry::Analyzer& analyzer, std::string_view text) {
  uint32_t next_position = 1;
  analyzer.Tokenize(text, [&](const quarry::Token& token) {
    Check(token.begin < token.end);
    Check(token.end <= text.size());
    Check(!token.term.empty());
    Check(quarry::IsValidUtf8(token.term));
    for (const std::string& part : token.parts) {
      Check(!part.empty());
      Check(quarry::IsValidUtf8(part));
    }
    Check(token.position >= next_position);
    next_position = token.position + token.span();
  });
}

void CheckIndexText(quarry::Analyzer& analyzer, std::string_view text) {
  Xapian::Document doc;
  try {
    uint32_t after = quarry::IndexText(analyzer, doc, text, 1, quarry::FieldSpec{});
    Check(after >= 1);
    after = quarry::IndexText(analyzer, doc, text, after, quarry::FieldSpec{"S", 5});
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      Check(!(*term).empty());
    }
  } catch (const Xapian::Error&) {
    __builtin_trap();  // a term Xapian refuses (e.g. too long) would fail the whole file
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  quarry::DecodedText decoded = quarry::DecodeText(bytes);
  Check(quarry::IsValidUtf8(decoded.text));
  Check(!decoded.encoding.empty());
  for (std::string_view charset : {"Shift_JIS", "GB18030", "KOI8-R", "no-such-charset"}) {
    quarry::DecodeOptions options;
    options.declared_charset = charset;
    Check(quarry::IsValidUtf8(quarry::DecodeText(bytes, options).text));
  }

  std::string sanitized = quarry::SanitizeUtf8(bytes);
  Check(quarry::IsValidUtf8(sanitized));

  // reST text, as the indexer derives it from a file and the searcher again
  // from the file's first lines (searcher/rank/hit_text.h): the text of the
  // first lines must be the start of the whole text.
  std::string rst = quarry::RstPlainText(sanitized);
  Check(quarry::IsValidUtf8(rst));
  size_t line_end = sanitized.find('\n', sanitized.size() / 2);
  if (line_end != std::string::npos) {
    std::string start = quarry::RstPlainText(std::string_view(sanitized).substr(0, line_end + 1));
    Check(rst.compare(0, start.size(), start) == 0);
  }

  for (quarry::Analyzer& analyzer : SharedAnalyzers()) {
    CheckTokens(analyzer, bytes);  // raw bytes: invalid UTF-8 must be survived
    CheckTokens(analyzer, decoded.text);
    CheckIndexText(analyzer, decoded.text);
  }
  return 0;
}
