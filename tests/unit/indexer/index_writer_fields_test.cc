// The fields a document declares (document_fields.h) through BuildDocument
// and IndexWriter: their terms, the date slot, the stored values.
#include <gtest/gtest.h>

#include <set>

#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "indexer/index_writer.h"
#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

TEST(BuildDocumentFieldsTest, DescriptionAndKeywordsArePrefixedFieldsAndPlainWords) {
  Analyzer analyzer = std::move(Analyzer::Create(AnalysisConfig{})).value();
  ExtractedDocument doc;
  doc.title = "Herons";
  doc.body = "body words";
  doc.fields.description = "Seasonal flyways";
  doc.fields.keywords = "ornithology, wading birds";
  Xapian::Document xdoc = BuildDocument(analyzer, CorpusEntry{"/a.html", 1, 1}, 1, doc);
  std::set<std::string> terms;
  for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) terms.insert(*it);

  const std::string b(schema::kDescriptionPrefix), k(schema::kKeywordsPrefix);
  for (const std::string& term : {b + "seasonal", b + "flyways", k + "ornithology", k + "wading",
                                  k + "birds", std::string("flyways"), std::string("ornithology"),
                                  std::string("Zflyway")}) {
    EXPECT_TRUE(terms.count(term)) << "missing " << term;
  }
  for (const std::string& term : {b + "body", k + "body", b + "ornithology", k + "herons"}) {
    EXPECT_FALSE(terms.count(term)) << "unexpected " << term;
  }
  // The body is stored for snippets; the fields are not part of it.
  const std::string stored = xdoc.get_data();
  ASSERT_OK_AND_ASSIGN(SplitData data, SplitDocumentData(stored));
  EXPECT_EQ(DecodeStoredText(data.text_data).value(), "body words");
}

TEST(BuildDocumentFieldsTest, FieldsStartAfterTheBodySoPhrasesDoNotJoinThem) {
  Analyzer analyzer = std::move(Analyzer::Create(AnalysisConfig{})).value();
  ExtractedDocument doc;
  doc.body = "last";
  doc.fields.description = "first";
  Xapian::Document xdoc = BuildDocument(analyzer, CorpusEntry{"/a.html", 1, 1}, 1, doc);
  auto position_of = [&](const std::string& term) {
    Xapian::TermIterator it = xdoc.termlist_begin();
    it.skip_to(term);
    return *it.positionlist_begin();
  };
  EXPECT_GT(position_of("first"), position_of("last") + 1);
}

std::set<std::string> TermsOf(const Xapian::Document& xdoc) {
  std::set<std::string> terms;
  for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) terms.insert(*it);
  return terms;
}

TEST(BuildDocumentFieldsTest, AuthorIsAPrefixedFieldAndPlainWordsAndIsStored) {
  Analyzer analyzer = std::move(Analyzer::Create(AnalysisConfig{})).value();
  ExtractedDocument doc;
  doc.title = "Herons";
  doc.body = "body words";
  doc.fields.author = "Ada Lovelace";
  doc.fields.date = 1715938215;
  Xapian::Document xdoc = BuildDocument(analyzer, CorpusEntry{"/a.docx", 7, 5}, 1, doc);
  const std::set<std::string> terms = TermsOf(xdoc);
  const std::string a(schema::kAuthorPrefix);
  for (const std::string& term : {a + "ada", a + "lovelace", std::string("lovelace")}) {
    EXPECT_TRUE(terms.count(term)) << "missing " << term;
  }
  for (const std::string& term : {a + "herons", a + "body"}) {
    EXPECT_FALSE(terms.count(term)) << "unexpected " << term;
  }
  // The document's own date dates it; the file's time stays the file's.
  EXPECT_EQ(schema::DecodeTime(xdoc.get_value(schema::kDateSlot)), 1715938215000000000LL);
  EXPECT_EQ(schema::DecodeTime(xdoc.get_value(schema::kMtimeSlot)), 5);
  const std::string stored = xdoc.get_data();
  ASSERT_OK_AND_ASSIGN(SplitData data, SplitDocumentData(stored));
  ASSERT_TRUE(data.fields.has_value());
  EXPECT_EQ(data.fields->declared, doc.fields);
}

TEST(BuildDocumentFieldsTest, ADocumentWithoutADateIsDatedByItsFile) {
  Analyzer analyzer = std::move(Analyzer::Create(AnalysisConfig{})).value();
  ExtractedDocument doc;
  doc.body = "words";
  Xapian::Document xdoc = BuildDocument(analyzer, CorpusEntry{"/a.txt", 7, 1234}, 1, doc);
  EXPECT_EQ(schema::DecodeTime(xdoc.get_value(schema::kDateSlot)), 1234);
}

// The date of the document of /c/a.* in `db`.
int64_t DateOf(Xapian::Database& db, const std::string& path) {
  return schema::DecodeTime(
      db.get_document(*db.postlist_begin(schema::UniqueIdTerm(path))).get_value(schema::kDateSlot));
}

TEST(IndexWriterFieldsTest, TouchMovesTheDateOfFileDatedDocumentsOnly) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  IndexWriter writer(db, std::move(Analyzer::Create(AnalysisConfig{})).value());
  ExtractedDocument plain;
  plain.body = "hello";
  ExtractedDocument dated = plain;
  dated.fields.date = 1715938215;
  ASSERT_OK(writer.Write(CorpusEntry{"/c/a.txt", 5, 77}, 1, {plain}, nullptr));
  ASSERT_OK(writer.Write(CorpusEntry{"/c/a.odt", 5, 77}, 2, {dated}, nullptr));
  ASSERT_OK(writer.Commit());
  ASSERT_OK_AND_ASSIGN(IndexSnapshot snapshot, LoadSnapshot(db));
  ASSERT_OK(writer.Touch(CorpusEntry{"/c/a.txt", 5, 99}, snapshot.at("/c/a.txt")));
  ASSERT_OK(writer.Touch(CorpusEntry{"/c/a.odt", 5, 99}, snapshot.at("/c/a.odt")));
  ASSERT_OK(writer.Commit());
  EXPECT_EQ(DateOf(db, "/c/a.txt"), 99);
  EXPECT_EQ(DateOf(db, "/c/a.odt"), 1715938215000000000LL);
  // The declared date is kept in the shown fields too.
  const std::string stored = db.get_document(*db.postlist_begin("Q/c/a.odt")).get_data();
  ASSERT_OK_AND_ASSIGN(SplitData data, SplitDocumentData(stored));
  EXPECT_EQ(data.fields->declared.date, 1715938215);
  EXPECT_EQ(data.fields->mtime_ns, 99);
}

}  // namespace
}  // namespace quarry::indexer
