// File: common/cli/exit_code.h
// The exit codes of both tools, in one place (documented in the README).
#ifndef QUARRY_COMMON_CLI_EXIT_CODE_H_
#define QUARRY_COMMON_CLI_EXIT_CODE_H_

namespace quarry {

enum class ExitCode : int {
  kOk = 0,          // search: at least one hit; index: clean run
  kNoHitsOrPartial = 1,  // search: no hits; index: committed, but some entries failed
  kError = 2,       // usage error, missing/unreadable database, failed commit
  kLocked = 3,      // index: another quarry-index holds the database lock
  kInterrupted = 4, // index: stopped by SIGINT/SIGTERM after committing what was done
};

inline int ToInt(ExitCode code) { return static_cast<int>(code); }

}  // namespace quarry

#endif  // QUARRY_COMMON_CLI_EXIT_CODE_H_
