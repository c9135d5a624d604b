// File: common/index/scratch.h
// Everything Quarry puts beside an index while it works: a new index being
// made, a compacted copy, the parts of a build on several threads, a
// rebuild. Each name is made here; a removal checks the name, the owner and
// the content (nothing but index files), so that Quarry never removes what
// it did not make.
//
// The names are on-disk format: a later build must still recognise the
// leftovers of an earlier one.
//   PATH.new-PID            a new index, renamed into place once it exists
//   PATH.compact-PID        a compacted copy, exchanged with PATH
//   PATH.compact-PID.partK  part K of a build on several threads
//   PATH.compact-PID.probe-a, -b  the exchange probe (CanExchangeBeside)
//   PATH.rebuild            a rebuild in progress (resumable)
//   PATH.pending.partK      a part kept when it could not be merged (disk
//                           full): merged by the next run, never a leftover
#ifndef QUARRY_COMMON_INDEX_SCRATCH_H_
#define QUARRY_COMMON_INDEX_SCRATCH_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/status.h"

namespace quarry {

enum class ScratchKind { kNew, kCompact, kPart, kProbeA, kProbeB, kRebuild, kPending };

// The path of scratch `kind` of this process beside the index at
// `index_path` (`part` numbers kPart and kPending, from 1). kRebuild and
// kPending have no process id: the next run finds them.
std::string ScratchPath(const std::string& index_path, ScratchKind kind, size_t part = 0);

// True when `path` is named as scratch of the index at `index_path`
// (of any process).
bool IsScratchName(const std::string& index_path, const std::string& path);

// Removes the folder `path` when it is scratch of `index_path`: so named, a
// real folder (not a link) owned by this user, holding nothing but index
// files (IsIndexFileName) and shard folders that do. FailedPrecondition,
// and nothing removed, naming what stops it; OK when nothing is there.
Status RemoveScratch(const std::string& index_path, const std::string& path);

// The parts kept beside `index_path` for the next run to merge
// (ScratchKind::kPending), in the order they were kept.
std::vector<std::string> FindPendingParts(const std::string& index_path);

// Removes the scratch that runs killed or failed left beside `index_path`,
// except the paths in `keep` and pending parts. Returns a message for each one kept because
// RemoveScratch refused it. REQUIRES: the caller holds the index's write
// lock (so no other run is making any of them).
std::vector<std::string> RemoveLeftovers(const std::string& index_path,
                                         const std::vector<std::string>& keep = {});

// Exchanges the folders `a` and `b` in one atomic step (renameat2
// RENAME_EXCHANGE): readers and crashes see one or the other, whole. IoError
// when the filesystem cannot (NFS, ZFS before 2.2).
Status ExchangeFolders(const std::string& a, const std::string& b);

// True when folders beside `index_path` can be exchanged atomically. Tried
// on two empty scratch folders.
bool CanExchangeBeside(const std::string& index_path);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_SCRATCH_H_
