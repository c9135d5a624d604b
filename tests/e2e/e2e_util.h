// File: tests/e2e/e2e_util.h
// Running the real quarry-index and quarry-search binaries on a temporary
// corpus, the way a user does.
#ifndef QUARRY_TESTS_E2E_E2E_UTIL_H_
#define QUARRY_TESTS_E2E_E2E_UTIL_H_

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_process.h"
#include "tests/support/temp_corpus.h"

namespace quarry::testing {

inline ProcessResult RunIndex(const std::vector<std::string>& args, const ProcessOptions& options = {}) {
  std::vector<std::string> argv = {QUARRY_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, options);
}

inline ProcessResult RunSearch(const std::vector<std::string>& args, const ProcessOptions& options = {}) {
  std::vector<std::string> argv = {QUARRY_SEARCH_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, options);
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A `--format json` answer as text, one line per hit (score, percentage
// when `with_percent`, path, title, snippet) after the page's offset,
// without what legitimately differs between two indexes of the same files:
// the time taken, the estimated total, and the order (and so the rank) of
// hits with exactly equal scores, which Xapian breaks by document number.
// Document numbers follow the order documents were written in, which
// differs between one database and shards, and between --jobs settings.
inline std::string CanonicalAnswer(const std::string& json_text, bool with_percent = true) {
  nlohmann::json doc = nlohmann::json::parse(json_text);
  std::vector<std::vector<std::string>> groups;
  double last_score = -1;
  for (const nlohmann::json& hit : doc["results"]) {
    char score[32];
    std::snprintf(score, sizeof score, "%.9g", hit["score"].get<double>());
    std::string percent = with_percent ? hit["percent"].dump() + "% " : std::string();
    std::string line = std::string(score) + " " + percent +
                       hit["path"].get<std::string>() + " | " + hit["title"].get<std::string>() +
                       " | " + hit["snippet"].dump();
    if (groups.empty() || hit["score"].get<double>() != last_score) groups.emplace_back();
    groups.back().push_back(line);
    last_score = hit["score"].get<double>();
  }
  std::string text = "offset " + doc["offset"].dump() + "\n";
  for (std::vector<std::string>& group : groups) {
    std::sort(group.begin(), group.end());
    for (const std::string& line : group) text += line + "\n";
  }
  return text;
}

// A corpus folder and a database folder side by side in one temp dir.
class CorpusFixture {
 public:
  std::string Db() const { return dir_.Path("db"); }
  std::string Root() const { return dir_.Path("corpus"); }
  std::string Write(const std::string& relative, const std::string& content) const {
    return dir_.Write("corpus/" + relative, content);
  }
  void Remove(const std::string& relative) const { dir_.Remove("corpus/" + relative); }
  // Copies the files of tests/testdata/<folder> (not the scripts that made
  // them) into the corpus, keeping their subfolders.
  void CopyTestdata(const std::string& folder) const {
    namespace fs = std::filesystem;
    const fs::path from = fs::path(QUARRY_TESTDATA_DIR) / folder;
    for (const fs::directory_entry& file : fs::recursive_directory_iterator(from)) {
      if (!file.is_regular_file() || file.path().extension() == ".py") continue;
      std::ifstream in(file.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      Write(fs::relative(file.path(), from).string(), bytes.str());
    }
  }
  const TempDir& dir() const { return dir_; }

  ProcessResult Index(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"--db", Db()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(Root());
    return RunIndex(args);
  }
  // quarry-search on the index with `args`, run from the corpus folder (so
  // paths are shown relative to it).
  ProcessResult Search(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", Db()});
    ProcessOptions options;
    options.cwd = Root();
    return RunSearch(args, options);
  }
  // The first hit of `query` as `--format json` gives it; an empty object
  // when there is none.
  nlohmann::json TopHit(const std::string& query) const {
    ProcessResult r = RunSearch({"--db", Db(), "--format", "json", query});
    if (r.exit_code != 0) return nlohmann::json::object();
    return nlohmann::json::parse(r.out)["results"][0];
  }
  // Its title; "(no hit)" when there is none.
  std::string TopTitle(const std::string& query) const {
    const nlohmann::json hit = TopHit(query);
    return hit.contains("title") ? hit["title"].get<std::string>() : "(no hit)";
  }
  // Paths (relative to the corpus) of the hits of `query`, best first.
  std::vector<std::string> SearchPaths(const std::string& query, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"--db", Db(), "--format", "paths"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(query);
    ProcessOptions options;
    options.cwd = Root();
    return Lines(RunSearch(args, options).out);
  }

 private:
  TempDir dir_;
};

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_E2E_E2E_UTIL_H_
