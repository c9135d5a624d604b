// The names and marks of what Quarry puts beside an index (issue 16 review:
// folders merely named like scratch, such as idx.compact-backup or
// idx.new-york, were removed as leftovers).
#include "common/index/scratch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

TEST(ScratchTest, NamesFollowTheGrammarOnly) {
  struct Case {
    const char* name;
    bool scratch;
  };
  const Case cases[] = {
      {"idx.new-123", true},
      {"idx.compact-123", true},
      {"idx.compact-123.part4", true},
      {"idx.compact-123.probe-a", true},
      {"idx.compact-123.probe-b", true},
      {"idx.rebuild", true},
      {"idx.pending.part2", true},
      {"idx.rebuild.compact-9.part1", true},
      {"idx.rebuild.new-9", true},
      {"idx.rebuild.pending.part1", true},
      {"idx.compact-backup", false},
      {"idx.new-york", false},
      {"idx.compact-", false},
      {"idx.compact-12x", false},
      {"idx.compact-123.part", false},
      {"idx.compact-123.old", false},
      {"idx.rebuild-old", false},
      {"idx.rebuilds", false},
      {"idx.pending.part", false},
      {"idx.old-20261207-213005", false},
      {"idx", false},
      {"other.compact-123", false},
      {"idx.compact-12345678901", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsScratchName("/data/idx", std::string("/data/") + c.name), c.scratch) << c.name;
  }
  // Only beside the index, in the same folder.
  EXPECT_FALSE(IsScratchName("/data/idx", "/elsewhere/idx.compact-123"));
}

TEST(ScratchTest, OnlyMarkedScratchOfNoLiveProcessIsRemoved) {
  testing::TempDir dir;
  const std::string index = dir.Path("idx");
  // Made by Quarry: marked, holding index files.
  const std::string ours = ScratchPath(index, ScratchKind::kCompact);
  ASSERT_OK(CreateScratchFolder(ours));
  dir.Write("idx.compact-" + std::to_string(::getpid()) + "/postlist.glass", "x");
  // Named like scratch, holding index files, but not marked (a user's copy).
  dir.Write("idx.compact-99999998/postlist.glass", "x");
  // Marked, but in the name of a process that is alive (pid 1).
  ASSERT_OK(CreateScratchFolder(dir.Path("idx.compact-1")));
  // Marked, a dead process's, but holding a file Quarry does not write.
  ASSERT_OK(CreateScratchFolder(dir.Path("idx.new-99999999")));
  dir.Write("idx.new-99999999/thesis.txt", "mine");

  EXPECT_OK(RemoveScratch(index, ours));
  EXPECT_FALSE(fs::exists(ours));
  EXPECT_THAT(RemoveScratch(index, dir.Path("idx.compact-99999998")),
              testing::StatusIs(StatusCode::kFailedPrecondition, ::testing::HasSubstr("no mark")));
  EXPECT_THAT(RemoveScratch(index, dir.Path("idx.compact-1")),
              testing::StatusIs(StatusCode::kFailedPrecondition,
                                ::testing::HasSubstr("process 1 may still be working")));
  EXPECT_THAT(RemoveScratch(index, dir.Path("idx.new-99999999")),
              testing::StatusIs(StatusCode::kFailedPrecondition, ::testing::HasSubstr("thesis.txt")));
  EXPECT_TRUE(fs::exists(dir.Path("idx.compact-99999998/postlist.glass")));
  EXPECT_TRUE(fs::exists(dir.Path("idx.new-99999999/thesis.txt")));
  // RemoveLeftovers says so for each one it keeps.
  EXPECT_EQ(RemoveLeftovers(index).size(), 3u);
}

TEST(ScratchTest, PendingPartsAreNeverLeftoversAndComeInOrder) {
  testing::TempDir dir;
  const std::string index = dir.Path("idx");
  for (int part : {10, 2}) ASSERT_OK(CreateScratchFolder(ScratchPath(index, ScratchKind::kPending, part)));
  EXPECT_TRUE(RemoveLeftovers(index).empty());
  EXPECT_THAT(FindPendingParts(index),
              ::testing::ElementsAre(dir.Path("idx.pending.part2"), dir.Path("idx.pending.part10")));
}

}  // namespace
}  // namespace quarry
