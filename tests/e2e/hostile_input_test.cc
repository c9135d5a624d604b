// End-to-end tests of hostile input (issue 16, items 6 and 7): queries that
// crashed or occupied quarry-search, file names and contents that drove the
// terminal or could not be named in JSON or through xargs, out-of-range
// numbers for every numeric option, dates out of range, and empty
// compressed files that failed every cron run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_util.h"
#include "tests/support/testdata.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class HostileInputTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void IndexCorpus() const {
    ProcessResult index = Index();
    ASSERT_EQ(index.exit_code, 0) << Describe(index);
  }
};

// --- Queries -------------------------------------------------------------

class HostileQueryTest : public HostileInputTest {
 protected:
  void SetUp() override {
    Write("heron.txt", "Grey heron\nThe grey heron waits at the pond.\n");
    Write("egret.txt", "Egret\nThe egret prefers rivers.\n");
    IndexCorpus();
  }
};

// About 1,900 nested '(' crashed quarry-search with SIGSEGV.
TEST_F(HostileQueryTest, ThousandsOfNestedParenthesesAreReadAsPlainWords) {
  for (size_t depth : {33, 1900, 8000}) {
    ProcessResult r =
        Search({"--format", "paths", std::string(depth, '(') + "heron" + std::string(depth, ')')});
    EXPECT_EQ(r.exit_code, 0) << depth << ": " << Describe(r).substr(0, 2000);
    EXPECT_THAT(Lines(r.out), ElementsAre("heron.txt")) << depth;
    EXPECT_EQ(r.err,
              "quarry-search: reading the query as plain words: parentheses nested more than 32 deep at "
              "character 33\n")
        << depth;
  }
  // Up to the bound, the syntax holds.
  ProcessResult nested = Search({"--format", "paths", std::string(32, '(') + "heron OR egret" + std::string(32, ')')});
  EXPECT_EQ(nested.exit_code, 0) << Describe(nested);
  EXPECT_THAT(Lines(nested.out), UnorderedElementsAre("heron.txt", "egret.txt"));
  EXPECT_THAT(nested.err, IsEmpty());
  // 60,000 on each side: the word is past the length bound, so nothing is
  // left to search for, and the message says why.
  ProcessResult cut = Search({std::string(60000, '(') + "heron" + std::string(60000, ')')});
  EXPECT_EQ(cut.exit_code, 2) << Describe(cut).substr(0, 2000);
  EXPECT_EQ(cut.err,
            "quarry-search: the query has no words or filters to search for (the query is longer than 16384 "
            "bytes (120005): searching its first 16384 bytes; the rest is left out; reading the query as plain "
            "words: parentheses nested more than 32 deep at character 33)\n");
}

// 10,000 OR'd words took 2.4 to 5 s; the words past the bound are left out
// (here "egret", the last one), with a note.
TEST_F(HostileQueryTest, TenThousandOredWordsAreCutWithANote) {
  std::string query = "heron";
  for (int i = 1; i < 10000; ++i) query += " OR w" + std::to_string(i);
  query += " OR egret";
  ProcessResult r = Search({"--format", "paths", query});
  EXPECT_EQ(r.exit_code, 0) << Describe(r).substr(0, 2000);
  EXPECT_THAT(Lines(r.out), ElementsAre("heron.txt"));
  EXPECT_THAT(r.err, HasSubstr("quarry-search: the query is longer than 16384 bytes (" +
                               std::to_string(query.size()) + "): searching its first "));
  EXPECT_THAT(r.err, HasSubstr("quarry-search: the query has more than 1000 words (a wildcard counts as 100): "
                               "searching its first 1000; the rest, from character " +
                               std::to_string(query.find(" w1000 ") + 2) + ", is left out\n"));
  EXPECT_THAT(r.err, Not(HasSubstr("plain words")));
}

// A 1 MB query took 4 to 6 s. Given as many arguments (one argument is at
// most 128 KiB), joined into one query.
TEST_F(HostileQueryTest, AMegabyteQueryIsCutWithANote) {
  std::vector<std::string> args = {"--format", "paths", "--no-expand", "heron"};
  size_t bytes = 5;
  for (int i = 0; bytes < (1 << 20); ++i) {
    args.push_back("egret" + std::string(95, 'x') + std::to_string(i));
    bytes += args.back().size() + 1;
  }
  ProcessResult r = Search(args);
  EXPECT_EQ(r.exit_code, 0) << Describe(r).substr(0, 2000);
  EXPECT_THAT(Lines(r.out), ElementsAre("heron.txt"));
  EXPECT_THAT(r.err, HasSubstr("quarry-search: the query is longer than 16384 bytes (" + std::to_string(bytes) +
                               "): searching its first "));
  EXPECT_THAT(r.err, HasSubstr(" bytes; the rest is left out\n"));
}

// "date:" names its range instead of calling 1969 "not a date".
TEST_F(HostileQueryTest, ADateOutOfRangeSaysWhichYearsWork) {
  for (const char* year : {"1969", "2201"}) {
    ProcessResult r = Search({"heron", std::string("date:") + year});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    EXPECT_EQ(r.err, std::string("quarry-search: reading the query as plain words: '") + year +
                         "' is out of range: date: takes the years 1970 to 2200\n");
  }
  ProcessResult malformed = Search({"heron", "date:1999-13"});
  EXPECT_THAT(malformed.err, HasSubstr("'1999-13' is not a date (YYYY-MM-DD)"));
}

// --- Names, titles and snippets ----------------------------------------

constexpr const char* kEscName = "esc\x1b[31mred.txt";
constexpr const char* kEscTitle = "\x1b]0;PWNED\x07\x1b[31mRed heron title\x1b[0m";
constexpr const char* kBadName = "bad\xffname.txt";
constexpr const char* kNewlineName = "new\nline.txt";

class HostileNamesTest : public HostileInputTest {
 protected:
  void SetUp() override {
    // An OSC title change and a colour in the title, a screen clear, a C1
    // CSI (U+009B) and DEL in the text.
    Write(kEscName, std::string(kEscTitle) + "\nThe heron \x1b[2J clears \xC2\x9B" "2J screens \x7F.\n");
    Write(kBadName, "Bad name\nA heron with a name that is not UTF-8.\n");
    Write(kNewlineName, "Newline name\nA heron whose name holds a line feed.\n");
    IndexCorpus();
  }
};

// The escape sequences Quarry writes itself (searcher/render/text_printer.cc).
const std::vector<std::string>& OwnColours() {
  static const std::vector<std::string> colours = {"\x1b[1m", "\x1b[1;31m", "\x1b[35m", "\x1b[33m", "\x1b[0m"};
  return colours;
}

// Every control character of `out` but the line feeds, and every ESC that
// does not start one of Quarry's own colours (when `colours`).
std::vector<std::string> ForeignControls(const std::string& out, bool colours) {
  std::vector<std::string> found;
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c == '\x1b' && colours) {
      bool own = false;
      for (const std::string& colour : OwnColours()) own = own || out.compare(i, colour.size(), colour) == 0;
      if (own) continue;
    }
    const bool c1 = c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) <= 0x9F;
    if ((c < 0x20 && c != '\n') || c == 0x7F || c1) found.push_back(out.substr(i, 12));
  }
  return found;
}

// A file could set the terminal's title, colours or clear its screen: the
// text format shows every control character escaped, coloured or not, on a
// terminal or not.
TEST_F(HostileNamesTest, TextOutputShowsControlCharactersEscaped) {
  ProcessResult plain = Search({"--color", "never", "heron"});
  ASSERT_EQ(plain.exit_code, 0) << Describe(plain);
  EXPECT_THAT(ForeignControls(plain.out, false), IsEmpty()) << plain.out;
  EXPECT_THAT(plain.out, HasSubstr("\\x1b]0;PWNED\\x07\\x1b[31mRed heron title\\x1b[0m  ["));
  EXPECT_THAT(plain.out, HasSubstr("   esc\\x1b[31mred.txt\n"));
  EXPECT_THAT(plain.out, HasSubstr("   bad\\xffname.txt\n"));
  EXPECT_THAT(plain.out, HasSubstr("   new\\nline.txt\n"));
  EXPECT_THAT(plain.out, HasSubstr("heron \\x1b[2J clears \\xc2\\x9b2J screens \\x7f."));

  ProcessResult coloured = Search({"--color", "always", "heron"});
  ASSERT_EQ(coloured.exit_code, 0) << Describe(coloured);
  EXPECT_THAT(ForeignControls(coloured.out, true), IsEmpty()) << coloured.out;
  // Quarry's own colours stay.
  EXPECT_THAT(coloured.out, HasSubstr("\x1b[1;31mheron\x1b[0m"));
  EXPECT_THAT(coloured.out, HasSubstr("\x1b[35mesc\\x1b[31mred.txt\x1b[0m"));

  // The query is echoed escaped too.
  ProcessResult none = Search({"zzyzx\x1b]0;x\x07"});
  EXPECT_EQ(none.exit_code, 1) << Describe(none);
  EXPECT_THAT(none.out, HasSubstr("No documents match \"zzyzx\\x1b]0;x\\x07\""));
  EXPECT_THAT(ForeignControls(none.out, false), IsEmpty()) << none.out;
}

// The indexer's own lines name files too: with -v each file's fate, with
// --dry-run the plan. A name must not drive the terminal there either.
TEST_F(HostileNamesTest, IndexerLinesShowControlCharactersEscaped) {
  Write("esc\x1b]0;PWNED\x07new.txt", "A new heron.\n");
  ProcessResult plan = RunIndex({"--db", Db(), "--dry-run", Root()});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("esc\\x1b]0;PWNED\\x07new.txt")) << plan.out;
  // Tabs separate the plan's columns; nothing else is a control.
  std::string without_tabs = plan.out;
  std::erase(without_tabs, '\t');
  EXPECT_THAT(ForeignControls(without_tabs, false), IsEmpty()) << plan.out;
  ProcessResult verbose = RunIndex({"--db", Db(), "-v", Root()});
  ASSERT_EQ(verbose.exit_code, 0) << Describe(verbose);
  EXPECT_THAT(verbose.err, HasSubstr("esc\\x1b]0;PWNED\\x07new.txt")) << verbose.err;
  EXPECT_THAT(ForeignControls(verbose.err, false), IsEmpty()) << verbose.err;
}

std::string DecodeBase64(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    bits = bits << 6 | static_cast<uint32_t>(alphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// JSON strings stay exact (control characters are JSON-escaped); a path
// that is not UTF-8 has U+FFFD in "path" and its exact bytes, base64, in
// "path_base64", from which a program opens the file.
TEST_F(HostileNamesTest, JsonKeepsTextExactAndInvalidUtf8PathsLossless) {
  ProcessResult r = Search({"--format", "json", "heron"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  nlohmann::json doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["results"].size(), 3u);
  std::set<std::string> opened;
  for (const nlohmann::json& hit : doc["results"]) {
    const std::string shown = hit["path"].get<std::string>();
    std::string path = shown;
    if (hit.contains("path_base64")) {
      path = DecodeBase64(hit["path_base64"].get<std::string>());
      EXPECT_EQ(shown, Root() + "/bad\xEF\xBF\xBDname.txt");
    }
    const std::string text = ReadFile(path);
    EXPECT_THAT(text, HasSubstr("heron")) << path;
    opened.insert(path);
    if (path == Root() + "/" + kEscName) {
      EXPECT_EQ(hit["title"], kEscTitle);
    }
  }
  EXPECT_EQ(opened, (std::set<std::string>{Root() + "/" + kEscName, Root() + "/" + kBadName,
                                           Root() + "/" + kNewlineName}));
  // Only the path that needs it has the field.
  size_t with_field = 0;
  for (const nlohmann::json& hit : doc["results"]) with_field += hit.contains("path_base64") ? 1 : 0;
  EXPECT_EQ(with_field, 1u);
}

// --format paths writes paths as they are, for programs; a name with a
// newline splits into two lines there, so -0 ends each path with a NUL, as
// find -print0 does for xargs -0.
TEST_F(HostileNamesTest, PathsAreWrittenAsTheyAreAndNullSeparatedWithDashZero) {
  ProcessResult lines = Search({"--format", "paths", "heron"});
  ASSERT_EQ(lines.exit_code, 0) << Describe(lines);
  EXPECT_THAT(lines.out, HasSubstr(std::string(kNewlineName) + "\n"));
  EXPECT_THAT(lines.out, HasSubstr(std::string(kEscName) + "\n"));

  for (const char* flag : {"-0", "--null"}) {
    ProcessResult r = Search({"--format", "paths", flag, "heron"});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
    ASSERT_FALSE(r.out.empty());
    EXPECT_EQ(r.out.back(), '\0');
    std::vector<std::string> names;
    std::istringstream in(r.out);
    for (std::string name; std::getline(in, name, '\0');) names.push_back(name);
    EXPECT_THAT(names, UnorderedElementsAre(kEscName, kBadName, kNewlineName)) << flag;
    for (const std::string& name : names) EXPECT_THAT(ReadFile(Root() + "/" + name), HasSubstr("heron")) << name;
  }
  ProcessResult text = Search({"-0", "heron"});
  EXPECT_EQ(text.exit_code, 2) << Describe(text);
  EXPECT_THAT(text.err, HasSubstr("--null (-0) separates the paths of --format paths; add --format paths"));
  EXPECT_THAT(text.out, IsEmpty());
}

// --- Numbers -------------------------------------------------------------

class NumbersTest : public HostileInputTest {
 protected:
  void SetUp() override {
    for (const char* name : {"a.txt", "b.txt", "c.txt"}) Write(name, std::string("Heron ") + name + "\nA heron.\n");
    IndexCorpus();
  }
};

// "-n -5" showed everything, "--offset -1" nothing, "-n 4294967297" one
// result (a 32-bit wrap): each number out of range is refused.
TEST_F(NumbersTest, SearchRefusesNumbersOutOfRange) {
  struct Case {
    const char* option;
    const char* value;
    const char* range;
  };
  const Case cases[] = {
      {"-n", "-5", "--limit takes a whole number from 0 to 1000000000"},
      {"-n", "4294967297", "--limit takes a whole number from 0 to 1000000000"},
      {"--limit", "ten", "--limit takes a whole number from 0 to 1000000000"},
      {"--offset", "-1", "--offset takes a whole number from 0 to 1000000000"},
      {"--offset", "18446744073709551617", "--offset takes a whole number from 0 to 1000000000"},
      {"--snippet-length", "-240", "--snippet-length takes a whole number from 0 to 1048576"},
      {"--shard-timeout", "-1", "--shard-timeout takes a whole number from 0 to 86400000"},
      {"--shard-connect-timeout", "soon", "--shard-connect-timeout takes a whole number from 0 to 86400000"},
  };
  for (const Case& c : cases) {
    ProcessResult r = Search({c.option, c.value, "heron"});
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    EXPECT_EQ(r.err, std::string("quarry-search: ") + c.range + ", not '" + c.value +
                         "'\ntry 'quarry-search --help'\n");
    EXPECT_THAT(r.out, IsEmpty());
  }
  // The largest page there is, from the start and past the end.
  ProcessResult all = Search({"--format", "paths", "-n", "1000000000", "heron"});
  EXPECT_EQ(all.exit_code, 0) << Describe(all);
  EXPECT_EQ(Lines(all.out).size(), 3u);
  ProcessResult past = Search({"--offset", "1000000000", "heron"});
  EXPECT_EQ(past.exit_code, 1) << Describe(past);
  EXPECT_EQ(past.out, "No more documents match \"heron\".\n");
}

// "-n 0" said "No documents match" while JSON counted the matches: it is a
// count, the same in every format, and exits 0 when something matches.
TEST_F(NumbersTest, LimitZeroIsACountInEveryFormat) {
  ProcessResult text = Search({"-n", "0", "heron"});
  EXPECT_EQ(text.exit_code, 0) << Describe(text);
  EXPECT_EQ(text.out, "About 3 matching documents.\n");
  ProcessResult json = Search({"-n", "0", "--format", "json", "heron"});
  EXPECT_EQ(json.exit_code, 0) << Describe(json);
  nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["estimated_total"], 3);
  EXPECT_TRUE(doc["results"].empty());
  ProcessResult paths = Search({"-n", "0", "--format", "paths", "heron"});
  EXPECT_EQ(paths.exit_code, 0) << Describe(paths);
  EXPECT_THAT(paths.out, IsEmpty());
  // Nothing matches: exit 1, in every format, and no estimate above 0.
  ProcessResult none = Search({"-n", "0", "zzyzx"});
  EXPECT_EQ(none.exit_code, 1) << Describe(none);
  EXPECT_THAT(none.out, HasSubstr("No documents match"));
  ProcessResult none_json = Search({"-n", "0", "--format", "json", "+heron +zzyzx"});
  EXPECT_EQ(none_json.exit_code, 1) << Describe(none_json);
  EXPECT_EQ(nlohmann::json::parse(none_json.out)["estimated_total"], 0);
}

// The numeric options of quarry-index: 0, negative, huge and non-numeric
// values are refused before anything is written.
TEST_F(NumbersTest, IndexRefusesNumbersOutOfRangeAndWritesNothing) {
  struct Case {
    const char* option;
    const char* value;
    const char* message;
  };
  const Case cases[] = {
      {"--batch-size", "0", "--batch-size takes a whole number from 1 to 100000"},
      {"--batch-size", "-5", "--batch-size takes a whole number from 1 to 100000"},
      {"--batch-size", "99999999999999", "--batch-size takes a whole number from 1 to 100000"},
      {"--batch-size", "ten", "--batch-size takes a whole number from 1 to 100000"},
      {"--jobs", "0", "--jobs takes a whole number from 1 to 256"},
      {"--jobs", "-1", "--jobs takes a whole number from 1 to 256"},
      {"--jobs", "100000", "--jobs takes a whole number from 1 to 256"},
      {"--shards", "0", "--shards takes a whole number from 1 to 999"},
      {"--shards", "-5", "--shards takes a whole number from 1 to 999"},
      {"--shards", "many", "--shards takes a whole number from 1 to 999"},
      {"--wait", "-1", "--wait takes a number of seconds from 0 to 604800 (a week)"},
      {"--wait", "1e9", "--wait takes a number of seconds from 0 to 604800 (a week)"},
      {"--wait", "nan", "--wait takes a number of seconds from 0 to 604800 (a week)"},
      {"--max-file-size", "0", "--max-file-size takes a size from 1 byte to 4G, e.g. 64M"},
      {"--max-file-size", "-1", "--max-file-size takes a size from 1 byte to 4G, e.g. 64M"},
      {"--max-file-size", "16000000T", "--max-file-size takes a size from 1 byte to 4G, e.g. 64M"},
      {"--max-text-size", "lots", "--max-text-size takes a size from 1 byte to 4G, e.g. 64M"},
      {"--max-delete-share", "-1", "--max-delete-share takes a percentage from 0 to 100, e.g. 20%"},
      {"--max-delete-share", "101%", "--max-delete-share takes a percentage from 0 to 100, e.g. 20%"},
      {"--max-delete-share", "0x10", "--max-delete-share takes a percentage from 0 to 100, e.g. 20%"},
  };
  const std::string db = dir().Path("never-made");
  for (const Case& c : cases) {
    ProcessResult r = RunIndex({"--db", db, std::string(c.option) + "=" + c.value, Root()});
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    EXPECT_EQ(r.err, std::string("quarry-index: ") + c.message + ", not '" + c.value +
                         "'\ntry 'quarry-index --help'\n");
    EXPECT_FALSE(std::filesystem::exists(db)) << c.option << " " << c.value;
  }
}

// --- Empty compressed files (item 7) ---------------------------------------

// A valid empty .gz ("gzip -t" accepts it; Debian ships some) was "damaged
// gzip data" on every run, so every cron run exited 1. An empty compressed
// file is an empty document, as an empty file is; damaged data still fails.
TEST_F(HostileInputTest, EmptyCompressedFilesAreEmptyDocumentsAndDamagedOnesFail) {
  const std::vector<std::string> files = {"empty.txt.gz", "empty.txt.bz2", "empty.txt.xz", "empty.txt.zst"};
  for (const std::string& file : files) {
    const std::string data = ReadTestdata("empty-compressed/" + file);
    ASSERT_FALSE(data.empty()) << file;
    Write(file, data);
  }
  Write("heron.txt", "Heron\nA heron.\n");
  for (int run = 0; run < 2; ++run) {
    ProcessResult r = Index({"--quiet"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    EXPECT_THAT(r.err, IsEmpty()) << run;
  }
  ProcessResult listed = RunSearch({"--db", Db(), "--format", "paths", "path:" + Root() + "/empty"});
  EXPECT_THAT(Lines(listed.out), UnorderedElementsAre(Root() + "/empty.txt.gz", Root() + "/empty.txt.bz2",
                                                      Root() + "/empty.txt.xz", Root() + "/empty.txt.zst"));
  // The same stream cut short is damaged: named, exit 1; the rest stays.
  const std::string gz = ReadTestdata("empty-compressed/empty.txt.gz");
  Write("cut.txt.gz", gz.substr(0, gz.size() - 1));
  ProcessResult damaged = Index({"--quiet"});
  EXPECT_EQ(damaged.exit_code, 1) << Describe(damaged);
  EXPECT_THAT(damaged.err, HasSubstr("cut.txt.gz: damaged gzip data"));
  EXPECT_EQ(Lines(RunSearch({"--db", Db(), "--format", "paths", "path:" + Root() + "/"}).out).size(), 5u);
}

}  // namespace
}  // namespace quarry::testing
