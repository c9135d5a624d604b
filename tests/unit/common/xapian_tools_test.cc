// DESIGN.md: Xapian's own tools (quest, xapian-delve) and Xapian::QueryParser
// stay usable on a Quarry index. QueryParser with STEM_SOME is what quest
// and omega use; each word below must find the document the way it would
// in an index of Xapian's own TermGenerator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/common/memory_index.h"

namespace quarry {
namespace {

using ::quarry::testing::MemoryIndexTest;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class XapianToolsTest : public MemoryIndexTest {
 protected:
  std::vector<Xapian::docid> Parse(const std::string& text) {
    Xapian::QueryParser parser;
    parser.set_database(db_);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    return Run(parser.parse_query(text));
  }
};

TEST_F(XapianToolsTest, QueryParserFindsWordsStemsNumbersAndPhrases) {
  Xapian::docid kernel = Add(
      "The ext4 journal on 64 cores of Linux 2.6.32 calls kmalloc_array() between memory "
      "barriers.");
  Xapian::docid other = Add("Journals of other things.");
  EXPECT_THAT(Parse("journal"), UnorderedElementsAre(kernel, other));  // Zjournal
  EXPECT_THAT(Parse("barriers"), ElementsAre(kernel));                 // Zbarrier
  EXPECT_THAT(Parse("ext4"), ElementsAre(kernel));                     // Zext4
  // An identifier Snowball leaves as it is (README "Index layout": one
  // whose end it would stem, such as copy_from_user, is not found this way).
  EXPECT_THAT(Parse("kmalloc_array"), ElementsAre(kernel));
  EXPECT_THAT(Parse("Linux"), ElementsAre(kernel));  // capitalized: unstemmed
  // Numbers: QueryParser looks for them unstemmed, as they are indexed.
  EXPECT_THAT(Parse("64 cores"), ElementsAre(kernel));
  EXPECT_THAT(Parse("2.6.32"), ElementsAre(kernel));
  EXPECT_THAT(Parse("\"memory barriers\""), ElementsAre(kernel));
  EXPECT_THAT(Parse("\"on 64 cores\""), ElementsAre(kernel));
}

}  // namespace
}  // namespace quarry
