// File: tests/e2e/reindex_util.h
// Helpers for the reindexing tests (issue 4): generated corpora, and a
// check that an index holds exactly the files of a folder, read straight
// from the database as omindexcheck does.
#ifndef QUARRY_TESTS_E2E_REINDEX_UTIL_H_
#define QUARRY_TESTS_E2E_REINDEX_UTIL_H_

#include <sys/stat.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>

#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "tests/e2e/e2e_util.h"

namespace quarry::testing {

// Every generated file holds this word, so one query lists them all.
inline constexpr const char* kCommonWord = "quarrycommon";

// Writes `count` small text files spread over 20 folders of `root`
// (relative to the fixture's corpus), each with kCommonWord, its own number
// word and `version`.
inline void WriteGeneratedCorpus(const CorpusFixture& fixture, int count, int first = 0,
                                 const std::string& version = "v0") {
  for (int i = first; i < first + count; ++i) {
    std::string name = "gen/d" + std::to_string(i % 20) + "/file" + std::to_string(i) + ".txt";
    fixture.Write(name, "File " + std::to_string(i) + "\n" + kCommonWord + " number" +
                            std::to_string(i) + " " + version +
                            " some ordinary words about rivers, hills and the weather.\n");
  }
}

// Differences between the index at `db` and the regular files under
// `root` (size and mtime must match too); empty when the index holds
// exactly the corpus, one document per file.
inline std::string DiffIndexAndCorpus(const std::string& db_path, const std::string& root) {
  std::map<std::string, std::pair<uint64_t, int64_t>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    struct stat st;
    if (::stat(entry.path().c_str(), &st) != 0) continue;
    files[entry.path().string()] = {static_cast<uint64_t>(st.st_size),
                                    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  std::string diff;
  std::map<std::string, int> seen;
  Xapian::Database db(db_path);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string path = doc.get_value(schema::kPathSlot);
    if (++seen[path] == 2) diff += "duplicate: " + path + "\n";
    auto file = files.find(path);
    if (file == files.end()) {
      diff += "stale (no such file): " + path + "\n";
    } else if (schema::DecodeUint64(doc.get_value(schema::kSizeSlot)) != file->second.first ||
               schema::DecodeTime(doc.get_value(schema::kMtimeSlot)) != file->second.second) {
      diff += "stale (file changed): " + path + "\n";
    }
    // The fields a result shows (document data) agree with the slots.
    const std::string data = doc.get_data();
    StatusOr<SplitData> split = SplitDocumentData(data);
    if (!split.ok() || !split->fields) {
      diff += "no shown fields: " + path + "\n";
    } else if (split->fields->path != path ||
               split->fields->size != schema::DecodeUint64(doc.get_value(schema::kSizeSlot)) ||
               split->fields->mtime_ns != schema::DecodeTime(doc.get_value(schema::kMtimeSlot))) {
      diff += "shown fields differ from the slots: " + path + "\n";
    }
  }
  for (const auto& [path, unused] : files) {
    if (!seen.count(path)) diff += "missing: " + path + "\n";
  }
  return diff;
}

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_E2E_REINDEX_UTIL_H_
