#include "indexer/extract/decompressor.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

struct SuffixCase {
  const char* path;
  const char* compression;
  const char* inner;
};

TEST(CompressionSuffixTest, Table) {
  const SuffixCase cases[] = {
      {"/d/page.html.gz", "gzip", "/d/page.html"},
      {"/d/README.GZ", "gzip", "/d/README"},
      {"/d/notes.md.bz2", "bzip2", "/d/notes.md"},
      {"/d/log.txt.xz", "xz", "/d/log.txt"},
      {"/d/a.rst.zst", "zstd", "/d/a.rst"},
      {"/d/plain.txt", "", "/d/plain.txt"},
      {"/d/.gz", "", "/d/.gz"},
      {"/d/gz", "", "/d/gz"},
  };
  for (const SuffixCase& c : cases) {
    EXPECT_EQ(CompressionOf(c.path), c.compression) << c.path;
    EXPECT_EQ(WithoutCompressionSuffix(c.path), c.inner) << c.path;
  }
}

struct FixtureCase {
  const char* file;
  const char* starts_with;
};

TEST(DecompressTest, EachCodec) {
  const FixtureCase cases[] = {
      {"formats/README.gz", "Ptarmigan notes\n"},
      {"formats/manual.html.gz", "<html><head><title>Puffin Handbook"},
      {"formats/changelog.md.bz2", "# Tern Colony\n"},
      {"formats/osprey.txt.xz", "Osprey sightings\n"},
      {"formats/flamingo.rst.zst", "Flamingo Lake\n"},
  };
  for (const FixtureCase& c : cases) {
    std::string data = ReadTestdata(c.file);
    ASSERT_FALSE(data.empty()) << c.file;
    ASSERT_OK_AND_ASSIGN(std::string text, Decompress(c.file, data, 1 << 20));
    EXPECT_EQ(text.substr(0, std::string(c.starts_with).size()), c.starts_with) << c.file;
  }
}

TEST(DecompressTest, UncompressedDataPassesThrough) {
  ASSERT_OK_AND_ASSIGN(std::string text, Decompress("/a.gz", "not compressed", 100));
  EXPECT_EQ(text, "not compressed");
  ASSERT_OK_AND_ASSIGN(std::string empty, Decompress("/a.gz", "", 100));
  EXPECT_EQ(empty, "");
}

// A compressed empty file is an empty text, not damage (regression: two
// 20-byte pages of /usr/share/man/man1 failed as "damaged gzip data").
TEST(DecompressTest, AnEmptyFileCompressedIsEmpty) {
  // gzip -9 of nothing, as Debian ships git-clang-format-14.1.gz.
  const std::string empty_gzip("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x03\x00\x00\x00\x00\x00"
                               "\x00\x00\x00\x00",
                               20);
  ASSERT_OK_AND_ASSIGN(std::string text, Decompress("/m/empty.1.gz", empty_gzip, 1 << 20));
  EXPECT_EQ(text, "");
}

TEST(DecompressTest, TruncatedDataIsDataLoss) {
  std::string data = ReadTestdata("formats/truncated.txt.gz");
  ASSERT_FALSE(data.empty());
  EXPECT_THAT(Decompress("/t.txt.gz", data, 1 << 20),
              StatusIs(StatusCode::kDataLoss, HasSubstr("damaged gzip data")));
}

TEST(DecompressTest, BombStopsAtTheCap) {
  // 33 KB that expand to 1 GiB of zeros.
  std::string data = ReadTestdata("formats/bomb.txt.zst");
  ASSERT_FALSE(data.empty());
  EXPECT_THAT(Decompress("/bomb.txt.zst", data, 4 << 20),
              StatusIs(StatusCode::kUnsupported, HasSubstr("too large when decompressed")));
}

TEST(DecompressTest, OutputExactlyAtTheCapIsKept) {
  std::string data = ReadTestdata("formats/README.gz");
  ASSERT_OK_AND_ASSIGN(std::string text, Decompress("/README.gz", data, 1 << 20));
  ASSERT_OK_AND_ASSIGN(std::string capped, Decompress("/README.gz", data, text.size()));
  EXPECT_EQ(capped, text);
  EXPECT_THAT(Decompress("/README.gz", data, text.size() - 1), StatusIs(StatusCode::kUnsupported));
}

}  // namespace
}  // namespace quarry::indexer
