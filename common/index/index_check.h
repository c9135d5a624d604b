// File: common/index/index_check.h
// `quarry-index --check`: whether an index is sound, by Xapian's own check
// of every table of every database, and Quarry's of its settings.
#ifndef QUARRY_COMMON_INDEX_INDEX_CHECK_H_
#define QUARRY_COMMON_INDEX_INDEX_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/index/database.h"
#include "common/status.h"

namespace quarry {

struct IndexCheck {
  std::vector<std::string> databases;  // checked: the index, or each shard
  std::vector<std::string> problems;   // one line each; none when sound
  uint64_t documents = 0;              // when the index could be opened
  bool sound() const { return problems.empty(); }
};

// Checks the index at `path` (a database or a sharded index folder) while
// holding its write lock, so that no run changes it meanwhile (a damaged
// index that cannot be locked is checked without). NotFound when there is
// no index at `path`; Locked when another run is writing it (after `wait`).
// Damage is not an error: it is what the result lists.
StatusOr<IndexCheck> CheckIndex(const std::string& path, const LockWait& wait = {});

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_INDEX_CHECK_H_
