// File: indexer/corpus/walker.h
// Stage 1 of the index flow: walk the corpus roots and list the entries (regular
// files) with their size and modification time. Knows nothing about formats.
#ifndef QUARRY_INDEXER_CORPUS_WALKER_H_
#define QUARRY_INDEXER_CORPUS_WALKER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"

namespace quarry::indexer {

struct CorpusEntry {
  std::string path;      // absolute, lexically normal
  uint64_t size = 0;     // bytes
  int64_t mtime_ns = 0;  // modification time, ns since the Unix epoch
};

// Which symbolic links the walk follows. A followed link may lead outside
// the roots (a link to /etc reaches /etc/shadow when the indexer runs as
// root); kWithinRoots follows only links whose target lies under a root.
enum class SymlinkPolicy {
  kNever,        // a link is neither indexed nor descended into (the default)
  kWithinRoots,  // followed when its target (resolved) lies under one of the roots
  kAlways,       // followed wherever it leads
};

struct WalkOptions {
  // Loops are detected whatever the policy.
  SymlinkPolicy symlinks = SymlinkPolicy::kNever;
  // The index's own folder (absolute): never walked, nor the scratch Quarry
  // makes beside it (common/index/scratch.h), when it lies under a root.
  std::string index_path;
  // Index dot-files and descend into dot-folders. Version-control folders
  // (.git, .hg, .svn) are skipped even then.
  bool include_hidden = false;
  // fnmatch(3) globs; an entry is excluded when a glob matches its name or
  // its path relative to its root (e.g. "*.log", "build", "drafts/*").
  std::vector<std::string> exclude_globs;
  // When not empty, only files with one of these extensions (lower case,
  // without the dot) are listed.
  std::vector<std::string> include_extensions;
  // When set, called with the number of entries listed so far, every
  // kWalkProgressEvery entries (for a progress display).
  std::function<void(size_t)> on_progress;
  // When set, called with each folder the walk descends into (a root
  // included), before its entries are read: a watcher watches exactly the
  // folders the walk walks, and misses no entry made while it is read.
  std::function<void(const std::string&)> on_folder;
};

inline constexpr size_t kWalkProgressEvery = 1000;

// A root's fate: a missing or unreadable root is not an empty one.
struct RootState {
  std::string path;  // absolute
  Status status;     // OK, or why the root could not be walked
  size_t entries = 0;
};

struct WalkProblem {
  std::string path;
  Status status;
};

struct WalkResult {
  std::vector<CorpusEntry> entries;   // sorted by path, no duplicates
  std::vector<RootState> roots;       // in the order given
  std::vector<WalkProblem> problems;  // unreadable folders, vanished entries
};

// Walks each root (a folder, walked recursively, or a single file).
WalkResult WalkRoots(const std::vector<std::string>& roots, const WalkOptions& options);

// Walks only `paths` (absolute, each at or under one of `roots`: files
// and folders that changed) and lists what WalkRoots(roots) would list at
// or under them: the same rules apply to every folder between the root and
// a path (hidden, excluded, links, the index's folder), and a path that is
// gone or left out lists nothing. A path under another of `paths` is
// covered by it. Each root is looked at, not walked: its status says
// whether it can be walked, and its entries count what was listed under it.
WalkResult WalkPaths(const std::vector<std::string>& roots, const std::vector<std::string>& paths,
                     const WalkOptions& options);

// True when a walk of `root` leaves out `path` (under it, not the root
// itself) by its last name or its place, whatever it is: a version-control
// folder, a dot-file or dot-folder without include_hidden, an exclude glob,
// the index's folder or its scratch. The folders above `path` are not
// looked at, nor what `path` is (no system call).
bool WalkLeavesOut(const WalkOptions& options, const std::string& root, const std::string& path);

// The absolute, lexically normal form of `path` (no symlink resolution).
std::string AbsolutePath(const std::string& path);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_CORPUS_WALKER_H_
