#include "indexer/progress_line.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace quarry::indexer {
namespace {

TEST(ProgressLineTest, FormatShowsSeenIndexedRateAndEtaOnceTheTotalIsKnown) {
  struct Case {
    size_t seen, done, total;
    double elapsed;
    const char* expected;
  } cases[] = {
      {5000, 0, 0, 0.5, "seen 5000 files"},  // still walking: no total yet
      {9000, 0, 300, 0.0, "seen 9000 files, indexed 0/300"},
      {9000, 100, 300, 2.0, "seen 9000 files, indexed 100/300, 50 files/s, ETA 4 s"},
      {9000, 10, 10000, 1.0, "seen 9000 files, indexed 10/10000, 10 files/s, ETA 16:39"},
      {9000, 1, 10000, 1.0, "seen 9000 files, indexed 1/10000, 1 files/s, ETA 2:46:39"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ProgressLine::Format(c.seen, c.done, c.total, c.elapsed), c.expected);
  }
}

TEST(ProgressLineTest, DisabledLineWritesNothing) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  ProgressLine line(false, out);
  line.Planned(10, 5);
  line.Applied(3);
  line.Clear();
  EXPECT_EQ(std::ftell(out), 0);
  std::fclose(out);
}

TEST(ProgressLineTest, EnabledLineDrawsAndClears) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  ProgressLine line(true, out);
  line.Planned(10, 5);
  line.Clear();
  std::rewind(out);
  char buffer[256] = {};
  size_t n = std::fread(buffer, 1, sizeof buffer - 1, out);
  EXPECT_EQ(std::string(buffer, n),
            "\r\x1b[Kquarry-index: seen 10 files, indexed 0/5\r\x1b[K");
  std::fclose(out);
}

}  // namespace
}  // namespace quarry::indexer
