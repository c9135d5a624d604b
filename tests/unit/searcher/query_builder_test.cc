// Building Xapian queries from parsed queries (searcher/query/query_builder.h):
// each form of the syntax gives the query it should, every word through the
// shared Analyzer.
#include "searcher/query/query_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/index/schema.h"
#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

class QueryBuilderTest : public ::testing::Test {
 protected:
  BuiltQuery Build(const std::string& query, const QueryContext& context = {}) {
    StatusOr<BuiltQuery> built = ParseAndBuild(query, {}, analyzer_, context);
    EXPECT_TRUE(built.ok()) << query << ": " << built.status().message();
    return built.ok() ? std::move(*built) : BuiltQuery{};
  }
  std::vector<std::string> Tiers(const std::string& query, const QueryContext& context = {}) {
    std::vector<std::string> out;
    for (const Xapian::Query& q : Build(query, context).tiers) out.push_back(q.get_description());
    return out;
  }

  Analyzer analyzer_ = English();
};

TEST_F(QueryBuilderTest, PlainWordsGoThroughTheAnalyzerAllThenSome) {
  BuiltQuery q = Build("META Acquisitions");
  EXPECT_THAT(q.stems, ElementsAre("meta", "acquisit"));
  ASSERT_EQ(q.tiers.size(), 2u);
  EXPECT_EQ(q.tiers[0].get_description(), "Query((Zmeta AND Zacquisit))");
  EXPECT_EQ(q.tiers[1].get_description(),
            "Query(((Zmeta OR Zacquisit) AND_NOT (Zmeta AND Zacquisit)))");
  EXPECT_THAT(q.tier_names, ElementsAre("all the words", "some of the words"));
  EXPECT_FALSE(q.filter_only);
  EXPECT_THAT(q.notes, IsEmpty());
}

TEST_F(QueryBuilderTest, OneWordIsOneTier) {
  EXPECT_THAT(Tiers("caf\xC3\xA9"), ElementsAre("Query(Zcafe)"));
}

TEST_F(QueryBuilderTest, RepeatedWordIsOneTermWeighingMore) {
  // Three times the same stem: one term with a query frequency of 3.
  EXPECT_THAT(Tiers("run running RUN"), ElementsAre("Query(Zrun#3)"));
  EXPECT_THAT(Tiers("heat flow heat"), ElementsAre("Query((Zheat#2 AND Zflow))",
                                                    "Query(((Zheat#2 OR Zflow) AND_NOT (Zheat#2 AND Zflow)))"));
}

TEST_F(QueryBuilderTest, FunctionWordsAreDroppedUnlessTheyAreAllThereIs) {
  EXPECT_THAT(Tiers("the flow of heat"), ElementsAre("Query((Zflow AND Zheat))",
                                                      "Query(((Zflow OR Zheat) AND_NOT (Zflow AND Zheat)))"));
  // The analyzer's stop words ("to", "be", "or") have no stem in the index
  // and are matched as written.
  EXPECT_THAT(Tiers("to be or not"), ElementsAre("Query((to AND be AND or AND Znot))",
                                                  "Query(((to OR be OR or OR Znot) AND_NOT (to AND be AND or AND Znot)))"));
  // Quoted, they are searched for.
  EXPECT_THAT(Tiers("\"the flow\""), ElementsAre("Query((the PHRASE 2 flow))"));
}

TEST_F(QueryBuilderTest, LongQueriesAreOneRankedTier) {
  // More distinct words than ranking::kMaxTieredWords: no "all the words" tier.
  BuiltQuery q = Build("heat flow slab conduction transient layer surface temperature");
  ASSERT_EQ(q.tiers.size(), 1u);
  EXPECT_EQ(q.tier_names[0], "any of the words");
  EXPECT_EQ(q.tiers[0].get_type(), Xapian::Query::OP_OR);
}

struct FormCase {
  const char* query;
  std::vector<std::string> tiers;
};

class QueryFormTest : public QueryBuilderTest, public ::testing::WithParamInterface<FormCase> {};

TEST_P(QueryFormTest, BuildsTheExpectedQuery) {
  EXPECT_EQ(Tiers(GetParam().query), GetParam().tiers) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, QueryFormTest,
    ::testing::Values(
        FormCase{"\"Meta Acquisition\"", {"Query((meta PHRASE 2 acquisition))"}},
        FormCase{"a AND b", {"Query((a AND Zb))"}},
        FormCase{"a OR b", {"Query((a OR Zb))"}},
        FormCase{"a NOT b", {"Query((a AND_NOT Zb))"}},
        FormCase{"a NOT b NOT c", {"Query((a AND_NOT (Zb OR Zc)))"}},
        FormCase{"x NOT b AND c", {"Query(((Zx AND Zc) AND_NOT Zb))"}},
        FormCase{"x b OR c", {"Query(((Zx OR Zb) OR Zc))"}},
        FormCase{"+meta deal", {"Query((Zmeta AND Zdeal))", "Query(((Zmeta AND_MAYBE Zdeal) AND_NOT Zdeal))"}},
        FormCase{"+meta deal price",
                 {"Query((Zmeta AND Zdeal AND Zprice))",
                  "Query(((Zmeta AND_MAYBE (Zdeal OR Zprice)) AND_NOT (Zdeal AND Zprice)))"}},
        FormCase{"+meta +deal", {"Query((Zmeta AND Zdeal))"}},
        FormCase{"meta -quest", {"Query((Zmeta AND_NOT Zquest))"}},
        FormCase{"meta -\"vr headset\"", {"Query((Zmeta AND_NOT (vr PHRASE 2 headset)))"}},
        FormCase{"a NEAR/3 b", {"Query((a NEAR 5 b))"}},
        FormCase{"title:Meta", {"Query(Smeta)"}},
        FormCase{"title:\"big deal\" meta",
                 {"Query(((Sbig PHRASE 2 Sdeal) AND Zmeta))",
                  "Query((((Sbig PHRASE 2 Sdeal) AND_MAYBE Zmeta) AND_NOT Zmeta))"}},
        FormCase{"author:Lovelace", {"Query(Alovelace)"}},
        FormCase{"author:\"Ada Lovelace\" engine",
                 {"Query(((Aada PHRASE 2 Alovelace) AND Zengin))",
                  "Query((((Aada PHRASE 2 Alovelace) AND_MAYBE Zengin) AND_NOT Zengin))"}},
        FormCase{"description:herons", {"Query(Bherons)"}},
        FormCase{"keywords:birds", {"Query(Kbirds)"}},
        FormCase{"acqui*", {"Query(WILDCARD SYNONYM acqui)"}},
        FormCase{"ext:MD", {"Query(0 * Emd)"}},
        FormCase{"ext:md ext:txt", {"Query(0 * (Emd OR Etxt))"}},
        FormCase{"tomato ext:md", {"Query((Ztomato FILTER Emd))"}},
        FormCase{"tomato ext:md -ext:txt", {"Query(((Ztomato FILTER Emd) AND_NOT Etxt))"}},
        FormCase{"path:/srv/notes/", {"Query(0 * XP/srv/notes)"}},
        FormCase{"path:/srv/notes/ba", {"Query(0 * (XP/srv/notes FILTER VALUE_RANGE 3 /srv/notes/ba /srv/notes/ba\\xff))"}},
        FormCase{"path:/srv/x/../notes/", {"Query(0 * XP/srv/notes)"}},
        // Punctuation alone is no word: it is left out, not an error.
        FormCase{"meta ...", {"Query(Zmeta)"}},
        // Hyphenated words: the joined word or the phrase of their parts, as
        // synonyms scored as one word (common/index/term_builder.h).
        FormCase{"e-mail", {"Query((Zemail SYNONYM (e PHRASE 2 mail)))"}},
        // Capitals: operators are words.
        // Capitals pasted as a query: "AND" is a word, and a function word
        // (Analyzer::IsQueryStopWord), so it is not searched for.
        FormCase{"WAR AND PEACE",
                 {"Query((Zwar AND Zpeac))", "Query(((Zwar OR Zpeac) AND_NOT (Zwar AND Zpeac)))"}}));

TEST_F(QueryBuilderTest, DateFilterIsAValueRangeOnTheDateSlotElseTheMtimeSlot) {
  BuiltQuery q = Build("date:2025-01-01..2025-06-30");
  ASSERT_EQ(q.tiers.size(), 1u);
  // The document's date; for documents without one (older indexes), the
  // file's time.
  EXPECT_THAT(q.tiers[0].get_description(), HasSubstr("VALUE_RANGE 7 "));
  EXPECT_THAT(q.tiers[0].get_description(), HasSubstr("(VALUE_RANGE 0 "));
  EXPECT_THAT(q.tiers[0].get_description(), HasSubstr("AND_NOT VALUE_GE 7 \\x00"));
  EXPECT_TRUE(q.filter_only);
  EXPECT_THAT(Build("date:7d").tiers[0].get_description(), HasSubstr("VALUE_GE 7 "));
  EXPECT_THAT(Build("date:7d").tiers[0].get_description(), HasSubstr("VALUE_GE 0 "));
  EXPECT_THAT(Build("date:..2024").tiers[0].get_description(), HasSubstr("VALUE_LE 7 "));
}

TEST_F(QueryBuilderTest, FilterOnlyQueriesAreMarked) {
  EXPECT_TRUE(Build("ext:md path:/srv/notes/").filter_only);
  EXPECT_TRUE(Build("ext:md -draft").filter_only);
  EXPECT_FALSE(Build("ext:md tomato").filter_only);
  EXPECT_FALSE(Build("title:tomato").filter_only);
}

TEST_F(QueryBuilderTest, RelativePathIsTriedUnderTheCurrentFolderAndEachRoot) {
  QueryContext context;
  context.cwd = "/home/ann";
  int asked = 0;
  context.roots = [&asked] {
    ++asked;
    return std::vector<std::string>{"/srv/docs", "/home/ann"};
  };
  EXPECT_THAT(Tiers("path:notes/", context),
              ElementsAre("Query(0 * (XP/home/ann/notes OR XP/srv/docs/notes))"));
  EXPECT_EQ(asked, 1);
  // The indexed folders are read only for a relative path: filter.
  Tiers("notes path:/srv/notes/", context);
  Tiers("notes", context);
  EXPECT_EQ(asked, 1);
}

TEST_F(QueryBuilderTest, AnEmptyPathOrExtensionMatchesNothing) {
  // Found by the query fuzzer: path:"" read the first byte of an empty
  // string.
  QueryContext context;
  context.cwd = "/home/ann";
  for (const char* query : {"path:\"\"", "ext:\"\"", "heron path:\"\""}) {
    BuiltQuery q = Build(query, context);
    ASSERT_FALSE(q.tiers.empty()) << query;
    for (const Xapian::Query& tier : q.tiers) {
      EXPECT_EQ(tier.get_description().find("XP"), std::string::npos) << query;
    }
  }
}

TEST_F(QueryBuilderTest, MalformedSyntaxIsReadAsPlainWordsWithANote) {
  BuiltQuery q = Build("\"meta acquisition");
  EXPECT_THAT(q.tiers[0].get_description(), "Query((Zmeta AND Zacquisit))");
  ASSERT_EQ(q.notes.size(), 1u);
  EXPECT_THAT(q.notes[0], HasSubstr("reading the query as plain words: an unbalanced quote"));
  // "AND" read as a word, like the rest.
  EXPECT_THAT(Build("meta NEAR").tiers[0].get_description(), "Query((Zmeta AND Znear))");
  EXPECT_THAT(Build("(meta deal").tiers[0].get_description(), "Query((Zmeta AND Zdeal))");
}

TEST_F(QueryBuilderTest, PlainWordsAreKeptWithTheirSpansForSpelling) {
  BuiltQuery q = Build("Meta +aquisition \"a phrase\" title:x wild*");
  ASSERT_EQ(q.plain_words.size(), 2u);
  EXPECT_EQ(q.plain_words[0].term, "meta");
  EXPECT_EQ(q.plain_words[0].begin, 0u);
  EXPECT_EQ(q.plain_words[0].end, 4u);
  EXPECT_EQ(q.plain_words[1].term, "aquisition");
  EXPECT_EQ(q.plain_words[1].begin, 6u);
  EXPECT_EQ(q.plain_words[1].end, 16u);
}

TEST_F(QueryBuilderTest, MatchedTermsAreLabelledWithTheQueryWords) {
  BuiltQuery q = Build("Acquisitions \"Big Deal\"");
  EXPECT_EQ(q.term_labels.at("Zacquisit"), "acquisitions");
  EXPECT_EQ(q.term_labels.at("big"), "big");
  EXPECT_EQ(q.term_labels.at("deal"), "deal");
}

TEST_F(QueryBuilderTest, ExcludedWordsAreNotHighlighted) {
  BuiltQuery q = Build("meta -quest");
  EXPECT_THAT(q.stems, ElementsAre("meta"));
}

TEST_F(QueryBuilderTest, WildcardExpansionIsBoundedWithANote) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (int i = 0; i < 5; ++i) doc.add_term("tomato" + std::to_string(i));
  doc.add_term("tomb");
  db.add_document(doc);
  Xapian::Database reader = db;
  QueryContext context;
  context.db = &reader;
  context.max_wildcard_terms = 3;
  BuiltQuery many = Build("tomato*", context);
  ASSERT_EQ(many.notes.size(), 1u);
  EXPECT_THAT(many.notes[0], HasSubstr("'tomato*' matches more than 3 words; using the 3 most frequent"));
  EXPECT_THAT(many.prefixes, ElementsAre("tomato"));
  EXPECT_THAT(Build("tomb*", context).notes, IsEmpty());
}

// Issue 16: ~1,900 nested '(' crashed the searcher. Deeper than the parser
// takes, the query is read as plain words, with a note.
TEST_F(QueryBuilderTest, TooDeepNestingIsReadAsPlainWordsWithANote) {
  const std::string query = std::string(1900, '(') + "meta" + std::string(1900, ')') + " deal";
  BuiltQuery q = Build(query);
  EXPECT_THAT(q.tiers[0].get_description(), "Query((Zmeta AND Zdeal))");
  ASSERT_EQ(q.notes.size(), 1u);
  EXPECT_THAT(q.notes[0], HasSubstr("reading the query as plain words: parentheses nested more than 32 deep"));
}

// "w0 w1 w2 ..." with `count` distinct words.
std::string Words(size_t count, const std::string& separator = " ") {
  std::string query;
  for (size_t i = 0; i < count; ++i) query += (i > 0 ? separator : "") + "w" + std::to_string(i);
  return query;
}

std::vector<std::string> TermsOf(const BuiltQuery& q) {
  std::vector<std::string> terms;
  for (const Xapian::Query& tier : q.tiers) {
    for (auto t = tier.get_unique_terms_begin(); t != tier.get_unique_terms_end(); ++t) terms.push_back(*t);
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

// Issue 16: 10,000 OR'd words took 2.4-5 s. At most kMaxQueryWords words
// are searched; the note says where the rest starts.
TEST_F(QueryBuilderTest, WordsPastTheBoundAreLeftOutWithANote) {
  EXPECT_THAT(Build(Words(kMaxQueryWords)).notes, IsEmpty());
  for (const char* separator : {" ", " OR ", " AND "}) {
    const std::string query = Words(kMaxQueryWords + 500, separator);
    BuiltQuery q = Build(query);
    std::vector<std::string> terms = TermsOf(q);
    EXPECT_EQ(terms.size(), kMaxQueryWords) << separator;
    EXPECT_TRUE(std::binary_search(terms.begin(), terms.end(), "Zw999")) << separator;
    EXPECT_FALSE(std::binary_search(terms.begin(), terms.end(), "Zw1000")) << separator;
    ASSERT_EQ(q.notes.size(), 1u) << separator;
    const size_t rest = query.find(" w1000 ") + 2;  // 1-based: the character after the blank
    EXPECT_EQ(q.notes[0], "the query has more than 1000 words (a wildcard counts as 100): searching its first "
                          "1000; the rest, from character " + std::to_string(rest) + ", is left out")
        << separator;
  }
}

struct WordBoundCase {
  const char* query;
  size_t max_words;
  uint32_t max_wildcard_terms;
  const char* first_tier;
  const char* note;  // part of it
};

class WordBoundTest : public QueryBuilderTest, public ::testing::WithParamInterface<WordBoundCase> {};

// A phrase or NEAR past the bound keeps the words that fit; a wildcard
// counts as its expansion bound and is left out whole.
TEST_P(WordBoundTest, KeepsWhatFitsAndSaysWhereTheRestStarts) {
  const WordBoundCase& c = GetParam();
  QueryContext context;
  context.max_query_words = c.max_words;
  context.max_wildcard_terms = c.max_wildcard_terms;
  BuiltQuery q = Build(c.query, context);
  ASSERT_FALSE(q.tiers.empty()) << c.query;
  EXPECT_EQ(q.tiers[0].get_description(), c.first_tier) << c.query;
  ASSERT_EQ(q.notes.size(), 1u) << c.query;
  EXPECT_THAT(q.notes[0], HasSubstr(c.note)) << c.query;
}

INSTANTIATE_TEST_SUITE_P(
    Cuts, WordBoundTest,
    ::testing::Values(
        WordBoundCase{"tomato \"big red juicy heirloom\" soup", 3, 100,
                      "Query((Ztomato AND (big PHRASE 2 red)))",
                      "more than 3 words (a wildcard counts as 100): searching its first 3; the rest, from "
                      "character 17, is left out"},
        WordBoundCase{"a NEAR b NEAR c NEAR d NEAR e", 3, 100, "Query((a NEAR 13 b NEAR 13 c))",
                      "searching its first 3; the rest, from character 22, is left out"},
        WordBoundCase{"toma* pota* carr* leek", 25, 10,
                      "Query((WILDCARD SYNONYM toma AND WILDCARD SYNONYM pota))",
                      "(a wildcard counts as 10): searching its first 20; the rest, from character 13,"}));

// Issue 16: a 1 MB query took 4-6 s. At most kMaxQueryBytes of it are read.
TEST_F(QueryBuilderTest, AQueryPastTheLengthBoundIsCutWithANote) {
  const std::string query = Words(200000);
  ASSERT_GT(query.size(), 1000000u);
  BuiltQuery q = Build(query);
  ASSERT_EQ(q.notes.size(), 2u);
  const std::string kept(CutQuery(query, kMaxQueryBytes));
  EXPECT_EQ(q.notes[0], "the query is longer than 16384 bytes (" + std::to_string(query.size()) +
                            "): searching its first " + std::to_string(kept.size()) + " bytes; the rest is left out");
  EXPECT_THAT(q.notes[1], HasSubstr("the query has more than 1000 words"));
  // The cut leaves the syntax readable: no dangling OR.
  QueryContext context;
  context.max_query_bytes = 15;
  BuiltQuery ors = Build("meta OR deal OR price", context);
  EXPECT_THAT(ors.tiers[0].get_description(), "Query((Zmeta OR Zdeal))");
  ASSERT_EQ(ors.notes.size(), 1u);
  EXPECT_THAT(ors.notes[0], HasSubstr("the query is longer than 15 bytes (21): searching its first 12 bytes"));
}

TEST_F(QueryBuilderTest, NothingToSearchForIsAnError) {
  for (const char* query : {" ... !!! ", "-meta", "-(a b)"}) {
    EXPECT_THAT(ParseAndBuild(query, {}, analyzer_, {}), StatusIs(StatusCode::kInvalidArgument)) << query;
  }
}

}  // namespace
}  // namespace quarry::searcher
