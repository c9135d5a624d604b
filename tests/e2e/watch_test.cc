// End-to-end tests of quarry-index --watch (issue 21, item 4): the real
// indexer watching a temporary corpus in the background while the test
// changes it as people and programs do; each change is awaited by polling
// quarry-search, never by sleeping a fixed time.
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>

#include "common/index/database.h"
#include "tests/e2e/reindex_util.h"
#include "tests/support/background_process.h"

namespace quarry::testing {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// How long a change may take to show, on a loaded machine; the latency
// itself is measured by bench/watch_latency.py, not here.
constexpr auto kPatience = std::chrono::seconds(60);

class WatchTest : public ::testing::Test, protected CorpusFixture {
 protected:
  WatchTest() {
    Write("notes/alpha.txt", "Alpha\nthe heron stands in the river\n");
    Write("notes/beta.md", "# Beta\nthe kingfisher dives\n");
    Write("docs/gamma.txt", "Gamma\nthe otter swims\n");
  }

  // Starts quarry-index --watch on the corpus and waits for its first run.
  void StartWatcher(std::vector<std::string> extra = {},
                    const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv = {QUARRY_INDEX_BIN, "--watch", "--db", Db()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(Root());
    watcher_ = std::make_unique<BackgroundProcess>(argv, dir().path(), env);
    ASSERT_TRUE(LogSays("first run: ")) << Log();
  }
  std::string Log() const { return watcher_->StderrSoFar(); }

  // Waits until the watcher's log holds `text` (true), or it exits or time
  // runs out (false).
  bool LogSays(const std::string& text) {
    return watcher_->WaitUntil([&] { return Log().find(text) != std::string::npos; }, kPatience);
  }

  // Waits until `query` finds exactly `paths` (relative to the corpus, in
  // any order); true when it does.
  bool Finds(const std::string& query, std::vector<std::string> paths) {
    std::sort(paths.begin(), paths.end());
    last_found_.clear();
    return watcher_->WaitUntil(
        [&] {
          last_found_ = SearchPaths(query, {"-n", "100000"});
          std::sort(last_found_.begin(), last_found_.end());
          return last_found_ == paths;
        },
        kPatience);
  }
  // For failure messages: what the last search found, and the log.
  std::string Seen() const {
    std::string found;
    for (const std::string& path : last_found_) found += path + " ";
    return "found: " + found + "\nlog:\n" + Log();
  }

  // The batch lines of the log (not the first run's, nor --verbose's
  // lines about each file).
  std::vector<std::string> BatchLines() const {
    const std::regex batch("quarry-index: (changed: |[0-9]+ paths changed|walked every folder).*");
    std::vector<std::string> lines;
    for (const std::string& line : Lines(Log())) {
      if (std::regex_match(line, batch)) lines.push_back(line);
    }
    return lines;
  }

  // The sum of the "WHAT N" counts ("added 3") of the batch lines.
  size_t Counted(const std::string& what) const {
    size_t sum = 0;
    const std::regex count(what + " ([0-9]+)");
    for (const std::string& line : BatchLines()) {
      std::smatch match;
      if (std::regex_search(line, match, count)) sum += std::stoul(match[1]);
    }
    return sum;
  }

  // Stops the watcher as systemd does, and checks it ends cleanly.
  void Stop() {
    watcher_->Signal(SIGTERM);
    ProcessResult stopped = watcher_->Wait();
    EXPECT_EQ(stopped.exit_code, 0) << Describe(stopped);
    EXPECT_THAT(stopped.err, HasSubstr("stopped by SIGTERM"));
  }

  void Rename(const std::string& from, const std::string& to) const {
    std::filesystem::rename(dir().Path(from), dir().Path(to));
  }

  // Starts the watcher (--verbose, batches of 100 documents, one job) and
  // gives it a batch of `count` generated files (a folder moved in: one
  // event, and a batch that takes a while).
  void StartBatchOfGeneratedFiles(int count) {
    WriteGeneratedCorpus(*this, count);
    Rename("corpus/gen", "gen");
    StartWatcher({"--verbose", "--batch-size", "100", "--jobs", "1"});
    Rename("gen", "corpus/gen");
  }

  std::unique_ptr<BackgroundProcess> watcher_;
  std::vector<std::string> last_found_;
};

TEST_F(WatchTest, StartsWithARunThatMakesTheIndexExact) {
  StartWatcher();
  EXPECT_THAT(Log(), HasSubstr("first run: added 3, updated 0, unchanged 0, removed 0"));
  EXPECT_THAT(Log(), HasSubstr("; watching 3 folders"));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  Stop();
}

TEST_F(WatchTest, AFileMadeIsFound) {
  StartWatcher();
  Write("notes/delta.txt", "Delta\nthe cormorant dries its wings\n");
  EXPECT_TRUE(Finds("cormorant", {"notes/delta.txt"})) << Seen();
  // The batch's line follows its commit.
  EXPECT_TRUE(LogSays("changed: " + Root() + "/notes/delta.txt: added 1, updated 0")) << Log();
  Stop();
}

TEST_F(WatchTest, AFileEditedIsFoundByItsNewWordsOnly) {
  StartWatcher();
  Write("notes/alpha.txt", "Alpha\nthe egret stands in the river\n");
  EXPECT_TRUE(Finds("egret", {"notes/alpha.txt"})) << Seen();
  EXPECT_TRUE(SearchPaths("heron").empty());
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(WatchTest, AFileDeletedIsGone) {
  StartWatcher();
  Remove("notes/alpha.txt");
  EXPECT_TRUE(Finds("heron", {})) << Seen();
  EXPECT_TRUE(LogSays("removed 1")) << Log();
  Stop();
}

TEST_F(WatchTest, AFileMovedWithinIsFoundAtItsNewPathOnly) {
  StartWatcher();
  Rename("corpus/notes/alpha.txt", "corpus/notes/renamed.txt");
  EXPECT_TRUE(Finds("heron", {"notes/renamed.txt"})) << Seen();
  Rename("corpus/notes/renamed.txt", "corpus/docs/moved.txt");
  EXPECT_TRUE(Finds("heron", {"docs/moved.txt"})) << Seen();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(WatchTest, AFileMovedInIsFoundAndOneMovedOutIsGone) {
  StartWatcher();
  dir().Write("elsewhere/ibis.txt", "Ibis\nthe ibis probes the mud\n");
  Rename("elsewhere/ibis.txt", "corpus/notes/ibis.txt");
  EXPECT_TRUE(Finds("ibis", {"notes/ibis.txt"})) << Seen();
  Rename("corpus/docs/gamma.txt", "elsewhere/gamma.txt");
  EXPECT_TRUE(Finds("otter", {})) << Seen();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// Editors save in several ways; each must leave one document with the new
// text, under the file's own path, and none for their temporary files.
TEST_F(WatchTest, AnEditorsSaveByRenameLeavesOneDocumentWithTheNewText) {
  StartWatcher();
  // gedit, VS Code and most "atomic" savers: a temporary file renamed over.
  Write("notes/.goutputstream-X1Y2Z3", "Alpha\nthe spoonbill stands in the river\n");
  Rename("corpus/notes/.goutputstream-X1Y2Z3", "corpus/notes/alpha.txt");
  EXPECT_TRUE(Finds("spoonbill", {"notes/alpha.txt"})) << Seen();
  // vim (backupcopy=no): the file renamed to a backup, written anew, the
  // backup deleted (after its probe file 4913, made and deleted).
  Write("notes/4913", "");
  Remove("notes/4913");
  Rename("corpus/notes/beta.md", "corpus/notes/beta.md~");
  Write("notes/beta.md", "# Beta\nthe bittern booms\n");
  Remove("notes/beta.md~");
  EXPECT_TRUE(Finds("bittern", {"notes/beta.md"})) << Seen();
  // emacs: an autosave file and a backup copy beside the file, then the
  // file written in place.
  Write("docs/#gamma.txt#", "Gamma\nthe otter swims\n");
  Write("docs/gamma.txt~", "Gamma\nthe otter swims\n");
  Write("docs/gamma.txt", "Gamma\nthe beaver builds\n");
  Remove("docs/#gamma.txt#");
  EXPECT_TRUE(Finds("beaver", {"docs/gamma.txt"})) << Seen();
  Remove("docs/gamma.txt~");
  // No document is left of a temporary file or a backup.
  EXPECT_TRUE(Finds("otter", {})) << Seen();
  EXPECT_TRUE(Finds("kingfisher", {})) << Seen();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// A folder made with files in it at once: the files written before its
// watch is set are found by the walk of the folder, those after by the
// watch.
TEST_F(WatchTest, ANewFolderWithFilesIsFoundAndWatched) {
  StartWatcher();
  for (int i = 0; i < 20; ++i) {
    Write("new/deep/er/f" + std::to_string(i) + ".txt", "nested file " + std::string(kCommonWord));
  }
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) expected.push_back("new/deep/er/f" + std::to_string(i) + ".txt");
  EXPECT_TRUE(Finds(kCommonWord, expected)) << Seen();
  Write("new/deep/later.txt", "a later file " + std::string(kCommonWord));
  expected.push_back("new/deep/later.txt");
  EXPECT_TRUE(Finds(kCommonWord, expected)) << Seen();
  Stop();
}

TEST_F(WatchTest, AFolderMovedInIsFoundAndWatched) {
  StartWatcher();
  dir().Write("elsewhere/album/one.txt", "One\nthe puffin nests\n");
  dir().Write("elsewhere/album/sub/two.txt", "Two\nthe puffin fishes\n");
  Rename("elsewhere/album", "corpus/album");
  EXPECT_TRUE(Finds("puffin", {"album/one.txt", "album/sub/two.txt"})) << Seen();
  Write("album/sub/two.txt", "Two\nthe gannet fishes\n");
  EXPECT_TRUE(Finds("puffin", {"album/one.txt"})) << Seen();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(WatchTest, AFolderDeletedOrMovedOutIsGone) {
  Write("notes/more/delta.txt", "Delta\nthe heron again\n");
  StartWatcher();
  std::filesystem::remove_all(dir().Path("corpus/notes"));
  EXPECT_TRUE(Finds("heron", {})) << Seen();
  EXPECT_TRUE(SearchPaths("kingfisher").empty());
  Rename("corpus/docs", "elsewhere");
  // docs held the last file: the root is empty now, which is taken for an
  // unmounted disk (as a whole walk takes it): the file is kept.
  EXPECT_TRUE(LogSays("root is empty; keeping what the index holds under " + Root())) << Log();
  EXPECT_THAT(SearchPaths("otter"), ElementsAre("docs/gamma.txt"));
  Stop();
}

// A `git checkout`: a thousand files of watched folders rewritten, a
// hundred made and fifty deleted at once make a few batches, not a
// thousand.
TEST_F(WatchTest, ABurstOfAThousandFilesIsAppliedInAFewBatches) {
  WriteGeneratedCorpus(*this, 1050);
  StartWatcher();
  WriteGeneratedCorpus(*this, 1000, 0, "vtwo");
  WriteGeneratedCorpus(*this, 100, 1050, "vtwo");
  for (int i = 1000; i < 1050; ++i) {
    Remove("gen/d" + std::to_string(i % 20) + "/file" + std::to_string(i) + ".txt");
  }
  std::vector<std::string> expected;
  for (int i = 0; i < 1150; ++i) {
    if (i < 1000 || i >= 1050) {
      expected.push_back("gen/d" + std::to_string(i % 20) + "/file" + std::to_string(i) + ".txt");
    }
  }
  EXPECT_TRUE(Finds("vtwo", expected)) << Seen();
  // Each batch's line follows its commit.
  const auto counted = [&](const std::string& what, size_t total) {
    return watcher_->WaitUntil([&] { return Counted(what) == total; }, kPatience);
  };
  EXPECT_TRUE(counted("updated", 1000)) << Log();
  EXPECT_TRUE(counted("added", 100)) << Log();
  EXPECT_TRUE(counted("removed", 50)) << Log();
  EXPECT_LE(BatchLines().size(), 5u) << Log();
  std::cerr << Log();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// The kernel's queue overflowing is forced by a queue of 20 events (a test
// limit: the kernel's is machine-wide): every root is walked instead.
TEST_F(WatchTest, AnOverflowFallsBackToAWalkOfEveryFolder) {
  StartWatcher({}, {{"QUARRY_WATCH_TEST_QUEUED_EVENTS", "20"}});
  // 50 files in a watched folder: 100 events (made, then written).
  std::vector<std::string> expected;
  for (int i = 0; i < 50; ++i) {
    expected.push_back("notes/many" + std::to_string(i) + ".txt");
    Write(expected.back(), "many " + std::string(kCommonWord));
  }
  EXPECT_TRUE(Finds(kCommonWord, expected)) << Seen();
  EXPECT_TRUE(LogSays("walked every folder (the inotify event queue overflowed (20, a test's "
                      "limit)): added 50, "))
      << Log();
  // The walk watched every folder anew: a later change is seen.
  Write("docs/late.txt", "late " + std::string(kCommonWord));
  expected.push_back("docs/late.txt");
  EXPECT_TRUE(Finds(kCommonWord, expected)) << Seen();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// With fewer watches than folders (a test limit of 2 for the kernel's
// fs.inotify.max_user_watches), every root is walked every so often, and
// changes in the folders not watched are found that way.
TEST_F(WatchTest, TheWatchLimitReachedFallsBackToPeriodicWalks) {
  StartWatcher({}, {{"QUARRY_WATCH_TEST_MAX_WATCHES", "2"}, {"QUARRY_WATCH_TEST_WALK_EVERY_MS", "500"}});
  EXPECT_TRUE(LogSays("the inotify watch limit is reached: 2 folders are watched, 1 are not (2, a "
                      "test's limit); changes there are found by walking every folder every "))
      << Log();
  Write("notes/delta.txt", "Delta\nthe shearwater glides\n");
  Write("docs/epsilon.txt", "Epsilon\nthe shearwater skims\n");
  EXPECT_TRUE(Finds("shearwater", {"docs/epsilon.txt", "notes/delta.txt"})) << Seen();
  EXPECT_TRUE(LogSays("walked every folder (the inotify watch limit is reached")) << Log();
  Stop();
}

// A folder to index that goes away keeps its documents; made anew (or a
// disk mounted there again, which no event tells), it is walked and
// watched again.
TEST_F(WatchTest, ARootThatGoesAndComesBackIsWalkedAndWatchedAgain) {
  StartWatcher({}, {{"QUARRY_WATCH_TEST_WALK_EVERY_MS", "300"}});
  Rename("corpus", "corpus-away");
  EXPECT_TRUE(LogSays(Root() + " is not watched (missing, unreadable, moved, unmounted or mounted "
                      "anew); changes there are found by walking every folder every "))
      << Log();
  // Kept (searched from elsewhere: the folder is not there).
  EXPECT_THAT(Lines(RunSearch({"--db", Db(), "--format", "paths", "heron"}).out),
              ElementsAre(Root() + "/notes/alpha.txt"));
  Rename("corpus-away", "corpus");
  Write("notes/back.txt", "Back\nthe heron is back\n");
  EXPECT_TRUE(Finds("heron", {"notes/alpha.txt", "notes/back.txt"})) << Seen();
  EXPECT_TRUE(LogSays("every folder is watched again")) << Log();
  Write("docs/later.txt", "Later\nthe heron stays\n");
  EXPECT_TRUE(Finds("heron", {"docs/later.txt", "notes/alpha.txt", "notes/back.txt"})) << Seen();
  Stop();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(WatchTest, QuietKeepsOnlyErrorsAndVerboseTellsEachFile) {
  StartWatcher({"--verbose"});
  Write("notes/delta.txt", "Delta\nthe plover runs\n");
  EXPECT_TRUE(Finds("plover", {"notes/delta.txt"})) << Seen();
  EXPECT_TRUE(LogSays("add " + Root() + "/notes/delta.txt (new file")) << Log();
  Stop();

  std::vector<std::string> argv = {QUARRY_INDEX_BIN, "--watch", "--quiet", "--db", Db(), Root()};
  watcher_ = std::make_unique<BackgroundProcess>(argv, dir().path());
  Write("notes/epsilon.txt", "Epsilon\nthe dunlin runs\n");
  EXPECT_TRUE(Finds("dunlin", {"notes/epsilon.txt"})) << Seen();
  watcher_->Signal(SIGTERM);
  ProcessResult stopped = watcher_->Wait();
  EXPECT_EQ(stopped.exit_code, 0) << Describe(stopped);
  EXPECT_EQ(stopped.err, "");
}

// Options apply to the watch as to a run; an index kept inside the folder
// it indexes is neither indexed nor watched (its commits are not changes).
TEST_F(WatchTest, ExcludedAndHiddenFilesAndTheIndexItselfAreLeftOut) {
  const std::string db = Root() + "/.quarry-index-inside";
  std::vector<std::string> argv = {QUARRY_INDEX_BIN, "--watch", "--verbose", "--db", db,
                                   "--exclude", "*.log", "--hidden", Root()};
  watcher_ = std::make_unique<BackgroundProcess>(argv, dir().path());
  ASSERT_TRUE(LogSays("first run: ")) << Log();
  Write("notes/run.log", "the curlew calls");
  Write("notes/.hidden.txt", "the curlew hides");
  Write("notes/kept.txt", "the curlew stays");
  std::vector<std::string> found;
  ASSERT_TRUE(watcher_->WaitUntil(
      [&] {
        found = Lines(RunSearch({"--db", db, "--format", "paths", "curlew"}).out);
        return found.size() == 2;
      },
      kPatience))
      << Log();
  std::sort(found.begin(), found.end());
  EXPECT_THAT(found, ElementsAre(Root() + "/notes/.hidden.txt", Root() + "/notes/kept.txt"));
  Stop();
  for (const std::string& line : BatchLines()) {
    EXPECT_THAT(line, Not(HasSubstr(".quarry-index-inside"))) << Log();
  }
}

TEST_F(WatchTest, SigtermDuringABatchCommitsWhatIsDone) {
  StartBatchOfGeneratedFiles(1000);
  ASSERT_TRUE(LogSays("add " + Root() + "/gen/")) << Log();
  Stop();
  EXPECT_THAT(Log(), HasSubstr("; interrupted: what was done is committed"));
  // What was applied is searchable; a run finishes the job.
  ProcessResult search = RunSearch({"--db", Db(), "--format", "paths", kCommonWord});
  EXPECT_EQ(search.exit_code, 0) << Describe(search);
  ProcessResult rerun = RunIndex({"--db", Db(), "--quiet", Root()});
  ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// SIGKILL in the middle of a batch: the index answers from its last commit,
// and the next run (or the next start of the watch) leaves it exact.
TEST_F(WatchTest, SigkillDuringABatchLeavesAnIndexTheNextRunMakesExact) {
  StartBatchOfGeneratedFiles(1000);
  const std::string added = "add " + Root() + "/gen";
  ASSERT_TRUE(watcher_->WaitUntil(
      [&] {
        const std::string log = Log();
        size_t count = 0;
        for (size_t at = log.find(added); at != std::string::npos; at = log.find(added, at + 1)) ++count;
        return count >= 250;
      },
      kPatience))
      << Log();
  watcher_->Signal(SIGKILL);
  ProcessResult killed = watcher_->Wait();
  ASSERT_EQ(killed.signal, SIGKILL) << Describe(killed);
  ProcessResult search = RunSearch({"--db", Db(), "--format", "paths", "-n", "100000", kCommonWord});
  EXPECT_EQ(search.exit_code, 0) << Describe(search);
  EXPECT_GE(Lines(search.out).size(), 200u);  // two batches of 100 committed, at least
  EXPECT_NE(DiffIndexAndCorpus(Db(), Root()), "");
  // The next start's first run finishes the job.
  StartWatcher();
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  Stop();
}

// A cron run holding the lock: the watcher waits for it, and applies the
// changes once it is free; --status meanwhile answers at once.
TEST_F(WatchTest, ALockedIndexIsWaitedForNotFatal) {
  StartWatcher();
  StatusOr<Xapian::WritableDatabase> lock =
      OpenDatabaseForWriting(Db(), CreateMode::kOpenExisting, AnalysisConfig{});
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  Write("notes/delta.txt", "Delta\nthe avocet sweeps\n");
  EXPECT_TRUE(LogSays("is locked by another quarry-index; the changes wait until it is free")) << Log();
  ProcessResult status = RunIndex({"--db", Db(), "--status"});
  EXPECT_EQ(status.exit_code, 0) << Describe(status);
  EXPECT_TRUE(SearchPaths("avocet").empty());
  EXPECT_TRUE(watcher_->Running());
  lock->close();
  EXPECT_TRUE(Finds("avocet", {"notes/delta.txt"})) << Seen();
  EXPECT_TRUE(LogSays("the index is free again")) << Log();
  Stop();
}

// The mass-delete guard applies to a batch as to a run: a folder holding
// most of the files deleted at once is refused, logged, and kept.
TEST_F(WatchTest, AMassDeleteIsRefusedAndTheDocumentsKept) {
  WriteGeneratedCorpus(*this, 40);
  StartWatcher();
  std::filesystem::remove_all(dir().Path("corpus/gen"));
  EXPECT_TRUE(LogSays("not applied: refusing to delete ")) << Log();
  EXPECT_THAT(Log(), HasSubstr(" of the 43 indexed files"));
  EXPECT_THAT(Log(), HasSubstr("rerun with --allow-mass-delete"));
  EXPECT_EQ(SearchPaths(kCommonWord, {"-n", "100"}).size(), 40u);
  EXPECT_TRUE(watcher_->Running());
  // The watch goes on.
  Write("notes/delta.txt", "Delta\nthe stilt wades\n");
  EXPECT_TRUE(Finds("stilt", {"notes/delta.txt"})) << Seen();
  Stop();
}

TEST_F(WatchTest, BadUseAndAFirstRunThatFailsExitTwo) {
  ProcessResult combined = RunIndex({"--watch", "--dry-run", "--db", Db(), Root()});
  EXPECT_EQ(combined.exit_code, 2) << Describe(combined);
  EXPECT_THAT(combined.err, HasSubstr("--watch cannot be combined with --dry-run"));
  dir().Write("victim/thesis.txt", "mine");
  ProcessResult not_an_index = RunIndex({"--watch", "--db", dir().Path("victim"), Root()});
  EXPECT_EQ(not_an_index.exit_code, 2) << Describe(not_an_index);
  EXPECT_THAT(not_an_index.err, HasSubstr("is a folder holding 1 file (thesis.txt), not a Quarry index"));
}

}  // namespace
}  // namespace quarry::testing
