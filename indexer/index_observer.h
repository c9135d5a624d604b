// File: indexer/index_observer.h
// What an index run tells whoever started it, as events. The index flow
// calls these and never prints: quarry-index's TerminalReport prints them
// on stderr, a service or a watcher would log them. Every method has an
// empty default, so an observer overrides only what it shows.
#ifndef QUARRY_INDEXER_INDEX_OBSERVER_H_
#define QUARRY_INDEXER_INDEX_OBSERVER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry::indexer {

class IndexObserver {
 public:
  virtual ~IndexObserver() = default;

  // One file's fate: `action` is "add", "update", "touch", "skip", "delete"
  // or "vanished"; `reason` says why ("new file", "binary (image/png)").
  virtual void OnFate(std::string_view /*action*/, const std::string& /*path*/,
                      const std::string& /*reason*/) {}
  // A file that could not be read or written (the run counts it as failed).
  virtual void OnFailure(const Status& /*status*/) {}
  // Run-level messages: a rebuild, a protected root, a compaction that failed.
  virtual void OnNote(const std::string& /*message*/) {}
  virtual void OnWarning(const std::string& /*message*/) {}

  // Progress: files seen by the walk so far; the plan made (`total` changes
  // out of `seen` files); `done` changes applied.
  virtual void OnWalking(size_t /*seen*/) {}
  virtual void OnPlanned(size_t /*seen*/, size_t /*total*/) {}
  virtual void OnApplied(size_t /*done*/) {}
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_INDEX_OBSERVER_H_
