#include "common/text/word_breaker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace quarry {
namespace {

using ::testing::ElementsAre;
using Words = std::vector<std::string>;

Words WordsOf(WordBreaker& breaker, std::string_view text) {
  Words words;
  breaker.ForEachWord(text, [&](size_t begin, size_t end) {
    words.emplace_back(text.substr(begin, end - begin));
  });
  return words;
}

// The byte ranges, to compare the two paths exactly.
std::vector<std::pair<size_t, size_t>> RangesOf(WordBreaker& breaker, std::string_view text) {
  std::vector<std::pair<size_t, size_t>> ranges;
  breaker.ForEachWord(text, [&](size_t begin, size_t end) { ranges.emplace_back(begin, end); });
  return ranges;
}

struct SegmentCase {
  const char* text;
  bool simple;  // segmented without ICU
};

class WordBreakerFastPathTest : public ::testing::TestWithParam<SegmentCase> {};

// Every text gives the same words through the byte scan as through ICU.
TEST_P(WordBreakerFastPathTest, GivesIcusWords) {
  const SegmentCase& c = GetParam();
  EXPECT_EQ(WordBreaker::IsSimpleAscii(c.text), c.simple) << c.text;
  WordBreaker fast(true), icu(false);
  EXPECT_EQ(RangesOf(fast, c.text), RangesOf(icu, c.text)) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Texts, WordBreakerFastPathTest,
    ::testing::Values(
        SegmentCase{"", true}, SegmentCase{"memory barrier", true},
        SegmentCase{"  leading and trailing  ", true}, SegmentCase{"tabs\tand\nnew\r\nlines\v\f", true},
        SegmentCase{"abc123def 42 x86 64bit", true}, SegmentCase{"C++ and C# and F#", true},
        SegmentCase{"e-mail covid-19 10-20 state-of-the-art", true},
        SegmentCase{"(grouped) [list] {set} <tag>", true}, SegmentCase{"a/b/c ~/notes $HOME 100%", true},
        SegmentCase{"a+b=c x^2 a|b a&b !x ?y `z` a\\b", true},
        SegmentCase{"user@example.org @0 @ a@ @@", true},
        SegmentCase{"camelCase getElementById HTTPServer", true}, SegmentCase{"---===***", true},
        SegmentCase{"+word -word \"quoted phrase\" \"a\"b\"", true}, SegmentCase{"snake_case __init__ _ x_1 1_x", true},
        SegmentCase{"node.js 3.14 end. a.1 1.a v1.4.22 ..x", true}, SegmentCase{"don't l'homme rock'n'roll 'quoted'", true},
        SegmentCase{"fe80::1 10:30 a:b", true}, SegmentCase{"1,000 a;b 1;2 a,b,", true},
        SegmentCase{"caf\xC3\xA9", false}, SegmentCase{"\xE4\xB8\xAD\xE6\x96\x87", false},
        SegmentCase{"bell\x07inside", false}));

TEST(WordBreakerTest, FindsLetterAndNumberRuns) {
  WordBreaker breaker;
  EXPECT_THAT(WordsOf(breaker, "C++ e-mail, 10-20 (x86)"), ElementsAre("C", "e", "mail", "10", "20", "x86"));
  EXPECT_THAT(WordsOf(breaker, "snake_case node.js 1,000 _ __"),
              ElementsAre("snake_case", "node.js", "1,000", "__"));
}

// Random texts over an alphabet weighted towards what the fast path takes,
// with the characters it leaves to ICU mixed in: the two paths always give
// the same ranges.
TEST(WordBreakerTest, FastPathMatchesIcuOnRandomText) {
  const std::vector<std::string> alphabet = {
      // What the fast path takes, letters, digits and joiners weighted up.
      "a", "b", "z", "A", "Q", "Z", "a", "x", "0", "5", "9", "1", "_", "_", ".", ".", "'", "'",
      ",", ",", ";", ":", " ", " ", "\t", "\n", "\r", "\v", "\f", "!", "#", "$", "%", "&", "(",
      ")", "*", "+", "-", "/", "<", "=", ">", "?", "[", "\\", "]", "^", "`", "{", "|", "}", "~",
      "@", "\"",
      // What it leaves to ICU.
      "\x01", "\x7f", "\xC3\xA9", "\xCC\x81", "\xE2\x80\x8B", "\xE4\xB8\xAD",
      "\xE2\x80\x99", "\xF0\x9F\x98\x80"};
  const size_t simple_letters = 55;  // the entries before "\x01"
  ASSERT_EQ(alphabet[simple_letters], "\x01");
  std::mt19937 random(20261126);
  std::uniform_int_distribution<size_t> length(0, 24);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<size_t> pick_simple(0, simple_letters - 1);
  WordBreaker fast(true), icu(false);
  size_t simple = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string text;
    size_t n = length(random);
    bool only_simple = i % 2 == 0;
    for (size_t k = 0; k < n; ++k) text += alphabet[only_simple ? pick_simple(random) : pick(random)];
    if (WordBreaker::IsSimpleAscii(text)) ++simple;
    ASSERT_EQ(RangesOf(fast, text), RangesOf(icu, text)) << "text: '" << text << "'";
  }
  EXPECT_GT(simple, 10000u);  // the fast path was exercised
}

}  // namespace
}  // namespace quarry
