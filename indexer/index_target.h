// File: indexer/index_target.h
// Where an index run writes, and how its writing ends: the index itself (an
// update, a first build) or a new index beside it (a rebuild); the parts a
// build on several threads writes; the compaction that ends a build, and
// the atomic exchange that puts a rebuild in place. Used by pipeline.cc.
#ifndef QUARRY_INDEXER_INDEX_TARGET_H_
#define QUARRY_INDEXER_INDEX_TARGET_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/index/compaction.h"
#include "common/status.h"
#include "common/text/analyzer.h"
#include "indexer/index_writer.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

// The file inside a rebuild's folder that says it is not finished yet: only
// a folder holding it is resumed by a later run. Removed just before the
// rebuild is put in place.
inline constexpr std::string_view kRebuildMarkerFileName = "quarry-rebuild";

// The folder where the index at `db_path` is rebuilt (ScratchKind::kRebuild).
std::string RebuildPath(const std::string& db_path);

// True when `rebuild_path` holds an unfinished rebuild (its marker and a
// database) that a run may continue.
bool IsUnfinishedRebuild(const std::string& rebuild_path);

// Marks the new index at `rebuild_path` as an unfinished rebuild (and as
// Quarry's scratch, which a later run may remove when it does not continue it).
Status MarkUnfinishedRebuild(const std::string& rebuild_path);

// A run that fills an empty single database with several jobs writes one
// part per job beside it (ApplyPlan), merged in at the end. Parts left
// unmerged (a run that fails) are removed with this object.
class Parts {
 public:
  Parts() = default;
  Parts(Parts&&) = default;
  Parts& operator=(Parts&&) = default;
  ~Parts();

  // `count` new part databases beside `index_path`, each with a clone of
  // `analyzer`. IoError when one cannot be made.
  static StatusOr<Parts> Create(const std::string& index_path, size_t count,
                                const Analyzer& analyzer);

  bool empty() const { return paths_.empty(); }
  const std::vector<std::string>& paths() const { return paths_; }
  std::vector<IndexWriter*> writers() const;

  // Commits and closes every part, so that it can be merged. Each flushes
  // its last batch on a thread of its own, as the parts were written.
  Status Finish();

  // For a run that cannot merge its parts (the disk is full): commits what
  // each part can, and keeps those holding documents beside the index under
  // pending names (ScratchKind::kPending, after those already there), for
  // the next run to merge; removes the others. Returns how many documents
  // were kept. The object holds no part after.
  uint64_t KeepAsPending();

 private:
  std::string index_path_;
  std::vector<std::string> paths_;
  std::vector<std::unique_ptr<IndexWriter>> writers_;
};

// Rewrites a freshly filled single database at `path` compactly, merging
// `parts` in (CompactInPlace) and setting `metadata` (the run's final
// record) in the copy, and removes the old copy; when compaction fails for
// want of space or of an exchange, copies the parts in one document at a
// time instead and sets `metadata` through `writer`, committed (the index
// is complete, only larger; a warning says so). Closes `writer` either
// way. An error when the parts could be neither merged nor copied (the
// index holds none of their documents; the parts are left as they are),
// or when a source is damaged.
Status CompactFilled(const std::string& path, const std::vector<std::string>& parts,
                     const std::map<std::string, std::string>& metadata, IndexWriter& writer,
                     RunReport& report);

// CompactFilled for the shards of a freshly filled sharded index (written
// by one writer, without parts): each is exchanged for its compact copy in
// turn, all their content being committed already, so a search sees the
// same documents throughout; one that cannot be is left as it is (only
// larger), with a warning. Closes `writer`.
void CompactShards(const std::vector<std::string>& shard_paths, IndexWriter& writer,
                   RunReport& report);

// Puts the complete rebuild at `rebuild_path` (committed, its run recorded;
// `writer` its writer) in place of the index at `db_path` in one atomic
// exchange: a single database is compacted with its `parts` into a copy
// beside `db_path` and that copy exchanged (the rebuild folder is then
// removed); a sharded rebuild has each shard compacted within it and the
// whole folder exchanged. The new index gets `access` when given, else the
// old folder's; its lock is held until the old index is disposed of.
// `close_old` is called once the exchange is done (it releases the old
// index's lock); then the old index is removed (OldCopy::kRemovable) or
// kept as PATH.old-YYYYMMDD-HHMMSS (kKept). Returns where it was kept
// (empty when removed). IoError (NoSpace) with the old index untouched when
// the exchange cannot be made; DataLoss when the rebuild turns out damaged
// (it is never put in place then).
StatusOr<std::string> PutRebuildInPlace(const std::string& db_path, const std::string& rebuild_path,
                                        size_t shard_count, const std::vector<std::string>& parts,
                                        IndexWriter& writer, OldCopy old,
                                        std::optional<IndexAccess> access,
                                        const std::function<void()>& close_old, RunReport& report);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_INDEX_TARGET_H_
