#include "indexer/extract/jsonl_extractor.h"

#include <gtest/gtest.h>

#include "indexer/extract/registry.h"
#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

struct RecordCase {
  const char* name;
  const char* content;
  // Expected records, each "id|title|body".
  std::vector<std::string> records;
};

std::vector<std::string> Flatten(const std::vector<ExtractedDocument>& docs) {
  std::vector<std::string> out;
  for (const ExtractedDocument& d : docs) out.push_back(d.record_id + "|" + d.title + "|" + d.body);
  return out;
}

TEST(JsonlExtractorTest, RecordsTable) {
  const RecordCase cases[] = {
      {"two_records",
       "{\"id\": \"a\", \"title\": \"First\", \"text\": \"one\"}\n"
       "{\"id\": \"b\", \"title\": \"Second\", \"text\": \"two\"}\n",
       {"a|First|one", "b|Second|two"}},
      {"no_final_newline_crlf_and_blank_lines",
       "\n{\"id\": \"a\", \"text\": \"x\"}\r\n\n  \n{\"id\": \"b\", \"text\": \"y\"}",
       {"a||x", "b||y"}},
      {"integer_id", "{\"id\": 42, \"text\": \"x\"}\n", {"42||x"}},
      {"missing_id_uses_line_number", "\n{\"text\": \"x\"}\n", {"line-2||x"}},
      {"null_fields_are_missing", "{\"id\": \"a\", \"title\": null, \"text\": null}\n", {"a||"}},
      {"title_on_one_line", "{\"id\": \"a\", \"title\": \"A\\nB\\tC\"}\n", {"a|A B C|"}},
      {"array_text_joined", "{\"id\": \"a\", \"text\": [\"p1\", \"p2\", 3]}\n", {"a||p1\np2\n3"}},
      {"number_text", "{\"id\": \"a\", \"text\": 2.5}\n", {"a||2.5"}},
      {"unicode_escapes", "{\"id\": \"a\", \"text\": \"caf\\u00e9\"}\n", {"a||caf\xC3\xA9"}},
      {"other_fields_ignored", "{\"id\": \"a\", \"author\": \"z\", \"text\": \"x\"}\n", {"a||x"}},
      {"empty_file", "", {}},
  };
  JsonlExtractor extractor;
  for (const RecordCase& c : cases) {
    StatusOr<std::vector<ExtractedDocument>> docs = extractor.Extract("/c/f.jsonl", c.content);
    ASSERT_TRUE(docs.ok()) << c.name << ": " << docs.status().message();
    EXPECT_EQ(Flatten(*docs), c.records) << c.name;
  }
}

TEST(JsonlExtractorTest, MappingChoosesTheFields) {
  JsonlExtractor extractor({.id_field = "docno", .title_field = "headline", .text_field = "body"});
  ASSERT_OK_AND_ASSIGN(
      std::vector<ExtractedDocument> docs,
      extractor.Extract("/c/f.jsonl",
                        "{\"id\": \"x\", \"docno\": \"D1\", \"headline\": \"H\", \"body\": \"B\", "
                        "\"text\": \"ignored\"}\n"));
  EXPECT_EQ(Flatten(docs), std::vector<std::string>{"D1|H|B"});
}

struct BadCase {
  const char* name;
  const char* content;
  const char* message_part;
};

TEST(JsonlExtractorTest, DamagedLinesFailTheFileNamingTheLine) {
  const BadCase cases[] = {
      {"invalid_json", "{\"id\": \"a\"}\n{\"id\": \"b\", \n", "line 2: not valid JSON"},
      {"not_an_object", "[1, 2]\n", "line 1: not a JSON object"},
      {"invalid_utf8", "{\"id\": \"a\", \"text\": \"\xFF\"}\n", "line 1: not valid JSON"},
      {"duplicate_id", "{\"id\": \"a\"}\n{\"id\": \"a\"}\n", "line 2: the id \"a\" was already used"},
      {"empty_id", "{\"id\": \"\"}\n", "line 1: the \"id\" field is empty"},
      {"object_id", "{\"id\": {\"x\": 1}}\n", "line 1: the \"id\" field is not a string"},
  };
  JsonlExtractor extractor;
  for (const BadCase& c : cases) {
    StatusOr<std::vector<ExtractedDocument>> docs = extractor.Extract("/c/f.jsonl", c.content);
    EXPECT_THAT(docs.status(), StatusIs(StatusCode::kDataLoss)) << c.name;
    EXPECT_NE(docs.status().message().find(c.message_part), std::string::npos)
        << c.name << ": " << docs.status().message();
    EXPECT_NE(docs.status().message().find("/c/f.jsonl"), std::string::npos) << c.name;
  }
}

TEST(JsonlExtractorTest, RegisteredForJsonlAndNdjson) {
  ExtractorRegistry registry = ExtractorRegistry::Default();
  for (const char* path : {"/c/a.jsonl", "/c/b.NDJSON"}) {
    const Extractor* extractor = registry.Choose(path, "{}");
    ASSERT_NE(extractor, nullptr) << path;
    EXPECT_EQ(extractor->name(), "jsonl") << path;
  }
}

TEST(JsonlExtractorTest, RegistryUsesTheGivenMapping) {
  ExtractorRegistry registry = ExtractorRegistry::Default({.id_field = "k"});
  const Extractor* extractor = registry.Choose("/c/a.jsonl", "");
  ASSERT_NE(extractor, nullptr);
  ASSERT_OK_AND_ASSIGN(std::vector<ExtractedDocument> docs,
                       extractor->Extract("/c/a.jsonl", "{\"k\": \"r1\", \"text\": \"t\"}\n"));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].record_id, "r1");
}

}  // namespace
}  // namespace quarry::indexer
