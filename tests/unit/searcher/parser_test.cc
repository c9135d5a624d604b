// The query language (searcher/query/parser.h): every form of the syntax,
// and every malformed or pasted-text case, as a table.
#include "searcher/query/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;

// A compact, readable rendering of the tree: (seq a b), (or ...), "phrase",
// +word, -word, title:word, word*, (near/3 a b), ext:md, date:[from,to].
std::string Show(const QueryNode& node) {
  std::string out;
  if (node.modifier == Modifier::kRequired) out += '+';
  if (node.modifier == Modifier::kExcluded) out += '-';
  auto children = [&](const char* name) {
    out += "(";
    out += name;
    for (const QueryNode& child : node.children) {
      out += ' ';
      out += Show(child);
    }
    out += ")";
  };
  static const char* kFields[] = {"", "title:", "path:", "ext:", "date:"};
  switch (node.kind) {
    case NodeKind::kText:
      if (node.field == Field::kDeclared) {
        out += std::string(node.declared->name) + ":";
      } else {
        out += kFields[static_cast<int>(node.field)];
      }
      if (node.quoted) out += '"';
      out += node.text;
      if (node.quoted) out += '"';
      if (node.wildcard) out += "*";
      break;
    case NodeKind::kFilter:
      out += kFields[static_cast<int>(node.field)];
      if (node.field == Field::kDate) {
        out += '[';
        if (node.time.from_ns) out += "from";
        out += ',';
        if (node.time.to_ns) out += "to";
        out += ']';
      } else {
        out += node.text;
      }
      break;
    case NodeKind::kNear: children(("near/" + std::to_string(node.distance)).c_str()); break;
    case NodeKind::kSequence: children("seq"); break;
    case NodeKind::kAnd: children("and"); break;
    case NodeKind::kOr: children("or"); break;
    case NodeKind::kAndNot: children("andnot"); break;
  }
  return out;
}

struct Case {
  const char* query;
  const char* tree;
};

class ParserTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(ParserTableTest, ParsesAsExpected) {
  const Case& c = GetParam();
  ASSERT_OK_AND_ASSIGN(QueryNode node, ParseQuery(c.query, {}));
  EXPECT_EQ(Show(node), c.tree) << "query: " << c.query;
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, ParserTableTest,
    ::testing::Values(
        Case{"meta acquisition", "(seq meta acquisition)"},
        Case{"meta", "(seq meta)"},
        Case{"\"meta acquisition\" deal", "(seq \"meta acquisition\" deal)"},
        Case{"\xE2\x80\x9C" "curly quotes" "\xE2\x80\x9D", "(seq \"curly quotes\")"},
        Case{"a AND b", "(and (seq a) (seq b))"},
        Case{"a OR b", "(or (seq a) (seq b))"},
        Case{"a NOT b", "(andnot (seq a) (seq b))"},
        Case{"a AND NOT b", "(andnot (seq a) (seq b))"},
        Case{"a AND b AND c", "(and (seq a) (seq b) (seq c))"},
        // AND and NOT chains are one node: the wanted side, then each
        // unwanted one ("(a AND b AND d) NOT c").
        Case{"a NOT b NOT c", "(andnot (seq a) (seq b) (seq c))"},
        Case{"a AND b NOT c AND d", "(andnot (and (seq a) (seq b) (seq d)) (seq c))"},
        Case{"a b OR c", "(or (seq a b) (seq c))"},
        Case{"a OR b AND c", "(or (seq a) (and (seq b) (seq c)))"},
        Case{"(a OR b) c", "(seq (or (seq a) (seq b)) c)"},
        Case{"((a))", "(seq a)"},
        Case{"+meta -quest headset", "(seq +meta -quest headset)"},
        Case{"-\"virtual reality\" meta", "(seq -\"virtual reality\" meta)"},
        Case{"meta -(quest OR headset)", "(seq meta -(seq (or (seq quest) (seq headset))))"},
        Case{"a NEAR b", "(seq (near/10 a b))"},
        Case{"a NEAR/3 b", "(seq (near/3 a b))"},
        Case{"a NEAR/2 b NEAR/5 c", "(seq (near/5 a b c))"},
        Case{"\"big deal\" NEAR/4 meta", "(seq (near/4 \"big deal\" meta))"},
        Case{"acqui*", "(seq acqui*)"},
        Case{"title:meta", "(seq title:meta)"},
        Case{"title:\"meta deal\"", "(seq title:\"meta deal\")"},
        Case{"title:meta*", "(seq title:meta*)"},
        // Fields documents declare (common/index/document_fields.h).
        Case{"author:lovelace", "(seq author:lovelace)"},
        Case{"author:\"ada lovelace\" engine", "(seq author:\"ada lovelace\" engine)"},
        Case{"description:herons keywords:birds", "(seq description:herons keywords:birds)"},
        Case{"Author:lovelace", "(seq Author:lovelace)"},
        Case{"authors:lovelace", "(seq authors:lovelace)"},
        Case{"path:notes/ ext:md", "(seq path:notes/ ext:md)"},
        Case{"ext:md -ext:txt", "(seq ext:md -ext:txt)"},
        Case{"date:2025-01-01..2025-06-30", "(seq date:[from,to])"},
        Case{"date:2025-01-01..", "(seq date:[from,])"},
        Case{"date:..2025", "(seq date:[,to])"},
        Case{"date:7d tomato", "(seq date:[from,] tomato)"},
        // Not syntax: words with inner punctuation, unknown or capitalized
        // field names, operators in lower case, inner '*'.
        Case{"e-mail C++ 1.4.22", "(seq e-mail C++ 1.4.22)"},
        Case{"Note: http://x.org", "(seq Note: http://x.org)"},
        Case{"Title:meta", "(seq Title:meta)"},
        Case{"cats and dogs or mice", "(seq cats and dogs or mice)"},
        Case{"a*b", "(seq a*b)"},
        Case{"NEARBY ANDROID", "(seq NEARBY ANDROID)"},
        // All capitals (a pasted title): operators are words.
        Case{"WAR AND PEACE", "(seq WAR AND PEACE)"},
        Case{"TO BE OR NOT TO BE", "(seq TO BE OR NOT TO BE)"},
        Case{"THE EFFECT OF NOT", "(seq THE EFFECT OF NOT)"},
        // ... but one lower-case word brings them back.
        Case{"DNA OR rna", "(or (seq DNA) (seq rna))"},
        // Scripts without case keep operators.
        Case{"\xE7\x8C\xAB AND \xE7\x8B\x97", "(and (seq \xE7\x8C\xAB) (seq \xE7\x8B\x97))"}));

struct BadCase {
  const char* query;
  const char* problem;  // part of the message
};

class ParserErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParserErrorTest, MalformedSyntaxIsAnErrorNamingTheProblem) {
  const BadCase& c = GetParam();
  StatusOr<QueryNode> node = ParseQuery(c.query, {});
  ASSERT_THAT(node, StatusIs(StatusCode::kInvalidArgument)) << "query: " << c.query;
  EXPECT_THAT(node.status().message(), ::testing::HasSubstr(c.problem)) << "query: " << c.query;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ParserErrorTest,
    ::testing::Values(BadCase{"\"meta acquisition", "unbalanced quote"},
                      BadCase{"meta \"", "unbalanced quote"},
                      BadCase{"(meta acquisition", "unbalanced '('"},
                      BadCase{"meta acquisition)", "unbalanced ')'"},
                      BadCase{"meta ) (", "unbalanced ')'"},
                      BadCase{"()", "empty parentheses"},
                      BadCase{"meta AND", "nothing after AND"},
                      BadCase{"AND meta", "AND without a term before it"},
                      BadCase{"meta OR OR acquisition", "OR without a term"},
                      BadCase{"meta OR NOT acquisition", "NOT without a term"},
                      BadCase{"NOT meta", "NOT without a term"},
                      BadCase{"meta NEAR", "NEAR needs a word"},
                      BadCase{"meta NEAR (a b)", "NEAR needs a word"},
                      BadCase{"meta NEAR title:a", "NEAR joins plain words"},
                      BadCase{"author:a NEAR description:b", "NEAR joins plain words"},
                      BadCase{"meta NEAR -a", "NEAR joins plain words"},
                      BadCase{"meta - acquisition", "a lone '-'"},
                      BadCase{"+ meta", "a lone '+'"},
                      BadCase{"meta *", "a lone '*'"},
                      BadCase{"title: meta", "'title:' has no value"},
                      BadCase{"author: meta", "'author:' has no value"},
                      BadCase{"date:yesterday", "not a date"},
                      BadCase{"date:2025-02-30", "not a date"},
                      BadCase{"date:2025-13", "not a date"},
                      BadCase{"date:2025-06-30..2025-01-01", "ends before it starts"},
                      BadCase{"date:..", "needs a date"},
                      BadCase{"", "empty"}));

std::string Nested(size_t depth, const std::string& inner, const std::string& open = "(") {
  std::string query;
  for (size_t i = 0; i < depth; ++i) query += open;
  query += inner;
  return query + std::string(depth, ')');
}

// Issue 16: about 1,900 nested '(' overflowed the stack of the recursive
// descent (SIGSEGV). Parentheses now nest kMaxQueryNesting deep at most.
TEST(ParserTest, NestingIsBounded) {
  ASSERT_OK_AND_ASSIGN(QueryNode deepest, ParseQuery(Nested(kMaxQueryNesting, "meta OR deal"), {}));
  EXPECT_EQ(Show(deepest), "(or (seq meta) (seq deal))");
  for (size_t depth : {kMaxQueryNesting + 1, size_t{1900}, size_t{100000}}) {
    StatusOr<QueryNode> node = ParseQuery(Nested(depth, "meta"), {});
    ASSERT_THAT(node, StatusIs(StatusCode::kInvalidArgument)) << depth;
    EXPECT_THAT(node.status().message(),
                ::testing::HasSubstr("parentheses nested more than 32 deep at character 33"));
  }
  // Groups with a modifier, and groups left open, are parentheses too.
  EXPECT_THAT(ParseQuery(Nested(5000, "meta", "-("), {}),
              StatusIs(StatusCode::kInvalidArgument, ::testing::HasSubstr("nested more than 32")));
  EXPECT_THAT(ParseQuery(std::string(5000, '(') + "meta", {}),
              StatusIs(StatusCode::kInvalidArgument, ::testing::HasSubstr("nested more than 32")));
}

TEST(ParserTest, OperatorChainsAddNoDepth) {
  std::string query = "w0";
  for (int i = 1; i < 20000; ++i) query += (i % 3 == 0 ? " AND w" : i % 3 == 1 ? " NOT w" : " OR w") + std::to_string(i);
  ASSERT_OK_AND_ASSIGN(QueryNode node, ParseQuery(query, {}));
  EXPECT_LE(TreeDepth(node), 5u);
  // The deepest nesting allowed stays a few levels per parenthesis.
  ASSERT_OK_AND_ASSIGN(QueryNode nested, ParseQuery(Nested(kMaxQueryNesting, query), {}));
  EXPECT_LE(TreeDepth(nested), 5 * (kMaxQueryNesting + 1));
}

struct CutCase {
  const char* query;
  size_t max_bytes;
  const char* kept;
};

TEST(ParserTest, CutQueryKeepsWholeWordsAndNoDanglingOperator) {
  const CutCase cases[] = {
      {"meta acquisition", 100, "meta acquisition"},
      {"meta acquisition", 16, "meta acquisition"},
      {"meta acquisition", 15, "meta"},
      {"meta acquisition", 5, "meta"},
      {"meta   acquisition", 7, "meta"},
      {"a OR b OR c", 10, "a OR b"},
      {"a OR b OR c", 9, "a OR b"},
      {"a OR b AND NOT c", 14, "a OR b"},
      {"a NEAR/3 b", 9, "a"},
      {"abcdefgh", 5, "abcde"},
      // One endless word is cut at a character boundary: "\xC3\xA9" is 2 bytes.
      {"\xC3\xA9\xC3\xA9\xC3\xA9", 5, "\xC3\xA9\xC3\xA9"},
  };
  for (const CutCase& c : cases) {
    EXPECT_EQ(CutQuery(c.query, c.max_bytes), c.kept) << c.query << " / " << c.max_bytes;
  }
}

TEST(ParserTest, ErrorsSayWhere) {
  StatusOr<QueryNode> node = ParseQuery("meta \"acq", {});
  ASSERT_THAT(node, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(node.status().message(), ::testing::HasSubstr("at character 6"));
}

TEST(ParserTest, PlainOptionTurnsSyntaxOff) {
  ParseOptions options;
  options.plain = true;
  ASSERT_OK_AND_ASSIGN(QueryNode node, ParseQuery("\"a\" AND (b -c title:d", options));
  EXPECT_EQ(Show(node), "(seq \"a\" AND (b -c title:d)");
}

TEST(ParserTest, PlainReadingKeepsEachPieceAndItsSpan) {
  QueryNode node = ParsePlain("  Meta  aquisition ");
  ASSERT_EQ(node.children.size(), 2u);
  EXPECT_EQ(node.children[1].text, "aquisition");
  EXPECT_EQ(node.children[1].begin, 8u);
  EXPECT_EQ(node.children[1].end, 18u);
}

TEST(ParserTest, SpansPointAtTheTypedText) {
  ASSERT_OK_AND_ASSIGN(QueryNode node, ParseQuery("+meta title:deal", {}));
  ASSERT_EQ(node.children.size(), 2u);
  EXPECT_EQ(node.children[0].begin, 0u);
  EXPECT_EQ(node.children[0].end, 5u);
  EXPECT_EQ(node.children[1].begin, 6u);
  EXPECT_EQ(node.children[1].end, 16u);
  // Where each text starts, after its modifier, field name or quote.
  const std::string query = "+meta title:deal \xE2\x80\x9C" "big deal\" acqui* -\"a b\"";
  ASSERT_OK_AND_ASSIGN(QueryNode texts, ParseQuery(query, {}));
  ASSERT_EQ(texts.children.size(), 5u);
  for (const QueryNode& child : texts.children) {
    EXPECT_EQ(query.substr(child.text_begin, child.text.size()), child.text) << child.text;
  }
}

TEST(ParserTest, AllCapitalsRule) {
  EXPECT_TRUE(IsAllCapitals("WAR AND PEACE"));
  EXPECT_TRUE(IsAllCapitals("IPV6 OR 1.4"));
  EXPECT_FALSE(IsAllCapitals("War AND Peace"));
  EXPECT_FALSE(IsAllCapitals("AND OR NOT"));  // operators only: nothing in capitals
  EXPECT_FALSE(IsAllCapitals("\xE7\x8C\xAB AND \xE7\x8B\x97"));
}

}  // namespace
}  // namespace quarry::searcher
