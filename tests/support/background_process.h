// File: tests/support/background_process.h
// A program started without waiting for it, for tests that act while it
// runs: send it a signal at a chosen moment, or search during a reindex.
// Its stdout and stderr go to files, readable while it runs.
#ifndef QUARRY_TESTS_SUPPORT_BACKGROUND_PROCESS_H_
#define QUARRY_TESTS_SUPPORT_BACKGROUND_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/support/run_process.h"

namespace quarry::testing {

class BackgroundProcess {
 public:
  // Starts argv[0] with arguments argv[1..] (no shell); stdin is /dev/null.
  // `output_dir` receives the stdout and stderr files. `env` is added to
  // (or replaces in) the environment it gets.
  BackgroundProcess(const std::vector<std::string>& argv, const std::string& output_dir,
                    const std::map<std::string, std::string>& env = {});
  // Kills (SIGKILL) and reaps the process if it still runs.
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  // What it wrote to stderr so far.
  std::string StderrSoFar() const;
  // True while the process has not exited (does not reap it).
  bool Running();
  // Polls every few milliseconds until `ready()` or the process exits or
  // `timeout` passes; returns ready().
  bool WaitUntil(const std::function<bool()>& ready, std::chrono::milliseconds timeout);
  void Signal(int signal);
  // Waits for the exit and returns exit code, signal and output.
  ProcessResult Wait();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string out_path_, err_path_;
};

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SUPPORT_BACKGROUND_PROCESS_H_
