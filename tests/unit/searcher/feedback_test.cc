#include "searcher/rank/feedback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "common/index/schema.h"
#include "indexer/index_writer.h"
#include "searcher/rank/explain.h"
#include "searcher/rank/ranker.h"
#include "searcher/rank/ranking_config.h"
#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
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
    for (const RankedHit& h : r.hits) paths.push_back(h.hit.path);
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
                            [](const RankedHit& h) { return h.hit.path == "/v/magma.txt"; });
  ASSERT_NE(found, after.hits.end());
  // Found by the added word only: it is not reported as a typed word.
  EXPECT_THAT(found->hit.matched_terms, IsEmpty());
  EXPECT_THAT(found->hit.expansion_terms, Contains("magma"));
  // The documents holding the typed words still rank first.
  EXPECT_EQ(after.hits[0].hit.path.substr(0, 3), "/v/");
  EXPECT_NE(after.hits[0].hit.path, "/v/magma.txt");
  EXPECT_NE(query.tiers[0].get_description(), original.get_description());
}

TEST_F(FeedbackTest, NumbersStemTermsOfOlderIndexesAreNotAdded) {
  // Written as indexes before numbers lost their Z terms hold them.
  for (const char* path : {"/old/1.txt", "/old/2.txt"}) {
    Xapian::Document doc;
    Xapian::termpos position = 0;
    for (const char* word : {"volcano", "eruption", "lava", "ash", "crater", "1883"}) {
      doc.add_posting(word, ++position);
      doc.add_term(std::string("Z") + word);
    }
    doc.add_boolean_term(std::string("Q") + path);
    doc.add_value(schema::kPathSlot, path);
    db_.add_document(doc);
  }
  db_.commit();
  ASSERT_OK_AND_ASSIGN(BuiltQuery query,
                       Build("volcano eruption of 1883 with lava, ash and crater"));
  Xapian::Database db = db_;
  ASSERT_OK(ExpandWithFeedback(db, query));
  EXPECT_EQ(query.expansion_terms.count("Z1883"), 0u) << query.tiers[0].get_description();
  EXPECT_THAT(query.expansion_words, Not(Contains("1883")));
}

TEST_F(FeedbackTest, ExplainMarksAddedWordsAndStillAddsUp) {
  // A long query (one ranked OR) and a tiered one (added words as weight).
  for (const char* text : {kLongQuery, "volcano crater magma"}) {
    ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(text));
    Xapian::Database db = db_;
    ASSERT_OK(ExpandWithFeedback(db, query));
    ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, query, PageRequest{0, 10}));
    bool saw_added = false;
    for (const RankedHit& hit : r.hits) {
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
      EXPECT_NEAR(sum, hit.hit.score, 1e-9) << text << ": " << hit.hit.path;
    }
    EXPECT_TRUE(saw_added) << text;
  }
}

TEST_F(FeedbackTest, TwoWordAndStructuredQueriesAreSearchedAsWritten) {
  Xapian::Database db = db_;
  for (const char* text : {"volcano lava", "the volcano and lava", "volcano eruption lava ash \"crater smoke\"",
                           "volcano eruption lava ash crater -smoke",
                           "volcano eruption lava ash crater ext:txt", "volcano eruption +lava"}) {
    ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(text));
    EXPECT_FALSE(query.expandable) << text;
    const std::string before = query.tiers[0].get_description();
    ASSERT_OK(ExpandWithFeedback(db, query));
    EXPECT_THAT(query.expansion_terms, IsEmpty()) << text;
    EXPECT_EQ(query.tiers[0].get_description(), before) << text;
  }
}

TEST_F(FeedbackTest, FewWordsKeepTheirTiersAndMatchesAndAreReordered) {
  {
    indexer::IndexWriter writer(db_, English());
    // Both hold only "volcano" of the query below; the tour is shorter, so
    // BM25 ranks it first, though the other is about what the best
    // matches are about.
    Add(writer, "/t/tour.txt", "A volcano tour.");
    Add(writer, "/t/flow.txt", "Lava and ash poured from the volcano during the eruption.");
    ASSERT_OK(writer.Commit());
  }
  Xapian::Database db = db_;
  for (const char* text : {"volcano crater magma", "volcano, crater and magma rising"}) {
    ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(text));
    ASSERT_TRUE(query.expandable) << text;
    ASSERT_EQ(query.tiers.size(), 2u) << text;
    ASSERT_OK_AND_ASSIGN(RankedResults before, Rank(db, query, PageRequest{0, 20}));

    ASSERT_OK(ExpandWithFeedback(db, query));
    EXPECT_THAT(query.expansion_words, Not(IsEmpty())) << text;
    for (const std::string& name : query.tier_names) EXPECT_THAT(name, HasSubstr("(feedback)")) << text;
    ASSERT_OK_AND_ASSIGN(RankedResults after, Rank(db, query, PageRequest{0, 20}));

    // Each tier holds exactly the documents it held: none is found by an
    // added word alone.
    EXPECT_EQ(after.tier_totals, before.tier_totals) << text;
    std::vector<std::string> first_before = Paths(before), first_after = Paths(after);
    ASSERT_EQ(first_after.size(), first_before.size()) << text;
    const size_t all_words = before.tier_totals[0];
    std::vector<std::string> tier0_before(first_before.begin(), first_before.begin() + all_words);
    std::vector<std::string> tier0_after(first_after.begin(), first_after.begin() + all_words);
    EXPECT_THAT(tier0_after, ::testing::UnorderedElementsAreArray(tier0_before)) << text;
    EXPECT_THAT(first_after, ::testing::UnorderedElementsAreArray(first_before)) << text;
    EXPECT_THAT(first_after, Not(Contains("/o/pasta.txt")));

    // Within "some of the words", the added words (lava, ash, eruption)
    // lift the eruption above the shorter tour.
    auto rank_of = [](const std::vector<std::string>& paths, const std::string& path) {
      return std::find(paths.begin(), paths.end(), path) - paths.begin();
    };
    EXPECT_LT(rank_of(first_before, "/t/tour.txt"), rank_of(first_before, "/t/flow.txt")) << text;
    EXPECT_LT(rank_of(first_after, "/t/flow.txt"), rank_of(first_after, "/t/tour.txt")) << text;
  }
}

// Long top documents make the expansion costly: past
// ranking::kFeedbackMaxWords words among them the query is left as typed.
TEST_F(FeedbackTest, LongTopDocumentsAreNotReadForFeedback) {
  {
    indexer::IndexWriter writer(db_, English());
    std::string long_text;
    while (long_text.size() < 8 * ranking::kFeedbackMaxWords) long_text += "volcano eruption lava ash basalt ";
    Add(writer, "/v/long.txt", long_text);
    ASSERT_OK(writer.Commit());
  }
  ASSERT_OK_AND_ASSIGN(BuiltQuery query, Build(kLongQuery));
  ASSERT_TRUE(query.expandable);
  const std::string before = query.tiers[0].get_description();
  Xapian::Database db = db_;
  ASSERT_OK(ExpandWithFeedback(db, query));
  EXPECT_THAT(query.expansion_terms, IsEmpty());
  EXPECT_EQ(query.tiers[0].get_description(), before);
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
