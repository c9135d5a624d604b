#include "searcher/search_command.h"

#include "searcher/searcher.h"

namespace quarry::searcher {

namespace {

void ReportNotices(const ResultPage& page, const PrinterOptions& printer, Diagnostics& diagnostics) {
  for (const Notice& notice : page.notices) {
    if (notice.severity == Notice::Severity::kWarning) {
      diagnostics.Warning(notice.message);
    } else {
      diagnostics.Note(notice.message);
    }
  }
  if (page.suggestion && printer.format == OutputFormat::kPaths) {
    // stdout stays one path per line; the suggestion is for the person.
    diagnostics.Note("did you mean \"" + page.suggestion->query + "\"?");
  }
}

}  // namespace

ExitCode RunSearchCommand(const SearchCommand& command, std::ostream& out, Diagnostics& diagnostics) {
  StatusOr<ResultPage> page = Searcher::SearchOnce(command.index, command.request);
  if (!page.ok()) {
    diagnostics.Error(page.status());
    return ExitCode::kError;
  }
  ReportNotices(*page, command.printer, diagnostics);
  MakePrinter(command.printer)->Print(*page, out);
  // A count only (limit 0) is a success when it counts something.
  const uint64_t found = page->count_only ? page->estimated_total : page->hits.size();
  return found > 0 ? ExitCode::kOk : ExitCode::kNoHitsOrPartial;
}

}  // namespace quarry::searcher
