#pragma once
// The runner's view of signals, as in ninja's SubprocessSet: SIGCHLD (and SIGINT, SIGTERM, SIGHUP
// when they cancel the run) are blocked in the runner's thread except inside ppoll(), and their
// handlers write to a self-pipe that is part of the poll set, so a signal delivered to any thread
// wakes the loop.
#include <poll.h>
#include <signal.h>

#include <chrono>
#include <vector>

namespace lamina {

class SignalWatch {
 public:
  // Installs the handlers: SIGCHLD always, SIGINT/SIGTERM/SIGHUP when `interrupts`. Only one
  // SignalWatch may exist at a time (std::logic_error otherwise).
  explicit SignalWatch(bool interrupts);
  // Restores the previous handlers and signal mask.
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

  // Waits until one of `fds` is ready, a watched signal arrives or `timeout` passes (negative:
  // no timeout). The wake pipe is added internally; returns ppoll's result for `fds`.
  int wait(std::vector<pollfd>& fds, std::chrono::milliseconds timeout);

  // The first SIGINT/SIGTERM/SIGHUP received while watching, 0 when none.
  int interrupt() const;

 private:
  void drain_wake_pipe();

  sigset_t old_mask_{};
  sigset_t wait_mask_{};   // old_mask_ with the watched signals unblocked
  int watched_count_ = 0;  // first entries of the watched-signal table
  struct ::sigaction old_actions_[4]{};
};

}  // namespace lamina
