#include "searcher/session.h"

#include "common/index/database.h"

namespace quarry::searcher {

StatusOr<std::unique_ptr<Session>> Session::Open(const SearcherOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(ShardSet shards, ShardSet::Open(options.db_paths, options.shards));
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(shards.analysis()));
  return std::unique_ptr<Session>(new Session(options, std::move(shards), std::move(analyzer)));
}

Session::Session(SearcherOptions options, ShardSet shards, Analyzer analyzer)
    : options_(std::move(options)), shards_(std::move(shards)), analyzer_(std::move(analyzer)) {}

const std::vector<std::string>& Session::Roots() {
  if (!roots_) {
    try {
      roots_ = ReadRoots(database());
    } catch (const Xapian::Error&) {
      // Without the roots, relative path: filters are read under the
      // request's path_base only.
      roots_.emplace();
    }
  }
  return *roots_;
}

}  // namespace quarry::searcher
