// The text a hit's snippet is cut from: the index's copy, or the hit's file
// while it is as indexed.
#include "searcher/rank/hit_text.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/text/rst_text.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;
using ::quarry::testing::TempDir;

// A hit for the file at `path` as it is now (as the index would record it).
Hit HitFor(const std::string& path) {
  Hit hit;
  hit.path = path;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    hit.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    hit.size = static_cast<uint64_t>(st.st_size);
  }
  return hit;
}

const std::string kAsIs = FileTextData(FileText::kAsIs);
const std::string kRst = FileTextData(FileText::kRst);

TEST(HitTextTest, AStoredCopyIsDecoded) {
  Hit hit;
  hit.path = "/nowhere/at/all.html";
  ASSERT_OK_AND_ASSIGN(TextStart start, ReadHitText(EncodeStoredText("stored words"), hit, 1000));
  EXPECT_EQ(start.text, "stored words");
  EXPECT_TRUE(start.whole);
}

TEST(HitTextTest, ReadsTheFileAsItIsWholeOrItsStart) {
  TempDir dir;
  const std::string text = "Caf\xC3\xA9 notes\nsecond line\n";
  Hit hit = HitFor(dir.Write("notes.txt", text));
  ASSERT_OK_AND_ASSIGN(TextStart all, ReadHitText(kAsIs, hit, 1000));
  EXPECT_EQ(all.text, text);
  EXPECT_TRUE(all.whole);
  ASSERT_OK_AND_ASSIGN(TextStart exact, ReadHitText(kAsIs, hit, text.size()));
  EXPECT_EQ(exact.text, text);
  EXPECT_TRUE(exact.whole);
  // 4 bytes would cut the "\xC3\xA9": the start stops before it.
  ASSERT_OK_AND_ASSIGN(TextStart start, ReadHitText(kAsIs, hit, 4));
  EXPECT_EQ(start.text, "Caf");
  EXPECT_FALSE(start.whole);
  // CRLF line ends stay, as the indexer read them.
  Hit crlf = HitFor(dir.Write("dos.txt", "one\r\ntwo\r\n"));
  ASSERT_OK_AND_ASSIGN(TextStart dos, ReadHitText(kAsIs, crlf, 1000));
  EXPECT_EQ(dos.text, "one\r\ntwo\r\n");
}

TEST(HitTextTest, ReadsReStWithoutMarkupAndItsStartIsTheStartOfTheText) {
  TempDir dir;
  std::string rst = ".. SPDX-License-Identifier: GPL-2.0\n\nMemory\n======\n\n";
  for (int i = 0; i < 100; ++i) {
    rst += "Call :c:func:`kmalloc` for block " + std::to_string(i) + ".\n";
    if (i % 10 == 0)
      rst += "\n.. note:: a note\n   :class: aside\n\n.. comment\n   dropped\n   lines\n\n";
  }
  Hit hit = HitFor(dir.Write("memory.rst", rst));
  ASSERT_OK_AND_ASSIGN(TextStart all, ReadHitText(kRst, hit, 1 << 20));
  EXPECT_TRUE(all.whole);
  EXPECT_EQ(all.text, RstPlainText(rst));
  EXPECT_TRUE(all.text.starts_with("Memory\n\nCall kmalloc for block 0.\n"))
      << all.text.substr(0, 60);
  // Every start (cut anywhere in the file) ends at a line end and is the
  // start of the whole text, inside comments and option lists too.
  for (size_t cut = 1; cut < rst.size(); cut += 7) {
    ASSERT_OK_AND_ASSIGN(TextStart start, ReadHitText(kRst, hit, cut));
    EXPECT_FALSE(start.whole);
    EXPECT_EQ(all.text.substr(0, start.text.size()), start.text) << cut;
  }
}

TEST(HitTextTest, AReStStartWithoutALineEndIsEmpty) {
  TempDir dir;
  // One long line: cut inside it, the backquoted span would lose its end.
  std::string rst = "See `a link <https://example.org/" + std::string(3000, 'x') + ">`_ here\n";
  Hit hit = HitFor(dir.Write("long.rst", rst));
  ASSERT_OK_AND_ASSIGN(TextStart start, ReadHitText(kRst, hit, 1000));
  EXPECT_EQ(start.text, "");
  EXPECT_FALSE(start.whole);
  ASSERT_OK_AND_ASSIGN(TextStart all, ReadHitText(kRst, hit, 1 << 20));
  EXPECT_EQ(all.text, "See a link here");
}

TEST(HitTextTest, AFileChangedSinceIndexedGivesNoText) {
  TempDir dir;
  Hit hit = HitFor(dir.Write("notes.txt", "The heron waits."));
  dir.Write("notes.txt", "Rewritten, longer text.");
  EXPECT_THAT(ReadHitText(kAsIs, hit, 1000), StatusIs(StatusCode::kFailedPrecondition));
  Hit touched = HitFor(dir.Write("same.txt", "same size"));
  dir.SetMtime("same.txt", 1000000000);
  EXPECT_THAT(ReadHitText(kAsIs, touched, 1000), StatusIs(StatusCode::kFailedPrecondition));
}

TEST(HitTextTest, AGoneOrOddFileIsAnErrorNamingIt) {
  TempDir dir;
  Hit gone = HitFor(dir.Write("gone.txt", "text"));
  dir.Remove("gone.txt");
  StatusOr<TextStart> missing = ReadHitText(kAsIs, gone, 1000);
  EXPECT_THAT(missing, StatusIs(StatusCode::kNotFound));
  EXPECT_NE(missing.status().message().find("gone.txt"), std::string::npos);
  dir.Write("folder/inside.txt", "x");
  EXPECT_THAT(ReadHitText(kAsIs, HitFor(dir.Path("folder")), 1000),
              StatusIs(StatusCode::kNotFound));
  const std::string fifo = dir.Path("pipe.txt");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(ReadHitText(kAsIs, HitFor(fifo), 1000), StatusIs(StatusCode::kNotFound));
}

TEST(HitTextTest, InvalidBytesAreReplaced) {
  TempDir dir;
  // The indexer leaves only UTF-8 texts in their files; bytes damaged on
  // disk without a change of size or time still give valid UTF-8.
  Hit hit = HitFor(dir.Write("latin.txt", "caf\xE9 au lait"));
  ASSERT_OK_AND_ASSIGN(TextStart start, ReadHitText(kAsIs, hit, 1000));
  EXPECT_EQ(start.text, "caf\xEF\xBF\xBD au lait");
}

TEST(HitTextTest, OnlyAFileReadAsIndexedIsSaidToBe) {
  TempDir dir;
  Hit hit = HitFor(dir.Write("notes.txt", "The heron waits by the water.\n"));
  ASSERT_OK_AND_ASSIGN(TextStart whole, ReadHitText(kAsIs, hit, 1000));
  EXPECT_TRUE(whole.file_as_indexed);
  ASSERT_OK_AND_ASSIGN(TextStart start, ReadHitText(kAsIs, hit, 8));
  EXPECT_TRUE(start.file_as_indexed);
  // A copy the index keeps says nothing about the file.
  ASSERT_OK_AND_ASSIGN(TextStart stored, ReadHitText(EncodeStoredText("The heron."), hit, 1000));
  EXPECT_FALSE(stored.file_as_indexed);
}

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

TEST(HitTextTest, ASnippetSaysWhetherItsFileWasReadAsIndexed) {
  TempDir dir;
  Analyzer analyzer = English();
  SnippetMaker maker(analyzer, SnippetTerms{{"heron"}, {}}, {});
  Hit file = HitFor(dir.Write("notes.txt", "Notes.\nThe heron waits by the water.\n"));
  HitSnippet from_file = SnippetOfHit(kAsIs, file, maker);
  EXPECT_NE(from_file.snippet.text.find("heron"), std::string::npos);
  EXPECT_TRUE(from_file.file_as_indexed);

  // The text of an HTML page is the index's copy: its file's freshness is
  // for a stat to tell, even when the file is there as indexed.
  Hit page = HitFor(dir.Write("page.html", "<p>The heron waits.</p>"));
  HitSnippet stored = SnippetOfHit(EncodeStoredText("The heron waits."), page, maker);
  EXPECT_NE(stored.snippet.text.find("heron"), std::string::npos);
  EXPECT_FALSE(stored.file_as_indexed);

  // A long text whose passage lies past the first starts read: the file is
  // read again, and what counts is the last read.
  std::string text(30000, ' ');
  for (size_t i = 0; i + 6 < text.size(); i += 7) text.replace(i, 6, "words.");
  text += "\nThe heron waits.\n";
  Hit deep = HitFor(dir.Write("deep.txt", text));
  HitSnippet far = SnippetOfHit(kAsIs, deep, maker);
  EXPECT_NE(far.snippet.text.find("heron"), std::string::npos);
  EXPECT_TRUE(far.file_as_indexed);

  dir.Write("notes.txt", "Rewritten: the heron left, and the text is longer.\n");
  HitSnippet changed = SnippetOfHit(kAsIs, file, maker);
  EXPECT_TRUE(changed.snippet.text.empty());
  EXPECT_FALSE(changed.file_as_indexed);
}

}  // namespace
}  // namespace quarry::searcher
