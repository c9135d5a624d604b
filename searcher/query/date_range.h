// File: searcher/query/date_range.h
// The value of a date: filter -> a TimeRange, in the local time zone (the
// one `ls -l` shows modification times in).
//
//   2025-01-01..2025-06-30   from the start of the first day to the end of the last
//   2025-03  /  2025         that month / that year
//   2025-01-01..  /  ..2025  open-ended
//   7d, 12h, 2w, 3m, 1y      within the last 7 days, 12 hours, 2 weeks, 3 months, 1 year
#ifndef QUARRY_SEARCHER_QUERY_DATE_RANGE_H_
#define QUARRY_SEARCHER_QUERY_DATE_RANGE_H_

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "searcher/query/query_ast.h"

namespace quarry::searcher {

// `now_ns` anchors the relative forms. Years run from 1970 to 2200.
// InvalidArgument for anything else, including impossible dates
// (2025-02-30), a year outside that range (the message gives the range)
// and a range that ends before it starts.
StatusOr<TimeRange> ParseDateRange(std::string_view value, int64_t now_ns);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_DATE_RANGE_H_
