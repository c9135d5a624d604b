#include "common/index/last_run.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

TEST(LastRunTest, RoundTrips) {
  LastRun run;
  run.finished_unix_seconds = 1790000000;
  run.seconds = 12.5;
  run.result = "done, 2 files failed";
  run.counts = "added 3, updated 1";
  run.settings = "batch-size 1000,\nexclude *.log";  // a newline cannot split a field
  std::optional<LastRun> back = DecodeLastRun(EncodeLastRun(run));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->finished_unix_seconds, 1790000000);
  EXPECT_DOUBLE_EQ(back->seconds, 12.5);
  EXPECT_EQ(back->result, "done, 2 files failed");
  EXPECT_EQ(back->counts, "added 3, updated 1");
  EXPECT_EQ(back->settings, "batch-size 1000, exclude *.log");
}

TEST(LastRunTest, MissingOrMalformedRecordsAreNone) {
  EXPECT_FALSE(DecodeLastRun("").has_value());
  EXPECT_FALSE(DecodeLastRun("result=done\n").has_value());
  EXPECT_FALSE(DecodeLastRun("finished=soon\n").has_value());
  // Unknown fields (from a later version) are ignored.
  std::optional<LastRun> run = DecodeLastRun("finished=5\nfuture=x\n");
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->finished_unix_seconds, 5);
}

TEST(RunRecordTest, RoundTripsThroughItsFileAndKeepsEveryRoot) {
  testing::TempDir dir;
  RunRecord record;
  record.state = RunRecord::State::kFailed;
  record.pid = 4242;
  record.started_unix_seconds = 1790000000;
  record.run.finished_unix_seconds = 1790000009;
  record.run.result = "failed: no space left";
  record.analysis = "version=3 language=french";
  record.shards = 2;
  // More roots than one 4 KiB block holds (issue 16 review: a damaged
  // index's --rebuild silently dropped the roots past 4 KiB).
  for (int i = 0; i < 80; ++i) record.roots.push_back("/srv/a/long/folder/name/number/" + std::to_string(i));
  ASSERT_TRUE(WriteRunRecord(dir.path(), record).ok());
  std::optional<RunRecord> back = ReadRunRecord(dir.path());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->state, RunRecord::State::kFailed);
  EXPECT_EQ(back->pid, 4242);
  EXPECT_EQ(back->run.result, "failed: no space left");
  EXPECT_EQ(back->analysis, "version=3 language=french");
  EXPECT_EQ(back->shards, 2u);
  EXPECT_EQ(back->roots, record.roots);
  // Whole blocks, rewritten in place: a shorter record keeps the size.
  struct stat before, after;
  ASSERT_EQ(::stat(dir.Path("quarry-run").c_str(), &before), 0);
  EXPECT_EQ(before.st_size % 4096, 0);
  record.roots.resize(1);
  ASSERT_TRUE(WriteRunRecord(dir.path(), record).ok());
  ASSERT_EQ(::stat(dir.Path("quarry-run").c_str(), &after), 0);
  EXPECT_EQ(after.st_size, before.st_size);
  EXPECT_EQ(ReadRunRecord(dir.path())->roots.size(), 1u);
}

TEST(RunRecordTest, NoneOrMalformedIsNone) {
  testing::TempDir dir;
  EXPECT_FALSE(ReadRunRecord(dir.path()).has_value());
  dir.Write("quarry-run", "pid=3\n");
  EXPECT_FALSE(ReadRunRecord(dir.path()).has_value());
}

}  // namespace
}  // namespace quarry
