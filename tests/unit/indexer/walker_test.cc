#include "indexer/corpus/walker.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indexer/corpus/change_detector.h"
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


// WalkPaths (quarry-index --watch): at or under each path, exactly what the
// whole walk lists, under every option that leaves entries out.
TEST(WalkPathsTest, ListsWhatTheWholeWalkListsUnderEachPath) {
  TempDir dir;
  const std::string root = dir.Path("root");
  for (const char* file : {"a.txt", "b.md", "debug.log", "sub/c.txt", "sub/d.log", "sub/deep/e.md",
                           "drafts/f.txt", ".hidden/g.txt", "sub/.h.txt", ".git/config",
                           "idx/postlist.glass", "idx.compact-9/x.glass"}) {
    dir.Write("root/" + std::string(file), file);
  }
  dir.Write("outside/o.txt", "o");
  // (A folder reached both directly and through a link is listed under
  // whichever way the walk meets first, which depends on readdir's order.)
  ASSERT_EQ(::symlink(dir.Path("root/a.txt").c_str(), dir.Path("root/sub/alias.txt").c_str()), 0);
  ASSERT_EQ(::symlink(dir.Path("outside").c_str(), dir.Path("root/out").c_str()), 0);

  struct Variant {
    const char* name;
    WalkOptions options;
  };
  std::vector<Variant> variants(6);
  variants[0].name = "defaults";
  variants[1].name = "hidden";
  variants[1].options.include_hidden = true;
  variants[2].name = "exclude";
  variants[2].options.exclude_globs = {"*.log", "drafts/*", "deep"};
  variants[3].name = "include-ext";
  variants[3].options.include_extensions = {"md"};
  variants[4].name = "links inside";
  variants[4].options.symlinks = SymlinkPolicy::kWithinRoots;
  variants[5].name = "links all";
  variants[5].options.symlinks = SymlinkPolicy::kAlways;
  for (Variant& variant : variants) variant.options.index_path = dir.Path("root/idx");

  const std::vector<std::string> paths = {
      "", "a.txt", "debug.log", "sub", "sub/deep", "sub/deep/e.md", "drafts", "drafts/f.txt",
      ".hidden", ".hidden/g.txt", "sub/.h.txt", ".git/config", "idx", "idx/postlist.glass",
      "idx.compact-9", "sub/alias.txt", "out", "out/o.txt", "gone", "gone/x.txt"};
  for (const Variant& variant : variants) {
    const WalkResult whole = WalkRoots({root}, variant.options);
    for (const std::string& relative : paths) {
      const std::string path = relative.empty() ? root : root + "/" + relative;
      SCOPED_TRACE(std::string(variant.name) + ": " + path);
      std::vector<std::string> expected;
      for (const CorpusEntry& entry : whole.entries) {
        if (PathIsUnder(entry.path, path)) expected.push_back(entry.path);
      }
      std::vector<std::string> listed;
      const WalkResult some = WalkPaths({root}, {path}, variant.options);
      for (const CorpusEntry& entry : some.entries) listed.push_back(entry.path);
      EXPECT_EQ(listed, expected);
      ASSERT_EQ(some.roots.size(), 1u);
      EXPECT_OK(some.roots[0].status);
      EXPECT_EQ(some.roots[0].entries, listed.size());
    }
  }
}

TEST(WalkPathsTest, PathsUnderAnotherAreListedOnceAndRootsAreProbed) {
  TempDir dir;
  dir.Write("root/sub/a.txt", "a");
  dir.Write("root/b.txt", "b");
  WalkResult walk = WalkPaths({dir.Path("root"), dir.Path("absent")},
                              {dir.Path("root/sub/a.txt"), dir.Path("root/sub")}, {});
  EXPECT_THAT(Relative(walk, dir), ::testing::ElementsAre("root/sub/a.txt"));
  ASSERT_EQ(walk.roots.size(), 2u);
  EXPECT_OK(walk.roots[0].status);
  EXPECT_THAT(walk.roots[1].status, StatusIs(StatusCode::kNotFound));
}

TEST(WalkPathsTest, AFileRootIsListedWhateverItsExtension) {
  TempDir dir;
  dir.Write("notes.org", "n");
  WalkOptions options;
  options.include_extensions = {"md"};
  EXPECT_THAT(Relative(WalkPaths({dir.Path("notes.org")}, {dir.Path("notes.org")}, options), dir),
              ::testing::ElementsAre("notes.org"));
}

// The watcher watches the folders a walk walks: each once, the root first,
// none the walk leaves out.
TEST(WalkerTest, TellsEachFolderItWalksBeforeReadingIt) {
  TempDir dir;
  dir.Write("a/b/c.txt", "c");
  dir.Write("a/.cache/x", "x");
  dir.Write("skip/y.txt", "y");
  dir.Write("idx/postlist.glass", "p");
  WalkOptions options;
  options.exclude_globs = {"skip"};
  options.index_path = dir.Path("idx");
  std::vector<std::string> folders;
  options.on_folder = [&](const std::string& folder) {
    folders.push_back(folder.substr(dir.path().size()));
  };
  WalkRoots({dir.path()}, options);
  EXPECT_THAT(folders, ::testing::ElementsAre("", "/a", "/a/b"));
}

TEST(WalkerTest, WalkLeavesOutByNameAndPlace) {
  WalkOptions options;
  options.exclude_globs = {"*.log", "drafts/*"};
  options.index_path = "/r/idx";
  struct Case {
    const char* path;
    bool left_out;
  } cases[] = {
      {"/r/a.txt", false},      {"/r/a.log", true},         {"/r/x/a.log", true},
      {"/r/drafts/a.txt", true}, {"/r/x/drafts/a.txt", false}, {"/r/.a.txt.swp", true},
      {"/r/x/.git", true},       {"/r/idx", true},            {"/r/idx.new-12", true},
      {"/r/idxother", false},    {"/r/4913", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WalkLeavesOut(options, "/r", c.path), c.left_out) << c.path;
  }
  options.include_hidden = true;
  EXPECT_FALSE(WalkLeavesOut(options, "/r", "/r/.a.txt.swp"));
  EXPECT_TRUE(WalkLeavesOut(options, "/r", "/r/.git"));
}

}  // namespace
}  // namespace quarry::indexer
