// End-to-end tests of a damaged index (issue 16, item 4): truncated or
// overwritten tables and a missing version file are reported as damage, at
// once, with the commands that check and rebuild the index; --check says
// whether it is sound; --rebuild makes a new one from its folders and keeps
// the damaged copy aside.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/e2e/reindex_util.h"

namespace quarry::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class DamagedIndexTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void SetUp() override {
    WriteGeneratedCorpus(*this, 300);
    // Every text copied into the index: its document data spans many blocks.
    ProcessResult r = Index({"--store-text", "yes"});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
  }

  // Overwrites 4 bytes at `offset` of the table file `table` of the index.
  void Overwrite(const std::string& table, std::streamoff offset, const std::string& bytes) {
    std::fstream file(Db() + "/" + table, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(file.good());
    file.seekp(offset);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  ProcessResult Search() const {
    return RunSearch({"--db", Db(), "--format", "json", "-n", "50", kCommonWord});
  }

  // A damaged index: the search fails at once as damage, naming the index
  // and both commands; --check agrees; --rebuild brings it back.
  void ExpectDamageAndRepair() {
    ProcessResult search = Search();
    EXPECT_EQ(search.exit_code, 2) << Describe(search);
    EXPECT_THAT(search.err, HasSubstr("is damaged"));
    EXPECT_THAT(search.err, HasSubstr("--check"));
    EXPECT_THAT(search.err, HasSubstr("--rebuild"));
    EXPECT_THAT(search.err, Not(HasSubstr("kept changing")));
    ProcessResult check = RunIndex({"--db", Db(), "--check"});
    EXPECT_EQ(check.exit_code, 2) << Describe(check);
    EXPECT_THAT(check.out, HasSubstr("damaged:"));
    EXPECT_THAT(check.out, HasSubstr("quarry-index --db " + Db() + " --rebuild"));

    ProcessResult rebuild = RunIndex({"--db", Db(), "--rebuild"});
    ASSERT_EQ(rebuild.exit_code, 0) << Describe(rebuild);
    EXPECT_THAT(rebuild.err, HasSubstr("the old index is kept at " + Db() + ".old-"));
    EXPECT_EQ(RunIndex({"--db", Db(), "--check"}).exit_code, 0);
    EXPECT_EQ(Search().exit_code, 0);
    EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
    // The damaged copy is kept, never removed silently.
    size_t aside = 0;
    for (const auto& entry : fs::directory_iterator(dir().path())) {
      aside += entry.path().filename().string().starts_with("db.old-");
    }
    EXPECT_EQ(aside, 1u);
  }
};

TEST_F(DamagedIndexTest, ASoundIndexChecksSound) {
  ProcessResult check = RunIndex({"--db", Db(), "--check"});
  EXPECT_EQ(check.exit_code, 0) << Describe(check);
  EXPECT_THAT(check.out, HasSubstr("sound:      yes, 300 documents"));
}

TEST_F(DamagedIndexTest, AnOverwrittenBlockIsDamage) {
  Overwrite("docdata.glass", 8192, std::string(64, '\0'));
  ExpectDamageAndRepair();
}

// Issue 16: a block newer than the index's revision made every search retry
// for 7.7 s, then fail with "the index kept changing while it was read".
TEST_F(DamagedIndexTest, ABlockFromTheFutureIsDamageNotAReindex) {
  Overwrite("docdata.glass", 8192, "\x7f\xff\xff\xff");
  ExpectDamageAndRepair();
}

TEST_F(DamagedIndexTest, ATruncatedTableIsDamage) {
  fs::resize_file(Db() + "/postlist.glass", 8192);
  ExpectDamageAndRepair();
}

// Issue 16: with iamglass removed, the searcher recommended a command that
// then failed.
TEST_F(DamagedIndexTest, AMissingVersionFileIsDamageAndTheIndexerTouchesNothing) {
  fs::remove(Db() + "/iamglass");
  ProcessResult update = Index();
  EXPECT_EQ(update.exit_code, 2) << Describe(update);
  EXPECT_THAT(update.err, HasSubstr("is damaged"));
  EXPECT_TRUE(fs::exists(Db() + "/postlist.glass"));
  // The folders come from the run record: --rebuild needs none given.
  ExpectDamageAndRepair();
}

}  // namespace
}  // namespace quarry::testing
