// File: common/cli/diagnostics.h
// Diagnostics to stderr in the form "prog: context: message", with a count of
// errors so a tool can decide its exit code at the end of a run.
#ifndef QUARRY_COMMON_CLI_DIAGNOSTICS_H_
#define QUARRY_COMMON_CLI_DIAGNOSTICS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry {

class Diagnostics {
 public:
  explicit Diagnostics(std::string program) : program_(std::move(program)) {}

  // "prog: message" to stderr, counted as an error.
  void Error(std::string_view message);
  void Error(const Status& status) { Error(status.message()); }
  // "prog: warning: message" to stderr, not counted.
  void Warning(std::string_view message);
  // "prog: message" to stderr, not counted (notes such as "interrupted").
  void Note(std::string_view message);

  size_t error_count() const { return errors_; }
  const std::string& program() const { return program_; }

 private:
  std::string program_;
  size_t errors_ = 0;
};

}  // namespace quarry

#endif  // QUARRY_COMMON_CLI_DIAGNOSTICS_H_
