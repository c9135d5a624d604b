// File: searcher/render/paths_printer.h
// --format paths: one path per line, best first, for pipelines.
#ifndef QUARRY_SEARCHER_RENDER_PATHS_PRINTER_H_
#define QUARRY_SEARCHER_RENDER_PATHS_PRINTER_H_

#include "searcher/render/printer.h"

namespace quarry::searcher {

class PathsPrinter : public Printer {
 public:
  explicit PathsPrinter(std::string cwd) : cwd_(std::move(cwd)) {}
  void Print(const ResultPage& page, std::ostream& out) const override {
    for (const Hit& hit : page.hits) out << DisplayPath(hit, cwd_) << "\n";
  }

 private:
  std::string cwd_;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RENDER_PATHS_PRINTER_H_
