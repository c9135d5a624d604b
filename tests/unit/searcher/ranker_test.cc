#include "searcher/rank/ranker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "indexer/index_writer.h"
#include "searcher/rank/explain.h"
#include "searcher/rank/freshness.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

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
    // Each document is newer than the one before.
    ASSERT_OK(writer.Write(indexer::CorpusEntry{path, body.size(), ++mtime_}, 1, {doc}, nullptr));
  }

  std::vector<std::string> Paths(const RankedResults& r) {
    std::vector<std::string> paths;
    for (const RankedHit& h : r.hits) paths.push_back(h.hit.path);
    return paths;
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  int64_t mtime_ = 0;
};

TEST_F(RankerTest, DocumentsWithAllWordsRankFirst) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, PageRequest{0, 10}));
  ASSERT_EQ(r.hits.size(), 3u);
  EXPECT_EQ(r.hits[0].hit.path, "/c/both.txt");
  EXPECT_THAT(Paths(r), ::testing::UnorderedElementsAre("/c/both.txt", "/c/meta.txt", "/c/acq.txt"));
  EXPECT_EQ(r.estimated_total, 3u);
  EXPECT_EQ(r.hits[0].hit.rank, 1u);
  EXPECT_EQ(r.hits[2].hit.rank, 3u);
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
  EXPECT_EQ(p1.hits[0].hit.path, all.hits[0].hit.path);
  EXPECT_EQ(p1.hits[1].hit.path, all.hits[1].hit.path);
  EXPECT_EQ(p2.hits[0].hit.path, all.hits[2].hit.path);
  EXPECT_EQ(p2.hits[0].hit.rank, 3u);
  ASSERT_OK_AND_ASSIGN(RankedResults p3, Rank(db, q, PageRequest{3, 2}));
  EXPECT_TRUE(p3.hits.empty());
}

TEST_F(RankerTest, LaterTiersAreEstimatedWhenThePageIsFull) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  // One hit fills the page from the first tier; the second tier (two
  // documents with one of the words) is still counted in the total.
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, PageRequest{0, 1}));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].hit.path, "/c/both.txt");
  ASSERT_EQ(r.tier_totals.size(), 2u);
  EXPECT_EQ(r.tier_totals[0], 1u);
  EXPECT_GE(r.tier_totals[1], 1u);
  EXPECT_GE(r.estimated_total, 2u);
}

TEST_F(RankerTest, SortByDateIsNewestFirstAcrossTiers) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  PageRequest page{0, 10};
  page.sort = SortOrder::kDate;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, page));
  // Written in SetUp order, each newer: acq.txt is the newest match.
  EXPECT_THAT(Paths(r), ::testing::ElementsAre("/c/acq.txt", "/c/meta.txt", "/c/both.txt"));
}

TEST_F(RankerTest, MatchedTermsAreTheQueryWords) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("Meta acquisitions", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, PageRequest{0, 1}));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_THAT(r.hits[0].hit.matched_terms, ::testing::ElementsAre("meta", "acquisitions"));
  PageRequest bare{0, 1};
  bare.with_matched_terms = false;
  ASSERT_OK_AND_ASSIGN(RankedResults lean, Rank(db, q, bare));
  EXPECT_TRUE(lean.hits[0].hit.matched_terms.empty());
  EXPECT_EQ(lean.hits[0].hit.path, r.hits[0].hit.path);
}

TEST_F(RankerTest, StoredTextIsReadPerHit) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, PageRequest{0, 1}));
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_OK_AND_ASSIGN(std::string data, TakeTextData(db, r.hits[0]));
  ASSERT_OK_AND_ASSIGN(std::string text, DecodeStoredText(data));
  EXPECT_EQ(text, "Meta completed the acquisition.");
  RankedHit gone = r.hits[0];
  gone.docid = 999;
  EXPECT_THAT(TakeTextData(db, gone), quarry::testing::StatusIs(StatusCode::kDataLoss));
}

TEST_F(RankerTest, TextDataComesWithTheFieldsWhenAsked) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults plain, Rank(db, q, PageRequest{0, 10}));
  PageRequest page{0, 10};
  page.with_text_data = true;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, page));
  ASSERT_EQ(r.hits.size(), 3u);
  for (size_t i = 0; i < r.hits.size(); ++i) {
    EXPECT_FALSE(plain.hits[i].text_data.has_value());
    ASSERT_TRUE(r.hits[i].text_data.has_value());
    // The same fields as the value slots give.
    EXPECT_EQ(r.hits[i].hit.path, plain.hits[i].hit.path);
    EXPECT_EQ(r.hits[i].hit.title, plain.hits[i].hit.title);
    EXPECT_EQ(r.hits[i].hit.mtime_ns, plain.hits[i].hit.mtime_ns);
    EXPECT_EQ(r.hits[i].hit.size, plain.hits[i].hit.size);
  }
  EXPECT_EQ(r.hits[0].hit.path, "/c/both.txt");
  EXPECT_EQ(r.hits[0].hit.size, 31u);
  ASSERT_OK_AND_ASSIGN(std::string data, TakeTextData(db, r.hits[0]));
  EXPECT_FALSE(r.hits[0].text_data.has_value());
  ASSERT_OK_AND_ASSIGN(std::string text, DecodeStoredText(data));
  EXPECT_EQ(text, "Meta completed the acquisition.");
}

TEST_F(RankerTest, TextDataPastTheBudgetIsReadAgain) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  PageRequest page{0, 10};
  page.with_text_data = true;
  page.text_data_budget = EncodeStoredText("Meta completed the acquisition.").size();
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, page));
  ASSERT_EQ(r.hits.size(), 3u);
  EXPECT_TRUE(r.hits[0].text_data.has_value());
  EXPECT_FALSE(r.hits[1].text_data.has_value());
  EXPECT_FALSE(r.hits[2].text_data.has_value());
  EXPECT_FALSE(r.hits[1].hit.path.empty());
  ASSERT_OK_AND_ASSIGN(std::string data, TakeTextData(db, r.hits[2]));
  ASSERT_OK_AND_ASSIGN(std::string text, DecodeStoredText(data));
  EXPECT_EQ(text, "An acquisition.");
}

// An index of one document, "/old/heron.txt" (title "Herons", 42 bytes,
// modified at 1234 ns), as the indexer builds it, whose document data is
// then replaced by `data_of` its own.
Xapian::Database HeronIndex(Analyzer& analyzer, std::string (*data_of)(const std::string&)) {
  indexer::ExtractedDocument extracted;
  extracted.title = "Herons";
  extracted.body = "The heron waits.";
  Xapian::Document doc = indexer::BuildDocument(
      analyzer, indexer::CorpusEntry{"/old/heron.txt", 42, 1234}, 1, extracted);
  doc.set_data(data_of(doc.get_data()));
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(doc);
  db.commit();
  return db;
}

// The fields HeronIndex's document shows.
void ExpectTheHeronsFields(const Hit& hit) {
  EXPECT_EQ(hit.path, "/old/heron.txt");
  EXPECT_EQ(hit.title, "Herons");
  EXPECT_EQ(hit.mtime_ns, 1234);
  EXPECT_EQ(hit.size, 42u);
}

// The one hit of "heron" in HeronIndex's database.
StatusOr<RankedHit> RankTheHeron(Xapian::Database& reader, Analyzer& analyzer, bool with_text_data) {
  QUARRY_ASSIGN_OR_RETURN(BuiltQuery q, ParseAndBuild("heron", {}, analyzer, {}));
  PageRequest page{0, 10};
  page.with_text_data = with_text_data;
  QUARRY_ASSIGN_OR_RETURN(RankedResults r, Rank(reader, q, page));
  if (r.hits.size() != 1) return InternalError(std::to_string(r.hits.size()) + " hits, not 1");
  return std::move(r.hits[0]);
}

// Documents written before schema version 3 keep their fields in the value
// slots only, and their document data is the text data alone.
TEST(RankerOldDataTest, FieldsOfOlderDocumentsComeFromTheValueSlots) {
  Analyzer analyzer = English();
  Xapian::Database reader =
      HeronIndex(analyzer, [](const std::string&) { return EncodeStoredText("The heron waits."); });
  for (bool with_text_data : {false, true}) {
    ASSERT_OK_AND_ASSIGN(RankedHit hit, RankTheHeron(reader, analyzer, with_text_data));
    ExpectTheHeronsFields(hit.hit);
    EXPECT_EQ(hit.text_data.has_value(), with_text_data);
    ASSERT_OK_AND_ASSIGN(std::string data, TakeTextData(reader, hit));
    ASSERT_OK_AND_ASSIGN(std::string text, DecodeStoredText(data));
    EXPECT_EQ(text, "The heron waits.");
  }
}

// The marker of a text left in its file, as schema version 2 wrote it (a
// few bytes, the whole data), is the hit's text data.
TEST(RankerOldDataTest, AnOlderMarkerIsTheTextData) {
  Analyzer analyzer = English();
  Xapian::Database reader =
      HeronIndex(analyzer, [](const std::string&) { return FileTextData(FileText::kRst); });
  ASSERT_OK_AND_ASSIGN(RankedHit hit, RankTheHeron(reader, analyzer, /*with_text_data=*/true));
  ExpectTheHeronsFields(hit.hit);
  ASSERT_TRUE(hit.text_data.has_value());
  EXPECT_EQ(*hit.text_data, FileTextData(FileText::kRst));
}

// Damaged fields: what is shown comes from the value slots, and the text
// data (unreadable too) is not kept; reading it again says it is damaged.
TEST(RankerOldDataTest, DamagedFieldsFallBackToTheValueSlots) {
  Analyzer analyzer = English();
  // Cut inside the path.
  Xapian::Database reader =
      HeronIndex(analyzer, [](const std::string& whole) { return whole.substr(0, 6); });
  ASSERT_OK_AND_ASSIGN(RankedHit hit, RankTheHeron(reader, analyzer, /*with_text_data=*/true));
  ExpectTheHeronsFields(hit.hit);
  EXPECT_FALSE(hit.text_data.has_value());
  EXPECT_THAT(TakeTextData(reader, hit), quarry::testing::StatusIs(StatusCode::kDataLoss));
}

TEST(RankerDeclaredFieldsTest, HitsCarryTheDeclaredFieldsWhenAsked) {
  Analyzer analyzer = English();
  indexer::ExtractedDocument extracted;
  extracted.title = "Herons";
  extracted.body = "The heron waits.";
  extracted.fields.author = "Ada Lovelace";
  extracted.fields.date = 1715938215;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(indexer::BuildDocument(analyzer, indexer::CorpusEntry{"/a/heron.odt", 42, 1234},
                                         1, extracted));
  db.commit();
  Xapian::Database reader = db;
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("heron", {}, analyzer, {}));
  PageRequest page{0, 10};
  ASSERT_OK_AND_ASSIGN(RankedResults lean, Rank(reader, q, page));
  ASSERT_EQ(lean.hits.size(), 1u);
  EXPECT_EQ(lean.hits[0].hit.declared, DocumentFields{});
  page.with_declared_fields = true;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(reader, q, page));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].hit.declared, extracted.fields);
  EXPECT_EQ(r.hits[0].hit.path, "/a/heron.odt");
  // The text data was not asked for, so it is not kept.
  EXPECT_FALSE(r.hits[0].text_data.has_value());
}

// Documents written before schema version 4 have no date slot: date:
// filters date them by their file's time, and sorting by date puts them
// after the documents that have one.
TEST(RankerOldDataTest, DocumentsWithoutADateSlotAreDatedByTheirFiles) {
  Analyzer analyzer = English();
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto add = [&](const std::string& path, int64_t mtime_s, bool old) {
    indexer::ExtractedDocument extracted;
    extracted.body = "The heron waits.";
    Xapian::Document doc = indexer::BuildDocument(
        analyzer, indexer::CorpusEntry{path, 16, mtime_s * 1000000000LL}, 1, extracted);
    if (old) doc.remove_value(schema::kDateSlot);
    db.add_document(doc);
  };
  add("/old-2015.txt", 1434196800, true);   // 2015-06-13
  add("/new-2010.txt", 1276430400, false);  // 2010-06-13
  db.commit();
  Xapian::Database reader = db;
  const ParseOptions options{false, 1700000000LL * 1000000000LL};
  const auto paths = [&](const std::string& query, SortOrder sort) {
    std::vector<std::string> out;
    StatusOr<BuiltQuery> q = ParseAndBuild(query, options, analyzer, {});
    EXPECT_TRUE(q.ok());
    PageRequest page{0, 10};
    page.sort = sort;
    StatusOr<RankedResults> r = Rank(reader, *q, page);
    EXPECT_TRUE(r.ok());
    for (const RankedHit& ranked : r->hits) out.push_back(ranked.hit.path);
    return out;
  };
  EXPECT_THAT(paths("heron date:2015-01-01..2015-12-31", SortOrder::kRelevance),
              ::testing::ElementsAre("/old-2015.txt"));
  EXPECT_THAT(paths("date:2010-01-01..2010-12-31", SortOrder::kRelevance),
              ::testing::ElementsAre("/new-2010.txt"));
  EXPECT_THAT(paths("heron", SortOrder::kDate),
              ::testing::ElementsAre("/new-2010.txt", "/old-2015.txt"));
}

TEST_F(RankerTest, ExplainSharesAddUpToTheScore) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults r, Rank(db, q, PageRequest{0, 1}));
  ASSERT_OK_AND_ASSIGN(std::vector<TermContribution> terms, Explain(db, q, r.hits[0]));
  ASSERT_EQ(terms.size(), 2u);
  double sum = 0;
  for (const TermContribution& c : terms) {
    EXPECT_EQ(c.wdf, 1u) << c.term;
    EXPECT_EQ(c.doc_count, 4u);
    EXPECT_EQ(c.term_docs, 2u);
    EXPECT_GT(c.idf, 0);
    sum += c.weight;
  }
  EXPECT_NEAR(sum, r.hits[0].hit.score, 1e-9);
}

TEST_F(RankerTest, ExplainCountsAWordTheQueryRepeats) {
  Analyzer analyzer = English();
  // "meta" typed twice weighs more (BM25's query-frequency factor); its
  // share says so, and the shares still add up to the score.
  ASSERT_OK_AND_ASSIGN(BuiltQuery once, ParseAndBuild("meta acquisition", {}, analyzer, {}));
  ASSERT_OK_AND_ASSIGN(BuiltQuery twice, ParseAndBuild("meta meta acquisition", {}, analyzer, {}));
  Xapian::Database db = db_;
  ASSERT_OK_AND_ASSIGN(RankedResults r1, Rank(db, once, PageRequest{0, 1}));
  ASSERT_OK_AND_ASSIGN(RankedResults r2, Rank(db, twice, PageRequest{0, 1}));
  ASSERT_EQ(r2.hits[0].hit.path, "/c/both.txt");
  EXPECT_GT(r2.hits[0].hit.score, r1.hits[0].hit.score);
  ASSERT_OK_AND_ASSIGN(std::vector<TermContribution> terms, Explain(db, twice, r2.hits[0]));
  double sum = 0;
  for (const TermContribution& c : terms) sum += c.weight;
  EXPECT_NEAR(sum, r2.hits[0].hit.score, 1e-9);
}

TEST(FreshnessTest, ComparesTheFileWithTheIndexedOne) {
  ::quarry::testing::TempDir dir;
  std::string path = dir.Write("a.txt", "alpha");
  dir.SetMtime("a.txt", 1000);
  Hit hit;
  hit.path = path;
  hit.mtime_ns = 1000LL * 1000000000LL;
  hit.size = 5;
  EXPECT_EQ(CheckFreshness(hit), Freshness::kFresh);
  hit.size = 6;
  EXPECT_EQ(CheckFreshness(hit), Freshness::kChanged);
  hit.size = 5;
  hit.mtime_ns += 1;
  EXPECT_EQ(CheckFreshness(hit), Freshness::kChanged);
  hit.path = dir.Path("gone.txt");
  EXPECT_EQ(CheckFreshness(hit), Freshness::kVanished);
}

}  // namespace
}  // namespace quarry::searcher
