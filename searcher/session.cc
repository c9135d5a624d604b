#include "searcher/session.h"

#include <chrono>

#include "common/index/database.h"
#include "common/index/schema.h"

namespace quarry::searcher {

namespace {

// Whether `db`, which moved to a new revision, is still the index the
// session was opened on: the same database (Xapian's UUID, new for a
// compacted or rebuilt copy), of a schema version this build reads, with
// the settings the analyzer was built from. Xapian errors propagate.
bool StillTheSameIndex(const Xapian::Database& db, const std::string& uuid,
                       const AnalysisConfig& analysis) {
  if (db.get_uuid() != uuid) return false;
  if (!CheckSchemaVersion(db, "the index").ok()) return false;
  StatusOr<AnalysisConfig> recorded = ReadAnalysisConfig(db);
  return recorded.ok() && *recorded == analysis;
}

}  // namespace

StatusOr<std::unique_ptr<Session>> Session::Open(const SearcherOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(ShardSet shards, ShardSet::Open(options.db_paths, options.shards));
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(shards.analysis()));
  std::unique_ptr<Session> session(new Session(options, std::move(shards), std::move(analyzer)));
  try {
    // Kept in memory by Xapian since the open: costs no read.
    session->uuid_ = session->database().get_uuid();
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read the index: " + e.get_description());
  }
  return session;
}

Session::Session(SearcherOptions options, ShardSet shards, Analyzer analyzer)
    : options_(std::move(options)), shards_(std::move(shards)), analyzer_(std::move(analyzer)) {}

Status Session::Refresh() {
  if (shards_.StubsChanged()) return OpenAnew();
  bool brought_back = false;
  if (!shards_.missing().empty()) {
    brought_back = shards_.BringBack(std::chrono::milliseconds(options_.missing_shard_retry_ms));
  }
  try {
    const ShardSet::Reopened reopened = shards_.Reopen();
    if (reopened == ShardSet::Reopened::kRewritten) return OpenAnew();
    if (reopened == ShardSet::Reopened::kSame && !brought_back) return Status::Ok();
    roots_.reset();
    // A shard that came back joins with the settings of the others
    // (BringBack checks them); otherwise only the same index in a new
    // revision is followed in place.
    if (!brought_back && !StillTheSameIndex(database(), uuid_, shards_.analysis())) return OpenAnew();
    uuid_ = database().get_uuid();
  } catch (const Xapian::Error&) {
    // The index changed in a way a reopen cannot follow: its files
    // exchanged half-way through the reopen, a shard gone. Opening it anew
    // reads what is there now.
    return OpenAnew();
  }
  return Status::Ok();
}

Status Session::OpenAnew() {
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<Session> fresh,
                          RetryIfSwapped<std::unique_ptr<Session>>([&] { return Open(options_); }));
  shards_ = std::move(fresh->shards_);
  analyzer_ = std::move(fresh->analyzer_);
  uuid_ = std::move(fresh->uuid_);
  roots_.reset();
  return Status::Ok();
}

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
