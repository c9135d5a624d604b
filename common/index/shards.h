// File: common/index/shards.h
// A sharded index: one folder, named by --db, holding shard databases
// (shard-000, shard-001, ...), a Xapian stub file (XAPIANDB) that lists them,
// and a local copy of the index settings. The stub may also list shards
// served by xapian-tcpsrv on other machines ("remote HOST:PORT" lines).
//
//   /srv/quarry/index/XAPIANDB          auto shard-000
//                                       auto shard-001
//                                       remote 10.0.0.2:7000
//   /srv/quarry/index/quarry-settings   the schema version and analysis settings
//   /srv/quarry/index/shard-000/        a Xapian glass database
//
// Xapian itself opens such a folder as one database; quarry-search opens it
// as a ShardSet (searcher/shard_set.h) instead, so that a shard that is down
// or slow is reported as missing rather than hanging or failing the whole
// search.
//
// Everything here is on-disk format: the file names, the stub syntax we
// write, and the shard choice (ShardOf). Changing ShardOf moves documents
// between shards, which means rebuilding every sharded index.
#ifndef QUARRY_COMMON_INDEX_SHARDS_H_
#define QUARRY_COMMON_INDEX_SHARDS_H_

#include <xapian.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/index/database.h"
#include "common/status.h"
#include "common/text/analysis_config.h"

namespace quarry {

// The stub file inside a sharded index folder. Xapian looks for this name
// when it opens a folder, so the folder works with xapian-delve and quest too.
inline constexpr std::string_view kStubFileName = "XAPIANDB";
// The settings copy beside the stub (see WriteSettingsCopy).
inline constexpr std::string_view kSettingsCopyFileName = "quarry-settings";
// The most shards quarry-index writes (names stay three digits wide).
inline constexpr size_t kMaxShards = 999;

// "shard-000", "shard-001", ...: the folder of shard `index` in the index
// folder. REQUIRES: index < kMaxShards.
std::string ShardName(size_t index);

// The shard a document belongs to, from its identity (the unique-id term of
// the file, schema::UniqueIdTerm(path)): a stable 64-bit fingerprint modulo
// `shard_count`, so the same file always lands in the same shard and a
// reindex replaces it in place. REQUIRES: shard_count > 0.
size_t ShardOf(std::string_view identity, size_t shard_count);

// The path of shard `index` of the index folder `dir`.
std::string ShardPath(const std::string& dir, size_t index);

// The databases of the index at `db_path` with `shard_count` local shards:
// itself when 1, else its shards in order.
std::vector<std::string> LocalDatabasePaths(const std::string& db_path, size_t shard_count);

// How many shards quarry-index keeps at `db_path`: 0 when nothing is there,
// 1 for a plain database, N for a folder whose stub lists exactly
// shard-000 ... shard-(N-1) inside it. FailedPrecondition for a stub the
// indexer did not write (remote shards, other paths): such a stub is
// searched, never written to. Errors of ListShards otherwise.
StatusOr<size_t> CountLocalShards(const std::string& db_path);

// The number of shards a quarry-index run writes, from what the index has
// and what --shards asks for.
struct ShardChoice {
  size_t count = 1;     // 1: one database at --db; N > 1: N shards in the folder --db
  size_t existing = 0;  // what the index has now (0: nothing yet)
  // The index has shards and the count changes: every document may move to
  // another shard, so the whole index is rebuilt (never a silent mix).
  bool rebuild = false;
};

// Chooses the shard count for the index at `db_path`: `requested` when
// given, else what the index has (1 for a new one). FailedPrecondition for
// a switch between one database and shards (it would leave both layouts in
// one folder: index into a new --db instead), and for stubs the indexer did
// not write (see CountLocalShards). InvalidArgument when `requested` is 0
// or above kMaxShards.
StatusOr<ShardChoice> ChooseShardCount(const std::string& db_path, std::optional<size_t> requested);

// Opens the database(s) of `choice` at `db_path` for writing, shard-000
// first (so that two indexers meet at the same first lock), with
// OpenDatabaseForWriting's `mode` and errors; with kCreateIfMissing, an
// index that does not exist yet is first made whole by
// CreateIndexAtomically (private). Every database gets the index settings
// (committed with the first commit). Each lock is waited for as `wait`
// says.
StatusOr<std::vector<Xapian::WritableDatabase>> OpenShardsForWriting(
    const std::string& db_path, const ShardChoice& choice, CreateMode mode,
    const AnalysisConfig& analysis, const LockWait& wait = {});

// Records the index settings (schema version, `analysis`) in each of the
// open databases `dbs` of the index at `db_path` (uncommitted: they go
// with the next commit) and, for shards, in the settings copy beside the
// stub. REQUIRES: the caller holds their write locks.
Status RecordIndexSettings(const std::string& db_path, std::vector<Xapian::WritableDatabase>& dbs,
                           const AnalysisConfig& analysis);

// Takes the write lock of the index at `db_path` (its `shard_count`
// databases, shard-000 first) without writing anything to it: held while a
// rebuild is made beside it. Errors as OpenDatabaseForWriting.
StatusOr<std::vector<Xapian::WritableDatabase>> LockIndex(const std::string& db_path,
                                                          size_t shard_count,
                                                          const LockWait& wait = {});

// One line of a stub: a database on this machine or one served by
// xapian-tcpsrv.
struct ShardLocation {
  enum class Kind { kLocal, kRemote };
  Kind kind = Kind::kLocal;
  std::string path;   // kLocal: absolute or relative to the working folder
  std::string host;   // kRemote
  unsigned port = 0;  // kRemote

  static ShardLocation Local(std::string path);
  static ShardLocation Remote(std::string host, unsigned port);

  // How messages name the shard: its path, or HOST:PORT.
  std::string Describe() const;
  bool operator==(const ShardLocation&) const = default;
};

// Parses stub text in the syntax Xapian 1.4 accepts: one database per line,
// "auto PATH" (also "glass PATH", "chert PATH"), "remote HOST:PORT";
// blank lines and lines starting with '#' are ignored. Relative paths are
// resolved against `stub_dir`, the stub's folder, as Xapian does.
// `stub_name` names the stub in messages. InvalidArgument (with the line
// number) for a line Xapian would refuse; Unsupported for kinds we do not
// open ("remote :PROGRAM", "inmemory").
StatusOr<std::vector<ShardLocation>> ParseStub(std::string_view text, const std::string& stub_dir,
                                               const std::string& stub_name);

// Stub text listing `shards`; local shards inside `stub_dir` are written
// relative to it, so the folder can be moved or copied as a whole.
std::string FormatStub(const std::vector<ShardLocation>& shards, const std::string& stub_dir);

// The folder of the stub file `stub_file` (".": the working folder), which
// its relative paths and the settings copy are relative to.
std::string StubFolderOf(const std::string& stub_file);

// The stub file `db_path` names: `db_path` itself when it is a file, or
// `db_path`/XAPIANDB when that exists. Empty when `db_path` is not a stub
// (a plain database, or nothing).
std::string StubFileOf(const std::string& db_path);

// The shards `db_path` names: those its stub lists, or `db_path` itself as
// one local database. NotFound when nothing is at `db_path`; errors of
// ParseStub; IoError when the stub cannot be read.
StatusOr<std::vector<ShardLocation>> ListShards(const std::string& db_path);

// Writes the stub of the index folder `dir` (replacing it atomically: a
// reader sees the old list or the new one, never half).
Status WriteStub(const std::string& dir, const std::vector<ShardLocation>& shards);

// The settings copy: metadata entries (schema version, analysis settings)
// kept beside the stub so that a searcher knows how to analyse queries even
// when the shard holding them is unreachable. Written atomically, one
// "key=value" line per entry. REQUIRES: keys hold no '=' or newline,
// values no newline.
Status WriteSettingsCopy(const std::string& dir, const std::map<std::string, std::string>& entries);
// The entries of the settings copy of an index analysed with `analysis`:
// this build's schema version and the analysis settings.
std::map<std::string, std::string> SettingsCopyEntries(const AnalysisConfig& analysis);
// NotFound when `dir` has no settings copy; DataLoss for a malformed one.
StatusOr<std::map<std::string, std::string>> ReadSettingsCopy(const std::string& dir);

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_SHARDS_H_
