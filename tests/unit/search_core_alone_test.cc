// The search core links and runs on its own: this binary links
// quarry_search_core (and the test helpers) only, without the CLI helpers
// or Boost.ProgramOptions, and searches an index written here through the
// shared schema and term builder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/index/term_builder.h"
#include "searcher/searcher.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

// A document at `path` whose body is `text`, with the path shown in hits.
void AddDocument(Xapian::WritableDatabase& db, Analyzer& analyzer, const std::string& path,
                 const std::string& text) {
  Xapian::Document doc;
  IndexText(analyzer, doc, text, 1, {});
  const std::string id = schema::UniqueIdTerm(path);
  doc.add_boolean_term(id);
  doc.add_value(schema::kPathSlot, path);
  db.replace_document(id, doc);
}

TEST(SearchCoreAloneTest, OpensAndSearchesWithoutTheCli) {
  testing::TempDir dir;
  const std::string path = dir.Path("db");
  {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase db,
                         OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing));
    ASSERT_OK_AND_ASSIGN(Analyzer analyzer, Analyzer::Create({}));
    AddDocument(db, analyzer, "/notes/heron.txt", "The heron waits by the water.");
    AddDocument(db, analyzer, "/notes/crab.txt", "A hermit crab.");
    db.commit();
  }
  SearcherOptions options;
  options.db_paths = {path};
  ASSERT_OK_AND_ASSIGN(Searcher searcher, Searcher::Open(options));
  SearchRequest request;
  request.query = "herons";
  request.snippet_bytes = 0;
  ASSERT_OK_AND_ASSIGN(ResultPage page, searcher.Search(request));
  ASSERT_THAT(page.hits, ::testing::SizeIs(1));
  EXPECT_EQ(page.hits[0].path, "/notes/heron.txt");
  EXPECT_THAT(page.notices, ::testing::IsEmpty());

  options.db_paths = {dir.Path("nothing")};
  EXPECT_THAT(Searcher::Open(options), StatusIs(StatusCode::kNotFound, HasSubstr("nothing")));
}

}  // namespace
}  // namespace quarry::searcher
