#include "indexer/extract/man_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indexer/extract/decompressor.h"
#include "tests/support/status_matchers.h"
#include "tests/support/testdata.h"
#include "tests/unit/indexer/extract/extract_test_util.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::testing::HasSubstr;

TEST(ManExtractorTest, TitleIsNameSectionAndDescription) {
  ManExtractor extractor;
  EXPECT_EQ(ExtractFixture(extractor, "documents/tarn.8").title, "tarn(8) \u2014 mount a tarn of herons");
  EXPECT_EQ(ExtractFixture(extractor, "documents/Heron::Nest.3pm").title,
            "Heron::Nest(3pm) \u2014 build nests of twigs");
  ASSERT_OK_AND_ASSIGN(std::string mdoc, Decompress("heronctl.1.gz", ReadTestdata("documents/heronctl.1.gz"),
                                                    1 << 20));
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/man/man1/heronctl.1.gz", mdoc));
  EXPECT_EQ(docs[0].title, "heronctl(1) \u2014 control a heronry");
  EXPECT_THAT(docs[0].body, HasSubstr("Read the\n/etc/heronry.conf"));
}

TEST(ManExtractorTest, AnIncludingPageIsTitledByItsFile) {
  ManExtractor extractor;
  ExtractedDocument doc = ExtractFixture(extractor, "documents/egretctl.1");
  EXPECT_EQ(doc.title, "egretctl(1)");
  EXPECT_EQ(doc.body, "egretctl: see man1/heronctl.1");
}

TEST(ManExtractorTest, APageWithoutTitleMacrosIsNamedByItsFile) {
  ManExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/man/man3/nest.3pm.gz", "Some text.\n"));
  EXPECT_EQ(docs[0].title, "nest(3pm)");
  ASSERT_OK_AND_ASSIGN(docs, extractor.Extract("/doc/heron.man", ".SH NAME\nheron \\- a bird\n"));
  EXPECT_EQ(docs[0].title, "heron \u2014 a bird");
}

TEST(ManPageTitleTest, Table) {
  EXPECT_EQ(ManPageTitle("mount", "8", "mount a filesystem"), "mount(8) \u2014 mount a filesystem");
  EXPECT_EQ(ManPageTitle("mount", "8", ""), "mount(8)");
  EXPECT_EQ(ManPageTitle("mount", "", ""), "mount");
  EXPECT_EQ(ManPageTitle("a", "1", "two\nlines"), "a(1) \u2014 two lines");
}

}  // namespace
}  // namespace quarry::indexer
