// File: searcher/searcher.h
// The search core's face: a Searcher opened once on an index answers
// queries with result pages, as plain data (search_result.h). Front ends
// (quarry-search, a server) read their own input into a SearchRequest
// (search_request.h) and show the page their own way; the core never
// prints, never reads argv and never exits.
//
//   StatusOr<Searcher> searcher = Searcher::Open(options);   // once
//   StatusOr<ResultPage> page = searcher->Search(request);    // per query
//
// or, to search once and exit: Searcher::SearchOnce(options, request).
//
// The index stays open between searches and follows it: each search sees
// every commit a reindex made before it began (Xapian's reopen()), an
// index exchanged for its compacted or rebuilt copy is opened anew, and a
// shard that could not be reached is tried again (see Session::Refresh in
// session.h).
//
// Threads: a Searcher is internally pooled. Search() may be called from
// any number of threads at once. Xapian's Database and Enquire and our
// Analyzer are one per thread, so each call takes a session of its own (a
// Xapian handle on every shard and an analyzer, session.h) from the pool,
// or opens one when every session is in use, and puts it back after
// (keeping at most SearcherOptions::max_idle_sessions). No session is ever
// used by two threads at once. A server holds one Searcher per index.
// REQUIRES: the Searcher outlives every call, and is not moved or
// destroyed while one runs.
#ifndef QUARRY_SEARCHER_SEARCHER_H_
#define QUARRY_SEARCHER_SEARCHER_H_

#include <memory>

#include "common/status.h"
#include "searcher/search_request.h"
#include "searcher/search_result.h"
#include "searcher/searcher_options.h"

namespace quarry::searcher {

class Searcher {
 public:
  // Opens the index of `options` (again while it is being exchanged for
  // its compacted copy). NotFound when nothing is at a database path;
  // FailedPrecondition for an index of another schema version, or shards
  // written with other analysis settings; DataLoss when it cannot be read;
  // IoError when no shard can be reached.
  static StatusOr<Searcher> Open(const SearcherOptions& options);

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Runs `request` over the index as last committed. Notes and warnings
  // are in the page's notices; its elapsed_ms is the time this call took.
  // A search that the exchange of the index for its compacted copy
  // disturbs runs again over the index opened anew (up to three times).
  // InvalidArgument for a query with nothing to search for; IoError when
  // no shard answers (or one does not, under require_all_shards);
  // DataLoss when the index cannot be read; the errors of Open when the
  // index must be opened anew and cannot be.
  StatusOr<ResultPage> Search(const SearchRequest& request);

  // Open and Search for a front end that searches once and exits
  // (quarry-search): the index is opened for this search only, and read
  // as last committed when it is opened, without the reopen a kept
  // Searcher makes before each search (a few syscalls per shard, about
  // 6 us a search on linux-doc). Errors of Open and Search.
  static StatusOr<ResultPage> SearchOnce(const SearcherOptions& options,
                                         const SearchRequest& request);

 private:
  class Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCHER_H_
