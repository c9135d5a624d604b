// File: common/index/index_folder.h
// The index as a place on disk: what is at a --db path, which files an
// index folder may hold, and who may read it. quarry-index writes only
// where InspectIndexPath finds an index or room for one; scratch.h removes
// only what Quarry made there.
#ifndef QUARRY_COMMON_INDEX_INDEX_FOLDER_H_
#define QUARRY_COMMON_INDEX_INDEX_FOLDER_H_

#include <sys/types.h>

#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry {

enum class IndexPlace {
  kNothing,          // nothing at the path: an index may be made there
  kEmptyFolder,      // an empty folder: an index may be made in it
  kDatabase,         // a Xapian database folder (Quarry's or not: open it to know)
  kShardFolder,      // a folder holding a stub (XAPIANDB) and quarry-settings
  kStubFile,         // a file that lists databases (a Xapian stub)
  kDamagedDatabase,  // a folder of Xapian tables whose version file is gone
  kForeign,          // anything else: never written to, never removed
};

struct IndexPathInfo {
  IndexPlace place = IndexPlace::kNothing;
  // What is there, for messages: "a folder holding 2 files (thesis.txt,
  // notes.md)", "a file of 812 bytes", "a Xapian database".
  std::string description;
};

// Looks at `path` without opening any database and without changing
// anything. A symbolic link is described as such (and is kForeign unless it
// leads to an index).
IndexPathInfo InspectIndexPath(const std::string& path);

// OK when quarry-index may make or update an index at `path`: nothing is
// there, an empty folder, a database folder or a sharded index folder.
// FailedPrecondition otherwise, naming what is there and that nothing in it
// was touched; DataLoss for a damaged database (with the command that
// rebuilds it). Whether a database is a Quarry index is checked when it is
// opened (CheckSchemaVersion).
Status CheckIndexPlace(const std::string& path);

// True for the names of files Xapian and Quarry write inside an index
// folder (glass and chert tables, version and lock files, the stub, the
// settings copy, the run record, their temporaries).
bool IsIndexFileName(std::string_view name);

// Who may read an index. Its folder's mode says it: private 0700, group
// 0750, public 0755. A new index is private unless asked otherwise; an
// existing one keeps its mode through every rebuild, compaction and
// exchange (CopyFolderAccess).
enum class IndexAccess { kPrivate, kGroup, kPublic };

// "private", "group", "public"; InvalidArgument for anything else.
StatusOr<IndexAccess> ParseIndexAccess(std::string_view text);
std::string_view IndexAccessName(IndexAccess access);
mode_t FolderModeFor(IndexAccess access);
// The access a folder's mode grants (group or other read bits).
IndexAccess AccessOfMode(mode_t mode);
// The umask under which files of an index with `access` are written.
mode_t UmaskFor(IndexAccess access);

// The access of the folder at `path`; NotFound when there is none.
StatusOr<IndexAccess> ReadFolderAccess(const std::string& path);

// Gives the folder `to` (which Quarry made) the permission bits of the
// folder `from`, and, when the process may (root), its owner and group, for
// `to` and everything inside it: a rebuild run by root keeps a user's index
// theirs. IoError when the mode cannot be set.
Status CopyFolderAccess(const std::string& from, const std::string& to);

// Creates the folder `path` (its parents as needed, with the default mode)
// with the mode of `access`. OK when it exists already as an empty folder
// (its mode is left as it is). IoError otherwise.
Status CreateIndexFolder(const std::string& path, IndexAccess access);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_INDEX_FOLDER_H_
