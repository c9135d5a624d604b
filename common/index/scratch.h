// File: common/index/scratch.h
// Everything Quarry puts beside an index while it works: a new index being
// made, a compacted copy, the parts of a build on several threads, a
// rebuild. Each name is made here, and each such folder holds a mark
// (kScratchMarkFileName) from the moment it is made. A removal checks the
// name, the mark, the owner, that no live process of that number still
// works in it, and the content (nothing but index files), so that Quarry
// never removes what it did not make: a folder merely named like scratch,
// or an old index whose mark was taken away to keep it (--rebuild), stays.
//
// The names are on-disk format: a later build must still recognise the
// leftovers of an earlier one.
// PID is the decimal process id of the run that made it, K a number; any
// other name (PATH.compact-backup, PATH.new-york) is not scratch.
//   PATH.new-PID            a new index, renamed into place once it exists
//   PATH.compact-PID        a compacted copy, exchanged with PATH
//   PATH.compact-PID.partK  part K of a build on several threads
//   PATH.compact-PID.probe-a, -b  the exchange probe (CanExchangeBeside)
//   PATH.rebuild            a rebuild in progress (resumable)
//   PATH.pending.partK      a part kept when it could not be merged (disk
//                           full): merged by the next run, never a leftover
//   PATH.rebuild.NAME       scratch of the rebuild itself (NAME as above)
#ifndef QUARRY_COMMON_INDEX_SCRATCH_H_
#define QUARRY_COMMON_INDEX_SCRATCH_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/status.h"

namespace quarry {

// The mark inside every scratch folder Quarry makes (and inside an index
// it made, which may be exchanged out to a scratch name and then removed).
inline constexpr std::string_view kScratchMarkFileName = "quarry-scratch";

enum class ScratchKind { kNew, kCompact, kPart, kProbeA, kProbeB, kRebuild, kPending };

// The path of scratch `kind` of this process beside the index at
// `index_path` (`part` numbers kPart and kPending, from 1). kRebuild and
// kPending have no process id: the next run finds them.
std::string ScratchPath(const std::string& index_path, ScratchKind kind, size_t part = 0);

// True when `path` is named as scratch of the index at `index_path`
// (of any process), by the grammar above.
bool IsScratchName(const std::string& index_path, const std::string& path);

// Makes the folder `path` (private, its parents as needed), holding the
// scratch mark. IoError (NoSpace) when it cannot; AlreadyExists is an
// IoError too: scratch is always new.
Status CreateScratchFolder(const std::string& path);

// Puts the scratch mark into the folder `folder`, or takes it away (an index
// about to be exchanged out and kept aside must never be removable).
Status MarkAsScratch(const std::string& folder);
void UnmarkScratch(const std::string& folder);

// Removes the folder `path` when it is scratch of `index_path`: so named, a
// real folder (not a link) owned by this user, marked as scratch, not in the
// name of a live process other than this one, and holding nothing but index
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
