// End-to-end tests of text analysis in every script and encoding (issue 3):
// the multilingual fixture corpus (tests/testdata/multilingual) is indexed
// once by the real quarry-index, and each query form a user may type must
// find its document through the real quarry-search.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Copies the fixture corpus into `corpus`, byte for byte.
void CopyFixtures(const CorpusFixture& corpus) {
  namespace fs = std::filesystem;
  fs::path source = fs::path(QUARRY_TESTDATA_DIR) / "multilingual";
  for (const auto& entry : fs::recursive_directory_iterator(source)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    corpus.Write(fs::relative(entry.path(), source).string(), ReadFile(entry.path()));
  }
}

class MultilingualTest : public ::testing::Test {
 protected:
  // Indexing once for the whole suite keeps it fast; the tests only read.
  static void SetUpTestSuite() {
    corpus_ = new CorpusFixture();
    CopyFixtures(*corpus_);
    index_ = new ProcessResult(corpus_->Index({"--verbose"}));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete corpus_;
  }
  void SetUp() override { ASSERT_EQ(index_->exit_code, 0) << Describe(*index_); }

  static std::vector<std::string> Search(const std::string& query) {
    return corpus_->SearchPaths(query);
  }

  static CorpusFixture* corpus_;
  static ProcessResult* index_;
};

CorpusFixture* MultilingualTest::corpus_ = nullptr;
ProcessResult* MultilingualTest::index_ = nullptr;

TEST_F(MultilingualTest, VerboseShowsTheDetectedEncodingOfEachFile) {
  const std::pair<const char*, const char*> expected[] = {
      {"legacy/fr-windows-1252.txt", "windows-1252"}, {"legacy/de-latin1.txt", "windows-1252"},
      {"legacy/el-utf16.txt", "UTF-16LE"},           {"legacy/ja-shift_jis.txt", "Shift_JIS"},
      {"legacy/zh-gb18030.txt", "GB18030"},          {"legacy/ru-koi8-r.txt", "KOI8-R"},
      {"zh.txt", "UTF-8"},
  };
  for (const auto& [file, encoding] : expected) {
    EXPECT_THAT(index_->err, HasSubstr(file + std::string(" (new file, text, ") + encoding + ")"))
        << index_->err;
  }
}

struct FindCase {
  const char* query;
  const char* path;  // a document the query must find
};

class MultilingualFindTest : public MultilingualTest,
                             public ::testing::WithParamInterface<FindCase> {};

TEST_P(MultilingualFindTest, QueryFindsItsDocument) {
  const FindCase& c = GetParam();
  EXPECT_THAT(Search(c.query), Contains(c.path)) << "query: " << c.query;
}

INSTANTIATE_TEST_SUITE_P(
    LegacyEncodings, MultilingualFindTest,
    ::testing::Values(
        FindCase{"boulanger", "legacy/fr-windows-1252.txt"},
        FindCase{"naif", "legacy/fr-windows-1252.txt"},
        FindCase{"creme brulee", "legacy/fr-windows-1252.txt"},
        FindCase{"gr\xC3\xB6\xC3\x9F" "ere", "legacy/de-latin1.txt"},   // größere
        FindCase{"M\xC3\xBCnchen", "legacy/de-latin1.txt"},
        FindCase{"\xCE\xB8\xCE\xAC\xCE\xBB\xCE\xB1\xCF\x83\xCF\x83\xCE\xB1", "legacy/el-utf16.txt"},
        FindCase{"\xE5\xAF\x8C\xE5\xA3\xAB\xE5\xB1\xB1", "legacy/ja-shift_jis.txt"},  // 富士山
        FindCase{"\xE9\x95\xBF\xE5\x9F\x8E", "legacy/zh-gb18030.txt"},                // 长城
        FindCase{"\xD0\xBA\xD0\xB0\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB0", "legacy/ru-koi8-r.txt"}  // камина
        ));

// Each language of the corpus, in the forms a user types.
INSTANTIATE_TEST_SUITE_P(
    Languages, MultilingualFindTest,
    ::testing::Values(
        // Chinese: dictionary words, a word split differently, one character,
        // English inside Chinese text.
        FindCase{"\xE5\x9B\xBE\xE4\xB9\xA6\xE9\xA6\x86", "zh.txt"},    // 图书馆
        FindCase{"\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6", "zh.txt"},  // 北京大学
        FindCase{"\xE7\xBC\x96\xE7\xA8\x8B", "zh.txt"},                    // 编程
        FindCase{"\xE9\xA6\x86", "zh.txt"},                                   // 馆
        FindCase{"python", "zh.txt"},
        // Japanese: kanji, katakana, half-width katakana typed full-width.
        FindCase{"\xE6\x9D\xB1\xE4\xBA\xAC", "ja.txt"},                    // 東京
        FindCase{"\xE3\x82\xB3\xE3\x83\xB3\xE3\x83\x94\xE3\x83\xA5\xE3\x83\xBC\xE3\x82\xBF",
                 "ja.txt"},                                                    // コンピュータ
        FindCase{"\xE3\x83\x87\xE3\x83\xBC\xE3\x82\xBF\xE3\x83\x99\xE3\x83\xBC\xE3\x82\xB9",
                 "ja.txt"},                                                    // データベース
        // Korean: a word with a particle attached in the text.
        FindCase{"\xEB\x8F\x84\xEC\x84\x9C\xEA\xB4\x80", "ko.txt"},     // 도서관
        FindCase{"\xEC\x84\x9C\xEC\x9A\xB8", "ko.txt"},                    // 서울
        // Thai: words inside unspaced text.
        FindCase{"\xE0\xB8\xA3\xE0\xB8\xB2\xE0\xB8\x8A\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3",
                 "th.txt"},                                                    // ราชการ
        FindCase{"\xE0\xB8\xA1\xE0\xB8\xB0\xE0\xB8\xA1\xE0\xB9\x88\xE0\xB8\xA7\xE0\xB8\x87",
                 "th.txt"},                                                    // มะม่วง
        // German: ß and ss, umlauts folded.
        FindCase{"strasse", "de.txt"},
        FindCase{"STRASSE", "de.txt"},
        FindCase{"fussganger", "de.txt"},
        FindCase{"Br\xC3\xBC" "cke", "de.txt"},
        // French: accents, elisions with curly apostrophes typed straight.
        FindCase{"ete", "fr.txt"},
        FindCase{"l'ete", "fr.txt"},
        FindCase{"homme", "fr.txt"},
        FindCase{"Montreal", "fr.txt"},
        FindCase{"fenetre", "fr.txt"},
        // Turkish: dotted capital İ and dotless ı.
        FindCase{"istanbul", "tr.txt"},
        FindCase{"\xC4\xB0stanbul", "tr.txt"},
        FindCase{"ISTANBUL", "tr.txt"},
        FindCase{"ilik", "tr.txt"},
        FindCase{"\xC4\xB1l\xC4\xB1k", "tr.txt"},
        FindCase{"kadikoy", "tr.txt"},
        // Greek: final sigma, capitals with and without tonos.
        FindCase{"\xCE\xBB\xCF\x8C\xCE\xB3\xCE\xBF\xCF\x82", "el.txt"},  // λόγος
        FindCase{"\xCE\x9B\xCE\x9F\xCE\x93\xCE\x9F\xCE\xA3", "el.txt"},  // ΛΟΓΟΣ
        FindCase{"\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1\xCF\x83", "el.txt"},  // αθηνας
        // Russian: ё typed as е, case.
        FindCase{"\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90", "ru.txt"},  // МОСКВА
        FindCase{"\xD0\xB5\xD0\xB6\xD0\xB8\xD0\xBA", "ru.txt"},                      // ежик
        // Arabic: a word with vowel marks typed without them.
        FindCase{"\xD8\xA7\xD9\x84\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", "ar.txt"},   // الكتاب
        FindCase{"\xD8\xA7\xD9\x84\xD9\x85\xD9\x83\xD8\xAA\xD8\xA8\xD8\xA9", "ar.txt"}  // المكتبة
        ));

// Mixed text: identifiers, symbols, numbers, invisible characters.
INSTANTIATE_TEST_SUITE_P(
    Mixed, MultilingualFindTest,
    ::testing::Values(FindCase{"copy_from_user", "mixed.md"}, FindCase{"copy from user", "mixed.md"},
                      FindCase{"\"copy from user\"", "mixed.md"}, FindCase{"CONFIG_DEBUG_FS", "mixed.md"},
                      FindCase{"debug", "mixed.md"}, FindCase{"email", "mixed.md"},
                      FindCase{"e-mail", "mixed.md"}, FindCase{"C++", "mixed.md"},
                      FindCase{"c#", "mixed.md"}, FindCase{"ipv6", "mixed.md"},
                      FindCase{"1.4.22", "mixed.md"}, FindCase{"getElementById", "mixed.md"},
                      FindCase{"element", "mixed.md"}, FindCase{"Meta", "mixed.md"},
                      FindCase{"\"meta acquisition\"", "mixed.md"}, FindCase{"foobar", "mixed.md"},
                      FindCase{"soft", "mixed.md"}));

TEST_F(MultilingualTest, QuotedChinesePhraseFindsTheRun) {
  // "大学图书馆" is in zh.txt as one run of characters, segmented otherwise.
  EXPECT_THAT(Search("\"\xE5\xA4\xA7\xE5\xAD\xA6\xE5\x9B\xBE\xE4\xB9\xA6\xE9\xA6\x86\""),
              ::testing::ElementsAre("zh.txt"));
}

// --diacritics keep is recorded in the index, and quarry-search follows it
// without being told.
TEST(DiacriticsSettingTest, SearcherFollowsTheRecordedSetting) {
  CorpusFixture corpus;
  corpus.Write("accent.txt", "Un caf\xC3\xA9 noir.\n");
  corpus.Write("plain.txt", "A cafe in town.\n");
  ProcessResult keep = corpus.Index({"--diacritics", "keep"});
  ASSERT_EQ(keep.exit_code, 0) << Describe(keep);
  EXPECT_THAT(corpus.SearchPaths("caf\xC3\xA9"), ::testing::ElementsAre("accent.txt"));
  EXPECT_THAT(corpus.SearchPaths("cafe\xCC\x81"), ::testing::ElementsAre("accent.txt"));
  EXPECT_THAT(corpus.SearchPaths("cafe"), ::testing::ElementsAre("plain.txt"));

  ProcessResult fold = corpus.Index({"--diacritics", "fold"});
  ASSERT_EQ(fold.exit_code, 0) << Describe(fold);
  EXPECT_THAT(corpus.SearchPaths("cafe"), ::testing::UnorderedElementsAre("accent.txt", "plain.txt"));
  EXPECT_THAT(corpus.SearchPaths("caf\xC3\xA9"), ::testing::UnorderedElementsAre("accent.txt", "plain.txt"));
}

// Bytes that are no valid text in any encoding never stop the indexer, and
// the rest of the file is still found.
TEST(BrokenTextTest, InvalidSequencesAreReplacedAndTheFileKept) {
  CorpusFixture corpus;
  corpus.Write("broken.txt", "Na\xC3\xAFve caf\xC3\xA9 in \xE5\x8C\x97\xE4\xBA\xAC, \xFF then truncated \xE5\x8C");
  ProcessResult index = corpus.Index({"--verbose"});
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(index.err, HasSubstr("broken.txt (new file, text, UTF-8)"));
  EXPECT_THAT(corpus.SearchPaths("truncated"), ::testing::ElementsAre("broken.txt"));
  EXPECT_THAT(corpus.SearchPaths("\xE5\x8C\x97\xE4\xBA\xAC"), ::testing::ElementsAre("broken.txt"));
}

}  // namespace
}  // namespace quarry::testing
