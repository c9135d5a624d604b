// File: searcher/render/printer.h
// quarry-search's output: a ResultPage (searcher/search_result.h) -> text,
// JSON or paths on stdout. Printers see the page's plain values only.
#ifndef QUARRY_SEARCHER_RENDER_PRINTER_H_
#define QUARRY_SEARCHER_RENDER_PRINTER_H_

#include <memory>
#include <ostream>
#include <string>

#include "searcher/search_result.h"

namespace quarry::searcher {

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
