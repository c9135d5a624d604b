// Opening the index for writing while another writer holds it (issue 4).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "common/index/database.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

using std::chrono::milliseconds;

TEST(DatabaseLockTest, NewIndexIsCreatedWithItsSettings) {
  testing::TempDir dir;
  std::string path = dir.Path("sub/db");
  AnalysisConfig settings;
  settings.language = "french";
  {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase db,
                         OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, settings));
  }
  // Already a Quarry index before anything else was written or committed.
  ASSERT_OK_AND_ASSIGN(Xapian::Database db, OpenDatabaseForReading(path));
  ASSERT_OK_AND_ASSIGN(AnalysisConfig recorded, ReadAnalysisConfig(db));
  EXPECT_EQ(recorded.language, "french");
}

TEST(DatabaseLockTest, LockedAtOnceOrAfterTheWait) {
  testing::TempDir dir;
  std::string path = dir.Path("db");
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase holder,
                       OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, {}));
  EXPECT_THAT(OpenDatabaseForWriting(path, CreateMode::kOpenExisting, {}).status(),
              testing::StatusIs(StatusCode::kLocked));
  StatusOr<Xapian::WritableDatabase> waited =
      OpenDatabaseForWriting(path, CreateMode::kOpenExisting, {}, LockWait{milliseconds(200), {}});
  EXPECT_THAT(waited.status(), testing::StatusIs(StatusCode::kLocked));
  EXPECT_NE(waited.status().message().find("after waiting 0.2 s"), std::string::npos)
      << waited.status().message();
  // Giving up early ends the wait well before the timeout.
  auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(OpenDatabaseForWriting(path, CreateMode::kOpenExisting, {},
                                     LockWait{milliseconds(60000), [] { return true; }})
                  .status(),
              testing::StatusIs(StatusCode::kLocked));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(DatabaseLockTest, WaitSucceedsWhenTheLockIsReleased) {
  testing::TempDir dir;
  std::string path = dir.Path("db");
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase holder,
                       OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, {}));
  std::thread release([&] {
    std::this_thread::sleep_for(milliseconds(200));
    holder.close();
  });
  StatusOr<Xapian::WritableDatabase> db =
      OpenDatabaseForWriting(path, CreateMode::kOpenExisting, {}, LockWait{milliseconds(30000), {}});
  release.join();
  EXPECT_OK(db.status());
}

}  // namespace
}  // namespace quarry
