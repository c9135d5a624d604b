#include "searcher/query/date_range.h"

#include <charconv>
#include <ctime>
#include <string>

namespace quarry::searcher {

namespace {

constexpr int64_t kNsPerSecond = 1000000000LL;
// Modification times are stored as int64 nanoseconds from 1970, which end
// in 2262.
constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2200;

bool ParseInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Seconds since the epoch of local midnight at the start of year-month-day;
// month and day may overflow (mktime normalizes), which gives period ends.
int64_t LocalMidnight(int year, int month, int day) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_isdst = -1;
  return static_cast<int64_t>(std::mktime(&tm));
}

bool ValidDay(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month != 2 || day <= 28 || leap;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> [first ns, last ns] of that period.
StatusOr<TimeRange> ParsePeriod(std::string_view s) {
  int year = 0, month = 1, day = 1;
  size_t parts = 1;
  bool ok = s.size() >= 4 && ParseInt(s.substr(0, 4), &year) && year >= 0;
  if (ok && s.size() > 4) {
    ok = s.size() >= 7 && s[4] == '-' && ParseInt(s.substr(5, 2), &month) && month >= 1 && month <= 12;
    parts = 2;
    if (ok && s.size() > 7) {
      ok = s.size() == 10 && s[7] == '-' && ParseInt(s.substr(8, 2), &day) && ValidDay(year, month, day);
      parts = 3;
    }
  }
  if (!ok) {
    std::string message = "'";
    message.append(s);
    message += "' is not a date (YYYY-MM-DD)";
    return InvalidArgumentError(message);
  }
  if (year < kFirstYear || year > kLastYear) {
    std::string message = "'";
    message.append(s);
    message += "' is out of range: date: takes the years " + std::to_string(kFirstYear) + " to " +
               std::to_string(kLastYear);
    return InvalidArgumentError(message);
  }
  int64_t from = LocalMidnight(year, month, day);
  int64_t to = parts == 1   ? LocalMidnight(year + 1, 1, 1)
               : parts == 2 ? LocalMidnight(year, month + 1, 1)
                            : LocalMidnight(year, month, day + 1);
  return TimeRange{from * kNsPerSecond, to * kNsPerSecond - 1};
}

// "7d" and friends -> from now minus that much, open-ended.
std::optional<TimeRange> ParseRelative(std::string_view s, int64_t now_ns) {
  if (s.size() < 2) return std::nullopt;
  int count = 0;
  if (!ParseInt(s.substr(0, s.size() - 1), &count) || count < 0) return std::nullopt;
  int64_t unit_seconds = 0;
  switch (s.back()) {
    case 'h': unit_seconds = 3600; break;
    case 'd': unit_seconds = 86400; break;
    case 'w': unit_seconds = 7 * 86400; break;
    case 'm': unit_seconds = 30 * 86400; break;
    case 'y': unit_seconds = 365 * 86400; break;
    default: return std::nullopt;
  }
  TimeRange range;
  // At most 9 digits times a year fits in int64 seconds; further back than
  // the epoch is the epoch.
  int64_t seconds = static_cast<int64_t>(count) * unit_seconds;
  range.from_ns = seconds >= now_ns / kNsPerSecond ? 0 : now_ns - seconds * kNsPerSecond;
  return range;
}

}  // namespace

StatusOr<TimeRange> ParseDateRange(std::string_view value, int64_t now_ns) {
  if (auto relative = ParseRelative(value, now_ns)) return *relative;
  size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    if (value.empty()) return InvalidArgumentError("date: needs a value, e.g. date:2025-01-01..2025-06-30");
    return ParsePeriod(value);
  }
  std::string_view from = value.substr(0, dots);
  std::string_view to = value.substr(dots + 2);
  if (from.empty() && to.empty()) return InvalidArgumentError("date: '..' needs a date on at least one side");
  TimeRange range;
  if (!from.empty()) {
    QUARRY_ASSIGN_OR_RETURN(TimeRange first, ParsePeriod(from));
    range.from_ns = first.from_ns;
  }
  if (!to.empty()) {
    QUARRY_ASSIGN_OR_RETURN(TimeRange last, ParsePeriod(to));
    range.to_ns = last.to_ns;
  }
  if (range.from_ns && range.to_ns && *range.from_ns > *range.to_ns) {
    return InvalidArgumentError("date: range '" + std::string(value) + "' ends before it starts");
  }
  return range;
}

}  // namespace quarry::searcher
