#include "indexer/extract/document_date.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace quarry::indexer {
namespace {

struct DateCase {
  std::string text;
  std::optional<int64_t> seconds;
};

// 2024-05-17T09:30:15Z
constexpr int64_t kMay17 = 1715938215;
constexpr int64_t kMay17Midnight = 1715904000;

TEST(ParseIsoDateTest, Table) {
  const DateCase cases[] = {
      {"2024-05-17T09:30:15Z", kMay17},            // docProps/core.xml (W3C-DTF)
      {"2024-05-17T09:30:15.123456789", kMay17},   // ODF meta.xml: no zone, fractions
      {"2024-05-17T11:30:15+02:00", kMay17},
      {"2024-05-17T04:30:15-0500", kMay17},
      {"2024-05-17T09:30:15,5Z", kMay17},
      {"  2024-05-17T09:30:15Z\n", kMay17},
      {"2024-05-17 09:30:15", kMay17},
      {"2024-05-17T09:30Z", kMay17 - 15},
      {"2024-05-17", kMay17Midnight},
      {"2024-05", 1714521600},
      {"2024", 1704067200},
      {"2024-02-29", 1709164800},                  // a leap day
      {"1970-01-01T00:00:00Z", 0},
      // Not dates, or placeholders for none.
      {"", std::nullopt},
      {"2023-02-29", std::nullopt},
      {"2024-13-01", std::nullopt},
      {"2024-05-17T25:00:00Z", std::nullopt},
      {"1601-01-01T00:00:00Z", std::nullopt},
      {"0000-00-00", std::nullopt},
      {"24-05-17", std::nullopt},
      {"2024-05-17T09:30:15 and more", std::nullopt},
      {"2024-05-17T09:30:15+99:00", std::nullopt},
      {"May 17, 2024", std::nullopt},
  };
  for (const DateCase& c : cases) EXPECT_EQ(ParseIsoDate(c.text), c.seconds) << "'" << c.text << "'";
}

TEST(ParsePdfDateTest, Table) {
  const DateCase cases[] = {
      {"D:20240517093015Z", kMay17},
      {"D:20240517093015Z00'00'", kMay17},
      {"D:20240517113015+02'00'", kMay17},
      {"D:20240517113015+02'00", kMay17},
      {"D:20240517043015-05'00'", kMay17},
      {"20240517093015", kMay17},
      {"D:20240517", kMay17Midnight},
      {"D:2024", 1704067200},
      {"", std::nullopt},
      {"D:", std::nullopt},
      {"D:20241317", std::nullopt},
      {"Friday", std::nullopt},
  };
  for (const DateCase& c : cases) EXPECT_EQ(ParsePdfDate(c.text), c.seconds) << "'" << c.text << "'";
}

}  // namespace
}  // namespace quarry::indexer
