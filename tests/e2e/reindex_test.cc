// End-to-end tests of reindexing that cron can trust (issue 4): the plan
// and its guards, the lock, --status, and what a run prints.
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "common/index/database.h"
#include "tests/e2e/reindex_util.h"
#include "tests/support/background_process.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class ReindexTest : public ::testing::Test, protected CorpusFixture {
 protected:
  // Holds the index's write lock as another quarry-index would.
  Xapian::WritableDatabase HoldLock() {
    StatusOr<Xapian::WritableDatabase> db =
        OpenDatabaseForWriting(Db(), CreateMode::kOpenExisting, AnalysisConfig{});
    if (!db.ok()) ADD_FAILURE() << db.status().ToString();
    return std::move(db).value();
  }
  std::string Status() const { return RunIndex({"--db", Db(), "--status"}).out; }
};

TEST_F(ReindexTest, MovedAndRenamedFilesAreFoundUnderTheirNewPath) {
  Write("a.txt", "Alpha\nthe walrus moved\n");
  Write("b.txt", "Beta\nthe otter stayed\n");
  ASSERT_EQ(Index().exit_code, 0);
  std::filesystem::create_directories(Root() + "/archive");
  std::filesystem::rename(Root() + "/a.txt", Root() + "/archive/renamed.txt");
  ProcessResult r = Index();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("added 1, updated 0, unchanged 1, removed 1"));
  EXPECT_THAT(SearchPaths("walrus"), ElementsAre("archive/renamed.txt"));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(ReindexTest, AFreshIndexIsCompactedInPlaceAndLaterRunsKeepIt) {
  for (int i = 0; i < 200; ++i) {
    std::string number = std::to_string(i);
    Write("f" + number + ".txt", "Walrus number " + number + " and some words about otters\n");
  }
  // Batches of 5 documents leave a part-filled index, which compaction fills.
  ProcessResult first = Index({"--batch-size", "5"});
  ASSERT_EQ(first.exit_code, 0) << Describe(first);
  EXPECT_EQ(first.err, "");
  std::vector<std::string> beside;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(Db()).parent_path())) {
    beside.push_back(entry.path().filename().string());
  }
  // No temporary copy is left beside the index.
  for (const std::string& name : beside) EXPECT_THAT(name, ::testing::Not(HasSubstr(".compact-"))) << name;
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  // The same files written into an index that already held one document
  // are not compacted: they take half as much room again or more.
  const std::string grown = dir().Path("grown");
  ASSERT_EQ(RunIndex({"--db", grown, Root() + "/f0.txt"}).exit_code, 0);
  ASSERT_EQ(RunIndex({"--db", grown, "--batch-size", "5", Root()}).exit_code, 0);
  auto bytes = [](const std::string& folder) {
    uintmax_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.is_regular_file()) total += entry.file_size();
    }
    return total;
  };
  EXPECT_LT(static_cast<double>(bytes(Db())), 0.7 * static_cast<double>(bytes(grown)));
  EXPECT_EQ(SearchPaths("walrus").size(), 10u);
  EXPECT_THAT(Status(), HasSubstr("documents:  200\n"));

  // A later run changes the compacted index in place like any other, and
  // removes what a run killed while compacting left beside it (Xapian's
  // files only); a folder of that name holding anything else is not
  // Quarry's to remove (issue 16): it stays, and the run says so.
  // (Quarry's scratch holds its mark, quarry-scratch; pids past pid_max
  // are no live process's.)
  std::filesystem::create_directories(Db() + ".compact-99999999");
  std::filesystem::copy_file(Db() + "/iamglass", Db() + ".compact-99999999/iamglass");
  std::ofstream(Db() + ".compact-99999999/quarry-scratch") << "mark\n";
  std::filesystem::create_directories(Db() + ".compact-88888888");
  std::ofstream(Db() + ".compact-88888888/quarry-scratch") << "mark\n";
  std::ofstream(Db() + ".compact-88888888/thesis.txt") << "mine\n";
  Write("new.txt", "Walrus the newest\n");
  ProcessResult second = Index();
  ASSERT_EQ(second.exit_code, 0) << Describe(second);
  EXPECT_THAT(second.out, HasSubstr("added 1, updated 0, unchanged 200"));
  EXPECT_FALSE(std::filesystem::exists(Db() + ".compact-99999999"));
  EXPECT_TRUE(std::filesystem::exists(Db() + ".compact-88888888/thesis.txt"));
  EXPECT_THAT(second.err, HasSubstr("not removing " + Db() + ".compact-88888888"));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(ReindexTest, TouchedFileWithSameContentIsNotRewritten) {
  Write("a.txt", "Alpha\nwalrus\n");
  ASSERT_EQ(Index().exit_code, 0);
  dir().SetMtime("corpus/a.txt", 1000000000);
  ProcessResult r = Index({"--verbose"});
  EXPECT_THAT(r.err, HasSubstr("touch " + Root() + "/a.txt (content unchanged)"));
  EXPECT_THAT(r.out, HasSubstr("added 0, updated 0, unchanged 1"));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");  // the new mtime is recorded
  EXPECT_THAT(Index().out, HasSubstr("unchanged 1"));
  // A search sees the file as indexed: fresh, with its snippet.
  ProcessResult found = RunSearch({"--db", Db(), "--color", "never", "walrus"});
  ASSERT_EQ(found.exit_code, 0) << Describe(found);
  EXPECT_THAT(found.out, HasSubstr("walrus"));
  EXPECT_THAT(found.out, Not(HasSubstr("changed since indexed")));
}

TEST_F(ReindexTest, DryRunPrintsThePlanWithReasonsAndChangesNothing) {
  Write("keep.txt", "keep\n");
  Write("edit.txt", "edit\n");
  Write("gone.txt", "gone\n");
  ASSERT_EQ(Index().exit_code, 0);
  Write("edit.txt", "edited, and longer\n");
  Write("new.txt", "new\n");
  Remove("gone.txt");
  ProcessResult r = Index({"--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out, "update\t" + Root() + "/edit.txt\tsize changed\n" +
                   "add\t" + Root() + "/new.txt\tnew file\n" +
                   "delete\t" + Root() + "/gone.txt\tvanished or excluded\n" +
                   "plan: add 1, update 1, delete 1, unchanged 1\n");
  EXPECT_THAT(SearchPaths("gone"), ElementsAre("gone.txt"));
  EXPECT_TRUE(SearchPaths("new").empty());
}

TEST_F(ReindexTest, MissingOrEmptyRootKeepsItsDocumentsAndSaysWhy) {
  Write("notes/a.txt", "walrus\n");
  ASSERT_EQ(RunIndex({"--db", Db(), Root() + "/notes"}).exit_code, 0);
  std::filesystem::rename(Root() + "/notes", Root() + "/unmounted");
  ProcessResult missing = RunIndex({"--db", Db()});  // the roots the index records
  // A missing folder fails every run (exit 1: cron mails it), issue 16.
  EXPECT_EQ(missing.exit_code, 1) << Describe(missing);
  EXPECT_THAT(missing.err, HasSubstr(Root() + "/notes: No such file or directory; keeping what the "
                                     "index holds under it"));
  EXPECT_THAT(missing.out, HasSubstr("removed 0"));

  std::filesystem::create_directories(Root() + "/notes");  // an empty mount point
  ProcessResult empty = RunIndex({"--db", Db(), "--quiet"});
  EXPECT_THAT(empty.err, HasSubstr("root is empty; keeping"));
  EXPECT_THAT(SearchPaths("walrus"), ElementsAre("notes/a.txt"));
}

TEST_F(ReindexTest, MassDeleteIsRefusedUnlessAllowed) {
  WriteGeneratedCorpus(*this, 50);
  ASSERT_EQ(Index().exit_code, 0);
  for (int i = 0; i < 20; ++i) {
    Remove("gen/d" + std::to_string(i % 20) + "/file" + std::to_string(i) + ".txt");
  }
  ProcessResult refused = Index();
  EXPECT_EQ(refused.exit_code, 2) << Describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("refusing to delete 20 of the 50 indexed files (40%, more "
                                     "than the 20% allowed)"));
  EXPECT_THAT(refused.err, HasSubstr("--allow-mass-delete"));
  EXPECT_EQ(Lines(RunSearch({"--db", Db(), "--format", "paths", "-n", "100", kCommonWord}).out).size(),
            50u);

  EXPECT_THAT(Index({"--dry-run"}).out, HasSubstr("this run would be refused"));
  EXPECT_EQ(Index({"--max-delete-share", "50%", "--dry-run"}).out.find("refused"),
            std::string::npos);
  ProcessResult allowed = Index({"--allow-mass-delete"});
  EXPECT_EQ(allowed.exit_code, 0) << Describe(allowed);
  EXPECT_THAT(allowed.out, HasSubstr("removed 20"));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

TEST_F(ReindexTest, AFewDeletionsInASmallIndexAreNotAMassDelete) {
  WriteGeneratedCorpus(*this, 12);
  ASSERT_EQ(Index().exit_code, 0);
  for (int i = 0; i < 10; ++i) Remove("gen/d" + std::to_string(i) + "/file" + std::to_string(i) + ".txt");
  ProcessResult r = Index();
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("removed 10"));
}

TEST_F(ReindexTest, ASecondIndexerExitsAtOnceWithItsOwnCode) {
  Write("a.txt", "alpha\n");
  ASSERT_EQ(Index().exit_code, 0);
  Write("b.txt", "beta\n");
  Xapian::WritableDatabase lock = HoldLock();
  ProcessResult r = Index();
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("is locked by another quarry-index; try again later, or wait for "
                               "it with --wait SECONDS"));
  ProcessResult waited = Index({"--wait", "0.3"});
  EXPECT_EQ(waited.exit_code, 3) << Describe(waited);
  EXPECT_THAT(waited.err, HasSubstr("(still, after waiting 0.3 s)"));

  // Planning takes no lock: a dry run, and a run with nothing to do, work.
  EXPECT_EQ(Index({"--dry-run"}).exit_code, 0);
  Remove("b.txt");
  EXPECT_EQ(Index().exit_code, 0);
  lock.close();
  EXPECT_THAT(SearchPaths("alpha"), ElementsAre("a.txt"));
}

TEST_F(ReindexTest, WaitTakesTheLockOnceItIsReleased) {
  Write("a.txt", "alpha\n");
  ASSERT_EQ(Index().exit_code, 0);
  Write("b.txt", "beta\n");
  Xapian::WritableDatabase lock = HoldLock();
  BackgroundProcess waiting({QUARRY_INDEX_BIN, "--db", Db(), "--wait", "30", Root()}, dir().path());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(waiting.Running());
  lock.close();
  ProcessResult r = waiting.Wait();
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("added 1"));
  EXPECT_THAT(SearchPaths("beta"), ElementsAre("b.txt"));
}

TEST_F(ReindexTest, StatusShowsDocumentsRootsLastRunAndSettings) {
  Write("a.txt", "alpha\n");
  Write("b.txt", "beta\n");
  Write("blob.bin", std::string("\0\1\2binary", 9));
  ASSERT_EQ(Index({"--batch-size", "7"}).exit_code, 0);
  ProcessResult r = RunIndex({"--db", Db(), "--status"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("documents:  2\n"));
  EXPECT_THAT(r.out, HasSubstr("skipped:    1 files"));
  EXPECT_THAT(r.out, HasSubstr("folders:    " + Root() + "\n"));
  EXPECT_THAT(r.out, HasSubstr("analysis:   language english"));
  EXPECT_THAT(r.out, HasSubstr("texts:      plain text, YAML and reST read from their files"));
  EXPECT_THAT(r.out,
              HasSubstr("schema:     version " + std::to_string(schema::kSchemaVersion) + "\n"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("last run:   20[0-9-]+ [0-9:]+ UTC, took [0-9.]+ s, done\n"));
  EXPECT_THAT(r.out, HasSubstr("added 2, updated 0, unchanged 0, removed 0, skipped 1, failed 0"));
  EXPECT_THAT(r.out, HasSubstr("settings:   batch-size 7, max-file-size 64M"));

  ProcessResult none = RunIndex({"--db", dir().Path("nowhere"), "--status"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("no index at"));
}

TEST_F(ReindexTest, QuietPrintsOnlyErrorsAndVerboseEachFate) {
  Write("a.txt", "alpha\n");
  Write("b.bin", std::string("\0\1\2", 3));
  ProcessResult quiet = Index({"--quiet"});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.out, "");
  EXPECT_EQ(quiet.err, "");
  Write("c.txt", "gamma\n");
  ProcessResult verbose = Index({"--verbose"});
  EXPECT_THAT(verbose.err, HasSubstr("add " + Root() + "/c.txt (new file, "));
  EXPECT_THAT(verbose.out, HasSubstr("quarry-index: added 1, updated 0, unchanged 2"));
  // Not a terminal: no progress line.
  EXPECT_EQ(verbose.err.find('\r'), std::string::npos);
}

TEST_F(ReindexTest, ProgressLineOnlyOnATerminal) {
  if (::access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "needs script(1) for a terminal";
  WriteGeneratedCorpus(*this, 1500);
  // script(1) runs the indexer on a pseudo-terminal and copies what it shows.
  ProcessResult r = RunProcess({"/usr/bin/script", "-qec",
                                std::string(QUARRY_INDEX_BIN) + " --db " + Db() + " " + Root(),
                                "/dev/null"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("quarry-index: seen 1500 files, indexed "));
  EXPECT_THAT(r.out, HasSubstr("\r\x1b[K"));
  EXPECT_THAT(r.out, HasSubstr("quarry-index: added 1500"));
}

TEST_F(ReindexTest, ConfigFileHoldsTheSettingsAndTheCommandLineWins) {
  Write("a.md", "alpha\n");
  Write("b.txt", "alpha\n");
  Write("skip/c.md", "alpha\n");
  std::string config = dir().Write("quarry.conf", "db = " + Db() + "\nroot = " + Root() +
                                                      "\ninclude-ext = md\nexclude = skip\n"
                                                      "batch-size = 5\nmax-delete-share = 50%\n");
  ProcessResult r = RunIndex({"--config", config});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(SearchPaths("alpha"), ElementsAre("a.md"));
  ProcessResult status = RunIndex({"--config", config, "--status"});
  EXPECT_THAT(status.out, HasSubstr("batch-size 5, max-file-size 64M, max-delete-share 50%"));
  Write("a.md", "alpha, edited\n");
  ASSERT_EQ(RunIndex({"--config", config, "--batch-size", "9"}).exit_code, 0);
  EXPECT_THAT(RunIndex({"--config", config, "--status"}).out, HasSubstr("batch-size 9,"));
}

}  // namespace
}  // namespace quarry::testing
