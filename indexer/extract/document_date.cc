#include "indexer/extract/document_date.h"

#include <ctime>

namespace quarry::indexer {

namespace {

// A date and time as written, before it becomes seconds.
struct DateParts {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int offset_seconds = 0;  // east of UTC
};

// Reads fixed-width numbers and separators off the front of a string.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return text_.empty(); }
  bool Next(char c) const { return !text_.empty() && text_.front() == c; }

  // Consumes `c` when it comes next.
  bool Take(char c) {
    if (!Next(c)) return false;
    text_.remove_prefix(1);
    return true;
  }

  // Consumes exactly `width` digits into `value`; false (and nothing
  // consumed) when they are not there.
  bool Digits(size_t width, int& value) {
    if (text_.size() < width) return false;
    int v = 0;
    for (size_t i = 0; i < width; ++i) {
      const char c = text_[i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    value = v;
    text_.remove_prefix(width);
    return true;
  }

  void SkipDigits() {
    while (!text_.empty() && text_.front() >= '0' && text_.front() <= '9') text_.remove_prefix(1);
  }

 private:
  std::string_view text_;
};

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Seconds since the epoch of valid `parts`; nullopt when a part is out of
// range or the year is before 1970.
std::optional<int64_t> ToSeconds(const DateParts& parts) {
  if (parts.year < 1970 || parts.month < 1 || parts.month > 12 || parts.day < 1 ||
      parts.day > DaysInMonth(parts.year, parts.month) || parts.hour > 24 || parts.minute > 59 ||
      parts.second > 60 || (parts.hour == 24 && (parts.minute != 0 || parts.second != 0))) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = parts.year - 1900;
  tm.tm_mon = parts.month - 1;
  tm.tm_mday = parts.day;
  tm.tm_hour = parts.hour;
  tm.tm_min = parts.minute;
  tm.tm_sec = parts.second;
  const int64_t seconds = static_cast<int64_t>(timegm(&tm)) - parts.offset_seconds;
  if (seconds < 0) return std::nullopt;
  return seconds;
}

// A zone offset "+hh:mm", "+hhmm", "+hh" (also with PDF's "+hh'mm'") into
// `parts`; "Z" is UTC. False when something else follows.
bool TakeZone(Cursor& in, DateParts& parts) {
  if (in.AtEnd()) return true;
  if (in.Take('Z')) {
    // PDF writers add a zero offset after it ("Z00'00'").
    int zero = 0;
    in.Digits(2, zero);
    in.Take('\'');
    in.Digits(2, zero);
    in.Take('\'');
    return in.AtEnd();
  }
  const bool east = in.Next('+');
  if (!in.Take('+') && !in.Take('-')) return false;
  int hours = 0, minutes = 0;
  if (!in.Digits(2, hours)) return false;
  in.Take(':');
  in.Take('\'');
  if (!in.AtEnd() && !in.Digits(2, minutes)) return false;
  in.Take('\'');
  if (!in.AtEnd() || hours > 14 || minutes > 59) return false;
  parts.offset_seconds = (east ? 1 : -1) * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

std::optional<int64_t> ParseIsoDate(std::string_view text) {
  Cursor in(TrimBlanks(text));
  DateParts parts;
  if (!in.Digits(4, parts.year)) return std::nullopt;
  if (in.Take('-')) {
    if (!in.Digits(2, parts.month)) return std::nullopt;
    if (in.Take('-') && !in.Digits(2, parts.day)) return std::nullopt;
  }
  if (in.Take('T') || in.Take(' ')) {
    if (!in.Digits(2, parts.hour) || !in.Take(':') || !in.Digits(2, parts.minute)) return std::nullopt;
    if (in.Take(':') && !in.Digits(2, parts.second)) return std::nullopt;
    if (in.Take('.') || in.Take(',')) in.SkipDigits();
  }
  if (!TakeZone(in, parts)) return std::nullopt;
  return ToSeconds(parts);
}

std::optional<int64_t> ParsePdfDate(std::string_view text) {
  text = TrimBlanks(text);
  if (text.starts_with("D:")) text.remove_prefix(2);
  Cursor in(text);
  DateParts parts;
  if (!in.Digits(4, parts.year)) return std::nullopt;
  // Each later part is optional, but only in order.
  if (in.Digits(2, parts.month) && in.Digits(2, parts.day) && in.Digits(2, parts.hour) &&
      in.Digits(2, parts.minute)) {
    in.Digits(2, parts.second);
  }
  if (!TakeZone(in, parts)) return std::nullopt;
  return ToSeconds(parts);
}

}  // namespace quarry::indexer
