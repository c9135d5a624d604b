#include "common/text/analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace quarry {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::ElementsAre;

std::vector<std::string> Terms(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> terms;
  for (const Token& t : analyzer.Tokenize(text)) terms.push_back(t.term);
  return terms;
}

Analyzer MakeAnalyzer(AnalysisConfig config = {}) {
  auto analyzer = Analyzer::Create(config);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return std::move(analyzer).value();
}

struct NormalizationCase {
  const char* name;
  const char* input;
  const char* expected;  // the single term expected
};

class NormalizationTest : public ::testing::TestWithParam<NormalizationCase> {};

TEST_P(NormalizationTest, GivesExpectedTerm) {
  const NormalizationCase& c = GetParam();
  Analyzer analyzer = MakeAnalyzer();
  EXPECT_THAT(Terms(analyzer, c.input), ElementsAre(c.expected)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, NormalizationTest,
    ::testing::Values(
        NormalizationCase{"upper_case", "ACQUISITION", "acquisition"},
        NormalizationCase{"mixed_case", "MeTa", "meta"},
        NormalizationCase{"fullwidth_latin", "\xEF\xBC\xAD\xEF\xBD\x85\xEF\xBD\x94\xEF\xBD\x81", "meta"},
        NormalizationCase{"nfc_accent", "caf\xC3\xA9", "cafe"},
        NormalizationCase{"nfd_accent", "cafe\xCC\x81", "cafe"},
        NormalizationCase{"fi_ligature", "\xEF\xAC\x81nance", "finance"},
        NormalizationCase{"sharp_s", "Stra\xC3\x9F" "e", "strasse"},
        NormalizationCase{"curly_apostrophe", "don\xE2\x80\x99t", "don't"},
        NormalizationCase{"straight_apostrophe", "don't", "don't"},
        NormalizationCase{"turkish_dotted_capital_i", "\xC4\xB0stanbul", "istanbul"},
        NormalizationCase{"greek_final_sigma", "\xCE\xBB\xCF\x8C\xCE\xB3\xCE\xBF\xCF\x82",
                          "\xCE\xBB\xCE\xBF\xCE\xB3\xCE\xBF\xCF\x83"},
        NormalizationCase{"soft_hyphen", "soft\xC2\xADhyphen", "softhyphen"},
        NormalizationCase{"number", "1.4.22", "1.4.22"}),
    [](const ::testing::TestParamInfo<NormalizationCase>& info) { return info.param.name; });

TEST(AnalyzerTest, KeepsDiacriticsWhenFoldingIsOff) {
  AnalysisConfig config;
  config.fold_diacritics = false;
  Analyzer analyzer = MakeAnalyzer(config);
  EXPECT_THAT(Terms(analyzer, "caf\xC3\xA9"), ElementsAre("caf\xC3\xA9"));
  // Composed and decomposed forms still meet.
  EXPECT_THAT(Terms(analyzer, "cafe\xCC\x81"), ElementsAre("caf\xC3\xA9"));
}

TEST(AnalyzerTest, KeepsMarksOfOtherScripts) {
  Analyzer analyzer = MakeAnalyzer();
  // Thai vowel marks are combining characters that carry meaning.
  std::vector<std::string> terms = Terms(analyzer, "\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x99");
  ASSERT_FALSE(terms.empty());
  EXPECT_NE(terms[0].find("\xE0\xB8\xB4"), std::string::npos);
}

TEST(AnalyzerTest, TokensCarryPositionsAndByteRanges) {
  Analyzer analyzer = MakeAnalyzer();
  std::string text = "Le Caf\xC3\xA9, c'est   BON.";
  std::vector<Token> tokens = analyzer.Tokenize(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].term, "le");
  EXPECT_EQ(tokens[1].term, "cafe");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "Caf\xC3\xA9");
  EXPECT_EQ(tokens[2].term, "c'est");
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "BON");
  for (size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].position, i + 1);
}

TEST(AnalyzerTest, PositionsStartWhereAsked) {
  Analyzer analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer.Tokenize("one two", 50);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].position, 50u);
  EXPECT_EQ(tokens[1].position, 51u);
}

TEST(AnalyzerTest, SegmentsChineseWithoutSpaces) {
  Analyzer analyzer = MakeAnalyzer();
  // "我喜欢喝绿茶" (I like drinking green tea): several words, not one.
  std::vector<std::string> terms = Terms(analyzer, "\xE6\x88\x91\xE5\x96\x9C\xE6\xAC\xA2\xE5\x96\x9D\xE7\xBB\xBF\xE8\x8C\xB6");
  EXPECT_GE(terms.size(), 3u);
}

TEST(AnalyzerTest, StemsWithTheConfiguredLanguage) {
  Analyzer english = MakeAnalyzer();
  EXPECT_EQ(english.Stem("acquisitions"), english.Stem("acquisition"));
  EXPECT_EQ(english.Stem("running"), "run");
  EXPECT_EQ(english.Stem("1.4.22"), "1.4.22");

  AnalysisConfig none;
  none.language = "none";
  Analyzer unstemmed = MakeAnalyzer(none);
  EXPECT_EQ(unstemmed.Stem("running"), "running");
}

TEST(AnalyzerTest, InvalidUtf8NeverCrashes) {
  Analyzer analyzer = MakeAnalyzer();
  std::string text = "good \xFF\xFE bad \xC3 end";
  std::vector<Token> tokens = analyzer.Tokenize(text);
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    terms.push_back(t.term);
    EXPECT_LE(t.end, text.size());
  }
  EXPECT_THAT(terms, ::testing::IsSupersetOf({"good", "bad", "end"}));
}

TEST(AnalyzerTest, RejectsUnknownLanguage) {
  AnalysisConfig config;
  config.language = "klingon";
  EXPECT_THAT(Analyzer::Create(config), StatusIs(StatusCode::kInvalidArgument));
}

TEST(AnalyzerTest, AcceptsIsoCodes) {
  ASSERT_OK_AND_ASSIGN(std::string fr, CanonicalLanguage("fr"));
  EXPECT_EQ(fr, "french");
  ASSERT_OK_AND_ASSIGN(std::string en, CanonicalLanguage("english"));
  EXPECT_EQ(en, "english");
}

TEST(AnalyzerTest, CloneAnalyzesAlike) {
  Analyzer analyzer = MakeAnalyzer();
  Analyzer clone = analyzer.Clone();
  EXPECT_EQ(Terms(analyzer, "Hello Wörld"), Terms(clone, "Hello Wörld"));
}

}  // namespace
}  // namespace quarry
