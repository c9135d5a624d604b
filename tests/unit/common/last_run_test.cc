#include "common/index/last_run.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace quarry
