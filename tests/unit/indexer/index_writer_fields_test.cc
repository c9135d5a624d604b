// BuildDocument's declared fields (HTML meta description and keywords).
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
  doc.description = "Seasonal flyways";
  doc.keywords = "ornithology, wading birds";
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
  doc.description = "first";
  Xapian::Document xdoc = BuildDocument(analyzer, CorpusEntry{"/a.html", 1, 1}, 1, doc);
  auto position_of = [&](const std::string& term) {
    Xapian::TermIterator it = xdoc.termlist_begin();
    it.skip_to(term);
    return *it.positionlist_begin();
  };
  EXPECT_GT(position_of("first"), position_of("last") + 1);
}

}  // namespace
}  // namespace quarry::indexer
