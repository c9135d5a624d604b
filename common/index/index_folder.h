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
  kDatabase,         // a Xapian database folder holding nothing else (Quarry's or
                     // not: open it to know)
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

// The mode of a file inside an index with `access`: 0600, 0640 or 0644.
mode_t FileModeFor(IndexAccess access);

// Gives the index folder `folder`, every folder inside it (shards) the mode
// of `access` and every file inside them FileModeFor(access). IoError when
// a mode cannot be set.
Status ApplyAccess(const std::string& folder, IndexAccess access);

// Gives the index folder `to` (which Quarry made) the access of the folder
// `from` (ApplyAccess) and, when the process may (root), its owner and
// group, for `to` and everything inside it: a rebuild run by root keeps a
// user's index theirs. IoError when a mode cannot be set.
Status CopyFolderAccess(const std::string& from, const std::string& to);

// The path a --db names, resolved when it is a symbolic link (to where the
// index lives: an exchange must replace the index, not the link).
std::string ResolveIndexLink(const std::string& path);

// An advisory lock (flock) on an index folder, for what Xapian's own lock
// cannot cover: a rebuild of a damaged index, which Xapian cannot open.
// Released when destroyed.
class FolderLock {
 public:
  // Locked when another process holds it; NotFound/IoError when the folder
  // cannot be opened.
  static StatusOr<FolderLock> Take(const std::string& folder);
  FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock();

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_INDEX_FOLDER_H_
