// End-to-end tests of crash safety and concurrency (issue 4, points 5 and
// 6): the real indexer killed at several moments of a run, interrupted
// politely, and searched while it works.
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/e2e/reindex_util.h"
#include "tests/support/background_process.h"

namespace quarry::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

constexpr int kFiles = 3000;
constexpr auto kPatience = std::chrono::seconds(60);

class ReindexCrashTest : public ::testing::Test, protected CorpusFixture {
 protected:
  std::vector<std::string> IndexArgv(std::vector<std::string> extra = {}) const {
    std::vector<std::string> argv = {QUARRY_INDEX_BIN, "--db", Db()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(Root());
    return argv;
  }
  // The number of "add"/"update"/... lines --verbose has printed: the
  // files the indexer has dealt with so far.
  static size_t FilesDone(const BackgroundProcess& process) {
    std::string err = process.StderrSoFar();
    return static_cast<size_t>(std::count(err.begin(), err.end(), '\n'));
  }

  struct Round {
    size_t kill_after;             // files dealt with before the kill
    std::function<void()> change;  // what happens to the corpus first
  };

  // For each round: change the corpus, start the indexer (with `layout`,
  // e.g. {"--shards", "2"}), SIGKILL it after `kill_after` files, check the
  // searcher answers from what is left, rerun, and check the index holds
  // exactly the corpus.
  void KillRerunAndCheck(const std::vector<Round>& rounds, const std::vector<std::string>& layout) {
    for (size_t r = 0; r < rounds.size(); ++r) {
      SCOPED_TRACE("round " + std::to_string(r));
      rounds[r].change();
      {
        std::vector<std::string> args = layout;
        args.insert(args.end(), {"--verbose", "--batch-size", "200"});
        BackgroundProcess indexer(IndexArgv(args), dir().path());
        size_t target = rounds[r].kill_after;
        ASSERT_TRUE(indexer.WaitUntil([&] { return FilesDone(indexer) >= target; }, kPatience));
        indexer.Signal(SIGKILL);
        ProcessResult killed = indexer.Wait();
        ASSERT_EQ(killed.signal, SIGKILL) << "the run ended before the kill; " << Describe(killed);
      }
      // The searcher opens what the kill left and answers (no hits only if
      // no batch was committed yet; no index at all only before the first).
      ProcessResult search = RunSearch({"--db", Db(), "--format", "paths", kCommonWord});
      if (r == 0 && search.exit_code == 2) {
        EXPECT_THAT(search.err, HasSubstr("no index at")) << Describe(search);
      } else {
        EXPECT_THAT(search.exit_code, AnyOf(0, 1)) << Describe(search);
      }
      std::vector<std::string> rerun_args = {"--db", Db()};
      rerun_args.insert(rerun_args.end(), layout.begin(), layout.end());
      rerun_args.insert(rerun_args.end(), {"--quiet", Root()});
      ProcessResult rerun = RunIndex(rerun_args);
      ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
      EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
    }
  }
};

// SIGKILL at several moments (before the first commit, within batches, near
// the end), each after a different change to the corpus. After each kill
// the searcher must open the index and answer; after the rerun the index
// must hold exactly the corpus.
TEST_F(ReindexCrashTest, SigkillAtAnyMomentLeavesAUsableIndexAndTheRerunFinishes) {
  WriteGeneratedCorpus(*this, kFiles);
  const auto fresh = [&] { dir().Remove("db"); };
  const std::vector<Round> rounds = {
      {0, fresh},                                                       // before anything
      {450, fresh},                                                     // in the third batch
      {2900, fresh},                                                    // near the end
      {300, [&] { WriteGeneratedCorpus(*this, 600, 0, "v1"); }},       // within updates
      {300, [&] {                                                       // within adds, then removals
         for (int i = 0; i < 200; ++i) {
           Remove("gen/d" + std::to_string(i % 20) + "/file" + std::to_string(i) + ".txt");
         }
         WriteGeneratedCorpus(*this, 400, kFiles, "v0");
       }},
      {1, [&] { WriteGeneratedCorpus(*this, 1500, 1000, "v2"); }},    // early in updates
  };
  KillRerunAndCheck(rounds, {});
  // The versions written last are the ones found.
  EXPECT_EQ(SearchPaths("number1200 v2").front(), "gen/d0/file1200.txt");
  EXPECT_TRUE(SearchPaths("number10").empty());  // deleted in round 4
}

// The same over a sharded index (issue 8): each shard commits on its own,
// so a kill can leave shards at different batches; the rerun must still
// leave exactly the corpus, with no document in two shards.
TEST_F(ReindexCrashTest, SigkillOverShardsLeavesAUsableIndexAndTheRerunFinishes) {
  WriteGeneratedCorpus(*this, kFiles);
  const std::vector<Round> rounds = {
      {450, [&] { dir().Remove("db"); }},                              // in the third batch
      {300, [&] { WriteGeneratedCorpus(*this, 600, 0, "v1"); }},      // within updates
      {200, [&] {                                                      // within adds and removals
         for (int i = 0; i < 200; ++i) {
           Remove("gen/d" + std::to_string(i % 20) + "/file" + std::to_string(i) + ".txt");
         }
         WriteGeneratedCorpus(*this, 400, kFiles, "v0");
       }},
  };
  KillRerunAndCheck(rounds, {"--shards", "2"});
  EXPECT_TRUE(SearchPaths("number10").empty());  // deleted in the last round
}

TEST_F(ReindexCrashTest, SigtermCommitsWhatIsDoneAndExitsWithItsOwnCode) {
  WriteGeneratedCorpus(*this, kFiles);
  BackgroundProcess indexer(IndexArgv({"--verbose", "--batch-size", "500"}), dir().path());
  ASSERT_TRUE(indexer.WaitUntil([&] { return FilesDone(indexer) >= 700; }, kPatience));
  indexer.Signal(SIGTERM);
  ProcessResult r = indexer.Wait();
  ASSERT_EQ(r.exit_code, 4) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("interrupted by SIGTERM: what was done is committed"));
  EXPECT_THAT(r.out, HasSubstr("quarry-index: added "));

  // Everything done before the signal is committed, even past the last
  // full batch (700 > 500).
  std::vector<std::string> found = SearchPaths(kCommonWord, {"-n", "100000"});
  EXPECT_GE(found.size(), 700u);
  EXPECT_LT(found.size(), static_cast<size_t>(kFiles));
  ProcessResult status = RunIndex({"--db", Db(), "--status"});
  EXPECT_THAT(status.out, HasSubstr("interrupted"));

  ProcessResult rerun = RunIndex({"--db", Db(), Root()});
  ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
  EXPECT_THAT(rerun.out, HasSubstr("added " + std::to_string(kFiles - found.size()) + ", "));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(ReindexCrashTest, SigintToo) {
  WriteGeneratedCorpus(*this, 1000);
  BackgroundProcess indexer(IndexArgv({"--verbose"}), dir().path());
  ASSERT_TRUE(indexer.WaitUntil([&] { return FilesDone(indexer) >= 10; }, kPatience));
  indexer.Signal(SIGINT);
  ProcessResult r = indexer.Wait();
  EXPECT_EQ(r.exit_code, 4) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("interrupted by SIGINT"));
}

// Searches in a loop while the index is built in batches of 100: every
// search succeeds and sees a whole committed revision (a multiple of 100
// documents), never a half-written batch.
TEST_F(ReindexCrashTest, SearchesDuringAReindexAllSucceedAndSeeWholeBatches) {
  constexpr int kCount = 2000;
  WriteGeneratedCorpus(*this, kCount);
  ASSERT_EQ(RunIndex({"--db", Db(), Root(), "--include-ext", "md"}).exit_code, 0);  // empty index
  BackgroundProcess indexer(IndexArgv({"--batch-size", "100"}), dir().path());
  int searches = 0, partial = 0;
  while (indexer.Running() || searches == 0) {
    // A single-word query: Xapian's estimate is then the exact term
    // frequency, so it counts the documents the search saw.
    ProcessResult r = RunSearch({"--db", Db(), "--format", "json", kCommonWord});
    ASSERT_THAT(r.exit_code, AnyOf(0, 1)) << Describe(r);
    size_t hits = r.exit_code == 1 ? 0 : nlohmann::json::parse(r.out)["estimated_total"].get<size_t>();
    EXPECT_EQ(hits % 100, 0u) << "saw " << hits << " documents";
    if (hits > 0 && hits < static_cast<size_t>(kCount)) ++partial;
    ++searches;
  }
  ProcessResult done = indexer.Wait();
  ASSERT_EQ(done.exit_code, 0) << Describe(done);
  EXPECT_EQ(Lines(RunSearch({"--db", Db(), "--format", "paths", "-n", "100000", kCommonWord}).out).size(),
            static_cast<size_t>(kCount));
  std::cout << searches << " searches during the reindex, " << partial
            << " of them saw a partly built index\n";
}

}  // namespace
}  // namespace quarry::testing
