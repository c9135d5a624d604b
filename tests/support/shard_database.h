// File: tests/support/shard_database.h
// A small Quarry database for tests of shards and of the searcher's opening
// of them: one document per word, holding that word, with the index
// settings recorded as quarry-index records them. Header-only: the test
// binary links the common libraries.
#ifndef QUARRY_TESTS_SUPPORT_SHARD_DATABASE_H_
#define QUARRY_TESTS_SUPPORT_SHARD_DATABASE_H_

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/text/analysis_config.h"
#include "tests/support/status_matchers.h"

namespace quarry::testing {

// Creates (or adds to) the database at `path` and commits: a document
// "/WORD" per word of `words`, with the schema version and `analysis`.
inline void MakeShard(const std::string& path, const std::vector<std::string>& words,
                      const AnalysisConfig& analysis = {}) {
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase db,
                       OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing));
  ASSERT_OK(WriteIndexSettings(db, analysis));
  for (const std::string& word : words) {
    Xapian::Document doc;
    doc.add_term(word);
    doc.add_boolean_term(schema::UniqueIdTerm("/" + word));
    db.replace_document(schema::UniqueIdTerm("/" + word), doc);
  }
  db.commit();
}

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SUPPORT_SHARD_DATABASE_H_
