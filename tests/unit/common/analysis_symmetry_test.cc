// The analysis symmetry test (STYLE.md §6): a golden list of tricky inputs
// must give identical terms through the index path and the query path, and
// each document form must be found by each query form a user may type.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/index/term_builder.h"
#include "tests/unit/common/memory_index.h"

namespace quarry {
namespace {

using ::quarry::testing::MemoryIndexTest;
using ::testing::ElementsAre;

struct SymmetryCase {
  const char* name;
  const char* document;  // as written in a file
  const char* query;     // as a user types it
  // True when both forms must give exactly the same tokens (normalization);
  // false when they differ on purpose but must still meet (e-mail/email).
  bool same_terms;
};

std::vector<std::string> TermsOf(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> terms;
  for (const Token& token : analyzer.Tokenize(text)) {
    terms.push_back(token.term);
    for (const std::string& part : token.parts) terms.push_back("  part:" + part);
  }
  return terms;
}

class SymmetryTest : public MemoryIndexTest, public ::testing::WithParamInterface<SymmetryCase> {};

TEST_P(SymmetryTest, IndexAndQueryPathsAgree) {
  const SymmetryCase& c = GetParam();
  // The index path: the terms IndexText writes come from these tokens.
  std::vector<std::string> indexed = TermsOf(analyzer_, c.document);
  ASSERT_FALSE(indexed.empty()) << c.name;
  if (c.same_terms) {
    EXPECT_EQ(indexed, TermsOf(analyzer_, c.query)) << c.name;
  }
  Xapian::docid id = Add(c.document);
  Add("unrelated filler text");
  EXPECT_THAT(Words(c.query), ElementsAre(id)) << c.name << ": words of " << c.query;
  EXPECT_THAT(Phrase(c.query), ElementsAre(id)) << c.name << ": phrase " << c.query;
  // And the other way round: the document's own text as a query.
  EXPECT_THAT(Phrase(c.document), ElementsAre(id)) << c.name << ": phrase " << c.document;
}

INSTANTIATE_TEST_SUITE_P(
    Golden, SymmetryTest,
    ::testing::Values(
        SymmetryCase{"sharp_s", "Stra\xC3\x9F" "e", "STRASSE", true},
        SymmetryCase{"sharp_s_lower", "stra\xC3\x9F" "e", "strasse", true},
        SymmetryCase{"fi_ligature", "\xEF\xAC\x81nance", "finance", true},
        SymmetryCase{"fullwidth_latin", "\xEF\xBC\xAD\xEF\xBD\x85\xEF\xBD\x94\xEF\xBD\x81", "Meta", true},
        SymmetryCase{"composed_vs_decomposed", "caf\xC3\xA9", "cafe\xCC\x81", true},
        SymmetryCase{"accent_folding", "caf\xC3\xA9", "cafe", true},
        SymmetryCase{"turkish_dotted_capital", "\xC4\xB0stanbul", "istanbul", true},
        SymmetryCase{"turkish_upper", "\xC4\xB0STANBUL", "\xC4\xB0stanbul", true},
        SymmetryCase{"greek_final_sigma", "\xCE\xBB\xCF\x8C\xCE\xB3\xCE\xBF\xCF\x82",
                     "\xCE\x9B\xCE\x8C\xCE\x93\xCE\x9F\xCE\xA3", true},
        SymmetryCase{"cjk", "\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6", "\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6", true},
        SymmetryCase{"halfwidth_katakana", "\xE3\x83\x87\xE3\x83\xBC\xE3\x82\xBF\xE3\x83\x99\xE3\x83\xBC\xE3\x82\xB9",
                     "\xEF\xBE\x83\xEF\xBE\x9E\xEF\xBD\xB0\xEF\xBE\x80\xEF\xBE\x8D\xEF\xBE\x9E\xEF\xBD\xB0\xEF\xBD\xBD", true},
        SymmetryCase{"curly_apostrophe", "don\xE2\x80\x99t", "don't", true},
        SymmetryCase{"modifier_apostrophe", "don\xCA\xBCt", "don't", true},
        SymmetryCase{"possessive", "Meta\xE2\x80\x99s", "meta's", true},
        SymmetryCase{"hyphen_unicode", "e\xE2\x80\x91mail", "e-mail", true},
        SymmetryCase{"hyphen_vs_joined", "e-mail", "email", false},
        SymmetryCase{"soft_hyphen", "hy\xC2\xADphen", "hyphen", true},
        SymmetryCase{"zero_width_space", "foo\xE2\x80\x8B" "bar", "foobar", true},
        SymmetryCase{"fullwidth_digits", "\xEF\xBC\x91.4.22", "1.4.22", true},
        SymmetryCase{"version_number", "1.4.22", "1.4.22", true},
        SymmetryCase{"identifier", "copy_from_user", "COPY_FROM_USER", true}),
    [](const ::testing::TestParamInfo<SymmetryCase>& info) { return info.param.name; });

// The query flow reads its settings from the index; with folding off, both
// sides keep accents, and still agree on everything else.
class KeepDiacriticsTest : public MemoryIndexTest {
 protected:
  static AnalysisConfig Keep() {
    AnalysisConfig config;
    config.fold_diacritics = false;
    return config;
  }
  KeepDiacriticsTest() : MemoryIndexTest(Keep()) {}
};

TEST_F(KeepDiacriticsTest, AccentsAreDistinctButFormsStillMeet) {
  Xapian::docid accented = Add("caf\xC3\xA9");
  Xapian::docid plain = Add("cafe");
  EXPECT_THAT(Words("caf\xC3\xA9"), ElementsAre(accented));
  EXPECT_THAT(Words("cafe\xCC\x81"), ElementsAre(accented));  // decomposed
  EXPECT_THAT(Words("CAF\xC3\x89"), ElementsAre(accented));
  EXPECT_THAT(Words("cafe"), ElementsAre(plain));
}

}  // namespace
}  // namespace quarry
