#include "indexer/corpus/change_detector.h"

#include <gtest/gtest.h>

namespace quarry::indexer {
namespace {

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
  WalkResult walk;
  RootState root;
  root.path = "/mnt/disk";
  root.status = NotFoundError("/mnt/disk: No such file or directory");
  walk.roots.push_back(root);
  ChangePlan plan = PlanChanges(walk, snapshot);
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

}  // namespace
}  // namespace quarry::indexer
