// The printers (searcher/render/) fed hostile hits: text escapes what comes
// from files, JSON stays exact with a lossless path, paths are written as
// they are (NUL-separated with --null), and a page of counts only.
#include "searcher/render/printer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace quarry::searcher {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Hit HostileHit() {
  Hit hit;
  hit.rank = 1;
  hit.score = 1.5;
  hit.percent = 100;
  hit.path = "/srv/docs/esc\x1b[31m\xff.txt";
  hit.title = "\x1b]0;PWNED\x07Title";
  hit.snippet.text = "before \x1b[2J heron after";
  hit.snippet.highlights = {{12, 17}};  // "heron"
  return hit;
}

std::string Printed(const ResultPage& page, const PrinterOptions& options) {
  std::ostringstream out;
  MakePrinter(options)->Print(page, out);
  return out.str();
}

TEST(PrinterTest, TextEscapesTitlesPathsAndSnippetsButKeepsItsColours) {
  ResultPage page;
  page.estimated_total = 1;
  page.hits = {HostileHit()};
  PrinterOptions plain;
  EXPECT_EQ(Printed(page, plain),
            "1. \\x1b]0;PWNED\\x07Title  [1.50, 100%]\n"
            "   /srv/docs/esc\\x1b[31m\\xff.txt\n"
            "   before \\x1b[2J heron after\n"
            "\n"
            "About 1 matching document; showing 1-1.\n");
  PrinterOptions coloured;
  coloured.color = true;
  const std::string out = Printed(page, coloured);
  EXPECT_THAT(out, HasSubstr("\x1b[1m\\x1b]0;PWNED\\x07Title\x1b[0m"));
  EXPECT_THAT(out, HasSubstr("before \\x1b[2J \x1b[1;31mheron\x1b[0m after"));
  EXPECT_THAT(out, Not(HasSubstr("\x1b]0")));
}

TEST(PrinterTest, JsonKeepsTextExactAndAddsTheExactPathWhenNotUtf8) {
  ResultPage page;
  page.hits = {HostileHit()};
  Hit valid = HostileHit();
  valid.path = "/srv/docs/caf\xC3\xA9.txt";
  page.hits.push_back(valid);
  PrinterOptions json;
  json.format = OutputFormat::kJson;
  nlohmann::json doc = nlohmann::json::parse(Printed(page, json));
  const nlohmann::json& bad = doc["results"][0];
  EXPECT_EQ(bad["title"], "\x1b]0;PWNED\x07Title");
  EXPECT_EQ(bad["path"], "/srv/docs/esc\x1b[31m\xEF\xBF\xBD.txt");
  EXPECT_EQ(bad["path_base64"], "L3Nydi9kb2NzL2VzYxtbMzFt/y50eHQ=");
  EXPECT_EQ(doc["results"][1]["path"], "/srv/docs/caf\xC3\xA9.txt");
  EXPECT_FALSE(doc["results"][1].contains("path_base64"));
}

TEST(PrinterTest, PathsAreWrittenAsTheyAreOnePerLineOrNulSeparated) {
  ResultPage page;
  Hit first = HostileHit();
  first.path = "/srv/docs/new\nline.txt";
  page.hits = {first, HostileHit()};
  PrinterOptions paths;
  paths.format = OutputFormat::kPaths;
  paths.cwd = "/srv";
  EXPECT_EQ(Printed(page, paths), "docs/new\nline.txt\ndocs/esc\x1b[31m\xff.txt\n");
  paths.null_separated = true;
  EXPECT_EQ(Printed(page, paths), std::string("docs/new\nline.txt\0docs/esc\x1b[31m\xff.txt\0", 37));
}

TEST(PrinterTest, ACountOnlyPageIsTheCount) {
  ResultPage page;
  page.query = "heron";
  page.count_only = true;
  page.estimated_total = 1634;
  page.tried = {{"the query", 1634}};
  EXPECT_EQ(Printed(page, {}), "About 1634 matching documents.\n");
  page.estimated_total = 0;
  page.tried = {{"the query", 0}};
  EXPECT_EQ(Printed(page, {}), "No documents match \"heron\".\n");
}

}  // namespace
}  // namespace quarry::searcher
