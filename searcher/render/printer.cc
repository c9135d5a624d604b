#include "searcher/render/printer.h"

#include "searcher/render/json_printer.h"
#include "searcher/render/paths_printer.h"
#include "searcher/render/text_printer.h"

namespace quarry::searcher {

std::string DisplayPath(const Hit& hit, const std::string& cwd) {
  std::string path = hit.path;
  if (!cwd.empty() && cwd != "/" && path.size() > cwd.size() + 1 &&
      path.compare(0, cwd.size(), cwd) == 0 && path[cwd.size()] == '/') {
    path = path.substr(cwd.size() + 1);
  }
  if (!hit.record_id.empty()) path += "#" + hit.record_id;
  return path;
}

std::unique_ptr<Printer> MakePrinter(const PrinterOptions& options) {
  switch (options.format) {
    case OutputFormat::kJson: return std::make_unique<JsonPrinter>();
    case OutputFormat::kPaths:
      return std::make_unique<PathsPrinter>(options.cwd, options.null_separated ? '\0' : '\n');
    case OutputFormat::kText: break;
  }
  return std::make_unique<TextPrinter>(options.color, options.cwd);
}

}  // namespace quarry::searcher
