#include "searcher/render/json_printer.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "common/text/utf8.h"
#include "searcher/render/base64.h"

namespace quarry::searcher {

namespace {

// RFC 3339 UTC time of `seconds` since the epoch, e.g. "2026-11-26T14:59:04Z".
std::string IsoTime(std::time_t seconds) {
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

const char* FreshnessName(Freshness freshness) {
  switch (freshness) {
    case Freshness::kChanged: return "changed";
    case Freshness::kVanished: return "vanished";
    case Freshness::kUnknown: return "unknown";
    case Freshness::kFresh: break;
  }
  return "fresh";
}

nlohmann::json Explanation(const Hit& hit) {
  nlohmann::json terms = nlohmann::json::array();
  for (const TermContribution& c : hit.explanation) {
    terms.push_back({{"term", c.term},
                     {"index_term", c.index_term},
                     {"weight", c.weight},
                     {"tf", c.wdf},
                     {"doc_length", c.doc_length},
                     {"avg_doc_length", c.avg_length},
                     {"idf", c.idf},
                     {"term_docs", c.term_docs},
                     {"doc_count", c.doc_count},
                     {"expansion", c.expansion}});
  }
  return terms;
}

nlohmann::json Result(const Hit& hit, bool explain) {
  nlohmann::json highlights = nlohmann::json::array();
  for (const auto& [begin, end] : hit.snippet.highlights) highlights.push_back({begin, end});
  nlohmann::json item = {
      {"rank", hit.rank},
      {"score", hit.score},
      {"percent", hit.percent},
      {"path", hit.path},
      {"title", hit.title},
      {"mtime", IsoTime(static_cast<std::time_t>(hit.mtime_ns / 1000000000LL))},
      {"size", hit.size},
      {"freshness", FreshnessName(hit.freshness)},
      {"matched_terms", hit.matched_terms},
      {"expansion_terms", hit.expansion_terms},
      {"snippet", {{"text", hit.snippet.text}, {"highlights", highlights}}},
  };
  // JSON strings are Unicode: a path that is not valid UTF-8 is shown in
  // "path" with U+FFFD for its bad bytes, and given exactly, as base64, in
  // "path_base64" (absent for every other path).
  if (!IsValidUtf8(hit.path)) item["path_base64"] = EncodeBase64(hit.path);
  if (!hit.record_id.empty()) item["record_id"] = hit.record_id;
  // The fields the document declares, when it has them.
  for (const TextField& field : kTextFields) {
    const std::string& value = hit.declared.*field.value;
    if (!value.empty()) item[std::string(field.name)] = value;
  }
  if (hit.declared.date) item["date"] = IsoTime(static_cast<std::time_t>(*hit.declared.date));
  if (explain) item["explain"] = Explanation(hit);
  return item;
}

}  // namespace

void JsonPrinter::Print(const ResultPage& page, std::ostream& out) const {
  nlohmann::json results = nlohmann::json::array();
  for (const Hit& hit : page.hits) results.push_back(Result(hit, page.explain));
  nlohmann::json tried = nlohmann::json::array();
  for (const Attempt& attempt : page.tried) tried.push_back({{"what", attempt.what}, {"total", attempt.total}});
  nlohmann::json doc = {
      {"query", page.query},
      {"estimated_total", page.estimated_total},
      {"offset", page.offset},
      {"elapsed_ms", page.elapsed_ms},
      {"tried", tried},
      {"expanded_with", page.expanded_with},
      {"results", results},
  };
  if (page.suggestion) {
    doc["suggestion"] = {{"query", page.suggestion->query}, {"total", page.suggestion->total}};
  }
  // Text from files may hold invalid UTF-8 that slipped through; replace it
  // rather than fail the whole answer.
  out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace quarry::searcher
