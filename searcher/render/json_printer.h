// File: searcher/render/json_printer.h
// --format json: one JSON object per search (query, estimated total, elapsed
// milliseconds, results), built with nlohmann/json. Strings are exact,
// except bytes that are not UTF-8, which become U+FFFD; a path with such
// bytes also comes exactly, base64-encoded, as "path_base64".
#ifndef QUARRY_SEARCHER_RENDER_JSON_PRINTER_H_
#define QUARRY_SEARCHER_RENDER_JSON_PRINTER_H_

#include "searcher/render/printer.h"

namespace quarry::searcher {

class JsonPrinter : public Printer {
 public:
  void Print(const ResultPage& page, std::ostream& out) const override;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RENDER_JSON_PRINTER_H_
