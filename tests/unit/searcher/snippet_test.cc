#include "searcher/rank/snippet.h"

#include <gtest/gtest.h>

#include <random>

namespace quarry::searcher {
namespace {

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

std::vector<std::string> Highlighted(const Snippet& s) {
  std::vector<std::string> out;
  for (auto [b, e] : s.highlights) out.push_back(s.text.substr(b, e - b));
  return out;
}

TEST(SnippetTest, HighlightsTheOriginalFormOfMatchingWords) {
  Analyzer analyzer = English();
  Snippet s = MakeSnippet("The CAF\xC3\xA9 served coffee.", analyzer, SnippetTerms{{"cafe"}, {}}, {});
  EXPECT_EQ(s.text, "The CAF\xC3\xA9 served coffee.");
  EXPECT_EQ(Highlighted(s), std::vector<std::string>{"CAF\xC3\xA9"});
  EXPECT_FALSE(s.cut_before);
  EXPECT_FALSE(s.cut_after);
}

TEST(SnippetTest, PrefersThePassageWithMostDistinctWords) {
  Analyzer analyzer = English();
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "lorem ipsum ";
  std::string text = "meta meta meta here. " + filler + "Meta announced an acquisition today. " + filler;
  SnippetOptions options;
  options.max_bytes = 80;
  Snippet s = MakeSnippet(text, analyzer, SnippetTerms{{"meta", "acquisit"}, {}}, options);
  EXPECT_NE(s.text.find("Meta announced an acquisition"), std::string::npos) << s.text;
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"Meta", "acquisition"}));
  EXPECT_TRUE(s.cut_before);
  EXPECT_TRUE(s.cut_after);
  EXPECT_LE(s.text.size(), 90u);
}

// The anchor scan reads 16 bytes at a time: a query word is found at every
// offset within and across those blocks, in either case, at the text's
// last bytes too, and never inside another word.
TEST(SnippetTest, FindsWordsAtEveryOffsetOfTheScan) {
  Analyzer analyzer = English();
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string text = std::string(pad, 'x') + " summit Barrier xbarrier barrier";
    Snippet s = MakeSnippet(text, analyzer, SnippetTerms{{"barrier"}, {}}, {});
    EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"Barrier", "barrier"})) << pad;
  }
}

// Words with digits, all in capitals, and of one letter are found at every
// offset too (the scan tests two bytes, or one for a one-letter word).
TEST(SnippetTest, FindsDigitsCapitalsAndOneLetterWordsAtEveryOffset) {
  Analyzer analyzer = English();
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string text = std::string(pad, 'y') + " the EXT4 volume, ext4 again; C and c";
    SnippetOptions options;
    options.max_bytes = 400;
    Snippet s = MakeSnippet(text, analyzer, SnippetTerms{{"ext4", "c"}, {}}, options);
    EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"EXT4", "ext4", "C", "c"})) << pad;
  }
}

// Past eight distinct first two letters the scan checks byte by byte; the
// matches are the same.
TEST(SnippetTest, LongQueriesFindEveryWord) {
  Analyzer analyzer = English();
  const std::vector<std::string> words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
                                          "golf", "hotel", "india", "juliet", "kilo", "lima", "mike"};
  std::string text;
  for (const std::string& word : words) text += "zz " + word + " ";
  SnippetOptions options;
  options.max_bytes = 400;
  SnippetTerms terms;
  for (const std::string& word : words) terms.stems.push_back(analyzer.Stem(word));
  Snippet s = MakeSnippet(text, analyzer, terms, options);
  EXPECT_EQ(Highlighted(s), words);
}

TEST(SnippetTest, CollapsesWhitespaceAndKeepsHighlightsAligned) {
  Analyzer analyzer = English();
  Snippet s = MakeSnippet("one\n\n   two\tthree", analyzer, SnippetTerms{{"three"}, {}}, {});
  EXPECT_EQ(s.text, "one two three");
  EXPECT_EQ(Highlighted(s), std::vector<std::string>{"three"});
}

TEST(SnippetTest, WithoutMatchesShowsTheStart) {
  Analyzer analyzer = English();
  SnippetOptions options;
  options.max_bytes = 10;
  Snippet s = MakeSnippet("alpha beta gamma delta", analyzer, SnippetTerms{{"zzz"}, {}}, options);
  EXPECT_EQ(s.text, "alpha beta");
  EXPECT_TRUE(s.highlights.empty());
  EXPECT_TRUE(s.cut_after);
}

TEST(SnippetTest, EmptyTextGivesEmptySnippet) {
  Analyzer analyzer = English();
  Snippet s = MakeSnippet("", analyzer, SnippetTerms{{"x"}, {}}, {});
  EXPECT_TRUE(s.text.empty());
}

TEST(SnippetTest, FindsAPassageDeepInALongText) {
  Analyzer analyzer = English();
  std::string filler;
  while (filler.size() < (512 << 10)) filler += "lorem ipsum dolor sit amet ";
  std::string text = filler + "The ACQUISITIONS of Meta were announced. " + filler;
  SnippetOptions options;
  options.max_bytes = 80;
  Snippet s = MakeSnippet(text, analyzer, SnippetTerms{{"meta", "acquisit"}, {}}, options);
  EXPECT_NE(s.text.find("ACQUISITIONS of Meta"), std::string::npos) << s.text;
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"ACQUISITIONS", "Meta"}));
}

TEST(SnippetTest, HighlightsWildcardPrefixes) {
  Analyzer analyzer = English();
  Snippet s = MakeSnippet("We bought tomatoes and tomatillos.", analyzer, SnippetTerms{{}, {"tomat"}}, {});
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"tomatoes", "tomatillos"}));
}

TEST(SnippetTest, NonAsciiQueryWordsAreFoundByAnalysis) {
  Analyzer analyzer = English();
  Snippet s = MakeSnippet("Der Stra\xC3\x9F" "e entlang.", analyzer,
                          SnippetTerms{{analyzer.Stem("strasse")}, {}}, {});
  EXPECT_EQ(Highlighted(s), std::vector<std::string>{"Stra\xC3\x9F" "e"});
}

TEST(SnippetTest, TextWithoutSpacesIsCutOnCharacterBoundaries) {
  Analyzer analyzer = English();
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\xE7\x8C\xAB";  // U+732B, 3 bytes each
  SnippetOptions options;
  options.max_bytes = 20;
  Snippet s = MakeSnippet(text, analyzer, SnippetTerms{{"zzz"}, {}}, options);
  EXPECT_FALSE(s.text.empty());
  EXPECT_EQ(s.text.size() % 3, 0u);
  EXPECT_LE(s.text.size(), 20u);
}

TEST(SnippetTest, PlainAndJoinedFormsAreBothMatched) {
  Analyzer analyzer = English();
  // "Barriers." ends a sentence (a plain word); "memory-barrier" and
  // "barrier_fn" are joined forms that only analysis splits: they match by
  // their parts and are highlighted whole.
  Snippet s = MakeSnippet("Barriers. A memory-barrier orders memory; see barrier_fn and barrierless.", analyzer,
                          SnippetTerms{{"barrier"}, {}}, {});
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"Barriers", "memory-barrier", "barrier_fn"}));
}

TEST(SnippetTest, CollectsEveryMatchOfTheChosenPassage) {
  Analyzer analyzer = English();
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "lorem ipsum ";
  Snippet s = MakeSnippet("tomato soup, tomato salad and more tomato. " + filler + "tomato", analyzer,
                          SnippetTerms{{"tomato"}, {}}, {});
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"tomato", "tomato", "tomato"}));
}

TEST(SnippetTest, AMakerGivesTheSameSnippetsAsSeparateCalls) {
  Analyzer analyzer = English();
  SnippetTerms terms{{"meta", "acquisit"}, {"tomat"}};
  SnippetOptions options;
  options.max_bytes = 60;
  SnippetMaker maker(analyzer, terms, options);
  for (std::string text : {"Meta's acquisition of tomatoes.", "No match here at all, none.",
                           "an ACQUISITION, then Meta; tomatillos", "e-mail meta_data acquisitions"}) {
    Snippet a = maker.Make(text);
    Snippet b = MakeSnippet(text, analyzer, terms, options);
    EXPECT_EQ(a.text, b.text) << text;
    EXPECT_EQ(a.highlights, b.highlights) << text;
  }
  // A buffer rewritten in place (same address, same size) is a new text.
  std::string buffer = "Meta first, then nothing of note at all here.";
  EXPECT_EQ(Highlighted(maker.Make(buffer)), std::vector<std::string>{"Meta"});
  buffer = "Nothing first, and only then Meta at the end..";
  EXPECT_EQ(Highlighted(maker.Make(buffer)), std::vector<std::string>{"Meta"});
}

TEST(SnippetTest, TheStartOfATextIsEnoughWhenThePassageIsInIt) {
  Analyzer analyzer = English();
  std::string filler;
  for (int i = 0; i < 200; ++i) filler += "lorem ipsum dolor ";
  SnippetMaker maker(analyzer, SnippetTerms{{"meta", "acquisit"}, {}}, {});
  std::string early = "Meta announced an acquisition. " + filler;
  std::optional<Snippet> from_start = maker.MakeFromStart(std::string_view(early).substr(0, 1000));
  ASSERT_TRUE(from_start.has_value());
  Snippet whole = maker.Make(early);
  EXPECT_EQ(from_start->text, whole.text);
  EXPECT_EQ(from_start->highlights, whole.highlights);
  // Both words only further on: the start is not enough.
  std::string late = filler + "Meta announced an acquisition.";
  EXPECT_FALSE(maker.MakeFromStart(std::string_view(late).substr(0, 1000)).has_value());
  // One word at the start and the other later: not enough either.
  std::string split = "Meta first. " + filler + "Then an acquisition.";
  EXPECT_FALSE(maker.MakeFromStart(std::string_view(split).substr(0, 1000)).has_value());
}

// Whatever the cut, a snippet MakeFromStart accepts is the one the whole
// text gives: same passage, highlights and "..." marks (a start cut just
// after the passage once gave a snippet without its trailing mark, ending
// in a cut word).
TEST(SnippetMakerTest, AnAcceptedStartGivesTheWholeTextsSnippet) {
  Analyzer analyzer = English();
  std::string filler;
  while (filler.size() < 3000) filler += "lorem ipsum dolor sit amet ";
  std::string scattered;
  for (int i = 0; scattered.size() < 9000; ++i) {
    scattered +=
        i % 37 == 5 ? "the meta-analysis of an acquisition, " : "lorem ipsum dolor sit amet ";
    if (i % 11 == 0) scattered += "meta ";
  }
  // And random texts, filler and then a mix of it with query words and
  // compounds of them around the cuts (with the old rule, about one
  // accepted start in 3,000 differed).
  std::vector<std::string> texts = {scattered};
  std::mt19937 random(7);
  const char* const words[] = {
      "lorem", "ipsum", "dolor", "sit",         "amet,",         "the",          "of",
      "an",    "meta",  "Meta",  "acquisition", "acquisitions.", "meta-analysis"};
  for (int t = 0; t < 200; ++t) {
    std::string text;
    while (text.size() < 4700) {
      const size_t pick = random() % 100;
      text += text.size() < 3600 || pick < 90 ? words[pick % 8] : words[8 + pick % 5];
      text += ' ';
    }
    texts.push_back(std::move(text));
  }
  size_t accepted = 0;
  for (const std::string& text : texts) {
    for (size_t max_bytes : {60u, 240u}) {
      SnippetOptions options;
      options.max_bytes = max_bytes;
      SnippetMaker maker(analyzer, SnippetTerms{{"meta", "acquisit"}, {}}, options);
      const Snippet whole = maker.Make(text);
      for (size_t cut = 3900; cut < 4400; cut += 3) {
        std::optional<Snippet> start = maker.MakeFromStart(std::string_view(text).substr(0, cut));
        if (!start) continue;
        ++accepted;
        ASSERT_EQ(start->text, whole.text) << "cut at " << cut;
        ASSERT_EQ(start->highlights, whole.highlights) << "cut at " << cut;
        ASSERT_EQ(start->cut_after, whole.cut_after) << "cut at " << cut;
      }
    }
  }
  EXPECT_GT(accepted, 5000u);  // the cuts are mostly past the passage
  // An empty start (a reST file whose first line is longer than the start)
  // is never enough, even as the first text a maker sees.
  SnippetMaker fresh(analyzer, SnippetTerms{{"meta"}, {}}, {});
  EXPECT_FALSE(fresh.MakeFromStart("").has_value());
}

TEST(SnippetMakerTest, AStartShorterThanTheFullScanIsNotEnoughForAWordInAnotherScript) {
  Analyzer analyzer = English();
  // 東京: analyzed over the first kFullScanBytes, where the best passage may
  // lie past any shorter start.
  SnippetMaker maker(analyzer, SnippetTerms{{"\xE6\x9D\xB1\xE4\xBA\xAC"}, {}}, {});
  std::string text;
  while (text.size() < 20000) text += "lorem ipsum dolor ";
  text += "\xE6\x9D\xB1\xE4\xBA\xAC is the capital.";
  EXPECT_FALSE(maker.MakeFromStart(std::string_view(text).substr(0, 16 << 10)).has_value());
  Snippet whole = maker.Make(text);
  EXPECT_NE(whole.text.find("\xE6\x9D\xB1\xE4\xBA\xAC"), std::string::npos);
  ASSERT_EQ(whole.highlights.size(), 1u);
}

}  // namespace
}  // namespace quarry::searcher
