// End-to-end tests of the documents people keep (issue 18): office files,
// e-books, man pages, RTF, TeX and files titled by their names, through the
// real binaries on a copy of tests/testdata/documents (made by its
// make_fixtures.py), broken and hostile files included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class DocumentsTest : public ::testing::Test, protected CorpusFixture {
 protected:
  // Every fixture in the corpus, indexed.
  void SetUp() override {
    CopyTestdata("documents");
    index_ = Index({"--verbose"});
  }

  ProcessResult index_;
};

TEST_F(DocumentsTest, EachFormatIsFoundByItsOwnWords) {
  // truncated.docx and notzip.docx are damaged: exit 1, named on stderr.
  EXPECT_EQ(index_.exit_code, 1) << Describe(index_);
  EXPECT_THAT(index_.err, HasSubstr("truncated.docx: damaged ZIP package"));
  EXPECT_THAT(index_.err, HasSubstr("notzip.docx: damaged ZIP package"));

  // Written by pandoc from one Markdown text, as Word and as OpenDocument.
  EXPECT_THAT(SearchPaths("sedgewarblers"), UnorderedElementsAre("report.docx", "report.odt"));
  EXPECT_THAT(SearchPaths("phragmites"), UnorderedElementsAre("report.docx", "report.odt"));  // footnotes
  const std::pair<const char*, const char*> cases[] = {
      {"sanderling", "memo.docm"},             // a header
      {"turnstone", "memo.docm"},              // a text box
      {"greenshank", "ledger.xlsx"},           // a shared string
      {"redpoll", "ledger.xlsx"},              // an inline string
      {"whimbrels", "slides.pptx"},            // speaker notes
      {"murmurations", "slides.pptx"},         // the last slide
      {"dabchicks", "minutes.ott"},            // an OpenDocument template's footnote
      {"wrenhouse", "budget.ods"},
      {"egretry", "deck.odp"},
      {"shoveler", "sketch.odg"},
      {"oystercatcher", "estuary.epub"},       // the second chapter
      {"noatime", "tarn.8"},                   // a word in \fB...\fR
      {"quillstring", "tarn.8"},               // a .ds string
      {"spoonbill", "heronctl.1.gz"},          // mdoc, gzipped
      {"twigs", "Heron::Nest.3pm"},            // Pod::Man
      {"treecreeper", "wren.rtf"},             // an RTF table cell
      {"firecrest", "wren.rtf"},               // an RTF footnote
      {"jackdaws", "rookery.tex"},             // \emph{...}
      {"sandpipers", "titles/films/heron.en.srt"},
      {"curlews", "titles/films/heron.vtt"},
      {"smew", "titles/survey/birds.csv"},
      {"rotated", "syslog.1"},                 // named like a man page, but text
  };
  for (const auto& [query, path] : cases) EXPECT_THAT(SearchPaths(query), ElementsAre(path)) << query;

  // Markup, metadata and hidden text are never words of a document.
  for (const char* hidden : {"scrapped", "fieldcode", "deletedword", "PHONETIC", "gadwall",
                             "eqnword", "ignoredblock", "Fonttablename", "fieldinstruction",
                             "labelword", "mathword", "preamblepackage", "vttnoteword",
                             "fbnoatimefr", "secret"}) {
    EXPECT_THAT(SearchPaths(hidden), IsEmpty()) << hidden;
  }
}

TEST_F(DocumentsTest, EncryptedAndHostileFilesAreSkippedWithTheirReason) {
  for (const char* reason :
       {"bomb.docx: too large when decompressed", "encrypted.docx: encrypted (password-protected) Office file",
        "password.docx: encrypted (password-protected) member", "encrypted.odt: encrypted (password-protected) OpenDocument",
        "drm.epub: encrypted (DRM-protected) e-book"}) {
    EXPECT_THAT(index_.err, HasSubstr(reason)) << reason;
  }
  ProcessResult status = RunIndex({"--db", Db(), "--status"});
  EXPECT_THAT(status.out, HasSubstr("skipped:    5 files"));
}

TEST_F(DocumentsTest, TitlesAuthorsAndDatesComeFromEachFormat) {
  struct Expected {
    const char* query;
    const char* title;
    const char* author;  // nullptr: none
    const char* date;
  };
  const Expected cases[] = {
      {"sedgewarblers", "The Bittern Report", "Ada Lovelace", "2021-04-05T12:00:00Z"},
      {"sanderling", "Quarterly Plover Census", "Rachel Carson", "2022-03-14T15:09:26Z"},
      {"greenshank", "Garden Bird Ledger", "Gilbert White", "2023-01-02T03:04:05Z"},
      {"whimbrels", "Wader Migration", "Grace Hopper", "2021-04-05T12:00:00Z"},
      {"dabchicks", "Committee Minutes", nullptr, nullptr},
      {"egretry", "Heron Nesting", "Charles Darwin", nullptr},
      // No title anywhere in it: its file's name and folder.
      {"wrenhouse", "budget.ods (corpus)", "John Clare", "2020-02-29T10:11:12Z"},
      {"oystercatcher", "Tales of the Estuary", "Mary Shelley, Percy Shelley", "2019-11-02T00:00:00Z"},
      {"noatime", "tarn(8) \u2014 mount a tarn of herons", nullptr, nullptr},
      {"spoonbill", "heronctl(1) \u2014 control a heronry", nullptr, nullptr},
      {"twigs", "Heron::Nest(3pm) \u2014 build nests of twigs", nullptr, nullptr},
      {"treecreeper", "The Wren\u00E9 Notebook", "Beatrix Potter", "2020-07-14T16:30:00Z"},
      {"jackdaws", "Rooks of the Rookery", "Gilbert White, Thomas Bewick", "2017-06-01T00:00:00Z"},
  };
  for (const Expected& c : cases) {
    const nlohmann::json hit = TopHit(c.query);
    ASSERT_TRUE(hit.contains("title")) << c.query;
    EXPECT_EQ(hit["title"], c.title) << c.query;
    if (c.author == nullptr) {
      EXPECT_FALSE(hit.contains("author")) << c.query << ": " << hit.dump();
    } else {
      EXPECT_EQ(hit.value("author", ""), c.author) << c.query;
    }
    if (c.date == nullptr) {
      EXPECT_FALSE(hit.contains("date")) << c.query << ": " << hit.dump();
    } else {
      EXPECT_EQ(hit.value("date", ""), c.date) << c.query;
    }
  }
  // The author and the date as filters.
  EXPECT_THAT(SearchPaths("author:lovelace"), UnorderedElementsAre("report.docx", "report.odt"));
  EXPECT_THAT(SearchPaths("author:shelley"), ElementsAre("estuary.epub"));
  EXPECT_THAT(SearchPaths("author:\"thomas bewick\""), ElementsAre("rookery.tex"));
  EXPECT_THAT(SearchPaths("bird date:2023-01"), ElementsAre("ledger.xlsx"));
  EXPECT_THAT(SearchPaths("date:2019-11-01..2019-11-30"), ElementsAre("estuary.epub"));
}

TEST_F(DocumentsTest, FilesWithoutATitleAreNamedByFileAndFolder) {
  // Issue 18, item 7: first lines that are code, markup, a URL header or a
  // changelog entry name nothing; the file and its folder do.
  EXPECT_EQ(TopTitle("vimlicence"), "copyright (vim)");
  EXPECT_EQ(TopTitle("changelogword"), "changelog.Debian (vim)");
  EXPECT_EQ(TopTitle("huffmantables"), "enough.c (zlib)");
  EXPECT_EQ(TopTitle("perlscriptword"), "tool (perl)");
  EXPECT_EQ(TopTitle("jsonkeyword"), "config.json (survey)");
  EXPECT_EQ(TopTitle("smew"), "birds.csv (survey)");
  EXPECT_EQ(TopTitle("sandpipers"), "heron.en.srt (films)");
  EXPECT_EQ(TopTitle("curlews"), "heron.vtt (films)");
  EXPECT_EQ(TopTitle("egretctl"), "egretctl(1)");  // a .so page
  // A first line that reads as a heading stays the title.
  EXPECT_EQ(TopTitle("rotated"), "Apr  5 12:00:00 host kernel: rotated log line with marsh");
  EXPECT_EQ(TopTitle("herons real"), "Herons of the Marsh");
}

}  // namespace
}  // namespace quarry::testing
