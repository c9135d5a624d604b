// File: common/index/last_run.h
// Records of indexing runs, for `quarry-index --status`:
// - LastRun, the record of the last run that changed the database, kept in
//   its metadata under schema::kLastRunKey and committed with its changes;
// - RunRecord, a small file (kRunRecordFileName) inside the index folder,
//   written when a run starts and when it ends, whatever happened: a run
//   that could not commit (disk full), failed or was killed still leaves
//   its trace there, and the folders and settings of an index whose
//   database is too damaged to open can still be read from it.
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
#include <vector>

#include "common/status.h"

namespace quarry {

struct LastRun {
  int64_t finished_unix_seconds = 0;  // "finished"
  double seconds = 0;                 // "seconds": wall time of the run
  std::string result;                 // "result": done, done with failures, interrupted, failed: why
  std::string counts;                 // "counts": the summary line's counts
  std::string settings;               // "settings": the run's options, human-readable
};

std::string EncodeLastRun(const LastRun& run);
// nullopt when `text` is empty or has no "finished" line.
std::optional<LastRun> DecodeLastRun(std::string_view text);

// The run record file inside an index folder (a single database's folder or
// a sharded index's folder).
inline constexpr std::string_view kRunRecordFileName = "quarry-run";

struct RunRecord {
  enum class State { kRunning, kDone, kFailed, kInterrupted };
  State state = State::kRunning;        // "state"
  int64_t pid = 0;                      // "pid": of the run
  int64_t started_unix_seconds = 0;     // "started"
  LastRun run;                          // once it ended: its finish, result, counts
  std::vector<std::string> roots;       // "root", one line each: the folders it follows
  std::string analysis;                 // "analysis": SerializeAnalysisConfig
  size_t shards = 1;                    // "shards"
};

std::string_view RunStateName(RunRecord::State state);

std::string EncodeRunRecord(const RunRecord& record);
// nullopt when `text` has no valid "state" line.
std::optional<RunRecord> DecodeRunRecord(std::string_view text);

// Writes `record` into the folder `index_folder`. The file is padded to
// whole 4 KiB blocks and rewritten in place, so that recording the end of
// a run (as long as its start) needs no new disk space: a run that failed
// because the disk is full can still say so. IoError when it cannot be
// written.
Status WriteRunRecord(const std::string& index_folder, const RunRecord& record);

// The record in `index_folder`; nullopt when there is none or it cannot be
// read.
std::optional<RunRecord> ReadRunRecord(const std::string& index_folder);

// True when the process `pid` is alive (so a "running" record is not the
// trace of a killed run).
bool ProcessIsAlive(int64_t pid);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_LAST_RUN_H_
