#include "common/index/database.h"

#include <cstdlib>
#include <filesystem>

#include "common/index/schema.h"

namespace quarry {

std::string ResolveDatabasePath(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return *flag;
  if (const char* env = std::getenv("QUARRY_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && xdg[0] == '/') {
    return std::string(xdg) + "/quarry/index";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/quarry/index";
  }
  return ".quarry-index";
}

bool DatabaseExists(const std::string& path) {
  std::error_code ec;
  namespace fs = std::filesystem;
  if (fs::is_regular_file(path, ec)) return true;  // a stub file
  return fs::exists(fs::path(path) / "iamglass", ec) ||
         fs::exists(fs::path(path) / "iamchert", ec) ||
         fs::exists(fs::path(path) / "XAPIANDB", ec);
}

Status CheckSchemaVersion(const Xapian::Database& db, const std::string& name) {
  std::string version;
  try {
    version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read index " + name + ": " + e.get_description());
  }
  if (version.empty()) {
    return FailedPreconditionError(name + " is a Xapian database but not a Quarry index");
  }
  if (version != std::to_string(schema::kSchemaVersion)) {
    return FailedPreconditionError(name + " has index schema version " + version +
                                   ", this build reads version " +
                                   std::to_string(schema::kSchemaVersion) +
                                   "; rebuild it with quarry-index");
  }
  return Status::Ok();
}

StatusOr<Xapian::Database> OpenDatabaseForReading(const std::string& path) {
  if (!DatabaseExists(path)) {
    return NotFoundError("no index at " + path +
                         "; create it with: quarry-index --db " + path + " FOLDER...");
  }
  try {
    Xapian::Database db(path);
    QUARRY_RETURN_IF_ERROR(CheckSchemaVersion(db, path));
    return db;
  } catch (const Xapian::DatabaseOpeningError& e) {
    return DataLossError("cannot open index " + path + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read index " + path + ": " + e.get_description());
  }
}

StatusOr<Xapian::WritableDatabase> OpenDatabaseForWriting(const std::string& path,
                                                          CreateMode mode) {
  try {
    int flags = Xapian::DB_OPEN;
    if (mode != CreateMode::kOpenExisting) {
      std::error_code ec;
      std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
      flags = mode == CreateMode::kOverwrite ? Xapian::DB_CREATE_OR_OVERWRITE
                                             : Xapian::DB_CREATE_OR_OPEN;
    }
    return Xapian::WritableDatabase(path, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    return LockedError("index " + path + " is locked by another quarry-index");
  } catch (const Xapian::DatabaseOpeningError& e) {
    return IoError("cannot open index " + path + " for writing: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return IoError("cannot open index " + path + " for writing: " + e.get_description());
  }
}

StatusOr<AnalysisConfig> ReadAnalysisConfig(const Xapian::Database& db) {
  std::string text;
  try {
    text = db.get_metadata(std::string(schema::kAnalysisKey));
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read analysis settings: " + e.get_description());
  }
  if (text.empty()) return NotFoundError("the index records no analysis settings");
  return ParseAnalysisConfig(text);
}

Status WriteIndexSettings(Xapian::WritableDatabase& db, const AnalysisConfig& config) {
  try {
    db.set_metadata(std::string(schema::kSchemaVersionKey),
                    std::to_string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kAnalysisKey), SerializeAnalysisConfig(config));
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return IoError("cannot record index settings: " + e.get_description());
  }
}

}  // namespace quarry
