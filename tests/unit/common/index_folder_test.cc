// What is at a --db path (issue 16: a folder of the user's was taken for an
// index and emptied).
#include "common/index/index_folder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(IndexFolderTest, InspectTellsWhatIsThere) {
  testing::TempDir dir;
  fs::create_directories(dir.Path("empty"));
  dir.Write("db/iamglass", "x");
  dir.Write("db/postlist.glass", "x");
  dir.Write("db/quarry-run", "x");
  dir.Write("db-with-notes/iamglass", "x");
  dir.Write("db-with-notes/NOTES.txt", "mine");
  dir.Write("shards/XAPIANDB", "auto shard-000\n");
  dir.Write("damaged/postlist.glass", "x");
  dir.Write("damaged/termlist.glass", "x");
  dir.Write("stub", "auto /srv/idx\n");
  dir.Write("thesis.txt", "precious\n");
  dir.Write("user/thesis.txt", "precious\n");
  ASSERT_EQ(::symlink(dir.Path("nowhere").c_str(), dir.Path("dangling").c_str()), 0);
  struct Case {
    const char* path;
    IndexPlace place;
    const char* description;
  };
  const Case cases[] = {
      {"absent", IndexPlace::kNothing, "nothing"},
      {"empty", IndexPlace::kEmptyFolder, "an empty folder"},
      {"db", IndexPlace::kDatabase, "a Xapian database"},
      {"db-with-notes", IndexPlace::kForeign, "also holds files Quarry did not write (NOTES.txt)"},
      {"shards", IndexPlace::kShardFolder, "a folder of shards"},
      {"damaged", IndexPlace::kDamagedDatabase, "version file (iamglass) is missing"},
      {"stub", IndexPlace::kStubFile, "a stub file"},
      {"thesis.txt", IndexPlace::kForeign, "a file of 9 bytes"},
      {"user", IndexPlace::kForeign, "a folder holding 1 file (thesis.txt)"},
      {"dangling", IndexPlace::kForeign, "a symbolic link that leads nowhere"},
  };
  for (const Case& c : cases) {
    IndexPathInfo info = InspectIndexPath(dir.Path(c.path));
    EXPECT_EQ(info.place, c.place) << c.path;
    EXPECT_THAT(info.description, HasSubstr(c.description)) << c.path;
  }
  EXPECT_OK(CheckIndexPlace(dir.Path("empty")));
  EXPECT_THAT(CheckIndexPlace(dir.Path("user")),
              testing::StatusIs(StatusCode::kFailedPrecondition, HasSubstr("nothing in it was touched")));
  EXPECT_THAT(CheckIndexPlace(dir.Path("damaged")),
              testing::StatusIs(StatusCode::kDataLoss, HasSubstr("--rebuild")));
}

TEST(IndexFolderTest, AccessGoesThroughFoldersAndFiles) {
  testing::TempDir dir;
  dir.Write("idx/postlist.glass", "x");
  dir.Write("idx/shard-000/postlist.glass", "x");
  ASSERT_OK(ApplyAccess(dir.Path("idx"), IndexAccess::kGroup));
  const auto mode = [&](const char* path) { return fs::status(dir.Path(path)).permissions() & fs::perms::all; };
  using fs::perms;
  EXPECT_EQ(mode("idx"), perms::owner_all | perms::group_read | perms::group_exec);
  EXPECT_EQ(mode("idx/shard-000"), perms::owner_all | perms::group_read | perms::group_exec);
  EXPECT_EQ(mode("idx/postlist.glass"), perms::owner_read | perms::owner_write | perms::group_read);
  EXPECT_EQ(mode("idx/shard-000/postlist.glass"),
            perms::owner_read | perms::owner_write | perms::group_read);
  dir.Write("copy/postlist.glass", "x");
  ASSERT_OK(CopyFolderAccess(dir.Path("idx"), dir.Path("copy")));
  EXPECT_EQ(mode("copy/postlist.glass"), perms::owner_read | perms::owner_write | perms::group_read);
  EXPECT_EQ(AccessOfMode(0755), IndexAccess::kPublic);
  EXPECT_EQ(AccessOfMode(0750), IndexAccess::kGroup);
  EXPECT_EQ(AccessOfMode(0700), IndexAccess::kPrivate);
}

TEST(IndexFolderTest, AFolderLockIsExclusive) {
  testing::TempDir dir;
  fs::create_directories(dir.Path("idx"));
  ASSERT_OK_AND_ASSIGN(FolderLock first, FolderLock::Take(dir.Path("idx")));
  EXPECT_THAT(FolderLock::Take(dir.Path("idx")).status(), testing::StatusIs(StatusCode::kLocked));
}

}  // namespace
}  // namespace quarry
