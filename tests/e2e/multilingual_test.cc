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

}  // namespace
}  // namespace quarry::testing
