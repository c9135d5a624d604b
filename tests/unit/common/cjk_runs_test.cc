#include "common/text/cjk_runs.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "common/text/analyzer.h"

namespace quarry {
namespace {

using Ranges = std::vector<std::pair<size_t, size_t>>;
// What a snippet uses of a token: its byte range, term and parts.
using TokenView = std::tuple<size_t, size_t, std::string, std::vector<std::string>>;

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

// Neither equal to nor starting with an ASCII word.
bool StartsBeyondAscii(const std::string& s) {
  return !s.empty() && static_cast<unsigned char>(s[0]) >= 0x80;
}

// Checks the contract of PiecesOutsideCjkRuns on `text`.
void ExpectSameTokensOutsideRuns(Analyzer& analyzer, const std::string& text) {
  Ranges pieces = PiecesOutsideCjkRuns(text);
  const auto inside_a_piece = [&](size_t begin, size_t end) {
    for (auto [b, e] : pieces) {
      if (begin >= b && end <= e) return true;
    }
    return false;
  };
  std::vector<TokenView> whole;
  for (const Token& t : analyzer.Tokenize(text)) {
    if (inside_a_piece(t.begin, t.end)) {
      whole.emplace_back(t.begin, t.end, t.term, t.parts);
    } else {
      // Outside every piece: inside a run, where no ASCII word or prefix
      // can match.
      EXPECT_TRUE(StartsBeyondAscii(t.term)) << "text: " << text << " term: " << t.term;
      for (const std::string& part : t.parts) EXPECT_TRUE(StartsBeyondAscii(part)) << text;
    }
  }
  std::vector<TokenView> by_pieces;
  for (auto [b, e] : pieces) {
    for (const Token& t : analyzer.Tokenize(std::string_view(text).substr(b, e - b))) {
      by_pieces.emplace_back(b + t.begin, b + t.end, t.term, t.parts);
    }
  }
  EXPECT_EQ(whole, by_pieces) << "text: " << text;
}

TEST(CjkRunsTest, SetsApartRunsBetweenSafeNeighbours) {
  // "spinlock" + Chinese + ideographic full stop.
  std::string text = "spinlock\xE4\xBF\x9D\xE6\x8A\xA4\xE3\x80\x82 end";
  EXPECT_EQ(PiecesOutsideCjkRuns(text), (Ranges{{0, 8}, {14, text.size()}}));
  EXPECT_EQ(PiecesOutsideCjkRuns("plain ascii"), (Ranges{{0, 11}}));
  // Katakana joins '_' (and the prolonged sound mark): left whole.
  std::string kana = "a_\xE3\x82\xAB";
  EXPECT_EQ(PiecesOutsideCjkRuns(kana), (Ranges{{0, kana.size()}}));
  std::string long_kana = "x \xE3\x82\xAB\xE3\x83\xBC";
  EXPECT_EQ(PiecesOutsideCjkRuns(long_kana), (Ranges{{0, long_kana.size()}}));
}

TEST(CjkRunsTest, PiecesGiveTheWholeTextsTokens) {
  Analyzer analyzer = English();
  for (const std::string& text :
       {std::string("spinlock\xE4\xBF\x9D\xE6\x8A\xA4\xE7\x9A\x84\xE4\xB8\xB4\xE7\x95\x8C\xE3\x80\x82"),
        std::string("CPU\xE7\x83\xAD\xE6\x8F\x92\xE6\x8B\x94 hotplug_cpu \xE5\x86\x85\xE6\xA0\xB8"),
        std::string("PCI Express\xE7\xAB\xAF\xE5\x8F\xA3 e-mail C++\xE4\xB8\xAD"),
        std::string("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 Korean, \xE3\x81\xB2\xE3\x82\x89 kana")}) {
    ExpectSameTokensOutsideRuns(analyzer, text);
  }
}

// Random mixes of ASCII words and punctuation with Han, kana, Hangul, the
// characters that join them (prolonged sound mark, iteration mark,
// combining voiced mark, '_') and CJK punctuation.
TEST(CjkRunsTest, PiecesGiveTheWholeTextsTokensOnRandomText) {
  const std::vector<std::string> alphabet = {
      "a", "b", "Z", "memory", "lock", "0", "7", " ", " ", "_", "-", ".", "'", "+", "#", ":",
      "\xE4\xB8\xAD", "\xE6\x96\x87", "\xE5\x86\x85", "\xE3\x81\x82", "\xE3\x81\xB2",  // 中文内 あひ
      "\xE3\x82\xAB", "\xE3\x83\x8A", "\xED\x95\x9C", "\xEA\xB5\xAD",                  // カナ 한국
      "\xE3\x83\xBC", "\xE3\x80\x85", "\xE3\x82\x99",                                  // ー 々 ゙
      "\xE3\x80\x81", "\xE3\x80\x82", "\xEF\xBC\x8C", "\xEF\xBC\x9A", "\xEF\xBC\x88",  // 、。，：（
      "\xE3\x80\x8C", "\xE2\x80\x9C", "\xE0\xB8\x81", "\xC3\xA9", "\xE2\x80\x8D"};    // 「“ ก é ZWJ
  Analyzer analyzer = English();
  std::mt19937 random(11);
  std::uniform_int_distribution<size_t> length(0, 16);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    size_t n = length(random);
    for (size_t k = 0; k < n; ++k) text += alphabet[pick(random)];
    ExpectSameTokensOutsideRuns(analyzer, text);
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace
}  // namespace quarry
