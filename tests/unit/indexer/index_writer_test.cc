#include "indexer/index_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

std::set<std::string> TermsOf(const Xapian::Document& doc) {
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  return terms;
}

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

TEST(BuildDocumentTest, HoldsTheSchemaTermsAndValues) {
  Analyzer analyzer = English();
  CorpusEntry entry{"/corpus/notes/Deal.MD", 120, 1700000000000000000LL};
  ExtractedDocument doc;
  doc.title = "Meta's Acquisition";
  doc.body = "Meta acquired a startup. Acquisitions continue.";
  Xapian::Document xdoc = BuildDocument(analyzer, entry, 99, doc);
  std::set<std::string> terms = TermsOf(xdoc);

  // Must be there (omindexcheck style).
  for (const char* term : {"meta's", "acquisition", "acquired", "startup", "Zacquisit", "Zmeta",
                           "Sacquisition", "Smeta's", "Q/corpus/notes/Deal.MD", "XP/corpus",
                           "XP/corpus/notes", "Emd"}) {
    EXPECT_TRUE(terms.count(term)) << "missing " << term;
  }
  // Must not be there: raw case, title-prefixed body words, punctuation.
  for (const char* term : {"Meta", "Sstartup", "Emd.", ".", "Zacquisitions"}) {
    EXPECT_FALSE(terms.count(term)) << "unexpected " << term;
  }
  EXPECT_EQ(xdoc.get_value(schema::kPathSlot), "/corpus/notes/Deal.MD");
  EXPECT_EQ(xdoc.get_value(schema::kTitleSlot), "Meta's Acquisition");
  EXPECT_EQ(schema::DecodeUint64(xdoc.get_value(schema::kSizeSlot)), 120u);
  EXPECT_EQ(schema::DecodeTime(xdoc.get_value(schema::kMtimeSlot)), 1700000000000000000LL);
  EXPECT_EQ(schema::DecodeUint64(xdoc.get_value(schema::kSignatureSlot)), 99u);
  // The document data: the fields a result shows, then the text.
  const std::string stored = xdoc.get_data();
  ASSERT_OK_AND_ASSIGN(SplitData data, SplitDocumentData(stored));
  ASSERT_TRUE(data.fields.has_value());
  EXPECT_EQ(*data.fields, (ShownFields{"/corpus/notes/Deal.MD", "Meta's Acquisition", "",
                                       1700000000000000000LL, 120}));
  EXPECT_EQ(DecodeStoredText(data.text_data).value(), doc.body);
}

TEST(BuildDocumentTest, BodyPositionsFollowTheTitleWithAGap) {
  Analyzer analyzer = English();
  ExtractedDocument doc;
  doc.title = "alpha beta";
  doc.body = "gamma";
  Xapian::Document xdoc = BuildDocument(analyzer, CorpusEntry{"/a.txt", 1, 1}, 1, doc);
  Xapian::TermIterator it = xdoc.termlist_begin();
  it.skip_to("gamma");
  ASSERT_EQ(*it, "gamma");
  auto pos = it.positionlist_begin();
  EXPECT_EQ(*pos, 3u + schema::kBodyPositionGap);  // title words at 1 and 2
}

TEST(IndexWriterTest, WriteIsIdempotentAndSnapshotReadsItBack) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  IndexWriter writer(db, English());
  CorpusEntry entry{"/c/a.txt", 5, 77};
  ExtractedDocument doc;
  doc.title = "t";
  doc.body = "hello world";
  ASSERT_OK(writer.Write(entry, 1234, {doc}, nullptr));
  ASSERT_OK(writer.Write(entry, 1234, {doc}, nullptr));
  ASSERT_OK(writer.Commit());
  EXPECT_EQ(db.get_doccount(), 1u);

  ASSERT_OK_AND_ASSIGN(IndexSnapshot snapshot, LoadSnapshot(db));
  ASSERT_EQ(snapshot.size(), 1u);
  const IndexedFile& file = snapshot.at("/c/a.txt");
  EXPECT_EQ(file.mtime_ns, 77);
  EXPECT_EQ(file.size, 5u);
  EXPECT_EQ(file.signature, 1234u);
  EXPECT_THAT(file.unique_terms, ::testing::ElementsAre("Q/c/a.txt"));

  ASSERT_OK(writer.Remove(file));
  ASSERT_OK(writer.Commit());
  EXPECT_EQ(db.get_doccount(), 0u);
}

TEST(IndexWriterTest, TouchRecordsTheNewTimeInTheSlotsAndTheShownFields) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  IndexWriter writer(db, English());
  CorpusEntry entry{"/c/a.txt", 5, 77};
  ExtractedDocument doc;
  doc.title = "Herons";
  doc.body = "hello world";
  ASSERT_OK(writer.Write(entry, 1234, {doc}, nullptr));
  ASSERT_OK(writer.Commit());
  ASSERT_OK_AND_ASSIGN(IndexSnapshot snapshot, LoadSnapshot(db));
  ASSERT_OK(writer.Touch(CorpusEntry{"/c/a.txt", 6, 99}, snapshot.at("/c/a.txt")));
  ASSERT_OK(writer.Commit());

  Xapian::Document xdoc = db.get_document(*db.postlist_begin("Q/c/a.txt"));
  EXPECT_EQ(schema::DecodeTime(xdoc.get_value(schema::kMtimeSlot)), 99);
  EXPECT_EQ(schema::DecodeUint64(xdoc.get_value(schema::kSizeSlot)), 6u);
  const std::string stored = xdoc.get_data();
  ASSERT_OK_AND_ASSIGN(SplitData data, SplitDocumentData(stored));
  ASSERT_TRUE(data.fields.has_value());
  EXPECT_EQ(*data.fields, (ShownFields{"/c/a.txt", "Herons", "", 99, 6}));
  EXPECT_EQ(DecodeStoredText(data.text_data).value(), "hello world");
}

TEST(IndexWriterTest, SkippedFilesAreRememberedAndForgotten) {
  // Metadata listing needs a real backend (InMemory lacks it).
  quarry::testing::TempDir dir;
  Xapian::WritableDatabase db(dir.Path("db"), Xapian::DB_CREATE);
  IndexWriter writer(db, English());
  CorpusEntry entry{"/c/image.bin", 10, 5};
  ASSERT_OK(writer.RecordSkipped(entry, "binary", nullptr));
  ASSERT_OK(writer.Commit());
  ASSERT_OK_AND_ASSIGN(IndexSnapshot snapshot, LoadSnapshot(db));
  ASSERT_EQ(snapshot.count("/c/image.bin"), 1u);
  EXPECT_EQ(snapshot.at("/c/image.bin").skip_reason, "binary");
  EXPECT_EQ(db.get_doccount(), 0u);

  ASSERT_OK(writer.Remove(snapshot.at("/c/image.bin")));
  ASSERT_OK(writer.Commit());
  ASSERT_OK_AND_ASSIGN(IndexSnapshot after, LoadSnapshot(db));
  EXPECT_TRUE(after.empty());
}

TEST(IndexWriterTest, WriteDropsRecordsTheFileNoLongerHas) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  IndexWriter writer(db, English());
  CorpusEntry entry{"/c/r.jsonl", 5, 1};
  ExtractedDocument one, two;
  one.record_id = "1";
  one.body = "first";
  two.record_id = "2";
  two.body = "second";
  ASSERT_OK(writer.Write(entry, 1, {one, two}, nullptr));
  ASSERT_OK(writer.Commit());
  ASSERT_OK_AND_ASSIGN(IndexSnapshot snapshot, LoadSnapshot(db));
  EXPECT_EQ(snapshot.at("/c/r.jsonl").unique_terms.size(), 2u);

  ASSERT_OK(writer.Write(entry, 2, {one}, &snapshot.at("/c/r.jsonl")));
  ASSERT_OK(writer.Commit());
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("Q/c/r.jsonl#2"), 0u);
}

}  // namespace
}  // namespace quarry::indexer
