#include "searcher/options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

// Everything a reading of the command line decides, as one string.
std::string Describe(const StatusOr<SearchInvocation>& invocation) {
  if (!invocation.ok()) return "error: " + invocation.status().message();
  const SearcherOptions& index = invocation->command.index;
  const SearchRequest& r = invocation->command.request;
  const PrinterOptions& printer = invocation->command.printer;
  std::ostringstream out;
  out << "action " << static_cast<int>(invocation->action) << " help " << invocation->help_text.size()
      << " query [" << r.query << "] plain " << r.plain << " explain " << r.explain << " expand "
      << r.expand << " limit " << r.limit << " offset " << r.offset << " sort "
      << static_cast<int>(r.sort) << " format " << static_cast<int>(printer.format)
      << " null " << printer.null_separated << " color " << printer.color << " cwd " << printer.cwd
      << " path base " << r.path_base << " snippet " << r.snippet_bytes << " matched terms "
      << r.matched_terms << " timeouts "
      << index.shards.answer_timeout_ms << "/" << index.shards.connect_timeout_ms << " all "
      << index.require_all_shards << " dbs";
  for (const std::string& db : index.db_paths) out << " [" << db << "]";
  return out.str();
}

// Both readings (without and with Boost) of `args` (after the program name).
std::pair<std::string, std::string> BothReadings(const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"quarry-search"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  int argc = static_cast<int>(argv.size());
  return {Describe(ParseSearchOptions(argc, argv.data(), /*stdout_is_terminal=*/true)),
          Describe(ParseSearchOptions(argc, argv.data(), true, /*common_without_boost=*/false))};
}

class OptionsReadingTest : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(OptionsReadingTest, CommonFormsReadAsBoostReadsThem) {
  auto [plain, boost] = BothReadings(GetParam());
  EXPECT_EQ(plain, boost);
}

INSTANTIATE_TEST_SUITE_P(
    CommandLines, OptionsReadingTest,
    ::testing::Values(
        std::vector<std::string>{"memory", "barrier"},
        std::vector<std::string>{"--db", "/tmp/x", "--color", "never", "memory barrier"},
        std::vector<std::string>{"--db", "a", "--db", "b", "words"},
        std::vector<std::string>{"-n", "5", "--offset", "10", "--sort", "date", "w"},
        std::vector<std::string>{"--format", "json", "--snippet-length", "0", "--plain", "a", "b"},
        std::vector<std::string>{"word", "--explain", "--no-expand", "more"},
        std::vector<std::string>{"--limit", "007", "w"},
        std::vector<std::string>{"--format", "xml", "w"},      // rejected by both
        std::vector<std::string>{"--color", "sometimes", "w"},  // rejected by both
        std::vector<std::string>{"--sort", "size", "w"},        // rejected by both
        std::vector<std::string>{"--db", "x"},                  // empty query
        std::vector<std::string>{"   "},                        // empty query
        std::vector<std::string>{"-n", "5", "-n", "6", "w"},    // repeated: Boost's error
        std::vector<std::string>{"--limit", "-1", "w"}, std::vector<std::string>{"--limit", "x", "w"},
        std::vector<std::string>{"--limit", "1234567890123", "w"},
        std::vector<std::string>{"--limit=3", "w"}, std::vector<std::string>{"-n3", "w"},
        std::vector<std::string>{"--lim", "3", "w"}, std::vector<std::string>{"--", "-draft", "notes"},
        std::vector<std::string>{"--plain", "--plain", "w"}, std::vector<std::string>{"--help"},
        std::vector<std::string>{"--version"}, std::vector<std::string>{"--bogus", "w"},
        std::vector<std::string>{"w", "--db"}, std::vector<std::string>{"--db", "", "w"},
        std::vector<std::string>{"", "w"}, std::vector<std::string>{"-", "w"},
        std::vector<std::string>{"--shard-timeout", "5", "w"},
        std::vector<std::string>{"--require-all-shards", "w"},
        std::vector<std::string>{"--format", "paths", "-0", "w"},
        std::vector<std::string>{"--null", "--format", "paths", "w"},
        std::vector<std::string>{"-0", "w"},                    // rejected by both: not paths
        std::vector<std::string>{"-n", "0", "w"},
        std::vector<std::string>{"-n", "4294967297", "w"},      // rejected by both
        std::vector<std::string>{"--offset", "+5", "w"},         // rejected by both
        std::vector<std::string>{"--snippet-length", "1048577", "w"}));

// Random command lines from the options and their values, good and bad:
// both readings always agree.
TEST(OptionsReadingRandomTest, AgreeOnRandomCommandLines) {
  const std::vector<std::string> pieces = {
      "--db", "--color", "--format", "--sort", "--limit", "-n", "--offset", "--snippet-length",
      "--plain", "--explain", "--no-expand", "--", "-", "--help", "--shard-timeout", "word",
      "two words", "C++", "title:x", "10", "0", "-3", "never", "always", "json", "paths",
      "text", "date", "relevance", "/tmp/db", "", "--limit=2", "-x", "-0", "--null", "4294967297",
      "1e3"};
  std::mt19937 random(5);
  std::uniform_int_distribution<size_t> length(0, 7);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> args;
    size_t n = length(random);
    for (size_t k = 0; k < n; ++k) args.push_back(pieces[pick(random)]);
    auto [plain, boost] = BothReadings(args);
    std::string line;
    for (const std::string& arg : args) line += "'" + arg + "' ";
    ASSERT_EQ(plain, boost) << line;
  }
}

struct NumberCase {
  std::vector<std::string> args;  // before the query word
  const char* message;
};

// Issue 16: "-n -5" showed everything, "--offset -1" nothing, and
// "-n 4294967297" one result (a 32-bit wrap). Every number out of its
// option's range is refused, naming the option, its range and the value.
TEST(OptionsNumbersTest, OutOfRangeNumbersAreRefusedNamingTheRange) {
  const NumberCase cases[] = {
      {{"-n", "-5"}, "--limit takes a whole number from 0 to 1000000000, not '-5'"},
      {{"--limit=-5"}, "--limit takes a whole number from 0 to 1000000000, not '-5'"},
      {{"-n", "4294967297"}, "--limit takes a whole number from 0 to 1000000000, not '4294967297'"},
      {{"-n", "ten"}, "--limit takes a whole number from 0 to 1000000000, not 'ten'"},
      {{"-n", "2.5"}, "--limit takes a whole number from 0 to 1000000000, not '2.5'"},
      {{"-n", " 5"}, "--limit takes a whole number from 0 to 1000000000, not ' 5'"},
      {{"--offset", "-1"}, "--offset takes a whole number from 0 to 1000000000, not '-1'"},
      {{"--offset", "99999999999999999999"},
       "--offset takes a whole number from 0 to 1000000000, not '99999999999999999999'"},
      {{"--snippet-length", "-1"}, "--snippet-length takes a whole number from 0 to 1048576, not '-1'"},
      {{"--snippet-length", "2000000"}, "--snippet-length takes a whole number from 0 to 1048576, not '2000000'"},
      {{"--shard-timeout", "-1"}, "--shard-timeout takes a whole number from 0 to 86400000, not '-1'"},
      {{"--shard-connect-timeout", "1e3"},
       "--shard-connect-timeout takes a whole number from 0 to 86400000, not '1e3'"},
  };
  for (const NumberCase& c : cases) {
    std::vector<std::string> args = c.args;
    args.push_back("w");
    for (bool without_boost : {true, false}) {
      std::vector<const char*> argv = {"quarry-search"};
      for (const std::string& arg : args) argv.push_back(arg.c_str());
      StatusOr<SearchInvocation> invocation =
          ParseSearchOptions(static_cast<int>(argv.size()), argv.data(), true, without_boost);
      ASSERT_THAT(invocation, ::quarry::testing::StatusIs(StatusCode::kInvalidArgument)) << args[0];
      EXPECT_EQ(invocation.status().message(), c.message);
    }
  }
}

TEST(OptionsNumbersTest, TheBoundsThemselvesAreAccepted) {
  std::vector<const char*> argv = {"quarry-search", "-n", "1000000000", "--offset", "1000000000",
                                   "--snippet-length", "1048576", "--shard-timeout", "86400000", "w"};
  StatusOr<SearchInvocation> invocation = ParseSearchOptions(static_cast<int>(argv.size()), argv.data(), true);
  ASSERT_TRUE(invocation.ok()) << invocation.status().message();
  EXPECT_EQ(invocation->command.request.limit, 1000000000u);
  EXPECT_EQ(invocation->command.request.offset, 1000000000u);
  EXPECT_EQ(invocation->command.request.snippet_bytes, 1048576u);
  EXPECT_EQ(invocation->command.index.shards.answer_timeout_ms, 86400000u);
}

}  // namespace
}  // namespace quarry::searcher
