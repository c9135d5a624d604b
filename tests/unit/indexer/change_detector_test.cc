#include "indexer/corpus/change_detector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

IndexedFile Indexed(const std::string& path, int64_t mtime, uint64_t size) {
  IndexedFile f;
  f.path = path;
  f.mtime_ns = mtime;
  f.size = size;
  f.unique_terms = {"Q" + path};
  return f;
}

WalkResult Walk(std::vector<CorpusEntry> entries, std::vector<std::string> roots) {
  WalkResult walk;
  walk.entries = std::move(entries);
  for (const std::string& r : roots) {
    RootState state;
    state.path = r;
    for (const CorpusEntry& e : walk.entries) state.entries += PathIsUnder(e.path, r);
    walk.roots.push_back(state);
  }
  return walk;
}

// A walk whose one root, `path`, is missing (an unmounted disk).
WalkResult MissingRoot(const std::string& path) {
  WalkResult walk;
  RootState root;
  root.path = path;
  root.status = NotFoundError(path + ": No such file or directory");
  walk.roots.push_back(root);
  return walk;
}

TEST(ChangeDetectorTest, ClassifiesNewChangedUnchangedAndVanished) {
  IndexSnapshot snapshot;
  snapshot["/r/same.txt"] = Indexed("/r/same.txt", 10, 100);
  snapshot["/r/touched.txt"] = Indexed("/r/touched.txt", 10, 100);
  snapshot["/r/grown.txt"] = Indexed("/r/grown.txt", 10, 100);
  snapshot["/r/gone.txt"] = Indexed("/r/gone.txt", 10, 100);
  snapshot["/elsewhere/kept.txt"] = Indexed("/elsewhere/kept.txt", 10, 100);

  WalkResult walk = Walk({{"/r/grown.txt", 200, 10},
                          {"/r/new.txt", 5, 1},
                          {"/r/same.txt", 100, 10},
                          {"/r/touched.txt", 100, 11}},
                         {"/r"});
  ChangePlan plan = PlanChanges(walk, snapshot);
  EXPECT_EQ(plan.unchanged, 1u);
  ASSERT_EQ(plan.changes.size(), 4u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::kUpdate);
  EXPECT_EQ(plan.changes[0].entry.path, "/r/grown.txt");
  EXPECT_EQ(plan.changes[0].reason, "size changed");
  EXPECT_EQ(plan.changes[1].kind, ChangeKind::kAdd);
  EXPECT_EQ(plan.changes[1].entry.path, "/r/new.txt");
  EXPECT_EQ(plan.changes[2].kind, ChangeKind::kUpdate);
  EXPECT_EQ(plan.changes[2].reason, "modified");
  EXPECT_EQ(plan.changes[3].kind, ChangeKind::kRemove);
  EXPECT_EQ(plan.changes[3].indexed->path, "/r/gone.txt");
}

TEST(ChangeDetectorTest, MissingRootKeepsItsDocuments) {
  IndexSnapshot snapshot;
  snapshot["/mnt/disk/a.txt"] = Indexed("/mnt/disk/a.txt", 1, 1);
  ChangePlan plan = PlanChanges(MissingRoot("/mnt/disk"), snapshot);
  EXPECT_TRUE(plan.empty());
  ASSERT_EQ(plan.protected_roots.size(), 1u);
  EXPECT_EQ(plan.protected_roots[0], "/mnt/disk");
}

TEST(ChangeDetectorTest, EmptyRootKeepsItsDocuments) {
  IndexSnapshot snapshot;
  snapshot["/mnt/share/a.txt"] = Indexed("/mnt/share/a.txt", 1, 1);
  ChangePlan plan = PlanChanges(Walk({}, {"/mnt/share"}), snapshot);
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(plan.protected_roots.size(), 1u);
}

TEST(ChangeDetectorTest, PathIsUnderRespectsComponentBoundaries) {
  EXPECT_TRUE(PathIsUnder("/a/b/c", "/a/b"));
  EXPECT_TRUE(PathIsUnder("/a/b", "/a/b"));
  EXPECT_FALSE(PathIsUnder("/a/bc", "/a/b"));
  EXPECT_TRUE(PathIsUnder("/x", "/"));
}

// PlanChangesWithin (quarry-index --watch): only the files at or under the
// touched paths are planned; the rest of the index is left alone.
TEST(ChangeDetectorWithinTest, PlansOnlyWhatLiesUnderThePaths) {
  IndexSnapshot snapshot;
  for (const char* path : {"/r/a.txt", "/r/b.txt", "/r/old/c.txt", "/r/old/d.txt", "/r/far/e.txt"}) {
    snapshot[path] = Indexed(path, 10, 100);
  }
  // a.txt edited, old/ deleted, new/ made with f.txt; b.txt and far/e.txt
  // are not in the walk, as they were not touched.
  WalkResult walk = Walk({{"/r/a.txt", 120, 10}, {"/r/new/f.txt", 5, 10}}, {"/r"});
  ChangePlan plan = PlanChangesWithin(walk, snapshot, {"/r/a.txt", "/r/old", "/r/new", "/r/gone.txt"});
  ASSERT_EQ(plan.changes.size(), 4u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::kUpdate);
  EXPECT_EQ(plan.changes[0].entry.path, "/r/a.txt");
  EXPECT_EQ(plan.changes[1].kind, ChangeKind::kAdd);
  EXPECT_EQ(plan.changes[1].entry.path, "/r/new/f.txt");
  EXPECT_EQ(plan.changes[2].kind, ChangeKind::kRemove);
  EXPECT_EQ(plan.changes[2].indexed->path, "/r/old/c.txt");
  EXPECT_EQ(plan.changes[3].indexed->path, "/r/old/d.txt");
  EXPECT_TRUE(plan.protected_roots.empty());
}

TEST(ChangeDetectorWithinTest, UnchangedFilesAreCountedAndLeftAlone) {
  IndexSnapshot snapshot;
  snapshot["/r/a.txt"] = Indexed("/r/a.txt", 10, 100);
  ChangePlan plan = PlanChangesWithin(Walk({{"/r/a.txt", 100, 10}}, {"/r"}), snapshot, {"/r/a.txt"});
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(plan.unchanged, 1u);
}

// The same protection as a whole walk: an unmounted disk (the root gone, or
// everything under it gone) is not "every file was deleted".
TEST(ChangeDetectorWithinTest, ARootGoneOrEmptiedKeepsItsDocuments) {
  IndexSnapshot snapshot;
  snapshot["/mnt/disk/a/x.txt"] = Indexed("/mnt/disk/a/x.txt", 1, 1);
  snapshot["/mnt/disk/b.txt"] = Indexed("/mnt/disk/b.txt", 1, 1);
  snapshot["/home/n.txt"] = Indexed("/home/n.txt", 1, 1);

  ChangePlan plan = PlanChangesWithin(MissingRoot("/mnt/disk"), snapshot, {"/mnt/disk"});
  EXPECT_TRUE(plan.empty());
  EXPECT_THAT(plan.protected_roots, ::testing::ElementsAre("/mnt/disk"));

  // Both of its files deleted, one by one: the root would hold nothing.
  plan = PlanChangesWithin(Walk({}, {"/mnt/disk", "/home"}), snapshot,
                           {"/mnt/disk/a", "/mnt/disk/b.txt"});
  EXPECT_TRUE(plan.empty());
  EXPECT_THAT(plan.protected_roots, ::testing::ElementsAre("/mnt/disk"));
  EXPECT_THAT(plan.protected_reasons, ::testing::ElementsAre("/mnt/disk: root is empty"));

  // One of them deleted, or both with a new file made: planned as usual.
  plan = PlanChangesWithin(Walk({}, {"/mnt/disk"}), snapshot, {"/mnt/disk/a"});
  EXPECT_EQ(plan.Count(ChangeKind::kRemove), 1u);
  plan = PlanChangesWithin(Walk({{"/mnt/disk/c.txt", 1, 1}}, {"/mnt/disk"}), snapshot,
                           {"/mnt/disk/a", "/mnt/disk/b.txt", "/mnt/disk/c.txt"});
  EXPECT_EQ(plan.Count(ChangeKind::kRemove), 2u);
  EXPECT_EQ(plan.Count(ChangeKind::kAdd), 1u);
  EXPECT_TRUE(plan.protected_roots.empty());
}

// The mass-delete guard (issue 4): indexed files, deletions, allowed share.
TEST(ChangeDetectorTest, MassDeleteGuard) {
  struct Case {
    int indexed, deleted, skipped_deleted;
    double max_share;
    bool refused;
  } cases[] = {
      {100, 20, 0, 0.2, false},   // exactly the share
      {100, 21, 0, 0.2, true},    // one more
      {100, 21, 0, 0.25, false},  // a larger share allowed
      {20, 10, 0, 0.2, false},    // at the floor: never a mass delete
      {20, 11, 0, 0.2, true},
      {100, 5, 50, 0.2, false},   // forgetting skipped files does not count
      {100, 99, 0, 1.0, false},   // 100% allowed
  };
  for (const Case& c : cases) {
    IndexSnapshot snapshot;
    for (int i = 0; i < c.indexed; ++i) {
      std::string path = "/r/f" + std::to_string(i);
      snapshot[path] = Indexed(path, 1, 1);
    }
    for (int i = 0; i < c.skipped_deleted; ++i) {
      std::string path = "/r/s" + std::to_string(i);
      snapshot[path] = Indexed(path, 1, 1);
      snapshot[path].skip_reason = "binary";
      snapshot[path].unique_terms.clear();
    }
    std::vector<CorpusEntry> entries;
    for (int i = c.deleted; i < c.indexed; ++i) entries.push_back({"/r/f" + std::to_string(i), 1, 1});
    std::sort(entries.begin(), entries.end(),
              [](const CorpusEntry& a, const CorpusEntry& b) { return a.path < b.path; });
    ChangePlan plan = PlanChanges(Walk(entries, {"/r"}), snapshot);
    ASSERT_EQ(plan.Count(ChangeKind::kRemove), static_cast<size_t>(c.deleted + c.skipped_deleted));
    Status guard = CheckDeleteShare(plan, snapshot, c.max_share);
    SCOPED_TRACE("indexed " + std::to_string(c.indexed) + ", deleted " + std::to_string(c.deleted));
    if (c.refused) {
      EXPECT_THAT(guard, StatusIs(StatusCode::kFailedPrecondition));
      EXPECT_NE(guard.message().find("refusing to delete " + std::to_string(c.deleted) + " of the " +
                                     std::to_string(c.indexed) + " indexed files"),
                std::string::npos)
          << guard.message();
    } else {
      EXPECT_OK(guard);
    }
  }
}

}  // namespace
}  // namespace quarry::indexer
