#include "common/index/stored_text.h"

#include <gtest/gtest.h>

// ZSTD_frameHeaderSize, to walk the frame's blocks (exported by libzstd).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "common/index/schema.h"
#include "tests/support/status_matchers.h"

namespace quarry {
namespace {

TEST(StoredTextTest, RoundTripsAndShrinksText) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "Meta completed the acquisition of a bakery chain. ";
  text += "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC";
  std::string data = EncodeStoredText(text);
  EXPECT_LT(data.size(), text.size() / 10);
  ASSERT_OK_AND_ASSIGN(std::string back, DecodeStoredText(data));
  EXPECT_EQ(back, text);
}

TEST(StoredTextTest, EmptyTextIsEmptyData) {
  EXPECT_EQ(EncodeStoredText(""), "");
  ASSERT_OK_AND_ASSIGN(std::string back, DecodeStoredText(""));
  EXPECT_EQ(back, "");
}

TEST(StoredTextTest, PlainTextOfOlderIndexesReadsAsItIs) {
  ASSERT_OK_AND_ASSIGN(std::string back, DecodeStoredText("plain text, as indexes held it before"));
  EXPECT_EQ(back, "plain text, as indexes held it before");
}

TEST(StoredTextTest, ADamagedFrameIsDataLoss) {
  std::string data = EncodeStoredText(std::string(5000, 'x') + "tail");
  data.resize(data.size() - 3);  // cut short
  EXPECT_THAT(DecodeStoredText(data), testing::StatusIs(StatusCode::kDataLoss));
  std::string header("\x28\xB5\x2F\xFD", 4);  // the magic number and nothing else
  EXPECT_THAT(DecodeStoredText(header), testing::StatusIs(StatusCode::kDataLoss));
}

TEST(StoredTextTest, DecodesOnlyTheStartWhenAsked) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "caf\xC3\xA9 ";  // 7 bytes each
  std::string data = EncodeStoredText(text);
  ASSERT_OK_AND_ASSIGN(std::string start, DecodeStoredText(data, 1000));
  // 1000 bytes would cut the "\xC3\xA9" of the 143rd word: it stops before.
  EXPECT_EQ(start, text.substr(0, 999));
  ASSERT_OK_AND_ASSIGN(std::string whole, DecodeStoredText(data, 1 << 20));
  EXPECT_EQ(whole, text);
  // Up to four times the bytes asked for, the text is decoded whole and cut.
  ASSERT_OK_AND_ASSIGN(std::string near, DecodeStoredText(data, 10000));
  EXPECT_EQ(near, text.substr(0, 9999));  // cut before the "\xC3\xA9" at 9999
  ASSERT_OK_AND_ASSIGN(std::string plain, DecodeStoredText("plain caf\xC3\xA9", 10));
  EXPECT_EQ(plain, "plain caf");
}

// The number of blocks in the zstd frame `data` (frame format: a header,
// then blocks, each with a 3-byte header holding its last-block bit, type
// and size).
int CountBlocks(const std::string& data) {
  size_t pos = ZSTD_frameHeaderSize(data.data(), data.size());
  int blocks = 0;
  for (bool last = false; !last && pos + 3 <= data.size(); ++blocks) {
    uint32_t header = static_cast<unsigned char>(data[pos]) |
                      static_cast<unsigned char>(data[pos + 1]) << 8 |
                      static_cast<unsigned char>(data[pos + 2]) << 16;
    last = header & 1;
    uint32_t type = (header >> 1) & 3, size = header >> 3;
    pos += 3 + (type == 1 ? 1 : size);  // an RLE block stores one byte
  }
  return blocks;
}

TEST(StoredTextTest, ABlockEndsEvery16KiBSoTheStartDecodesAlone) {
  std::string text;
  for (int i = 0; text.size() < 200000; ++i) text += "line " + std::to_string(i * 7919 % 10007) + " of the text\n";
  std::string data = EncodeStoredText(text);
  EXPECT_GE(CountBlocks(data), static_cast<int>(text.size() / (16 << 10)));
  ASSERT_OK_AND_ASSIGN(std::string back, DecodeStoredText(data));
  EXPECT_EQ(back, text);
  for (size_t start : {size_t{1} << 14, (size_t{1} << 14) + 1, size_t{50000}}) {
    ASSERT_OK_AND_ASSIGN(std::string head, DecodeStoredText(data, start));
    EXPECT_EQ(head, text.substr(0, start)) << start;
  }
}

TEST(FileTextTest, MarkerRoundTripsAndIsNoStoredText) {
  EXPECT_EQ(FileTextOf(FileTextData(FileText::kAsIs)), FileText::kAsIs);
  EXPECT_EQ(FileTextOf(FileTextData(FileText::kRst)), FileText::kRst);
  EXPECT_LE(FileTextData(FileText::kRst).size(), 3u);
  EXPECT_EQ(FileTextOf(""), std::nullopt);
  EXPECT_EQ(FileTextOf("t"), std::nullopt);
  EXPECT_EQ(FileTextOf(EncodeStoredText("t")), std::nullopt);
  EXPECT_EQ(FileTextOf(std::string("\0\1x", 3)), std::nullopt);  // an unknown letter
  EXPECT_EQ(FileTextOf(std::string("\0\1tt", 4)), std::nullopt);
}

TEST(DocumentDataTest, FieldsComeFirstAndTheTextDataAfterThem) {
  ShownFields fields;
  // A path longer than 127 bytes takes two bytes to count.
  fields.path = "/notes/" + std::string(200, 'p') + "/caf\xC3\xA9 \n.txt";
  fields.title = "Herons \xE6\x97\xA5";
  fields.record_id = "rec-7";
  fields.mtime_ns = 1700000000123456789;
  fields.size = 5000000000ull;
  for (const std::string& text_data :
       {FileTextData(FileText::kRst), EncodeStoredText("The heron waits."), std::string()}) {
    std::string data = DocumentData(fields, text_data);
    ASSERT_OK_AND_ASSIGN(SplitData split, SplitDocumentData(data));
    ASSERT_TRUE(split.fields.has_value());
    EXPECT_EQ(*split.fields, fields);
    EXPECT_EQ(split.text_data, text_data);
  }
  const std::string bare = DocumentData(ShownFields{}, "");
  ASSERT_OK_AND_ASSIGN(SplitData empty, SplitDocumentData(bare));
  ASSERT_TRUE(empty.fields.has_value());
  EXPECT_EQ(*empty.fields, ShownFields{});
}

TEST(DocumentDataTest, DeclaredFieldsRoundTripBeforeTheTextData) {
  ShownFields fields{"/a/heron.docx", "Herons", "", 1, 2};
  fields.declared.author = "Ada Lovelace, \xC3\x89mile Zola";
  fields.declared.description = "About herons";
  fields.declared.date = 1700000000;
  for (const std::string& text_data :
       {FileTextData(FileText::kAsIs), EncodeStoredText("The heron waits."), std::string()}) {
    const std::string data = DocumentData(fields, text_data);
    ASSERT_OK_AND_ASSIGN(SplitData split, SplitDocumentData(data));
    ASSERT_TRUE(split.fields.has_value());
    EXPECT_EQ(*split.fields, fields);
    EXPECT_EQ(split.text_data, text_data);
  }
  // Only a date, and a date at the epoch (which is a date, not none).
  for (int64_t date : {int64_t{0}, int64_t{86400}}) {
    ShownFields dated{"/a/b.odt", "B", "", 1, 2};
    dated.declared.date = date;
    const std::string data = DocumentData(dated, "");
    ASSERT_OK_AND_ASSIGN(SplitData split, SplitDocumentData(data));
    EXPECT_EQ(split.fields->declared.date, date);
    EXPECT_EQ(split.fields->declared.author, "");
  }
}

TEST(DocumentDataTest, DocumentsWithoutDeclaredFieldsKeepTheVersion3Layout) {
  ShownFields fields{"/a/heron.txt", "Herons", "", 1, 2};
  const std::string plain = DocumentData(fields, "x");
  fields.declared.keywords = "birds";
  const std::string declared = DocumentData(fields, "x");
  EXPECT_EQ(plain.substr(0, 2), std::string("\0\2", 2));
  EXPECT_EQ(declared.substr(0, 2), std::string("\0\3", 2));
  EXPECT_GT(declared.size(), plain.size());
}

TEST(DocumentDataTest, DeclaredFieldsCutShortAreDamage) {
  ShownFields fields{"/a/heron.odt", "Herons", "", 1, 2};
  fields.declared.author = "Ada";
  fields.declared.date = 1700000000;
  const std::string data = DocumentData(fields, "");
  for (size_t cut = 2; cut < data.size(); ++cut) {
    EXPECT_THAT(SplitDocumentData(std::string_view(data).substr(0, cut)),
                testing::StatusIs(StatusCode::kDataLoss))
        << "cut at " << cut;
  }
}

TEST(DocumentDataTest, DataWrittenBeforeFieldsIsAllTextData) {
  for (const std::string& old :
       {FileTextData(FileText::kAsIs), EncodeStoredText("heron"),
        std::string("plain text, as indexes held it before"), std::string()}) {
    ASSERT_OK_AND_ASSIGN(SplitData split, SplitDocumentData(old));
    EXPECT_FALSE(split.fields.has_value());
    EXPECT_EQ(split.text_data, old);
  }
}

TEST(DocumentDataTest, FieldsCutShortAreDamage) {
  ShownFields fields{"/a/heron.txt", "Herons", "", 1, 2};
  std::string data = DocumentData(fields, "");
  for (size_t cut = 2; cut < data.size(); ++cut) {
    EXPECT_THAT(SplitDocumentData(std::string_view(data).substr(0, cut)),
                testing::StatusIs(StatusCode::kDataLoss))
        << "cut at " << cut;
  }
  // A count that runs on without end.
  const std::string endless = std::string("\0\2", 2) + std::string(12, '\xFF');
  EXPECT_THAT(SplitDocumentData(endless), testing::StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace quarry
