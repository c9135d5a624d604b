// File: searcher/session.h
// One open view of the index for the search flow (search.h): the shards as
// one Xapian database, the Analyzer built from the settings the index
// records, and the indexed folders. A Searcher (searcher.h) keeps sessions
// open between searches and brings each up to date (Refresh) before it
// hands it to a search.
//
// Thread safety: none. A Session holds Xapian::Database handles and an
// Analyzer, which are one per thread: a Session is used by one thread at a
// time.
#ifndef QUARRY_SEARCHER_SESSION_H_
#define QUARRY_SEARCHER_SESSION_H_

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/text/analyzer.h"
#include "searcher/searcher_options.h"
#include "searcher/shard_set.h"

namespace quarry::searcher {

class Session {
 public:
  // Opens the databases of `options` (ShardSet::Open, whose errors it
  // returns; shards that cannot be reached are listed in
  // shards().missing()) and builds the analyzer from the settings they
  // record. FailedPrecondition when those settings cannot be analysed with.
  static StatusOr<std::unique_ptr<Session>> Open(const SearcherOptions& options);

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Brings the session to the index's last committed revision, so that a
  // search that follows sees every commit made before it began:
  //  - a database or stub path that now names something else (the index
  //    exchanged for its compacted copy, rebuilt, shards added or removed),
  //    a reopen that fails (the exchange caught half-way) or finds another
  //    database, or settings that changed: the session opens the index
  //    anew (as Open, retried while the index is being exchanged);
  //  - otherwise Xapian's reopen() on every shard (a few syscalls per
  //    local shard, one round trip per remote one);
  //  - shards missing for at least options().missing_shard_retry_ms are
  //    tried again (ShardSet::BringBack).
  // Errors of Open when opening anew fails; the session must then not be
  // used again.
  Status Refresh();

  const SearcherOptions& options() const { return options_; }
  ShardSet& shards() { return shards_; }
  // All reachable shards as one database.
  Xapian::Database& database() { return shards_.database(); }
  // The index's own analysis settings, never the searcher's: documents and
  // queries cannot drift apart.
  Analyzer& analyzer() { return analyzer_; }

  // The folders the index records (schema::kRootsKey), read at the first
  // call after opening or after a new revision; empty when they cannot be
  // read.
  const std::vector<std::string>& Roots();

 private:
  Session(SearcherOptions options, ShardSet shards, Analyzer analyzer);
  Status OpenAnew();

  SearcherOptions options_;
  ShardSet shards_;
  Analyzer analyzer_;
  // Which database the index is (Xapian's UUID; for shards, theirs
  // joined), to tell a new revision of it from another index.
  std::string uuid_;
  std::optional<std::vector<std::string>> roots_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SESSION_H_
