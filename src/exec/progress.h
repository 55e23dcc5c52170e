#pragma once
// What the runner shows while scanners run: a live status on a terminal, each scanner's raw
// output folded in a group on GitHub or a collapsible section on GitLab, plain lines otherwise.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "exec/runner.h"
#include "util/env.h"

namespace lamina {

// The text shown after a finished scanner, e.g. "3 findings": the findings stage knows it, the
// runner does not. Unset or "" = nothing.
using ResultSummary = std::function<std::string(const RunResult&)>;

enum class ProgressStyle { terminal, github, gitlab, plain };

// GitHub when GITHUB_ACTIONS=true, GitLab when GITLAB_CI=true, a live terminal when `is_tty`
// and TERM is not "dumb", plain lines otherwise.
ProgressStyle choose_progress_style(const EnvMap& env, bool is_tty);

// Colour on a terminal unless NO_COLOR is set to a non-empty value (no-color.org).
bool use_color(const EnvMap& env, bool is_tty);

std::unique_ptr<RunObserver> make_progress(ProgressStyle style, std::ostream& out, bool color,
                                           ResultSummary summary);

// "semgrep: exited 1 after 2.3s: 3 findings".
std::string result_line(const RunResult& result, const ResultSummary& summary);

// Exited with one of the invocation's ok exit codes (0 when it lists none).
bool ran_ok(const RunResult& result);

// Raw output shown per stream in CI logs; the rest is counted, not shown.
inline constexpr size_t kShownBytesPerStream = 256 << 10;

class PlainProgress : public RunObserver {
 public:
  PlainProgress(std::ostream& out, ResultSummary summary);
  void on_start(const RunResult& result) override;
  void on_finish(const RunResult& result) override;

 private:
  std::ostream& out_;
  ResultSummary summary_;
};

// Finished scanners scroll up as lines; below them a block of running scanners with their
// elapsed time is redrawn in place.
class TerminalProgress : public RunObserver {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;
  TerminalProgress(std::ostream& out, bool color, ResultSummary summary,
                   Now now = std::chrono::steady_clock::now);
  void on_start(const RunResult& result) override;
  void on_finish(const RunResult& result) override;
  void on_tick() override;
  std::chrono::milliseconds tick_interval() const override;

 private:
  void redraw(const std::string& finished_line);
  std::string colored(const RunResult& result) const;

  std::ostream& out_;
  bool color_;
  ResultSummary summary_;
  Now now_;
  std::map<size_t, std::pair<std::string, std::chrono::steady_clock::time_point>> running_;
  size_t drawn_lines_ = 0;
};

// Each finished scanner as `::group::` ... `::endgroup::`. Its output is hostile (it may print
// `::endgroup::` or `::error ...`), so it sits between `::stop-commands::<random token>` and
// `::<token>::`, which GitHub does not interpret.
class GithubProgress : public RunObserver {
 public:
  GithubProgress(std::ostream& out, ResultSummary summary);
  void on_finish(const RunResult& result) override;

 private:
  std::ostream& out_;
  ResultSummary summary_;
};

// Each finished scanner as a collapsed GitLab section; the section name carries a random
// suffix so output cannot end the section early.
class GitlabProgress : public RunObserver {
 public:
  GitlabProgress(std::ostream& out, ResultSummary summary);
  void on_finish(const RunResult& result) override;

 private:
  std::ostream& out_;
  ResultSummary summary_;
};

// Shared by the CI observers: the command line and each non-empty stream, capped at
// kShownBytesPerStream, every part ending with a newline.
std::string raw_output_block(const RunResult& result);

// 32 random hex digits.
std::string random_token();

}  // namespace lamina
