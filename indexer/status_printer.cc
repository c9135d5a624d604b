#include "indexer/status_printer.h"

#include <cstdio>
#include <ctime>

#include "common/index/compaction.h"
#include "common/index/database.h"
#include "common/index/index_folder.h"
#include "common/index/last_run.h"
#include "indexer/index_target.h"
#include "common/index/schema.h"
#include "common/index/shards.h"

namespace quarry::indexer {

namespace {

std::string FormatUtc(int64_t unix_seconds) {
  std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return text;
}

// "size:       186.2 MB on disk; a compact copy would be about 84.3 MB (102
// MB reclaimable ...)".
std::string SizeLine(const std::string& db_path, size_t shard_count) {
  uint64_t bytes = 0, compact = 0;
  bool estimated = true;
  for (const std::string& path : LocalDatabasePaths(db_path, shard_count)) {
    bytes += DatabaseBytes(path);
    std::optional<Growth> growth;
    try {
      growth = MeasureGrowth(path, Xapian::Database(path));
    } catch (const Xapian::Error&) {
    }
    if (growth) {
      compact += growth->compact_bytes;
    } else {
      estimated = false;
    }
  }
  char line[320];
  if (!estimated || compact == 0) {
    std::snprintf(line, sizeof line, "size:       %.1f MB on disk\n", bytes / 1e6);
  } else if (static_cast<double>(bytes) <= 1.05 * static_cast<double>(compact)) {
    std::snprintf(line, sizeof line, "size:       %.1f MB on disk, compact\n", bytes / 1e6);
  } else {
    std::snprintf(line, sizeof line,
                  "size:       %.1f MB on disk; a compact copy would be about %.1f MB (%.1f MB "
                  "reclaimable: quarry-index --compact, or a run once past --auto-compact)\n",
                  bytes / 1e6, compact / 1e6, (bytes - compact) / 1e6);
  }
  return line;
}

}  // namespace

Status PrintIndexStatus(const std::string& db_path, std::ostream& out) {
  QUARRY_ASSIGN_OR_RETURN(IndexSummary summary,
                          RetryIfSwapped<IndexSummary>([&] { return SummarizeIndex(db_path); }));
  out << "index:      " << summary.path << "\n";
  // A foreign stub (remote shards) is reported by what it holds, not refused:
  // --status only reads.
  StatusOr<size_t> shards = CountLocalShards(db_path);
  if (shards.ok() && *shards > 1) {
    out << "shards:     " << *shards << " (" << ShardPath(db_path, 0) << " ... "
        << ShardPath(db_path, *shards - 1) << ")\n";
  }
  if (StatusOr<IndexAccess> access = ReadFolderAccess(db_path); access.ok()) {
    out << "access:     " << IndexAccessName(*access)
        << (*access == IndexAccess::kPrivate ? " (only its owner may read it)"
            : *access == IndexAccess::kGroup ? " (its group may read it)"
                                             : " (every user may read it)")
        << "\n";
  }
  if (shards.ok()) out << SizeLine(db_path, *shards);
  out << "documents:  " << summary.documents << "\n"
      << "skipped:    " << summary.skipped_files << " files (binary, too large...; not read "
      << "again until they change)\n";
  if (summary.roots.empty()) out << "folders:    (none)\n";
  for (size_t i = 0; i < summary.roots.size(); ++i) {
    out << (i == 0 ? "folders:    " : "            ") << summary.roots[i] << "\n";
  }
  out << "analysis:   " << DescribeAnalysisConfig(summary.analysis) << "\n"
      << "texts:      "
      << (summary.store_text ? "a copy of every text in the index (--store-text yes)"
                             : "plain text, YAML and reST read from their files for snippets, "
                               "a copy of the others (--store-text no)")
      << "\n"
      << "schema:     version " << summary.schema_version << "\n";
  // A rebuild (settings changed, --rebuild) that a run left unfinished.
  const std::string rebuild = RebuildPath(db_path);
  if (IsUnfinishedRebuild(rebuild)) {
    std::string settings;
    try {
      StatusOr<AnalysisConfig> analysis =
          ReadAnalysisConfig(Xapian::Database(rebuild), VersionCheck::kAnyVersion);
      if (analysis.ok()) settings = " (" + DescribeAnalysisConfig(*analysis) + ")";
    } catch (const Xapian::Error&) {
    }
    out << "rebuild:    unfinished at " << rebuild << settings
        << "; the next run continues it\n";
  }
  // The record beside the index knows of runs that could not commit.
  if (std::optional<RunRecord> record = ReadRunRecord(db_path)) {
    const bool alive = ProcessIsAlive(record->pid);
    if (record->state == RunRecord::State::kRunning && alive) {
      out << "running:    a run started at " << FormatUtc(record->started_unix_seconds)
          << " (pid " << record->pid << ") is in progress\n";
    } else if (record->state == RunRecord::State::kRunning) {
      out << "last run:   started at " << FormatUtc(record->started_unix_seconds) << " (pid "
          << record->pid << "), did not finish (killed or crashed); the next run finishes "
          << "the job\n";
    } else if (record->state == RunRecord::State::kFailed ||
               record->state == RunRecord::State::kInterrupted) {
      out << "last run:   " << FormatUtc(record->run.finished_unix_seconds) << ", "
          << record->run.result << "\n"
          << "            " << record->run.counts << "\n";
    }
    if (record->state != RunRecord::State::kDone) {
      if (summary.last_run) {
        out << "last done:  " << FormatUtc(summary.last_run->finished_unix_seconds) << ", "
            << summary.last_run->result << "\n";
      }
      return Status::Ok();
    }
  }
  if (!summary.last_run) {
    out << "last run:   (not recorded)\n";
    return Status::Ok();
  }
  const LastRun& run = *summary.last_run;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f s", run.seconds);
  out << "last run:   " << FormatUtc(run.finished_unix_seconds) << ", took " << seconds << ", "
      << run.result << "\n"
      << "            " << run.counts << "\n"
      << "settings:   " << run.settings << "\n";
  return Status::Ok();
}

void PrintIndexCheck(const std::string& db_path, const IndexCheck& check, std::ostream& out) {
  for (const std::string& database : check.databases) out << "checked:    " << database << "\n";
  if (check.sound()) {
    out << "sound:      yes, " << check.documents << " documents\n";
    return;
  }
  for (const std::string& problem : check.problems) out << "damaged:    " << problem << "\n";
  out << "The index is damaged. Rebuild it from its folders with:\n"
      << "  quarry-index --db " << db_path << " --rebuild\n"
      << "(the damaged copy is kept aside until you remove it)\n";
}

}  // namespace quarry::indexer
