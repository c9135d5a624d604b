#include "common/cli/interrupt.h"

#include <csignal>

namespace quarry {

namespace {

// A signal handler may only touch lock-free atomics or volatile
// sig_atomic_t; this one global is the price of reacting to signals.
volatile std::sig_atomic_t g_signal = 0;

void OnSignal(int signal) { g_signal = signal; }

}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the first signal asks to stop; a second one (a user who
  // does not want to wait for the commit) gets the default action.
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool InterruptRequested() { return g_signal != 0; }

const char* InterruptSignalName() {
  switch (g_signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "";
  }
}

}  // namespace quarry
