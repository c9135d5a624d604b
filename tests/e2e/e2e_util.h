// File: tests/e2e/e2e_util.h
// Running the real quarry-index and quarry-search binaries on a temporary
// corpus, the way a user does.
#ifndef QUARRY_TESTS_E2E_E2E_UTIL_H_
#define QUARRY_TESTS_E2E_E2E_UTIL_H_

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

// A corpus folder and a database folder side by side in one temp dir.
class CorpusFixture {
 public:
  std::string Db() const { return dir_.Path("db"); }
  std::string Root() const { return dir_.Path("corpus"); }
  std::string Write(const std::string& relative, const std::string& content) const {
    return dir_.Write("corpus/" + relative, content);
  }
  void Remove(const std::string& relative) const { dir_.Remove("corpus/" + relative); }
  const TempDir& dir() const { return dir_; }

  ProcessResult Index(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"--db", Db()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(Root());
    return RunIndex(args);
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
