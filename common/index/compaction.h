// File: common/index/compaction.h
// Rewriting an index compactly beside itself and exchanging it into place,
// and the part databases a build on several threads writes beside it.
#ifndef QUARRY_COMMON_INDEX_COMPACTION_H_
#define QUARRY_COMMON_INDEX_COMPACTION_H_

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// Compacts the databases `sources` (the first one's documents first, then
// each next one's with new document ids; their metadata too, whose keys
// must not repeat) into a new database beside the index at `index_path`,
// gives it the folder access of `index_path`, and exchanges it with
// `index_path` in one atomic rename: searchers and crashes see the old
// index or the new one, whole. The compacted copy has its B-trees filled,
// as xapian-compact makes them: typically less than half the size of an
// index built in batches. The copy records its size and document count
// (CompactionRecord). REQUIRES: the caller holds the write lock of
// `index_path` (nothing else commits to it) and of every source, all
// committed. Returns the path that now holds what was at `index_path`, for
// the caller to remove (RemoveScratch) once it has closed its handles;
// IoError (NoSpace when the disk is full), with `index_path` untouched,
// when compaction or the exchange fails.
StatusOr<std::string> CompactAndExchange(const std::vector<std::string>& sources,
                                         const std::string& index_path);

// CompactAndExchange({path, parts...}, path): the index at `path` rewritten
// compactly in place, with `parts` merged in.
StatusOr<std::string> CompactInPlace(const std::string& path,
                                     const std::vector<std::string>& parts = {});

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

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_COMPACTION_H_
