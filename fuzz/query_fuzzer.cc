// libFuzzer target: query parsing and building, and snippet building on
// arbitrary text. Input: a query, optionally followed by a NUL byte and a
// document text (without one, the input is both).
//
// Whatever a user types or a file holds must never crash, hang or trip a
// sanitizer; errors come back as Status values. A query the parser accepts
// is never deeper than its nesting bound allows. Inputs reach past the
// query bounds (query_fuzzer.options: max_len), and the seeds include
// thousands of nested parentheses and long operator chains.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/text/utf8.h"
#include "searcher/query/date_range.h"
#include "searcher/query/parser.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/snippet.h"

namespace {

quarry::Analyzer& SharedAnalyzer() {
  static quarry::Analyzer* analyzer =
      new quarry::Analyzer(std::move(quarry::Analyzer::Create(quarry::AnalysisConfig{})).value());
  return *analyzer;
}

// Each parenthesis adds at most five levels (OR, NOT, AND, the sequence,
// a +/- group), and so does the top; then NEAR and the text.
constexpr size_t kMaxDepth = 5 * (quarry::searcher::kMaxQueryNesting + 1) + 2;

constexpr size_t kMaxSnippetInput = 4096;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quarry::searcher;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view query = nul == std::string_view::npos ? input : input.substr(0, nul);
  std::string_view text = nul == std::string_view::npos ? input : input.substr(nul + 1);

  quarry::Analyzer& analyzer = SharedAnalyzer();
  (void)IsAllCapitals(query);
  (void)ParseDateRange(query, 1700000000LL * 1000000000LL);
  QueryContext context;
  context.cwd = "/home/user";
  context.roots = [] { return std::vector<std::string>{"/srv/docs"}; };
  for (bool plain : {false, true}) {
    ParseOptions options;
    options.plain = plain;
    options.now_ns = 1700000000LL * 1000000000LL;
    quarry::StatusOr<QueryNode> parsed = ParseQuery(query, options);
    if (parsed.ok() && TreeDepth(*parsed) > kMaxDepth) __builtin_trap();
    quarry::StatusOr<BuiltQuery> built = ParseAndBuild(query, options, analyzer, context);
    if (!built.ok()) continue;
    for (const auto& tier : built->tiers) (void)tier.get_description();
    // Snippets from inputs up to the old default length: the longer ones
    // are for the query bounds, and snippets of a thousand words over
    // their text would make the run ten times slower.
    if (size > kMaxSnippetInput) continue;
    SnippetTerms terms{built->stems, built->prefixes};
    for (size_t length : {size_t{0}, size_t{1}, size_t{40}, size_t{240}}) {
      SnippetOptions snippet_options;
      snippet_options.max_bytes = length;
      Snippet snippet = MakeSnippet(text, analyzer, terms, snippet_options);
      for (const auto& [begin, end] : snippet.highlights) {
        if (begin > end || end > snippet.text.size()) __builtin_trap();
      }
      // A start MakeFromStart accepts gives the whole text's snippet (the
      // searcher reads a long text's start first).
      if (length == 0) continue;
      SnippetMaker maker(analyzer, terms, snippet_options);
      const Snippet whole = maker.Make(text);
      for (size_t cut : {text.size() / 2, text.size() * 3 / 4, text.size() - text.size() / 8}) {
        std::optional<Snippet> start = maker.MakeFromStart(quarry::TruncateUtf8(text, cut));
        if (start &&
            (start->text != whole.text || start->highlights != whole.highlights ||
             start->cut_before != whole.cut_before || start->cut_after != whole.cut_after)) {
          __builtin_trap();
        }
      }
    }
  }
  return 0;
}
