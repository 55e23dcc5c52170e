#include "exec/signal_watch.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>

namespace lamina {
namespace {

constexpr int kWatched[4] = {SIGCHLD, SIGINT, SIGTERM, SIGHUP};

std::atomic<bool> g_watching{false};
int g_wake_read = -1;
int g_wake_write = -1;
volatile sig_atomic_t g_interrupt = 0;

void on_signal(int sig) {
  int saved = errno;
  if (sig != SIGCHLD && g_interrupt == 0) g_interrupt = sig;
  // Non-blocking: a full pipe already guarantees a wake-up.
  [[maybe_unused]] ssize_t n = ::write(g_wake_write, "", 1);
  errno = saved;
}

}  // namespace

SignalWatch::SignalWatch(bool interrupts) : watched_count_(interrupts ? 4 : 1) {
  if (g_watching.exchange(true)) throw std::logic_error("two SignalWatch objects at once");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    g_watching = false;
    throw std::runtime_error("pipe2 failed for the runner's wake pipe");
  }
  g_wake_read = fds[0];
  g_wake_write = fds[1];
  g_interrupt = 0;
  sigset_t block;
  sigemptyset(&block);
  for (int i = 0; i < watched_count_; ++i) sigaddset(&block, kWatched[i]);
  ::pthread_sigmask(SIG_BLOCK, &block, &old_mask_);
  wait_mask_ = old_mask_;
  for (int i = 0; i < watched_count_; ++i) sigdelset(&wait_mask_, kWatched[i]);
  struct ::sigaction action {};
  action.sa_handler = on_signal;
  action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < watched_count_; ++i) ::sigaction(kWatched[i], &action, &old_actions_[i]);
}

SignalWatch::~SignalWatch() {
  for (int i = 0; i < watched_count_; ++i) ::sigaction(kWatched[i], &old_actions_[i], nullptr);
  ::pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  ::close(g_wake_read);
  ::close(g_wake_write);
  g_wake_read = g_wake_write = -1;
  g_watching = false;
}

int SignalWatch::wait(std::vector<pollfd>& fds, std::chrono::milliseconds timeout) {
  fds.push_back(pollfd{g_wake_read, POLLIN, 0});
  timespec limit{};
  limit.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  limit.tv_nsec = static_cast<long>(timeout.count() % 1000) * 1'000'000;
  // Signals are unblocked only inside ppoll, so their handlers never interrupt the loop body.
  int ready = ::ppoll(fds.data(), fds.size(), timeout.count() < 0 ? nullptr : &limit, &wait_mask_);
  bool woken = fds.back().revents != 0;
  fds.pop_back();
  if (woken) drain_wake_pipe();
  if (ready < 0) return errno == EINTR ? 0 : -1;
  return woken ? ready - 1 : ready;
}

int SignalWatch::interrupt() const {
  return g_interrupt;
}

void SignalWatch::drain_wake_pipe() {
  char buf[64];
  while (::read(g_wake_read, buf, sizeof buf) > 0) {
  }
}

}  // namespace lamina
