#include "indexer/extract/jsonl_extractor.h"

#include <nlohmann/json.hpp>

#include <unordered_set>

namespace quarry::indexer {

namespace {

using Json = nlohmann::json;

// The text of a field as a document holds it; empty when absent or null.
std::string FieldText(const Json& object, const std::string& field) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array()) {
    std::string joined;
    for (const Json& item : *it) {
      if (!joined.empty()) joined += '\n';
      joined += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return joined;
  }
  return it->dump();
}

// Titles are shown on one line.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

StatusOr<std::string> RecordId(const Json& object, const std::string& field, size_t line_number,
                               const std::string& where) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return "line-" + std::to_string(line_number);
  std::string id;
  if (it->is_string()) {
    id = it->get<std::string>();
  } else if (it->is_number_integer()) {
    id = it->dump();
  } else {
    return DataLossError(where + ": the \"" + field + "\" field is not a string or an integer");
  }
  if (id.empty()) return DataLossError(where + ": the \"" + field + "\" field is empty");
  return id;
}

}  // namespace

StatusOr<std::vector<ExtractedDocument>> JsonlExtractor::Extract(std::string_view path,
                                                                 std::string_view content) const {
  std::vector<ExtractedDocument> docs;
  std::unordered_set<std::string> ids;
  size_t line_number = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    const std::string where = std::string(path) + ": line " + std::to_string(line_number);
    Json object = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded()) return DataLossError(where + ": not valid JSON");
    if (!object.is_object()) return DataLossError(where + ": not a JSON object");

    ExtractedDocument doc;
    QUARRY_ASSIGN_OR_RETURN(doc.record_id,
                            RecordId(object, mapping_.id_field, line_number, where));
    if (!ids.insert(doc.record_id).second) {
      return DataLossError(where + ": the id \"" + doc.record_id + "\" was already used");
    }
    doc.title = OneLine(FieldText(object, mapping_.title_field));
    doc.body = FieldText(object, mapping_.text_field);
    docs.push_back(std::move(doc));
  }
  return docs;
}

}  // namespace quarry::indexer
