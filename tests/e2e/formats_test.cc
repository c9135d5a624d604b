// End-to-end tests of the formats real corpora come in (issue 7): the real
// binaries on a copy of tests/testdata/formats, a fixture per format with a
// word found nowhere else, broken files included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class FormatsTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void CopyFixtures() { CopyTestdata("formats"); }
};

TEST_F(FormatsTest, EachFormatIsFoundByItsOwnWords) {
  CopyFixtures();
  ProcessResult index = Index();
  // damaged.pdf and truncated.txt.gz failed: exit 1, both named on stderr.
  EXPECT_EQ(index.exit_code, 1) << Describe(index);
  EXPECT_THAT(index.err, HasSubstr("damaged.pdf: damaged PDF"));
  EXPECT_THAT(index.err, HasSubstr("truncated.txt.gz: damaged gzip data"));
  // Skipped: encrypted.pdf, scanned.pdf, bomb.txt.zst, program.bin.
  EXPECT_THAT(index.out, HasSubstr("added 14, updated 0, unchanged 0, removed 0, skipped 4, failed 2"));

  const std::pair<const char*, const char*> cases[] = {
      {"heron", "page.html"},                // HTML body
      {"flyways", "page.html"},              // meta description
      {"quillwort", "page.html"},            // meta keywords
      {"caf\xC3\xA9", "page.html"},          // entity &eacute;
      {"br\xC3\xBBl\xC3\xA9" "e", "latin1.html"},  // charset from the meta tag
      {"zanzibar", "utf16.html"},            // charset from the BOM
      {"xylophone", "heading.xhtml"},
      {"marmalade", "homepage"},             // HTML by content, no extension
      {"pelican", "notes.md"},
      {"kingfisher", "notes.md"},            // code stays searchable
      {"guanay", "cormorant.rst"},
      {"heliotrope", "notes.weird"},         // unknown extension, text content
      {"procellariiform", "report.pdf"},
      {"petrel", "report.pdf"},              // second page
      {"puffins", "manual.html.gz"},
      {"ptarmigan", "README.gz"},
      {"skimmer", "changelog.md.bz2"},
      {"osprey", "osprey.txt.xz"},
      {"flamingos", "flamingo.rst.zst"},
  };
  for (const auto& [query, path] : cases) EXPECT_THAT(SearchPaths(query), ElementsAre(path)) << query;

  // Not visible text, markup, or behind a lock: never indexed.
  for (const char* hidden : {"secretscriptword", "secretstyleword", "secretcommentword",
                             "hiddenurlword", "spdx", "lockedword", "quetzal"}) {
    EXPECT_THAT(SearchPaths(hidden), IsEmpty()) << hidden;
  }

  EXPECT_EQ(TopTitle("quillwort"), "Heron Migration Notes");
  EXPECT_EQ(TopTitle("xylophone"), "Fallback Heading");
  EXPECT_EQ(TopTitle("procellariiform"), "Albatross Survey 2024");
  EXPECT_EQ(TopTitle("puffins"), "Puffin Handbook");
  EXPECT_EQ(TopTitle("pelican"), "Pelican Field Guide");
  EXPECT_EQ(TopTitle("guanay"), "Cormorant Care");
  EXPECT_EQ(TopTitle("ptarmigan"), "Ptarmigan notes");
}

TEST_F(FormatsTest, SkippedFilesSayWhyAndBrokenOnesAreRetriedWhenChanged) {
  CopyFixtures();
  ProcessResult index = Index({"--verbose"});
  EXPECT_EQ(index.exit_code, 1) << Describe(index);
  EXPECT_THAT(index.err, HasSubstr("encrypted.pdf ("));
  EXPECT_THAT(index.err, HasSubstr("encrypted PDF (needs a password)"));
  EXPECT_THAT(index.err, HasSubstr("PDF without a text layer"));
  EXPECT_THAT(index.err, HasSubstr("bomb.txt.zst: too large when decompressed"));
  EXPECT_THAT(index.err, HasSubstr("program.bin (binary (application/"));

  // Fixing the broken files: the rerun indexes them and exits 0.
  Remove("damaged.pdf");
  Remove("truncated.txt.gz");
  Write("fixed.txt", "The quetzal is back.\n");
  ProcessResult rerun = Index();
  EXPECT_EQ(rerun.exit_code, 0) << Describe(rerun);
  EXPECT_THAT(SearchPaths("quetzal"), ElementsAre("fixed.txt"));
}

TEST_F(FormatsTest, LimitsAreConfigurable) {
  Write("long.txt", "Early words come first.\n" + std::string(2000, ' ') + "Latecomer words are cut.\n");
  std::ifstream in(fs::path(QUARRY_TESTDATA_DIR) / "formats" / "bomb.txt.zst", std::ios::binary);
  std::ostringstream bomb;
  bomb << in.rdbuf();
  Write("bomb.txt.zst", bomb.str());

  ProcessResult index = Index({"--max-text-size", "1K", "--max-file-size", "1M", "--verbose"});
  EXPECT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(index.err, HasSubstr("more than 1048576 bytes"));
  EXPECT_THAT(SearchPaths("early"), ElementsAre("long.txt"));
  EXPECT_THAT(SearchPaths("latecomer"), IsEmpty());

  ProcessResult bad = RunIndex({"--db", Db(), "--max-text-size", "lots", Root()});
  EXPECT_EQ(bad.exit_code, 2) << Describe(bad);
  EXPECT_THAT(bad.err, Not(IsEmpty()));
}

}  // namespace
}  // namespace quarry::testing
