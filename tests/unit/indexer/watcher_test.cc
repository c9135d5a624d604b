// The inotify watcher of quarry-index --watch (issue 21, item 4): events on
// a real folder become touched paths; what the kernel cannot be made to do
// in a test (an overflow, the watch limit) is fed in or limited.
#include "indexer/watcher.h"

#include <sys/inotify.h>
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class WatcherTest : public ::testing::Test {
 protected:
  // Watches every folder under root/ as a walk with `options` would.
  void Start(WalkOptions options = {}, WatcherLimits limits = {}) {
    std::filesystem::create_directories(Root());
    watcher_ = std::make_unique<Watcher>(limits);
    options.index_path = dir_.Path("root/idx");
    options.on_folder = [this](const std::string& folder) { watcher_->Watch(folder); };
    WalkRoots({Root()}, options);
    watcher_->Follow({Root()}, options);
  }
  std::string Root() const { return dir_.Path("root"); }

  // The paths touched since the last call, relative to root/ (a few polls:
  // events of one change may come in more than one read).
  std::vector<std::string> Touched() {
    WatchBatch batch;
    for (int i = 0; i < 5; ++i) watcher_->Poll(std::chrono::milliseconds(20), batch);
    last_ = batch;
    std::vector<std::string> paths;
    for (const std::string& path : batch.paths) paths.push_back(path.substr(Root().size()));
    return paths;
  }

  TempDir dir_;
  std::unique_ptr<Watcher> watcher_;
  WatchBatch last_;
};

TEST_F(WatcherTest, FilesWrittenMadeAndDeletedAreTouched) {
  dir_.Write("root/a.txt", "a");
  dir_.Write("root/sub/b.txt", "b");
  Start();
  EXPECT_EQ(watcher_->watched_folders(), 2u);
  EXPECT_THAT(watcher_->Blind(), IsEmpty());
  dir_.Write("root/sub/b.txt", "b2");
  dir_.Write("root/c.txt", "c");
  dir_.Remove("root/a.txt");
  EXPECT_THAT(Touched(), ElementsAre("/a.txt", "/c.txt", "/sub/b.txt"));
  EXPECT_GE(last_.events, 3u);
  ::chmod(dir_.Path("root/c.txt").c_str(), 0600);  // attributes (touch, chmod)
  EXPECT_THAT(Touched(), ElementsAre("/c.txt"));
}

TEST_F(WatcherTest, WhatTheWalkLeavesOutIsNotTouched) {
  WalkOptions options;
  options.exclude_globs = {"*.log"};
  Start(options);
  dir_.Write("root/.a.txt.swp", "vim");
  dir_.Write("root/x.log", "log");
  dir_.Write("root/.git/HEAD", "ref");
  dir_.Write("root/idx/postlist.glass", "index");
  dir_.Write("root/kept.txt", "k");
  EXPECT_THAT(Touched(), ElementsAre("/kept.txt"));
}

TEST_F(WatcherTest, AFolderMovedWithinIsTouchedAtBothPathsAndWatchedAgainByTheWalk) {
  dir_.Write("root/old/deep/a.txt", "a");
  Start();
  EXPECT_EQ(watcher_->watched_folders(), 3u);
  std::filesystem::rename(Root() + "/old", Root() + "/new");
  EXPECT_THAT(Touched(), ElementsAre("/new", "/old"));
  // The moved folders' watches are dropped: under their old paths they
  // would report wrong paths. The plan's walk of /new watches them again.
  EXPECT_EQ(watcher_->watched_folders(), 1u);
  WalkOptions options;
  options.on_folder = [this](const std::string& folder) { watcher_->Watch(folder); };
  WalkPaths({Root()}, {Root() + "/new"}, options);
  EXPECT_EQ(watcher_->watched_folders(), 3u);
  dir_.Write("root/new/deep/b.txt", "b");
  EXPECT_THAT(Touched(), ElementsAre("/new/deep/b.txt"));
}

TEST_F(WatcherTest, AFolderMovedOutOrDeletedIsTouchedAndUnwatched) {
  dir_.Write("root/a/x.txt", "x");
  dir_.Write("root/b/y.txt", "y");
  Start();
  std::filesystem::rename(Root() + "/a", dir_.Path("elsewhere"));
  std::filesystem::remove_all(Root() + "/b");
  EXPECT_THAT(Touched(), ElementsAre("/a", "/b", "/b/y.txt"));
  EXPECT_EQ(watcher_->watched_folders(), 1u);
  dir_.Write("elsewhere/z.txt", "z");  // no longer under the root
  EXPECT_THAT(Touched(), IsEmpty());
}

TEST_F(WatcherTest, AnOverflowAsksForAWalkOfEverything) {
  Start();
  WatchBatch batch;
  batch.Touch(Root() + "/a.txt");
  watcher_->Take(-1, IN_Q_OVERFLOW, {}, batch);
  EXPECT_THAT(batch.walk_everything, HasSubstr("the inotify event queue overflowed"));
  EXPECT_THAT(batch.paths, IsEmpty());
  batch.Touch(Root() + "/b.txt");  // the walk finds it
  EXPECT_THAT(batch.paths, IsEmpty());
}

// A queue smaller than the kernel's: the events past it are lost, as the
// kernel loses them, and an overflow takes their place.
TEST_F(WatcherTest, AFullQueueOverflows) {
  Start({}, WatcherLimits{.max_watches = 0, .queued_events = 5});
  for (int i = 0; i < 10; ++i) dir_.Write("root/f" + std::to_string(i) + ".txt", "f");
  EXPECT_THAT(Touched(), IsEmpty());
  EXPECT_THAT(last_.walk_everything, HasSubstr("the inotify event queue overflowed (5, a test's limit)"));
}

TEST_F(WatcherTest, TheWatchLimitReachedIsSaid) {
  for (const char* folder : {"a", "b", "c", "d"}) dir_.Write("root/" + std::string(folder) + "/x", "x");
  Start({}, WatcherLimits{.max_watches = 2, .queued_events = 0});
  EXPECT_EQ(watcher_->watched_folders(), 2u);
  EXPECT_EQ(watcher_->Blind(),
            "the inotify watch limit is reached: 2 folders are watched, 3 are not (2, a test's limit)");
  watcher_->Restart();
  EXPECT_EQ(watcher_->watched_folders(), 0u);
}

TEST_F(WatcherTest, ARootDeletedIsTouchedAndNoLongerWatched) {
  dir_.Write("root/a.txt", "a");
  Start();
  std::filesystem::remove_all(Root());
  EXPECT_THAT(Touched(), ElementsAre("", "/a.txt"));  // "" is the root itself
  EXPECT_EQ(watcher_->Blind(),
            Root() + " is not watched (missing, unreadable, moved, unmounted or mounted anew)");
  dir_.Write("root/a.txt", "back");
  Start();
  EXPECT_THAT(watcher_->Blind(), IsEmpty());
}

// A disk mounted on a root, or the root made anew, is another folder than
// the one watched: said even before any event (a mount makes none).
TEST_F(WatcherTest, AnotherFolderAtARootsPathIsNotWatched) {
  dir_.Write("root/a.txt", "a");
  Start();
  std::filesystem::rename(Root(), dir_.Path("root-before"));
  std::filesystem::create_directories(Root());
  EXPECT_EQ(watcher_->Blind(),
            Root() + " is not watched (missing, unreadable, moved, unmounted or mounted anew)");
}

// A root that is one file is watched through its folder, which sees it
// replaced by an editor's save by rename; its neighbours do not matter.
TEST_F(WatcherTest, AFileRootIsWatchedThroughItsFolder) {
  dir_.Write("notes.md", "n");
  dir_.Write("other.md", "o");
  watcher_ = std::make_unique<Watcher>();
  watcher_->Follow({dir_.Path("notes.md")}, {});
  EXPECT_EQ(watcher_->watched_folders(), 1u);
  EXPECT_THAT(watcher_->Blind(), IsEmpty());
  dir_.Write("notes.md.tmp", "n2");
  std::filesystem::rename(dir_.Path("notes.md.tmp"), dir_.Path("notes.md"));
  dir_.Write("other.md", "o2");
  WatchBatch batch;
  for (int i = 0; i < 5; ++i) watcher_->Poll(std::chrono::milliseconds(20), batch);
  EXPECT_THAT(batch.paths, ElementsAre(dir_.Path("notes.md")));
}

}  // namespace
}  // namespace quarry::indexer
