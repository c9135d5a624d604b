#include "indexer/corpus/walker.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;
using ::quarry::testing::TempDir;

std::vector<std::string> Relative(const WalkResult& walk, const TempDir& dir) {
  std::vector<std::string> paths;
  for (const CorpusEntry& e : walk.entries) paths.push_back(e.path.substr(dir.path().size() + 1));
  return paths;
}

TEST(WalkerTest, ListsFilesSortedAndSkipsHiddenAndVersionControl) {
  TempDir dir;
  dir.Write("b.txt", "b");
  dir.Write("a/c.md", "c");
  dir.Write(".hidden", "h");
  dir.Write(".git/config", "g");
  dir.Write("a/.cache/x", "x");
  WalkResult walk = WalkRoots({dir.path()}, {});
  EXPECT_THAT(Relative(walk, dir), ::testing::ElementsAre("a/c.md", "b.txt"));
  ASSERT_EQ(walk.roots.size(), 1u);
  EXPECT_OK(walk.roots[0].status);
  EXPECT_EQ(walk.roots[0].entries, 2u);
  EXPECT_EQ(walk.entries[1].size, 1u);
  EXPECT_GT(walk.entries[1].mtime_ns, 0);
}

TEST(WalkerTest, HiddenOptionIncludesDotFilesButNotGit) {
  TempDir dir;
  dir.Write(".hidden", "h");
  dir.Write(".git/config", "g");
  WalkOptions options;
  options.include_hidden = true;
  EXPECT_THAT(Relative(WalkRoots({dir.path()}, options), dir), ::testing::ElementsAre(".hidden"));
}

TEST(WalkerTest, ExcludeGlobsMatchNamesAndRelativePaths) {
  TempDir dir;
  dir.Write("keep.txt", "k");
  dir.Write("debug.log", "l");
  dir.Write("drafts/x.txt", "x");
  dir.Write("build/out.txt", "o");
  WalkOptions options;
  options.exclude_globs = {"*.log", "drafts/*", "build"};
  EXPECT_THAT(Relative(WalkRoots({dir.path()}, options), dir), ::testing::ElementsAre("keep.txt"));
}

TEST(WalkerTest, SymlinksAreNotFollowedByDefaultAndLoopsEnd) {
  TempDir dir;
  dir.Write("real/a.txt", "a");
  ASSERT_EQ(::symlink(dir.Path("real").c_str(), dir.Path("link").c_str()), 0);
  ASSERT_EQ(::symlink(dir.path().c_str(), dir.Path("real/loop").c_str()), 0);
  EXPECT_THAT(Relative(WalkRoots({dir.path()}, {}), dir), ::testing::ElementsAre("real/a.txt"));
  WalkOptions follow;
  follow.symlinks = SymlinkPolicy::kAlways;
  // Each folder is walked once, whichever way it is reached.
  EXPECT_EQ(WalkRoots({dir.path()}, follow).entries.size(), 1u);
}

// Issue 16: --follow-symlinks followed a link to /etc and indexed /etc/shadow.
TEST(WalkerTest, LinksAreFollowedWithinTheRootsOnlyWhenAsked) {
  TempDir outside, dir;
  outside.Write("secret.txt", "s");
  dir.Write("notes/a.txt", "a");
  ASSERT_EQ(::symlink(outside.path().c_str(), dir.Path("notes/etc").c_str()), 0);
  ASSERT_EQ(::symlink(outside.Path("secret.txt").c_str(), dir.Path("notes/secret.txt").c_str()), 0);
  ASSERT_EQ(::symlink(dir.Path("notes/a.txt").c_str(), dir.Path("notes/again.txt").c_str()), 0);
  WalkOptions inside;
  inside.symlinks = SymlinkPolicy::kWithinRoots;
  EXPECT_THAT(Relative(WalkRoots({dir.Path("notes")}, inside), dir),
              ::testing::ElementsAre("notes/a.txt", "notes/again.txt"));
  WalkOptions all;
  all.symlinks = SymlinkPolicy::kAlways;
  EXPECT_THAT(Relative(WalkRoots({dir.Path("notes")}, all), dir).size(), 4u);
}

// Issue 16: an index inside a folder it indexes was walked into.
TEST(WalkerTest, TheIndexAndItsScratchAreNeverWalked) {
  TempDir dir;
  dir.Write("a.txt", "a");
  dir.Write("idx/postlist.glass", "x");
  dir.Write("idx.compact-12/postlist.glass", "x");
  dir.Write("idx.rebuild/postlist.glass", "x");
  dir.Write("idxother/b.txt", "b");
  WalkOptions options;
  options.index_path = dir.Path("idx");
  EXPECT_THAT(Relative(WalkRoots({dir.path()}, options), dir),
              ::testing::ElementsAre("a.txt", "idxother/b.txt"));
}

TEST(WalkerTest, MissingRootIsReportedNotEmpty) {
  TempDir dir;
  WalkResult walk = WalkRoots({dir.Path("absent")}, {});
  ASSERT_EQ(walk.roots.size(), 1u);
  EXPECT_THAT(walk.roots[0].status, StatusIs(StatusCode::kNotFound));
}

TEST(WalkerTest, UnreadableFolderIsAProblemNotAFailure) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every folder";
  TempDir dir;
  dir.Write("ok.txt", "o");
  dir.Write("locked/secret.txt", "s");
  ::chmod(dir.Path("locked").c_str(), 0);
  WalkResult walk = WalkRoots({dir.path()}, {});
  EXPECT_EQ(walk.entries.size(), 1u);
  ASSERT_EQ(walk.problems.size(), 1u);
  EXPECT_THAT(walk.problems[0].status, StatusIs(StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace quarry::indexer
