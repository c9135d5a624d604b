// File: indexer/existing_index.h
// What an index already holds, read for planning a run without its lock:
// its settings, folders, formats and the snapshot of its files; also what
// a damaged index's run record still says, an unfinished rebuild beside it,
// and the parts a run that ran out of space kept. Used by pipeline.cc.
#ifndef QUARRY_INDEXER_EXISTING_INDEX_H_
#define QUARRY_INDEXER_EXISTING_INDEX_H_

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/text/analysis_config.h"
#include "indexer/corpus/change_detector.h"

namespace quarry::indexer {

// What an index already holds; empty (exists false) for a new one.
struct ExistingIndex {
  bool exists = false;
  std::string uuid;  // its first database's, to tell it was replaced meanwhile
  std::optional<AnalysisConfig> analysis;
  bool outdated_analysis = false;  // written by another analysis version
  std::vector<std::string> roots;
  std::string formats;      // what the build that wrote it could read
  bool store_text = false;  // it keeps a copy of every text
  IndexSnapshot snapshot;
};

// Reads the index at `db_path` (a database or a sharded folder); empty when
// there is none. Errors as OpenDatabaseForReading (DataLoss when damaged).
StatusOr<ExistingIndex> LoadExistingIndex(const std::string& db_path);

// A damaged index that --rebuild replaces: what its run record still says
// (its folders and settings), nothing of its documents.
ExistingIndex RecordedIndex(const std::string& db_path);

// The UUID of the first database of the index at `db_path`; empty when it
// cannot be read.
std::string IndexUuid(const std::string& db_path);

// The unfinished rebuild beside the index at `db_path` (its settings and
// snapshot), when there is one a run can continue; nullopt otherwise.
std::optional<ExistingIndex> LoadUnfinishedRebuild(const std::string& db_path);

// Marks the files of `snapshot` that this build reads otherwise than the
// one that wrote `formats_before` (ExtractorRegistry::Formats()): files
// skipped may be readable now (they are dropped from the snapshot, so
// planned as new), and a file another extractor (or another version of
// one) reads by its extension, or that is typed by its content otherwise,
// is read again.
void MarkRereads(const std::string& formats_before, const std::string& formats_now,
                 IndexSnapshot& snapshot);

// The parts kept beside the index at `target` by a run that ran out of
// space (scratch.h, ScratchKind::kPending): those that can be read, with
// the files they hold (counted as indexed: the run merges them in before
// its changes), and those that cannot (discarded: their files are indexed
// again).
struct PendingParts {
  std::vector<std::string> readable;
  std::vector<std::string> unreadable;
  IndexSnapshot snapshot;
};
PendingParts LoadPendingParts(const std::string& target);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXISTING_INDEX_H_
