#include "indexer/index_target.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <thread>

#include "common/index/compaction.h"
#include "common/index/database.h"
#include "common/index/index_folder.h"
#include "common/index/scratch.h"
#include "common/index/shards.h"

namespace quarry::indexer {

namespace {

std::string MarkerPath(const std::string& rebuild_path) {
  return rebuild_path + "/" + std::string(kRebuildMarkerFileName);
}

// "PATH.old-20261207-213005": where --rebuild keeps the old index. Not a
// scratch name: no run ever removes it.
std::string AsidePath(const std::string& db_path) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  std::string aside = db_path + ".old-" + stamp;
  for (int n = 2; std::filesystem::exists(aside); ++n) {
    aside = db_path + ".old-" + stamp + "-" + std::to_string(n);
  }
  return aside;
}

// Disposes of the old index, now at `old_at` beside `db_path`: removed,
// or kept aside (it has no scratch mark then, so no run removes it even if
// this one is killed before the rename).
std::string DisposeOfOld(const std::string& db_path, const std::string& old_at, OldCopy old,
                         RunReport& report) {
  if (old == OldCopy::kKept) {
    std::string aside = AsidePath(db_path);
    if (std::rename(old_at.c_str(), aside.c_str()) == 0) return aside;
    report.Warning("the old index is at " + old_at + " (it could not be renamed to " + aside + ")");
    return old_at;
  }
  Status removed = RemoveScratch(db_path, old_at);
  if (!removed.ok()) report.Warning(removed.message());
  return {};
}

}  // namespace

std::string RebuildPath(const std::string& db_path) {
  return ScratchPath(db_path, ScratchKind::kRebuild);
}

bool IsUnfinishedRebuild(const std::string& rebuild_path) {
  return IsRegularFile(MarkerPath(rebuild_path)) && DatabaseExists(rebuild_path);
}

Status MarkUnfinishedRebuild(const std::string& rebuild_path) {
  QUARRY_RETURN_IF_ERROR(MarkAsScratch(rebuild_path));  // Quarry's to remove, if abandoned
  std::ofstream marker(MarkerPath(rebuild_path), std::ios::trunc);
  marker << "an unfinished rebuild by quarry-index: the next run continues it\n";
  marker.close();
  if (!marker) return IoError("cannot write " + MarkerPath(rebuild_path));
  return Status::Ok();
}

Parts::~Parts() {
  writers_.clear();  // closes them
  for (const std::string& path : paths_) (void)RemoveScratch(index_path_, path);
}

StatusOr<Parts> Parts::Create(const std::string& index_path, size_t count,
                              const Analyzer& analyzer) {
  Parts parts;
  parts.index_path_ = index_path;
  for (size_t k = 1; k <= count; ++k) {
    QUARRY_ASSIGN_OR_RETURN(Xapian::WritableDatabase db, CreatePartDatabase(index_path, k));
    parts.paths_.push_back(PartDatabasePath(index_path, k));
    parts.writers_.push_back(std::make_unique<IndexWriter>(std::move(db), analyzer.Clone()));
  }
  return parts;
}

std::vector<IndexWriter*> Parts::writers() const {
  std::vector<IndexWriter*> all;
  for (const auto& writer : writers_) all.push_back(writer.get());
  return all;
}

Status Parts::Finish() {
  std::vector<Status> results(writers_.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < writers_.size(); ++i) {
    threads.emplace_back([this, i, &results] {
      results[i] = writers_[i]->Commit();
      writers_[i]->Close();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& result : results) QUARRY_RETURN_IF_ERROR(result);
  return Status::Ok();
}

uint64_t Parts::KeepAsPending() {
  for (auto& writer : writers_) {
    (void)writer->Commit();  // what fits; the last committed batch stays anyway
    writer->Close();
  }
  writers_.clear();
  uint64_t kept = 0;
  size_t number = 0;  // the highest pending number there, so names never collide
  for (const std::string& pending : FindPendingParts(index_path_)) {
    number = std::max<size_t>(number, std::stoul(pending.substr(pending.rfind("part") + 4)));
  }
  for (const std::string& path : paths_) {
    uint64_t documents = 0;
    try {
      documents = Xapian::Database(path).get_doccount();
    } catch (const Xapian::Error&) {
      // Unreadable: nothing that can be kept.
    }
    if (documents == 0) {
      (void)RemoveScratch(index_path_, path);
      continue;
    }
    std::string pending = ScratchPath(index_path_, ScratchKind::kPending, ++number);
    if (std::rename(path.c_str(), pending.c_str()) == 0) kept += documents;
  }
  paths_.clear();
  return kept;
}

// A whole index written in batches leaves its B-trees part-filled (Xapian
// splits blocks as batches merge in): compacting a freshly built one
// shrank the linux-doc index to less than half (bench/README.md). Only a
// run that filled an empty index pays for it; later runs change a little
// and leave the index as it is.
Status CompactFilled(const std::string& path, const std::vector<std::string>& parts,
                     const std::map<std::string, std::string>& metadata, IndexWriter& writer,
                     RunReport& report) {
  StatusOr<Exchanged> exchanged = CompactInPlace(path, parts, metadata);
  if (exchanged.ok()) {
    writer.Close();
    Status removed = RemoveScratch(path, exchanged->old_path);
    if (!removed.ok()) report.Warning(removed.message());
    return Status::Ok();  // the new index's lock goes with `exchanged`
  }
  if (exchanged.status().code() == StatusCode::kDataLoss) return exchanged.status();
  for (const std::string& part : parts) {
    Status copied = CopyDocumentsInto(part, writer.database());
    if (!copied.ok()) {
      return Status(copied.code(), exchanged.status().message() + "; " + copied.message());
    }
  }
  for (const auto& [key, value] : metadata) QUARRY_RETURN_IF_ERROR(writer.SetMetadata(key, value));
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  writer.Close();
  report.Warning(exchanged.status().message() +
                 (parts.empty() ? "" : "; its parts were copied in instead") +
                 " (the index is complete, only larger)");
  return Status::Ok();
}

void CompactShards(const std::vector<std::string>& shard_paths, IndexWriter& writer,
                   RunReport& report) {
  std::vector<std::pair<std::string, Exchanged>> done;  // each shard and its exchange
  for (const std::string& path : shard_paths) {
    StatusOr<Exchanged> exchanged = CompactInPlace(path, {});
    if (exchanged.ok()) {
      done.emplace_back(path, *std::move(exchanged));
    } else {
      report.Warning(exchanged.status().message() + " (the index is complete, only larger)");
    }
  }
  writer.Close();
  for (auto& [shard, exchanged] : done) {
    Status removed = RemoveScratch(shard, exchanged.old_path);
    if (!removed.ok()) report.Warning(removed.message());
  }
}

StatusOr<std::string> PutRebuildInPlace(const std::string& db_path, const std::string& rebuild_path,
                                        size_t shard_count, const std::vector<std::string>& parts,
                                        IndexWriter& writer, OldCopy old,
                                        std::optional<IndexAccess> access,
                                        const std::function<void()>& close_old, RunReport& report) {
  // The new index in place, locked until the old one is disposed of.
  std::optional<Exchanged> placed;
  std::vector<Xapian::WritableDatabase> shard_locks;
  if (shard_count == 1) {
    std::vector<std::string> sources{rebuild_path};
    sources.insert(sources.end(), parts.begin(), parts.end());
    StatusOr<Exchanged> exchanged = CompactAndExchange(sources, db_path, old, access);
    if (exchanged.ok()) {
      placed = *std::move(exchanged);
      writer.Close();
      Status removed = RemoveScratch(db_path, rebuild_path);
      if (!removed.ok()) report.Warning(removed.message());
    } else if (exchanged.status().code() == StatusCode::kDataLoss) {
      return exchanged.status();  // never a damaged rebuild in place
    } else {
      // Uncompacted, then: the parts copied in, the rebuild itself exchanged.
      report.Warning(exchanged.status().message() + "; putting the rebuilt index in place as "
                                                    "it is (complete, only larger)");
      for (const std::string& part : parts) {
        QUARRY_RETURN_IF_ERROR(CopyDocumentsInto(part, writer.database()));
      }
      QUARRY_RETURN_IF_ERROR(writer.Commit());
    }
  } else {
    CompactShards(LocalDatabasePaths(rebuild_path, shard_count), writer, report);
    QUARRY_ASSIGN_OR_RETURN(shard_locks, LockIndex(rebuild_path, shard_count));
  }
  if (!placed) {
    std::error_code ec;
    std::filesystem::remove(MarkerPath(rebuild_path), ec);
    Xapian::WritableDatabase lock = shard_locks.empty() ? writer.database() : shard_locks.front();
    QUARRY_ASSIGN_OR_RETURN(Exchanged exchanged,
                            ExchangeInto(rebuild_path, lock, db_path, old, access));
    placed = std::move(exchanged);
  }
  if (close_old) close_old();
  std::string aside = DisposeOfOld(db_path, placed->old_path, old, report);
  placed->lock.close();
  writer.Close();
  return aside;
}

}  // namespace quarry::indexer
