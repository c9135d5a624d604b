// End-to-end tests of a full disk (issue 16, item 3): a first build with
// the default --jobs committed nothing when the disk filled up, and the next
// run failed the same way. Now what was written is kept (batches committed,
// parts kept beside the index), the run says the disk is full and where,
// --status records the failure, and the next run continues once there is
// space. The index lives on a small tmpfs, mounted by the test (root only).
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <cstdio>
#include <random>

#include "tests/e2e/reindex_util.h"

namespace quarry::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

class DiskFullTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root";
    disk_ = dir().Path("disk");
    std::filesystem::create_directories(disk_);
    ProcessResult mounted = RunProcess({"/usr/bin/mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk_});
    if (mounted.exit_code != 0) GTEST_SKIP() << "cannot mount a tmpfs here: " << Describe(mounted);
    mounted_ = true;
    // About 6 MB of index: words drawn from a large vocabulary, so that
    // postings and positions grow with every file.
    std::mt19937 random(16);
    for (int i = 0; i < 300; ++i) {
      std::string text = "Report " + std::to_string(i) + " " + kCommonWord + "\n";
      for (int w = 0; w < 1200; ++w) {
        char word[16];
        std::snprintf(word, sizeof word, "w%u ", static_cast<unsigned>(random() % 40000));
        text += word;
      }
      char name[64];
      std::snprintf(name, sizeof name, "r%d/report%d.txt", i / 50, i);
      text += "\n";
      Write(name, text);
    }
  }

  void TearDown() override {
    if (mounted_) RunProcess({"/usr/bin/umount", "-l", disk_});
  }

  std::string IndexPath() const { return disk_ + "/idx"; }

  void Grow() {
    ProcessResult r = RunProcess({"/usr/bin/mount", "-o", "remount,size=64m", disk_});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
  }

  // Fills the disk with `jobs`, checks the failure, frees space, and
  // checks the next run completes the index.
  void FillFreeAndContinue(const std::string& jobs) {
    ProcessResult full = RunIndex({"--db", IndexPath(), "--jobs", jobs, "--batch-size", "10", Root()});
    ASSERT_EQ(full.exit_code, 2) << Describe(full);
    EXPECT_THAT(full.err, HasSubstr("no space left on the disk holding " + IndexPath()));
    EXPECT_THAT(full.err, HasSubstr("free some space there and run quarry-index again"));
    ProcessResult status = RunIndex({"--db", IndexPath(), "--status"});
    EXPECT_THAT(status.out, HasSubstr("failed: no space left on the disk"));
    // The index answers (what was committed is searchable with --jobs 1;
    // parts are kept beside it until merged).
    ProcessResult search = RunSearch({"--db", IndexPath(), "--format", "paths", kCommonWord});
    EXPECT_THAT(search.exit_code, AnyOf(0, 1)) << Describe(search);
    if (jobs == "1") {
      EXPECT_EQ(search.exit_code, 0) << "committed batches are kept";
    }

    Grow();
    ProcessResult rerun = RunIndex({"--db", IndexPath(), Root()});
    ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
    // What the failed run wrote was not indexed again.
    EXPECT_THAT(rerun.out, ::testing::Not(HasSubstr("added 300,")));
    EXPECT_EQ(DiffIndexAndCorpus(IndexPath(), Root()), "");
    EXPECT_THAT(RunIndex({"--db", IndexPath(), "--status"}).out, HasSubstr(", done\n"));
    for (const auto& entry : std::filesystem::directory_iterator(disk_)) {
      EXPECT_EQ(entry.path().filename(), "idx") << "left beside the index";
    }
  }

  std::string disk_;
  bool mounted_ = false;
};

TEST_F(DiskFullTest, AFirstBuildInPartsKeepsWhatItWroteAndContinues) { FillFreeAndContinue("2"); }

TEST_F(DiskFullTest, AFirstBuildInBatchesKeepsItsBatchesAndContinues) { FillFreeAndContinue("1"); }

}  // namespace
}  // namespace quarry::testing
