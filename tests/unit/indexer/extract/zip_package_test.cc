#include "indexer/extract/zip_package.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ZipPackageTest, ReadsTheWantedMembersByName) {
  const std::string docx = ReadTestdata("documents/report.docx");
  ASSERT_OK_AND_ASSIGN(ZipPackage package,
                       ZipPackage::Read("/r.docx", docx,
                                        [](std::string_view name) { return name.starts_with("word/"); },
                                        1 << 20));
  ASSERT_NE(package.Find("word/document.xml"), nullptr);
  EXPECT_THAT(*package.Find("word/document.xml"), HasSubstr("bittern"));
  EXPECT_EQ(package.Find("docProps/core.xml"), nullptr);  // not wanted
  EXPECT_EQ(package.Find("word/none.xml"), nullptr);
  EXPECT_NE(package.FindNoCase("WORD/Document.XML"), nullptr);
  for (const auto& [name, content] : package.members()) EXPECT_TRUE(name.starts_with("word/")) << name;
}

TEST(ZipPackageTest, WithoutAFilterEveryMemberIsRead) {
  const std::string docx = ReadTestdata("documents/report.docx");
  ASSERT_OK_AND_ASSIGN(ZipPackage package, ZipPackage::Read("/r.docx", docx, {}, 1 << 20));
  EXPECT_NE(package.Find("docProps/core.xml"), nullptr);
  EXPECT_NE(package.Find("[Content_Types].xml"), nullptr);
}

struct BrokenCase {
  const char* file;
  StatusCode code;
  const char* message;
};

TEST(ZipPackageTest, BrokenPackagesAreNamedErrors) {
  const BrokenCase cases[] = {
      // 70 MB of markup from 110 KB: stopped at the cap, not read whole.
      {"documents/bomb.docx", StatusCode::kUnsupported, "too large when decompressed"},
      {"documents/password.docx", StatusCode::kUnsupported, "encrypted (password-protected) member"},
      {"documents/truncated.docx", StatusCode::kDataLoss, "damaged ZIP package"},
      {"documents/notzip.docx", StatusCode::kDataLoss, "damaged ZIP package"},
  };
  for (const BrokenCase& c : cases) {
    const std::string bytes = ReadTestdata(c.file);
    ASSERT_FALSE(bytes.empty()) << c.file;
    EXPECT_THAT(ZipPackage::Read(c.file, bytes, {}, 64 << 20), StatusIs(c.code, HasSubstr(c.message)))
        << c.file;
  }
  EXPECT_THAT(ZipPackage::Read("/empty.docx", "", {}, 1 << 20), StatusIs(StatusCode::kDataLoss));
}

TEST(ZipPackageTest, TheCapCountsEveryWantedMember) {
  const std::string docx = ReadTestdata("documents/report.docx");
  ASSERT_OK_AND_ASSIGN(ZipPackage whole, ZipPackage::Read("/r.docx", docx, {}, 1 << 20));
  uint64_t total = 0;
  for (const auto& [name, content] : whole.members()) total += content.size();
  EXPECT_OK(ZipPackage::Read("/r.docx", docx, {}, total).status());
  EXPECT_THAT(ZipPackage::Read("/r.docx", docx, {}, total - 1),
              StatusIs(StatusCode::kUnsupported, HasSubstr("too large")));
}

struct PathCase {
  const char* base;
  const char* ref;
  const char* resolved;
};

TEST(ResolvePackagePathTest, Table) {
  const PathCase cases[] = {
      {"word/", "footnotes.xml", "word/footnotes.xml"},
      {"ppt/slides/", "../slideLayouts/slideLayout1.xml", "ppt/slideLayouts/slideLayout1.xml"},
      {"ppt/", "/ppt/slides/slide1.xml", "ppt/slides/slide1.xml"},
      {"OEBPS/", "Text/chapter%201.xhtml#start", "OEBPS/Text/chapter 1.xhtml"},
      {"OEBPS/", "./a/../b.xhtml", "OEBPS/b.xhtml"},
      {"", "../../../etc/passwd", "etc/passwd"},  // never above the root
      {"", "content.opf", "content.opf"},
      {"a/", "%zz", "a/%zz"},  // not an escape
  };
  for (const PathCase& c : cases) {
    EXPECT_EQ(ResolvePackagePath(c.base, c.ref), c.resolved) << c.base << " + " << c.ref;
  }
  EXPECT_EQ(PackageFolder("word/document.xml"), "word/");
  EXPECT_EQ(PackageFolder("content.opf"), "");
}

}  // namespace
}  // namespace quarry::indexer
