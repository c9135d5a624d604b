#include "searcher/render/json_printer.h"

#include <ctime>
#include <nlohmann/json.hpp>

namespace quarry::searcher {

namespace {

// RFC 3339 UTC time, e.g. "2026-11-26T14:59:04Z".
std::string IsoTime(int64_t ns) {
  std::time_t seconds = static_cast<std::time_t>(ns / 1000000000LL);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

void JsonPrinter::Print(const ResultPage& page, std::ostream& out) const {
  nlohmann::json results = nlohmann::json::array();
  for (const Hit& hit : page.hits) {
    nlohmann::json highlights = nlohmann::json::array();
    for (const auto& [begin, end] : hit.snippet.highlights) highlights.push_back({begin, end});
    nlohmann::json item = {
        {"rank", hit.rank},
        {"score", hit.score},
        {"percent", hit.percent},
        {"path", hit.path},
        {"title", hit.title},
        {"mtime", IsoTime(hit.mtime_ns)},
        {"size", hit.size},
        {"snippet", {{"text", hit.snippet.text}, {"highlights", highlights}}},
    };
    if (!hit.record_id.empty()) item["record_id"] = hit.record_id;
    results.push_back(std::move(item));
  }
  nlohmann::json doc = {
      {"query", page.query},
      {"estimated_total", page.estimated_total},
      {"offset", page.offset},
      {"elapsed_ms", page.elapsed_ms},
      {"results", results},
  };
  // Text from files may hold invalid UTF-8 that slipped through; replace it
  // rather than fail the whole answer.
  out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace quarry::searcher
