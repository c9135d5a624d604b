#include "indexer/index_target.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
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

// Disposes of the old index, now at `old_at` beside `db_path`.
std::string DisposeOfOld(const std::string& db_path, const std::string& old_at, OldIndex old,
                         RunReport& report) {
  if (old == OldIndex::kKeepAside) {
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
  size_t number = FindPendingParts(index_path_).size();
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
StatusOr<bool> CompactFilled(const std::string& path, const std::vector<std::string>& parts,
                             IndexWriter& writer, RunReport& report) {
  StatusOr<std::string> old = CompactInPlace(path, parts);
  if (old.ok()) {
    writer.Close();
    Status removed = RemoveScratch(path, *old);
    if (!removed.ok()) report.Warning(removed.message());
    return true;
  }
  for (const std::string& part : parts) {
    Status copied = CopyDocumentsInto(part, writer.database());
    if (!copied.ok()) {
      return Status(copied.code(), old.status().message() + "; " + copied.message());
    }
  }
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  report.Warning(old.status().message() + (parts.empty() ? "" : "; its parts were copied in instead") +
                 " (the index is complete, only larger)");
  return false;
}

void CompactShards(const std::vector<std::string>& shard_paths, IndexWriter& writer,
                   RunReport& report) {
  std::vector<std::pair<std::string, std::string>> old;  // shard, where its old copy is
  for (const std::string& path : shard_paths) {
    StatusOr<std::string> exchanged = CompactInPlace(path, {});
    if (exchanged.ok()) {
      old.emplace_back(path, *exchanged);
    } else {
      report.Warning(exchanged.status().message() + " (the index is complete, only larger)");
    }
  }
  writer.Close();
  for (const auto& [shard, copy] : old) {
    Status removed = RemoveScratch(shard, copy);
    if (!removed.ok()) report.Warning(removed.message());
  }
}

StatusOr<std::string> PutRebuildInPlace(const std::string& db_path, const std::string& rebuild_path,
                                        size_t shard_count, const std::vector<std::string>& parts,
                                        IndexWriter& writer, OldIndex old,
                                        const std::function<void()>& close_old, RunReport& report) {
  std::string old_at;
  if (shard_count == 1) {
    std::vector<std::string> sources{rebuild_path};
    sources.insert(sources.end(), parts.begin(), parts.end());
    StatusOr<std::string> exchanged = CompactAndExchange(sources, db_path);
    if (exchanged.ok()) {
      old_at = *exchanged;
      writer.Close();
      Status removed = RemoveScratch(db_path, rebuild_path);
      if (!removed.ok()) report.Warning(removed.message());
    } else {
      // Uncompacted, then: the parts copied in, the rebuild itself exchanged.
      report.Warning(exchanged.status().message() + "; putting the rebuilt index in place as "
                                                    "it is (complete, only larger)");
      for (const std::string& part : parts) {
        QUARRY_RETURN_IF_ERROR(CopyDocumentsInto(part, writer.database()));
      }
      QUARRY_RETURN_IF_ERROR(writer.Commit());
      writer.Close();
      old_at = rebuild_path;
    }
  } else {
    CompactShards(LocalDatabasePaths(rebuild_path, shard_count), writer, report);
    old_at = rebuild_path;
  }
  if (old_at == rebuild_path) {
    std::error_code ec;
    std::filesystem::remove(MarkerPath(rebuild_path), ec);
    QUARRY_RETURN_IF_ERROR(CopyFolderAccess(db_path, rebuild_path));
    QUARRY_RETURN_IF_ERROR(ExchangeFolders(rebuild_path, db_path));
  }
  if (close_old) close_old();
  return DisposeOfOld(db_path, old_at, old, report);
}

}  // namespace quarry::indexer
