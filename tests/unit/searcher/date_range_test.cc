#include "searcher/query/date_range.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>

#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int64_t kNs = 1000000000LL;

int64_t LocalNs(int y, int m, int d) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_isdst = -1;
  return static_cast<int64_t>(std::mktime(&tm)) * kNs;
}

TEST(DateRangeTest, RangeOfDaysCoversBothWholeDays) {
  ASSERT_OK_AND_ASSIGN(TimeRange r, ParseDateRange("2025-01-01..2025-06-30", 0));
  EXPECT_EQ(r.from_ns, LocalNs(2025, 1, 1));
  EXPECT_EQ(r.to_ns, LocalNs(2025, 7, 1) - 1);
}

TEST(DateRangeTest, MonthAndYearArePeriods) {
  ASSERT_OK_AND_ASSIGN(TimeRange month, ParseDateRange("2024-02", 0));
  EXPECT_EQ(month.from_ns, LocalNs(2024, 2, 1));
  EXPECT_EQ(month.to_ns, LocalNs(2024, 3, 1) - 1);
  ASSERT_OK_AND_ASSIGN(TimeRange year, ParseDateRange("2024", 0));
  EXPECT_EQ(year.from_ns, LocalNs(2024, 1, 1));
  EXPECT_EQ(year.to_ns, LocalNs(2025, 1, 1) - 1);
  ASSERT_OK_AND_ASSIGN(TimeRange leap, ParseDateRange("2024-02-29", 0));
  EXPECT_EQ(leap.from_ns, LocalNs(2024, 2, 29));
}

TEST(DateRangeTest, OpenEnds) {
  ASSERT_OK_AND_ASSIGN(TimeRange from, ParseDateRange("2025-03-01..", 0));
  EXPECT_EQ(from.from_ns, LocalNs(2025, 3, 1));
  EXPECT_FALSE(from.to_ns.has_value());
  ASSERT_OK_AND_ASSIGN(TimeRange to, ParseDateRange("..2025-03-01", 0));
  EXPECT_FALSE(to.from_ns.has_value());
  EXPECT_EQ(to.to_ns, LocalNs(2025, 3, 2) - 1);
}

TEST(DateRangeTest, RelativeFormsCountBackFromNow) {
  const int64_t now = 1700000000 * kNs;
  struct {
    const char* value;
    int64_t seconds;
  } cases[] = {{"12h", 12 * 3600}, {"7d", 7 * 86400}, {"2w", 14 * 86400}, {"3m", 90 * 86400}, {"1y", 365 * 86400}};
  for (const auto& c : cases) {
    ASSERT_OK_AND_ASSIGN(TimeRange r, ParseDateRange(c.value, now));
    EXPECT_EQ(r.from_ns, now - c.seconds * kNs) << c.value;
    EXPECT_FALSE(r.to_ns.has_value()) << c.value;
  }
}

// Found by the query fuzzer: far years and long spans overflowed int64 ns.
TEST(DateRangeTest, FarDatesNeverOverflow) {
  EXPECT_THAT(ParseDateRange("8526-01-01..2025-06-30", 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseDateRange("9999", 0), StatusIs(StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(TimeRange far_back, ParseDateRange("999999999y", 1700000000 * kNs));
  EXPECT_EQ(far_back.from_ns, 0);
  ASSERT_OK_AND_ASSIGN(TimeRange latest, ParseDateRange("2200", 0));
  EXPECT_GT(*latest.to_ns, *latest.from_ns);
}

// Issue 16: years outside 1970-2200 were "not a date"; the message now
// gives the range, and only malformed values are "not a date".
TEST(DateRangeTest, AYearOutOfRangeNamesTheRange) {
  for (const char* value : {"1969", "1969-12-31", "2201-01", "0999", "9999..2025", "2025..2300"}) {
    StatusOr<TimeRange> range = ParseDateRange(value, 0);
    ASSERT_THAT(range, StatusIs(StatusCode::kInvalidArgument)) << value;
    EXPECT_THAT(range.status().message(), HasSubstr("is out of range: date: takes the years 1970 to 2200")) << value;
  }
  EXPECT_EQ(ParseDateRange("1969", 0).status().message(), "'1969' is out of range: date: takes the years 1970 to 2200");
  EXPECT_EQ(ParseDateRange("1969-13", 0).status().message(), "'1969-13' is not a date (YYYY-MM-DD)");
  // The range's own ends are dates.
  ASSERT_OK_AND_ASSIGN(TimeRange first, ParseDateRange("1970..2200", 0));
  EXPECT_LT(*first.from_ns, *first.to_ns);
}

TEST(DateRangeTest, RejectsWhatIsNotADate) {
  for (const char* bad : {"", "..", "yesterday", "2025-02-29", "2025-00-10", "2025-1-1", "25-01-01",
                          "2025-01-01..junk", "2025-06..2025-01", "7x", "d"}) {
    EXPECT_THAT(ParseDateRange(bad, 0), StatusIs(StatusCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace quarry::searcher
