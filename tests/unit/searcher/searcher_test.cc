// Searcher: the long-lived search core. It returns pages as data (never
// printing), follows the index as a reindex commits or exchanges it for a
// compacted copy, brings back shards that return, and serves several
// threads at once.
#include "searcher/searcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/index/compaction.h"
#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/index/term_builder.h"
#include "common/index/shards.h"
#include "indexer/index_writer.h"
#include "tests/support/shard_server.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;
using ::quarry::testing::TempDir;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Matcher;

namespace fs = std::filesystem;

Matcher<const Notice&> IsNotice(Notice::Severity severity, const std::string& part) {
  return AllOf(Field(&Notice::severity, severity), Field(&Notice::message, HasSubstr(part)));
}

// Writes documents into the database at `path` as quarry-index does (one
// per path, its body searchable), committing once.
class IndexFixture {
 public:
  explicit IndexFixture(std::string path, AnalysisConfig settings = {})
      : path_(std::move(path)), settings_(settings) {}

  void Write(const std::vector<std::pair<std::string, std::string>>& docs) {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase db,
                         OpenDatabaseForWriting(path_, CreateMode::kCreateIfMissing, settings_));
    ASSERT_OK_AND_ASSIGN(Analyzer analyzer, Analyzer::Create(settings_));
    indexer::IndexWriter writer(std::move(db), std::move(analyzer));
    for (const auto& [path, body] : docs) {
      indexer::ExtractedDocument doc;
      doc.title = path;
      doc.body = body;
      ASSERT_OK(writer.Write(indexer::CorpusEntry{path, body.size(), ++mtime_}, 1, {doc}, nullptr));
    }
    ASSERT_OK(writer.Commit());
  }

 private:
  std::string path_;
  AnalysisConfig settings_;
  int64_t mtime_ = 0;
};

// What quarry-index does at the end of a first build (`sources` = {path})
// or of a rebuild made beside (`sources` = {the rebuild}): a compact copy
// of `sources` exchanged for the index at `path`, under the write locks;
// the old one removed.
void ExchangeAsTheIndexerDoes(const std::string& path, const std::vector<std::string>& sources) {
  std::vector<Xapian::WritableDatabase> locks;
  for (const std::string& locked : sources) {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase lock,
                         OpenDatabaseForWriting(locked, CreateMode::kOpenExisting));
    locks.push_back(std::move(lock));
  }
  if (sources.front() != path) {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase lock,
                         OpenDatabaseForWriting(path, CreateMode::kOpenExisting));
    locks.push_back(std::move(lock));
  }
  ASSERT_OK_AND_ASSIGN(Exchanged exchanged, CompactAndExchange(sources, path));
  exchanged.lock.close();
  for (Xapian::WritableDatabase& lock : locks) lock.close();
  fs::remove_all(exchanged.old_path);
}

void CompactAsTheIndexerDoes(const std::string& path) { ExchangeAsTheIndexerDoes(path, {path}); }

SearcherOptions On(const std::string& db_path) {
  SearcherOptions options;
  options.db_paths = {db_path};
  return options;
}

SearchRequest Query(const std::string& text) {
  SearchRequest request;
  request.query = text;
  request.snippet_bytes = 0;
  return request;
}

std::vector<std::string> Paths(const ResultPage& page) {
  std::vector<std::string> paths;
  for (const Hit& hit : page.hits) paths.push_back(hit.path);
  return paths;
}

// One database, "db" in a fresh folder, written through index_.
class SearcherOnOneDatabaseTest : public ::testing::Test {
 protected:
  TempDir dir_;
  const std::string path_ = dir_.Path("db");
  IndexFixture index_{path_};
};

TEST(SearcherTest, MissingIndexIsNotFound) {
  TempDir dir;
  EXPECT_THAT(Searcher::Open(On(dir.Path("nothing"))),
              StatusIs(StatusCode::kNotFound, HasSubstr("quarry-index --db")));
}

TEST(SearcherTest, NotesAndWarningsComeBackAsDataNotOnStderr) {
  TempDir dir;
  IndexFixture index(dir.Path("idx/shard-000"));
  index.Write({{"/c/heron.txt", "The heron waits by the water."},
               {"/c/hermit.txt", "A hermit crab."}});
  // A stub whose second shard is not there.
  dir.Write("idx/XAPIANDB", "auto shard-000\nauto shard-001\n");
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(dir.Path("idx"))));

  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  StatusOr<ResultPage> page = searcher.Search(Query("\"heron waits"));
  StatusOr<ResultPage> wildcard = searcher.Search(Query("her*"));
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");

  ASSERT_OK(page);
  EXPECT_THAT(Paths(*page), ElementsAre("/c/heron.txt"));
  EXPECT_THAT(page->notices,
              ElementsAre(IsNotice(Notice::Severity::kWarning, "shard unreachable: " + dir.Path("idx/shard-001")),
                          IsNotice(Notice::Severity::kWarning, "1 of 2 shards unreachable"),
                          IsNotice(Notice::Severity::kNote, "reading the query as plain words: an unbalanced quote")));
  ASSERT_OK(wildcard);
  EXPECT_THAT(Paths(*wildcard), ::testing::UnorderedElementsAre("/c/heron.txt", "/c/hermit.txt"));
  EXPECT_EQ(wildcard->notices.size(), 2u) << "the shard warnings only";

  // Under require_all_shards the same index fails the search instead.
  SearcherOptions all = On(dir.Path("idx"));
  all.require_all_shards = true;
  ASSERT_OK_AND_ASSIGN(Searcher strict, Searcher::Open(all));
  EXPECT_THAT(strict.Search(Query("heron")), StatusIs(StatusCode::kIoError, HasSubstr("shard-001")));
}

TEST_F(SearcherOnOneDatabaseTest, ASearchSeesWhatAReindexCommittedAfterTheSearcherOpened) {
  index_.Write({{"/c/one.txt", "A heron on one leg."}});
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(path_)));
  ASSERT_OK_AND_ASSIGN(ResultPage before, searcher.Search(Query("heron")));
  EXPECT_THAT(Paths(before), ElementsAre("/c/one.txt"));

  index_.Write({{"/c/two.txt", "Two herons."}, {"/c/one.txt", "An egret now."}});
  ASSERT_OK_AND_ASSIGN(ResultPage after, searcher.Search(Query("heron")));
  EXPECT_THAT(Paths(after), ElementsAre("/c/two.txt"));
  ASSERT_OK_AND_ASSIGN(ResultPage egret, searcher.Search(Query("egret")));
  EXPECT_THAT(Paths(egret), ElementsAre("/c/one.txt"));
}

TEST_F(SearcherOnOneDatabaseTest, SearchOnceAnswersAsAKeptSearcherDoes) {
  index_.Write({{"/c/one.txt", "A heron on one leg."}, {"/c/two.txt", "Two herons and an egret."}});
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(path_)));
  ASSERT_OK_AND_ASSIGN(ResultPage kept, searcher.Search(Query("heron")));
  ASSERT_OK_AND_ASSIGN(ResultPage once, Searcher::SearchOnce(On(path_), Query("heron")));
  EXPECT_EQ(Paths(once), Paths(kept));
  EXPECT_EQ(once.hits.size(), 2u);
  EXPECT_THAT(Searcher::SearchOnce(On(dir_.Path("nothing")), Query("heron")),
              StatusIs(StatusCode::kNotFound));
}

TEST_F(SearcherOnOneDatabaseTest, FollowsTheIndexExchangedForItsCompactedCopy) {
  index_.Write({{"/c/one.txt", "A heron on one leg."}});
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(path_)));
  ASSERT_OK_AND_ASSIGN(ResultPage before, searcher.Search(Query("heron")));
  ASSERT_EQ(before.hits.size(), 1u);

  index_.Write({{"/c/two.txt", "Two herons."}});
  CompactAsTheIndexerDoes(path_);
  ASSERT_OK_AND_ASSIGN(ResultPage after, searcher.Search(Query("heron")));
  EXPECT_THAT(Paths(after), ::testing::UnorderedElementsAre("/c/one.txt", "/c/two.txt"));
  // And the commits that follow, into the new database.
  index_.Write({{"/c/three.txt", "Three herons."}});
  ASSERT_OK_AND_ASSIGN(ResultPage later, searcher.Search(Query("heron")));
  EXPECT_EQ(later.hits.size(), 3u);
}

TEST_F(SearcherOnOneDatabaseTest, AnIndexRebuiltWithOtherSettingsIsAnalysedWithThem) {
  index_.Write({{"/c/1.txt", "Le café du coin."}});
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(path_)));
  ASSERT_OK_AND_ASSIGN(ResultPage before, searcher.Search(Query("cafe")));
  EXPECT_EQ(before.hits.size(), 1u);

  // quarry-index --diacritics keep rebuilds the index beside it, then
  // exchanges the two.
  AnalysisConfig keep;
  keep.fold_diacritics = false;
  IndexFixture kept(dir_.Path("rebuild"), keep);
  kept.Write({{"/c/1.txt", "Le café du coin."}});
  ExchangeAsTheIndexerDoes(path_, {dir_.Path("rebuild")});
  ASSERT_OK_AND_ASSIGN(ResultPage plain, searcher.Search(Query("cafe")));
  EXPECT_THAT(plain.hits, IsEmpty()) << "accents are kept now: cafe is another word";
  ASSERT_OK_AND_ASSIGN(ResultPage accented, searcher.Search(Query("café")));
  EXPECT_EQ(accented.hits.size(), 1u);
}

// A database written in one commit, as Xapian's own tools may write one
// (revision 1), holding a document at `path` with `text`.
void WriteInOneCommit(const std::string& db_path, const std::string& path, const std::string& text) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  ASSERT_OK(WriteIndexSettings(db, {}));
  ASSERT_OK_AND_ASSIGN(Analyzer analyzer, Analyzer::Create({}));
  Xapian::Document doc;
  IndexText(analyzer, doc, text, 1, {});
  doc.add_boolean_term(schema::UniqueIdTerm(path));
  doc.add_value(schema::kPathSlot, path);
  db.replace_document(schema::UniqueIdTerm(path), doc);
  db.commit();
}

// A compacted copy starts again at revision 1: exchanged for an index that
// was at revision 1 too, Xapian's reopen() sees no new revision, and the
// rewritten version file is what tells the searcher.
TEST_F(SearcherOnOneDatabaseTest, AnExchangeThatKeepsTheRevisionNumberIsFollowed) {
  WriteInOneCommit(path_, "/c/one.txt", "A heron.");
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(path_)));
  ASSERT_OK_AND_ASSIGN(ResultPage before, searcher.Search(Query("heron")));
  EXPECT_THAT(Paths(before), ElementsAre("/c/one.txt"));
  WriteInOneCommit(dir_.Path("other"), "/c/two.txt", "Another heron.");
  ExchangeAsTheIndexerDoes(path_, {dir_.Path("other")});
  ASSERT_OK_AND_ASSIGN(ResultPage after, searcher.Search(Query("heron")));
  EXPECT_THAT(Paths(after), ElementsAre("/c/two.txt"));
}

TEST_F(SearcherOnOneDatabaseTest, AnIndexThatGoesAwayFailsSearchesUntilItIsBack) {
  index_.Write({{"/c/one.txt", "A heron."}});
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(On(path_)));
  fs::remove_all(path_);
  EXPECT_THAT(searcher.Search(Query("heron")), StatusIs(StatusCode::kNotFound));
  index_.Write({{"/c/two.txt", "Another heron."}});
  ASSERT_OK_AND_ASSIGN(ResultPage page, searcher.Search(Query("heron")));
  EXPECT_THAT(Paths(page), ElementsAre("/c/two.txt"));
}

TEST(SearcherTest, ARemoteShardThatComesBackIsSearchedAgain) {
  TempDir dir;
  IndexFixture(dir.Path("a")).Write({{"/a/1.txt", "alpha"}});
  IndexFixture(dir.Path("b")).Write({{"/b/1.txt", "alpha"}, {"/b/2.txt", "beta"}});
  testing::ShardServer server(dir.Path("b"));
  dir.Write("idx/XAPIANDB", "auto " + dir.Path("a") + "\nremote " + server.Address() + "\n");
  SearcherOptions options = On(dir.Path("idx"));
  options.shards.answer_timeout_ms = 300;
  options.shards.connect_timeout_ms = 300;
  options.missing_shard_retry_ms = 0;
  SearcherOptions patient = options;
  patient.missing_shard_retry_ms = 3600 * 1000;

  server.Freeze();
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(options));
  ASSERT_OK_AND_ASSIGN(Searcher waits, Searcher::Open(patient));
  ASSERT_OK_AND_ASSIGN(ResultPage partial, searcher.Search(Query("alpha")));
  EXPECT_THAT(Paths(partial), ElementsAre("/a/1.txt"));
  EXPECT_THAT(partial.notices, ::testing::Contains(IsNotice(Notice::Severity::kWarning, server.Address())));
  server.Thaw();

  ASSERT_OK_AND_ASSIGN(ResultPage whole, searcher.Search(Query("alpha")));
  EXPECT_EQ(whole.hits.size(), 2u);
  EXPECT_THAT(whole.notices, IsEmpty());
  ASSERT_OK_AND_ASSIGN(ResultPage beta, searcher.Search(Query("beta")));
  EXPECT_EQ(beta.hits.size(), 1u);
  // Tried again only once the retry interval has passed.
  ASSERT_OK_AND_ASSIGN(ResultPage still_partial, waits.Search(Query("alpha")));
  EXPECT_EQ(still_partial.hits.size(), 1u);
  EXPECT_THAT(still_partial.notices, ::testing::Contains(IsNotice(Notice::Severity::kWarning, server.Address())));
}

// Several threads search one Searcher while a writer commits batch after
// batch and, half-way, exchanges the index for its compacted copy: no
// search fails, and each thread sees the index grow, never shrink (every
// search sees at least what was committed before it began).
TEST_F(SearcherOnOneDatabaseTest, SearchesFromSeveralThreadsWhileAWriterCommits) {
  index_.Write({{"/c/0.txt", "heron 0"}});
  SearcherOptions options = On(path_);
  options.max_idle_sessions = 2;  // more threads than kept sessions
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(options));

  constexpr int kBatches = 40;
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::vector<std::string> errors(4);
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      uint64_t seen = 0;
      SearchRequest request = Query("heron");
      request.limit = 3;
      request.snippet_bytes = t % 2 == 0 ? 0 : 120;  // with and without texts
      do {
        StatusOr<ResultPage> page = searcher.Search(request);
        if (!page.ok()) {
          failures++;
          errors[t] = page.status().ToString();
          continue;
        }
        if (page->estimated_total < seen) {
          failures++;
          errors[t] = "went back from " + std::to_string(seen) + " to " +
                      std::to_string(page->estimated_total) + " documents";
        }
        seen = page->estimated_total;
      } while (writing);
    });
  }
  for (int batch = 1; batch <= kBatches; ++batch) {
    index_.Write({{"/c/" + std::to_string(batch) + ".txt", "heron " + std::to_string(batch)}});
    if (batch == kBatches / 2) CompactAsTheIndexerDoes(path_);
  }
  writing = false;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(failures, 0) << ::testing::PrintToString(errors);
  ASSERT_OK_AND_ASSIGN(ResultPage last, searcher.Search(Query("heron")));
  EXPECT_EQ(last.estimated_total, kBatches + 1u);
}

}  // namespace
}  // namespace quarry::searcher
