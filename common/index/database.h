// File: common/index/database.h
// Finding, opening and checking a Quarry database, for both tools. Every
// Xapian::Error raised while opening becomes a Status here.
#ifndef QUARRY_COMMON_INDEX_DATABASE_H_
#define QUARRY_COMMON_INDEX_DATABASE_H_

#include <xapian.h>

#include <optional>
#include <string>

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

// Opens a database for writing. Locked when another writer holds it (the
// caller decides whether to wait and retry).
StatusOr<Xapian::WritableDatabase> OpenDatabaseForWriting(const std::string& path,
                                                          CreateMode mode);

// The analysis settings recorded in the database. NotFound when the database
// has none (an empty or foreign database); FailedPrecondition for an
// unknown version.
StatusOr<AnalysisConfig> ReadAnalysisConfig(const Xapian::Database& db);

// Records the schema version and analysis settings (not committed here).
Status WriteIndexSettings(Xapian::WritableDatabase& db, const AnalysisConfig& config);

// True when `path` holds a database (of any kind Xapian knows).
bool DatabaseExists(const std::string& path);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_DATABASE_H_
