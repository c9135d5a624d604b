#include "common/text/analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

#include "common/text/normalizer.h"
#include "common/text/stop_words.h"
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
        NormalizationCase{"number", "1.4.22", "1.4.22"},
        NormalizationCase{"capital_sharp_s", "STRA\xE1\xBA\x9E" "E", "strasse"},
        NormalizationCase{"greek_capitals_with_tonos", "\xCE\x9B\xCE\x8C\xCE\x93\xCE\x9F\xCE\xA3",
                          "\xCE\xBB\xCE\xBF\xCE\xB3\xCE\xBF\xCF\x83"},
        NormalizationCase{"turkish_dotless_i_folds", "\xC4\xB1l\xC4\xB1k", "ilik"},
        NormalizationCase{"turkish_capital_i", "ILIK", "ilik"},
        NormalizationCase{"oe_ligature", "\xC5\x93uvre", "oeuvre"},
        NormalizationCase{"ae_letter", "\xC3\x86sir", "aesir"},
        NormalizationCase{"l_with_stroke", "\xC5\x81\xC3\xB3" "d\xC5\xBA", "lodz"},
        NormalizationCase{"cyrillic_yo_folds", "\xD1\x91\xD0\xB6\xD0\xB8\xD0\xBA",
                          "\xD0\xB5\xD0\xB6\xD0\xB8\xD0\xBA"},
        NormalizationCase{"cyrillic_short_i_kept", "\xD0\xBC\xD0\xBE\xD0\xB9",
                          "\xD0\xBC\xD0\xBE\xD0\xB9"},
        NormalizationCase{"arabic_vowel_points", "\xD8\xA7\xD9\x84\xD9\x92\xD9\x83\xD9\x90\xD8\xAA\xD9\x8E\xD8\xA7\xD8\xA8",
                          "\xD8\xA7\xD9\x84\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8"},
        NormalizationCase{"arabic_tatweel", "\xD9\x83\xD9\x80\xD9\x80\xD8\xAA\xD8\xA7\xD8\xA8",
                          "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8"},
        NormalizationCase{"zero_width_space_inside_word", "foo\xE2\x80\x8B" "bar", "foobar"},
        NormalizationCase{"zero_width_joiner", "foo\xE2\x80\x8D" "bar", "foobar"},
        NormalizationCase{"word_joiner", "foo\xE2\x81\xA0" "bar", "foobar"},
        NormalizationCase{"halfwidth_katakana",
                          "\xEF\xBE\x83\xEF\xBE\x9E\xEF\xBD\xB0\xEF\xBE\x80",  // ﾃﾞｰﾀ
                          "\xE3\x83\x87\xE3\x83\xBC\xE3\x82\xBF"},             // データ
        NormalizationCase{"fullwidth_digits", "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x94", "2024"},
        NormalizationCase{"decomposed_hangul", "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB",  // ᄒ ᅡ ᆫ
                          "\xED\x95\x9C"}),                                               // 한
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
  // "c'est" takes two positions, one per part (c, est).
  EXPECT_EQ(tokens[0].position, 1u);
  EXPECT_EQ(tokens[1].position, 2u);
  EXPECT_EQ(tokens[2].position, 3u);
  EXPECT_EQ(tokens[3].position, 5u);
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

namespace quarry {
namespace {

// One token: its term and its parts ("" when none), "/"-separated.
struct CompoundCase {
  const char* name;
  const char* input;
  const char* term;
  const char* parts;
};

std::string JoinParts(const Token& token) {
  std::string joined;
  for (const std::string& part : token.parts) joined += (joined.empty() ? "" : "/") + part;
  return joined;
}

class CompoundTest : public ::testing::TestWithParam<CompoundCase> {};

TEST_P(CompoundTest, GivesTermAndParts) {
  const CompoundCase& c = GetParam();
  Analyzer analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer.Tokenize(c.input);
  ASSERT_EQ(tokens.size(), 1u) << c.name;
  EXPECT_EQ(tokens[0].term, c.term) << c.name;
  EXPECT_EQ(JoinParts(tokens[0]), c.parts) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CompoundTest,
    ::testing::Values(
        CompoundCase{"snake_case", "copy_from_user()", "copy_from_user", "copy/from/user"},
        CompoundCase{"config_name", "CONFIG_DEBUG_FS", "config_debug_fs", "config/debug/fs"},
        CompoundCase{"leading_underscores", "__init", "__init", "init"},
        CompoundCase{"camel_case", "getElementById", "getelementbyid", "get/element/by/id"},
        CompoundCase{"hyphenated", "e-mail", "email", "e/mail"},
        CompoundCase{"unicode_hyphen", "e\xE2\x80\x90mail", "email", "e/mail"},
        CompoundCase{"hyphen_with_number", "COVID-19", "covid19", "covid/19"},
        CompoundCase{"hyphen_chain", "state-of-the-art", "stateoftheart", "state/of/the/art"},
        CompoundCase{"cplusplus", "C++", "c++", ""},
        CompoundCase{"gplusplus", "g++,", "g++", ""},
        CompoundCase{"csharp", "C#", "c#", ""},
        CompoundCase{"ipv6_word", "IPv6", "ipv6", ""},
        CompoundCase{"ipv6_address", "fe80::1", "fe80::1", "fe80/1"},
        CompoundCase{"ipv6_full", "2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329",
                     "2001/db8/ff00/42/8329"},
        CompoundCase{"version", "1.4.22", "1.4.22", ""},
        CompoundCase{"version_with_v", "v1.4.22", "v1.4.22", "1.4.22"},
        CompoundCase{"decimal", "3.14", "3.14", ""},
        CompoundCase{"dotted_name", "node.js", "node.js", "node/js"},
        CompoundCase{"possessive", "Meta's", "meta's", "meta"},
        CompoundCase{"curly_possessive", "Meta\xE2\x80\x99s", "meta's", "meta"},
        CompoundCase{"elision", "l\xE2\x80\x99homme", "l'homme", "l/homme"},
        CompoundCase{"contraction", "don't", "don't", "don/t"},
        CompoundCase{"zwsp_camel", "foo\xE2\x80\x8B" "Bar", "foobar", "foo/bar"}),
    [](const ::testing::TestParamInfo<CompoundCase>& info) { return info.param.name; });

TEST(AnalyzerTest, NumberRangesAndSpacedHyphensStaySeparate) {
  Analyzer analyzer = MakeAnalyzer();
  EXPECT_THAT(Terms(analyzer, "10-20"), ElementsAre("10", "20"));
  EXPECT_THAT(Terms(analyzer, "well - known"), ElementsAre("well", "known"));
  EXPECT_THAT(Terms(analyzer, "a+b"), ElementsAre("a", "b"));
  EXPECT_THAT(Terms(analyzer, "C++11"), ElementsAre("c", "11"));
}

TEST(AnalyzerTest, CompoundPartsTakeConsecutivePositions) {
  Analyzer analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer.Tokenize("the e-mail address of copy_from_user here");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[1].term, "email");
  EXPECT_EQ(tokens[1].position, 2u);
  EXPECT_EQ(tokens[1].span(), 2u);
  EXPECT_EQ(tokens[2].position, 4u);  // "address", after e (2) and mail (3)
  EXPECT_EQ(tokens[4].term, "copy_from_user");
  EXPECT_EQ(tokens[5].position, tokens[4].position + 3);
}

TEST(AnalyzerTest, ZeroWidthSpaceSeparatesThaiWords) {
  Analyzer analyzer = MakeAnalyzer();
  // Thai writers put U+200B between words on purpose: it stays a boundary.
  std::string thai = "\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE2\x80\x8B"
                     "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2";  // ภาษา + ZWSP + ไทย
  EXPECT_THAT(Terms(analyzer, thai), ElementsAre("\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2",
                                                 "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2"));
}

TEST(AnalyzerTest, LatinInsideChineseIsItsOwnWord) {
  Analyzer analyzer = MakeAnalyzer();
  // 我喜欢Python编程 (I like programming in Python).
  std::vector<Token> tokens =
      analyzer.Tokenize("\xE6\x88\x91\xE5\x96\x9C\xE6\xAC\xA2Python\xE7\xBC\x96\xE7\xA8\x8B");
  std::vector<std::string> latin;
  for (const Token& t : tokens) {
    if (!t.ngram) latin.push_back(t.term);
  }
  EXPECT_THAT(latin, ElementsAre("python"));
  EXPECT_GE(tokens.size(), 3u);
  EXPECT_TRUE(tokens[0].ngram);
}

TEST(AnalyzerTest, MarksScriptsWithoutSpacesForNgrams) {
  Analyzer analyzer = MakeAnalyzer();
  const char* ngram_words[] = {
      "\xE5\x8C\x97\xE4\xBA\xAC",                   // 北京
      "\xE3\x83\x87\xE3\x83\xBC\xE3\x82\xBF",       // データ (with the prolonged-sound mark)
      "\xEC\x84\x9C\xEC\x9A\xB8",                   // 서울
      "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2",       // ไทย
  };
  for (const char* word : ngram_words) {
    std::vector<Token> tokens = analyzer.Tokenize(word);
    ASSERT_EQ(tokens.size(), 1u) << word;
    EXPECT_TRUE(tokens[0].ngram) << word;
  }
  for (const char* word : {"cafe", "\xCE\xBB\xCF\x8C\xCE\xB3\xCE\xBF\xCF\x82", "\xD0\xBC\xD0\xBE\xD0\xB9"}) {
    std::vector<Token> tokens = analyzer.Tokenize(word);
    ASSERT_EQ(tokens.size(), 1u) << word;
    EXPECT_FALSE(tokens[0].ngram) << word;
  }
}

TEST(TermCharactersTest, KeepsCombiningMarksWithTheirLetter) {
  // กิน: ก + sara i (a combining mark) + น: two characters.
  EXPECT_THAT(TermCharacters("\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x99"),
              ElementsAre("\xE0\xB8\x81\xE0\xB8\xB4", "\xE0\xB8\x99"));
  EXPECT_THAT(TermCharacters("\xE5\x8C\x97\xE4\xBA\xAC"), ElementsAre("\xE5\x8C\x97", "\xE4\xBA\xAC"));
  EXPECT_THAT(TermCharacters(""), ::testing::IsEmpty());
}

TEST(AnalyzerTest, KeepModeKeepsLettersThatFoldingChanges) {
  AnalysisConfig config;
  config.fold_diacritics = false;
  Analyzer analyzer = MakeAnalyzer(config);
  EXPECT_THAT(Terms(analyzer, "\xC4\xB1l\xC4\xB1k"), ElementsAre("\xC4\xB1l\xC4\xB1k"));  // ılık
  EXPECT_THAT(Terms(analyzer, "\xC5\x92uvre"), ElementsAre("\xC5\x93uvre"));              // Œuvre
  // The dot of İ is dropped in both modes: İstanbul and ISTANBUL meet.
  EXPECT_THAT(Terms(analyzer, "\xC4\xB0stanbul ISTANBUL"), ElementsAre("istanbul", "istanbul"));
}

Analyzer InLanguage(const char* language) {
  AnalysisConfig config;
  config.language = language;
  return MakeAnalyzer(config);
}

TEST(AnalyzerTest, StopWordsFollowTheLanguageAndItsNormalization) {
  Analyzer english = MakeAnalyzer();
  EXPECT_TRUE(english.IsStopWord("the"));
  EXPECT_TRUE(english.IsStopWord("of"));
  EXPECT_FALSE(english.IsStopWord("acquisition"));

  Analyzer french = InLanguage("fr");
  EXPECT_TRUE(french.IsStopWord("les"));
  EXPECT_TRUE(french.IsStopWord("a"));  // "à", folded
  EXPECT_FALSE(french.IsStopWord("the"));

  EXPECT_FALSE(InLanguage("none").IsStopWord("the"));
}

TEST(AnalyzerTest, QueriesLeaveOutMoreFunctionWordsThanTheIndex) {
  Analyzer english = MakeAnalyzer();
  // Every index stop word is left out of queries too...
  for (std::string_view word : {"the", "of", "which"}) {
    EXPECT_TRUE(english.IsStopWord(word)) << word;
    EXPECT_TRUE(english.IsQueryStopWord(word)) << word;
  }
  // ...and more function words, which the index still stems.
  for (std::string_view word : {"however", "whether", "upon", "what"}) {
    EXPECT_FALSE(english.IsStopWord(word)) << word;
    EXPECT_TRUE(english.IsQueryStopWord(word)) << word;
  }
  EXPECT_FALSE(english.IsQueryStopWord("acquisition"));
  EXPECT_FALSE(english.IsQueryStopWord("retrieval"));

  // Other languages: their own index list, no English words.
  Analyzer french = InLanguage("fr");
  EXPECT_TRUE(french.IsQueryStopWord("les"));
  EXPECT_TRUE(french.IsQueryStopWord("a"));  // "à", folded
  EXPECT_FALSE(french.IsQueryStopWord("however"));
  EXPECT_FALSE(InLanguage("none").IsQueryStopWord("the"));
}

// English's query list is scanned as written, a list with accented words
// looked up normalized: either way every listed word, normalized, is a
// query stop word, and its capitalized form (never a normalized term) is
// not.
TEST(AnalyzerTest, EveryListedQueryStopWordIsFound) {
  for (const char* language : {"english", "french", "german", "spanish"}) {
    Analyzer analyzer = InLanguage(language);
    Normalizer normalizer(NormalizerOptions{});
    for (std::string_view word : QueryStopWordList(analyzer.config().language)) {
      EXPECT_TRUE(analyzer.IsQueryStopWord(normalizer.NormalizeWord(word))) << language << " " << word;
      std::string capital(word);
      capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
      if (capital != word) {
        EXPECT_FALSE(analyzer.IsQueryStopWord(capital)) << language << " " << word;
      }
    }
  }
}

TEST(AnalyzerTest, IdentifiersAndNumbersAreNotStemmed) {
  Analyzer english = MakeAnalyzer();
  EXPECT_EQ(english.Stem("copy_from_users"), "copy_from_users");
  EXPECT_EQ(english.Stem("node.js"), "node.js");
  EXPECT_EQ(english.Stem("c++"), "c++");
  EXPECT_EQ(english.Stem("meta's"), "meta");
}

}  // namespace
}  // namespace quarry
