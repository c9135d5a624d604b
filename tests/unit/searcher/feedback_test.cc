#include "searcher/rank/feedback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "indexer/index_writer.h"
#include "searcher/rank/explain.h"
#include "searcher/rank/ranker.h"
#include "searcher/rank/ranking_config.h"
#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

class FeedbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexWriter writer(db_, English());
    Add(writer, "/v/1.txt", "The volcano eruption sent lava and ash over the crater; the magma rose.");
    Add(writer, "/v/2.txt", "Lava and magma flowed after the volcano eruption.");
    Add(writer, "/v/3.txt", "Ash fell from the volcano crater; magma was seen.");
    // Holds no word of the long query below: only feedback can find it.
    Add(writer, "/v/magma.txt", "A magma chamber lies beneath the mountain.");
    Add(writer, "/o/pasta.txt", "Cook the pasta with tomato sauce and basil.");
    Add(writer, "/o/bread.txt", "Bake the bread with flour, water and salt.");
    Add(writer, "/o/tea.txt", "Brew the tea with hot water for three minutes.");
    Add(writer, "/o/garden.txt", "Water the garden roses in the morning.");
    ASSERT_OK(writer.Commit());
  }

  void Add(indexer::IndexWriter& writer, const std::string& path, const std::string& body) {
    indexer::ExtractedDocument doc;
    doc.title = "";
    doc.body = body;
    ASSERT_OK(writer.Write(indexer::CorpusEntry{path, body.size(), ++mtime_}, 1, {doc}, nullptr));
  }

  StatusOr<BuiltQuery> Build(const std::string& text) { return ParseAndBuild(text, {}, analyzer_, {}); }

  static std::vector<std::string> Paths(const RankedResults& r) {
    std::vector<std::string> paths;
    for (const Hit& h : r.hits) paths.push_back(h.path);
    return paths;
  }

  Analyzer analyzer_ = English();
  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  int64_t mtime_ = 0;
};

constexpr const char* kLongQuery = "volcano eruption with lava, ash and smoke from the crater";

TEST_F(FeedbackTest, LongQueryGainsARelatedWordAndFindsMore) {
  ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(kLongQuery));
  ASSERT_TRUE(query.expandable);
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults before, Rank(db, query, PageRequest{0, 10}));
  EXPECT_THAT(Paths(before), Not(Contains("/v/magma.txt")));

  const Xapian::Query original = query.tiers[0];
  ASSERT_OK(ExpandWithFeedback(db, query));
  ASSERT_TRUE(query.expansion_terms.count("Zmagma")) << query.tiers[0].get_description();
  EXPECT_THAT(query.expansion_words, Contains("magma"));
  double strongest = 0;
  for (const auto& [term, scale] : query.expansion_terms) {
    EXPECT_GT(scale, 0) << term;
    EXPECT_LE(scale, ranking::kFeedbackWeight) << term;
    strongest = std::max(strongest, scale);
    // Never a word the query already holds, never an unstemmed or field term.
    EXPECT_NE(term, "Zvolcano");
    EXPECT_EQ(term.front(), 'Z') << term;
  }
  // The strongest added word weighs a fixed fraction of a typed one.
  EXPECT_DOUBLE_EQ(strongest, ranking::kFeedbackWeight);
  EXPECT_DOUBLE_EQ(query.expansion_terms.at("Z" + query.expansion_words.front()), ranking::kFeedbackWeight);
  EXPECT_LE(query.expansion_terms.size(), ranking::kFeedbackTerms);
  EXPECT_NE(query.tier_names[0].find("feedback"), std::string::npos);

  ASSERT_OK_AND_ASSIGN(RankedResults after, Rank(db, query, PageRequest{0, 10}));
  auto found = std::find_if(after.hits.begin(), after.hits.end(),
                            [](const Hit& h) { return h.path == "/v/magma.txt"; });
  ASSERT_NE(found, after.hits.end());
  // Found by the added word only: it is not reported as a typed word.
  EXPECT_THAT(found->matched_terms, IsEmpty());
  EXPECT_THAT(found->expansion_terms, Contains("magma"));
  // The documents holding the typed words still rank first.
  EXPECT_EQ(after.hits[0].path.substr(0, 3), "/v/");
  EXPECT_NE(after.hits[0].path, "/v/magma.txt");
  EXPECT_NE(query.tiers[0].get_description(), original.get_description());
}

TEST_F(FeedbackTest, ExplainMarksAddedWordsAndStillAddsUp) {
  ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(kLongQuery));
  Xapian::Database db = db_;
  ASSERT_OK(ExpandWithFeedback(db, query));
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, query, PageRequest{0, 10}));
  bool saw_added = false;
  for (const Hit& hit : r.hits) {
    ASSERT_OK_AND_ASSIGN(std::vector<TermContribution> terms, Explain(db, query, hit));
    double sum = 0;
    for (const TermContribution& c : terms) {
      sum += c.weight;
      EXPECT_EQ(c.expansion, query.expansion_terms.count(c.index_term) == 1) << c.index_term;
      if (c.expansion) {
        saw_added = true;
        EXPECT_LT(c.scale, 1.0);
      }
    }
    EXPECT_NEAR(sum, hit.score, 1e-9) << hit.path;
  }
  EXPECT_TRUE(saw_added);
}

TEST_F(FeedbackTest, ShortAndStructuredQueriesAreSearchedAsWritten) {
  Xapian::Database db = db_;
  for (const char* text : {"volcano lava", "volcano eruption lava ash",
                           "volcano eruption lava ash \"crater smoke\"",
                           "volcano eruption lava ash crater -smoke",
                           "volcano eruption lava ash crater ext:txt"}) {
    ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(text));
    EXPECT_FALSE(query.expandable) << text;
    const std::string before = query.tiers[0].get_description();
    ASSERT_OK(ExpandWithFeedback(db, query));
    EXPECT_THAT(query.expansion_terms, IsEmpty()) << text;
    EXPECT_EQ(query.tiers[0].get_description(), before) << text;
  }
}

TEST_F(FeedbackTest, NothingMatchedNothingAdded) {
  ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build("quasar pulsar nebula galaxy comet orbit"));
  ASSERT_TRUE(query.expandable);
  Xapian::Database db = db_;
  ASSERT_OK(ExpandWithFeedback(db, query));
  EXPECT_THAT(query.expansion_terms, IsEmpty());
  EXPECT_THAT(query.expansion_words, IsEmpty());
}

}  // namespace
}  // namespace quarry::searcher
