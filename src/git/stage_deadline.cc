#include "git/stage_deadline.h"

#include <unistd.h>

#include <cstdio>

namespace lamina {

StageDeadline::StageDeadline(std::string stage, std::chrono::milliseconds limit)
    : stage_(std::move(stage)) {
  if (limit.count() > 0) watcher_ = std::thread([this, limit] { watch(limit); });
}

StageDeadline::~StageDeadline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
  }
  done_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

void StageDeadline::watch(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (done_.wait_for(lock, limit, [this] { return finished_; })) return;
  // The stage's thread is inside a library call that cannot be stopped, and unwinding from here
  // would race with it: say why and leave at once. No report is written, so none is stale.
  long long ms = limit.count();
  std::string seconds =
      std::to_string(ms / 1000) + (ms % 1000 == 0 ? "" : "." + std::to_string(ms % 1000 / 100));
  std::string message = "lamina: " + stage_ + " did not finish within " + seconds +
                        " s; stopping (exit 3): the change is not verified. A pathological "
                        "pattern or an unusually large change can cause this; run `lamina plan` "
                        "locally to see how long planning takes.\n";
  ssize_t ignored = ::write(2, message.data(), message.size());
  (void)ignored;
  std::fflush(nullptr);
  ::_exit(kExitStageDeadline);
}

}  // namespace lamina
