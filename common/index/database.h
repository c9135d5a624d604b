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

#include "common/index/last_run.h"
#include "common/status.h"
#include "common/text/analysis_config.h"

namespace quarry {

// The database location both tools use: `flag` (--db) when given, else the
// QUARRY_DB environment variable, else $XDG_DATA_HOME/quarry/index, else
// $HOME/.local/share/quarry/index.
std::string ResolveDatabasePath(const std::optional<std::string>& flag);

// Opens a database read-only and checks it is a Quarry index this build can
// read. NotFound (with the command that creates it) when nothing is at
// `path`; FailedPrecondition for another schema version; DataLoss when Xapian
// cannot read it.
StatusOr<Xapian::Database> OpenDatabaseForReading(const std::string& path);

// Checks that `db` (named `name` in messages) is a Quarry index of the schema
// version this build reads: FailedPrecondition when not, DataLoss when its
// metadata cannot be read.
Status CheckSchemaVersion(const Xapian::Database& db, const std::string& name);

enum class CreateMode {
  kOpenExisting,
  kCreateIfMissing,
  kOverwrite,  // start empty: the old content goes at the first commit
};

struct LockWait {
  // How long to wait for another writer to release the lock; zero: fail at
  // once with Locked.
  std::chrono::milliseconds timeout{0};
  // Polled while waiting; returning true gives up at once (with Locked), so
  // an interrupted run does not sit out the whole timeout.
  std::function<bool()> give_up;
};

// Rewrites the single (unsharded) database at `path` compactly: its B-trees
// filled, as xapian-compact does, typically less than half the size an
// index built in batches takes. The documents of the databases `parts`
// (PartDatabasePath) are merged in on the way, after those of `path`, with
// new document ids; their user metadata too (keys must not repeat). The
// compacted copy is built beside it (PATH.compact-PID, from the last
// committed revisions) and exchanged with it in one atomic rename, so
// searchers and crashes see one or the other, whole. REQUIRES: the caller
// holds the write lock of `path` (no other writer can commit meanwhile),
// has committed, and no part is being written. Returns the folder that now
// holds the old database, for the caller to remove once it has closed its
// handle on it (the parts are left to the caller as well); IoError (and
// `path` untouched) when compaction or the exchange fails.
StatusOr<std::string> CompactInPlace(const std::string& path,
                                     const std::vector<std::string>& parts = {});

// Where part `part` of a database being filled by several writers at once
// is written: beside `path`, named so that RemoveCompactionLeftovers
// removes it if the run is killed before CompactInPlace merges it.
std::string PartDatabasePath(const std::string& path, size_t part);

// True when folders beside `path` can be exchanged atomically
// (renameat2 RENAME_EXCHANGE), which CompactInPlace needs: not on every
// filesystem (NFS, ZFS before 2.2). Tried on two empty scratch folders.
bool CanExchangeBeside(const std::string& path);

// Adds every document and metadata entry of the database at `source` to
// `target` (uncommitted), new document ids: the slow way to merge a part
// when CompactInPlace cannot. IoError when Xapian fails.
Status CopyDocumentsInto(const std::string& source, Xapian::WritableDatabase& target);

// A new, empty database at PartDatabasePath(path, part), replacing any
// leftover there, written without waiting for the disk at commits (a part
// is scratch). IoError when it cannot be created.
StatusOr<Xapian::WritableDatabase> CreatePartDatabase(const std::string& path, size_t part);

// Runs `attempt`, which opens the index anew each time, up to three times
// while it fails with DataLoss. A run of quarry-index that fills an empty
// index ends by exchanging it for its compact copy (CompactInPlace); a
// reader that opened the index just before may then find tables that do
// not match what it read first (Xapian reports the index corrupt or
// unopenable). Opening it anew reads the compact copy whole; a truly
// damaged index fails the same way each time, and that error is returned.
template <typename T>
StatusOr<T> RetryIfSwapped(const std::function<StatusOr<T>()>& attempt) {
  constexpr int kAttempts = 3;
  for (int i = 1;; ++i) {
    StatusOr<T> result = attempt();
    if (result.ok() || result.status().code() != StatusCode::kDataLoss || i == kAttempts) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * i));
  }
}

// Removes the PATH.compact-* folders (compacted copies and parts) that runs
// killed while filling or compacting left beside the index at `path`.
// REQUIRES: the caller holds its write lock (so none of them is being built).
void RemoveCompactionLeftovers(const std::string& path);

// Opens a database for writing, waiting for the lock as `wait` says.
// Locked when another writer still holds it; IoError when it cannot be
// opened or created. A database that does not exist yet is first built
// under a temporary name with `settings` recorded, committed, and renamed
// into place, so that a crash at any moment leaves either no index or a
// valid empty one (never a Xapian database without Quarry settings).
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
// revision. DataLoss for any other Xapian error, with `what` as context.
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
