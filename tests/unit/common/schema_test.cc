#include "common/index/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/text/analysis_config.h"
#include "common/text/utf8.h"
#include "tests/support/status_matchers.h"

namespace quarry {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::ElementsAre;

TEST(SchemaTest, MakeTermKeepsShortTerms) {
  EXPECT_EQ(schema::MakeTerm(schema::kStemPrefix, "acquisit"), "Zacquisit");
}

TEST(SchemaTest, MakeTermShortensLongTermsDeterministically) {
  std::string long_word(400, 'x');
  std::string a = schema::MakeTerm("", long_word);
  std::string b = schema::MakeTerm("", long_word);
  EXPECT_LE(a.size(), schema::kMaxTermBytes);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, schema::MakeTerm("", std::string(401, 'x')));
}

TEST(SchemaTest, MakeTermNeverSplitsAUtf8Character) {
  std::string word;
  for (int i = 0; i < 150; ++i) word += "\xC3\xA9";  // 300 bytes of é
  std::string term = schema::MakeTerm("", word);
  EXPECT_LE(term.size(), schema::kMaxTermBytes);
  EXPECT_TRUE(IsValidUtf8(term));
}

TEST(SchemaTest, UniqueIdTermIsPerFileAndPerRecord) {
  EXPECT_EQ(schema::UniqueIdTerm("/a/b.txt"), "Q/a/b.txt");
  EXPECT_EQ(schema::UniqueIdTerm("/a/b.jsonl", "7"), "Q/a/b.jsonl#7");
  std::string long_path = "/" + std::string(300, 'p');
  EXPECT_LE(schema::UniqueIdTerm(long_path).size(), schema::kMaxTermBytes);
}

TEST(SchemaTest, PathTermsNameEachAncestorFolder) {
  EXPECT_THAT(schema::PathTerms("/home/ann/notes/a.md"),
              ElementsAre("XP/home", "XP/home/ann", "XP/home/ann/notes"));
}

struct ExtensionCase {
  const char* path;
  const char* expected;  // "" for none
};

TEST(SchemaTest, ExtensionTerm) {
  for (const ExtensionCase& c : {ExtensionCase{"/a/b.MD", "Emd"}, ExtensionCase{"/a/b.tar.gz", "Egz"},
                                 ExtensionCase{"/a/.bashrc", ""}, ExtensionCase{"/a/README", ""},
                                 ExtensionCase{"/a.d/README", ""}}) {
    auto term = schema::ExtensionTerm(c.path);
    EXPECT_EQ(term.value_or(""), c.expected) << c.path;
  }
}

TEST(SchemaTest, EncodingsRoundTripAndSort) {
  EXPECT_EQ(schema::DecodeUint64(schema::EncodeUint64(123456789012345ULL)), 123456789012345ULL);
  EXPECT_EQ(schema::DecodeTime(schema::EncodeTime(1764169144123456789LL)), 1764169144123456789LL);
  EXPECT_LT(schema::EncodeTime(1000), schema::EncodeTime(1001));
  EXPECT_LT(schema::EncodeUint64(255), schema::EncodeUint64(256));
  EXPECT_EQ(schema::DecodeTime(schema::EncodeTime(-5)), 0);
}

TEST(SchemaTest, SkippedRecordsRoundTrip) {
  std::string value = schema::EncodeSkipped("/x/y.bin", 42, 7, "binary");
  std::string path, reason;
  int64_t mtime = 0;
  uint64_t size = 0;
  ASSERT_TRUE(schema::DecodeSkipped(value, &path, &mtime, &size, &reason));
  EXPECT_EQ(path, "/x/y.bin");
  EXPECT_EQ(mtime, 42);
  EXPECT_EQ(size, 7u);
  EXPECT_EQ(reason, "binary");
  EXPECT_FALSE(schema::DecodeSkipped("short", &path, &mtime, &size, &reason));
}

TEST(SchemaTest, ModificationTimesAreNanosecondsSinceTheEpoch) {
  struct stat st = {};
  st.st_mtim.tv_sec = 1700000000;
  st.st_mtim.tv_nsec = 123;
  EXPECT_EQ(schema::ModificationTimeNs(st), 1700000000000000123LL);
  EXPECT_EQ(schema::DecodeTime(schema::EncodeTime(schema::ModificationTimeNs(st))),
            1700000000000000123LL);
}

TEST(AnalysisConfigTest, RoundTrips) {
  AnalysisConfig config;
  config.language = "french";
  config.fold_diacritics = false;
  ASSERT_OK_AND_ASSIGN(AnalysisConfig parsed, ParseAnalysisConfig(SerializeAnalysisConfig(config)));
  EXPECT_EQ(parsed, config);
}

TEST(AnalysisConfigTest, RefusesUnknownVersion) {
  EXPECT_THAT(ParseAnalysisConfig("version=999;language=english"),
              StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(ParseAnalysisConfig("garbage"), StatusIs(StatusCode::kDataLoss));
}

TEST(AnalysisConfigTest, OlderVersionsKeepTheirSettingsForARebuild) {
  // Version 1 indexes predate compound parts and n-grams (issue 3).
  EXPECT_THAT(ParseAnalysisConfig("version=1;language=french;fold_diacritics=0"),
              StatusIs(StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(AnalysisConfig old, ParseAnalysisSettingsOfAnyVersion(
                                               "version=1;language=french;fold_diacritics=0"));
  EXPECT_EQ(old.language, "french");
  EXPECT_FALSE(old.fold_diacritics);
  EXPECT_THAT(ParseAnalysisSettingsOfAnyVersion("garbage"), StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace quarry
