// File: searcher/shard_set.h
// The databases of one search, opened as one: plain databases, stub files
// and sharded index folders (common/index/shards.h), local shards and
// remote ones served by xapian-tcpsrv. A shard that is down or slow is
// named as missing instead of hanging or failing the whole search.
#ifndef QUARRY_SEARCHER_SHARD_SET_H_
#define QUARRY_SEARCHER_SHARD_SET_H_

#include <xapian.h>

#include <chrono>
#include <cstdint>
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

// A shard that could not be used: unreachable, unreadable, or written with
// other settings than the rest.
struct MissingShard {
  ShardLocation location;
  std::string reason;  // why, the last time it was tried
  std::chrono::steady_clock::time_point since;  // when it was last tried
  // "HOST:PORT: reason", as messages name it.
  std::string Describe() const { return location.Describe() + ": " + reason; }
};

// The shards of a searcher, opened and combined into one Xapian::Database
// (Xapian merges their statistics, so ranking equals that of one database
// holding all the documents). Shards that cannot be reached are listed in
// missing() instead of failing the search, and tried again later
// (BringBack).
//
// Thread safety: none; a ShardSet holds Xapian::Database handles, which are
// one per thread.
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
  // The shards that could not be used, in the order they went missing.
  const std::vector<MissingShard>& missing() const { return missing_; }
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

  // Tries again each missing shard last tried at least `retry_after` ago:
  // one that can now be reached, of this schema version and with the
  // settings of the others, joins the combined database in its place; the
  // others stay missing with the new reason. Returns true when a shard came
  // back (the combined database is then a new handle).
  bool BringBack(std::chrono::milliseconds retry_after);

  // How Reopen found the shards.
  enum class Reopened { kSame, kNewRevision, kRewritten };
  // Moves every shard to its last committed revision (Xapian's reopen(): a
  // few syscalls per local shard, one round trip per remote one).
  // kRewritten when a local database's version file was written anew while
  // Xapian sees the revision these handles read (an index overwritten in
  // place whose new revisions caught up with the old number): handles
  // cannot follow that, and the set must be opened anew. So is a database
  // exchanged for another under the same path (its version file is
  // another), unless the exchange brings a new revision number, which
  // callers tell by the UUID. (A commit landing between the reopen and the
  // look at the version files reads as kRewritten too: the set is then
  // opened anew for nothing, which is rare and harmless.) Xapian errors
  // propagate (the index exchanged or removed half-way: open it anew too).
  Reopened Reopen();

  // True when a stub file the set was opened from was rewritten (shards
  // added, removed or moved) or removed: reopening the same handles cannot
  // follow that, and the set must be opened anew. One stat per stub. (A
  // database exchanged for another under the same path is found by
  // Reopen.)
  bool StubsChanged() const;

 private:
  struct Opened {
    ShardLocation location;
    Xapian::Database db;
  };
  // What a file was when last looked at: a file rewritten by rename (as
  // stubs and Xapian's version files are) gets another inode, size or time.
  struct FileStamp {
    std::string path;
    bool exists = false;
    uint64_t device = 0, inode = 0, size = 0;
    int64_t mtime_ns = 0;
    static FileStamp Of(std::string path);
    bool operator==(const FileStamp&) const = default;
  };
  void Rebuild();
  std::vector<FileStamp> VersionFileStamps() const;
  void SortByListing(std::vector<Opened>& shards) const;

  ShardOpenOptions options_;
  std::vector<ShardLocation> listed_;  // every shard, in the order of the stubs
  std::vector<Opened> reached_;
  std::vector<MissingShard> missing_;
  std::vector<FileStamp> stub_stamps_;
  // The version files of the reached local shards, as they were after the
  // handles last moved to a revision.
  std::vector<FileStamp> version_stamps_;
  AnalysisConfig analysis_;
  Xapian::Database combined_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SHARD_SET_H_
