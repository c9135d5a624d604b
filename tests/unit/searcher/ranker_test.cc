#include "searcher/rank/ranker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indexer/index_writer.h"
#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

class RankerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexWriter writer(db_, English());
    Add(writer, "/c/both.txt", "Meta completed the acquisition.");
    // Many repetitions of one word score high on that word alone; the tier
    // rule must still put it below the document with both words.
    Add(writer, "/c/meta.txt", "Meta meta meta meta meta meta.");
    Add(writer, "/c/acq.txt", "An acquisition.");
    Add(writer, "/c/none.txt", "Nothing relevant.");
    ASSERT_OK(writer.Commit());
  }

  void Add(indexer::IndexWriter& writer, const std::string& path, const std::string& body) {
    indexer::ExtractedDocument doc;
    doc.title = path;
    doc.body = body;
    ASSERT_OK(writer.Write(indexer::CorpusEntry{path, body.size(), 1}, 1, {doc}, nullptr));
  }

  std::vector<std::string> Paths(const RankedResults& r) {
    std::vector<std::string> paths;
    for (const Hit& h : r.hits) paths.push_back(h.path);
    return paths;
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(RankerTest, DocumentsWithAllWordsRankFirst) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, PageRequest{0, 10}));
  ASSERT_EQ(r.hits.size(), 3u);
  EXPECT_EQ(r.hits[0].path, "/c/both.txt");
  EXPECT_THAT(Paths(r), ::testing::UnorderedElementsAre("/c/both.txt", "/c/meta.txt", "/c/acq.txt"));
  EXPECT_EQ(r.estimated_total, 3u);
  EXPECT_EQ(r.hits[0].rank, 1u);
  EXPECT_EQ(r.hits[2].rank, 3u);
}

TEST_F(RankerTest, PagesRunAcrossTiers) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults all, Rank(db, q, PageRequest{0, 10}));
  ASSERT_OK_AND_ASSIGN(RankedResults p1, Rank(db, q, PageRequest{0, 2}));
  ASSERT_OK_AND_ASSIGN(RankedResults p2, Rank(db, q, PageRequest{2, 2}));
  ASSERT_EQ(p1.hits.size(), 2u);
  ASSERT_EQ(p2.hits.size(), 1u);
  EXPECT_EQ(p1.hits[0].path, all.hits[0].path);
  EXPECT_EQ(p1.hits[1].path, all.hits[1].path);
  EXPECT_EQ(p2.hits[0].path, all.hits[2].path);
  EXPECT_EQ(p2.hits[0].rank, 3u);
  ASSERT_OK_AND_ASSIGN(RankedResults p3, Rank(db, q, PageRequest{3, 2}));
  EXPECT_TRUE(p3.hits.empty());
}

}  // namespace
}  // namespace quarry::searcher
