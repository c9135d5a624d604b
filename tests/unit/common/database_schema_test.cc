// Which index schema versions a build reads (common/index/schema.h): its
// own and the older ones it still understands; a newer index is refused
// with a message saying to update, not to rebuild.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

using ::testing::HasSubstr;

std::string IndexWithSchemaVersion(const testing::TempDir& dir, const std::string& version) {
  std::string path = dir.Path("db-" + version);
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  db.set_metadata(std::string(schema::kSchemaVersionKey), version);
  db.commit();
  return path;
}

TEST(SchemaVersionTest, ReadsItsOwnAndOlderReadableVersions) {
  testing::TempDir dir;
  for (int version = schema::kOldestReadableSchemaVersion; version <= schema::kSchemaVersion;
       ++version) {
    EXPECT_OK(OpenDatabaseForReading(IndexWithSchemaVersion(dir, std::to_string(version))));
  }
  EXPECT_OK(OpenDatabaseForReading(IndexWithSchemaVersion(dir, "1")));
}

TEST(SchemaVersionTest, ANewerIndexAsksForAnUpdateAnOlderOneForARebuild) {
  testing::TempDir dir;
  EXPECT_THAT(
      OpenDatabaseForReading(
          IndexWithSchemaVersion(dir, std::to_string(schema::kSchemaVersion + 1))),
      testing::StatusIs(StatusCode::kFailedPrecondition, HasSubstr("written by a newer Quarry")));
  EXPECT_THAT(OpenDatabaseForReading(IndexWithSchemaVersion(dir, "0")),
              testing::StatusIs(StatusCode::kFailedPrecondition,
                                HasSubstr("rebuild it with quarry-index")));
  EXPECT_THAT(OpenDatabaseForReading(IndexWithSchemaVersion(dir, "2x")),
              testing::StatusIs(StatusCode::kFailedPrecondition,
                                HasSubstr("rebuild it with quarry-index")));
}

TEST(SchemaVersionTest, WritingRecordsTheCurrentVersion) {
  testing::TempDir dir;
  std::string path = IndexWithSchemaVersion(dir, "1");
  {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase db,
                         OpenDatabaseForWriting(path, CreateMode::kOpenExisting, AnalysisConfig{}));
    ASSERT_OK(WriteIndexSettings(db, AnalysisConfig{}));
    db.commit();
  }
  Xapian::Database db(path);
  EXPECT_EQ(db.get_metadata(std::string(schema::kSchemaVersionKey)),
            std::to_string(schema::kSchemaVersion));
}

}  // namespace
}  // namespace quarry
