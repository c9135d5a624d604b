// File: searcher/render/printer.h
// Search flow, last step: a page of hits -> text, JSON or paths on stdout.
// Printers see plain Hit structs only, never Xapian.
#ifndef QUARRY_SEARCHER_RENDER_PRINTER_H_
#define QUARRY_SEARCHER_RENDER_PRINTER_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "searcher/rank/hit.h"

namespace quarry::searcher {

// One way of reading the query that was tried, and what it found.
struct Attempt {
  std::string what;     // "all the words", "any of the words", "the query"
  uint64_t total = 0;   // estimated matching documents
};

// A corrected query from the index's vocabulary ("did you mean").
struct Suggestion {
  std::string query;
  uint64_t total = 0;   // documents matching all its words
};

struct ResultPage {
  std::string query;             // as the user typed it
  uint64_t estimated_total = 0;  // estimated number of matching documents
  size_t offset = 0;             // hits skipped before this page
  double elapsed_ms = 0;         // time spent searching, in process
  std::vector<Hit> hits;
  std::vector<Attempt> tried;    // each tier of the query, in order
  std::optional<Suggestion> suggestion;
  bool explain = false;          // hits carry explanations to show
  // Only the count was asked for (--limit 0): no hits, and none missing.
  bool count_only = false;
  // Stems pseudo-relevance feedback added to a long query, strongest first;
  // empty when the query was searched as written.
  std::vector<std::string> expanded_with;
};

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void Print(const ResultPage& page, std::ostream& out) const = 0;
};

enum class OutputFormat { kText, kJson, kPaths };

struct PrinterOptions {
  OutputFormat format = OutputFormat::kText;
  bool color = false;      // ANSI bold/colour for titles and highlights (text only)
  std::string cwd;         // paths under it are shown relative to it (text, paths)
  // paths only: each path ends with a NUL byte instead of a newline (--null),
  // so that names holding newlines pass through `xargs -0`.
  bool null_separated = false;
};

std::unique_ptr<Printer> MakePrinter(const PrinterOptions& options);

// The path as a user should see it: relative to `cwd` when under it, with
// "#record" appended for a record of a multi-record file.
std::string DisplayPath(const Hit& hit, const std::string& cwd);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RENDER_PRINTER_H_
