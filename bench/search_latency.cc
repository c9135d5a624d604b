// quarry-search-latency: in-process search time, for bench/search_latency.sh.
//
//   quarry-search-latency --db DB --queries FILE [--runs N] [--snippet-length B]
//                         [--expand 0|1] [--keep-open 0|1]
//
// Runs quarry-search's whole search flow (open the index, parse, rank,
// snippets, freshness, render to a discarded stream) for each query of FILE
// (one per line), N times each after one warm-up run, in one process, and
// prints the median and 99th percentile of the per-search wall time in
// milliseconds. Startup (dynamic linking, ICU data loading) is left out on
// purpose: the whole-process time is measured by hyperfine in the script.
// --expand 0 searches long queries without pseudo-relevance feedback (as
// quarry-search --no-expand), to measure what feedback costs.
// --keep-open 1 opens one Searcher first and times Search and rendering
// only, as a server keeping the index open would run them (each search
// still brings the index to its last commit).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/cli/diagnostics.h"
#include "searcher/render/printer.h"
#include "searcher/search_command.h"
#include "searcher/searcher.h"

namespace {

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace quarry::searcher;
  std::string db, queries_file;
  int runs = 5;
  size_t snippet_length = 240;
  bool expand = true;
  bool keep_open = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--db") db = argv[i + 1];
    else if (flag == "--queries") queries_file = argv[i + 1];
    else if (flag == "--runs") runs = std::stoi(argv[i + 1]);
    else if (flag == "--snippet-length") snippet_length = std::stoul(argv[i + 1]);
    else if (flag == "--expand") expand = std::string(argv[i + 1]) != "0";
    else if (flag == "--keep-open") keep_open = std::string(argv[i + 1]) != "0";
  }
  std::ifstream in(queries_file);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  if (db.empty() || queries.empty()) {
    std::cerr << "usage: quarry-search-latency --db DB --queries FILE [--runs N] [--snippet-length B]"
                 " [--expand 0|1] [--keep-open 0|1]\n";
    return 2;
  }
  quarry::Diagnostics diagnostics("quarry-search-latency");
  SearcherOptions index;
  index.db_paths = {db};
  std::optional<Searcher> searcher;
  if (keep_open) {
    quarry::StatusOr<Searcher> opened = Searcher::Open(index);
    if (!opened.ok()) {
      std::cerr << opened.status().message() << "\n";
      return 2;
    }
    searcher.emplace(std::move(opened).value());
  }
  std::unique_ptr<Printer> printer = MakePrinter({});
  std::vector<double> times;
  for (const std::string& query : queries) {
    SearchCommand command;
    command.index = index;
    command.request.query = query;
    command.request.snippet_bytes = snippet_length;
    command.request.expand = expand;
    std::vector<double> mine;
    for (int run = 0; run <= runs; ++run) {
      std::ostringstream sink;
      auto start = std::chrono::steady_clock::now();
      std::string error;
      if (searcher) {
        quarry::StatusOr<ResultPage> page = searcher->Search(command.request);
        if (page.ok()) {
          printer->Print(*page, sink);
        } else {
          error = page.status().ToString();
        }
      } else if (RunSearchCommand(command, sink, diagnostics) == quarry::ExitCode::kError) {
        error = "see above";
      }
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (!error.empty()) {
        std::cerr << query << ": search failed: " << error << "\n";
        return 2;
      }
      if (run > 0) mine.push_back(ms);  // run 0 warms the caches
    }
    std::printf("%8.3f ms  %s\n", Percentile(mine, 0.5), query.c_str());
    times.insert(times.end(), mine.begin(), mine.end());
  }
  std::printf("in-process: %zu queries x %d runs: median %.3f ms, p99 %.3f ms\n", queries.size(), runs,
              Percentile(times, 0.5), Percentile(times, 0.99));
  return 0;
}
