// End-to-end tests of the fields documents declare about themselves
// (common/index/document_fields.h): an author and a date written into
// pages' <meta> tags come back as author: and date: filters, --sort date
// and JSON fields, through the real binaries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// Seconds since the epoch of noon UTC on a day of a year (no time zone
// moves it to another year).
constexpr int64_t kMid2010 = 1276430400;  // 2010-06-13
constexpr int64_t kMid2015 = 1434196800;  // 2015-06-13
constexpr int64_t kMid2017 = 1497355200;  // 2017-06-13

class DocumentFieldsTest : public ::testing::Test, protected CorpusFixture {
 protected:
  // Three pages about herons: one declares an author and a 2019 date but
  // its file is from 2010; the others declare nothing and are dated by
  // their files (2015 and 2017).
  void SetUp() override {
    Write("dated.html",
          "<html><head><title>Grey herons</title>"
          "<meta name=\"author\" content=\"Ada  Lovelace\">"
          "<meta name=\"dcterms.date\" content=\"2019-03-04\"></head>"
          "<body><p>The heron waits by the reed bed.</p></body></html>");
    dir().SetMtime("corpus/dated.html", kMid2010);
    Write("old.html", "<title>Old herons</title><p>A heron from 2015.</p>");
    dir().SetMtime("corpus/old.html", kMid2015);
    Write("middle.txt", "Middle herons\nA heron from 2017.\n");
    dir().SetMtime("corpus/middle.txt", kMid2017);
    ProcessResult index = Index();
    ASSERT_EQ(index.exit_code, 0) << Describe(index);
  }

  nlohmann::json Json(const std::string& query, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"--db", Db(), "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(query);
    ProcessResult r = RunSearch(args);
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(DocumentFieldsTest, AuthorIsAFieldAndAWord) {
  EXPECT_THAT(SearchPaths("author:lovelace"), ElementsAre("dated.html"));
  EXPECT_THAT(SearchPaths("author:\"ada lovelace\" heron"), ElementsAre("dated.html"));
  EXPECT_THAT(SearchPaths("heron -author:lovelace"), UnorderedElementsAre("old.html", "middle.txt"));
  // The author's name is also a plain word of the document.
  EXPECT_THAT(SearchPaths("lovelace"), ElementsAre("dated.html"));
  // A word of the text is not the author.
  EXPECT_THAT(SearchPaths("author:heron"), ElementsAre());
}

TEST_F(DocumentFieldsTest, JsonCarriesTheFieldsADocumentHas) {
  nlohmann::json page = Json("heron", {"--sort", "date"});
  ASSERT_EQ(page["results"].size(), 3u);
  const nlohmann::json& dated = page["results"][0];
  EXPECT_EQ(dated["path"].get<std::string>().substr(Root().size()), "/dated.html");
  EXPECT_EQ(dated["author"], "Ada Lovelace");
  EXPECT_EQ(dated["date"], "2019-03-04T00:00:00Z");
  EXPECT_EQ(dated["mtime"], "2010-06-13T12:00:00Z");  // the file's own time stays
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_FALSE(page["results"][i].contains("author")) << page["results"][i].dump();
    EXPECT_FALSE(page["results"][i].contains("date")) << page["results"][i].dump();
  }
  // Without snippets, the fields are read all the same.
  EXPECT_EQ(Json("author:lovelace", {"--snippet-length", "0"})["results"][0]["author"],
            "Ada Lovelace");
}

TEST_F(DocumentFieldsTest, DateFiltersAndSortingUseTheDocumentsOwnDate) {
  // The page declaring 2019 is dated 2019, not by its file (2010).
  EXPECT_THAT(SearchPaths("date:2019"), ElementsAre("dated.html"));
  EXPECT_THAT(SearchPaths("date:2010"), ElementsAre());
  // The others by their files.
  EXPECT_THAT(SearchPaths("date:2015"), ElementsAre("old.html"));
  EXPECT_THAT(SearchPaths("heron date:2016..2018"), ElementsAre("middle.txt"));
  // Newest first, by each document's date.
  EXPECT_THAT(SearchPaths("heron", {"--sort", "date"}),
              ElementsAre("dated.html", "middle.txt", "old.html"));
  // A query of filters only is listed newest first too.
  EXPECT_THAT(SearchPaths("date:2000..2030"), ElementsAre("dated.html", "middle.txt", "old.html"));
}

TEST_F(DocumentFieldsTest, ATouchedFileKeepsItsOwnDateAndTheOthersFollowTheirFiles) {
  // New times, same content: the index records the times without reading
  // the files again.
  dir().SetMtime("corpus/dated.html", kMid2017);
  dir().SetMtime("corpus/old.html", kMid2017);
  ProcessResult index = Index();
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(SearchPaths("date:2019"), ElementsAre("dated.html"));
  EXPECT_THAT(SearchPaths("date:2017"), UnorderedElementsAre("old.html", "middle.txt"));
  EXPECT_THAT(SearchPaths("date:2015"), ElementsAre());
}

}  // namespace
}  // namespace quarry::testing
