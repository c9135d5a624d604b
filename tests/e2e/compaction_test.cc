// End-to-end tests of an index that stays small as the files change (issue
// 21, item 1): updates split the compacted B-tree's full blocks and leave
// freed ones behind, so a run whose changes grow the index past
// --auto-compact compacts it (a copy beside it, one atomic exchange:
// searches go on); --compact does it at once; --status shows the size and
// what is reclaimable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "tests/e2e/reindex_util.h"

namespace quarry::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CompactionTest : public ::testing::Test, protected CorpusFixture {
 protected:
  // About 8 MB of index (past the 4 MB below which growth alone is not
  // worth a compaction): words from a large vocabulary.
  void SetUp() override {
    for (int i = 0; i < 400; ++i) WriteReport(i, 0);
    ProcessResult r = Index({"--quiet"});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
  }

  void WriteReport(int i, int version) {
    std::mt19937 random(static_cast<unsigned>(i * 7919 + version));
    std::string text = "Report " + std::to_string(i) + " " + kCommonWord + "\n";
    for (int w = 0; w < 1500; ++w) {
      char word[16];
      std::snprintf(word, sizeof word, "w%u ", static_cast<unsigned>(random() % 50000));
      text += word;
    }
    char name[64];
    std::snprintf(name, sizeof name, "r%d/report%d.txt", i % 10, i);
    Write(name, text);
  }

  // A round of changes: 4% of the files rewritten, 4% added, 2% deleted.
  void ChangeRound(int round) {
    for (int i = 0; i < 16; ++i) WriteReport(i * 23 + round, round);
    for (int i = 0; i < 16; ++i) WriteReport(1000 * round + i, round);
    for (int i = 0; i < 8; ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "r%d/report%d.txt", (i * 41 + round) % 10, i * 41 + round);
      std::filesystem::remove(Root() + "/" + name);
    }
  }

  uint64_t Bytes() const {
    uint64_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(Db())) {
      if (entry.is_regular_file()) total += entry.file_size();
    }
    return total;
  }
};

TEST_F(CompactionTest, UpdatesThatGrowTheIndexCompactIt) {
  const uint64_t built = Bytes();
  EXPECT_THAT(RunIndex({"--db", Db(), "--status"}).out, HasSubstr("on disk, compact\n"));

  // Without automatic compaction, an update grows the index well past its
  // compact size, and --status says what could be reclaimed.
  ChangeRound(1);
  ProcessResult grown = Index({"--auto-compact", "off"});
  ASSERT_EQ(grown.exit_code, 0) << Describe(grown);
  EXPECT_THAT(grown.err, Not(HasSubstr("compacting")));
  const uint64_t after_update = Bytes();
  EXPECT_GT(after_update, built * 13 / 10);
  EXPECT_THAT(RunIndex({"--db", Db(), "--status"}).out, HasSubstr("reclaimable: quarry-index --compact"));

  // --compact brings it back, with searches going on.
  ProcessResult compacted = RunIndex({"--db", Db(), "--compact"});
  ASSERT_EQ(compacted.exit_code, 0) << Describe(compacted);
  EXPECT_THAT(compacted.out, HasSubstr("quarry-index: compacted " + Db() + " from "));
  EXPECT_LT(Bytes(), built * 11 / 10);
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");

  // By default a run whose changes grow the index that much compacts it.
  ChangeRound(2);
  ProcessResult automatic = Index();
  ASSERT_EQ(automatic.exit_code, 0) << Describe(automatic);
  EXPECT_THAT(automatic.err, HasSubstr("compacting the index ("));
  EXPECT_LT(Bytes(), built * 13 / 10);
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  EXPECT_EQ(SearchPaths(kCommonWord, {"-n", "1000"}).size(), 400u + 32 - 16);
  for (const auto& entry : std::filesystem::directory_iterator(dir().path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("db.")) << entry.path();
  }
}

TEST_F(CompactionTest, CompactTakesTheLockAndRefusesWhatIsNotAnIndex) {
  ProcessResult none = RunIndex({"--db", dir().Path("nothing"), "--compact"});
  EXPECT_EQ(none.exit_code, 2) << Describe(none);
  EXPECT_THAT(none.err, HasSubstr("no index at"));
  ProcessResult bad = RunIndex({"--db", Db(), "--auto-compact", "lots"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--auto-compact takes a percentage"));
}

}  // namespace
}  // namespace quarry::testing
