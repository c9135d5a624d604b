// End-to-end tests of rebuilds (issue 16, item 2): a change of analysis
// settings or of the shard count rebuilds the index beside the old one,
// which keeps answering every search until the new one is whole and takes
// its place in one atomic exchange. The indexer is killed at several
// moments of a rebuild, for one database and for shards, with --jobs 1 and
// 2, while searches run throughout.
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "tests/e2e/reindex_util.h"
#include "tests/support/background_process.h"

namespace quarry::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kFiles = 1500;
constexpr auto kPatience = std::chrono::seconds(60);

// Runs quarry-search over `db` in a loop on a thread of its own until
// stopped, and keeps every answer that was not a success: during a rebuild
// every search must find the corpus, in the old index or the new one.
class SearchLoop {
 public:
  explicit SearchLoop(std::string db) : db_(std::move(db)), thread_([this] { Loop(); }) {}
  ~SearchLoop() { Stop(); }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int searches() const { return searches_; }
  std::vector<std::string> failures() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failures_;
  }

 private:
  void Loop() {
    while (!stop_) {
      ProcessResult r = RunSearch({"--db", db_, "--format", "paths", "-n", "1", kCommonWord});
      ++searches_;
      if (r.exit_code != 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        failures_.push_back(Describe(r));
      }
    }
  }

  std::string db_;
  std::atomic<bool> stop_{false};
  std::atomic<int> searches_{0};
  std::mutex mutex_;
  std::vector<std::string> failures_;
  std::thread thread_;
};

class RebuildTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void SetUp() override { WriteGeneratedCorpus(*this, kFiles); }

  std::string Analysis() const {
    std::string status = RunIndex({"--db", Db(), "--status"}).out;
    size_t at = status.find("analysis:");
    return at == std::string::npos ? "" : status.substr(at, status.find('\n', at) - at);
  }

  // What lies beside the index in its parent folder (scratch, copies).
  std::vector<std::string> Beside() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir().path())) {
      std::string name = entry.path().filename().string();
      if (name.starts_with("db.")) names.push_back(name);
    }
    return names;
  }

  // True once a file or folder whose path starts with `relative_prefix`
  // (under the temp folder) exists.
  bool Exists(const std::string& relative_prefix) const {
    std::filesystem::path prefix = dir().Path(relative_prefix);
    std::error_code ec;
    std::filesystem::directory_iterator it(prefix.parent_path(), ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with(prefix.filename().string())) return true;
    }
    return false;
  }

  struct Moment {
    std::string name;
    // True when the indexer has reached the moment to be killed at.
    std::function<bool(const BackgroundProcess&)> reached;
  };

  // Rebuilds (with `args`, which change a setting) and kills the indexer
  // at `moment`, searching throughout; then checks the index still
  // answers, reruns, and checks the rebuild completed with nothing left
  // beside the index.
  void KillDuringRebuild(const std::vector<std::string>& args, const Moment& moment,
                         const std::string& analysis_after) {
    SCOPED_TRACE(moment.name);
    const std::string before = Analysis();
    SearchLoop searches(Db());
    {
      std::vector<std::string> argv = {QUARRY_INDEX_BIN, "--db", Db(), "--verbose",
                                       "--batch-size", "100"};
      argv.insert(argv.end(), args.begin(), args.end());
      argv.push_back(Root());
      BackgroundProcess indexer(argv, dir().path());
      ASSERT_TRUE(indexer.WaitUntil([&] { return moment.reached(indexer); }, kPatience))
          << "never reached: " << indexer.StderrSoFar().substr(0, 2000);
      indexer.Signal(SIGKILL);
      ProcessResult killed = indexer.Wait();
      ASSERT_EQ(killed.signal, SIGKILL) << "the run ended before the kill; " << Describe(killed);
    }
    // The kill left the old index or the complete new one, never less.
    const std::string after_kill = Analysis();
    EXPECT_TRUE(after_kill == before || after_kill == analysis_after) << after_kill;
    EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
    ProcessResult status = RunIndex({"--db", Db(), "--status"});
    if (after_kill == before) {
      EXPECT_THAT(status.out, HasSubstr("did not finish (killed or crashed)"));
    }
    std::vector<std::string> rerun_args = {"--db", Db(), "--quiet"};
    rerun_args.insert(rerun_args.end(), args.begin(), args.end());
    rerun_args.push_back(Root());
    ProcessResult rerun = RunIndex(rerun_args);
    ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
    searches.Stop();
    EXPECT_EQ(Analysis(), analysis_after);
    EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
    EXPECT_THAT(Beside(), ::testing::IsEmpty()) << Describe(rerun);
    EXPECT_GT(searches.searches(), 0);
    EXPECT_THAT(searches.failures(), ::testing::IsEmpty());
  }

  static Moment AfterFiles(size_t files) {
    return {"after " + std::to_string(files) + " files", [files](const BackgroundProcess& p) {
              std::string err = p.StderrSoFar();
              return static_cast<size_t>(std::count(err.begin(), err.end(), '\n')) >= files + 1;
            }};
  }
  Moment WhenExists(const std::string& relative_prefix) const {
    return {"once " + relative_prefix + "* exists",
            [this, relative_prefix](const BackgroundProcess&) { return Exists(relative_prefix); }};
  }
};

const char* kFrench = "analysis:   language french, diacritic folding on";
const char* kEnglish = "analysis:   language english, diacritic folding on";

TEST_F(RebuildTest, OneDatabaseKilledAtSeveralMomentsOfARebuild) {
  ASSERT_EQ(Index({"--quiet"}).exit_code, 0);
  // --jobs 1: batch by batch into the rebuild; early, in the middle, and
  // while the rebuild is compacted into the copy exchanged with the index.
  KillDuringRebuild({"--language", "fr", "--jobs", "1"}, AfterFiles(5), kFrench);
  KillDuringRebuild({"--language", "en", "--jobs", "1"}, AfterFiles(700), kEnglish);
  KillDuringRebuild({"--language", "fr", "--jobs", "1"}, WhenExists("db.compact-"), kFrench);
  // --jobs 2: in parts beside the rebuild, merged at its end.
  KillDuringRebuild({"--language", "en", "--jobs", "2"}, AfterFiles(400), kEnglish);
  KillDuringRebuild({"--language", "fr", "--jobs", "2"}, WhenExists("db.compact-"), kFrench);
}

TEST_F(RebuildTest, ShardsKilledAtSeveralMomentsOfARebuild) {
  ASSERT_EQ(Index({"--quiet", "--shards", "2"}).exit_code, 0);
  KillDuringRebuild({"--shards", "3", "--language", "fr"}, AfterFiles(300), kFrench);
  KillDuringRebuild({"--shards", "2", "--language", "en"},
                    WhenExists("db.rebuild/shard-000.compact-"), kEnglish);
}

// An interrupted rebuild (SIGTERM) keeps what it did beside the index; the
// next run continues it instead of starting again.
TEST_F(RebuildTest, AnInterruptedRebuildIsContinuedByTheNextRun) {
  ASSERT_EQ(Index({"--quiet", "--jobs", "1"}).exit_code, 0);
  {
    BackgroundProcess indexer({QUARRY_INDEX_BIN, "--db", Db(), "--verbose", "--jobs", "1",
                               "--batch-size", "100", "--language", "fr", Root()},
                              dir().path());
    ASSERT_TRUE(indexer.WaitUntil([&] { return AfterFiles(500).reached(indexer); }, kPatience));
    indexer.Signal(SIGTERM);
    ProcessResult r = indexer.Wait();
    ASSERT_EQ(r.exit_code, 4) << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("the next run continues the rebuild"));
  }
  EXPECT_EQ(Analysis(), kEnglish);  // the old index, untouched
  EXPECT_THAT(RunIndex({"--db", Db(), "--status"}).out,
              HasSubstr("rebuild:    unfinished at " + Db() + ".rebuild (language french"));
  // A plain run (cron's) continues it with the rebuild's settings (issue 16
  // review: a plain run used to drop it).
  ProcessResult rerun = RunIndex({"--db", Db(), Root()});
  ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
  EXPECT_THAT(rerun.err, HasSubstr("continuing the rebuild an earlier run left unfinished"));
  EXPECT_THAT(rerun.err, HasSubstr("continuing from the "));
  // Only what the interrupted run had not done is added now.
  EXPECT_THAT(rerun.out, ::testing::Not(HasSubstr("added " + std::to_string(kFiles) + ",")));
  EXPECT_EQ(Analysis(), kFrench);
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  EXPECT_THAT(Beside(), ::testing::IsEmpty());
}

// A rebuild must not lose what the old index holds under a folder that is
// missing now (an unmounted disk): it is refused, and the index kept.
TEST_F(RebuildTest, ARebuildWithAMissingFolderIsRefused) {
  Write("../other/b.txt", "bravo quarrycommon\n");
  ASSERT_EQ(RunIndex({"--db", Db(), "--quiet", Root(), dir().Path("other")}).exit_code, 0);
  std::filesystem::rename(dir().Path("other"), dir().Path("unmounted"));
  ProcessResult r = RunIndex({"--db", Db(), "--language", "fr"});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("would lose what the index holds under it"));
  EXPECT_EQ(Analysis(), kEnglish);
  EXPECT_EQ(Lines(RunSearch({"--db", Db(), "--format", "paths", "bravo"}).out).size(), 1u);
}

// A run that waits for the lock (--wait, as in the README's cron line)
// while a rebuild runs plans again once the rebuild has replaced the index,
// instead of applying a plan made against the old one (issue 16 review: it
// wrote english settings over a french index).
TEST_F(RebuildTest, ARunWaitingForTheLockPlansAgainAfterARebuild) {
  ASSERT_EQ(Index({"--quiet", "--jobs", "1"}).exit_code, 0);
  BackgroundProcess rebuild({QUARRY_INDEX_BIN, "--db", Db(), "--jobs", "1", "--batch-size", "100",
                             "--language", "fr", Root()},
                            dir().path());
  ASSERT_TRUE(rebuild.WaitUntil([&] { return Exists("db.rebuild"); }, kPatience));
  Write("late.txt", "written while the rebuild ran quarrycommon\n");
  ProcessResult waiting = RunIndex({"--db", Db(), "--wait", "120", Root()});
  ProcessResult rebuilt = rebuild.Wait();
  ASSERT_EQ(rebuilt.exit_code, 0) << Describe(rebuilt);
  ASSERT_EQ(waiting.exit_code, 0) << Describe(waiting);
  EXPECT_THAT(waiting.err, HasSubstr("planning again"));
  EXPECT_EQ(Analysis(), kFrench) << "rebuild: " << Describe(rebuilt) << "\nwaiting: " << Describe(waiting);
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  EXPECT_THAT(Beside(), ::testing::IsEmpty());
}

// Two rebuilds of a damaged index (which Xapian's lock cannot cover) never
// run at once (issue 16 review: the second removed the first's rebuild).
TEST_F(RebuildTest, TwoRebuildsOfADamagedIndexDoNotRunAtOnce) {
  ASSERT_EQ(Index({"--quiet"}).exit_code, 0);
  std::filesystem::remove(Db() + "/iamglass");
  BackgroundProcess first({QUARRY_INDEX_BIN, "--db", Db(), "--rebuild", "--jobs", "1",
                           "--batch-size", "50", Root()},
                          dir().path());
  ASSERT_TRUE(first.WaitUntil([&] { return Exists("db.rebuild"); }, kPatience));
  ProcessResult second = RunIndex({"--db", Db(), "--rebuild", "--language", "fr"});
  ProcessResult done = first.Wait();
  ASSERT_EQ(done.exit_code, 0) << Describe(done);
  if (second.exit_code != 0) {  // it came while the first held the index
    EXPECT_EQ(second.exit_code, 3) << Describe(second);
    EXPECT_THAT(second.err, HasSubstr("locked"));
  }
  EXPECT_EQ(RunIndex({"--db", Db(), "--check"}).exit_code, 0);
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// --rebuild rebuilds with the same settings and keeps the old index aside.
TEST_F(RebuildTest, ForcedRebuildKeepsTheOldIndexAside) {
  ASSERT_EQ(Index({"--quiet"}).exit_code, 0);
  ProcessResult r = RunIndex({"--db", Db(), "--rebuild"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("the old index is kept at " + Db() + ".old-"));
  ASSERT_EQ(Beside().size(), 1u);
  EXPECT_TRUE(Beside()[0].starts_with("db.old-"));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  EXPECT_EQ(DiffIndexAndCorpus(dir().Path(Beside()[0]), Root()), "");
}

}  // namespace
}  // namespace quarry::testing
