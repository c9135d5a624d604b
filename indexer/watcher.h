// File: indexer/watcher.h
// quarry-index --watch, before the index flow: which files and folders
// changed, from inotify. The walk tells the watcher which folders to watch
// (WalkOptions::on_folder), so it watches exactly the folders a walk walks;
// events become touched paths collected in a WatchBatch, and the watcher
// says when it cannot see every change (the watch limit, a root gone,
// inotify unavailable, its event queue overflowed), so that the caller
// walks the roots instead. Knows nothing of the index.
//
// Thread contract: one thread uses a Watcher (its walk callbacks included).
#ifndef QUARRY_INDEXER_WATCHER_H_
#define QUARRY_INDEXER_WATCHER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sys/types.h>
#include <vector>

#include "indexer/corpus/walker.h"

namespace quarry::indexer {

using WatchClock = std::chrono::steady_clock;

// The changes seen since the batch was started.
struct WatchBatch {
  // Files and folders that changed (created, written, deleted, moved from
  // or to, attributes), absolute; a folder stands for all it holds.
  std::set<std::string> paths;
  // Not empty: the paths do not tell every change (why, for the log), and
  // every root is to be walked.
  std::string walk_everything;
  size_t events = 0;  // inotify events taken in, also those that touched nothing
  // When the first and the last change were taken in (events that touched
  // nothing, such as an editor's swap file, do not count).
  WatchClock::time_point first{};
  WatchClock::time_point last{};

  bool empty() const { return paths.empty() && walk_everything.empty(); }
  // Adds a touched path (nothing once every root is to be walked).
  void Touch(const std::string& path);
  // Every root is to be walked, because of `reason` (the first one kept).
  void WalkEverything(const std::string& reason);

 private:
  // Records a change taken in now.
  void Mark();
};

// Limits smaller than the system's, for tests: the kernel's own (the watch
// limit, the event queue) are machine-wide settings a test must not change.
struct WatcherLimits {
  // Watches at most this many folders, as if the kernel's limit
  // (fs.inotify.max_user_watches) were reached; 0: no limit but the kernel's.
  size_t max_watches = 0;
  // A batch taking in more events than this loses the rest and gets an
  // overflow instead, as the kernel's queue (fs.inotify.max_queued_events)
  // would; 0: no limit but the kernel's.
  size_t queued_events = 0;
};

// The events asked for on every watched folder: created, written and
// closed, attributes (touch, chmod), deleted, moved; and the folder itself
// deleted or moved. A file kept open for writing is seen when it is closed.
uint32_t WatchEventMask();

class Watcher {
 public:
  // An inotify instance. When the system gives none (too many instances,
  // no inotify), the watcher watches nothing and Blind() says why.
  explicit Watcher(WatcherLimits limits = {});
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Which paths events matter for: those at or under `roots` (absolute)
  // that a walk with `options` does not leave out (WalkLeavesOut).
  void Follow(const std::vector<std::string>& roots, const WalkOptions& options);

  // Watches the folder `folder` (called for each folder a walk walks).
  // A folder already watched keeps its watch. When the watch limit is
  // reached the folder is counted as unwatched (see Blind()).
  void Watch(const std::string& folder);

  // Drops every watch, before a walk of every root watches again what is
  // there now (after an overflow the watches may name moved folders).
  void Restart();

  // Waits up to `timeout` for events, and takes in all there are. Returns
  // early, with nothing, when a signal arrives.
  void Poll(std::chrono::milliseconds timeout, WatchBatch& batch);

  // Takes in one event as inotify gives it (public for tests, which feed
  // events the kernel cannot be made to send, such as an overflow): folder
  // moves and deletions update the watches; the path touched is added to
  // `batch` when it matters.
  void Take(int wd, uint32_t mask, std::string_view name, WatchBatch& batch);

  // Empty while every folder walked and every root is watched; else what
  // the watcher cannot see, for the log ("the inotify watch limit is
  // reached: ...", "ROOT is not watched (missing, ...)"). A root whose
  // path leads to another folder than the one watched (a disk mounted on
  // it, a folder made anew) is not watched. A stat() per root.
  std::string Blind() const;

  size_t watched_folders() const { return folders_.size(); }

 private:
  // Drops the watches of `folder` and of every folder under it.
  void Unwatch(const std::string& folder);
  // The path matters: under a root and not left out by the walk's rules.
  bool Matters(const std::string& path) const;

  int fd_ = -1;
  std::string unavailable_;  // why inotify could not be had
  WatcherLimits limits_;
  std::vector<std::string> roots_;
  WalkOptions options_;
  struct WatchedFolder {
    std::string path;
    // Which folder was watched: another one at `path` later (a disk
    // mounted there, the folder made anew) is not watched.
    dev_t device = 0;
    ino_t inode = 0;
  };
  std::unordered_map<int, WatchedFolder> folders_;  // watch descriptor -> folder
  std::map<std::string, int> watches_;              // folder -> watch descriptor
  size_t refused_ = 0;                            // folders the watch limit left unwatched
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_WATCHER_H_
