// File: common/cli/interrupt.h
// SIGINT and SIGTERM as a polite request: the handler only records it, and
// long-running loops poll InterruptRequested() at points where stopping
// leaves everything consistent (for the indexer: between files, so that what
// is done can be committed). A second signal ends the process at once.
#ifndef QUARRY_COMMON_CLI_INTERRUPT_H_
#define QUARRY_COMMON_CLI_INTERRUPT_H_

namespace quarry {

// Installs the handlers for SIGINT and SIGTERM. Call once, from main().
void InstallInterruptHandlers();

// True once SIGINT or SIGTERM has arrived.
bool InterruptRequested();

// The name of the signal that arrived ("SIGINT", "SIGTERM"), or "" if none.
const char* InterruptSignalName();

}  // namespace quarry

#endif  // QUARRY_COMMON_CLI_INTERRUPT_H_
