#include "common/index/shards.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/hash.h"
#include "common/index/database.h"
#include "common/index/schema.h"

namespace quarry {

namespace fs = std::filesystem;

namespace {

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

StatusOr<unsigned> ParsePort(const std::string& text) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgumentError("'" + text + "' is not a port number");
  }
  unsigned port = static_cast<unsigned>(std::stoul(text));
  if (port == 0 || port > 65535) return InvalidArgumentError("port " + text + " is out of range");
  return port;
}

StatusOr<ShardLocation> ParseStubLine(const std::string& kind, const std::string& rest,
                                      const std::string& stub_dir) {
  if (kind == "auto" || kind == "glass" || kind == "chert") {
    if (rest.empty()) return InvalidArgumentError("'" + kind + "' needs a path");
    fs::path path(rest);
    if (path.is_relative()) path = fs::path(stub_dir.empty() ? "." : stub_dir) / path;
    return ShardLocation::Local(path.lexically_normal().string());
  }
  if (kind == "remote") {
    if (!rest.empty() && rest[0] == ':') {
      return UnsupportedError("remote shards run as a program (remote :PROGRAM) are not "
                              "supported; serve the shard with xapian-tcpsrv instead");
    }
    size_t colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return InvalidArgumentError("'remote' needs HOST:PORT, not '" + rest + "'");
    }
    std::string host = rest.substr(0, colon);
    // Xapian accepts [v6-address]:port; the brackets are not part of the host.
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    QUARRY_ASSIGN_OR_RETURN(unsigned port, ParsePort(rest.substr(colon + 1)));
    return ShardLocation::Remote(host, port);
  }
  if (kind == "inmemory") return UnsupportedError("in-memory databases cannot be shards");
  return InvalidArgumentError("unknown database kind '" + kind + "' (expected auto or remote)");
}

// Writes `content` to `path` through a temporary file and a rename, so that
// readers never see a half-written file.
Status WriteFileAtomically(const fs::path& path, const std::string& content) {
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) return IoError("cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) return IoError("cannot replace " + path.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

std::string ShardName(size_t index) {
  char name[16];
  std::snprintf(name, sizeof name, "shard-%03zu", index);
  return name;
}

size_t ShardOf(std::string_view identity, size_t shard_count) {
  return static_cast<size_t>(Fingerprint64(identity) % shard_count);
}

std::string ShardPath(const std::string& dir, size_t index) {
  return (fs::path(dir) / ShardName(index)).string();
}

std::vector<std::string> LocalDatabasePaths(const std::string& db_path, size_t shard_count) {
  if (shard_count == 1) return {db_path};
  std::vector<std::string> paths;
  for (size_t i = 0; i < shard_count; ++i) paths.push_back(ShardPath(db_path, i));
  return paths;
}

StatusOr<size_t> CountLocalShards(const std::string& db_path) {
  if (!DatabaseExists(db_path)) return 0;
  if (StubFileOf(db_path).empty()) return 1;
  std::error_code ec;
  if (fs::is_regular_file(db_path, ec)) {
    return FailedPreconditionError(db_path + " is a stub file: give quarry-index the folder "
                                             "that holds the shards");
  }
  QUARRY_ASSIGN_OR_RETURN(std::vector<ShardLocation> shards, ListShards(db_path));
  for (size_t i = 0; i < shards.size(); ++i) {
    if (!(shards[i] == ShardLocation::Local(fs::path(ShardPath(db_path, i)).lexically_normal().string()))) {
      return FailedPreconditionError(
          db_path + " lists shards quarry-index did not write (" + shards[i].Describe() +
          "); it can be searched, but each of its shards must be indexed where it lives");
    }
  }
  return shards.size();
}

StatusOr<ShardChoice> ChooseShardCount(const std::string& db_path,
                                       std::optional<size_t> requested) {
  if (requested && (*requested == 0 || *requested > kMaxShards)) {
    return InvalidArgumentError("--shards takes 1 to " + std::to_string(kMaxShards) + ", not " +
                                std::to_string(*requested));
  }
  ShardChoice choice;
  QUARRY_ASSIGN_OR_RETURN(choice.existing, CountLocalShards(db_path));
  choice.count = requested ? *requested : std::max<size_t>(choice.existing, 1);
  // Another count, also between one database and shards, is a rebuild:
  // the new index is made beside the old one and exchanged whole.
  choice.rebuild = choice.existing != 0 && choice.existing != choice.count;
  return choice;
}

StatusOr<std::vector<Xapian::WritableDatabase>> OpenShardsForWriting(
    const std::string& db_path, const ShardChoice& choice, CreateMode mode,
    const AnalysisConfig& analysis, const LockWait& wait) {
  if (!DatabaseExists(db_path) && mode == CreateMode::kCreateIfMissing) {
    QUARRY_RETURN_IF_ERROR(CheckIndexPlace(db_path));
    QUARRY_RETURN_IF_ERROR(CreateIndexAtomically(db_path, analysis, choice.count, std::nullopt));
  }
  QUARRY_ASSIGN_OR_RETURN(std::vector<Xapian::WritableDatabase> shards,
                          LockIndex(db_path, choice.count, wait));
  QUARRY_RETURN_IF_ERROR(RecordIndexSettings(db_path, shards, analysis));
  return shards;
}

Status RecordIndexSettings(const std::string& db_path, std::vector<Xapian::WritableDatabase>& dbs,
                           const AnalysisConfig& analysis) {
  // Only once every shard is locked: the settings copy is the index's, and
  // another writer may be holding it.
  if (dbs.size() > 1) QUARRY_RETURN_IF_ERROR(WriteSettingsCopy(db_path, SettingsCopyEntries(analysis)));
  for (Xapian::WritableDatabase& db : dbs) QUARRY_RETURN_IF_ERROR(WriteIndexSettings(db, analysis));
  return Status::Ok();
}

StatusOr<std::vector<Xapian::WritableDatabase>> LockIndex(const std::string& db_path,
                                                          size_t shard_count,
                                                          const LockWait& wait) {
  std::vector<Xapian::WritableDatabase> locked;
  for (const std::string& path : LocalDatabasePaths(db_path, shard_count)) {
    QUARRY_ASSIGN_OR_RETURN(Xapian::WritableDatabase db,
                            OpenDatabaseForWriting(path, CreateMode::kOpenExisting, {}, wait));
    locked.push_back(std::move(db));
  }
  return locked;
}

std::map<std::string, std::string> SettingsCopyEntries(const AnalysisConfig& analysis) {
  return {{std::string(schema::kSchemaVersionKey), std::to_string(schema::kSchemaVersion)},
          {std::string(schema::kAnalysisKey), SerializeAnalysisConfig(analysis)}};
}

ShardLocation ShardLocation::Local(std::string path) {
  ShardLocation location;
  location.kind = Kind::kLocal;
  location.path = std::move(path);
  return location;
}

ShardLocation ShardLocation::Remote(std::string host, unsigned port) {
  ShardLocation location;
  location.kind = Kind::kRemote;
  location.host = std::move(host);
  location.port = port;
  return location;
}

std::string ShardLocation::Describe() const {
  if (kind == Kind::kLocal) return path;
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

StatusOr<std::vector<ShardLocation>> ParseStub(std::string_view text, const std::string& stub_dir,
                                               const std::string& stub_name) {
  std::vector<ShardLocation> shards;
  std::istringstream lines{std::string(text)};
  int number = 0;
  for (std::string raw; std::getline(lines, raw);) {
    ++number;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find_first_of(" \t");
    std::string kind = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : Trim(line.substr(space));
    StatusOr<ShardLocation> location = ParseStubLine(kind, rest, stub_dir);
    if (!location.ok()) {
      return Status(location.status().code(), stub_name + ":" + std::to_string(number) + ": " +
                                                  location.status().message());
    }
    shards.push_back(*std::move(location));
  }
  return shards;
}

std::string FormatStub(const std::vector<ShardLocation>& shards, const std::string& stub_dir) {
  std::string text;
  fs::path base = fs::absolute(stub_dir).lexically_normal();
  for (const ShardLocation& shard : shards) {
    if (shard.kind == ShardLocation::Kind::kRemote) {
      text += "remote " + shard.Describe() + "\n";
      continue;
    }
    fs::path path = fs::absolute(shard.path).lexically_normal();
    fs::path relative = path.lexically_relative(base);
    bool inside = !relative.empty() && *relative.begin() != "..";
    text += "auto " + (inside ? relative.string() : path.string()) + "\n";
  }
  return text;
}

std::string StubFolderOf(const std::string& stub_file) {
  fs::path folder = fs::path(stub_file).parent_path();
  return folder.empty() ? "." : folder.string();
}

std::string StubFileOf(const std::string& db_path) {
  if (IsRegularFile(db_path)) return db_path;
  std::string stub = db_path + "/" + std::string(kStubFileName);
  if (IsRegularFile(stub)) return stub;
  return {};
}

StatusOr<std::vector<ShardLocation>> ListShards(const std::string& db_path) {
  if (!DatabaseExists(db_path)) {
    return NotFoundError("no index at " + db_path + "; create it with: quarry-index --db " +
                         db_path + " FOLDER...");
  }
  std::string stub = StubFileOf(db_path);
  if (stub.empty()) return std::vector<ShardLocation>{ShardLocation::Local(db_path)};
  std::ifstream in(stub, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return IoError("cannot read " + stub);
  return ParseStub(text.str(), StubFolderOf(stub), stub);
}

Status WriteStub(const std::string& dir, const std::vector<ShardLocation>& shards) {
  return WriteFileAtomically(fs::path(dir) / kStubFileName, FormatStub(shards, dir));
}

Status WriteSettingsCopy(const std::string& dir, const std::map<std::string, std::string>& entries) {
  std::string text =
      "# Written by quarry-index: the settings of the shards listed in XAPIANDB.\n";
  for (const auto& [key, value] : entries) text += key + "=" + value + "\n";
  return WriteFileAtomically(fs::path(dir) / kSettingsCopyFileName, text);
}

StatusOr<std::map<std::string, std::string>> ReadSettingsCopy(const std::string& dir) {
  fs::path path = fs::path(dir) / kSettingsCopyFileName;
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("no settings copy at " + path.string());
  std::map<std::string, std::string> entries;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    size_t equals = line.find('=');
    if (equals == std::string::npos || equals == 0) {
      return DataLossError(path.string() + ":" + std::to_string(number) + ": not key=value");
    }
    entries[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return entries;
}

}  // namespace quarry
