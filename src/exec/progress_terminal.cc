// The live terminal status: finished scanners scroll up, running ones are redrawn below them.
#include "exec/progress.h"

namespace lamina {
namespace {

constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kReset = "\x1b[0m";

}  // namespace

TerminalProgress::TerminalProgress(std::ostream& out, bool color, ResultSummary summary, Now now)
    : out_(out), color_(color), summary_(std::move(summary)), now_(std::move(now)) {}

void TerminalProgress::on_start(const RunResult& result) {
  running_[result.index] = {result.invocation.scanner_id, now_()};
  redraw("");
}

void TerminalProgress::on_finish(const RunResult& result) {
  running_.erase(result.index);
  redraw(colored(result));
}

void TerminalProgress::on_tick() {
  redraw("");
}

std::chrono::milliseconds TerminalProgress::tick_interval() const {
  return std::chrono::milliseconds(250);
}

std::string TerminalProgress::colored(const RunResult& result) const {
  std::string line = result_line(result, summary_);
  if (!color_) return line;
  const char* tone = ran_ok(result)                          ? kGreen
                     : result.status == RunStatus::cancelled ? kYellow
                                                             : kRed;
  return tone + line + kReset;
}

void TerminalProgress::redraw(const std::string& finished_line) {
  // Up over the block drawn last time, clear to the end of the screen, draw again.
  if (drawn_lines_ > 0) out_ << "\x1b[" << drawn_lines_ << "F\x1b[J";
  if (!finished_line.empty()) out_ << finished_line << "\n";
  auto now = now_();
  for (const auto& [index, started] : running_) {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - started.second);
    out_ << "  running " << started.first << " " << format_duration(elapsed) << "\n";
  }
  drawn_lines_ = running_.size();
  out_ << std::flush;
}

}  // namespace lamina
