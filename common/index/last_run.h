// File: common/index/last_run.h
// The record of the last indexing run that changed the database, kept in
// its metadata under schema::kLastRunKey and shown by `quarry-index --status`.
//
// On-disk format: "name=value" lines (names below); unknown names are
// ignored so fields can be added without a schema bump. Changing the meaning
// of an existing name means old records read wrongly: add a new name instead.
#ifndef QUARRY_COMMON_INDEX_LAST_RUN_H_
#define QUARRY_COMMON_INDEX_LAST_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quarry {

struct LastRun {
  int64_t finished_unix_seconds = 0;  // "finished"
  double seconds = 0;                 // "seconds": wall time of the run
  std::string result;                 // "result": done, done with failures, interrupted
  std::string counts;                 // "counts": the summary line's counts
  std::string settings;               // "settings": the run's options, human-readable
};

std::string EncodeLastRun(const LastRun& run);
// nullopt when `text` is empty or has no "finished" line.
std::optional<LastRun> DecodeLastRun(std::string_view text);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_LAST_RUN_H_
