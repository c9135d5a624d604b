// File: tests/support/run_process.h
// Runs a program (the real quarry binaries) and captures what a user sees:
// exit code, stdout and stderr.
#ifndef QUARRY_TESTS_SUPPORT_RUN_PROCESS_H_
#define QUARRY_TESTS_SUPPORT_RUN_PROCESS_H_

#include <map>
#include <string>
#include <vector>

namespace quarry::testing {

struct ProcessResult {
  int exit_code = -1;    // -1 when killed by a signal
  int signal = 0;        // the signal that ended it, if any
  std::string out;       // stdout
  std::string err;       // stderr
};

struct ProcessOptions {
  std::string cwd;                              // empty: the test's own
  std::map<std::string, std::string> env;       // added to (or replacing) the environment
  std::vector<std::string> unset_env;           // removed from the environment
  std::string stdin_data;                       // fed to stdin, then closed
};

// Runs argv[0] with arguments argv[1..] (no shell) and waits for it.
ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// For failure messages: all of a result, labelled.
std::string Describe(const ProcessResult& result);

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SUPPORT_RUN_PROCESS_H_
