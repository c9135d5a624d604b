#include "common/index/last_run.h"

#include <charconv>
#include <cstdlib>

namespace quarry {

namespace {

// Values are single lines: a newline would start a new field.
std::string OneLine(std::string value) {
  for (char& c : value) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return value;
}

}  // namespace

std::string EncodeLastRun(const LastRun& run) {
  return "finished=" + std::to_string(run.finished_unix_seconds) + "\n" +
         "seconds=" + std::to_string(run.seconds) + "\n" +
         "result=" + OneLine(run.result) + "\n" +
         "counts=" + OneLine(run.counts) + "\n" +
         "settings=" + OneLine(run.settings) + "\n";
}

std::optional<LastRun> DecodeLastRun(std::string_view text) {
  LastRun run;
  bool has_finished = false;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = line.substr(0, eq);
    std::string value(line.substr(eq + 1));
    if (name == "finished") {
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(),
                                       run.finished_unix_seconds);
      has_finished = ec == std::errc() && ptr == value.data() + value.size();
    } else if (name == "seconds") {
      run.seconds = std::strtod(value.c_str(), nullptr);
    } else if (name == "result") {
      run.result = std::move(value);
    } else if (name == "counts") {
      run.counts = std::move(value);
    } else if (name == "settings") {
      run.settings = std::move(value);
    }
  }
  if (!has_finished) return std::nullopt;
  return run;
}

}  // namespace quarry
