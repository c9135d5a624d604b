// File: common/index/compaction.h
// Rewriting an index compactly beside itself and exchanging it into place,
// and the part databases a build on several threads writes beside it.
#ifndef QUARRY_COMMON_INDEX_COMPACTION_H_
#define QUARRY_COMMON_INDEX_COMPACTION_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/index/index_folder.h"
#include "common/status.h"

namespace quarry {

// A database's size on disk and document count right after it was
// compacted, recorded in it (schema::kCompactedKey).
struct CompactionRecord {
  uint64_t bytes = 0;
  uint64_t documents = 0;
};

// The record of `db` (a single database); nullopt when it has none (never
// compacted by this build, or written by an older one).
std::optional<CompactionRecord> ReadCompactionRecord(const Xapian::Database& db);

// The bytes of the regular files in the database folder `path`.
uint64_t DatabaseBytes(const std::string& path);

// How a database has grown since it was compacted: its size on disk over
// the size a compact copy of it would have, estimated from its record (the
// compacted size, scaled by the document count). 1.0 right after a
// compaction; updates split the compacted B-tree blocks and leave freed
// blocks behind (Xapian never shrinks its files), so a first update of 1%
// of the files roughly doubles it. nullopt without a record.
struct Growth {
  uint64_t bytes = 0;           // on disk now
  uint64_t compact_bytes = 0;   // estimated for a compact copy
  double ratio() const { return compact_bytes == 0 ? 1.0 : double(bytes) / double(compact_bytes); }
};
std::optional<Growth> MeasureGrowth(const std::string& path, const Xapian::Database& db);

// What becomes of the index a new one is exchanged with.
enum class OldCopy {
  kRemovable,  // marked as scratch, for the caller (or a later run) to remove
  kKept,       // not marked: no run ever removes it (--rebuild keeps it aside)
};

// The new index in place after an exchange, and where the old one went.
struct Exchanged {
  std::string old_path;  // the scratch name that now holds what was at the index's path
  // The new index's write lock, held from before the exchange until the
  // caller closes it, so that no other run writes to it (or removes the old
  // copy) before the caller is done. A lock only: the handle still names
  // the folder it was opened at, so nothing may be written through it.
  Xapian::WritableDatabase lock;
};

// Puts the complete index (or sharded index folder) at `ready`, beside
// `index_path`, in place of the one at `index_path` in one atomic exchange
// (renameat2): searchers and crashes see one or the other, whole. `ready`
// first gets `access` when given, else the access (mode, owner) of
// `index_path`, and the old index is marked as `old` says. `lock` is an
// open, locked handle of `ready` (or of its first shard), committed.
StatusOr<Exchanged> ExchangeInto(const std::string& ready, Xapian::WritableDatabase lock,
                                 const std::string& index_path, OldCopy old,
                                 std::optional<IndexAccess> access = std::nullopt);

// Compacts the databases `sources` (the first one's documents first, then
// each next one's with new document ids; their metadata too, whose keys
// must not repeat) into a new database beside the index at `index_path`,
// and puts it in place (ExchangeInto). The compacted copy has its B-trees
// filled, as xapian-compact makes them: typically less than half the size
// of an index built in batches; it records its size and document count
// (CompactionRecord), and the metadata entries `metadata` (set after the
// sources' own: e.g. the run's final record). REQUIRES: the caller holds
// the write lock of `index_path` (nothing else commits to it) and of every
// source, all committed. IoError (NoSpace when the disk is full; DataLoss
// when a source is damaged), with `index_path` untouched, when compaction
// or the exchange fails.
StatusOr<Exchanged> CompactAndExchange(const std::vector<std::string>& sources,
                                       const std::string& index_path,
                                       OldCopy old = OldCopy::kRemovable,
                                       std::optional<IndexAccess> access = std::nullopt,
                                       const std::map<std::string, std::string>& metadata = {});

// CompactAndExchange({path, parts...}, path): the index at `path` rewritten
// compactly in place, with `parts` merged in and `metadata` set.
StatusOr<Exchanged> CompactInPlace(const std::string& path,
                                   const std::vector<std::string>& parts = {},
                                   const std::map<std::string, std::string>& metadata = {});

// Where part `part` (from 1) of an index filled by several writers at once
// is written: scratch beside `index_path` (ScratchKind::kPart).
std::string PartDatabasePath(const std::string& index_path, size_t part);

// A new, empty database at PartDatabasePath(index_path, part), in a private
// folder, replacing a leftover of this process there, written without
// waiting for the disk at commits (a part is scratch: merged when whole,
// removed otherwise; the merged index is synced). IoError when it cannot be
// created.
StatusOr<Xapian::WritableDatabase> CreatePartDatabase(const std::string& index_path, size_t part);

// Adds every document and metadata entry of the database at `source` to
// `target` (uncommitted), with new document ids: the slow way to merge a
// part when CompactAndExchange cannot. IoError when Xapian fails.
Status CopyDocumentsInto(const std::string& source, Xapian::WritableDatabase& target);

// Puts every document of the database at `source` into `target`
// (uncommitted) in place of the one with the same unique-id term
// (schema::kUniqueIdPrefix), and its metadata entries: merging the same
// part twice (a run killed before it removed the part) changes nothing.
// DataLoss when `source` cannot be read; IoError when `target` cannot be
// written.
Status MergeDocumentsInto(const std::string& source, Xapian::WritableDatabase& target);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_COMPACTION_H_
