#include "common/cli/diagnostics.h"

#include <cstdio>

namespace quarry {

namespace {
void Print(const std::string& program, std::string_view kind, std::string_view message) {
  std::string line = program + ": ";
  line += kind;
  line += message;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}
}  // namespace

void Diagnostics::Error(std::string_view message) {
  ++errors_;
  Print(program_, "", message);
}

void Diagnostics::Warning(std::string_view message) { Print(program_, "warning: ", message); }

void Diagnostics::Note(std::string_view message) { Print(program_, "", message); }

}  // namespace quarry
