// End-to-end tests of what Quarry must never do to what users trust it with
// (issue 16): delete what it did not make (item 1), expose private text
// (item 5), or pass a cron run with a missing folder as clean (item 7).
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "tests/e2e/reindex_util.h"

namespace quarry::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class SafetyTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void SetUp() override {
    Write("a.txt", "Alpha walrus\n");
    Write("b.txt", "Beta otter\n");
  }

  static fs::perms Mode(const std::string& path) {
    return fs::status(path).permissions() & fs::perms::all;
  }

  // The names in `folder`, sorted.
  static std::vector<std::string> Names(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
};

// Issue 16: `quarry-index --db victim FOLDER` left only Xapian's files in
// victim/, the user's thesis gone, exit 0.
TEST_F(SafetyTest, AFolderOfTheUsersIsRefusedAndLeftUntouched) {
  dir().Write("victim/thesis.txt", "precious\n");
  dir().Write("victim/chapters/one.md", "one\n");
  ProcessResult r = RunIndex({"--db", dir().Path("victim"), Root()});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("is a folder holding 1 file and 1 folder (chapters/, thesis.txt), "
                               "not a Quarry index; nothing in it was touched"));
  EXPECT_EQ(Names(dir().Path("victim")), (std::vector<std::string>{"chapters", "thesis.txt"}));
  EXPECT_EQ(dir().Read("victim/thesis.txt"), "precious\n");
  // Nothing was made beside it either.
  EXPECT_EQ(Names(dir().path()), (std::vector<std::string>{"corpus", "victim"}));
  // The searcher does not suggest the command that would have done it.
  ProcessResult search = RunSearch({"--db", dir().Path("victim"), "walrus"});
  EXPECT_EQ(search.exit_code, 2);
  EXPECT_THAT(search.err, HasSubstr("it is a folder holding"));
  EXPECT_THAT(search.err, Not(HasSubstr("create it with")));
}

// Issue 16: `quarry-index --db F F` deleted the very file it had indexed.
TEST_F(SafetyTest, AFileIsNeverTakenForAnIndex) {
  const std::string file = Root() + "/a.txt";
  ProcessResult r = RunIndex({"--db", file, file});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("is a file of 13 bytes, not a Quarry index"));
  EXPECT_EQ(dir().Read("corpus/a.txt"), "Alpha walrus\n");
}

TEST_F(SafetyTest, AnotherProgramsXapianDatabaseIsRefused) {
  {
    Xapian::WritableDatabase other(dir().Path("omega"), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("theirs");
    other.add_document(doc);
    other.commit();
  }
  ProcessResult r = RunIndex({"--db", dir().Path("omega"), Root()});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("is a Xapian database but not a Quarry index"));
  EXPECT_EQ(Xapian::Database(dir().Path("omega")).get_doccount(), 1u);
}

// Nothing there, or an empty folder: the places an index may be made, and
// the only ones the searcher proposes to make one in. An index made in an
// empty folder is private like any new one, unless --access says otherwise.
TEST_F(SafetyTest, AnEmptyFolderBecomesAPrivateIndex) {
  fs::create_directories(dir().Path("empty-index"));
  fs::permissions(dir().Path("empty-index"), fs::perms::owner_all | fs::perms::group_read |
                                                 fs::perms::group_exec | fs::perms::others_read |
                                                 fs::perms::others_exec);
  ProcessResult search = RunSearch({"--db", dir().Path("empty-index"), "walrus"});
  EXPECT_THAT(search.err, HasSubstr("create it with: quarry-index --db " + dir().Path("empty-index")));
  ProcessResult r = RunIndex({"--db", dir().Path("empty-index"), Root()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(Mode(dir().Path("empty-index")), fs::perms::owner_all);
  EXPECT_EQ(RunSearch({"--db", dir().Path("empty-index"), "walrus"}).exit_code, 0);
}

// Issue 16 review: folders merely named like Quarry's scratch, and a copy
// of the index, were deleted by the next run.
TEST_F(SafetyTest, FoldersNamedLikeScratchAreNeverRemoved) {
  ASSERT_EQ(Index().exit_code, 0);
  for (const char* copy : {"db.compact-backup", "db.new-york", "db.rebuild", "db.compact-99999998"}) {
    fs::copy(Db(), dir().Path(copy), fs::copy_options::recursive);
  }
  Write("c.txt", "Gamma\n");
  ProcessResult r = Index();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* copy : {"db.compact-backup", "db.new-york", "db.rebuild", "db.compact-99999998"}) {
    EXPECT_TRUE(fs::exists(dir().Path(copy) + "/iamglass")) << copy;
  }
}

// Issue 16 review: --access on an existing index changed the folder only.
TEST_F(SafetyTest, AccessAppliesToEveryFileNowAndAfterRebuilds) {
  ASSERT_EQ(Index().exit_code, 0);
  const auto expect_mode = [&](fs::perms folder, fs::perms file) {
    EXPECT_EQ(Mode(Db()), folder);
    for (const auto& entry : fs::directory_iterator(Db())) {
      EXPECT_EQ(Mode(entry.path()), file) << entry.path();
    }
  };
  using fs::perms;
  ASSERT_EQ(Index({"--access", "public"}).exit_code, 0);
  expect_mode(perms::owner_all | perms::group_read | perms::group_exec | perms::others_read |
                  perms::others_exec,
              perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
  ASSERT_EQ(Index({"--access", "group", "--language", "fr"}).exit_code, 0);
  expect_mode(perms::owner_all | perms::group_read | perms::group_exec,
              perms::owner_read | perms::owner_write | perms::group_read);
}

// Issue 16 review: a relative --db inside a folder it indexes was indexed.
TEST_F(SafetyTest, ARelativeIndexInsideItsFolderIsNotIndexed) {
  ProcessOptions in_corpus;
  in_corpus.cwd = Root();
  ASSERT_EQ(RunIndex({"--db", "index", "."}, in_corpus).exit_code, 0);
  ProcessResult again = RunIndex({"--db", "index", "."}, in_corpus);
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_THAT(again.out, HasSubstr("added 0, updated 0, unchanged 2, removed 0, skipped 0"));
}

// The README's own example: the option takes no value.
TEST_F(SafetyTest, FollowSymlinksTakesNoValue) {
  ProcessResult r = RunIndex({"--db", Db(), "--follow-symlinks", Root()});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  ProcessResult inside = RunIndex({"--db", Db(), "--follow-symlinks-inside", Root()});
  EXPECT_EQ(inside.exit_code, 0) << Describe(inside);
}

// An index kept inside a folder it indexes does not index itself.
TEST_F(SafetyTest, AnIndexInsideItsFolderIsNotIndexed) {
  ASSERT_EQ(RunIndex({"--db", Root() + "/index", Root()}).exit_code, 0);
  ProcessResult again = RunIndex({"--db", Root() + "/index", Root()});
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_THAT(again.out, HasSubstr("added 0, updated 0, unchanged 2, removed 0, skipped 0"));
}

// Issue 16, item 5: a new index was 755/644 at a 022 umask; a user's 700
// folder became 755 after a rebuild.
TEST_F(SafetyTest, ANewIndexIsPrivateAndKeepsItsModeThroughRebuilds) {
  ASSERT_EQ(Index().exit_code, 0);
  EXPECT_EQ(Mode(Db()), fs::perms::owner_all);
  for (const auto& entry : fs::directory_iterator(Db())) {
    EXPECT_EQ(Mode(entry.path()) & (fs::perms::group_all | fs::perms::others_all), fs::perms::none)
        << entry.path();
  }
  // Asked for: readable by the group, kept through a rebuild and a compaction.
  ASSERT_EQ(Index({"--access", "group"}).exit_code, 0);
  EXPECT_EQ(Mode(Db()), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  ASSERT_EQ(Index({"--language", "fr"}).exit_code, 0);
  EXPECT_EQ(Mode(Db()), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  ASSERT_EQ(Index({"--shards", "2"}).exit_code, 0);
  EXPECT_EQ(Mode(Db()), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  EXPECT_THAT(RunIndex({"--db", Db(), "--status"}).out, HasSubstr("access:     group"));
  // And back.
  ASSERT_EQ(Index({"--access", "private"}).exit_code, 0);
  EXPECT_EQ(Mode(Db()), fs::perms::owner_all);
}

// Issue 16, item 5: as root, a rebuild of a user's index made the new one
// root's. The owner stays the index's.
TEST_F(SafetyTest, ARebuildByRootKeepsTheOwnersIndexTheirs) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give files to another user";
  ASSERT_EQ(Index().exit_code, 0);
  const uid_t nobody = 65534;
  for (const auto& entry : fs::recursive_directory_iterator(Db())) {
    ASSERT_EQ(::lchown(entry.path().c_str(), nobody, nobody), 0);
  }
  ASSERT_EQ(::chown(Db().c_str(), nobody, nobody), 0);
  ASSERT_EQ(Index({"--language", "fr"}).exit_code, 0);
  struct stat st;
  ASSERT_EQ(::stat(Db().c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, nobody);
  for (const auto& entry : fs::directory_iterator(Db())) {
    ASSERT_EQ(::lstat(entry.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, nobody) << entry.path();
  }
}

// Issue 16, item 5: a `nobody` user read the titles and snippets of a
// root-only file through the index.
TEST_F(SafetyTest, AnotherUserCannotSearchAPrivateIndex) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to run a search as another user";
  if (!fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "setpriv (util-linux) is missing";
  Write("secret.txt", "Salaries of everyone\n");
  ASSERT_EQ(Index().exit_code, 0);
  // The temp folder must be passable for nobody to reach the index at all.
  fs::permissions(dir().path(), fs::perms::others_exec, fs::perm_options::add);
  ProcessResult r = RunProcess({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                                "--clear-groups", QUARRY_SEARCH_BIN, "--db", Db(), "salaries"});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.out, Not(HasSubstr("secret")));
  EXPECT_THAT(r.err, HasSubstr("Permission denied"));
}

// Issue 16, item 7: a root that did not exist on the first run made an
// empty index with exit 0, so a crontab typo went unnoticed.
TEST_F(SafetyTest, AMissingFolderFailsTheFirstRunAndMakesNoIndex) {
  ProcessResult r = RunIndex({"--db", Db(), dir().Path("notes-typo")});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("notes-typo: No such file or directory"));
  EXPECT_FALSE(fs::exists(Db()));
  // With another folder that exists: indexed, and the run still fails (1).
  ProcessResult some = RunIndex({"--db", Db(), Root(), dir().Path("notes-typo")});
  EXPECT_EQ(some.exit_code, 1) << Describe(some);
  EXPECT_THAT(some.out, HasSubstr("added 2"));
  // A cron line that names it says so at every run; a folder that never
  // existed is not recorded as one the index follows.
  ProcessResult again = RunIndex({"--db", Db(), "--quiet", Root(), dir().Path("notes-typo")});
  EXPECT_EQ(again.exit_code, 1) << Describe(again);
  EXPECT_THAT(again.err, HasSubstr("notes-typo: No such file or directory"));
  EXPECT_EQ(RunIndex({"--db", Db(), "--quiet"}).exit_code, 0);
  // A folder the index follows that goes missing fails every run.
  fs::rename(Root(), dir().Path("unmounted"));
  ProcessResult later = RunIndex({"--db", Db(), "--quiet"});
  EXPECT_EQ(later.exit_code, 1) << Describe(later);
  EXPECT_THAT(later.err, HasSubstr(Root() + ": No such file or directory; keeping what the index "
                                   "holds under it"));
  EXPECT_EQ(RunSearch({"--db", Db(), "walrus"}).exit_code, 0);
}

}  // namespace
}  // namespace quarry::testing
