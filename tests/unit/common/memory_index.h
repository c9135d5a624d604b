// File: tests/unit/common/memory_index.h
// A test fixture holding an analyzer and an in-memory Xapian index, for
// tests that check what the index flow writes and what the query flow
// finds, through the real term builder.
#ifndef QUARRY_TESTS_UNIT_COMMON_MEMORY_INDEX_H_
#define QUARRY_TESTS_UNIT_COMMON_MEMORY_INDEX_H_

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/index/term_builder.h"

namespace quarry::testing {

class MemoryIndexTest : public ::testing::Test {
 protected:
  explicit MemoryIndexTest(AnalysisConfig config = {}) : analyzer_(Make(config)) {}

  static Analyzer Make(const AnalysisConfig& config) {
    StatusOr<Analyzer> analyzer = Analyzer::Create(config);
    EXPECT_TRUE(analyzer.ok());
    return std::move(analyzer).value();
  }

  // Indexes `text` as the body of a new document; returns its docid.
  Xapian::docid Add(std::string_view text) {
    Xapian::Document doc;
    IndexText(analyzer_, doc, text, 1, {});
    return db_.add_document(doc);
  }

  std::vector<std::string> Terms(Xapian::docid id) const {
    std::vector<std::string> terms;
    Xapian::Document doc = db_.get_document(id);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.push_back(*it);
    return terms;
  }

  bool HasTerm(Xapian::docid id, const std::string& term) const {
    Xapian::Document doc = db_.get_document(id);
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
  }

  // The documents matching `query`, best first.
  std::vector<Xapian::docid> Run(const Xapian::Query& query) const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    std::vector<Xapian::docid> ids;
    Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    return ids;
  }

  // What a user typing `text` without quotes finds: every word (the query
  // builder's first tier).
  std::vector<Xapian::docid> Words(std::string_view text) {
    std::vector<Xapian::Query> words;
    for (const Token& token : analyzer_.Tokenize(text)) words.push_back(WordQuery(analyzer_, token));
    return Run(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
  }

  // What a user typing "text" in quotes finds.
  std::vector<Xapian::docid> Phrase(std::string_view text) {
    return Run(PhraseQuery(analyzer_, analyzer_.Tokenize(text)));
  }

  Analyzer analyzer_;
  Xapian::WritableDatabase db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
};

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_UNIT_COMMON_MEMORY_INDEX_H_
