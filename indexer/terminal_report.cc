#include "indexer/terminal_report.h"

#include <cstdio>

#include "common/text/terminal_escape.h"

namespace quarry::indexer {

void TerminalReport::OnFate(std::string_view action, const std::string& path,
                            const std::string& reason) {
  if (verbosity_ != Verbosity::kVerbose) return;
  progress_.Clear();
  // Names come from the disk: a file must not drive the terminal.
  diagnostics_.Note(std::string(action) + " " + EscapeForTerminal(path) +
                    (reason.empty() ? "" : " (" + EscapeForTerminal(reason) + ")"));
}

void TerminalReport::OnFailure(const Status& status) {
  progress_.Clear();
  // A file's failure names the file.
  diagnostics_.Error(EscapeForTerminal(status.message()));
}

void TerminalReport::OnNote(const std::string& message) {
  if (verbosity_ == Verbosity::kQuiet) return;
  progress_.Clear();
  diagnostics_.Note(message);
}

void TerminalReport::OnWarning(const std::string& message) {
  progress_.Clear();
  diagnostics_.Warning(message);
}

std::string TerminalReport::SummaryLine(const RunCounts& counts, double seconds) {
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
  return CountsText(counts) + " in " + elapsed + " s";
}

void PrintPlan(const IndexPlan& plan, std::ostream& out) {
  if (plan.kind == RunKind::kRebuild) out << "rebuild\t" << plan.rebuild_reason << "\n";
  for (const PlannedChange& change : plan.plan.changes) {
    const std::string& path = change.kind == ChangeKind::kRemove ? change.indexed->path
                                                                  : change.entry.path;
    out << ChangeKindName(change.kind) << "\t" << EscapeForTerminal(path) << "\t" << change.reason << "\n";
  }
  out << "plan: add " << plan.plan.Count(ChangeKind::kAdd) << ", update "
      << plan.plan.Count(ChangeKind::kUpdate) << ", delete " << plan.plan.Count(ChangeKind::kRemove)
      << ", unchanged " << plan.plan.unchanged << "\n";
  if (!plan.guard.ok()) out << "this run would be refused: " << plan.guard.message() << "\n";
}

}  // namespace quarry::indexer
