#pragma once
// A deadline for a planning stage that cannot be interrupted (libgit2 and the glob matcher run to
// completion once started): when the stage is still running at the deadline, lamina says which
// stage and why on stderr and exits 3 ("the run is unverified"), rather than hanging until the
// CI's own job timeout with no word. Destroying the object before the deadline disarms it.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace lamina {

// The exit code of a planning stage that missed its deadline: as a failed scanner's, the change
// is not verified.
constexpr int kExitStageDeadline = 3;

class StageDeadline {
 public:
  // `stage` names what runs ("computing the change set"); `limit` of zero or less disarms.
  StageDeadline(std::string stage, std::chrono::milliseconds limit);
  ~StageDeadline();
  StageDeadline(const StageDeadline&) = delete;
  StageDeadline& operator=(const StageDeadline&) = delete;

 private:
  void watch(std::chrono::milliseconds limit);

  std::string stage_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::thread watcher_;
};

}  // namespace lamina
