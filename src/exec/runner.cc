#include "exec/runner.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>

#include "exec/capture.h"
#include "exec/orphans.h"
#include "exec/out_token.h"
#include "exec/run_dir.h"
#include "exec/scanner_env.h"
#include "exec/schedule.h"
#include "exec/signal_watch.h"
#include "util/file_io.h"
#include "util/spawn.h"

namespace lamina {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// After the leader exits (and its group is killed), how long to wait for the pipes' end of file:
// a process that left the group (setsid) may hold them open forever.
constexpr milliseconds kDrainAfterExit{200};

enum class StopReason { none, timeout, too_large, fail_fast, interrupted };

struct Child {
  size_t index = 0;
  pid_t pid = -1;                             // also the process group id
  std::unique_ptr<StreamCapture> streams[2];  // stdout, stderr
  Clock::time_point deadline;
  std::string deadline_text;  // why the deadline is where it is
  Clock::time_point kill_at = Clock::time_point::max();
  Clock::time_point drain_until = Clock::time_point::max();
  StopReason stop = StopReason::none;
  std::string stop_text;
  bool reaped = false;
  int wait_status = 0;
  std::chrono::system_clock::time_point exited_at;
};

std::string byte_size(size_t bytes) {
  if (bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes % (1 << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

class Runner {
 public:
  Runner(const std::vector<Invocation>& invocations, const RunOptions& options,
         RunObserver& observer)
      : options_(options),
        observer_(observer),
        run_dir_(options.temp_root),
        signals_(options.cancel_on_signals),
        begin_(Clock::now()) {
    results_.resize(invocations.size());
    for (size_t i = 0; i < invocations.size(); ++i) prepare(i, invocations[i]);
    for (size_t i : longest_first(invocations, options.previous_timings)) pending_.push_back(i);
    free_slots_.assign(std::max<size_t>(options.jobs, 1), kNoInvocation);
    if (options.budget.count() > 0) budget_end_ = begin_ + options.budget;
    if (observer.tick_interval().count() > 0) next_tick_ = begin_ + observer.tick_interval();
  }

  // Only reached with processes still running when something threw (an observer, the
  // fail-fast predicate): they must not outlive the run.
  ~Runner() {
    for (Child& child : running_) {
      if (child.reaped) continue;
      ::kill(-child.pid, SIGKILL);
      ::waitpid(child.pid, nullptr, 0);
    }
  }
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  std::vector<RunResult> run() {
    adopt_orphans();
    while (!pending_.empty() || !running_.empty()) {
      start_ready();
      if (running_.empty()) continue;
      wait_and_read();
      Clock::time_point now = Clock::now();
      if (signals_.interrupt() != 0 && interrupted_by_ == 0) {
        stop_for_interrupt(signals_.interrupt());
      }
      reap_exited(now);
      enforce_deadlines(now);
      finish_done(now);
      tick(now);
    }
    stop_remaining_children();
    return std::move(results_);
  }

 private:
  void prepare(size_t index, const Invocation& invocation) {
    RunResult& result = results_[index];
    result.invocation = invocation;
    result.index = index;
    result.argv = invocation.argv;
    if (!invocation.out_slots.empty()) {
      out_paths_[index] = run_dir_.file_for(index, invocation.scanner_id, ".out");
      result.argv = replace_out_token(invocation.argv, invocation.out_slots, out_paths_[index]);
    }
  }

  void start_ready() {
    if (budget_end_ && Clock::now() >= *budget_end_) {
      finish_unstarted(RunStatus::timed_out, "not started: the layer budget of " +
                                                 format_duration(options_.budget) + " ran out");
    }
    while (!pending_.empty() && !free_slots_.empty()) {
      size_t index = pending_.front();
      pending_.pop_front();
      size_t after = free_slots_.front();
      free_slots_.pop_front();
      start(index, after);
    }
  }

  void start(size_t index, size_t started_after) {
    RunResult& result = results_[index];
    result.started_after = started_after;
    result.start_time = std::chrono::system_clock::now();
    SpawnSpec spec{result.argv, result.invocation.cwd,
                   scanner_environment(options_.environment, result.invocation.env_passthrough,
                                       run_dir_.tmp())};
    std::string error;
    SpawnedProcess process = spawn_process(spec, &error);
    if (process.pid < 0) return fail_to_start(index, error);
    Child child;
    child.index = index;
    child.pid = process.pid;
    child.streams[0] = std::make_unique<StreamCapture>(process.stdout_fd, options_.capture_limit);
    child.streams[1] = std::make_unique<StreamCapture>(process.stderr_fd, options_.capture_limit);
    for (int s = 0; s < 2; ++s) {
      std::string path =
          run_dir_.file_for(index, result.invocation.scanner_id, s == 0 ? ".stdout" : ".stderr");
      if (!child.streams[s]->open_spool(path, &error)) {
        // Nothing can be captured: stop it at once instead of losing its output.
        ::kill(-child.pid, SIGKILL);
        ::waitpid(child.pid, nullptr, 0);
        return fail_to_start(index, error);
      }
    }
    set_deadline(child, Clock::now());
    observer_.on_start(result);
    running_.push_back(std::move(child));
  }

  void set_deadline(Child& child, Clock::time_point now) {
    milliseconds timeout = results_[child.index].invocation.timeout;
    child.deadline = timeout.count() > 0 ? now + timeout : Clock::time_point::max();
    child.deadline_text = "timed out at its " + format_duration(timeout) + " timeout";
    if (budget_end_ && *budget_end_ < child.deadline) {
      child.deadline = *budget_end_;
      child.deadline_text = "timed out at the layer budget of " + format_duration(options_.budget);
    }
  }

  void fail_to_start(size_t index, const std::string& error) {
    RunResult& result = results_[index];
    result.status = RunStatus::spawn_failed;
    result.error = error;
    result.end_time = result.start_time;
    complete(result);
  }

  void wait_and_read() {
    std::vector<pollfd> fds;
    std::vector<std::pair<Child*, int>> owners;
    for (Child& child : running_) {
      for (int s = 0; s < 2; ++s) {
        if (child.streams[s]->fd() < 0) continue;
        fds.push_back(pollfd{child.streams[s]->fd(), POLLIN, 0});
        owners.emplace_back(&child, s);
      }
    }
    if (signals_.wait(fds, time_to_next_event()) <= 0) return;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents != 0) read_stream(*owners[i].first, owners[i].second);
    }
  }

  void read_stream(Child& child, int s) {
    StreamCapture& stream = *child.streams[s];
    switch (stream.drain()) {
      case StreamCapture::State::open:
      case StreamCapture::State::closed:
        return;
      case StreamCapture::State::over_limit:
        stream.close_pipe();
        return stop(child, StopReason::too_large,
                    std::string(s == 0 ? "stdout" : "stderr") + " passed the capture limit of " +
                        byte_size(options_.capture_limit));
      case StreamCapture::State::spool_failed:
        stream.close_pipe();
        return stop(child, StopReason::too_large, stream.spool_error());
    }
  }

  milliseconds time_to_next_event() const {
    Clock::time_point next = Clock::time_point::max();
    for (const Child& child : running_) {
      if (!child.reaped) {
        next = std::min(next, child.stop == StopReason::none ? child.deadline : child.kill_at);
      }
      next = std::min(next, child.drain_until);
    }
    if (next_tick_) next = std::min(next, *next_tick_);
    if (next == Clock::time_point::max()) return milliseconds(-1);
    return std::max(milliseconds(0), std::chrono::ceil<milliseconds>(next - Clock::now()));
  }

  void reap_exited(Clock::time_point now) {
    for (Child& child : running_) {
      if (child.reaped) continue;
      siginfo_t info{};
      if (::waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
          info.si_pid != child.pid) {
        continue;
      }
      // The leader is a zombie, so its group id cannot be reused yet: kill what is left of the
      // group (a daemon holding our pipes) before reaping, so no orphan outlives the scanner.
      ::kill(-child.pid, SIGKILL);
      ::waitpid(child.pid, &child.wait_status, 0);
      child.reaped = true;
      child.exited_at = std::chrono::system_clock::now();
      child.drain_until = now + kDrainAfterExit;
    }
  }

  void enforce_deadlines(Clock::time_point now) {
    for (Child& child : running_) {
      if (child.reaped) continue;
      if (child.stop == StopReason::none && now >= child.deadline) {
        stop(child, StopReason::timeout, child.deadline_text);
      }
      if (now >= child.kill_at) {
        ::kill(-child.pid, SIGKILL);
        child.kill_at = Clock::time_point::max();
      }
    }
  }

  // SIGTERM to the whole group now, SIGKILL after the grace period. The first reason stays. A
  // process that already exited by itself keeps its own outcome, unless its remaining output
  // passes the limit.
  void stop(Child& child, StopReason reason, const std::string& text) {
    if (child.stop != StopReason::none) return;
    if (child.reaped && reason != StopReason::too_large) return;
    child.stop = reason;
    child.stop_text = text;
    if (child.reaped) return;
    ::kill(-child.pid, SIGTERM);
    child.kill_at = Clock::now() + options_.grace;
  }

  void stop_for_interrupt(int signal) {
    std::string text = std::string("cancelled: lamina received SIG") + sigabbrev_np(signal);
    interrupted_by_ = signal;
    stop_all(StopReason::interrupted, text);
  }

  void stop_all(StopReason reason, const std::string& text) {
    stopping_ = true;
    for (Child& child : running_) stop(child, reason, text);
    finish_unstarted(RunStatus::cancelled, "not started: " + text);
  }

  void finish_unstarted(RunStatus status, const std::string& text) {
    for (size_t index : pending_) {
      RunResult& result = results_[index];
      result.status = status;
      result.error = text;
      result.start_time = result.end_time = std::chrono::system_clock::now();
      result.interrupted_by = status == RunStatus::cancelled ? interrupted_by_ : 0;
      observer_.on_finish(result);
    }
    pending_.clear();
  }

  void finish_done(Clock::time_point now) {
    for (auto it = running_.begin(); it != running_.end();) {
      Child& child = *it;
      if (child.reaped && now >= child.drain_until) {
        for (auto& stream : child.streams) {
          if (stream->fd() >= 0) stream->drain();
          stream->close_pipe();
        }
      }
      bool done = child.reaped && child.streams[0]->fd() < 0 && child.streams[1]->fd() < 0;
      if (!done) {
        ++it;
        continue;
      }
      Child finished = std::move(child);
      it = running_.erase(it);
      record(finished);
    }
  }

  void record(const Child& child) {
    RunResult& result = results_[child.index];
    result.end_time = child.exited_at;
    if (WIFEXITED(child.wait_status)) result.exit_code = WEXITSTATUS(child.wait_status);
    if (WIFSIGNALED(child.wait_status)) result.term_signal = WTERMSIG(child.wait_status);
    result.status = status_of(child);
    result.error = child.stop_text;
    if (child.stop == StopReason::interrupted) result.interrupted_by = interrupted_by_;
    size_t keep = result.status == RunStatus::output_too_large ? kKeptOfOversizedStream
                                                               : options_.capture_limit;
    result.stdout_data = child.streams[0]->contents(keep);
    result.stderr_data = child.streams[1]->contents(keep);
    result.stdout_bytes = child.streams[0]->bytes();
    result.stderr_bytes = child.streams[1]->bytes();
    read_out_file(result);
    complete(result);
  }

  RunStatus status_of(const Child& child) const {
    switch (child.stop) {
      case StopReason::timeout:
        return RunStatus::timed_out;
      case StopReason::too_large:
        return RunStatus::output_too_large;
      case StopReason::fail_fast:
      case StopReason::interrupted:
        return RunStatus::cancelled;
      case StopReason::none:
        break;
    }
    return WIFSIGNALED(child.wait_status) ? RunStatus::signaled : RunStatus::exited;
  }

  void read_out_file(RunResult& result) {
    auto path = out_paths_.find(result.index);
    if (path == out_paths_.end()) return;
    std::optional<std::string> data = read_file(path->second);
    result.out_file_missing = !data;
    if (data) result.out_file_data = std::move(*data);
  }

  // Every invocation ends here exactly once, started or not.
  void complete(RunResult& result) {
    free_slots_.push_back(result.index);
    observer_.on_finish(result);
    if (!stopping_ && options_.should_stop_others && options_.should_stop_others(result)) {
      stop_all(StopReason::fail_fast,
               "cancelled by fail-fast after " + result.invocation.scanner_id + " finished");
    }
  }

  void tick(Clock::time_point now) {
    if (!next_tick_ || now < *next_tick_) return;
    observer_.on_tick();
    next_tick_ = now + observer_.tick_interval();
  }

  const RunOptions& options_;
  RunObserver& observer_;
  RunDirectory run_dir_;
  SignalWatch signals_;
  Clock::time_point begin_;
  std::optional<Clock::time_point> budget_end_;
  std::optional<Clock::time_point> next_tick_;
  std::vector<RunResult> results_;
  std::map<size_t, std::string> out_paths_;
  std::deque<size_t> pending_;  // longest expected first
  std::list<Child> running_;
  // One entry per free job slot: the invocation whose end freed it, kNoInvocation at first.
  std::deque<size_t> free_slots_;
  bool stopping_ = false;
  int interrupted_by_ = 0;
};

}  // namespace

size_t online_cpus() {
  long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<size_t>(n) : 1;
}

void RunObserver::on_start(const RunResult&) {}
void RunObserver::on_finish(const RunResult&) {}
void RunObserver::on_tick() {}
std::chrono::milliseconds RunObserver::tick_interval() const {
  return milliseconds(0);
}

std::vector<RunResult> run_invocations(const std::vector<Invocation>& invocations,
                                       const RunOptions& options, RunObserver& observer) {
  return Runner(invocations, options, observer).run();
}

int interrupting_signal(const std::vector<RunResult>& results) {
  for (const RunResult& result : results) {
    if (result.interrupted_by != 0) return result.interrupted_by;
  }
  return 0;
}

}  // namespace lamina
