// Analyzer throughput (issue 3): MB/s of the shared Analyzer's Tokenize and
// of the whole index-side term generation (IndexText into an in-memory
// Xapian document), on English and on Chinese/Japanese text.
//
//   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DQUARRY_BENCH=ON
//   cmake --build build -j2 --target quarry-analyzer-bench
//   QUARRY_BENCH_ENGLISH=/tmp/ab-docs build/bench/quarry-analyzer-bench
//
// QUARRY_BENCH_ENGLISH / QUARRY_BENCH_CJK: a file or a folder (every file
// under it, sorted, at most 8 MB) to read the text from. Without them the
// English text is corpora/*.txt and the CJK text tests/testdata/multilingual
// zh.txt + ja.txt of the source tree, repeated to 1 MB; without those, a
// built-in paragraph. The text is cut into 32 KB documents at line ends,
// as files are indexed one by one.
#include <benchmark/benchmark.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/index/term_builder.h"
#include "common/text/analyzer.h"

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxBytes = 8u << 20;
constexpr size_t kFallbackBytes = 1u << 20;
constexpr size_t kDocumentBytes = 32u << 10;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every regular file of `paths` (folders walked, in sorted order), up to kMaxBytes.
std::string ReadAll(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else if (fs::is_regular_file(path, error)) {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const fs::path& file : files) {
    if (text.size() >= kMaxBytes) break;
    text += ReadFile(file);
    text += '\n';
  }
  return text;
}

std::string Repeat(std::string text, size_t bytes) {
  if (text.empty()) return text;
  std::string result;
  while (result.size() < bytes) result += text;
  return result;
}

std::string LoadText(const char* env, std::vector<fs::path> fallback, std::string_view builtin) {
  if (const char* path = std::getenv(env); path != nullptr && *path != '\0') {
    std::string text = ReadAll({fs::path(path)});
    if (!text.empty()) return text;
  }
  std::string text = ReadAll(fallback);
  if (text.empty()) text = builtin;
  return text.size() >= kFallbackBytes ? text : Repeat(std::move(text), kFallbackBytes);
}

std::vector<fs::path> SourceFiles(std::string_view folder, std::string_view extension) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(QUARRY_SOURCE_DIR) / folder, error)) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  return files;
}

const std::string& EnglishText() {
  static const std::string* text = new std::string(LoadText(
      "QUARRY_BENCH_ENGLISH", SourceFiles("corpora", ".txt"),
      "The kernel's memory barriers order loads and stores; see copy_from_user() and "
      "CONFIG_DEBUG_FS. Version 1.4.22 of the e-mail client runs over IPv6.\n"));
  return *text;
}

const std::string& CjkText() {
  const fs::path folder = fs::path(QUARRY_SOURCE_DIR) / "tests/testdata/multilingual";
  static const std::string* text = new std::string(LoadText(
      "QUARRY_BENCH_CJK", {folder / "zh.txt", folder / "ja.txt"},
      "北京大学图书馆是中国最大的高校图书馆之一。東京の図書館で日本語の本を読みました。\n"));
  return *text;
}

// `text` cut into documents of about kDocumentBytes, at line ends.
std::vector<std::string_view> Documents(const std::string& text) {
  std::vector<std::string_view> documents;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t cut = rest.size();
    if (size_t newline = rest.find('\n', kDocumentBytes); newline != std::string_view::npos) {
      cut = newline + 1;
    }
    documents.push_back(rest.substr(0, cut));
    rest.remove_prefix(cut);
  }
  return documents;
}

quarry::Analyzer MakeAnalyzer(std::string language, bool fold_diacritics) {
  quarry::AnalysisConfig config;
  config.language = std::move(language);
  config.fold_diacritics = fold_diacritics;
  return std::move(quarry::Analyzer::Create(config)).value();
}

template <typename... Args>
void Tokenize(benchmark::State& state, const std::string& (*text)(), Args... args) {
  quarry::Analyzer analyzer = MakeAnalyzer(args...);
  const std::vector<std::string_view> documents = Documents(text());
  size_t tokens = 0;
  for (auto _ : state) {
    for (std::string_view document : documents) {
      analyzer.Tokenize(document, [&](const quarry::Token&) { ++tokens; });
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text().size()));
  state.counters["bytes"] = static_cast<double>(text().size());
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

// Tokenize plus stemming and term generation, as index_writer does for a
// document's body; the document itself is not written anywhere.
template <typename... Args>
void IndexText(benchmark::State& state, const std::string& (*text)(), Args... args) {
  quarry::Analyzer analyzer = MakeAnalyzer(args...);
  const std::vector<std::string_view> documents = Documents(text());
  for (auto _ : state) {
    for (std::string_view document : documents) {
      Xapian::Document doc;
      benchmark::DoNotOptimize(quarry::IndexText(analyzer, doc, document, 1, quarry::FieldSpec{}));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text().size()));
}

BENCHMARK_CAPTURE(Tokenize, english, &EnglishText, std::string("english"), true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Tokenize, english_keep_diacritics, &EnglishText, std::string("english"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Tokenize, english_text_language_none, &EnglishText, std::string("none"), true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Tokenize, chinese_japanese, &CjkText, std::string("english"), true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(IndexText, english, &EnglishText, std::string("english"), true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(IndexText, chinese_japanese, &CjkText, std::string("english"), true)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
