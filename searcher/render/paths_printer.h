// File: searcher/render/paths_printer.h
// --format paths: one path per line, best first, for pipelines; or each
// followed by a NUL byte (--null), for names that hold a newline. Paths are
// written as they are, byte for byte: they are for programs.
#ifndef QUARRY_SEARCHER_RENDER_PATHS_PRINTER_H_
#define QUARRY_SEARCHER_RENDER_PATHS_PRINTER_H_

#include "searcher/render/printer.h"

namespace quarry::searcher {

class PathsPrinter : public Printer {
 public:
  // `terminator` follows each path: '\n', or '\0' for --null.
  PathsPrinter(std::string cwd, char terminator) : cwd_(std::move(cwd)), terminator_(terminator) {}
  void Print(const ResultPage& page, std::ostream& out) const override {
    for (const Hit& hit : page.hits) out << DisplayPath(hit, cwd_) << terminator_;
  }

 private:
  std::string cwd_;
  char terminator_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RENDER_PATHS_PRINTER_H_
