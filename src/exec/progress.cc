#include "exec/progress.h"

#include <algorithm>
#include <random>

#include "util/text.h"

namespace lamina {
namespace {

std::string display_argument(const std::string& arg) {
  bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_./=:,+-@%").find(c) != std::string_view::npos;
  });
  if (plain) return arg;
  // Display only (nothing runs it): a control character in a file name is shown escaped, so
  // the argv stays on one line of the log.
  std::string quoted = "'";
  for (char c : printable(arg)) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

void append_stream(std::string& block, const char* label, const std::string& data,
                   size_t total_bytes) {
  if (data.empty()) return;
  block += std::string("--- ") + label + " ---\n";
  // A scanner's escape sequences and carriage returns are shown as text, not interpreted by the
  // terminal or the CI log viewer.
  block += printable_lines(std::string_view(data).substr(0, kShownBytesPerStream));
  if (block.back() != '\n') block += '\n';
  size_t hidden = total_bytes > kShownBytesPerStream ? total_bytes - kShownBytesPerStream : 0;
  if (hidden > 0) {
    block += "[lamina: " + std::to_string(hidden) + " more bytes of " + label + " not shown]\n";
  }
}

}  // namespace

ProgressStyle choose_progress_style(const EnvMap& env, bool is_tty) {
  if (env_or_empty(env, "GITHUB_ACTIONS") == "true") return ProgressStyle::github;
  if (env_or_empty(env, "GITLAB_CI") == "true") return ProgressStyle::gitlab;
  if (is_tty && env_or_empty(env, "TERM") != "dumb") return ProgressStyle::terminal;
  return ProgressStyle::plain;
}

bool use_color(const EnvMap& env, bool is_tty) {
  return is_tty && env_or_empty(env, "NO_COLOR").empty();
}

std::unique_ptr<RunObserver> make_progress(ProgressStyle style, std::ostream& out, bool color,
                                           ResultSummary summary) {
  switch (style) {
    case ProgressStyle::terminal:
      return std::make_unique<TerminalProgress>(out, color, std::move(summary));
    case ProgressStyle::github:
      return std::make_unique<GithubProgress>(out, std::move(summary));
    case ProgressStyle::gitlab:
      return std::make_unique<GitlabProgress>(out, std::move(summary));
    case ProgressStyle::plain:
      break;
  }
  return std::make_unique<PlainProgress>(out, std::move(summary));
}

std::string result_line(const RunResult& result, const ResultSummary& summary) {
  std::string line = result.invocation.scanner_id + ": " + describe_outcome(result);
  std::string extra = summary ? summary(result) : "";
  return extra.empty() ? line : line + ": " + extra;
}

bool ran_ok(const RunResult& result) {
  if (result.status != RunStatus::exited) return false;
  const std::vector<int>& ok = result.invocation.ok_exit_codes;
  return ok.empty() ? result.exit_code == 0
                    : std::find(ok.begin(), ok.end(), result.exit_code) != ok.end();
}

std::string raw_output_block(const RunResult& result) {
  std::string block = "$";
  for (const std::string& arg : result.argv) block += " " + display_argument(arg);
  block += "\n";
  append_stream(block, "stdout", result.stdout_data, result.stdout_bytes);
  append_stream(block, "stderr", result.stderr_data, result.stderr_bytes);
  append_stream(block, "report file", result.out_file_data, result.out_file_data.size());
  return block;
}

std::string random_token() {
  std::random_device device;
  std::string token;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", static_cast<unsigned>(device()));
    token += part;
  }
  return token;
}

PlainProgress::PlainProgress(std::ostream& out, ResultSummary summary)
    : out_(out), summary_(std::move(summary)) {}

void PlainProgress::on_start(const RunResult& result) {
  size_t files = result.invocation.files.size();
  out_ << result.invocation.scanner_id << ": started";
  if (files > 0) out_ << " on " << files << (files == 1 ? " file" : " files");
  out_ << "\n" << std::flush;
}

void PlainProgress::on_finish(const RunResult& result) {
  out_ << result_line(result, summary_) << "\n" << std::flush;
}

}  // namespace lamina
