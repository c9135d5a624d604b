// File: tests/unit/indexer/extract/extract_test_util.h
// Helpers of the extractor tests: one document from a committed fixture,
// and text that must hold pieces in order.
#ifndef QUARRY_TESTS_UNIT_INDEXER_EXTRACT_EXTRACT_TEST_UTIL_H_
#define QUARRY_TESTS_UNIT_INDEXER_EXTRACT_EXTRACT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/extract/extractor.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {

// The one document `extractor` makes of tests/testdata/<fixture>; an empty
// one (and a test failure naming the error) when it makes none or more.
inline ExtractedDocument ExtractFixture(const Extractor& extractor, const std::string& fixture) {
  const std::string bytes = ::quarry::testing::ReadTestdata(fixture);
  EXPECT_FALSE(bytes.empty()) << fixture;
  StatusOr<std::vector<ExtractedDocument>> docs = extractor.Extract("/fixtures/" + fixture, bytes);
  EXPECT_TRUE(docs.ok()) << fixture << ": " << docs.status().message();
  if (!docs.ok()) return {};
  EXPECT_EQ(docs->size(), 1u) << fixture;
  if (docs->size() != 1) return {};
  return std::move(docs->front());
}

// Expects `text` to hold each of `pieces`, in this order, and shows the
// text when it does not.
inline void ExpectInOrder(const std::string& text, const std::vector<std::string>& pieces) {
  size_t at = 0;
  for (const std::string& piece : pieces) {
    const size_t found = text.find(piece, at);
    ASSERT_NE(found, std::string::npos) << "'" << piece << "' missing after byte " << at << " of:\n"
                                        << text;
    at = found + piece.size();
  }
}

}  // namespace quarry::indexer

#endif  // QUARRY_TESTS_UNIT_INDEXER_EXTRACT_EXTRACT_TEST_UTIL_H_
