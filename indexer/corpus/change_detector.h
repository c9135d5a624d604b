// File: indexer/corpus/change_detector.h
// Stage 2 of the index flow: compare the walk with what the index holds and
// plan the work: new, changed, unchanged and vanished files. Uses only sizes
// and modification times (no file is read here) and takes no lock.
#ifndef QUARRY_INDEXER_CORPUS_CHANGE_DETECTOR_H_
#define QUARRY_INDEXER_CORPUS_CHANGE_DETECTOR_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "indexer/corpus/walker.h"

namespace quarry::indexer {

// What the index holds about one file (all of its documents).
struct IndexedFile {
  std::string path;
  int64_t mtime_ns = 0;
  uint64_t size = 0;
  uint64_t signature = 0;
  std::vector<std::string> unique_terms;  // one per document of the file
  // Not empty when the file was seen but not indexed (binary, unsupported):
  // why. Such a file has no documents and is not read again until it changes.
  std::string skip_reason;
  // Not empty: read again and rewritten even when unchanged, and why (not
  // stored in the index: set by a run whose settings change the file's
  // documents, e.g. --store-text, or another extractor for its format).
  std::string reread;
};

// Indexed files by absolute path.
using IndexSnapshot = std::unordered_map<std::string, IndexedFile>;

enum class ChangeKind { kAdd, kUpdate, kRemove };

const char* ChangeKindName(ChangeKind kind);

struct PlannedChange {
  ChangeKind kind;
  CorpusEntry entry;          // the file now (empty path for kRemove)
  const IndexedFile* indexed; // what the index holds (nullptr for kAdd); owned by the snapshot
  std::string reason;         // "new file", "modified", "size changed", "vanished"
};

struct ChangePlan {
  std::vector<PlannedChange> changes;  // adds and updates in path order, then removals
  size_t unchanged = 0;
  // Roots whose documents are kept because the root could not be walked or
  // came back empty (an unmounted disk is not "everything was deleted").
  std::vector<std::string> protected_roots;
  std::vector<std::string> protected_reasons;

  size_t Count(ChangeKind kind) const;
  bool empty() const { return changes.empty(); }
};

// Plans the changes that make the index follow `walk`. Files the index holds
// that lie outside every walked root are left alone.
ChangePlan PlanChanges(const WalkResult& walk, const IndexSnapshot& snapshot);

// PlanChanges for a walk of only some paths under the roots (WalkPaths):
// the files the index holds at or under `paths` are compared with what the
// walk found there, and nothing else is looked at (the rest of the index is
// taken to be in step). A root is protected by the same rules: one that
// cannot be walked keeps its documents, and so does one the plan would
// leave without any file while the index holds some under it (everything
// under it gone looks like an unmounted disk, as an empty root does).
ChangePlan PlanChangesWithin(const WalkResult& walk, const IndexSnapshot& snapshot,
                             const std::vector<std::string>& paths);

// Deleting this many indexed files or fewer is never a "mass delete",
// whatever share of the index they are: a small index may lose half of its
// files in a normal day.
inline constexpr size_t kMassDeleteFloor = 10;

// The mass-delete guard. FailedPrecondition, naming the numbers, when `plan`
// deletes more than kMassDeleteFloor indexed files and more than
// `max_share` (0..1) of the files `snapshot` holds documents for: a folder
// that vanished or an --exclude typo is likelier than a real clear-out.
// Forgetting files remembered as skipped does not count.
Status CheckDeleteShare(const ChangePlan& plan, const IndexSnapshot& snapshot, double max_share);

// True when `path` is `root` or lies under it.
bool PathIsUnder(const std::string& path, const std::string& root);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_CORPUS_CHANGE_DETECTOR_H_
