#include "artifact/unpack_interrupts.h"

#include <signal.h>

#include <string>

#include "util/error.h"

namespace lamina {
namespace {

volatile sig_atomic_t g_signal = 0;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[3];

void remember(int signal) {
  if (g_signal == 0) g_signal = signal;
}

}  // namespace

UnpackInterrupts::UnpackInterrupts() {
  g_signal = 0;
  struct sigaction action{};
  action.sa_handler = remember;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &action, &g_previous[i]);
}

UnpackInterrupts::~UnpackInterrupts() {
  for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
}

void UnpackInterrupts::check() {
  int signal = g_signal;
  if (signal != 0) {
    throw Error("interrupted by signal " + std::to_string(signal) +
                    " while unpacking; the unpacked files were removed",
                128 + signal);
  }
}

}  // namespace lamina
