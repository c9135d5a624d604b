// File: indexer/indexer_config.h
// Everything one run of quarry-index needs to know, validated; built by
// options.cc from the command line and --config, read by the pipeline.
#ifndef QUARRY_INDEXER_INDEXER_CONFIG_H_
#define QUARRY_INDEXER_INDEXER_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/index/index_folder.h"
#include "indexer/corpus/walker.h"
#include "indexer/extract/jsonl_extractor.h"

namespace quarry::indexer {

struct IndexerConfig {
  std::string db_path;
  // Folders (or files) to index. Empty: the roots the index recorded.
  std::vector<std::string> roots;
  // Analysis settings. Unset: what the index recorded (english and folding
  // on for a new index). Set to a different value: the index is rebuilt.
  std::optional<std::string> language;
  std::optional<bool> fold_diacritics;
  // Shard databases to split the index into. Unset: as many as the index
  // has (one database for a new index). Another count rebuilds the index.
  std::optional<size_t> shards;
  WalkOptions walk;
  // Which fields of a JSON Lines record are its id, title and text.
  JsonlFieldMapping jsonl;
  // Files larger than this are skipped (and counted); so are compressed
  // files that expand to more than this.
  uint64_t max_file_bytes = 64ull << 20;
  // Extracted text beyond this many bytes per document is not indexed.
  uint64_t max_text_bytes = 16ull << 20;
  // Keep a copy of every document's text in the index, also of those the
  // searcher can read from their files (common/index/stored_text.h).
  // Unset: what the index records (no for a new index); another value
  // rebuilds the index.
  std::optional<bool> store_text;
  // Documents written between commits; a crash loses at most one batch.
  size_t batch_size = 1000;
  // Threads that read, extract and analyze files for the one writer
  // thread; 1 does everything on the calling thread.
  size_t jobs = 1;
  // How long to wait for another writer's lock; zero: exit at once (Locked).
  std::chrono::milliseconds lock_wait{0};
  // The mass-delete guard: a run that would delete more than this share
  // (0..1) of the indexed files is refused, unless allow_mass_delete.
  double max_delete_share = 0.2;
  bool allow_mass_delete = false;
  // An index (each shard) whose size on disk passes this multiple of a
  // compact copy's estimated size is compacted at the end of an update run
  // (common/index/compaction.h MeasureGrowth); 0: never.
  double max_growth = 1.25;
  // Who may read the index (its folder's mode). Unset: a new index is
  // private, an existing one keeps its folder's mode.
  std::optional<IndexAccess> access;
  // Rebuild the index from its folders even though its settings have not
  // changed (quarry-index --rebuild): beside it, the old copy kept aside.
  bool rebuild = false;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_INDEXER_CONFIG_H_
