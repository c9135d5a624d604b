// File: common/index/database.h
// Finding, opening and checking a Quarry database, for both tools. Every
// Xapian::Error raised while opening becomes a Status here.
#ifndef QUARRY_COMMON_INDEX_DATABASE_H_
#define QUARRY_COMMON_INDEX_DATABASE_H_

#include <xapian.h>

#include <chrono>
#include <functional>
#include <optional>
#include <thread>
#include <string>
#include <vector>

#include "common/index/index_folder.h"
#include "common/index/last_run.h"
#include "common/status.h"
#include "common/text/analysis_config.h"

namespace quarry {

// The database location both tools use: `flag` (--db) when given, else the
// QUARRY_DB environment variable, else $XDG_DATA_HOME/quarry/index, else
// $HOME/.local/share/quarry/index.
std::string ResolveDatabasePath(const std::optional<std::string>& flag);

// Opens a database read-only and checks it is a Quarry index this build can
// read. NotFound when there is no index at `path` (with the command that
// creates one when nothing or an empty folder is there, or what is there);
// FailedPrecondition for another schema version or a Xapian database that
// is not a Quarry index; PermissionDenied when the system refuses access;
// DataLoss (DamagedIndexError) when the index is damaged.
StatusOr<Xapian::Database> OpenDatabaseForReading(const std::string& path);

// Checks that `db` (named `name` in messages) is a Quarry index of the schema
// version this build reads: FailedPrecondition when not, DataLoss when its
// metadata cannot be read.
Status CheckSchemaVersion(const Xapian::Database& db, const std::string& name);

enum class CreateMode {
  kOpenExisting,
  kCreateIfMissing,  // made atomically (CreateIndexAtomically) when nothing is there
};

struct LockWait {
  // How long to wait for another writer to release the lock; zero: fail at
  // once with Locked.
  std::chrono::milliseconds timeout{0};
  // Polled while waiting; returning true gives up at once (with Locked), so
  // an interrupted run does not sit out the whole timeout.
  std::function<bool()> give_up;
};

// The Status of a Xapian error while writing: NoSpace when the disk or the
// quota is full (Xapian reports the system error), IoError otherwise;
// "context: description".
Status XapianWriteError(const std::string& context, const Xapian::Error& error);

// The Status of a Xapian error while opening or reading the index at
// `path`: PermissionDenied when the system refused access, DataLoss
// otherwise; a damaged index (DamagedIndexError) when Xapian found it
// corrupt.
Status XapianReadError(const std::string& path, const Xapian::Error& error);

// DataLoss saying that the index at `path` is damaged (`detail` says how),
// with the commands that check and rebuild it.
Status DamagedIndexError(const std::string& path, const std::string& detail);

// Runs `attempt`, which opens the index anew each time, up to three times
// while it fails with DataLoss. A run of quarry-index that fills or
// rebuilds an index ends by exchanging it for its compact copy
// (CompactAndExchange); a reader that opened the index just before may
// then find tables that do not match what it read first (Xapian reports
// the index corrupt or unopenable). Opening it anew reads the new copy
// whole; a truly damaged index fails the same way each time, and that
// error is returned.
template <typename T>
StatusOr<T> RetryIfSwapped(const std::function<StatusOr<T>()>& attempt) {
  constexpr int kAttempts = 3;
  for (int i = 1;; ++i) {
    StatusOr<T> result = attempt();
    if (result.ok() || result.status().code() != StatusCode::kDataLoss || i == kAttempts) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * i));
  }
}

// Makes an empty index with `settings` recorded at `path`, where nothing or
// an empty folder is: built beside it (ScratchKind::kNew) with `access`
// (nullopt: private), committed, and renamed into place, so that a crash
// at any moment leaves either no index or a valid empty one (the new index
// has no scratch mark: a rebuild beside the index marks its own).
// `shard_count` above
// 1 makes a sharded index folder (stub, settings copy, shards). OK as well
// when another run made an index there meanwhile. IoError (NoSpace) when
// it cannot.
Status CreateIndexAtomically(const std::string& path, const AnalysisConfig& settings,
                             size_t shard_count, std::optional<IndexAccess> access);

// Opens a database for writing, waiting for the lock as `wait` says.
// Locked when another writer still holds it; IoError when it cannot be
// opened or created. With kCreateIfMissing, a database that does not exist
// yet is first made with `settings` by CreateIndexAtomically (private), so
// there is never a Xapian database without Quarry settings.
StatusOr<Xapian::WritableDatabase> OpenDatabaseForWriting(const std::string& path,
                                                          CreateMode mode,
                                                          const AnalysisConfig& settings = {},
                                                          const LockWait& wait = {});

// The analysis settings recorded in the database. NotFound when the database
// has none (an empty or foreign database); FailedPrecondition for an
// unknown version.
// With VersionCheck::kAnyVersion, the settings of any analysis version are
// returned (see ParseAnalysisSettingsOfAnyVersion), for a rebuild.
enum class VersionCheck { kCurrentOnly, kAnyVersion };
StatusOr<AnalysisConfig> ReadAnalysisConfig(const Xapian::Database& db,
                                            VersionCheck check = VersionCheck::kCurrentOnly);

// Records the schema version and analysis settings (not committed here).
Status WriteIndexSettings(Xapian::WritableDatabase& db, const AnalysisConfig& config);

// What an index holds, for `quarry-index --status`.
struct IndexSummary {
  std::string path;
  uint64_t documents = 0;
  uint64_t skipped_files = 0;       // files remembered as not indexable
  std::vector<std::string> roots;   // folders the index follows
  AnalysisConfig analysis;
  std::string schema_version;       // as recorded (schema::kSchemaVersionKey)
  bool store_text = false;          // schema::kStoreTextKey: every text is copied
  std::optional<LastRun> last_run;  // the last run that changed the index
};

// Reads the summary of the index at `path`; errors as OpenDatabaseForReading.
StatusOr<IndexSummary> SummarizeIndex(const std::string& path);

// The folders recorded in the index (schema::kRootsKey), in recorded order.
std::vector<std::string> ReadRoots(const Xapian::Database& db);

// Runs `read` (Xapian reads that fill the caller's variables), reopening
// `db` and running it again when a reindex discards the revision being read
// (Xapian::DatabaseModifiedError): each read then sees one whole committed
// revision. The same error when no newer revision exists is damage, not a
// reindex: DataLoss at once, saying so. DataLoss for any other Xapian
// error, with `what` as context.
Status ReadWithReopen(const Xapian::Database& db, const std::string& what,
                      const std::function<void()>& read);

// True when `path` holds a database (of any kind Xapian knows).
bool DatabaseExists(const std::string& path);

// True when `path` is a regular file (following symlinks). A plain stat():
// every search opens its index through this and DatabaseExists, and the
// first use of std::filesystem costs a fresh process 30 to 45 us.
bool IsRegularFile(const std::string& path);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_DATABASE_H_
