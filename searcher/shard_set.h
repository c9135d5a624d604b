// File: searcher/shard_set.h
// The databases of one search, opened as one: plain databases, stub files
// and sharded index folders (common/index/shards.h), local shards and
// remote ones served by xapian-tcpsrv. A shard that is down or slow is
// named as missing instead of hanging or failing the whole search.
#ifndef QUARRY_SEARCHER_SHARD_SET_H_
#define QUARRY_SEARCHER_SHARD_SET_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "common/index/shards.h"
#include "common/status.h"
#include "common/text/analysis_config.h"

namespace quarry::searcher {

// How long to wait for remote shards. The defaults are quarry-search's
// (README, "Options").
struct ShardOpenOptions {
  static constexpr unsigned kDefaultAnswerTimeoutMs = 5000;
  static constexpr unsigned kDefaultConnectTimeoutMs = 2000;
  // Per operation on a remote shard (0: wait forever). A shard that takes
  // longer is dropped from the search and named as missing.
  unsigned answer_timeout_ms = kDefaultAnswerTimeoutMs;
  // For establishing the connection to a remote shard (0: wait forever).
  unsigned connect_timeout_ms = kDefaultConnectTimeoutMs;
};

// The shards of one search, opened and combined into one Xapian::Database
// (Xapian merges their statistics, so ranking equals that of one database
// holding all the documents). Shards that cannot be reached are listed in
// missing() instead of failing the search.
class ShardSet {
 public:
  // Opens the shards of every path in `db_paths` (each a plain database, a
  // stub file or an index folder with a stub). Every shard reached must be a
  // Quarry index of this schema version with the same analysis settings.
  // A plain database that cannot be opened fails as OpenDatabaseForReading
  // does; a shard listed in a stub that cannot be opened or reached within
  // the timeouts goes to missing(). NotFound when a path names nothing;
  // FailedPrecondition for a shard of another schema version or with other
  // analysis settings (never a silent mix); IoError when no shard at all can
  // be reached (the message names each one and why).
  static StatusOr<ShardSet> Open(const std::vector<std::string>& db_paths,
                                 const ShardOpenOptions& options);

  // All reachable shards as one database.
  Xapian::Database& database() { return combined_; }
  // The analysis settings every shard was written with.
  const AnalysisConfig& analysis() const { return analysis_; }
  // "HOST:PORT: reason" for each shard that could not be used.
  const std::vector<std::string>& missing() const { return missing_; }
  size_t shard_count() const { return reached_.size() + missing_.size(); }
  bool empty() const { return reached_.empty(); }
  // True when some reachable shard is remote (so a failed search may be a
  // network error worth a reconnection).
  bool has_remote() const;

  // After a search failed with a network error: reconnects to every remote
  // shard and asks it for a sign of life (within the answer timeout); those
  // that do not answer move to missing(). Returns true when the set changed,
  // i.e. when retrying the search makes sense.
  bool DropUnresponsive();

 private:
  struct Opened {
    ShardLocation location;
    Xapian::Database db;
  };
  void Rebuild();

  ShardOpenOptions options_;
  std::vector<Opened> reached_;
  std::vector<std::string> missing_;
  AnalysisConfig analysis_;
  Xapian::Database combined_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SHARD_SET_H_
