// File: searcher/searcher.h
// The search core's face: a Searcher opened once on an index answers
// queries with result pages, as plain data (search_result.h). Front ends
// (quarry-search, a server) parse their own input into a SearchRequest and
// show the page their own way.
//
//   StatusOr<Searcher> searcher = Searcher::Open(options);   // once
//   StatusOr<ResultPage> page = searcher->Search(request);    // per query
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
  // Opens the index of `options`. NotFound when nothing is at a database
  // path; FailedPrecondition for an index of another schema version, or
  // shards written with other analysis settings; DataLoss when it cannot
  // be read; IoError when no shard can be reached.
  static StatusOr<Searcher> Open(const SearcherOptions& options);

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Runs `request`. Notes and warnings are in the page's notices; its
  // elapsed_ms is the time this call took. Errors as RunSearch's
  // (search.h): InvalidArgument for a query with nothing to search for,
  // IoError when no shard answers, DataLoss when the index cannot be read.
  StatusOr<ResultPage> Search(const SearchRequest& request);

 private:
  class Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCHER_H_
