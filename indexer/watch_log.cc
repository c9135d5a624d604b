#include "indexer/watch_log.h"

#include <cstdio>

#include "common/text/terminal_escape.h"

namespace quarry::indexer {

namespace {

std::string Seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", seconds);
  return text;
}

// What the batch was about: "first run", "3 paths changed (/a/b.md, ...)",
// "walked every folder (the inotify event queue overflowed ...)".
std::string Subject(const BatchSummary& batch) {
  switch (batch.kind) {
    case BatchSummary::Kind::kFirstRun:
      return "first run";
    case BatchSummary::Kind::kChanges:
      return batch.paths == 1 ? "changed: " + EscapeForTerminal(batch.first_path)
                              : std::to_string(batch.paths) + " paths changed (" +
                                    EscapeForTerminal(batch.first_path) +
                                    ", ...)";
    case BatchSummary::Kind::kWalk:
    case BatchSummary::Kind::kPeriodicWalk:
      return "walked every folder (" + batch.reason + ")";
  }
  return {};
}

}  // namespace

std::string WatchLog::BatchLine(const BatchSummary& batch) {
  std::string line = Subject(batch) + ": ";
  if (!batch.status.ok()) {
    line += "not applied: " + batch.status.message();
    if (batch.retry_seconds > 0) line += "; trying again in " + Seconds(batch.retry_seconds);
    return line;
  }
  line += batch.nothing_to_do ? "nothing to change in " + Seconds(batch.seconds)
                              : SummaryLine(batch.counts, batch.seconds);
  if (batch.kind == BatchSummary::Kind::kChanges) {
    line += ", " + Seconds(batch.waited) + " after the first change";
  }
  if (batch.kind == BatchSummary::Kind::kFirstRun) {
    line += "; watching " + std::to_string(batch.watched_folders) + " folders";
  }
  if (batch.interrupted) line += "; interrupted: what was done is committed, the next start does the rest";
  return line;
}

void WatchLog::OnBatch(const BatchSummary& batch) {
  if (!batch.status.ok()) {
    diagnostics_.Error(BatchLine(batch));
    return;
  }
  // Batches that changed nothing (an editor's temporary file, a periodic
  // walk) are shown only under --verbose; an overflow's walk always.
  const bool quiet_batch = batch.nothing_to_do && (batch.kind == BatchSummary::Kind::kChanges ||
                                                   batch.kind == BatchSummary::Kind::kPeriodicWalk);
  if (verbosity_ == Verbosity::kQuiet || (quiet_batch && verbosity_ != Verbosity::kVerbose)) return;
  diagnostics_.Note(BatchLine(batch));
}

}  // namespace quarry::indexer
